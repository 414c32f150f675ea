"""Uploaded files are judged by their content, not their name, and by size before anything else."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# kind → the MIME types filetype may report for it
KINDS = {
    "pdf": {"application/pdf"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "doc": {"application/msword", "application/x-ole-storage"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "xls": {"application/vnd.ms-excel", "application/x-ole-storage"},
    "jpg": {"image/jpeg"},
    "png": {"image/png"},
    "webp": {"image/webp"},
}
DOCUMENTS = ("pdf", "docx", "doc", "xlsx", "xls", "jpg", "png")
# Raster photos only: an SVG is a document that may carry script, so it is never an image here.
IMAGES = ("jpg", "png", "webp")


def sniff(head: bytes) -> str | None:
    guess = filetype.guess(head)
    if guess is None:
        return None
    for kind, mimes in KINDS.items():
        if guess.mime in mimes:
            return kind
    if guess.mime == "application/zip":
        return "zip"
    return None


def check_upload(upload, allowed: tuple[str, ...] = DOCUMENTS, max_bytes: int | None = None) -> str:
    """Return the detected kind, or raise a ValidationError saying what is wrong."""
    limit = max_bytes or settings.MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("文件过大（%(size)s），上限为 %(limit)s。File too large.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = sniff(head)
    if kind == "zip" and "xlsx" in allowed and _is_xlsx(upload):
        kind = "xlsx"
    if kind not in allowed:
        raise ValidationError(
            _("文件类型不符：只接受 %(allowed)s 格式，文件内容与扩展名不符或不是允许的格式。"
              "Wrong file type (checked by content).")
            % {"allowed": "、".join(allowed)},
            code="bad_type",
        )
    return kind


def _is_xlsx(upload) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(upload) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)
