"""What waits in projects: lifecycle steps, budget adjustments, change requests, objections,
overdue milestone payments."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.money import wan
from core.todo import TodoSource

from . import permissions as perms
from . import queries
from .funds.models import AdjustmentState, BudgetAdjustment
from .funds.queries import overdue_payments
from .models import ChangeRequest, Milestone, Objection, Project
from .workflow import ChangeState


def _deciders_scope(user) -> Q | None:
    """The projects whose adjustments and changes this user decides (admin: all; officer: division),
    as a condition on the waiting item's project: a join from the few waiting items, not an IN
    over every project of the division."""
    if user.has_role(Role.ADMIN):
        return Q()
    if user.has_role(Role.OFFICER):
        return Q(project__division_id__in=user.division_ids) | Q(project__division_id__isnull=True)
    return None


def _waiting(queryset, order: str):
    """`queryset` narrowed to the projects this user decides on, oldest first (None: not a decider)."""

    def items(user):
        scope = _deciders_scope(user)
        if scope is None:
            return None
        return queryset.filter(scope).select_related("project").order_by(order)

    return items


_adjustments = _waiting(BudgetAdjustment.objects.filter(status=AdjustmentState.PENDING), "requested_at")
_changes = _waiting(ChangeRequest.objects.filter(status=ChangeState.PENDING), "requested_at")
_objections = _waiting(Objection.objects.unresolved(), "recorded_at")


def _overdue_payments(user):
    """Milestone payments past due and not disbursed wait for those who disburse (finance)."""
    if not perms.can_disburse(user, None):
        return None
    late = [alert.milestone.pk for alert in overdue_payments(Project.objects.all())]
    return Milestone.objects.filter(pk__in=late).select_related("project").order_by("due_date", "id")


def _describe_overdue(milestone) -> str:
    return gettext("%(project)s：节点“%(title)s”应于 %(date)s 拨付 %(amount)s 万元，已逾期 %(days)s 天") % {
        "project": milestone.project.number, "title": milestone.title, "date": milestone.due_date,
        "amount": wan(milestone.payment), "days": (timezone.localdate() - milestone.due_date).days}


def _queue(user):
    return queries.work_queue(user).order_by("status_changed_at", "id")


SOURCES = [
    TodoSource("projects", _("待办理的项目"), _queue, describe=lambda p: f"{p} · {p.get_status_display()}"),
    TodoSource("budget_adjustments", _("待审批的预算调剂"), _adjustments,
               describe=lambda a: f"{a.project.number} {a.from_label} → {a.to_label} {a.amount}"),
    TodoSource("change_requests", _("待审批的项目变更"), _changes, link=lambda c: c.project.get_absolute_url(),
               describe=lambda c: f"{c.project.number} {c.get_kind_display()}"),
    TodoSource("objections", _("待处理的公示异议"), _objections,
               link=lambda o: reverse("portal:objection_detail", args=[o.pk]),
               describe=lambda o: f"{o.project.number} {o.content[:40]}"),
    TodoSource("overdue_payments", _("逾期未拨节点"), _overdue_payments,
               link=lambda m: m.project.get_absolute_url() + "#funds", describe=_describe_overdue),
]
