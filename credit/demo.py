"""Demo ledger entries: a few confirmed events, one pending automatic one, one blacklisting."""

from directory.models import Organisation, Person

from . import services


def seed(scale: str, rng, stdout=None) -> str:
    orgs = list(Organisation.objects.filter(kind=Organisation.Kind.ENTERPRISE).order_by("pk")[5:25])
    people = list(Person.objects.order_by("pk")[40:60]) or list(Person.objects.order_by("pk")[:20])
    count = 0
    for org in rng.sample(orgs, min(4, len(orgs))):
        services.record_kind(
            None, org, rng.choice(["late_report", "failed_acceptance"]), evidence="2007年度项目年度报告逾期提交"
        )
        count += 1
    if people:
        services.record_kind(
            None,
            people[0],
            "review_late",
            confirmed=False,
            automatic=True,
            evidence="2007年度第二批网评：截止后未提交评分",
        )
        services.record_kind(None, people[-1], "false_application", evidence="2007年申报材料伪造合作协议")
        count += 2
    return f"{count} credit events"
