"""Filling a document template (docxtpl) and converting it to PDF where LibreOffice is installed."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.money import wan

from ..services.application_parts import target_comparison

# The templates builder.py writes; kept here so that reading them does not import python-docx
# (~35 ms of every process's start).
DOCX_DIR = Path(__file__).resolve().parent / "docx"

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def template_path(kind: str) -> Path:
    """A bureau's own template (settings.DOCUMENT_TEMPLATE_DIR) wins over the bundled one."""
    custom = getattr(settings, "DOCUMENT_TEMPLATE_DIR", "")
    if custom and (Path(custom) / f"{kind}.docx").exists():
        return Path(custom) / f"{kind}.docx"
    return DOCX_DIR / f"{kind}.docx"


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def render_docx(kind: str, context: dict) -> bytes:
    from docxtpl import DocxTemplate

    class Template(DocxTemplate):
        def map_tree(self, tree) -> None:
            """docxtpl's, with the text runs' xml:space attributes taken off for the move and put
            back after: lxml moves N of them into another document in time quadratic in N (it fixes
            each one's namespace again), 14 s of the 45,000-row approved list of a province call."""
            spaced = [(element, element.attrib.pop(XML_SPACE)) for element in tree.xpath("//*[@xml:space]")]
            super().map_tree(tree)
            for element, value in spaced:
                element.set(XML_SPACE, value)

    template = Template(template_path(kind))
    # Escaped: a project title with "&" or "<" must not break the document's XML.
    template.render(context, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def to_pdf(docx: bytes) -> bytes | None:
    """PDF by LibreOffice headless, or None when `soffice` is not installed (Word only then)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "document.docx"
        source.write_bytes(docx)
        result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
            capture_output=True, timeout=120, check=False,
        )
        target = Path(tmp) / "document.pdf"
        return target.read_bytes() if result.returncode == 0 and target.exists() else None


def chinese_date(value) -> str:
    if value is None:
        return "—"
    value = timezone.localdate(value) if hasattr(value, "tzinfo") and hasattr(value, "hour") else value
    return _("%(y)d年%(m)d月%(d)d日") % {"y": value.year, "m": value.month, "d": value.day}


def project_context(project) -> dict:
    """What every project document may show, as display strings (money in 万元)."""
    return {
        "number": project.number,
        "title": project.title,
        "program": project.program.name,
        "year": project.year,
        "field": project.field,
        "org": project.applicant_org.name,
        "partners": "、".join(org.name for org in project.partners.all()) or "—",
        "pi": project.pi_name or (project.pi.get_full_name() or project.pi.username if project.pi else "—"),
        "summary": project.summary,
        "goals": project.goals,
        "start_date": chinese_date(project.start_date),
        "end_date": chinese_date(project.end_date),
        "submitted_at": chinese_date(project.submitted_at),
        "signed_at": chinese_date(project.signed_at),
        "requested": wan(project.requested_funding),
        "self_funding": wan(project.self_funding),
        "approved": wan(project.approved_funding),
        "status": project.get_status_display(),
    }


def project_tables(project) -> dict:
    return {
        "budget": [{"category": line.get_category_display(), "amount": wan(line.amount), "note": line.note}
                   for line in project.budget_lines.all()],
        "milestones": [{"title": m.title, "due": chinese_date(m.due_date), "payment": wan(m.payment)}
                       for m in project.milestones.all()],
        "outcomes": [{"kind": o.get_kind_display(), "title": o.title, "reference": o.reference or "—"}
                     for o in project.outcomes.all()],
        "targets": target_rows(project),
    }


def quantity(value, unit: str) -> str:
    """'3 件', '12.5 万元'; '—' when nothing was achieved yet."""
    return "—" if value is None else f"{value.normalize():f} {unit}"


def target_rows(project) -> list[dict]:
    """The quantified targets planned against achieved (the same comparison as the project page)."""
    verdict = {True: _("已完成"), False: _("未完成"), None: "—"}
    return [{"kind": row.target.get_kind_display(), "description": row.target.description or "—",
             "planned": quantity(row.target.quantity, row.target.unit),
             "achieved": quantity(row.achieved, row.target.unit), "met": verdict[row.met]}
            for row in target_comparison(project)]


def approved_list_context(projects, heading: str, year: int) -> dict:
    rows, total = [], 0
    for n, project in enumerate(projects, start=1):
        total += project.approved_funding or 0
        rows.append({"n": n, "number": project.number, "title": project.title, "org": project.applicant_org.name,
                     "pi": project.pi_name or str(project.pi or ""), "funding": wan(project.approved_funding)})
    return {"rows": rows, "count": len(rows), "total": wan(total), "heading": heading, "year": year}
