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
    Row("assessment:evidence", pk=999_999),  # an evidence attachment; none in the shared dataset
    Row("assessment:scheme_list"),
    Row("assessment:scheme_detail", pk="assessment.Scheme"),
    Row("assessment:scheme_copy", pk="assessment.Scheme"),
    Row("assessment-list"),
    Row("assessment-detail", pk="assessment.Assessment"),
    Row("assessment-report-list"),
    Row("assessment-report-detail", pk="assessment.CountyReport"),
    Row("assessment-report-values", pk="assessment.CountyReport"),
    Row("assessment-report-do", pk="assessment.CountyReport", name="submit"),
    Row("assessment-result-list"),
    Row("assessment-result-detail", pk="assessment.CountyResult"),
]
