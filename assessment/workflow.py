"""Lifecycles of a county report and of the year's assessment (core.workflow Rule tables).

County report::

    draft ──submit──▶ submitted ──accept──▶ accepted
      ▲                 │  ▲                   │
      │              return │                reopen (officer, with reasons)
      │                 ▼  │submit             ▼
      └──────────── returned ◀─────────────────┘

Assessment::

    draft ──open──▶ open ──compute──▶ computed ──confirm──▶ confirmed ──publish──▶ published
                     ▲                   │   ▲                  │
                     └──────reopen───────┘   └────return────────┘

`compute` freezes every figure at the snapshot date (services.compute_results); `reopen`
discards the frozen rows so that nothing computed before the change survives it.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.workflow import Rule

from . import permissions as p


def _county_users(report):
    """The county offices of the report's region (or of the city above it)."""
    from accounts.models import User

    codes = [report.region.code, report.region.parent.code] if report.region.parent_id else [report.region.code]
    return User.objects.filter(
        is_active=True, role_assignments__role="county", role_assignments__region__code__in=codes
    ).distinct()


def _submit(report, actor, **data):
    from . import services

    services.check_complete(report)
    report.submitted_at = timezone.now()
    report.return_reason = ""


def _return(report, actor, comment="", **data):
    report.return_reason = comment


def _compute(assessment, actor, snapshot_date=None, **data):
    from . import services

    services.freeze(assessment, snapshot_date)


def _discard(assessment, actor, **data):
    from . import services

    services.discard_results(assessment)


def _published(assessment, actor, **data):
    assessment.published_at = timezone.now()


REPORT_TRANSITIONS = {
    ("draft", "submit"): Rule("submitted", allowed=p.can_fill, label=_("报送"), before=_submit),
    ("returned", "submit"): Rule("submitted", allowed=p.can_fill, label=_("重新报送"), before=_submit),
    ("submitted", "return"): Rule("returned", allowed=p.can_review, label=_("退回"), before=_return,
                                  comment_required=True, notify=_county_users),
    ("submitted", "accept"): Rule("accepted", allowed=p.can_review, label=_("受理"), notify=_county_users),
    ("accepted", "reopen"): Rule("returned", allowed=p.can_review, label=_("退回修改"), before=_return,
                                 comment_required=True, notify=_county_users),
}

ASSESSMENT_TRANSITIONS = {
    ("draft", "open"): Rule("open", allowed=p.can_manage_assessment, label=_("启动填报")),
    ("open", "compute"): Rule("computed", allowed=p.can_manage_assessment, label=_("计算并冻结"), before=_compute),
    ("computed", "reopen"): Rule("open", allowed=p.can_manage_assessment, label=_("重新开放填报"), before=_discard,
                                 comment_required=True),
    ("computed", "confirm"): Rule("confirmed", allowed=p.can_decide_assessment, label=_("审定")),
    ("confirmed", "return"): Rule("computed", allowed=p.can_decide_assessment, label=_("退回复核"),
                                  comment_required=True),
    ("confirmed", "publish"): Rule("published", allowed=p.can_decide_assessment, label=_("公布"),
                                   before=_published),
}
