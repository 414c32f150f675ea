"""URL × role matrix rows of the county assessment (see core/url_matrix.py and docs/CONVENTIONS.md)."""

from core.url_matrix import Row

ROWS = [
    Row("assessment:assessment_list"),
    Row("assessment:assessment_add"),
    Row("assessment:assessment_detail", pk="assessment.Assessment"),
    Row("assessment:assessment_action", pk="assessment.Assessment", action="compute"),
    Row("assessment:assessment_xlsx", pk="assessment.Assessment"),
    Row("assessment:assessment_docx", pk="assessment.Assessment"),
    Row("assessment:report_list"),
    Row("assessment:report_detail", pk="assessment.CountyReport"),
    Row("assessment:report_edit", pk="assessment.CountyReport"),
    Row("assessment:report_action", pk="assessment.CountyReport", action="submit"),
    Row("assessment:evidence", pk="core.Attachment"),  # the first attachment: build() writes an evidence file
    Row("assessment:scheme_list"),
    Row("assessment:scheme_detail", pk="assessment.Scheme"),
    Row("assessment:scheme_copy", pk="assessment.Scheme"),
    Row("assessment:group_add", scheme_pk="assessment.Scheme"),
    Row("assessment:group_edit", pk="assessment.IndicatorGroup"),
    Row("assessment:group_delete", pk="assessment.IndicatorGroup"),
    Row("assessment:indicator_add", scheme_pk="assessment.Scheme"),
    Row("assessment:indicator_edit", pk="assessment.Indicator"),
    Row("assessment:indicator_delete", pk="assessment.Indicator"),
    Row("assessment:veto_add", scheme_pk="assessment.Scheme"),
    Row("assessment:veto_edit", pk="assessment.VetoItem"),
    Row("assessment:veto_delete", pk="assessment.VetoItem"),
    Row("assessment-list"),
    Row("assessment-detail", pk="assessment.Assessment"),
    Row("assessment-report-list"),
    Row("assessment-report-detail", pk="assessment.CountyReport"),
    Row("assessment-report-values", pk="assessment.CountyReport"),
    Row("assessment-report-do", pk="assessment.CountyReport", name="submit"),
    Row("assessment-result-list"),
    Row("assessment-result-detail", pk="assessment.CountyResult"),
]


def build(users, org_in, org_out, pi_out) -> None:
    """A 2008 assessment computed but not yet published: the county 涧西区 (in) sees its own report
    and result, not 新安县's (out); the public none. The in-county value has an evidence record
    whose file is absent (the matrix writes no files): the download answers 404, never 5xx."""
    from decimal import Decimal

    from django.contrib.contenttypes.models import ContentType

    from assessment.defaults import build_default_scheme
    from assessment.models import Assessment, CountyResult, ReportedValue
    from assessment.services import EVIDENCE, create_assessment
    from core.models import Attachment

    scheme = build_default_scheme(None, 2008)
    build_default_scheme(None, 2009)  # a draft: its edit pages open for an officer
    assessment = create_assessment(users["officer"], scheme)
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.COMPUTED)
    figure = scheme.figures.get(code="st_share")
    for rank, code in enumerate(("410305", "410323"), start=1):
        report = assessment.reports.get(region__code=code)
        value = ReportedValue.objects.create(report=report, figure=figure, value=Decimal("1.5"))
        CountyResult.objects.create(assessment=assessment, region=report.region, score=Decimal(90 - rank),
                                    rank=rank, grade="合格")
        if code == "410305":
            Attachment.objects.create(
                content_type=ContentType.objects.get_for_model(ReportedValue), object_id=str(value.pk),
                purpose=EVIDENCE, file="attachments/matrix/absent-evidence.pdf", original_name="佐证.pdf",
                kind="pdf", size=1)
