"""County figures (bad input, evidence), the veto, the snapshot freeze and region scope."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assessment import services
from assessment.compute import compute
from assessment.models import Assessment, CountyReport, CountyResult, ReportedValue
from core.models import AuditEntry
from ip.models import RegionPopulation
from ip.tests.conftest import make_patent

from .conftest import fill, pdf, submit_and_accept

pytestmark = pytest.mark.django_db


def _entries(report, code, value, upload):
    figure = report.assessment.scheme.figures.get(code=code)
    return {figure: (Decimal(value), "", upload)}


def test_open_assessment_has_a_report_for_each_county_level_unit_of_2008(assessment):
    codes = list(assessment.reports.values_list("region__code", flat=True))
    assert len(codes) == 15  # 6 districts, 8 counties, 偃师市
    assert "410381" in codes and "410307" not in codes and "410371" not in codes


def test_county_saves_a_figure_with_evidence(report, users):
    services.save_values(users["county"], report, _entries(report, "st_share", "1.5", pdf()))
    value = ReportedValue.objects.get(report=report)
    assert value.value == Decimal("1.5")
    assert services.evidence_of(value).get().kind == "pdf"
    assert AuditEntry.objects.filter(action="save_values", object_id=str(report.pk)).exists()


@pytest.mark.parametrize(("code", "value", "upload", "reason"), [
    ("st_share", "1.5", None, "佐证"),  # a figure without evidence
    ("st_share", "-0.1", "pdf", "负数"),  # a negative share
    ("st_share", "100.5", "pdf", "100%"),  # a share above 100%
    ("st_body", "2", "pdf", "是/否"),
    ("st_share", "1.5", "fake", "文件类型"),  # a script renamed .pdf
])
def test_bad_input_is_refused_and_nothing_written(report, users, code, value, upload, reason):
    files = {"pdf": pdf(), "fake": SimpleUploadedFile("x.pdf", b"<script>alert(1)</script>"), None: None}
    with pytest.raises(ValidationError) as exc:
        services.save_values(users["county"], report, _entries(report, code, value, files[upload]))
    assert reason in " ".join(exc.value.messages)
    assert not ReportedValue.objects.exists()
    assert not AuditEntry.objects.filter(action="save_values").exists()


def test_growth_rate_may_be_negative(report, users):
    services.save_values(users["county"], report, _entries(report, "st_growth", "-3.5", pdf()))
    assert ReportedValue.objects.get().value == Decimal("-3.5")


def test_submit_refused_until_every_figure_has_value_and_evidence(report, users):
    services.save_values(users["county"], report, _entries(report, "st_share", "1.5", pdf()))
    with pytest.raises(ValidationError, match="未填写"):
        services.report_action(users["county"], report, "submit")
    fill(report, user=users["county"])
    assert services.report_action(users["county"], report, "submit").status == "submitted"


def test_other_county_cannot_fill(assessment, users):
    other = assessment.reports.get(region__code="410323")
    with pytest.raises(PermissionDenied):
        services.save_values(users["county"], other, _entries(other, "st_share", "1", pdf()))


def test_accepted_report_cannot_be_edited(report, users):
    fill(report, user=users["county"])
    report = services.report_action(users["county"], report, "submit")
    report = services.report_action(users["officer"], report, "accept")
    with pytest.raises(PermissionDenied):
        services.save_values(users["county"], report, _entries(report, "st_share", "1", pdf()))


def test_compute_refused_while_a_report_is_pending(assessment, users):
    with pytest.raises(ValidationError, match="尚未受理"):
        services.assessment_action(users["officer"], assessment, "compute")
    assert Assessment.objects.get(pk=assessment.pk).status == "open"


def _computed(assessment, users, overrides=None, day=dt.date(2009, 1, 15)):
    submit_and_accept(assessment, users["officer"], overrides)
    return services.assessment_action(users["officer"], assessment, "compute", snapshot_date=day)


def test_veto_marks_county_and_it_cannot_be_top_grade(assessment, users, scheme):
    scheme.excellent_min = Decimal("1")  # everyone would be 先进 on score
    scheme.pass_min = Decimal("0")
    scheme.save()
    assessment = _computed(assessment, users, {"410323": {"st_growth": "5"}})  # 新安县 growth below revenue growth
    vetoed = CountyResult.objects.get(region__code="410323")
    assert vetoed.vetoed and vetoed.veto_items == ["财政科技拨款增幅不低于经常性财政收入增幅"]
    assert vetoed.grade == "合格"
    others = CountyResult.objects.exclude(region__code="410323")
    assert not others.filter(vetoed=True).exists()
    assert set(others.values_list("grade", flat=True)) == {"先进"}


def test_snapshot_freezes_values_and_the_query_that_made_them(assessment, users):
    RegionPopulation.objects.create(region_id=_region("410305"), year=2008, population=400_000)
    make_patent(region_code="410305", filing=dt.date(2008, 5, 1))
    assessment = _computed(assessment, users)
    assert assessment.snapshot_date == dt.date(2009, 1, 15)
    frozen = CountyResult.objects.get(region__code="410305").scores.get(indicator__name="每万人专利申请量")
    assert frozen.value == Decimal("0.0250")
    assert "410305" in frozen.query and "2009-01-15" in frozen.query
    make_patent(region_code="410305", filing=dt.date(2008, 6, 1))  # recorded after the freeze
    live = {row.region.code: row for row in compute(assessment, dt.date(2009, 1, 15))}["410305"]
    assert [line.value for line in live.lines if line.indicator.name == "每万人专利申请量"] == [Decimal("0.0500")]
    frozen.refresh_from_db()
    assert frozen.value == Decimal("0.0250")


def test_reopen_discards_the_frozen_result(assessment, users):
    assessment = _computed(assessment, users)
    assessment = services.assessment_action(users["officer"], assessment, "reopen", comment="人口数据更正")
    assert assessment.status == "open" and assessment.snapshot_date is None
    assert not CountyResult.objects.exists()


def test_region_scope_of_reports_and_results(assessment, users):
    county, org_admin = users["county"], users["org_admin"]
    assert list(CountyReport.objects.visible_to(county).values_list("region__code", flat=True)) == ["410305"]
    assert CountyReport.objects.visible_to(users["leader"]).count() == 15
    assert not CountyReport.objects.visible_to(org_admin).exists()
    assessment = _computed(assessment, users)
    assert list(CountyResult.objects.visible_to(county).values_list("region__code", flat=True)) == ["410305"]
    assert not CountyResult.objects.visible_to(org_admin).exists()
    assessment = services.assessment_action(users["leader"], assessment, "confirm")
    services.assessment_action(users["leader"], assessment, "publish")
    assert CountyResult.objects.visible_to(county).count() == 15
    assert CountyResult.objects.visible_to(org_admin).count() == 15


def test_belongs_to_covers_records_of_a_merged_predecessor(users):
    from assessment.queries import belongs_to
    from ip.models import Patent

    make_patent(region_code="410322", filing=dt.date(2019, 5, 1))  # 孟津县, merged into 孟津区 in 2021
    mengjin = _region_obj("410308")
    assert belongs_to(Patent.objects.all(), mengjin).count() == 1
    assert belongs_to(Patent.objects.all(), _region_obj("410305")).count() == 0


def test_copy_scheme_makes_a_new_version_with_every_row(scheme, users):
    copy = services.copy_scheme(users["officer"], scheme, 2009)
    assert (copy.year, copy.version) == (2009, 1)
    assert copy.indicators().count() == scheme.indicators().count()
    assert copy.veto_items.count() == 3
    assert {v.figure.scheme_id for v in copy.veto_items.all()} == {copy.pk}
    with pytest.raises(PermissionDenied):
        services.copy_scheme(users["county"], scheme, 2009)


def _region(code):
    return _region_obj(code).pk


def _region_obj(code):
    from directory.models import Region

    return Region.objects.get(code=code)
