"""Uploads judged by content and size; the Excel engine's all-or-nothing import and its export."""

import io
import zipfile

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from core import xlsx
from core.models import AuditEntry
from core.uploads import check_upload

MB = 1024 * 1024


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def zip_bytes(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<xml/>")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


# --- check_upload ----------------------------------------------------------------------------------


def test_real_xlsx_is_accepted():
    assert check_upload(upload("a.xlsx", xlsx_bytes([["x"]])), allowed=("xlsx",)) == "xlsx"


def test_kind_comes_from_content_not_name():
    assert check_upload(upload("scan.xlsx", PDF)) == "pdf"
    assert check_upload(upload("photo.pdf", PNG)) == "png"


@pytest.mark.parametrize("content", [
    b"name,code\n\xe6\xb4\x9b\xe9\x98\xb3,1\n",  # a CSV renamed .xlsx
    PDF,
    zip_bytes("word/document.xml"),  # a zip (e.g. a Word file) that is not a workbook
    b"",
])
def test_non_excel_file_renamed_xlsx_is_refused(content):
    with pytest.raises(ValidationError) as caught:
        check_upload(upload("名单.xlsx", content), allowed=("xlsx",))
    assert caught.value.code == "bad_type"
    assert "文件类型不符" in caught.value.messages[0] and "xlsx" in caught.value.messages[0]


def test_upload_position_is_rewound_after_the_check():
    file = upload("a.xlsx", xlsx_bytes([["x"]]))
    check_upload(file, allowed=("xlsx",))
    assert file.tell() == 0


def test_50_mb_upload_is_refused_with_a_size_message(settings):
    assert settings.MAX_UPLOAD_BYTES == 20 * MB
    big = upload("big.xlsx", b"\0" * (50 * MB))
    with pytest.raises(ValidationError) as caught:
        check_upload(big, allowed=("xlsx",))
    assert caught.value.code == "too_large"
    message = caught.value.messages[0]
    assert "文件过大" in message and "50.0" in message and "20.0" in message


def test_explicit_max_bytes_overrides_the_setting():
    with pytest.raises(ValidationError) as caught:
        check_upload(upload("a.pdf", PDF + b"\0" * 2048), max_bytes=1024)
    assert caught.value.code == "too_large"
    assert check_upload(upload("a.pdf", PDF), max_bytes=1024) == "pdf"


# --- import_rows with a small form --------------------------------------------------------------------


class ThingForm(forms.Form):
    code = forms.RegexField(regex=r"^[A-Z]\d{3}$", label="代码")
    amount = forms.IntegerField(min_value=0, label="数量")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


COLUMNS = [xlsx.Column("代码", "code"), xlsx.Column("数量", "amount")]


class Saver:
    def __init__(self):
        self.saved: list[dict] = []

    def __call__(self, actor, form) -> dict:
        self.saved.append(form.cleaned_data)
        return form.cleaned_data


def run_import(rows: list[list], saver: Saver | None = None, **kwargs) -> tuple[xlsx.ImportResult, Saver]:
    saver = saver or Saver()
    result = xlsx.import_rows(None, upload("t.xlsx", xlsx_bytes(rows)), COLUMNS, ThingForm, saver,
                              label="物品", **kwargs)
    return result, saver


@pytest.mark.django_db
def test_all_good_rows_are_saved_and_one_import_entry_written():
    before = AuditEntry.objects.count()
    result, saver = run_import([["代码", "数量"], ["A001", 3], [None, None], ["B002", 4.0]])
    assert result.ok and result.created == 2
    assert saver.saved == [{"code": "A001", "amount": 3}, {"code": "B002", "amount": 4}]
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.object_repr, entry.after) == ("import", "物品", {"rows": 2})


@pytest.mark.django_db
def test_one_bad_row_means_nothing_saved_and_the_row_and_column_named():
    before = AuditEntry.objects.count()
    result, saver = run_import([["代码", "数量"], ["A001", 3], ["bad", 5], ["C003", -1], ["D004", 1]])
    assert not result.ok and result.created == 0
    assert saver.saved == []
    assert [(e.row, e.column) for e in result.errors] == [(3, "代码"), (4, "数量")]
    assert str(result.errors[0]).startswith("第 3 行，“代码”：")
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_duplicate_key_within_the_sheet_is_reported_against_the_later_row():
    result, saver = run_import([["代码", "数量"], ["A001", 1], ["B002", 1], ["A001", 2]], unique=("code",))
    assert saver.saved == []
    assert [(e.row, e.column) for e in result.errors] == [(4, "代码")]
    assert "第 2 行" in result.errors[0].message


@pytest.mark.django_db
def test_missing_column_is_reported_on_the_header_row():
    result, saver = run_import([["代码"], ["A001"]])
    assert [(e.row, e.column) for e in result.errors] == [(1, "数量")]
    assert saver.saved == []


@pytest.mark.django_db
def test_columns_may_come_in_any_order_and_extra_columns_are_ignored():
    result, saver = run_import([["备注", "数量", "代码"], ["x", 7, "Z999"]])
    assert result.ok
    assert saver.saved == [{"code": "Z999", "amount": 7}]


@pytest.mark.django_db
def test_sheet_without_data_rows_is_an_error():
    result, _ = run_import([["代码", "数量"]])
    assert not result.ok
    assert "没有数据行" in result.errors[0].message


@pytest.mark.django_db
def test_unreadable_or_wrong_file_is_an_error_not_an_exception():
    result = xlsx.import_rows(None, upload("t.xlsx", b"not a workbook"), COLUMNS, ThingForm, Saver(), label="物品")
    assert not result.ok and result.errors[0].row == 0
    assert "文件类型不符" in result.errors[0].message


@pytest.mark.django_db
def test_oversized_file_is_an_error():
    result = xlsx.import_rows(None, upload("t.xlsx", b"\0" * (50 * MB)), COLUMNS, ThingForm, Saver(), label="物品")
    assert not result.ok and "文件过大" in result.errors[0].message


@pytest.mark.django_db
def test_failure_while_saving_rolls_back_everything():
    from directory.models import Division

    def save(actor, form):
        Division.objects.create(code=f"x{form.cleaned_data['code'].lower()}", name=form.cleaned_data["code"])
        if form.cleaned_data["code"] == "B002":
            raise RuntimeError("disk full")

    before = Division.objects.count(), AuditEntry.objects.count()
    with pytest.raises(RuntimeError):
        xlsx.import_rows(None, upload("t.xlsx", xlsx_bytes([["代码", "数量"], ["A001", 1], ["B002", 1]])),
                         COLUMNS, ThingForm, save, label="物品")
    assert (Division.objects.count(), AuditEntry.objects.count()) == before


# --- export -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_export_writes_headers_rows_and_an_audit_entry():
    from django.utils.translation import gettext_lazy as _

    class Row:
        def __init__(self, code, amount):
            self.code, self.amount = code, amount

    columns = [xlsx.Column(_("代码"), "code"), xlsx.Column("数量×2", "amount", lambda r: r.amount * 2)]
    response = xlsx.export_response(None, [Row("A001", 1), Row("B002", 5)], columns, "物品清单", note="q=x")
    assert response["Content-Type"] == xlsx.XLSX_MIME
    assert "filename*=UTF-8''%E7%89%A9" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert rows == [("代码", "数量×2"), ("A001", 2), ("B002", 10)]
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.object_repr, entry.after, entry.note) == ("export", "物品清单", {"rows": 2}, "q=x")


def test_template_has_the_import_headers():
    response = xlsx.template_response(COLUMNS, "物品")
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert rows == [("代码", "数量")]
