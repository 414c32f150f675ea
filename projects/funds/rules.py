"""The program's fund rules as data, and the pure decisions made from them (no database)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

DIRECT = "direct"
APPROVAL = "approval"


@dataclass(frozen=True)
class FundRules:
    # Up to this share of the project's total budget the PI moves money between direct-cost
    # categories alone (reported, audited); more needs the officer's approval.
    pi_share: Decimal = Decimal("0.10")
    # 间接费用 may never be increased by an adjustment (national fund rules).
    no_increase: frozenset = field(default_factory=lambda: frozenset({"overhead"}))
    # Increasing these always needs approval, however small (equipment purchases are checked).
    always_approve: frozenset = field(default_factory=lambda: frozenset({"equipment"}))
    # An accepted project may keep its balance for further research; otherwise it is returned.
    retain_if_accepted: bool = True


DEFAULT_RULES = FundRules()


def rules_for(program_code: str) -> FundRules:
    """A program's own rules from settings.FUND_RULES = {code: {field: value}}, else the default."""
    override = getattr(settings, "FUND_RULES", {}).get(program_code)
    return FundRules(**override) if override else DEFAULT_RULES


class RuleError(ValueError):
    """The adjustment breaks a rule; the message is bilingual."""


def adjustment_path(rules: FundRules, *, source: str, target: str, amount: Decimal,
                    available: Decimal, total_budget: Decimal) -> str:
    """DIRECT or APPROVAL for moving `amount` from `source` to `target`, or RuleError."""
    if source == target:
        raise RuleError(_("调出与调入科目相同。Choose two different categories."))
    if amount <= 0:
        raise RuleError(_("调剂金额须大于零。The amount must be more than zero."))
    if target in rules.no_increase:
        raise RuleError(_("该科目不得调增。This category may not be increased."))
    if amount > available:
        raise RuleError(_("调出金额超过该科目未使用的预算。The amount exceeds the unspent budget of the category."))
    if target in rules.always_approve or amount > total_budget * rules.pi_share:
        return APPROVAL
    return DIRECT


def allowed_handling(rules: FundRules, *, accepted: bool, balance: Decimal) -> set[str]:
    """How a closure balance may be handled: returned always; retained only after acceptance."""
    if balance <= 0:
        return {"returned"} if balance == 0 else set()
    return {"returned", "retained"} if accepted and rules.retain_if_accepted else {"returned"}
