"""URL × role matrix rows of outreach (see core/url_matrix.py and docs/CONVENTIONS.md)."""

from core.url_matrix import Row

ROWS = [
    Row("outreach:index"),
    Row("outreach-event-list"),
    Row("outreach-event-detail", pk="outreach.Event"),
    Row("outreach-event-do", pk="outreach.Event", name="publish"),
    Row("outreach-agreement-list"),
    Row("outreach-agreement-detail", pk="outreach.Agreement"),
    Row("outreach-agreement-do", pk="outreach.Agreement", name="sign"),
    Row("outreach-cultivation-list"),
    Row("outreach-cultivation-detail", pk="outreach.CultivationEntry"),
    Row("outreach-cultivation-do", pk="outreach.CultivationEntry", name="graduate"),
    Row("outreach:event_list"),
    Row("outreach:event_add"),
    Row("outreach:event_detail", pk="outreach.Event"),
    Row("outreach:event_edit", pk="outreach.Event"),
    Row("outreach:event_action", pk="outreach.Event", name="publish"),
    Row("outreach:agreement_list"),
    Row("outreach:agreement_add"),
    Row("outreach:agreement_detail", pk="outreach.Agreement"),
    Row("outreach:agreement_edit", pk="outreach.Agreement"),
    Row("outreach:agreement_import"),
    Row("outreach:agreement_action", pk="outreach.Agreement", name="sign"),
    Row("outreach:cultivation_list"),
    Row("outreach:cultivation_add"),
    Row("outreach:cultivation_detail", pk="outreach.CultivationEntry"),
    Row("outreach:cultivation_edit", pk="outreach.CultivationEntry"),
    Row("outreach:cultivation_import"),
    Row("outreach:cultivation_action", pk="outreach.CultivationEntry", name="graduate"),
]


def build(users, org_in, org_out, pi_out) -> None:
    """In scope: 涧西区 and organisation "in"; out: 新安县 and organisation "out"."""
    import datetime as dt

    from directory.models import Region
    from outreach.models import Agreement, CultivationEntry, Event

    day = dt.date(2008, 5, 17)
    for code, organisation in (("410305", org_in), ("410323", org_out)):
        Event.objects.create(
            name=f"矩阵科普{code}",
            kind=Event.Kind.OTHER,
            region=Region.objects.get(code=code),
            starts_on=day,
            ends_on=day,
            venues="广场",
            organisers="科技局",
            programme="展览",
        )
        Agreement.objects.create(
            title=f"矩阵协议{code}",
            kind=Agreement.Kind.ACADEMIC,
            partner="西安交通大学",
            local_party=organisation,
            content="合作",
        )
        CultivationEntry.objects.create(
            organisation=organisation, roster=CultivationEntry.Roster.LISTING, entered_on=day
        )
