"""Every change to patents, the subsidy and IP advantage units: permission, validation, one
transaction, audit entry (DESIGN.md rule 1)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from core import audit
from core import services as core_services
from core.permissions import require
from core.services import bulk_create_forms, form_changes, save_form
from core.workflow import transition
from credit.services import is_blacklisted

from . import permissions, workflow
from .forms import IPAdvantageForm, PatentForm, RegionPopulationForm, SubsidyApplicationForm, SubsidyPolicyForm
from .models import IPAdvantage, Patent, RegionPopulation, SubsidyApplication, SubsidyPolicy, SubsidyRate

if TYPE_CHECKING:
    from accounts.models import User

# --- patents --------------------------------------------------------------------


def save_patent(actor: User, form: PatentForm, instance: Patent | None = None) -> Patent:
    return save_form(actor, form, instance, permissions.can_add_patent, permissions.can_edit_patent)


def save_patents(actor: User, forms: list[PatentForm]) -> list[Patent]:
    """An import's patents at once: save_patent's checks, batched INSERTs (core.crud)."""
    return bulk_create_forms(actor, forms, permissions.can_add_patent, permissions.can_edit_patent)


def delete_patent(actor: User, patent: Patent) -> None:
    require(permissions.can_manage(actor))
    if patent.subsidy_applications.exists():
        raise ValidationError(_("该专利已申请资助,不能删除。A subsidy was claimed for this patent."))
    core_services.delete(actor, patent)


def save_population(
    actor: User, form: RegionPopulationForm, instance: RegionPopulation | None = None,
) -> RegionPopulation:
    return save_form(actor, form, instance, permissions.can_manage, permissions.can_manage)


def save_advantage(actor: User, form: IPAdvantageForm, instance: IPAdvantage | None = None) -> IPAdvantage:
    return save_form(actor, form, instance, permissions.can_manage, permissions.can_manage)


# --- subsidy policy ---------------------------------------------------------------


def save_policy(actor: User, form: SubsidyPolicyForm, instance: SubsidyPolicy | None = None) -> SubsidyPolicy:
    """The policy and its rate table change together, in one transaction and one audit entry each."""
    require(permissions.can_manage(actor))
    with transaction.atomic():
        if instance is None:
            policy = core_services.create(actor, form.save(commit=False))
        else:
            policy = core_services.update(actor, instance, form_changes(form))
        before = {f"{r.kind}/{r.stage}": str(r.amount) for r in policy.rates.all()}
        policy.rates.all().delete()
        SubsidyRate.objects.bulk_create(
            SubsidyRate(policy=policy, kind=kind, stage=stage, amount=amount)
            for (kind, stage), amount in form.rates().items()
        )
        after = {f"{k}/{s}": str(a) for (k, s), a in form.rates().items()}
        if before != after:
            audit.record(actor, "rates", policy, before=before, after=after)
    return policy


# --- subsidy applications -----------------------------------------------------------


def rate_for(policy: SubsidyPolicy, patent: Patent, stage: str) -> Decimal:
    rate = policy.rates.filter(kind=patent.kind, stage=stage).first()
    if rate is None:
        raise ValidationError(
            _("%(year)s年政策不资助%(kind)s的该阶段。This type/stage is not subsidised.")
            % {"year": policy.year, "kind": patent.get_kind_display()},
            code="no_rate",
        )
    return rate.amount


def applicant_total(policy: SubsidyPolicy, patent: Patent, exclude_pk: int | None = None) -> Decimal:
    """What this patent's first applicant already holds or claims under the policy."""
    queryset = policy.applications.filter(status__in=SubsidyApplication.ACTIVE).exclude(pk=exclude_pk)
    if patent.applicant_organisation_id:
        queryset = queryset.filter(patent__applicant_organisation_id=patent.applicant_organisation_id)
    elif patent.applicant_person_id:
        queryset = queryset.filter(patent__applicant_person_id=patent.applicant_person_id)
    else:
        queryset = queryset.filter(patent__applicant_name=patent.applicant_name, patent__region=patent.region_id)
    return queryset.aggregate(s=Sum("amount"))["s"] or Decimal("0")


def check_eligible(
    policy: SubsidyPolicy, patent: Patent, stage: str, amount: Decimal, exclude_pk: int | None = None
) -> None:
    """The rules of the subsidy, checked at submission and again at approval."""
    day = patent.filing_date if stage == SubsidyRate.Stage.APPLICATION else patent.grant_date
    if day is None or day.year != policy.year:
        raise ValidationError(
            _("%(year)s年政策只资助当年申请(授权)的专利。Not filed/granted in the policy year.")
            % {"year": policy.year},
            code="wrong_year",
        )
    subject = patent.applicant
    if subject is not None and is_blacklisted(subject):
        raise ValidationError(
            _("申请人已列入科研诚信黑名单,不予资助。The applicant is blacklisted."), code="blacklisted"
        )
    active = SubsidyApplication.objects.filter(patent=patent, stage=stage, status__in=SubsidyApplication.ACTIVE)
    if active.exclude(pk=exclude_pk).exists():
        raise ValidationError(
            _("该专利此阶段已申请或已获资助。This patent was already subsidised for this stage."),
            code="duplicate",
        )
    held = applicant_total(policy, patent, exclude_pk)
    if held + amount > policy.cap_per_applicant:
        raise ValidationError(
            _("超过单个申请人资助上限 %(cap)s 元(已申请 %(held)s 元)。Over the per-applicant cap.")
            % {"cap": policy.cap_per_applicant, "held": held},
            code="over_cap",
        )
    if amount > policy.remaining():
        raise ValidationError(
            _("资助资金余额不足(剩余 %(left)s 元)。Not enough budget left.") % {"left": policy.remaining()},
            code="over_budget",
        )


def submit_subsidy(
    actor: User, form: SubsidyApplicationForm, instance: SubsidyApplication | None = None
) -> SubsidyApplication:
    if instance is not None:
        raise ValidationError(_("资助申请提交后不能修改,请撤回后重新申请。Withdraw and apply again."), code="immutable")
    policy: SubsidyPolicy = form.cleaned_data["policy"]
    patent: Patent = form.cleaned_data["patent"]
    stage: str = form.cleaned_data["stage"]
    require(permissions.can_add_subsidy(actor) and permissions.can_apply_subsidy(actor, patent))
    with transaction.atomic():
        # Lock the policy so two claims cannot both pass the cap/budget check.
        policy = SubsidyPolicy.objects.select_for_update().get(pk=policy.pk)
        if not policy.is_open:
            raise ValidationError(_("该年度资助已停止受理。The policy is closed."), code="closed")
        amount = rate_for(policy, patent, stage)
        check_eligible(policy, patent, stage, amount)
        application = SubsidyApplication(
            policy=policy,
            patent=patent,
            stage=stage,
            amount=amount,
            submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        return core_services.create(actor, application)


def act_on_subsidy(
    actor: User, application: SubsidyApplication, action: str, comment: str = "", **data: Any
) -> SubsidyApplication:
    return transition(application, action, actor, workflow.SUBSIDY_TRANSITIONS, comment=comment, **data)
