"""The patent-subsidy lifecycle as data (DESIGN.md rule 3):

submitted ─approve→ approved ─pay→ paid;  submitted ─reject→ rejected | ─withdraw→ withdrawn

Approval re-checks the policy's eligibility and caps under a lock on the policy, so two officers
approving at once cannot exceed a cap."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.workflow import Rule

from . import permissions, services
from .models import SubsidyApplication, SubsidyPolicy


def _recheck_on_approval(application: SubsidyApplication, actor, **kwargs) -> None:
    policy = SubsidyPolicy.objects.select_for_update().get(pk=application.policy_id)
    services.check_eligible(
        policy, application.patent, application.stage, application.amount, exclude_pk=application.pk
    )


def _record_payment(application: SubsidyApplication, actor, voucher_no: str = "", **kwargs) -> None:
    application.paid_on = timezone.localdate()
    application.voucher_no = voucher_no or application.voucher_no


def _claimant(user, application) -> bool:
    return permissions.can_withdraw_subsidy(user, application)


SUBSIDY_TRANSITIONS = {
    ("submitted", "approve"): Rule(
        "approved", permissions.can_review_subsidy, gettext_lazy("批准"), before=_recheck_on_approval
    ),
    ("submitted", "reject"): Rule(
        "rejected", permissions.can_review_subsidy, gettext_lazy("不予资助"), comment_required=True
    ),
    ("submitted", "withdraw"): Rule("withdrawn", _claimant, gettext_lazy("撤回")),
    ("approved", "pay"): Rule("paid", permissions.can_pay_subsidy, gettext_lazy("拨付"), before=_record_payment),
}
