"""core.xlsx_rows reads a sheet's values as openpyxl's read-only iter_rows(values_only=True) does."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from core import xlsx_rows

VALUES = [
    "轴承",
    " spaced ",
    "",
    7,
    -3,
    2.5,
    1e20,
    True,
    False,
    None,
    dt.date(2008, 3, 1),
    dt.time(9, 15),
    dt.timedelta(hours=30),
    dt.datetime(2008, 3, 1, 14, 30),  # noqa: DTZ001 - Excel has no time zones
    "=1+1",
    "#N/A",
    "ZL200810012345.3",
]


def saved(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def normal_workbook() -> bytes:
    """Shared strings, styles for dates and durations, a formula, gaps between rows and columns."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["a", "b"])
    for i, value in enumerate(VALUES):
        sheet.cell(row=i + 3, column=1 + i % 4, value=value)
    sheet.cell(row=40, column=9, value=CellRichText(["普通", TextBlock(InlineFont(b=True), "粗体")]))
    sheet.cell(row=41, column=2, value="#DIV/0!").data_type = "e"
    workbook.create_sheet("second").append(["not read"])
    return saved(workbook)


def write_only_workbook() -> bytes:
    """Inline strings, as core.xlsx's exports and the benchmark write them."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("rows")
    sheet.append(["header", None, "x"])
    sheet.append(VALUES)
    sheet.append([])
    sheet.append([None, None, "后"])
    return saved(workbook)


def trimmed(rows) -> list[tuple]:
    """openpyxl pads every row to the sheet's width with None; the reader stops at its last cell."""
    result = []
    for row in rows:
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        result.append(tuple(row))
    return result


@pytest.mark.parametrize("content", [normal_workbook(), write_only_workbook()], ids=["shared", "inline"])
def test_the_reader_gives_openpyxls_values(content):
    expected = trimmed(
        load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0].iter_rows(values_only=True)
    )
    assert trimmed(xlsx_rows.first_sheet_rows(io.BytesIO(content))) == expected
    assert len(expected) > 3 and any(isinstance(v, dt.datetime) for row in expected for v in row)


def test_a_file_that_is_not_a_workbook_raises_at_once():
    with pytest.raises(Exception):  # noqa: B017 - openpyxl raises many types, core.xlsx reports any
        xlsx_rows.first_sheet_rows(io.BytesIO(b"PK\x03\x04 not a zip"))


def test_the_rows_are_counted_across_the_blocks_the_xml_is_read_in():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for i in range(30_000):  # ~2 MB of XML: two blocks and a tag cut between them, somewhere
        sheet.append([f"第{i}行", i])
    opened = xlsx_rows.first_sheet(io.BytesIO(saved(workbook)))
    assert opened.bytes > 1 << 20
    assert opened.row_count() == 30_000 == len(list(opened))
