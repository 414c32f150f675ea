"""URL × role matrix rows of agencies (see core/url_matrix.py and docs/CONVENTIONS.md)."""

from core.url_matrix import Row

MODELS = {
    "agency": "agencies.Agency",
    "service": "agencies.AgencyService",
    "evaluation": "agencies.AgencyEvaluation",
    "contract": "agencies.TechContract",
}
ROWS = [
    Row("agencies:index"),
    Row("agencies:agency_import"),
    Row("agencies:contract_import"),
    Row("agencies:service_action", pk="agencies.AgencyService", name="complain"),
    Row("agencies-service-do", pk="agencies.AgencyService", name="complain"),
]
for slug, model in MODELS.items():
    ROWS += [
        Row(f"agencies:{slug}_list"),
        Row(f"agencies:{slug}_add"),
        Row(f"agencies:{slug}_detail", pk=model),
        Row(f"agencies:{slug}_edit", pk=model),
        Row(f"agencies-{slug}-list"),
        Row(f"agencies-{slug}-detail", pk=model),
    ]


def build(users, org_in, org_out, pi_out) -> None:
    """An agency, a service, an evaluation and a contract of the organisation in scope, and the same
    of one in 新安县 (out of scope)."""
    import datetime as dt
    from decimal import Decimal

    from agencies.models import Agency, AgencyEvaluation, AgencyService, TechContract
    from core.testing import make_organisation

    for org, tag in ((org_in, "in"), (org_out, "out")):
        agency = Agency.objects.create(name=f"矩阵中介{tag}", kind=Agency.Kind.NOVELTY_SEARCH, organisation=org)
        AgencyService.objects.create(agency=agency, kind="novelty_search", client=org, title=f"查新{tag}",
                                     rendered_on=dt.date(2008, 5, 1), fee=Decimal("800"))
        AgencyEvaluation.objects.create(agency=agency, year=2007, score=Decimal("88"), grade="good")
        buyer = make_organisation(org.region.code, name=f"矩阵买方{tag}")
        TechContract.objects.create(
            number=f"MATRIX-{tag}", name=f"矩阵合同{tag}", kind="development", buyer=buyer, seller=org,
            amount=Decimal("100000"), technical_amount=Decimal("90000"), signed_on=dt.date(2008, 3, 1),
            registered_on=dt.date(2008, 3, 10), region=org.region,
        )
