"""URL × role matrix rows of talent (see core/url_matrix.py and docs/CONVENTIONS.md)."""

from core.url_matrix import Row

ROWS = [
    Row("talent:index"),
    Row("talent-programme-list"),
    Row("talent-programme-detail", pk="talent.Programme"),
    Row("talent-talent-list"),
    Row("talent-talent-detail", pk="talent.Talent"),
    Row("talent-talent-do", pk="talent.Talent", name="complete"),
    Row("talent-report-list"),
    Row("talent-report-detail", pk="talent.TalentReport"),
    Row("talent-report-do", pk="talent.TalentReport", name="accept"),
    Row("talent:programme_list"),
    Row("talent:programme_add"),
    Row("talent:programme_detail", pk="talent.Programme"),
    Row("talent:programme_edit", pk="talent.Programme"),
    Row("talent:talent_list"),
    Row("talent:talent_add"),
    Row("talent:talent_detail", pk="talent.Talent"),
    Row("talent:talent_edit", pk="talent.Talent"),
    Row("talent:talent_import"),
    Row("talent:talent_action", pk="talent.Talent", name="complete"),
    Row("talent:report_list"),
    Row("talent:report_add"),
    Row("talent:report_detail", pk="talent.TalentReport"),
    Row("talent:report_edit", pk="talent.TalentReport"),
    Row("talent:report_action", pk="talent.TalentReport", name="accept"),
]


def build(users, org_in, org_out, pi_out) -> None:
    import datetime as dt

    from accounts.roles import Role
    from core.testing import make_person
    from talent.models import Programme, Talent, TalentReport

    programme = Programme.objects.create(name="矩阵人才计划", kind=Programme.Kind.HIGH_LEVEL)
    inside = Talent.objects.create(
        programme=programme,
        person=users[Role.APPLICANT].person,
        organisation=org_in,
        supported_on=dt.date(2008, 3, 1),
    )
    outside = Talent.objects.create(
        programme=programme,
        person=make_person(org_out, "矩阵外县人才"),
        organisation=org_out,
        supported_on=dt.date(2008, 3, 1),
    )
    for talent in (inside, outside):
        TalentReport.objects.create(talent=talent, year=2008, summary="矩阵报告")
