"""URL × role matrix rows of registries (see core/url_matrix.py and docs/CONVENTIONS.md)."""

from core.url_matrix import Row

ROWS = [
    Row("registries:index"),
    Row("registries-platform-list"),
    Row("registries-platform-detail", pk="registries.Platform"),
    Row("registries-platform-do", pk="registries.Platform", name="recognise"),
    Row("registries-report-list"),
    Row("registries-report-detail", pk="registries.PlatformAnnualReport"),
    Row("registries-report-do", pk="registries.PlatformAnnualReport", name="pass"),
    Row("registries-incubator-list"),
    Row("registries-incubator-detail", pk="registries.IncubatorReport"),
    Row("registries-hightech-list"),
    Row("registries-hightech-detail", pk="registries.HighTechEnterprise"),
    Row("registries-product-list"),
    Row("registries-product-detail", pk="registries.HighTechProduct"),
    Row("registries-alliance-list"),
    Row("registries-alliance-detail", pk="registries.Alliance"),
    Row("registries-figures-list"),
    Row("registries-figures-detail", pk="registries.EnterpriseReport"),
    Row("registries:platform_list"),
    Row("registries:platform_add"),
    Row("registries:platform_detail", pk="registries.Platform"),
    Row("registries:platform_edit", pk="registries.Platform"),
    Row("registries:platform_delete", pk="registries.Platform"),
    Row("registries:platform_import"),
    Row("registries:platform_action", pk="registries.Platform", name="recognise"),
    Row("registries:report_list"),
    Row("registries:report_add"),
    Row("registries:report_detail", pk="registries.PlatformAnnualReport"),
    Row("registries:report_edit", pk="registries.PlatformAnnualReport"),
    Row("registries:report_import"),
    Row("registries:report_action", pk="registries.PlatformAnnualReport", name="pass"),
    Row("registries:incubator_list"),
    Row("registries:incubator_add"),
    Row("registries:incubator_detail", pk="registries.IncubatorReport"),
    Row("registries:incubator_edit", pk="registries.IncubatorReport"),
    Row("registries:incubator_import"),
    Row("registries:hightech_list"),
    Row("registries:hightech_add"),
    Row("registries:hightech_detail", pk="registries.HighTechEnterprise"),
    Row("registries:hightech_edit", pk="registries.HighTechEnterprise"),
    Row("registries:hightech_import"),
    Row("registries:product_list"),
    Row("registries:product_add"),
    Row("registries:product_detail", pk="registries.HighTechProduct"),
    Row("registries:product_edit", pk="registries.HighTechProduct"),
    Row("registries:product_import"),
    Row("registries:alliance_list"),
    Row("registries:alliance_add"),
    Row("registries:alliance_detail", pk="registries.Alliance"),
    Row("registries:alliance_edit", pk="registries.Alliance"),
    Row("registries:alliance_import"),
    Row("registries:figures_list"),
    Row("registries:figures_add"),
    Row("registries:figures_detail", pk="registries.EnterpriseReport"),
    Row("registries:figures_edit", pk="registries.EnterpriseReport"),
    Row("registries:figures_import"),
]


def build(users, org_in, org_out, pi_out) -> None:
    """One record of every register for the organisation in scope and for the one out of it."""
    import datetime as dt

    from registries import models as m

    from .conftest import make_platform, make_records

    for org in (org_in, org_out):
        platform = make_platform(org)
        m.PlatformAnnualReport.objects.create(platform=platform, year=2008, summary="年度总结", staff=12)
        incubator = make_platform(org, m.Platform.Kind.INCUBATOR, m.Platform.Status.RECOGNISED, dt.date(2005, 1, 1))
        make_records(org, incubator)
