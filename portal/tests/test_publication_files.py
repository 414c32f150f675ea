"""Files attached to policies and news: officers upload (type judged by content, size capped),
the public page lists and serves them, and a withdrawn publication's files answer 410."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from core.models import Attachment, AuditEntry
from portal import services
from portal.models import Publication

from .helpers import PNG, big_pdf, fake_pdf_text, png, publication

pytestmark = pytest.mark.django_db


def test_an_officer_attaches_a_file_and_the_public_downloads_it(users):
    policy = publication()
    client = Client()
    client.force_login(users["officer"])
    response = client.post(reverse("portal:publication_attach", args=[policy.pk]), {"file": png("附图.png")})
    assert response.status_code == 302
    attachment = services.files_of(policy).get()
    assert attachment.kind == "png" and attachment.original_name == "附图.png"
    assert AuditEntry.objects.filter(action="portal.file_attached", object_id=str(policy.pk)).exists()
    assert "附图.png" in client.get(policy.get_absolute_url()).content.decode()
    public = Client()
    page = public.get(policy.get_public_url()).content.decode()
    url = reverse("portal:document_file", args=[policy.pk, attachment.pk])
    assert url in page and "附图.png" in page
    download = public.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG


@pytest.mark.parametrize("upload,message", [
    (fake_pdf_text("办法.pdf"), "文件类型不符"),
    (big_pdf(services.PUBLICATION_FILE_MAX_BYTES + 1), "文件过大"),
])
def test_a_wrong_type_or_oversized_file_is_refused_and_nothing_written(users, upload, message):
    policy = publication()
    with pytest.raises(ValidationError, match=message):
        services.attach_to_publication(users["officer"], policy, upload)
    assert not Attachment.objects.exists()
    assert not AuditEntry.objects.filter(action="portal.file_attached").exists()


def test_the_upload_page_says_why_a_file_is_refused(users):
    policy = publication()
    client = Client()
    client.force_login(users["officer"])
    response = client.post(reverse("portal:publication_attach", args=[policy.pk]),
                           {"file": fake_pdf_text("办法.pdf")}, follow=True)
    assert "文件类型不符" in response.content.decode() and not Attachment.objects.exists()


@pytest.mark.parametrize("role", ["leader", "county", "applicant", "public"])
def test_only_officers_attach(users, role):
    policy = publication()
    with pytest.raises(PermissionDenied):
        services.attach_to_publication(users[role], policy, png())
    client = Client()
    client.force_login(users[role])
    assert client.post(reverse("portal:publication_attach", args=[policy.pk]), {"file": png()}).status_code == 403
    assert not Attachment.objects.exists()


def test_a_withdrawn_publications_files_answer_410(users):
    policy = publication()
    attachment = services.attach_to_publication(users["officer"], policy, png())
    services.apply_publication_action(users["officer"], policy, "withdraw", comment="文件已废止")
    response = Client().get(reverse("portal:document_file", args=[policy.pk, attachment.pk]))
    assert response.status_code == 410 and "文件已废止" in response.content.decode()
    draft = publication(status=Publication.Status.DRAFT)
    hidden = services.attach_to_publication(users["officer"], draft, png())
    assert Client().get(reverse("portal:document_file", args=[draft.pk, hidden.pk])).status_code == 404
