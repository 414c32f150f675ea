"""The default scheme, after the national 科技兴县(市) assessment's practice (seed §2, §9).

It is data: `build_default_scheme` writes rows an officer may then change or copy to a new
version; the three veto items are rows of `VetoItem` like any other a scheme may name.
"""

from decimal import Decimal

from django.db import transaction

from core import audit

from .models import Figure, Indicator, IndicatorGroup, Scheme, VetoItem

D = Decimal
FIGURES = [
    # code, name, unit, type
    ("st_share", "财政科技拨款占财政支出比重", "%", Figure.Type.SHARE),
    ("st_growth", "财政科技拨款增幅", "%", Figure.Type.RATE),
    ("revenue_growth", "经常性财政收入增幅", "%", Figure.Type.RATE),
    ("st_body", "县级科技管理机构健全（独立设置、编制和人员到位）", "", Figure.Type.YES_NO),
    ("rd_gdp", "全社会研发经费占生产总值比重", "%", Figure.Type.SHARE),
]
VETOES = [
    # name, figure, op, threshold, compare_to
    ("财政科技拨款占财政支出比重不低于当年标准", "st_share", VetoItem.Op.AT_LEAST, D("1.0"), None),
    ("财政科技拨款增幅不低于经常性财政收入增幅", "st_growth", VetoItem.Op.AT_LEAST, None, "revenue_growth"),
    ("县级科技管理机构健全", "st_body", VetoItem.Op.YES, None, None),
]
R = Indicator.Rule
GROUPS = [
    ("科技投入", [
        # name, unit, weight, rule, source_key or figure code, floor, target, tiers
        ("财政科技拨款占财政支出比重", "%", 10, R.LINEAR, "@st_share", D("0.5"), D("2.0"), []),
        ("全社会研发经费占生产总值比重", "%", 10, R.TIERS, "@rd_gdp", None, None, [[1.5, 1], [1.0, 0.7], [0.5, 0.4]]),
        ("企业研发投入", "万元", 10, R.RANK, "rd_investment", None, None, []),
    ]),
    ("科技活动与产出", [
        ("市级科技计划立项项目", "项", 8, R.LINEAR, "projects_approved", D(0), D(5), []),
        ("市级科技经费支持", "万元", 6, R.LINEAR, "city_funding", D(0), D(100), []),
        ("每万人专利申请量", "件", 8, R.LINEAR, "patents_per_10k", D(0), D(2), []),
        ("每万人发明专利申请量", "件", 6, R.LINEAR, "inventions_per_10k", D(0), D("0.5"), []),
        ("新认定高新技术企业", "家", 6, R.TIERS, "high_tech_enterprises", None, None, [[3, 1], [2, 0.7], [1, 0.4]]),
        ("新认定高新技术产品", "种", 6, R.LINEAR, "high_tech_products", D(0), D(5), []),
    ]),
    ("创新环境与产业", [
        ("新认定科技创新平台", "个", 8, R.LINEAR, "platforms", D(0), D(3), []),
        ("科技企业孵化器", "家", 4, R.YES_NO, "incubators", None, None, []),
        ("高新技术产业产值", "亿元", 8, R.RANK, "high_tech_output", None, None, []),
        ("专利资助拨付", "万元", 4, R.LINEAR, "patent_subsidy", D(0), D(10), []),
        ("科研失信记录（越少越好）", "条", 4, R.LINEAR, "credit_events", D(3), D(0), []),
        ("县级科技管理机构健全", "", 2, R.YES_NO, "@st_body", None, None, []),
    ]),
]  # fmt: skip


def build_default_scheme(actor, year: int, version: int = 1) -> Scheme:
    with transaction.atomic():
        scheme = Scheme.objects.create(
            year=year, version=version, name=f"{year}年度县（市、区）科技进步考核方案",
            basis="科技部《科技兴县(市)专项工作管理办法》；全国科技进步考核“三项一票否决”指标",
            excellent_min=D(80), pass_min=D(60),
        )
        figures = {
            code: Figure.objects.create(scheme=scheme, code=code, name=name, unit=unit, type=kind, order=i)
            for i, (code, name, unit, kind) in enumerate(FIGURES)
        }
        for i, (name, code, op, threshold, other) in enumerate(VETOES):
            VetoItem.objects.create(scheme=scheme, name=name, figure=figures[code], op=op, threshold=threshold,
                                    compare_to=figures.get(other), order=i)
        for g, (group_name, rows) in enumerate(GROUPS):
            group = IndicatorGroup.objects.create(scheme=scheme, name=group_name, order=g)
            for i, (name, unit, weight, rule, source, floor, target, tiers) in enumerate(rows):
                figure = figures[source[1:]] if source.startswith("@") else None
                indicator = Indicator(group=group, name=name, unit=unit, weight=D(weight), rule=rule, floor=floor,
                                      target=target, tiers=tiers, figure=figure,
                                      source_key="" if figure else source, order=i)
                indicator.full_clean()
                indicator.save()
        audit.record(actor, "create", scheme, after=audit.snapshot(scheme), note="default scheme")
    return scheme
