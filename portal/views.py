"""The anonymous pages under /public/: plain views over `queries` and `lists`, cached by any
proxy for a few minutes (the objection form, which carries a CSRF token, is never cached)."""

from __future__ import annotations

import csv
import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django_ratelimit.core import is_ratelimited

from projects.models import Objection, Project
from reviews.models import AwardNomination

from . import keyset, lists, queries, services
from .forms import ObjectionForm
from .models import NoticeItem, Publication, PublicNotice

PER_PAGE = 50
public_page = cache_control(public=True, max_age=300)


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


@require_GET
@public_page
def home(request):
    now = timezone.now()
    return render(request, "portal/home.html", {
        "open_calls": queries.open_calls(now)[:8],
        "notices": [n for n in queries.notices(now) if n.is_open][:6],
        "results": lists.BY_SLUG["projects"].filtered({})[:8],
        "news": queries.publications().defer("body")[:8],
        "now": now,
    })


@require_GET
@public_page
def call_list(request):
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else None
    return render(request, "portal/calls.html", {
        "open_calls": queries.open_calls(),
        "upcoming": queries.upcoming_calls(),
        "archive": _page(request, queries.closed_calls(year)),
        "years": queries.call_years(),
        "year": year,
        "now": timezone.now(),
    })


@require_GET
@public_page
def call_detail(request, pk):
    call = get_object_or_404(queries.public_calls().select_related("program", "program__division"), pk=pk)
    return render(request, "portal/call_detail.html", {"call": call, "now": timezone.now()})


@require_GET
@public_page
def notice_list(request):
    now = timezone.now()
    awards = list(queries.award_notices())
    for nomination in awards:
        nomination.open_for_objection = services.notice_is_open(nomination, now)
    return render(request, "portal/notices.html", {
        "notices": queries.notices(now), "awards": awards, "portal_notices": queries.portal_notices(now), "now": now,
    })


@require_GET
@public_page
def public_notice(request, pk):
    notice = get_object_or_404(PublicNotice.objects.shown(), pk=pk)
    items = list(notice.items.select_related("platform__host", "subsidy__patent", "subsidy__policy"))
    is_open = services.notice_is_open(items[0]) if items else False
    return render(request, "portal/public_notice.html", {"notice": notice, "items": items, "is_open": is_open})


@require_GET
@public_page
def notice_detail(request, call_pk):
    call = get_object_or_404(queries.public_calls().select_related("program"), pk=call_pk)
    items = list(queries.notice_items(call))
    if not items:
        raise Http404
    for item in items:
        item.open_for_objection = services.notice_is_open(item)
        item.pi_display = lists.pi_name_of(item)
    return render(request, "portal/notice_detail.html", {"call": call, "items": items})


@never_cache
def objection_new(request, project_pk):
    project = get_object_or_404(Project.objects.select_related("applicant_org", "call"), pk=project_pk,
                                status__in=services.NOTICE_STATES)
    return _objection_page(request, project)


@never_cache
def objection_award(request, pk):
    nomination = get_object_or_404(AwardNomination.objects.select_related("organisation"), pk=pk,
                                   status__in=services.AWARD_NOTICE_STATES)
    return _objection_page(request, nomination)


@never_cache
def objection_item(request, pk):
    item = get_object_or_404(
        NoticeItem.objects.select_related("notice", "platform__host", "subsidy__patent"),
        pk=pk, notice__status__in=PublicNotice.Status.values,
    )
    return _objection_page(request, item)


def _objection_page(request, item):
    """The objection form for any noticed item: refused when closed, rate-limited, audited."""
    context = {"item": item, "label": services.item_label(item)}
    if not services.notice_is_open(item):
        return render(request, "portal/objection_closed.html", context, status=410)
    form = ObjectionForm(request.POST or None, request.FILES or None)
    context["form"] = form
    if request.method == "POST":
        if _limited(request):
            context["error"] = _("提交过于频繁，请稍后再试。Too many objections from this address or contact.")
            return render(request, "portal/objection_form.html", context, status=429)
        if form.is_valid():
            try:
                objection = services.file_objection(
                    item, name=form.cleaned_data["name"], contact=form.cleaned_data["contact"],
                    content=form.cleaned_data["content"], evidence=form.cleaned_data["evidence"], user=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return render(request, "portal/objection_receipt.html", {"objection": objection}, status=201)
    return render(request, "portal/objection_form.html", context, status=400 if form.errors else 200)


def _rate(group, request) -> str:
    return settings.PORTAL_OBJECTION_RATE


def _contact_key(group, request) -> str:
    return "".join(request.POST.get("contact", "").split()).lower()[:100]


def _limited(request) -> bool:
    """Per address and per contact, counted in the shared database cache (no CAPTCHA service)."""
    by_address = is_ratelimited(request, group="portal.objection.ip", key="ip", rate=_rate, increment=True)
    by_contact = is_ratelimited(request, group="portal.objection.contact", key=_contact_key, rate=_rate,
                                increment=True)
    return by_address or by_contact


@never_cache
@require_GET
def objection_status(request):
    receipt = request.GET.get("receipt", "").strip().upper()
    context = {"receipt": receipt}
    status = 200
    if receipt and not services.valid_receipt(receipt):
        context["error"] = _("回执编号格式不正确（例如 YY20261129-ABCDEFGHJK）。Malformed receipt number.")
        status = 400
    elif receipt:
        objection = Objection.objects.select_related("project__applicant_org").filter(receipt=receipt).first()
        if objection is None:
            context["error"] = _("未找到该回执编号。No objection with this receipt.")
            status = 404
        else:
            context.update(objection=objection, status=services.public_status(objection),
                           label=services.item_label(objection.item))
    return render(request, "portal/objection_status.html", context, status=status)


@login_required
@never_cache
def my_objections(request):
    objections = Objection.objects.filter(filed_by=request.user).select_related("project").order_by("-id")
    rows = [(o, services.public_status(o), services.item_label(o.item)) for o in objections]
    return render(request, "portal/my_objections.html", {"rows": rows})


@require_GET
@public_page
def document_list(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in Publication.Kind.values else ""
    return render(request, "portal/documents.html", {
        "page": _page(request, queries.publications(kind).defer("body")),
        "kind": kind, "kinds": Publication.Kind.choices,
    })


@require_GET
@public_page
def document_detail(request, pk):
    publication = get_object_or_404(Publication, pk=pk, status__in=["published", "withdrawn"])
    if publication.status == Publication.Status.WITHDRAWN:
        return render(request, "portal/withdrawn.html", {"publication": publication}, status=410)
    return render(request, "portal/document_detail.html", {
        "publication": publication, "files": services.files_of(publication),
    })


@require_GET
@public_page
def document_file(request, pk, file_pk):
    publication = get_object_or_404(Publication, pk=pk, status__in=["published", "withdrawn"])
    attachment = get_object_or_404(services.files_of(publication), pk=file_pk)
    if publication.status == Publication.Status.WITHDRAWN:  # gone with its page, and says why
        return render(request, "portal/withdrawn.html", {"publication": publication}, status=410)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:  # the record outlived its file (a restore without media): nothing to serve
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)


@require_GET
@public_page
def result_index(request):
    return render(request, "portal/results.html", {"lists": lists.LISTS})


@require_GET
@public_page
def result_list(request, slug):
    spec = lists.BY_SLUG.get(slug) or _raise404()
    page = keyset.paginate(spec.filtered(request.GET), spec.order, after=request.GET.get("after", ""),
                           before=request.GET.get("before", ""), size=PER_PAGE)
    from projects.models import Program

    return render(request, "portal/result_list.html", {
        "spec": spec, "page": page, "rows": [spec.display_row(obj) for obj in page.rows],
        "programs": Program.objects.filter(active=True).only("code", "name") if spec.program_field else (),
        "params": request.GET,
        "querystring": urlencode({k: v for k, v in request.GET.items() if k in ("year", "program")}),
    })


def _raise404():
    raise Http404


@require_GET
@public_page
def open_data(request):
    return render(request, "portal/open_data.html", {
        "lists": lists.LISTS, "snapshot": queries.latest_snapshot(), "licence": lists.LICENCE,
    })


class _Echo:
    def write(self, value):
        return value


def _csv_response(header: list, rows, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([f"# {lists.LICENCE}"])
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _json_response(title, rows: list[dict], **extra) -> HttpResponse:
    payload = {"title": str(title), "licence": str(lists.LICENCE), "generated": timezone.now(), **extra,
               "count": len(rows), "results": rows}
    return HttpResponse(json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False),
                        content_type="application/json; charset=utf-8")


@require_GET
@public_page
def list_download(request, slug, fmt):
    spec = lists.BY_SLUG.get(slug) or _raise404()
    queryset = spec.filtered(request.GET)
    if fmt == "csv":
        rows = ([col.value(obj) for col in spec.columns] for obj in queryset.iterator(chunk_size=2000))
        return _csv_response([str(col.header) for col in spec.columns], rows, f"{slug}.csv")
    return _json_response(spec.title, [spec.row(obj) for obj in queryset.iterator(chunk_size=2000)])


INDICATOR_FIELDS = ("code", "name", "unit", "target", "value")


@require_GET
@public_page
def indicator_download(request, fmt):
    snapshot = queries.latest_snapshot(request.GET.get("month", "")) or _raise404()
    rows = list(snapshot.rows.values(*INDICATOR_FIELDS))
    if fmt == "csv":
        header = [_("编号"), _("指标名称"), _("计量单位"), _("目标值"), _("完成值")]
        return _csv_response(header, ([row[f] for f in INDICATOR_FIELDS] for row in rows),
                             f"indicators-{snapshot.month:%Y-%m}.csv")
    return _json_response(_("工作要点指标完成情况"), rows, plan=snapshot.plan.title, month=snapshot.month)


def public_redirect(request):
    return redirect("portal:home")
