"""The public lists (results and registries): one declaration per list gives its page, its CSV and
JSON downloads and its API endpoint, so the three cannot disagree about what is public.

Each list names exactly the columns that may be published; the queryset selects only published
states (approved, accepted, awarded, certified, recognised). Nothing else of a record is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from achievements.models import Achievement
from assessment.models import PUBLIC_STATES as ASSESSMENT_PUBLIC_STATES
from assessment.models import CountyResult
from core.money import wan
from ip.models import IPAdvantage
from outreach.models import Event
from projects import workflow as project_wf
from projects.models import Project
from registries.models import HighTechEnterprise, Platform
from reviews.models import AwardNomination

PROGRAM_CODE = re.compile(r"[A-Za-z0-9_-]{1,40}")  # projects.Program.code is a SlugField
LICENCE = _(
    "许可：本数据由市科学技术局依法公开，可自由复制、使用和再发布，须注明来源“市科学技术局政务公开”。"
    "Licence: published by the city Science & Technology Bureau; free to copy, use and redistribute with attribution."
)


@dataclass(frozen=True)
class Col:
    key: str
    header: Any
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class PublicList:
    slug: str
    title: Any
    queryset: Callable[[], QuerySet]
    columns: tuple[Col, ...]
    # The total order of the list (ends in a unique key): pages seek on it (portal.keyset), downloads follow it.
    order: tuple[str, ...] = ("id",)
    year_field: str = ""
    program_field: str = ""
    # Shown on the page: amounts in 万元; the downloads keep exact yuan.
    money_keys: tuple[str, ...] = ()

    def filtered(self, params) -> QuerySet:
        queryset = self.queryset()
        year = str(params.get("year", "")).strip()
        # ASCII digits of a plausible year only: "²" passes isdigit() but not int(), a huge number overflows SQLite.
        if self.year_field and year.isascii() and year.isdigit() and len(year) <= 4:
            queryset = queryset.filter(**{self.year_field: int(year)})
        program = str(params.get("program", "")).strip()
        # A programme code is a short ASCII slug; anything else (a NUL byte PostgreSQL refuses
        # included) matches no programme and is ignored, like a malformed year.
        if self.program_field and PROGRAM_CODE.fullmatch(program):
            queryset = queryset.filter(**{self.program_field: program})
        return queryset.order_by(*self.order)

    def row(self, obj) -> dict[str, Any]:
        """For JSON and the API: exact amounts as decimal strings, never binary floats."""
        return {col.key: _plain(col.value(obj)) for col in self.columns}

    def display_row(self, obj) -> list[Any]:
        return [wan(col.value(obj)) if col.key in self.money_keys else col.value(obj) for col in self.columns]


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def pi_name_of(project: Project) -> str:
    if project.pi_name:
        return project.pi_name
    return project.pi.get_full_name() if project.pi_id else ""


# Only the columns the project lists show (and what `pi_name_of` reads).
PROJECT_FIELDS = ("number", "title", "year", "status", "approved_funding", "pi_name", "pi",
                  "program__name", "applicant_org__name")


def _approved() -> QuerySet:
    # Exactly the condition of the partial index `project_approved_list_idx` (projects.models), so
    # the database walks that index in list order instead of sorting every approved project.
    return (
        Project.objects.filter(project_wf.APPROVED_LIST)
        .select_related("program", "applicant_org", "pi")
        .only(*PROJECT_FIELDS, "pi__first_name", "pi__last_name")
    )


def _accepted() -> QuerySet:
    # SQLite binds `status IN (?, ?, ?)` as parameters, which never match the partial index's literal
    # condition, and its planner then reads the ~40% of projects in these states through the status
    # index and sorts them all (91 ms p95 at 100k projects). lower(status) is the same test (states
    # are lower-case) that no status index serves, so it walks project_public_list_idx in list order
    # and stops after one page (BENCHMARKS.md, public portal).
    return (
        Project.objects.alias(state=Lower("status")).filter(state__in=project_wf.ACCEPTED_STATES)
        .select_related("program", "applicant_org")
        .only(*PROJECT_FIELDS)
    )


def _label(value) -> str:
    return str(value) if value else ""


def _assessed() -> QuerySet:
    """County results of published assessments only: the totals, never the per-indicator scores,
    the reported figures or which veto items failed."""
    return (
        CountyResult.objects.filter(assessment__status__in=ASSESSMENT_PUBLIC_STATES)
        .select_related("region", "assessment__scheme")
        .only("score", "rank", "grade", "vetoed", "region__name", "region__code", "assessment__title",
              "assessment__scheme__year")
    )


PROJECT_COLUMNS = (
    Col("number", _("项目编号"), lambda p: p.number),
    Col("title", _("项目名称"), lambda p: p.title),
    Col("program", _("计划类别"), lambda p: p.program.name),
    Col("organisation", _("承担单位"), lambda p: p.applicant_org.name),
    Col("pi", _("项目负责人"), pi_name_of),
    Col("year", _("年度"), lambda p: p.year),
    Col("funding", _("资助金额(元)"), lambda p: p.approved_funding),
)

LISTS = [
    PublicList(
        "projects", _("立项项目"), _approved, PROJECT_COLUMNS,
        order=("-year", "number"), year_field="year", program_field="program__code", money_keys=("funding",),
    ),
    PublicList(
        "acceptance", _("验收结果"), _accepted,
        (
            Col("number", _("项目编号"), lambda p: p.number),
            Col("title", _("项目名称"), lambda p: p.title),
            Col("program", _("计划类别"), lambda p: p.program.name),
            Col("organisation", _("承担单位"), lambda p: p.applicant_org.name),
            Col("year", _("年度"), lambda p: p.year),
            Col("result", _("验收结论"), lambda p: _("不通过") if p.status == "not_accepted" else _("通过")),
        ),
        order=("-year", "number"), year_field="year", program_field="program__code",
    ),
    PublicList(
        "awards", _("科技奖励"),
        lambda: AwardNomination.objects.filter(status=AwardNomination.Status.AWARDED)
        .select_related("organisation", "nominee"),
        (
            Col("year", _("年度"), lambda a: a.year),
            Col("title", _("成果名称"), lambda a: a.title),
            Col("category", _("奖种"), lambda a: _label(a.get_category_display())),
            Col("grade", _("授奖等级"), lambda a: _label(a.get_final_grade_display())),
            Col("nominee", _("第一完成人"), lambda a: a.nominee.name),
            Col("organisation", _("第一完成单位"), lambda a: a.organisation.name),
        ),
        order=("-year", "final_grade", "id"), year_field="year",
    ),
    PublicList(
        "county-assessment", _("县（市、区）科技工作考核结果"), _assessed,
        (
            Col("year", _("年度"), lambda r: r.assessment.scheme.year),
            Col("assessment", _("考核名称"), lambda r: r.assessment.title),
            Col("county", _("县（市、区）"), lambda r: r.region.name),
            Col("total", _("总分"), lambda r: r.score),
            Col("rank", _("名次"), lambda r: r.rank),
            Col("grade", _("等次"), lambda r: r.grade),
            Col("vetoed", _("一票否决"), lambda r: _("是") if r.vetoed else _("否")),
        ),
        order=("-assessment__scheme__year", "rank", "region__code", "id"), year_field="assessment__scheme__year",
    ),
    PublicList(
        "hightech", _("高新技术企业"),
        lambda: HighTechEnterprise.objects.filter(status=HighTechEnterprise.Status.CERTIFIED)
        .select_related("organisation"),
        (
            Col("organisation", _("企业名称"), lambda h: h.organisation.name),
            Col("field", _("技术领域"), lambda h: _label(h.get_field_display())),
            Col("certificate", _("证书编号"), lambda h: h.certificate_no),
            Col("certified_on", _("认定日期"), lambda h: h.certified_on),
            Col("valid_until", _("有效期至"), lambda h: h.valid_until),
        ),
        order=("-certified_on", "id"), year_field="certified_on__year",
    ),
    PublicList(
        "platforms", _("创新平台"),
        lambda: Platform.objects.filter(status=Platform.Status.RECOGNISED).exclude(kind=Platform.Kind.INCUBATOR)
        .select_related("host"),
        (
            Col("name", _("平台名称"), lambda p: p.name),
            Col("kind", _("平台类型"), lambda p: _label(p.get_kind_display())),
            Col("level", _("级别"), lambda p: _label(p.get_level_display())),
            Col("host", _("依托单位"), lambda p: p.host.name),
            Col("recognised_on", _("认定日期"), lambda p: p.recognised_on),
        ),
        order=("kind", "name", "id"), year_field="recognised_on__year",
    ),
    PublicList(
        "incubators", _("科技企业孵化器"),
        lambda: Platform.objects.filter(status=Platform.Status.RECOGNISED, kind=Platform.Kind.INCUBATOR)
        .select_related("host"),
        (
            Col("name", _("孵化器名称"), lambda p: p.name),
            Col("level", _("级别"), lambda p: _label(p.get_level_display())),
            Col("host", _("运营单位"), lambda p: p.host.name),
            Col("recognised_on", _("认定日期"), lambda p: p.recognised_on),
        ),
        order=("name", "id"), year_field="recognised_on__year",
    ),
    PublicList(
        "ip-advantage", _("知识产权优势单位"),
        lambda: IPAdvantage.objects.filter(status=IPAdvantage.Status.RECOGNISED)
        .select_related("region", "organisation"),
        (
            Col("kind", _("类别"), lambda a: _label(a.get_kind_display())),
            Col("level", _("级别"), lambda a: _label(a.get_level_display())),
            Col("region", _("区域"), lambda a: a.region.name),
            Col("organisation", _("企业"), lambda a: a.organisation.name if a.organisation_id else ""),
            Col("recognised_on", _("认定日期"), lambda a: a.recognised_on),
        ),
        order=("kind", "region__code", "id"), year_field="recognised_on__year",
    ),
    PublicList(
        # The sharing platform of S&T results (seed §14): results offered for transfer, not yet transferred.
        "achievements", _("可转化科技成果"),
        lambda: Achievement.objects.open_for_transfer().select_related("owner").order_by("-registered_on", "id"),
        (
            Col("number", _("登记号"), lambda a: a.number),
            Col("title", _("成果名称"), lambda a: a.title),
            Col("field", _("技术领域"), lambda a: a.field),
            Col("maturity", _("成熟度"), lambda a: _label(a.get_maturity_display())),
            Col("owner", _("完成单位"), lambda a: a.owner.name),
            Col("registered_on", _("登记日期"), lambda a: a.registered_on),
        ),
        year_field="registered_on__year",
    ),
    PublicList(
        "events", _("科普活动"),
        lambda: Event.objects.published().select_related("region").order_by("-starts_on", "id"),
        (
            Col("name", _("活动名称"), lambda e: e.name),
            Col("kind", _("活动类别"), lambda e: _label(e.get_kind_display())),
            Col("starts_on", _("开始日期"), lambda e: e.starts_on),
            Col("ends_on", _("结束日期"), lambda e: e.ends_on),
            Col("venues", _("活动场所"), lambda e: e.venues),
            Col("organisers", _("主办承办单位"), lambda e: e.organisers),
            Col("programme", _("活动内容"), lambda e: e.programme),
        ),
        year_field="starts_on__year",
    ),
]
BY_SLUG = {item.slug: item for item in LISTS}
