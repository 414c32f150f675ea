"""The values of a workbook's first worksheet, row by row, several times faster than openpyxl's
read-only `iter_rows(values_only=True)` (issue 16: reading a 100,000-row sheet took ~10 s of a 55 s
import).

openpyxl builds a dict per cell (row, column, value, type, style) and parses each cell's
coordinate; an import needs the values only. And opening a workbook read-only parses every sheet
once just to find its size when the file does not state it first (openpyxl's own files do not).
This opens the package with openpyxl's reader (manifest, shared strings, workbook, styles) and
reads the sheet's XML with the same rules as openpyxl's `WorkSheetParser.parse_cell` for
`data_only=True` (a formula's cached value), with the workbook's shared strings, date styles and
epoch. It yields what `iter_rows(values_only=True)` yields: a tuple per row, numbered from 1, an
empty tuple for a row the file leaves out. A test compares the two (core/tests/test_xlsx_rows.py).
"""

import functools
import re
from collections.abc import Iterator
from typing import Any

from lxml.etree import iterparse
from openpyxl.cell.text import Text
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.xml.constants import SHEET_MAIN_NS

_ROW = f"{{{SHEET_MAIN_NS}}}row"
_VALUE = f"{{{SHEET_MAIN_NS}}}v"
_INLINE = f"{{{SHEET_MAIN_NS}}}is"
_TEXT = f"{{{SHEET_MAIN_NS}}}t"
_DIGITS = "0123456789"
_ROW_START = re.compile(rb"<(?:[^\s<>/:]+:)?row[\s/>]")  # <row …> with any namespace prefix


@functools.cache
def _column(letters: str) -> int:
    return column_index_from_string(letters)


class _Values:
    """A workbook's conversion of a cell element to its value."""

    def __init__(self, reader: ExcelReader):
        workbook = reader.wb
        self.strings = reader.shared_strings
        self.dates = workbook._date_formats
        self.durations = workbook._timedelta_formats
        self.epoch = workbook.epoch

    def __call__(self, cell) -> Any:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            return self._inline(cell.find(_INLINE))
        text = cell.findtext(_VALUE) or None
        if text is None:
            return None
        if kind == "n":
            return self._number(text, cell.get("s"))
        if kind == "s":
            return self.strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return from_ISO8601(text)
        return text  # "str" (a formula's text) and "e" (an error such as #N/A) are kept as written

    @staticmethod
    def _inline(element) -> str | None:
        if element is None:
            return None
        if len(element) == 1 and element[0].tag == _TEXT:
            return element[0].text or ""  # plain text, as openpyxl's write-only mode writes every string
        return Text.from_tree(element).content  # rich text runs, phonetic guides

    def _number(self, text: str, style: str | None) -> Any:
        value = float(text) if "." in text or "E" in text or "e" in text else int(text)
        style_id = int(style) if style else 0
        if style_id not in self.dates:
            return value
        try:
            return from_excel(value, self.epoch, timedelta=style_id in self.durations)
        except (OverflowError, ValueError):
            return "#VALUE!"  # openpyxl's value for a date serial out of range


class FirstSheet:
    """A workbook's first worksheet, opened: its rows when iterated, and how many rows it holds."""

    def __init__(self, reader: ExcelReader, path: str):
        self.reader, self.path = reader, path

    def __iter__(self) -> Iterator[tuple]:
        return _rows(self.reader, self.path)

    @property
    def bytes(self) -> int:
        """The size of the sheet's XML."""
        return self.reader.archive.getinfo(self.path).file_size

    def row_count(self) -> int:
        """The rows of the sheet's XML, counted in its bytes without parsing them (a tenth of the
        time): a progress bar's total, which a "<row" written in a comment would make one more."""
        count, carry = 0, b""
        with self.reader.archive.open(self.path) as source:
            while block := source.read(1 << 20):
                data = carry + block
                cut = data.rfind(b"<")  # a tag may go on in the next block: counted with it
                count += len(_ROW_START.findall(data, 0, cut))
                carry = data[cut:]
        return count + len(_ROW_START.findall(carry))


def first_sheet(upload) -> FirstSheet:
    """Opens the workbook at once (a damaged file raises here)."""
    reader = ExcelReader(upload, read_only=True, data_only=True)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    for _sheet, rel in reader.parser.find_sheets():  # as openpyxl's worksheets: chart sheets skipped
        if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
            return FirstSheet(reader, rel.target)
    raise ValueError("the workbook has no worksheet")


def first_sheet_rows(upload) -> Iterator[tuple]:
    """Opens the workbook at once (a damaged file raises here), yields rows when iterated."""
    return iter(first_sheet(upload))


def _rows(reader: ExcelReader, path: str) -> Iterator[tuple]:
    value_of = _Values(reader)
    expected = 1
    with reader.archive.open(path) as source:
        # lxml picks the rows out in C: the standard library's iterparse hands every cell and value
        # element to Python, which alone took as long as openpyxl. No entities are expanded.
        for _event, element in iterparse(source, tag=_ROW, resolve_entities=False, huge_tree=False):
            number = element.get("r")
            number = int(float(number)) if number else expected
            while expected < number:  # rows the file leaves out, as openpyxl yields them
                expected += 1
                yield ()
            expected = number + 1
            yield _row_values(element, value_of)
            element.clear()
            while element.getprevious() is not None:  # the rows already read: keep memory flat
                del element.getparent()[0]


def _row_values(element, value_of: _Values) -> tuple:
    values: list[Any] = []
    for cell in element:
        coordinate = cell.get("r")
        if coordinate:
            column = _column(coordinate.rstrip(_DIGITS))
            if column > len(values) + 1:
                values.extend([None] * (column - len(values) - 1))
        values.append(value_of(cell))
    return tuple(values)
