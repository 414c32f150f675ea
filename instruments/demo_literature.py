"""Demo literature sharing platform (科技文献共享服务平台, seed §14): the databases the city's
information institute and libraries open to the network's organisations, with 2007–2008 service
figures. Providers are looked up by name among the demo organisations (the first name found; the
city's information institute exists only at the larger scales, a university library stands in)."""

import datetime as dt

from directory.models import Organisation

from .models import AccessMode, LiteratureKind, LiteratureResource, LiteratureUse

INFO = ("洛阳市科学技术情报研究所", "洛阳理工学院", "河南科技大学")
UNIVERSITY = ("河南科技大学", "洛阳理工学院")
RESOURCES = [
    # name, provider, kind, access mode, url, opened, users served 2008
    ("中国学术期刊网络出版总库（CNKI）", INFO, LiteratureKind.JOURNAL, AccessMode.IP_RANGE,
     "https://www.cnki.net/", dt.date(2005, 3, 1), 18_600),
    ("万方数据知识服务平台", INFO, LiteratureKind.JOURNAL, AccessMode.ACCOUNT,
     "https://www.wanfangdata.com.cn/", dt.date(2006, 5, 1), 9_400),
    ("中国专利数据库（洛阳市专利信息服务中心）", INFO, LiteratureKind.PATENT, AccessMode.ON_SITE,
     "", dt.date(2004, 9, 1), 3_150),
    ("国家标准全文数据库", INFO, LiteratureKind.STANDARD, AccessMode.REMOTE,
     "", dt.date(2007, 1, 15), 2_480),
    ("国家科技图书文献中心（NSTL）洛阳服务站", UNIVERSITY, LiteratureKind.REPORT, AccessMode.DELIVERY,
     "https://www.nstl.gov.cn/", dt.date(2006, 10, 1), 5_720),
    ("中国优秀博硕士学位论文全文数据库", UNIVERSITY, LiteratureKind.DISSERTATION, AccessMode.IP_RANGE,
     "", dt.date(2007, 6, 1), 7_300),
]


def _organisation(names: tuple[str, ...]) -> Organisation | None:
    found = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    return next((found[name] for name in names if name in found), None)


def seed_literature(rng, year: int) -> int:
    universities = Organisation.objects.filter(kind=Organisation.Kind.UNIVERSITY).order_by("pk")
    fallback = universities.first() or Organisation.objects.order_by("pk").first()
    members = list(Organisation.objects.exclude(kind=Organisation.Kind.ENTERPRISE).order_by("pk")[:12])
    members += list(Organisation.objects.filter(kind=Organisation.Kind.ENTERPRISE).order_by("pk")[:8])
    for name, provider, kind, mode, url, opened, served in RESOURCES:
        resource = LiteratureResource.objects.create(
            name=name, provider=_organisation(provider) or fallback, kind=kind, access_mode=mode, url=url,
            opened_on=opened, description=f"{name}，面向全市科研单位和企业开放共享。")
        resource.covered.set(rng.sample(members, k=min(len(members), rng.randint(6, 15))))
        for offset, scale in ((1, 0.8), (0, 1.0)):  # the year before, and the plan year
            users = int(served * scale)
            LiteratureUse.objects.create(
                resource=resource, year=year - offset, users_served=users, searches=users * rng.randint(4, 9),
                downloads=users * rng.randint(2, 5), organisations_served=min(users, rng.randint(40, 160)))
    return len(RESOURCES)
