"""Nothing internal reaches a public page or download: the demo data is seeded, every public page,
download, API list and objection status page is fetched, and each body is scanned for personal
data (resident ID numbers, phone numbers, e-mail addresses), scores, reviewers' names and
opinions, internal comments and records that are not published."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from assessment.models import Assessment, CountyResult
from core.models import StatusLog
from core.testing import restore_reference_data
from directory.models import Person
from plans.models import ProgressReport, WorkItemNote
from portal import lists
from portal.models import NoticeItem, Publication
from portal.services import NOTICE_STATES
from projects import workflow as wf
from projects.models import Objection, Project
from reviews.models import AwardNomination, Expert, Invitation, ReviewRound

PATTERNS = {
    "resident ID": re.compile(r"(?<![\dA-Za-z])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx](?![\dA-Za-z])"),
    "mobile phone": re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),
    "landline": re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)"),
    "e-mail": re.compile(r"[\w.+-]+@[\w-]+\.[A-Za-z]{2,}"),
    "score": re.compile(r"review_score|评审分数|评分|得分|\"score\""),
}
MIN_TEXT = 8  # shorter internal strings are too generic to search for


@pytest.fixture
def demo(transactional_db):
    restore_reference_data()  # an earlier transactional test's flush removed the migrations' rows
    call_command("seed_demo", scale="small", verbosity=0)
    # An unpublished draft that must appear nowhere.
    Publication.objects.create(kind=Publication.Kind.POLICY, title="内部草稿：尚未发布的管理办法", body="草稿正文")


def _public_urls(client) -> list[str]:
    sitemap = client.get(reverse("portal:sitemap")).content.decode()
    urls = ["/" + loc.split("://", 1)[1].split("/", 1)[1] for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    urls += [reverse("portal:feed"), reverse("portal:sitemap"), reverse("portal:calls") + "?year=2008"]
    for spec in lists.LISTS:
        urls += [reverse("portal:list_download", args=[spec.slug, fmt]) for fmt in ("csv", "json")]
        urls.append(f"/api/public/{spec.slug}/")
    urls += [reverse("portal:indicator_download", args=[fmt]) for fmt in ("csv", "json")]
    for project in Project.objects.filter(status__in=NOTICE_STATES).exclude(notice_end=None)[:5]:
        urls.append(reverse("portal:objection_new", args=[project.pk]))
    for nomination in AwardNomination.objects.filter(status="in_notice")[:3]:
        urls.append(reverse("portal:objection_award", args=[nomination.pk]))
    for line in NoticeItem.objects.all()[:5]:
        urls.append(reverse("portal:objection_item", args=[line.pk]))
    for receipt in Objection.objects.exclude(receipt=None).values_list("receipt", flat=True):
        urls.append(reverse("portal:objection_status") + f"?receipt={receipt}")
    return urls


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def _forbidden_texts() -> dict[str, set[str]]:
    public_names = set(Project.objects.values_list("pi_name", flat=True)) | set(
        Person.objects.filter(pk__in=_nominee_ids()).values_list("name", flat=True))
    reviewers = set(Expert.objects.values_list("person__name", flat=True)) - public_names
    public_states = wf.PROJECT_STATES | set(NOTICE_STATES)
    texts = {
        "reviewer name": {n for n in reviewers if n and len(n) >= 2},
        "reviewer opinion": set(Invitation.objects.values_list("comment", flat=True)),
        "review minutes": set(ReviewRound.objects.values_list("minutes", flat=True)),
        "internal comment": set(Project.objects.values_list("feedback", flat=True))
        | set(StatusLog.objects.values_list("comment", flat=True))
        | set(WorkItemNote.objects.values_list("text", flat=True))
        | set(ProgressReport.objects.values_list("note", flat=True)),
        "objection filer": set(Objection.objects.values_list("filer_name", flat=True))
        | set(Objection.objects.values_list("filer_contact", flat=True)),
        "objection text": set(Objection.objects.values_list("content", flat=True)),
        # A published assessment shows totals, ranks, grades and whether vetoed; not which veto failed.
        "assessment internals": {item for row in CountyResult.objects.values_list("veto_items", flat=True)
                                 for item in row or ()},
        "unpublished record": set(Publication.objects.exclude(status="published").values_list("title", flat=True))
        | set(Assessment.objects.exclude(status="published").values_list("title", flat=True))
        | set(Project.objects.exclude(status__in=public_states).values_list("number", flat=True)),
    }
    # What the public is meant to read: withdrawal reasons (410 pages), corrections, answers to filers.
    allowed = set(Publication.objects.values_list("withdrawn_reason", flat=True)) | set(
        Objection.objects.values_list("resolution", flat=True))
    withdrawn = set(Publication.objects.filter(status="withdrawn").values_list("title", flat=True))
    return {kind: {t for t in values if t and (len(t) >= MIN_TEXT or kind in ("reviewer name", "objection filer"))
                   and t not in allowed and t not in withdrawn}
            for kind, values in texts.items()}


def _nominee_ids():
    from reviews.models import AwardNomination

    return AwardNomination.objects.filter(status__in=["awarded", "in_notice", "objection"]).values("nominee_id")


def test_no_public_page_or_download_leaks_internal_data(demo):
    client = Client()
    urls = _public_urls(client)
    assert len(urls) > 40 and Objection.objects.exists() and Expert.objects.exists()
    forbidden = _forbidden_texts()
    assert forbidden["reviewer name"] and forbidden["internal comment"] and forbidden["unpublished record"]
    assert forbidden["assessment internals"], "the demo's published assessment has a vetoed county"
    assert "/public/results/county-assessment/" in urls and NoticeItem.objects.exists()
    leaks = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body = _body(response)
        for kind, pattern in PATTERNS.items():
            leaks += [(url, kind, m.group(0)) for m in pattern.finditer(body)]
        for kind, texts in forbidden.items():
            leaks += [(url, kind, text) for text in texts if _contains(body, text, kind)]
    assert not leaks, leaks[:20]


def _contains(body: str, text: str, kind: str) -> bool:
    if kind == "reviewer name":
        # A name is a whole cell or list item, not a substring of a longer word.
        return re.search(rf"(?<![\u4e00-\u9fff]){re.escape(text)}(?![\u4e00-\u9fff])", body) is not None
    return text in body
