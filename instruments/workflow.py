"""The booking lifecycle (LibreBooking's reservation states, as a table):

    requested --approve--> confirmed --record_use--> used
        |  \\--reject--> rejected        |--no_show--> no_show
        \\--cancel--> cancelled          \\--cancel--> cancelled

A booking of an instrument that needs no approval starts as confirmed. Requested and confirmed
bookings hold the instrument (see services.request_booking for the overlap rule).
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit
from core.workflow import Rule

from . import billing, permissions
from .models import Booking, Usage

S = Booking.Status


def _must_have_started(booking: Booking, actor, **data) -> None:
    if timezone.now() < booking.start:
        raise ValidationError(_("预约时段尚未开始。The slot has not started yet."), code="not_started")


def _cancel_in_time(booking: Booking, actor, **data) -> None:
    # The booker may cancel until the slot starts; the owner also afterwards (e.g. a breakdown).
    if timezone.now() >= booking.start and not permissions.can_manage(actor, booking.instrument):
        raise ValidationError(_("预约时段已开始，不能取消。The slot has already started."), code="started")


def _hours(value) -> Decimal:
    try:
        hours = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError(_("实际机时须为数字。Hours must be a number."), code="hours") from None
    if not Decimal("0") < hours <= Decimal("336"):
        raise ValidationError(_("实际机时须在 0 到 336 小时之间。Hours out of range."), code="hours")
    return hours


def _record_usage(booking: Booking, actor, hours=None, samples=0, operator="", **data) -> None:
    _must_have_started(booking, actor)
    actual = _hours(hours)
    if not str(operator or "").strip():
        raise ValidationError(_("请填写操作人员。The operator is required."), code="operator")
    rate = booking.instrument.rate(booking.price_group)
    usage = Usage(booking=booking, hours=actual, samples=int(samples or 0), operator=str(operator).strip(),
                  rate=rate, fee=billing.fee(rate, actual))
    usage.full_clean(exclude=["booking"])
    usage.save()
    audit.record(actor, "create", usage, after=audit.snapshot(usage))


def _booker(booking: Booking) -> list:
    return [booking.user]


TRANSITIONS = {
    (S.REQUESTED, "approve"): Rule(S.CONFIRMED, permissions.can_approve, gettext_lazy("批准"), notify=_booker),
    (S.REQUESTED, "reject"): Rule(S.REJECTED, permissions.can_approve, gettext_lazy("不予批准"),
                                  comment_required=True, notify=_booker),
    (S.REQUESTED, "cancel"): Rule(S.CANCELLED, permissions.can_cancel, gettext_lazy("取消预约")),
    (S.CONFIRMED, "cancel"): Rule(S.CANCELLED, permissions.can_cancel, gettext_lazy("取消预约"),
                                  before=_cancel_in_time, notify=_booker),
    (S.CONFIRMED, "record_use"): Rule(S.USED, permissions.can_approve, gettext_lazy("登记使用"),
                                      before=_record_usage),
    (S.CONFIRMED, "no_show"): Rule(S.NO_SHOW, permissions.can_approve, gettext_lazy("登记爽约"),
                                   before=_must_have_started, notify=_booker),
}
