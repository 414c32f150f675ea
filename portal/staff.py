"""The officer side of the portal: publications (core.crud), the objection queue and the
month-end open-data snapshots. Every change is a service call."""

import django_tables2 as tables
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from core import views as generic
from core.crud import Registry
from core.permissions import require
from core.tables import DateTimeColumn
from projects.models import Objection

from . import notices, services
from . import permissions as perms
from .filters import ObjectionFilterSet, PublicationFilterSet
from .forms import AttachmentForm, NoticeForm, PublicationForm, ResolveForm, SnapshotForm
from .models import IndicatorSnapshot, Publication, PublicNotice
from .workflow import TRANSITIONS

PUBLICATIONS = Registry(
    slug="publication",
    url_segment="manage/publication",  # beside the other officer pages, away from the public site
    form_class=PublicationForm,
    filterset_class=PublicationFilterSet,
    columns=["kind", "title", "doc_number", "status", "published_at"],
    table_fields=["title", "kind", "doc_number", "status", "published_at", "corrected_at"],
    detail_fields=["kind", "title", "doc_number", "issuer", "body", "status", "published_at",
                   "withdrawn_reason", "correction_note", "corrected_at"],
    can_add=perms.can_publish,
    can_edit=perms.can_edit_publication,
    save=services.save_publication,
    transitions=TRANSITIONS,
    apply_action=services.apply_publication_action,
    title=gettext_lazy("政务公开信息"),
    related_template="portal/staff/_publication_files.html",
    extra_context=lambda request, publication: {
        "files": services.files_of(publication),
        "can_attach": perms.can_edit_publication(request.user, publication),
        "file_form": AttachmentForm(),
    },
)


class PublicationAttachView(generic.ServiceActionView):
    """POST a file onto a publication (shown and downloadable on its public page)."""

    model = Publication
    form_class = AttachmentForm
    success_message = gettext_lazy("已上传附件。File attached.")

    def get_object(self, request, pk) -> Publication:
        publication = get_object_or_404(Publication, pk=pk)
        require(perms.can_edit_publication(request.user, publication))
        return publication

    def run(self, request, publication) -> None:
        services.attach_to_publication(request.user, publication, self.form.cleaned_data["file"])


class ObjectionTable(tables.Table):
    receipt = tables.Column(linkify=("portal:objection_detail", {"pk": tables.A("pk")}))
    item = tables.Column(verbose_name=gettext_lazy("公示事项"), accessor="pk", orderable=False)
    recorded_at = DateTimeColumn(verbose_name=gettext_lazy("提交时间"), format="Y-m-d H:i")
    status = tables.Column(verbose_name=gettext_lazy("处理状态"), accessor="pk", orderable=False)

    class Meta:
        model = Objection
        fields = ["receipt", "item", "source", "recorded_at", "status"]
        attrs = {"class": "table table-sm table-hover", "id": "objection-table"}

    def render_item(self, record):
        return services.item_label(record.item)

    def render_status(self, record):
        return services.public_status(record)


class ObjectionQueueView(generic.ObjectListView):
    filterset_class = ObjectionFilterSet
    table_class = ObjectionTable
    title = gettext_lazy("公示异议")
    can_view = staticmethod(perms.can_view)

    def get_queryset(self, request):
        return (Objection.objects.select_related("project__applicant_org", "target_type")
                .prefetch_related("target").order_by("resolved_at", "-recorded_at"))


class ObjectionDetailView(generic.ServiceFormView):
    form_class = ResolveForm
    template_name = "portal/staff/objection_detail.html"
    success_message = gettext_lazy("已办理。Done.")

    def get_object(self, request, pk=None) -> Objection:
        require(perms.can_view(request.user))
        objection = get_object_or_404(Objection.objects.select_related("project", "project__applicant_org"), pk=pk)
        if request.method == "POST":
            require(perms.can_resolve(request.user, objection))
        return objection

    def get_context(self, request, objection, form) -> dict:
        item = objection.item
        record = getattr(item, "record", item)  # a portal notice line links to its platform or claim
        return {
            "objection": objection,
            "item": record,
            "label": services.item_label(item),
            "item_url": record.get_absolute_url(),
            "title": str(objection),
            "evidence": services.evidence_of(objection),
            "status": services.public_status(objection),
            "can_resolve": objection.resolved_at is None and perms.can_resolve(request.user, objection),
        }

    def run(self, request, objection, form) -> None:
        services.resolve_objection(request.user, objection, upheld=form.cleaned_data["upheld"],
                                   resolution=form.cleaned_data["resolution"])

    def next_url(self, objection, result) -> str:
        return reverse("portal:objection_detail", args=[objection.pk])


class PublishingPage(generic.ServiceFormView):
    """A staff page that lists what the portal has published and holds the form publishing more:
    every staff member reads it; officers post."""

    def get_object(self, request, pk=None) -> None:
        require(perms.can_publish(request.user) if request.method == "POST" else perms.can_view(request.user))


class SnapshotView(PublishingPage):
    """The published month-end figures, and the button that publishes the next month."""

    form_class = SnapshotForm
    template_name = "portal/staff/snapshots.html"
    title = gettext_lazy("指标月度公开数据")
    success_message = gettext_lazy("已发布。Published.")

    def get_context(self, request, obj, form) -> dict:
        return {
            "snapshots": IndicatorSnapshot.objects.select_related("plan", "published_by")[:60],
            "can_publish": perms.can_publish(request.user),
        }

    def run(self, request, obj, form) -> None:
        services.publish_snapshot(request.user, form.cleaned_data["plan"], form.cleaned_data["month"])

    def next_url(self, obj, result) -> str:
        return reverse("portal:snapshots")


class NoticeListView(PublishingPage):
    """The portal's own notices (platform recognitions, subsidy lists), and the form opening one."""

    form_class = NoticeForm
    template_name = "portal/staff/notices.html"
    title = gettext_lazy("平台认定和资助名单公示")
    success_message = gettext_lazy("已发布公示。Notice opened.")

    def get_context(self, request, obj, form) -> dict:
        return {
            "notices": PublicNotice.objects.annotate(lines=Count("items"))[:100],
            "can_publish": perms.can_publish(request.user),
        }

    def run(self, request, obj, form) -> PublicNotice:
        data = form.cleaned_data
        return notices.open_notice(request.user, kind=data["kind"], title=data["title"], starts_at=data["starts_at"],
                                   ends_at=data["ends_at"], records=form.records())


class NoticeDetailView(generic.ServiceActionView):
    """A portal notice with its lines and objections; its POST closes the notice."""

    model = PublicNotice
    success_message = gettext_lazy("公示已结束。Notice closed.")

    def get(self, request, pk):
        require(perms.can_view(request.user))
        notice = self.get_object(request, pk)
        items = notice.items.select_related("platform__host", "subsidy__patent")
        return render(request, "portal/staff/notice_detail.html", {
            "title": str(notice), "notice": notice, "items": items,
            "objections": notices.objections_of(notice),
            "can_close": notice.status == PublicNotice.Status.OPEN and perms.can_publish(request.user),
        })

    def run(self, request, notice) -> None:
        require(perms.can_publish(request.user))
        notices.close_notice(request.user, notice)
