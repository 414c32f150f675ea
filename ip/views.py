"""Pages of the IP registers (declared as `Registry` specs) and the patent statistics page."""

import datetime as dt

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from core.crud import Registry, code_of, model_columns
from core.permissions import require
from core.xlsx import Column

from . import permissions, queries, services, workflow
from .filters import (
    IPAdvantageFilterSet,
    PatentFilterSet,
    RegionPopulationFilterSet,
    SubsidyApplicationFilterSet,
    SubsidyPolicyFilterSet,
)
from .forms import (
    IPAdvantageForm,
    PatentForm,
    RegionPopulationForm,
    SubsidyApplicationForm,
    SubsidyPolicyForm,
)
from .models import Patent, SubsidyApplication, SubsidyPolicy

PATENT_COLUMNS = model_columns(
    Patent,
    "number", "title", "kind", "status", "filing_date", "grant_date", "lapse_date",
    Column(_("第一申请人信用代码"), "applicant_organisation", code_of("applicant_organisation")),
    "applicant_name", "co_applicants",
    Column(_("所属县区代码"), "region", code_of("region")),
)


def _policy_context(request, policy: SubsidyPolicy) -> dict:
    return {
        "committed": policy.committed(),
        "remaining": policy.remaining(),
        "rates": policy.rates.all(),
    }


def _subsidy_context(request, application: SubsidyApplication) -> dict:
    return {
        "committed": application.policy.committed(),
        "remaining": application.policy.remaining(),
        "rates": [],
    }


PATENTS = Registry(
    slug="patent",
    form_class=PatentForm,
    filterset_class=PatentFilterSet,
    columns=PATENT_COLUMNS,
    table_fields=["number", "title", "kind", "status", "filing_date", "grant_date", "applicant_name", "region"],
    can_add=permissions.can_add_patent,
    can_edit=permissions.can_edit_patent,
    save=services.save_patent,
    can_delete=permissions.can_delete_patent,
    delete=services.delete_patent,
    can_import=permissions.can_manage,
    unique=("number",),
    import_form_kwargs=lambda: {"seen_numbers": set()},
    save_all=services.save_patents,
)

POPULATION = Registry(
    slug="population",
    form_class=RegionPopulationForm,
    filterset_class=RegionPopulationFilterSet,
    columns=[
        Column(_("区划代码"), "region", code_of("region")),
        "year", "population",
    ],
    kept_by=permissions.can_manage,
    save=services.save_population,
    can_import=permissions.can_manage,
)

POLICIES = Registry(
    slug="policy",
    api_name="ip/policies",
    form_class=SubsidyPolicyForm,
    filterset_class=SubsidyPolicyFilterSet,
    columns=["year", "title", "total_budget", "cap_per_applicant", "is_open"],
    table_fields=["title", "year", "total_budget", "cap_per_applicant", "is_open"],
    kept_by=permissions.can_manage,
    save=services.save_policy,
    related_template="ip/_policy_budget.html",
    extra_context=_policy_context,
)

SUBSIDIES = Registry(
    slug="subsidy",
    api_name="ip/subsidies",
    form_class=SubsidyApplicationForm,
    filterset_class=SubsidyApplicationFilterSet,
    columns=[
        Column(_("年度"), "policy", lambda a: a.policy.year),
        Column(_("申请号"), "patent", lambda a: a.patent.number),
        Column(_("专利名称"), "patent__title"),
        "stage", "amount", "status", "paid_on",
    ],
    table_fields=["patent", "policy", "stage", "amount", "status", "paid_on"],
    detail_fields=["policy", "patent", "stage", "amount", "status", "submitted_by", "paid_on", "voucher_no"],
    can_add=permissions.can_add_subsidy,
    can_edit=lambda user, obj: False,
    save=services.submit_subsidy,
    # A sheet of claims goes through the same checks as one claim (caps and budget counted row
    # by row, in one transaction).
    import_columns=[Column(_("资助年度"), "policy"), Column(_("专利申请号"), "patent"), "stage"],
    can_import=permissions.can_add_subsidy,
    transitions=workflow.SUBSIDY_TRANSITIONS,
    apply_action=services.act_on_subsidy,
    related_template="ip/_policy_budget.html",
    extra_context=_subsidy_context,
)

ADVANTAGES = Registry(
    slug="advantage",
    form_class=IPAdvantageForm,
    filterset_class=IPAdvantageFilterSet,
    columns=[
        "kind", "level",
        Column(_("区划代码"), "region", code_of("region")),
        Column(_("企业信用代码"), "organisation", code_of("organisation")),
        "status", "recognised_on",
    ],
    kept_by=permissions.can_manage,
    save=services.save_advantage,
    can_import=permissions.can_manage,
)

REGISTRIES = [PATENTS, POPULATION, POLICIES, SUBSIDIES, ADVANTAGES]


class PatentStatisticsView(LoginRequiredMixin, View):
    """The yearly figures as reported officially, for the city and each county."""

    def get(self, request):
        require(permissions.can_view(request.user))
        today = timezone.localdate()
        try:
            year = int(request.GET.get("year") or today.year)
            dt.date(year, 1, 1)
        except ValueError:
            year = today.year
        rows, total = queries.region_table(year)
        return render(
            request, "ip/statistics.html", {"title": _("专利统计"), "year": year, "rows": rows, "total": total}
        )
