"""The bundled plan categories (计划类别), from the seed plan (luoyang-2008, §2–§11, §15–§16).

Pure data: `services.install_programs()` writes them (idempotent, audited). Funding is in
yuan. `division` is a directory division code; `fields` are the supported research fields
as the seed names them.
"""

from decimal import Decimal

W = Decimal("10000")  # one 万元 in yuan

# Review criteria: (criterion, weight); weights of one template add up to 100.
TECH_TEMPLATE = [
    ("技术先进性与创新性", 30),
    ("研究内容与技术路线", 25),
    ("预期经济社会效益", 25),
    ("承担单位基础与团队", 20),
]
INDUSTRY_TEMPLATE = [("技术成熟度", 25), ("产业化前景与市场", 30), ("经济效益", 25), ("承担单位实力", 20)]
SOFT_TEMPLATE = [("选题意义", 30), ("研究方法", 30), ("决策参考价值", 25), ("研究基础", 15)]

APPLICATION_FIELDS = ["title", "field", "summary", "start_date", "end_date", "requested_funding"]
BASE_ATTACHMENTS = ["申报书", "单位营业执照或法人证书"]

# A row without "major", "template" or "academic_partner" is not major, reviewed on TECH_TEMPLATE,
# and needs no academic partner.
PROGRAMS = [
    {
        "code": "gongguan", "name": "科技攻关", "division": "planning", "range": (10 * W, 100 * W),
        "attachments": [*BASE_ATTACHMENTS, "可行性研究报告"],
        "fields": [
            "装备制造(盾构机、节能环保设备)", "铝加工", "硅材料与太阳能光伏", "钨钼钛材料", "轴承及加工装备",
            "节能环保", "电子信息", "新材料",
        ],
        "description": "围绕六大支柱产业和高新技术产业、特色产业、高成长性关联产业领域实施科技攻关项目，突破关键技术。",
    },
    {
        "code": "gaoxin", "name": "高新技术产业化", "division": "hightech", "range": (20 * W, 200 * W),
        "template": INDUSTRY_TEMPLATE, "attachments": [*BASE_ATTACHMENTS, "可行性研究报告", "高新技术产品证明"],
        "fields": ["太阳能光伏", "新材料", "先进制造", "电子信息", "生物技术"],
        "description": "启动一批高新技术产业化项目，培育高新技术企业和高新技术产品。",
    },
    {
        "code": "zhuanhua", "name": "成果转化", "division": "policy", "range": (10 * W, 100 * W),
        "template": INDUSTRY_TEMPLATE, "attachments": [*BASE_ATTACHMENTS, "成果鉴定或专利证明"],
        "fields": ["工业", "农业", "社会发展"],
        "description": "以重点项目建设为突破，组织实施科技成果转化项目。",
    },
    {
        "code": "chanxueyan", "name": "产学研合作", "division": "cooperation", "range": (5 * W, 50 * W),
        "academic_partner": True, "attachments": [*BASE_ATTACHMENTS, "产学研合作协议"],
        "fields": ["装备制造", "新材料", "电子信息", "农业", "生物医药"],
        "description": "企业牵头、高校和科研机构参加、以项目为纽带的产学研合作项目。",
    },
    {
        "code": "nongye", "name": "农业科技", "division": "rural", "range": (5 * W, 50 * W),
        "attachments": [*BASE_ATTACHMENTS],
        "fields": ["食用菌", "牡丹", "林果", "蔬菜", "旱作农业", "农作物新品种选育", "畜禽疫病防控"],
        "description": "重点农业科技攻关和农业科技成果转化，壮大豫西农业特色科技优势产业。",
    },
    {
        "code": "jieneng", "name": "节能减排", "division": "social", "range": (10 * W, 80 * W),
        "attachments": [*BASE_ATTACHMENTS, "可行性研究报告"],
        "fields": ["火电节能", "硅材料节能", "工业废弃物综合利用", "水处理与中水回用", "建筑节能", "城市垃圾资源化"],
        "description": "集中攻克节能减排关键和共性技术难题，建设循环经济产业链示范基地。",
    },
    {
        "code": "minsheng", "name": "社会发展/民生", "division": "social", "range": (5 * W, 50 * W),
        "attachments": [*BASE_ATTACHMENTS, "伦理审查意见"],
        "fields": ["生物医药", "医疗卫生", "中草药中间体", "公共安全", "环境保护"],
        "description": "常见病、多发病的预防研究，新药开发，生物制药及医疗卫生等领域技术创新项目。",
    },
    {
        "code": "zhongda", "name": "重大专项", "division": "planning", "major": True, "range": (100 * W, 1000 * W),
        "attachments": [*BASE_ATTACHMENTS, "可行性研究报告", "主管部门推荐意见"],
        "fields": ["自主创新重大专项", "铝板带热连轧装备", "多晶硅规模化生产", "海绵钛规模化生产"],
        "description": "以实施自主创新重大专项为总抓手，实行局领导分工负责制。",
    },
    {
        "code": "ruankexue", "name": "软科学", "division": "policy", "range": (1 * W, 10 * W),
        "template": SOFT_TEMPLATE, "attachments": ["申报书"],
        "fields": ["科技政策", "区域创新", "科技管理"],
        "description": "服务科技决策的软科学研究。",
    },
]


def load(apps=None) -> int:
    """Write the bundled programs; existing codes are left as the bureau edited them.

    Called from a data migration (with the historical `apps`), so every database and test has
    the programs; returns how many were created.
    """
    if apps is None:
        from django.apps import apps
    program_model, division_model = (
        apps.get_model("projects", "Program"),
        apps.get_model("directory", "Division"),
    )
    created = 0
    for order, row in enumerate(PROGRAMS):
        _program, made = program_model.objects.get_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "division": division_model.objects.filter(code=row["division"]).first(),
                "description": row["description"],
                "fields": row["fields"],
                "funding_min": row["range"][0],
                "funding_max": row["range"][1],
                "required_fields": APPLICATION_FIELDS,
                "required_attachments": row["attachments"],
                "review_template": [{"criterion": c, "weight": w} for c, w in row.get("template", TECH_TEMPLATE)],
                "needs_academic_partner": row.get("academic_partner", False),
                "is_major_special": row.get("major", False),
                "sort_order": order,
            },
        )
        created += made
    return created
