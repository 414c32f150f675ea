"""Monthly statements per user organisation (NUcore's statements): Excel and Word."""

import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.xlsx import Column, export_response

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class Statement:
    organisation: object  # None: users without an organisation (individuals)
    year: int
    month: int
    usages: list

    @property
    def hours(self) -> Decimal:
        return sum((u.hours for u in self.usages), Decimal(0))

    @property
    def total(self) -> Decimal:
        return sum((u.fee for u in self.usages), Decimal(0))

    @property
    def name(self) -> str:
        return self.organisation.name if self.organisation else _("个人用户")


def month_usage(visible: QuerySet, year: int, month: int) -> QuerySet:
    return (visible.filter(booking__start__year=year, booking__start__month=month)
            .select_related("booking__instrument__owner", "booking__organisation", "booking__user")
            .order_by("booking__organisation__name", "booking__start"))


def statements(visible: QuerySet, year: int, month: int) -> list[Statement]:
    by_org: dict = {}
    for usage in month_usage(visible, year, month):
        key = usage.booking.organisation
        by_org.setdefault(key, Statement(key, year, month, [])).usages.append(usage)
    return list(by_org.values())


def month_totals(visible: QuerySet, year: int, month: int) -> dict:
    return month_usage(visible, year, month).aggregate(hours=Sum("hours"), fee=Sum("fee"))


COLUMNS = [
    Column(_("用户单位"), "booking__organisation__name"),
    Column(_("仪器"), "booking__instrument__name"),
    Column(_("所属单位"), "booking__instrument__owner__name"),
    Column(_("预约人"), "booking__user__username"),
    Column(_("开始时间"), "booking__start"),
    Column(_("收费类别"), "price_group", lambda u: u.booking.get_price_group_display()),
    Column(_("实际机时(小时)"), "hours"),
    Column(_("样品数"), "samples"),
    Column(_("单价(元/小时)"), "rate"),
    Column(_("费用(元)"), "fee"),
]


def xlsx_response(actor, visible: QuerySet, year: int, month: int) -> HttpResponse:
    return export_response(actor, month_usage(visible, year, month), COLUMNS,
                           _("仪器使用结算单%(y)s年%(m)s月") % {"y": year, "m": month})


def docx_response(actor, visible: QuerySet, year: int, month: int) -> HttpResponse:
    from docx import Document

    document = Document()
    items = statements(visible, year, month)
    for index, statement in enumerate(items):
        if index:
            document.add_page_break()
        _statement_section(document, statement)
    if not items:
        document.add_paragraph(_("%(y)s年%(m)s月没有使用记录。") % {"y": year, "m": month})
    buffer = io.BytesIO()
    document.save(buffer)
    audit.record(actor, "export", None, object_repr=f"statements {year}-{month:02d}.docx",
                 after={"statements": len(items)})
    response = HttpResponse(buffer.getvalue(), content_type=DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="statements-{year}-{month:02d}.docx"'
    return response


def _statement_section(document, statement: Statement) -> None:
    document.add_heading(_("大型仪器使用费结算单"), level=1)
    document.add_paragraph(_("用户单位：%(org)s　　结算期：%(y)s年%(m)s月")
                           % {"org": statement.name, "y": statement.year, "m": statement.month})
    headers = [_("仪器"), _("所属单位"), _("日期"), _("机时"), _("样品"), _("单价(元)"), _("费用(元)")]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = str(text)
    for usage in statement.usages:
        booking = usage.booking
        values = [booking.instrument.name, booking.instrument.owner.name,
                  f"{timezone.localtime(booking.start):%Y-%m-%d}", f"{usage.hours}", str(usage.samples),
                  f"{usage.rate:,.2f}", f"{usage.fee:,.2f}"]
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    document.add_paragraph(_("合计：%(hours)s 机时，%(fee)s 元。") % {"hours": statement.hours,
                                                                  "fee": f"{statement.total:,.2f}"})
