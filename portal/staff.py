"""The officer side of the portal: publications (core.crud), the objection queue and the
month-end open-data snapshots. Every change is a service call."""

import django_tables2 as tables
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

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


class PublicationAttachView(LoginRequiredMixin, View):
    """POST a file onto a publication (shown and downloadable on its public page)."""

    def post(self, request, pk):
        publication = Publication.objects.filter(pk=pk).first()
        if publication is None:
            raise Http404
        require(perms.can_edit_publication(request.user, publication))
        form = AttachmentForm(request.POST, request.FILES)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors["file"])
            services.attach_to_publication(request.user, publication, form.cleaned_data["file"])
        except ValidationError as exc:
            messages.error(request, generic.error_text(exc))
        else:
            messages.success(request, _("已上传附件。File attached."))
        return redirect(publication.get_absolute_url())


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


class ObjectionDetailView(LoginRequiredMixin, View):
    template_name = "portal/staff/objection_detail.html"

    def get(self, request, pk, form=None):
        require(perms.can_view(request.user))
        objection = self._get(pk)
        item = objection.item
        record = getattr(item, "record", item)  # a portal notice line links to its platform or claim
        return render(request, self.template_name, {
            "objection": objection,
            "item": record,
            "label": services.item_label(item),
            "item_url": record.get_absolute_url(),
            "title": str(objection),
            "evidence": services.evidence_of(objection),
            "status": services.public_status(objection),
            "can_resolve": objection.resolved_at is None and perms.can_resolve(request.user, objection),
            "form": form or ResolveForm(),
        })

    def post(self, request, pk):
        require(perms.can_view(request.user))
        objection = self._get(pk)
        require(perms.can_resolve(request.user, objection))
        form = ResolveForm(request.POST)
        if not form.is_valid():
            return self.get(request, pk, form=form)
        try:
            services.resolve_objection(request.user, objection, upheld=form.cleaned_data["upheld"],
                                       resolution=form.cleaned_data["resolution"])
        except ValidationError as exc:
            messages.error(request, generic.error_text(exc))
        else:
            messages.success(request, _("已办理。Done."))
        return redirect("portal:objection_detail", pk=pk)

    @staticmethod
    def _get(pk):
        objection = Objection.objects.select_related("project", "project__applicant_org").filter(pk=pk).first()
        if objection is None:
            raise Http404
        return objection


class SnapshotView(LoginRequiredMixin, View):
    """The published month-end figures, and the button that publishes the next month."""

    template_name = "portal/staff/snapshots.html"

    def get(self, request, form=None):
        require(perms.can_view(request.user))
        return render(request, self.template_name, {
            "title": _("指标月度公开数据"),
            "snapshots": IndicatorSnapshot.objects.select_related("plan", "published_by")[:60],
            "can_publish": perms.can_publish(request.user),
            "form": form or SnapshotForm(),
        })

    def post(self, request):
        require(perms.can_publish(request.user))
        form = SnapshotForm(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        try:
            services.publish_snapshot(request.user, form.cleaned_data["plan"], form.cleaned_data["month"])
        except ValidationError as exc:
            messages.error(request, generic.error_text(exc))
        else:
            messages.success(request, _("已发布。Published."))
        return redirect("portal:snapshots")


class NoticeListView(LoginRequiredMixin, View):
    """The portal's own notices (platform recognitions, subsidy lists), and the form opening one."""

    template_name = "portal/staff/notices.html"

    def get(self, request, form=None):
        require(perms.can_view(request.user))
        return render(request, self.template_name, {
            "title": _("平台认定和资助名单公示"),
            "notices": PublicNotice.objects.annotate(lines=Count("items"))[:100],
            "can_publish": perms.can_publish(request.user),
            "form": form or NoticeForm(),
        })

    def post(self, request):
        require(perms.can_publish(request.user))
        form = NoticeForm(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        try:
            notice = notices.open_notice(
                request.user, kind=form.cleaned_data["kind"], title=form.cleaned_data["title"],
                starts_at=form.cleaned_data["starts_at"], ends_at=form.cleaned_data["ends_at"], records=form.records(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.get(request, form=form)
        messages.success(request, _("已发布公示。Notice opened."))
        return redirect(notice.get_absolute_url())


class NoticeDetailView(LoginRequiredMixin, View):
    template_name = "portal/staff/notice_detail.html"

    def get(self, request, pk):
        require(perms.can_view(request.user))
        notice = self._get(pk)
        items = notice.items.select_related("platform__host", "subsidy__patent")
        return render(request, self.template_name, {
            "title": str(notice), "notice": notice, "items": items,
            "objections": notices.objections_of(notice),
            "can_close": notice.status == PublicNotice.Status.OPEN and perms.can_publish(request.user),
        })

    def post(self, request, pk):
        require(perms.can_publish(request.user))
        try:
            notices.close_notice(request.user, self._get(pk))
        except ValidationError as exc:
            messages.error(request, generic.error_text(exc))
        else:
            messages.success(request, _("公示已结束。Notice closed."))
        return redirect("portal:notice_manage", pk=pk)

    @staticmethod
    def _get(pk) -> PublicNotice:
        notice = PublicNotice.objects.filter(pk=pk).first()
        if notice is None:
            raise Http404
        return notice
