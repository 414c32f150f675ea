"""Pages of the registries, declared as `Registry` specs (see crud.py)."""

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.crud import Registry, code_of
from core.xlsx import Column

from . import filters, forms, permissions, services, workflow
from . import models as m


def _platform_context(request, platform: m.Platform) -> dict:
    # The evaluation round is the latest year anyone reported for (last year if none yet).
    last_year = m.PlatformAnnualReport.objects.aggregate(year=Max("year"))["year"] or timezone.localdate().year - 1
    return {
        "annual_reports": platform.annual_reports.order_by("-year"),
        "incubator_reports": platform.incubator_reports.order_by("-period_end")[:12],
        "flag_year": last_year,
        "flagged": m.Platform.objects.filter(pk=platform.pk).flagged(last_year).exists(),
    }


PLATFORMS = Registry(
    slug="platform",
    form_class=forms.PlatformForm,
    filterset_class=filters.PlatformFilterSet,
    columns=[
        "name", "kind", "level",
        Column(_("依托单位信用代码"), "host", code_of("host")),
        Column(_("主管科室"), "division", lambda p: p.division.code if p.division else ""),
        "approved_on", "field", "description",
    ],
    table_fields=["name", "kind", "level", "host", "status", "recognised_on"],
    detail_fields=["name", "kind", "level", "host", "division", "status", "approved_on", "recognised_on",
                   "revoked_on", "field", "description"],
    can_add=permissions.can_file,
    can_edit=permissions.can_edit_platform,
    save=services.save_platform,
    can_delete=permissions.can_delete,
    delete=services.delete_platform,
    can_import=permissions.can_manage,
    transitions=workflow.PLATFORM_TRANSITIONS,
    apply_action=services.act_on_platform,
    related_template="registries/_platform_related.html",
    extra_context=_platform_context,
)

ANNUAL_REPORTS = Registry(
    slug="report",
    form_class=forms.PlatformAnnualReportForm,
    filterset_class=filters.PlatformAnnualReportFilterSet,
    columns=[
        Column(_("平台ID"), "platform", lambda r: r.platform_id),
        Column(_("平台"), "platform__name"),
        "year", "summary", "rd_investment", "staff", "status",
    ],
    # m.Platform names repeat across hosts, so a sheet names its platform by id (as the export does).
    import_columns=[
        Column(_("平台ID"), "platform"),
        "year", "summary", "rd_investment", "staff",
    ],
    can_import=permissions.can_file,
    table_fields=["platform", "year", "rd_investment", "staff", "status"],
    detail_fields=[*forms.PlatformAnnualReportForm.Meta.fields, "status"],
    can_add=permissions.can_file,
    can_edit=permissions.can_edit_annual_report,
    save=services.save_annual_report,
    api_name="registries/annual-reports",
    transitions=workflow.REPORT_TRANSITIONS,
    apply_action=services.act_on_annual_report,
)

INCUBATOR_REPORTS = Registry(
    slug="incubator",
    form_class=forms.IncubatorReportForm,
    filterset_class=filters.IncubatorReportFilterSet,
    columns=[
        Column(_("孵化器ID"), "platform", lambda r: r.platform_id),
        Column(_("孵化器"), "platform__name"),
        "period_end", "area_m2", "tenants", "admitted", "graduated",
    ],
    import_columns=[
        Column(_("孵化器ID"), "platform"),
        "period_end", "area_m2", "tenants", "admitted", "graduated",
    ],
    can_import=permissions.can_file,
    table_fields=["platform", "period_end", "area_m2", "tenants", "admitted", "graduated"],
    can_add=permissions.can_file,
    can_edit=permissions.can_edit_incubator_report,
    save=services.save_incubator_report,
    api_name="registries/incubator-reports",
)

HIGH_TECH_ENTERPRISES = Registry(
    slug="hightech",
    form_class=forms.HighTechEnterpriseForm,
    filterset_class=filters.HighTechEnterpriseFilterSet,
    columns=[
        Column(_("企业信用代码"), "organisation", code_of("organisation")),
        "field", "status", "certificate_no", "certified_on", "valid_until",
    ],
    kept_by=permissions.can_manage,
    save=services.save_high_tech_enterprise,
    can_import=permissions.can_manage,
    unique=("certificate_no",),
    api_name="registries/high-tech-enterprises",
)

HIGH_TECH_PRODUCTS = Registry(
    slug="product",
    form_class=forms.HighTechProductForm,
    filterset_class=filters.HighTechProductFilterSet,
    columns=[
        Column(_("企业信用代码"), "organisation", code_of("organisation")),
        "name", "field", "certificate_no", "recognised_on",
    ],
    table_fields=["name", "organisation", "field", "certificate_no", "recognised_on"],
    detail_fields=["name", "organisation", "field", "certificate_no", "recognised_on"],
    kept_by=permissions.can_manage,
    save=services.save_high_tech_product,
    can_import=permissions.can_manage,
    api_name="registries/high-tech-products",
)

ALLIANCES = Registry(
    slug="alliance",
    form_class=forms.AllianceForm,
    filterset_class=filters.AllianceFilterSet,
    columns=[
        "name",
        Column(_("牵头单位信用代码"), "lead", code_of("lead")),
        Column(_("成员单位信用代码"), "members", lambda a: " ".join(m.credit_code for m in a.members.all())),
        "founded_on", "field",
    ],
    can_import=permissions.can_manage,
    table_fields=["name", "lead", "founded_on", "field"],
    detail_fields=["name", "lead", "founded_on", "field"],
    can_add=permissions.can_manage,
    can_edit=permissions.can_edit_alliance,
    save=services.save_alliance,
    related_template="registries/_alliance_members.html",
    extra_context=lambda request, alliance: {"members": alliance.members.order_by("name")},
)

ENTERPRISE_REPORTS = Registry(
    slug="figures",
    form_class=forms.EnterpriseReportForm,
    filterset_class=filters.EnterpriseReportFilterSet,
    columns=[
        Column(_("单位信用代码"), "organisation", code_of("organisation")),
        "year", "month", "total_revenue", "industrial_output", "high_tech_output", "high_tech_added_value",
        "rd_investment", "super_deduction",
    ],
    table_fields=["organisation", "year", "month", "total_revenue", "high_tech_output", "rd_investment"],
    can_add=permissions.can_file,
    can_edit=permissions.can_edit_enterprise_report,
    save=services.save_enterprise_report,
    can_import=permissions.can_manage,
    api_name="registries/enterprise-figures",
)

REGISTRIES = [
    PLATFORMS,
    ANNUAL_REPORTS,
    INCUBATOR_REPORTS,
    HIGH_TECH_ENTERPRISES,
    HIGH_TECH_PRODUCTS,
    ALLIANCES,
    ENTERPRISE_REPORTS,
]
