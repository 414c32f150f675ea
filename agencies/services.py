"""Every change to agencies, their services, evaluations and technology contracts: permission,
validation, one transaction, audit entry (DESIGN.md rule 1)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core import services as core_services
from core.permissions import require
from core.services import form_changes, save_form
from core.workflow import transition
from credit.services import is_blacklisted

from . import permissions, workflow
from .forms import AgencyEvaluationForm, AgencyForm, AgencyServiceForm, ContractForm
from .models import Agency, AgencyEvaluation, AgencyService, TechContract

if TYPE_CHECKING:
    from accounts.models import User

# Score → grade of the yearly evaluation (优秀 ≥ 90, 良好 ≥ 75, 合格 ≥ 60).
GRADES = ((Decimal("90"), "excellent"), (Decimal("75"), "good"), (Decimal("60"), "pass"))


def grade_for(score: Decimal) -> str:
    return next((grade for threshold, grade in GRADES if score >= threshold), "fail")


def save_agency(actor: User, form: AgencyForm, instance: Agency | None = None) -> Agency:
    return save_form(actor, form, instance, permissions.can_manage, permissions.can_edit_agency)


def check_not_blacklisted(agency: Agency) -> None:
    """A blacklisted agency cannot be named on an application (its service records and the
    application's own 申报代理机构 field alike)."""
    if is_blacklisted(agency.organisation):
        raise ValidationError(
            _(
                "该中介机构已列入科研诚信黑名单,不得代理项目申报。"
                "The agency is blacklisted and cannot be named on an application."
            ),
            code="blacklisted",
        )


def check_may_be_named(agency: Agency, service: AgencyService) -> None:
    """A blacklisted agency cannot be named on an application; none may serve outside its
    qualification's validity."""
    if service.project_id or service.kind == AgencyService.Kind.APPLICATION:
        check_not_blacklisted(agency)
    day = service.rendered_on
    if day and ((agency.valid_from and day < agency.valid_from) or (agency.valid_until and day > agency.valid_until)):
        raise ValidationError(
            _("服务日期不在该机构资质有效期内。The agency's qualification was not valid on that day."),
            code="not_qualified",
        )


def save_service(actor: User, form: AgencyServiceForm, instance: AgencyService | None = None) -> AgencyService:
    # form.instance holds the posted values (the ModelForm put them there while validating).
    require(permissions.can_add_service(actor) and permissions.can_edit_service(actor, form.instance))
    check_may_be_named(form.instance.agency, form.instance)
    return save_form(actor, form, instance, permissions.can_add_service, permissions.can_edit_service)


def act_on_service(actor: User, service: AgencyService, action: str, comment: str = "", **data) -> AgencyService:
    return transition(service, action, actor, workflow.SERVICE_TRANSITIONS, comment=comment, **data)


def save_evaluation(
    actor: User, form: AgencyEvaluationForm, instance: AgencyEvaluation | None = None
) -> AgencyEvaluation:
    """The grade follows from the score, so no one sets it by hand."""
    require(permissions.can_manage(actor))
    grade = grade_for(form.cleaned_data["score"])
    if instance is None:
        evaluation = form.save(commit=False)
        evaluation.grade = grade
        return core_services.create(actor, evaluation)
    return core_services.update(actor, instance, {**form_changes(form), "grade": grade})


def save_contract(actor: User, form: ContractForm, instance: TechContract | None = None) -> TechContract:
    return save_form(actor, form, instance, permissions.can_add_contract, permissions.can_edit_contract)
