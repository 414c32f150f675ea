"""URL × role matrix rows of rural (see core/url_matrix.py and docs/CONVENTIONS.md)."""

from core.url_matrix import Row

ROWS = [
    Row("rural:index"),
    Row("rural-action-list"),
    Row("rural-action-detail", pk="rural.CountyAction"),
    Row("rural-action-do", pk="rural.CountyAction", name="start"),
    Row("rural-base-list"),
    Row("rural-base-detail", pk="rural.DemonstrationBase"),
    Row("rural-commissioner-list"),
    Row("rural-commissioner-detail", pk="rural.Commissioner"),
    Row("rural-commissioner-do", pk="rural.Commissioner", name="withdraw"),
    Row("rural-log-list"),
    Row("rural-log-detail", pk="rural.ServiceLog"),
    Row("rural-evaluation-list"),
    Row("rural-evaluation-detail", pk="rural.Evaluation"),
    Row("rural-aid-list"),
    Row("rural-aid-detail", pk="rural.PovertyAid"),
    Row("rural-aid-do", pk="rural.PovertyAid", name="lift"),
    Row("rural:action_list"),
    Row("rural:action_add"),
    Row("rural:action_detail", pk="rural.CountyAction"),
    Row("rural:action_edit", pk="rural.CountyAction"),
    Row("rural:action_action", pk="rural.CountyAction", name="start"),
    Row("rural:base_list"),
    Row("rural:base_add"),
    Row("rural:base_detail", pk="rural.DemonstrationBase"),
    Row("rural:base_edit", pk="rural.DemonstrationBase"),
    Row("rural:base_import"),
    Row("rural:commissioner_list"),
    Row("rural:commissioner_add"),
    Row("rural:commissioner_detail", pk="rural.Commissioner"),
    Row("rural:commissioner_edit", pk="rural.Commissioner"),
    Row("rural:commissioner_import"),
    Row("rural:commissioner_action", pk="rural.Commissioner", name="withdraw"),
    Row("rural:log_list"),
    Row("rural:log_add"),
    Row("rural:log_detail", pk="rural.ServiceLog"),
    Row("rural:log_edit", pk="rural.ServiceLog"),
    Row("rural:evaluation_list"),
    Row("rural:evaluation_add"),
    Row("rural:evaluation_detail", pk="rural.Evaluation"),
    Row("rural:evaluation_edit", pk="rural.Evaluation"),
    Row("rural:aid_list"),
    Row("rural:aid_add"),
    Row("rural:aid_detail", pk="rural.PovertyAid"),
    Row("rural:aid_edit", pk="rural.PovertyAid"),
    Row("rural:aid_action", pk="rural.PovertyAid", name="lift"),
]


def build(users, org_in, org_out, pi_out) -> None:
    """In scope: 涧西区 (the county user's region) and the applicant as a commissioner; out: 新安县."""
    import datetime as dt

    from accounts.roles import Role
    from core.testing import make_person
    from directory.models import Region
    from rural.models import Commissioner, CountyAction, DemonstrationBase, Evaluation, PovertyAid, ServiceLog

    day = dt.date(2008, 3, 1)
    sides = [
        (Region.objects.get(code="410305"), users[Role.APPLICANT].person),
        (Region.objects.get(code="410323"), make_person(org_out, "矩阵特派员")),
    ]
    for region, person in sides:
        action = CountyAction.objects.create(name=f"矩阵{region.name}专项行动", region=region, year=2008)
        DemonstrationBase.objects.create(
            name=f"矩阵{region.name}基地", region=region, action=action, industry="食用菌", established_on=day
        )
        commissioner = Commissioner.objects.create(
            person=person, region=region, village="矩阵村", speciality="食用菌", appointed_on=day
        )
        ServiceLog.objects.create(
            commissioner=commissioner, served_on=day, place="矩阵村", technologies="香菇栽培", content="现场指导"
        )
        Evaluation.objects.create(commissioner=commissioner, year=2008, grade=Evaluation.Grade.QUALIFIED)
        PovertyAid.objects.create(region=region, year=2008, helper="交通部", measures="包村帮扶")
