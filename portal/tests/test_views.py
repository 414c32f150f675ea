"""Every page and endpoint by role, caching headers, bad input on the public forms."""

import datetime as dt
import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from core.testing import assert_statuses
from portal import lists, services
from portal.models import IndicatorSnapshot, Publication
from projects.models import Objection

from .helpers import OBJECTION, big_pdf, fake_pdf_text, notice_project, png, publication

pytestmark = pytest.mark.django_db
ROLES = ["admin", "leader", "officer", "county", "org_admin", "applicant", "expert", "supervisor", "finance",
         "public"]
STAFF = {"admin": 200, "leader": 200, "officer": 200, "supervisor": 200, "finance": 200}
OUTSIDERS = {"county": 403, "org_admin": 403, "applicant": 403, "expert": 403, "public": 403}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def everyone(status):
    return {"anonymous": status, **{role: status for role in ROLES}}


def public_urls(project, document):
    return [
        reverse("portal:home"), reverse("portal:calls"), reverse("portal:call_detail", args=[project.call_id]),
        reverse("portal:notices"), reverse("portal:notice_detail", args=[project.call_id]),
        reverse("portal:documents"), reverse("portal:document", args=[document.pk]),
        reverse("portal:results"), reverse("portal:open_data"), reverse("portal:objection_status"),
        reverse("portal:feed"), reverse("portal:sitemap"), reverse("portal:objection_new", args=[project.pk]),
        *[reverse("portal:result_list", args=[spec.slug]) for spec in lists.LISTS],
        *[reverse("portal:list_download", args=[spec.slug, fmt]) for spec in lists.LISTS for fmt in ("csv", "json")],
        *[f"/api/public/{spec.slug}/" for spec in lists.LISTS],
    ]


def test_every_public_page_answers_everyone(users, org_a):
    project = notice_project(users, org_a)
    document = publication()
    for url in public_urls(project, document):
        assert_statuses(users, url, everyone(200))


def test_public_pages_send_caching_headers_and_no_staff_navigation(users, org_a):
    project = notice_project(users, org_a)
    for url in public_urls(project, publication()):
        response = Client().get(url)
        control = response.get("Cache-Control", "")
        if "/objections/" in url:
            assert "no-cache" in control or "max-age=0" in control, url
        elif not url.startswith("/api/"):
            assert "public" in control and "max-age=" in control, url
        if response.get("Content-Type", "").startswith("text/html"):
            assert b'id="nav-items"' not in response.content, url


def test_public_api_is_read_only_and_paginated(users, org_a):
    url = "/api/public/projects/"
    assert_statuses(users, url, everyone(405), method="post", data={})
    body = Client().get(url).json()
    assert {"next", "previous", "results", "licence"} <= set(body)
    assert "count" not in body  # keyset pages: no COUNT(*) at province scale (BENCHMARKS.md)


def test_withdrawn_page_answers_410_with_its_reason_and_a_draft_404():
    withdrawn = publication(status=Publication.Status.WITHDRAWN, withdrawn_reason="文件已废止")
    response = Client().get(reverse("portal:document", args=[withdrawn.pk]))
    assert response.status_code == 410 and "文件已废止" in response.content.decode()
    draft = publication(status=Publication.Status.DRAFT, title="草稿标题")
    assert Client().get(reverse("portal:document", args=[draft.pk])).status_code == 404
    assert "草稿标题" not in Client().get(reverse("portal:documents")).content.decode()


def test_downloads_carry_the_licence(users, org_a):
    csv_text = b"".join(Client().get(reverse("portal:list_download", args=["projects", "csv"])).streaming_content)
    assert "许可" in csv_text.decode("utf-8-sig").splitlines()[0]
    body = Client().get(reverse("portal:list_download", args=["projects", "json"])).json()
    assert "许可" in body["licence"] and body["results"] == []


def test_filing_through_the_page_gives_a_receipt(users, org_a):
    project = notice_project(users, org_a)
    url = reverse("portal:objection_new", args=[project.pk])
    response = Client().post(url, {**OBJECTION, "evidence": png()})
    assert response.status_code == 201
    objection = Objection.objects.get()
    assert objection.receipt in response.content.decode()
    status = Client().get(reverse("portal:objection_status"), {"receipt": objection.receipt})
    assert status.status_code == 200 and "已受理" in status.content.decode()
    assert OBJECTION["contact"] not in status.content.decode()


@pytest.mark.parametrize("data,message", [
    ({**OBJECTION, "content": "<script>alert('x')</script>"}, "网页标记"),
    ({**OBJECTION, "evidence": fake_pdf_text()}, "文件类型不符"),
    ({**OBJECTION, "evidence": big_pdf(services.EVIDENCE_MAX_BYTES + 10)}, "文件过大"),
    ({**OBJECTION, "name": ""}, "该字段是必填项"),
])
def test_bad_objections_are_refused_with_a_message(users, org_a, data, message):
    project = notice_project(users, org_a)
    response = Client().post(reverse("portal:objection_new", args=[project.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "<script>alert" not in response.content.decode()  # echoed back escaped, never raw
    assert not Objection.objects.exists()


def test_objections_are_rate_limited_per_address_and_per_contact(users, org_a, settings):
    settings.PORTAL_OBJECTION_RATE = "2/h"
    project = notice_project(users, org_a)
    url = reverse("portal:objection_new", args=[project.pk])
    codes = [Client().post(url, {**OBJECTION, "contact": f"c{i}@example.org"}).status_code for i in range(3)]
    assert codes == [201, 201, 429]
    cache.clear()
    client = Client()
    codes = [client.post(url, OBJECTION, REMOTE_ADDR=f"10.0.0.{i}").status_code for i in range(3)]
    assert codes == [201, 201, 429]
    assert Objection.objects.count() == 4


def test_closed_notice_refuses_objections(users, org_a, time_machine):
    project = notice_project(users, org_a, days_left=1)
    time_machine.move_to(project.notice_end.replace(microsecond=0) + dt.timedelta(minutes=1))
    response = Client().post(reverse("portal:objection_new", args=[project.pk]), OBJECTION)
    assert response.status_code == 410 and not Objection.objects.exists()


def test_project_not_in_notice_has_no_objection_form(users, org_a):
    from projects.tests.helpers import make_project

    project = make_project(users["applicant"], org_a)
    assert_statuses(users, reverse("portal:objection_new", args=[project.pk]), everyone(404))


@pytest.mark.parametrize("receipt,status", [
    ("bad", 400), ("YY2026-<script>", 400), ("x" * 500, 400), ("YY20261129-ABCDEFGHJK", 404),
])
def test_malformed_or_unknown_receipts(receipt, status):
    response = Client().get(reverse("portal:objection_status"), {"receipt": receipt})
    assert response.status_code == status
    assert "<script>" not in response.content.decode()


def test_my_objections_for_a_registered_citizen(users, org_a):
    project = notice_project(users, org_a)
    mine = services.file_objection(project, user=users["public"], **OBJECTION)
    services.file_objection(project, user=users["applicant"], **{**OBJECTION, "contact": "other@example.org"})
    url = reverse("portal:my_objections")
    assert_statuses(users, url, {"anonymous": 302, "public": 200, "officer": 200})
    client = Client()
    client.force_login(users["public"])
    page = client.get(url).content.decode()
    assert mine.receipt in page and Objection.objects.exclude(pk=mine.pk).get().receipt not in page


# --- the officer side ------------------------------------------------------------------------


def test_staff_pages_by_role(users, org_a):
    project = notice_project(users, org_a)
    objection = services.file_objection(project, **OBJECTION)
    item = publication()
    for url in [reverse("portal:objection_queue"), reverse("portal:objection_detail", args=[objection.pk]),
                reverse("portal:snapshots"), reverse("portal:publication_list"),
                reverse("portal:publication_detail", args=[item.pk])]:
        assert_statuses(users, url, {"anonymous": 302, **STAFF, **OUTSIDERS})
    assert_statuses(users, reverse("portal:objection_detail", args=[99999]), {"officer": 404})
    assert_statuses(users, reverse("portal:publication_add"),
                    {"anonymous": 302, "admin": 200, "officer": 200, "leader": 403, "public": 403})


def test_resolving_through_the_page(users, org_a):
    objection = services.file_objection(notice_project(users, org_a), **OBJECTION)
    url = reverse("portal:objection_detail", args=[objection.pk])
    data = {"upheld": "0", "resolution": "经核查不成立。"}
    assert_statuses(users, url, {"anonymous": 302, "leader": 403, "supervisor": 403, "public": 403},
                    method="post", data=data)
    assert Objection.objects.get().resolved_at is None
    client = Client()
    client.force_login(users["admin"])
    assert client.post(url, data).status_code == 302
    assert Objection.objects.get().upheld is False


def test_publish_and_withdraw_through_the_pages(users):
    item = publication(status=Publication.Status.DRAFT)
    publish = reverse("portal:publication_action", args=[item.pk, "publish"])
    assert_statuses(users, publish, {"anonymous": 302, "leader": 403, "public": 403}, method="post")
    client = Client()
    client.force_login(users["officer"])
    client.post(publish)
    assert Publication.objects.get().status == "published"
    client.post(reverse("portal:publication_action", args=[item.pk, "withdraw"]), {"comment": "已废止"})
    assert Publication.objects.get().status == "withdrawn"


def test_snapshot_page_posts(users):
    from plans.models import Plan

    plan = Plan.objects.create(year=2008, title="2008年科技工作要点")
    url = reverse("portal:snapshots")
    data = {"plan": plan.pk, "month": "2008-06-15"}
    assert_statuses(users, url, {"anonymous": 302, "leader": 403, "public": 403}, method="post", data=data)
    client = Client()
    client.force_login(users["officer"])
    assert client.post(url, {"plan": "x", "month": "not a date"}).status_code == 400
    assert not IndicatorSnapshot.objects.exists()
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 400 and "该月数据已发布" in again.content.decode()
    assert IndicatorSnapshot.objects.count() == 1
    body = Client().get(reverse("portal:indicator_download", args=["json"])).json()
    assert body["month"] == "2008-06-30" and "许可" in body["licence"]
    assert json.dumps(body)
