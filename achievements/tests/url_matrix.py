"""URL × role matrix rows of achievements (see core/url_matrix.py and docs/CONVENTIONS.md)."""

from core.url_matrix import Row

A = "achievements.Achievement"
ROWS = [
    Row("achievements:index"),
    Row("achievements:pending"),
    Row("achievements:register_project", pk="projects.Project"),
    Row("achievements:achievement_list"),
    Row("achievements:achievement_add"),
    Row("achievements:achievement_import"),
    Row("achievements:achievement_detail", pk=A),
    Row("achievements:achievement_edit", pk=A),
    Row("achievements:achievement_action", pk=A, name="license"),
    Row("achievements-achievement-list"),
    Row("achievements-achievement-detail", pk=A),
    Row("achievements-achievement-do", pk=A, name="license"),
]


def build(users, org_in, org_out, pi_out) -> None:
    """A registered result of the organisation in scope and one of 新安县 (out of scope)."""
    import datetime as dt

    from achievements.models import Achievement

    for org, tag in ((org_in, "in"), (org_out, "out")):
        Achievement.objects.create(number=f"LYCG2008MX{tag}", title=f"矩阵成果{tag}", owner=org,
                                   summary="盾构机刀具耐磨技术", registered_on=dt.date(2008, 6, 1))
