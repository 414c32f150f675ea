"""Finding 10: a name like `=HYPERLINK(...)` is exported as text, never as a live formula."""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core import xlsx
from core.cells import csv_safe

HOSTILE = ['=HYPERLINK("http://evil.example","点我")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


class Row:
    def __init__(self, name, amount):
        self.name, self.amount = name, amount


@pytest.mark.django_db
def test_xlsx_export_keeps_hostile_text_as_text_and_numbers_as_numbers():
    columns = [xlsx.Column("名称", "name"), xlsx.Column("金额", "amount")]
    rows = [Row(text, Decimal("-5.50")) for text in HOSTILE]
    content = xlsx.export_response(None, rows, columns, "单位").content
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no formula element anywhere
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    for row, text in zip(sheet.iter_rows(min_row=2), HOSTILE, strict=True):
        name, amount = row
        # The exact text comes back (a re-import reads the same name), marked as quoted text.
        assert (name.value, name.data_type, name.quotePrefix) == (text, "s", True)
        assert (amount.value, amount.data_type) == (-5.5, "n")


def test_plain_text_cells_are_untouched():
    assert csv_safe("洛阳轴承研究所") == "洛阳轴承研究所"
    assert csv_safe("A=1") == "A=1"


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_cells_with_formula_triggers_get_an_apostrophe(text):
    buffer = io.StringIO()
    csv.writer(buffer).writerow([csv_safe(text)])
    (cell,) = next(csv.reader(io.StringIO(buffer.getvalue())))
    assert cell == "'" + text


@pytest.mark.parametrize("number", ["-12.5", "+3", "-1e3", 7, Decimal("-1.20")])
def test_csv_numbers_stay_numbers(number):
    assert csv_safe(number) == number


def test_solver_csv_output_escapes_identifiers(tmp_path):
    from types import SimpleNamespace

    import numpy as np

    from reviews import interchange, solver

    problem = solver.Problem.build(np.array([[1.0]]), 1, np.array([1]), [])
    instance = interchange.Instance(proposals=["=cmd|' /C calc'!A0"], experts=["-e1"], problem=problem)
    path = tmp_path / "assignment.csv"
    interchange.write_assignment(path, instance, SimpleNamespace(pairs=np.array([[0, 0]])))
    with path.open(encoding="utf-8") as written:
        rows = list(csv.reader(written))
    assert rows[1][:2] == ["'=cmd|' /C calc'!A0", "'-e1"]
