"""Pages of the talent registers, declared as `Registry` specs (see core/crud.py)."""

from django.utils.translation import gettext_lazy as _

from core.crud import Registry
from core.xlsx import Column
from registries.views import credit_code

from . import permissions, services, workflow
from .filters import ProgrammeFilterSet, TalentFilterSet, TalentReportFilterSet
from .forms import ProgrammeForm, TalentForm, TalentReportForm
from .models import Programme, Talent, TalentReport

PROGRAMMES = Registry(
    app="talent",
    slug="programme",
    model=Programme,
    form_class=ProgrammeForm,
    filterset_class=ProgrammeFilterSet,
    columns=[
        Column(_("计划名称"), "name"),
        Column(_("计划类别"), "kind"),
        Column(_("级别"), "level"),
        Column(_("主管科室"), "division", lambda p: p.division.code if p.division else ""),
        Column(_("每人资助上限(元)"), "cap"),
        Column(_("计划说明"), "description"),
    ],
    table_fields=["name", "kind", "level", "cap"],
    detail_fields=["name", "kind", "level", "division", "cap", "description"],
    can_view=permissions.can_view,
    can_add=permissions.can_manage,
    can_edit=permissions.can_manage,
    save=services.save_programme,
    select_related=("division",),
    extra_context=lambda request, programme: {
        "related_template": "talent/_talents.html",
        "talents": Talent.objects.visible_to(request.user)
        .filter(programme=programme)
        .select_related("person", "organisation")[:200],
    },
)

TALENT_COLUMNS = [
    Column(_("人才计划"), "programme", lambda t: t.programme.name),
    Column(_("人员ID"), "person", lambda t: t.person_id),
    Column(_("用人单位信用代码"), "organisation", credit_code("organisation")),
    Column(_("工作站ID"), "station", lambda t: t.station_id or ""),
    Column(_("来源"), "origin"),
    Column(_("专业领域"), "field"),
    Column(_("入选日期"), "supported_on"),
    Column(_("资助金额(元)"), "funding"),
]

TALENTS = Registry(
    app="talent",
    slug="talent",
    model=Talent,
    form_class=TalentForm,
    filterset_class=TalentFilterSet,
    columns=[Column(_("姓名"), "person__name"), *TALENT_COLUMNS, Column(_("状态"), "status")],
    import_columns=TALENT_COLUMNS,  # the bureau receives the lists of people selected
    can_import=permissions.can_manage,
    table_fields=["person", "programme", "organisation", "origin", "supported_on", "funding", "status"],
    detail_fields=[
        "person",
        "programme",
        "organisation",
        "station",
        "origin",
        "field",
        "supported_on",
        "funding",
        "status",
    ],
    can_view=permissions.can_view,
    can_add=permissions.can_manage,
    can_edit=permissions.can_manage,
    save=services.save_talent,
    select_related=("person", "programme", "organisation"),
    transitions=workflow.TALENT_TRANSITIONS,
    apply_action=services.act_on_talent,
    extra_context=lambda request, talent: {
        "related_template": "talent/_reports.html",
        "reports": talent.reports.order_by("-year"),
    },
)

REPORTS = Registry(
    app="talent",
    slug="report",
    model=TalentReport,
    form_class=TalentReportForm,
    filterset_class=TalentReportFilterSet,
    columns=[
        Column(_("人才ID"), "talent", lambda r: r.talent_id),
        Column(_("姓名"), "talent__person__name"),
        Column(_("年度"), "year"),
        Column(_("承担项目数"), "projects"),
        Column(_("发表论文数"), "papers"),
        Column(_("申请专利数"), "patents"),
        Column(_("创业企业营业收入(元)"), "revenue"),
        Column(_("年度工作总结"), "summary"),
        Column(_("状态"), "status"),
    ],
    table_fields=["talent", "year", "projects", "papers", "patents", "revenue", "status"],
    detail_fields=["talent", "year", "projects", "papers", "patents", "revenue", "summary", "status"],
    can_view=permissions.can_view,
    can_add=permissions.can_file,
    can_edit=permissions.can_edit_report,
    save=services.save_report,
    select_related=("talent__person",),
    api_name="talent/reports",
    transitions=workflow.REPORT_TRANSITIONS,
    apply_action=services.act_on_report,
)

REGISTRIES = [PROGRAMMES, TALENTS, REPORTS]
