"""Instrument photos: owner and officer upload (checked by content), everyone who sees the
instrument sees them, deletion is audited; wrong kinds, oversize and SVG are refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEntry
from instruments import services

from .conftest import make_instrument
from .test_import import client_for

pytestmark = pytest.mark.django_db

# The smallest real PNG (1×1) and the heads of a JPEG and a WebP file.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6b6a50000000049454e44ae426082"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 40
SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
       b'<script>alert(document.cookie)</script></svg>')


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(("name", "content", "kind"), [("a.png", PNG, "png"), ("b.jpg", JPEG, "jpg"),
                                                        ("c.webp", WEBP, "webp")])
def test_owner_uploads_each_image_kind_audited(users, instrument, name, content, kind):
    photo = services.add_photo(users["org_admin"], instrument, upload(name, content))
    assert photo.kind == kind and list(services.photos_of(instrument)) == [photo]
    entry = AuditEntry.objects.filter(action="add_photo").latest("pk")
    assert entry.after["file"] == name and entry.object_id == str(instrument.pk)


def test_officer_uploads_for_any_owner(users, instrument_b):
    services.add_photo(users["officer"], instrument_b, upload("a.png", PNG))
    assert services.photos_of(instrument_b).count() == 1


@pytest.mark.parametrize("role", ["county", "applicant", "leader", "public"])
def test_others_may_not_upload(users, instrument, role):
    with pytest.raises(PermissionDenied):
        services.add_photo(users[role], instrument, upload("a.png", PNG))
    assert not services.photos_of(instrument).exists()


def test_owner_of_another_organisation_may_not_upload(users, instrument_b):
    with pytest.raises(PermissionDenied):
        services.add_photo(users["org_admin"], instrument_b, upload("a.png", PNG))


@pytest.mark.parametrize(("name", "content"), [
    ("fake.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),  # a PDF named .jpg
    ("fake.jpg", "这不是图片，是一段文字。".encode()),  # text named .jpg
    ("logo.svg", SVG),  # script-laden SVG: never accepted as an image
    ("logo.png", SVG),  # … whatever its name
])
def test_wrong_kinds_refused_nothing_written(users, instrument, name, content):
    with pytest.raises(ValidationError) as exc:
        services.add_photo(users["org_admin"], instrument, upload(name, content))
    assert "Wrong file type" in " ".join(exc.value.messages)
    assert not services.photos_of(instrument).exists()
    assert not AuditEntry.objects.filter(action="add_photo").exists()


def test_oversized_refused(users, instrument, settings):
    settings.INSTRUMENTS_PHOTO_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as exc:
        services.add_photo(users["org_admin"], instrument, upload("big.png", PNG + b"\x00" * 2048))
    assert "File too large" in " ".join(exc.value.messages)
    assert not services.photos_of(instrument).exists()


def test_too_many_refused(users, instrument, settings):
    settings.INSTRUMENTS_MAX_PHOTOS = 1
    services.add_photo(users["org_admin"], instrument, upload("a.png", PNG))
    with pytest.raises(ValidationError):
        services.add_photo(users["org_admin"], instrument, upload("b.png", PNG))
    assert services.photos_of(instrument).count() == 1


def test_delete_by_owner_audited_and_file_removed(users, instrument, django_capture_on_commit_callbacks):
    photo = services.add_photo(users["org_admin"], instrument, upload("a.png", PNG))
    storage, name = photo.file.storage, photo.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_photo(users["officer"], instrument, photo)
    assert not services.photos_of(instrument).exists() and not storage.exists(name)
    assert AuditEntry.objects.filter(action="delete_photo", object_id=str(instrument.pk)).exists()


def test_delete_forbidden_and_foreign_photo_refused(users, instrument, instrument_b):
    photo = services.add_photo(users["officer"], instrument_b, upload("a.png", PNG))
    with pytest.raises(PermissionDenied):
        services.delete_photo(users["org_admin"], instrument_b, photo)
    with pytest.raises(ValidationError):
        services.delete_photo(users["org_admin"], instrument, photo)  # not this instrument's photo
    assert services.photos_of(instrument_b).count() == 1


def test_pages_upload_show_serve_delete(users, instrument):
    owner = client_for(users["org_admin"])
    response = owner.post(reverse("instruments:photo_add", args=[instrument.pk]), {"file": upload("a.png", PNG)})
    assert response.status_code == 302
    photo = services.photos_of(instrument).get()
    detail = owner.get(instrument.get_absolute_url()).content.decode()
    src = reverse("instruments:photo", args=[instrument.pk, photo.pk])
    assert src in detail and 'id="photo-form"' in detail
    # A booker sees the photo (the instrument is in the network) but no upload form.
    viewer = client_for(users["county"])
    assert 'id="photo-form"' not in viewer.get(instrument.get_absolute_url()).content.decode()
    served = viewer.get(src)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG
    assert owner.post(reverse("instruments:photo_delete", args=[instrument.pk, photo.pk])).status_code == 302
    assert not services.photos_of(instrument).exists()


def test_pages_refuse_bad_file_and_other_roles(users, instrument):
    owner = client_for(users["org_admin"])
    owner.post(reverse("instruments:photo_add", args=[instrument.pk]), {"file": upload("x.jpg", b"%PDF-1.4 x")})
    assert not services.photos_of(instrument).exists()
    response = client_for(users["applicant"]).post(reverse("instruments:photo_add", args=[instrument.pk]),
                                                {"file": upload("a.png", PNG)})
    assert response.status_code == 403


def test_photo_of_hidden_instrument_is_404_outside_scope(users, org_b):
    hidden = make_instrument(org_b, name="内部专用仪器", in_network=False)
    photo = services.add_photo(users["officer"], hidden, upload("a.png", PNG))
    url = reverse("instruments:photo", args=[hidden.pk, photo.pk])
    assert client_for(users["org_admin"]).get(url).status_code == 404
    shown = client_for(users["officer"]).get(url)
    assert shown.status_code == 200 and b"".join(shown.streaming_content)  # read to the end: the file closes
