"""Big sheets are imported by the task worker (here the immediate backend) with a progress page;
the all-or-nothing rule holds there too, and a job is visible only to its owner."""

import pytest
from django.test import Client
from django.urls import reverse

from core.models import AuditEntry, Job
from directory.models import Organisation
from directory.tests.test_import import ORG_HEADER, ORG_IMPORT, org_row, sheet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _every_sheet_in_background(settings):
    settings.BACKGROUND_IMPORT_BYTES = 1


def officer_client(users) -> Client:
    client = Client()
    client.force_login(users["officer"])
    return client


def test_big_sheet_becomes_a_job_and_imports_every_row(users):
    client = officer_client(users)
    rows = [org_row(f"洛阳后台导入{i}号有限公司") for i in range(5)]
    response = client.post(ORG_IMPORT, {"file": sheet(ORG_HEADER, rows)})
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("core:job", args=[job.pk])
    assert (job.status, job.result["created"], job.owner) == (Job.Status.DONE, 5, users["officer"])
    assert Organisation.objects.filter(name__startswith="洛阳后台导入").count() == 5
    assert AuditEntry.objects.filter(action="import", object_repr="单位").count() == 1
    page = client.get(response.url)
    assert "已导入 5 行" in page.content.decode() and 'hx-trigger="every 1s"' not in page.content.decode()


def test_job_with_a_bad_row_writes_nothing_and_lists_the_row(users):
    client = officer_client(users)
    organisations = Organisation.objects.count()
    rows = [org_row("洛阳好行一号有限公司"), org_row("洛阳坏行二号有限公司", credit_code="91410300MA12345678")]
    client.post(ORG_IMPORT, {"file": sheet(ORG_HEADER, rows)})
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert any("第 3 行" in error and "统一社会信用代码" in error for error in job.result["errors"])
    assert Organisation.objects.count() == organisations
    page = client.get(reverse("core:job", args=[job.pk])).content.decode()
    assert 'id="import-errors"' in page and "第 3 行" in page


def test_a_disguised_file_is_refused_before_any_job(users):
    client = officer_client(users)
    response = client.post(ORG_IMPORT, {"file": sheet(ORG_HEADER, []).__class__("x.xlsx", b"%PDF-1.4 not excel")})
    assert response.status_code == 400 and Job.objects.count() == 0
    assert "文件类型不符" in response.content.decode()


def test_htmx_polls_a_running_job_and_only_its_owner_sees_it(users):
    job = Job.objects.create(kind="k", label="单位", owner=users["officer"], status=Job.Status.RUNNING,
                             done=200, total=800)
    client = officer_client(users)
    fragment = client.get(reverse("core:job", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "25%" in fragment and "<html" not in fragment
    stranger = Client()
    stranger.force_login(users["admin"])
    assert stranger.get(reverse("core:job", args=[job.pk])).status_code == 404
    assert Client().get(reverse("core:job", args=[job.pk])).status_code == 302
