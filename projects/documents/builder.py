"""Builds the Word templates of the official documents (红头文件) once; the .docx files are kept in
the repository (`projects/documents/docx/`) and a bureau edits them in Word — the `{{ … }}` tags
are docxtpl (Jinja) placeholders filled when a document is issued.

Run `manage.py build_document_templates` to regenerate them after changing this layout.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .render import DOCX_DIR

RED = RGBColor(0xE0, 0x00, 0x00)


def _font(run, size: float, *, bold: bool = False, color: RGBColor | None = None, face: str = "宋体") -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = face
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)
    if color is not None:
        run.font.color.rgb = color


def _para(document, text: str, *, size: float = 14, align=None, bold=False, color=None, face="仿宋"):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    _font(paragraph.add_run(text), size, bold=bold, color=color, face=face)
    return paragraph


def _red_rule(paragraph) -> None:
    """The red line under the document number (a bottom border of the number's paragraph)."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "single", "w:sz": "18", "w:space": "6", "w:color": "E00000"}.items():
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _header(document, title: str) -> None:
    _para(document, "{{ issuer }}文件", size=30, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, color=RED, face="宋体")
    _red_rule(_para(document, "{{ doc_number }}", size=16, align=WD_ALIGN_PARAGRAPH.CENTER))
    _para(document, title, size=20, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, face="宋体")


def _footer(document) -> None:
    _para(document, "")
    _para(document, "{{ issuer }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(document, "{{ issue_date }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(document, "（{{ issuer }}  {{ issue_date }} 印发）", size=12, align=WD_ALIGN_PARAGRAPH.CENTER)


def _section(document, heading: str, text: str = "") -> None:
    """A numbered heading in bold, then its text (a template placeholder) if it has one."""
    _para(document, heading, bold=True)
    if text:
        _para(document, text)


def _table(document, headers: list[str], loop: str, cells: list[str], *, heading: str = "") -> None:
    """A table whose middle row repeats: docxtpl's `{%tr for … %}` rows around one template row;
    under its section heading if it has one."""
    if heading:
        _section(document, heading)
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for row in " + loop + " %}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = "{{ row." + text + " }}"
    table.rows[3].cells[0].text = "{%tr endfor %}"


BUDGET_TABLE = (["预算科目", "金额", "说明"], "budget", ["category", "amount", "note"])


def _fields(document, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text = label
        row.cells[1].text = value


PROJECT_FIELDS = [
    ("项目编号", "{{ p.number }}"),
    ("项目名称", "{{ p.title }}"),
    ("计划类别", "{{ p.program }}"),
    ("承担单位", "{{ p.org }}"),
    ("合作单位", "{{ p.partners }}"),
    ("项目负责人", "{{ p.pi }}"),
    ("起止日期", "{{ p.start_date }} 至 {{ p.end_date }}"),
]


def _application(document) -> None:
    _header(document, "{{ p.year }}年度科技计划项目申报书")
    _fields(document, [*PROJECT_FIELDS, ("技术领域", "{{ p.field }}"), ("提交时间", "{{ p.submitted_at }}"),
                       ("申请资助（万元）", "{{ p.requested }}"), ("自筹资金（万元）", "{{ p.self_funding }}")])
    _section(document, "一、项目简介", "{{ p.summary }}")
    _section(document, "二、目标与考核指标", "{{ p.goals }}")
    _table(document, *BUDGET_TABLE, heading="三、预算（万元）")
    _footer(document)


def _approval_notice(document) -> None:
    _header(document, "关于{{ p.title }}立项的通知")
    _para(document, "{{ p.org }}：")
    _para(document, "经专家评审、社会公示，你单位申报的“{{ p.title }}”（编号 {{ p.number }}）列入"
                    "{{ p.year }}年度{{ p.program }}，批准立项，资助经费 {{ p.approved }} 万元。"
                    "请在接到本通知后三十日内与我局签订项目任务书，按任务书要求组织实施，"
                    "专款专用，按期报送执行情况和经费支出报告。")
    _para(document, "项目负责人：{{ p.pi }}")
    _footer(document)


def _task_book(document) -> None:
    _header(document, "科技计划项目任务书（合同）")
    _fields(document, [*PROJECT_FIELDS, ("批准资助（万元）", "{{ p.approved }}"),
                       ("自筹资金（万元）", "{{ p.self_funding }}"), ("任务书签订", "{{ p.signed_at }}")])
    _section(document, "一、目标与考核指标", "{{ p.goals }}")
    _table(document, *BUDGET_TABLE, heading="二、预算（万元）")
    _table(document, ["节点", "计划日期", "拨款"], "milestones", ["title", "due", "payment"],
           heading="三、进度与拨款计划（万元）")
    _para(document, "甲方（委托方）：{{ issuer }}        乙方（承担方）：{{ p.org }}")
    _footer(document)


def _acceptance(document) -> None:
    _header(document, "科技计划项目验收证书")
    _fields(document, [*PROJECT_FIELDS, ("批准资助（万元）", "{{ p.approved }}"), ("验收结论", "{{ p.status }}")])
    _section(document, "一、考核指标", "{{ p.goals }}")
    _table(document, ["指标类型", "指标说明", "计划", "完成", "结论"], "targets",
           ["kind", "description", "planned", "achieved", "met"], heading="二、考核指标完成情况（计划与完成对照）")
    _table(document, ["类型", "名称", "编号"], "outcomes", ["kind", "title", "reference"], heading="三、取得的成果")
    _para(document, "经验收委员会审查，该项目完成了任务书规定的任务，同意通过验收。")
    _footer(document)


def _approved_list(document) -> None:
    _header(document, "关于下达{{ year }}年度{{ heading }}项目的通知")
    _para(document, "各有关单位：")
    _para(document, "经专家评审、社会公示，现将{{ year }}年度{{ heading }}立项项目（共 {{ count }} 项，"
                    "资助经费合计 {{ total }} 万元）下达给你们，请认真组织实施。")
    _table(document, ["序号", "编号", "项目名称", "承担单位", "项目负责人", "资助（万元）"], "rows",
           ["n", "number", "title", "org", "pi", "funding"])
    _footer(document)


LAYOUTS = {
    "application": _application,
    "approval_notice": _approval_notice,
    "task_book": _task_book,
    "acceptance": _acceptance,
    "approved_list": _approved_list,
}


def build_all(directory: Path = DOCX_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, layout in LAYOUTS.items():
        document = Document()
        layout(document)
        path = directory / f"{kind}.docx"
        document.save(path)
        written.append(path)
    return written
