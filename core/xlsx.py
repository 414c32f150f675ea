"""Excel in and out. Imports are all-or-nothing (DESIGN.md rule 8): every row is validated with
the same form as the edit page, and one bad row means nothing is written.

openpyxl (~120 ms to import) is imported where a sheet is written or read, not with this module:
every app's admin and views import it, and most processes (a gunicorn worker's start,
`assign_solve`) never touch a sheet."""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import gc
import io
import multiprocessing
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import Form
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import audit, import_checks, import_lookups, search, today
from .cells import is_formula_like
from .uploads import check_upload

if TYPE_CHECKING:
    from openpyxl.cell import WriteOnlyCell

    from . import xlsx_rows

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_IMPORT_ROWS = 100_000


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    accessor: Callable[[Any], Any] | None = None

    def value(self, obj: Any) -> Any:
        if self.accessor:
            return self.accessor(obj)
        value = obj
        for part in self.field.split("__"):
            value = getattr(value, part, None) if value is not None else None
        display = getattr(obj, f"get_{self.field}_display", None)
        return display() if callable(display) else value


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("第 %(row)s 行，“%(column)s”：%(message)s") % {
            "row": self.row, "column": self.column, "message": self.message,
        }


def _text_cell(sheet, value: str) -> WriteOnlyCell:
    # An explicit string cell with Excel's quote prefix: the value is kept exactly (an import
    # of the same sheet reads it back unchanged) and editing the cell does not turn it into a formula.
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    if value is None or isinstance(value, int | float | decimal.Decimal | dt.date | dt.datetime | str):
        return value  # Decimal stays a number in Excel, not text
    return str(value)


def export_response(actor, rows: Iterable[Any], columns: list[Column], filename: str, note: str = "") -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(filename[:31])
    sheet.append([str(c.header) for c in columns])
    count = 0
    for obj in rows:
        values = [_cell(c.value(obj)) for c in columns]
        sheet.append([_text_cell(sheet, v) if is_formula_like(v) else v for v in values])
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    audit.record(actor, "export", None, object_repr=filename, after={"rows": count}, note=note)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_MIME)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}-{stamp}.xlsx"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def read_sheet(upload, columns: list[Column]) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Rows as (row number, {field: value}); header problems come back as errors on row 1."""
    _sheet, rows, index, errors = _open_sheet(upload, columns)
    if errors:
        return [], errors
    try:
        return list(_records(rows, index)), []
    except _TooManyRows as exc:
        return [], [exc.error]


def _open_sheet(upload, columns: list[Column]) -> tuple[xlsx_rows.FirstSheet, Iterator[tuple], dict, list[RowError]]:
    """The sheet, its rows after the header, {column index: field}, and the header's errors."""
    from . import xlsx_rows

    check_upload(upload, allowed=("xlsx",))
    try:
        sheet = xlsx_rows.first_sheet(upload)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ValidationError(_("无法读取该 Excel 文件：%(error)s。Unreadable Excel file.") % {"error": exc}) from exc
    rows = iter(sheet)
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    # A sheet's headers may be in Chinese (the canonical sheet) or in the user's language.
    with translation.override("zh-hans"):
        by_header = {str(c.header): c for c in columns}
    by_header.update({str(c.header): c for c in columns})
    present = {by_header[h].field for h in header if h in by_header}
    missing = [str(c.header) for c in columns if c.field not in present]
    errors = [RowError(1, h, _("缺少此列。Missing column.")) for h in missing]
    return sheet, rows, {i: by_header[h].field for i, h in enumerate(header) if h in by_header}, errors


class _TooManyRows(Exception):
    def __init__(self, error: RowError):
        super().__init__(error)  # the error is its only argument: it is sent from a reading process
        self.error = error


def _records(rows: Iterator[tuple], index: dict[int, str]) -> Iterator[tuple[int, dict]]:
    count = 0
    for number, values in enumerate(rows, start=2):
        if values is None or all(v in (None, "") for v in values):
            continue
        if count >= MAX_IMPORT_ROWS:
            raise _TooManyRows(RowError(number, "", _("行数超过上限 %(n)s。Too many rows.") % {"n": MAX_IMPORT_ROWS}))
        count += 1
        yield number, {field: _clean(values[i]) if i < len(values) else "" for i, field in index.items()}


def _clean(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


@dataclass
class ImportResult:
    created: int
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors


def import_rows(
    actor,
    upload,
    columns: list[Column],
    form_class: type[Form],
    save: Callable[[Any, Form], Any],
    *,
    label: str,
    form_kwargs: dict | None = None,
    unique: tuple[str, ...] = (),
    progress: Callable[[int, int], None] | None = None,
    save_all: Callable[[Any, list[Form]], list] | None = None,
) -> ImportResult:
    """Validate every row with `form_class`; only if all pass, call `save(actor, form)` for each,
    in one transaction. `progress(done, total)` is told how validation advances (the writing
    happens inside one transaction, invisible to other connections until it commits).

    `save_all(actor, forms)`, when given, writes all the rows at once (batched INSERTs) instead of
    `save` row by row: for records whose save does nothing per row beyond the insert and its audit
    entry. The import's own audit entry then names the records' ids."""
    with _cycle_collector_paused():
        return _import(actor, upload, columns, form_class, save, label, form_kwargs or {}, unique, progress, save_all)


@contextlib.contextmanager
def _cycle_collector_paused():
    """Python's cyclic garbage collector paused while a sheet is imported. Its rows, forms and
    records all stay alive until written, and each automatic full collection walks every one of
    them again: 100,000 patents cost 34–36 s of CPU with it, 28–29 s without (BENCHMARKS.md,
    import). The cycles an import leaves are collected after it, once the collector runs again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _import(actor, upload, columns, form_class, save, label, form_kwargs, unique, progress, save_all) -> ImportResult:
    try:
        sheet, rows, index, errors = _open_sheet(upload, columns)
    except ValidationError as exc:
        return ImportResult(0, [RowError(0, _("文件"), m) for m in exc.messages])
    if errors:
        return ImportResult(0, errors)
    try:
        with _reading(sheet, rows, index) as chunks, today.fixed(), _segmenting(form_class, chunks.total) as segmenter:
            forms, errors = _validate(chunks, columns, form_class, form_kwargs, unique, progress, segmenter)
            if errors:
                return ImportResult(0, errors)
            if segmenter is not None:
                segmenter.apply()
            with transaction.atomic():
                after = _write(actor, forms, save, save_all)
                audit.record(actor, "import", None, object_repr=label, after=after)
    except _TooManyRows as refused:
        return ImportResult(0, [refused.error])
    except _RowRefused as refused:
        # A rule that depends on the rows before it (a cap, a budget) refused this one; the
        # transaction is rolled back, so nothing of the sheet is written.
        return ImportResult(0, [refused.error])
    return ImportResult(len(forms), [])


CHUNK = 500  # rows validated together: the deferred checks cost one query per chunk, not per row
SEGMENTING_PROCESS_ROWS = 2000  # a smaller sheet is segmented at once: forking would cost more
READING_PROCESS_BYTES = 2_000_000  # a sheet's XML from which a second process reads it (≈ 3,000 patents)


@dataclass
class _Chunks:
    """A sheet's records, CHUNK at a time; `total` is the number of its rows (blank rows included
    where the rows are still being read)."""

    total: int
    chunks: Iterable[list[tuple[int, dict]]]

    def __iter__(self):
        return iter(self.chunks)


@contextlib.contextmanager
def _reading(sheet: xlsx_rows.FirstSheet, rows: Iterator[tuple], index: dict[int, str]):
    """The sheet's records in chunks. A large sheet is read by a second process, which sends each
    chunk as it is read while this one validates those before it (reading was a fifth of an import,
    issue 16); like the segmenting process, only forked by a process with no other thread."""
    if sheet.bytes < READING_PROCESS_BYTES or threading.active_count() > 1:
        records = list(_records(rows, index))
        yield _Chunks(len(records), (records[start : start + CHUNK] for start in range(0, len(records), CHUNK)))
        return
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_send_records, args=(sending, sheet, rows, index), daemon=True)
    process.start()
    sending.close()
    try:
        yield _Chunks(_received(receiving), _received_chunks(receiving))
    finally:
        receiving.close()
        if process.is_alive():  # this process stopped early (an error): the reader may wait to send
            process.terminate()
        process.join()


def _send_records(sending, sheet: xlsx_rows.FirstSheet, rows: Iterator[tuple], index: dict[int, str]) -> None:
    """The reading process: the number of rows first, then the records CHUNK at a time, then None."""
    try:
        sending.send(max(sheet.row_count() - 1, 0))  # the header is not a record
        chunk = []
        for record in _records(rows, index):
            chunk.append(record)
            if len(chunk) == CHUNK:
                sending.send(chunk)
                chunk = []
        sending.send(chunk)
        sending.send(None)
    except Exception as exc:  # the importing process raises it, as reading the sheet itself would
        sending.send(exc)


def _received(receiving) -> Any:
    message = receiving.recv()
    if isinstance(message, Exception):
        raise message
    return message


def _received_chunks(receiving) -> Iterator[list[tuple[int, dict]]]:
    while (chunk := _received(receiving)) is not None:
        if chunk:
            yield chunk


def _segmenting(form_class: type[Form], rows: int):
    """A second process that segments the search texts of a large sheet's records meanwhile. Only
    forked from a process with no other thread (the task worker, not a threaded web worker): a
    lock another thread holds at the fork (jieba's, logging's) would stay locked in the child."""
    model = getattr(getattr(form_class, "_meta", None), "model", None)
    searchable = isinstance(model, type) and issubclass(model, search.SearchableModel)
    if searchable and rows >= SEGMENTING_PROCESS_ROWS and threading.active_count() == 1:
        return search.SegmentingProcess()
    return contextlib.nullcontext()


def _validate(chunks: _Chunks, columns, form_class, form_kwargs, unique, progress, segmenter=None):
    """Every row through `form_class`, chunk by chunk; the checks that need the database are made
    once per chunk (core.import_checks), with the same messages as a form of its own would give.
    While every row so far is valid, each chunk's records go to `segmenter` (a SegmentingProcess)."""
    headers = {c.field: str(c.header) for c in columns}
    lookups_form, lookups, sheet = form_class(**form_kwargs), {}, {}
    forms, errors, validated = [], [], 0
    seen: dict[tuple[str, str], int] = {}
    for chunk in chunks:
        records = [record for _, record in chunk]
        import_lookups.prefetch(lookups_form, records, lookups)
        build = import_checks.row_forms(form_class, {**form_kwargs, **_sheet_prefetch(form_class, records)}, lookups,
                                        sheet)
        checked = []
        for number, record in chunk:
            validated += 1
            if progress and validated % 200 == 0:
                progress(validated, chunks.total)
            duplicates = _sheet_duplicates(number, record, unique, seen, headers)
            checked.append((number, duplicates, _row_form(build, record)))
        import_checks.check_chunk(form for _, _, form in checked if import_checks.is_model_form(form))
        for number, duplicates, form in checked:
            errors.extend(duplicates)
            if form.is_valid():
                forms.append((number, form))
            else:
                errors.extend(_form_errors(number, form, headers))
        if segmenter is not None and not errors:
            segmenter.add([form.instance for _, _, form in checked])
    if not validated:
        errors.append(RowError(2, "", _("表中没有数据行。The sheet has no data rows.")))
    return forms, errors


def _sheet_prefetch(form_class: type[Form], records: list[dict]) -> dict:
    """A form's own per-row queries answered for a chunk at once (see core.import_checks)."""
    prefetch = getattr(form_class, "sheet_prefetch", None)
    return prefetch(records) if prefetch else {}


def _sheet_duplicates(number: int, record: dict, unique, seen: dict, headers: dict) -> list[RowError]:
    """The row's keys that an earlier row of the sheet already has."""
    found = []
    for field in unique:
        key = (field, str(record.get(field, "")).upper())
        if key[1] and key in seen:
            found.append(RowError(number, headers[field], _("与第 %(row)s 行重复。Duplicate of row %(row)s.")
                                  % {"row": seen[key]}))
        seen.setdefault(key, number)
    return found


def _row_form(build: Callable[[dict], Form], record: dict) -> Form:
    form = build(record)
    if import_checks.is_model_form(form):
        import_checks.defer(form)
    form.is_valid()
    return form


def _form_errors(number: int, form: Form, headers: dict) -> list[RowError]:
    return [
        RowError(number, headers.get(field, field if field != "__all__" else _("整行")), message)
        for field, messages in form.errors.items()
        for message in messages
    ]


def _write(actor, forms: list[tuple[int, Form]], save, save_all) -> dict:
    """Write the validated rows; returns what the import's audit entry records."""
    if save_all is None:
        for number, form in forms:
            _save_row(actor, save, number, form)
        return {"rows": len(forms)}
    created = save_all(actor, [form for _, form in forms])
    return {"rows": len(forms), "ids": id_ranges(obj.pk for obj in created)}


def id_ranges(ids: Iterable[int]) -> list[list[int]]:
    """[[first, last], …] of consecutive ids: an import's records in a few numbers."""
    ranges: list[list[int]] = []
    for pk in sorted(ids):
        if ranges and pk == ranges[-1][1] + 1:
            ranges[-1][1] = pk
        else:
            ranges.append([pk, pk])
    return ranges


class _RowRefused(Exception):
    def __init__(self, error: RowError):
        super().__init__(str(error))
        self.error = error


def _save_row(actor, save: Callable[[Any, Form], Any], number: int, form: Form) -> None:
    try:
        save(actor, form)
    except ValidationError as exc:
        raise _RowRefused(RowError(number, _("整行"), " ".join(exc.messages))) from exc


def template_response(columns: list[Column], filename: str) -> HttpResponse:
    """An empty sheet with the right headers, for people preparing an import."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append([str(c.header) for c in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_MIME)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}.xlsx"
    return response
