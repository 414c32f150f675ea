"""The result as the city reports it upward: an Excel workbook (a summary sheet, one sheet per
indicator group) and a .docx 通报. Both read the frozen rows the user may see."""

import io

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Font

from core import audit
from core.permissions import get_visible_or_404
from core.xlsx import XLSX_MIME, _quote

from . import permissions, results
from .models import Assessment

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _number(value):
    return None if value is None else float(value)


def workbook(assessment: Assessment, rows, previous: dict) -> Workbook:
    book = Workbook()
    summary = book.active
    summary.title = _("汇总")[:31]
    summary.append([_("名次"), _("区划代码"), _("县（市、区）"), _("总分"), _("等次"), _("一票否决"),
                    _("未达标否决项"), _("上年总分"), _("上年名次")])
    for row in rows:
        last = previous.get(row.region.code)
        summary.append([row.rank, row.region.code, row.region.name, float(row.score), row.grade,
                        _("是") if row.vetoed else _("否"), "；".join(row.veto_items),
                        _number(last.score) if last else None, last.rank if last else None])
    for group in results.groups_of(assessment):
        sheet = book.create_sheet(group.name[:31])
        indicators = list(group.indicators.all())
        header = [_("区划代码"), _("县（市、区）")]
        for indicator in indicators:
            header += [f"{indicator.name}({indicator.unit})" if indicator.unit else indicator.name,
                       _("%(name)s得分") % {"name": indicator.name}]
        sheet.append(header)
        for row in rows:
            lines = {line.indicator.pk: line for line in row.lines}
            cells = [row.region.code, row.region.name]
            for indicator in indicators:
                line = lines.get(indicator.pk)
                cells += [_number(line.value) if line else None, _number(line.score) if line else None]
            sheet.append(cells)
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    return book


def bulletin(assessment: Assessment, rows) -> Document:
    document = Document()
    style = document.styles["Normal"]
    style.font.size = Pt(12)
    document.add_heading(_("关于%(title)s结果的通报") % {"title": assessment.title}, level=1)
    intro = _("根据《%(scheme)s》，市科技局对各县（市、区）%(year)s年度科技进步工作进行了考核，"
              "数据截至%(day)s。现将结果通报如下：")
    document.add_paragraph(intro % {
        "scheme": assessment.scheme.name, "year": assessment.year,
        "day": assessment.snapshot_date.isoformat() if assessment.snapshot_date else "—",
    })
    scheme = assessment.scheme
    for grade in (scheme.grade_excellent, scheme.grade_pass, scheme.grade_fail):
        names = "、".join(row.region.name for row in rows if row.grade == grade)
        document.add_paragraph(f"{grade}：{names or _('无')}")
    vetoed = [row for row in rows if row.vetoed]
    if vetoed:
        document.add_paragraph(_("一票否决：") + "；".join(
            f"{row.region.name}（{'、'.join(row.veto_items)}）" for row in vetoed))
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, [_("名次"), _("县（市、区）"), _("总分"), _("等次")], strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, [str(row.rank), row.region.name, str(row.score), row.grade], strict=True):
            cell.text = text
    document.add_paragraph(_("洛阳市科学技术局"))
    document.add_paragraph(timezone.localdate().strftime("%Y-%m-%d"))
    return document


class _ExportView(LoginRequiredMixin, View):
    suffix = ""
    mime = ""

    def get(self, request, pk):
        assessment = get_visible_or_404(Assessment.objects.select_related("scheme"), request.user, pk=pk)
        if not permissions.can_see_results(request.user, assessment):
            raise Http404
        rows = results.visible_rows(assessment, request.user)
        buffer = io.BytesIO()
        self.build(assessment, rows, request.user).save(buffer)
        audit.record(request.user, f"export_{self.suffix}", assessment, after={"rows": len(rows)})
        response = HttpResponse(buffer.getvalue(), content_type=self.mime)
        name = f"{assessment.title}.{self.suffix}"
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
        return response


class WorkbookView(_ExportView):
    suffix = "xlsx"
    mime = XLSX_MIME

    def build(self, assessment, rows, user):
        return workbook(assessment, rows, results.previous_by_region(assessment, user))


class BulletinView(_ExportView):
    suffix = "docx"
    mime = DOCX_MIME

    def build(self, assessment, rows, user):
        return bulletin(assessment, rows)
