"""Pages of the talent registers, declared as `Registry` specs (see core/crud.py)."""

from django.utils.translation import gettext_lazy as _

from core.crud import Registry, code_of, model_columns
from core.xlsx import Column

from . import permissions, services, workflow
from .filters import ProgrammeFilterSet, TalentFilterSet, TalentReportFilterSet
from .forms import ProgrammeForm, TalentForm, TalentReportForm
from .models import Talent

PROGRAMMES = Registry(
    slug="programme",
    form_class=ProgrammeForm,
    filterset_class=ProgrammeFilterSet,
    columns=[
        "name", "kind", "level",
        Column(_("主管科室"), "division", lambda p: p.division.code if p.division else ""),
        "cap", "description",
    ],
    table_fields=["name", "kind", "level", "cap"],
    kept_by=permissions.can_manage,
    save=services.save_programme,
    select_related=("division",),
    related_template="talent/_talents.html",
    extra_context=lambda request, programme: {
        "talents": Talent.objects.visible_to(request.user)
        .filter(programme=programme)
        .select_related("person", "organisation")[:200],
    },
)

TALENT_COLUMNS = model_columns(
    Talent,
    Column(_("人才计划"), "programme", lambda t: t.programme.name),
    Column(_("人员ID"), "person", lambda t: t.person_id),
    Column(_("用人单位信用代码"), "organisation", code_of("organisation")),
    Column(_("工作站ID"), "station", lambda t: t.station_id or ""),
    "origin", "field", "supported_on", "funding",
)

TALENTS = Registry(
    slug="talent",
    form_class=TalentForm,
    filterset_class=TalentFilterSet,
    columns=[Column(_("姓名"), "person__name"), *TALENT_COLUMNS, "status"],
    import_columns=TALENT_COLUMNS,  # the bureau receives the lists of people selected
    can_import=permissions.can_manage,
    table_fields=["person", "programme", "organisation", "origin", "supported_on", "funding", "status"],
    detail_fields=["person", "programme", "organisation", "station", "origin", "field", "supported_on", "funding",
                   "status"],
    kept_by=permissions.can_manage,
    save=services.save_talent,
    transitions=workflow.TALENT_TRANSITIONS,
    apply_action=services.act_on_talent,
    related_template="talent/_reports.html",
    extra_context=lambda request, talent: {"reports": talent.reports.order_by("-year")},
)

REPORTS = Registry(
    slug="report",
    form_class=TalentReportForm,
    filterset_class=TalentReportFilterSet,
    columns=[
        Column(_("人才ID"), "talent", lambda r: r.talent_id),
        Column(_("姓名"), "talent__person__name"),
        "year", "projects", "papers", "patents", "revenue", "summary", "status",
    ],
    table_fields=["talent", "year", "projects", "papers", "patents", "revenue", "status"],
    detail_fields=[*TalentReportForm.Meta.fields, "status"],
    can_add=permissions.can_file,
    can_edit=permissions.can_edit_report,
    save=services.save_report,
    select_related=("talent__person",),
    transitions=workflow.REPORT_TRANSITIONS,
    apply_action=services.act_on_report,
)

REGISTRIES = [PROGRAMMES, TALENTS, REPORTS]
