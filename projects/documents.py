"""The approved-project list as a Word document for the official notice (立项通知)."""

import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.money import wan

from . import workflow as wf

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def approved_list_docx(actor, projects) -> HttpResponse:
    from docx import Document

    rows = projects.filter(status__in=wf.PROJECT_STATES).select_related("program", "applicant_org", "pi")
    rows = rows.order_by("program__sort_order", "number")
    document = Document()
    document.add_heading(_("科技计划项目立项名单"), level=1)
    document.add_paragraph(_("生成日期：%(date)s") % {"date": timezone.localdate().isoformat()})
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    headers = [_("序号"), _("编号"), _("项目名称"), _("承担单位"), _("项目负责人"), _("资助(万元)")]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    count = 0
    for count, project in enumerate(rows.iterator(chunk_size=2000), start=1):
        values = [
            str(count),
            project.number,
            project.title,
            project.applicant_org.name,
            project.pi_name or str(project.pi or ""),
            wan(project.approved_funding),
        ]
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    audit.record(actor, "export", None, object_repr="approved-projects.docx", after={"rows": count})
    response = HttpResponse(buffer.getvalue(), content_type=DOCX_MIME)
    response["Content-Disposition"] = "attachment; filename=approved-projects.docx"
    return response
