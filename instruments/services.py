"""Every change in the sharing network: permission, validation, one transaction, audit entry."""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core import services as core_services
from core.models import Attachment
from core.permissions import require
from core.services import save_form
from core.uploads import IMAGES, check_upload
from core.workflow import transition

from . import billing, conf, permissions
from .models import Blackout, Booking, Instrument, Training
from .workflow import TRANSITIONS

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.db.models import Model
    from django.forms import BaseForm

    from accounts.models import User

# --- registry ---------------------------------------------------------------------


def save_instrument(actor: User, form: BaseForm, instance: Instrument | None = None) -> Instrument:
    return save_form(actor, form, instance, permissions.can_add, permissions.can_manage)


def delete_instrument(actor: User, instrument: Instrument) -> None:
    require(permissions.can_manage(actor, instrument))
    if instrument.bookings.exists():
        raise ValidationError(
            _("该仪器已有预约记录，不能删除；请将状态改为“已报废”。The instrument has bookings; retire it instead."),
            code="has_bookings",
        )
    core_services.delete(actor, instrument)


def _can_add_child(user: User) -> bool:
    return permissions.can_add(user)


def save_blackout(actor: User, form: BaseForm, instance: Blackout | None = None) -> Blackout:
    return save_form(actor, form, instance, _can_add_child, permissions.can_edit_child)


def save_training(actor: User, form: BaseForm, instance: Training | None = None) -> Training:
    return save_form(actor, form, instance, _can_add_child, permissions.can_edit_child)


def delete_child(actor: User, obj: Model) -> None:
    require(permissions.can_delete_child(actor, obj))
    core_services.delete(actor, obj)


# --- the literature sharing platform ------------------------------------------------------------


def save_literature(actor: User, form: BaseForm, instance: Model | None = None) -> Model:
    """A shared resource or a year's service figures, kept by officers (the page, the sheet, the API)."""
    return save_form(actor, form, instance, permissions.can_manage_literature, permissions.can_manage_literature)


def delete_literature(actor: User, obj: Model) -> None:
    require(permissions.can_manage_literature(actor, obj))
    core_services.delete(actor, obj)


# --- photos ---------------------------------------------------------------------------

PHOTO = "photo"


def photos_of(instrument: Instrument):
    return Attachment.objects.of(instrument).filter(purpose=PHOTO).order_by("uploaded_at", "pk")


def add_photo(actor: User, instrument: Instrument, upload) -> Attachment:
    """A photo of the instrument, by its owner or an officer; judged by content (jpg/png/webp only)."""
    require(permissions.can_manage(actor, instrument))
    kind = check_upload(upload, allowed=IMAGES, max_bytes=conf.get("PHOTO_MAX_BYTES"))
    with transaction.atomic():
        locked = Instrument.objects.select_for_update().get(pk=instrument.pk)
        if photos_of(locked).count() >= conf.get("MAX_PHOTOS"):
            raise ValidationError(
                _("每台仪器最多 %(n)s 张照片。At most %(n)s photos per instrument.") % {"n": conf.get("MAX_PHOTOS")},
                code="too_many",
            )
        photo = Attachment.of_upload(locked, upload, kind, PHOTO, actor)
        photo.save()
        audit.record(actor, "add_photo", locked, after={"photo": photo.pk, "file": photo.original_name, "kind": kind})
    return photo


def delete_photo(actor: User, instrument: Instrument, photo: Attachment) -> None:
    require(permissions.can_manage(actor, instrument))
    if not photos_of(instrument).filter(pk=photo.pk).exists():
        raise ValidationError(_("照片不属于该仪器。The photo is not of this instrument."), code="not_its_photo")
    name, storage = photo.file.name, photo.file.storage
    with transaction.atomic():
        audit.record(actor, "delete_photo", instrument, before={"photo": photo.pk, "file": photo.original_name})
        photo.delete()
        # The file goes only once the row is surely gone.
        transaction.on_commit(lambda: storage.delete(name))


# --- booking --------------------------------------------------------------------------


class BookingConflict(ValidationError):
    """The slot overlaps a pending or confirmed booking; `conflict` is that booking."""

    def __init__(self, conflict: Booking) -> None:
        self.conflict = conflict
        super().__init__(
            _("与已有预约 %(slot)s（%(status)s）时间冲突。The slot overlaps an existing booking.")
            % {"slot": slot_text(conflict.start, conflict.end), "status": conflict.get_status_display()},
            code="overlap",
        )


def slot_text(start: dt.datetime, end: dt.datetime) -> str:
    start, end = timezone.localtime(start), timezone.localtime(end)
    tail = f"{end:%H:%M}" if start.date() == end.date() else f"{end:%Y-%m-%d %H:%M}"
    return f"{start:%Y-%m-%d %H:%M}–{tail}"


def _error(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _availability_errors(instrument: Instrument, group: str) -> list[ValidationError]:
    if instrument.status == Instrument.Status.RETIRED:
        return [_error(_("该仪器已报废，不能预约。The instrument is retired."), "retired")]
    if instrument.status == Instrument.Status.UNDER_REPAIR:
        return [_error(_("该仪器维修中，暂不能预约。The instrument is under repair."), "under_repair")]
    if not instrument.in_network and group != "internal":
        return [_error(_("该仪器未纳入共享网，只供本单位使用。Not open in the network."), "not_shared")]
    return []


def _time_errors(instrument: Instrument, start: dt.datetime, end: dt.datetime) -> list[ValidationError]:
    if end <= start:
        return [_error(_("结束时间须晚于开始时间。The end must be after the start."), "end_before_start")]
    errors = []
    if start < timezone.now() + dt.timedelta(hours=instrument.min_notice_hours):
        errors.append(_error(_("须至少提前 %(h)s 小时预约。Book at least %(h)s hours ahead.")
                             % {"h": instrument.min_notice_hours}, "notice"))
    if end - start > dt.timedelta(hours=instrument.max_hours):
        errors.append(_error(_("单次预约不能超过 %(h)s 小时。At most %(h)s hours per booking.")
                             % {"h": instrument.max_hours}, "too_long"))
    slot = dt.timedelta(minutes=instrument.slot_minutes)
    local = timezone.localtime(start)
    since_midnight = dt.timedelta(hours=local.hour, minutes=local.minute, seconds=local.second)
    if (end - start) % slot or since_midnight % slot or local.microsecond:
        errors.append(_error(_("预约须按 %(m)s 分钟的时段整段预约。Book whole %(m)s-minute slots.")
                             % {"m": instrument.slot_minutes}, "slot"))
    blackout = instrument.blackouts.filter(start__lt=end, end__gt=start).order_by("start").first()
    if blackout:
        errors.append(_error(_("%(slot)s 停用（%(reason)s），不能预约。The instrument is blacked out.")
                             % {"slot": slot_text(blackout.start, blackout.end), "reason": blackout.reason},
                             "blackout"))
    return errors


def _training_errors(actor: User, instrument: Instrument, self_use: bool, day: dt.date) -> list[ValidationError]:
    if not (self_use and instrument.training_required):
        return []
    trained = instrument.trainings.filter(user=actor, trained_on__lte=day).exclude(valid_until__lt=day)
    if trained.exists():
        return []
    return [_error(_("自主上机须先参加该仪器的培训；可改为委托测试。Training is required before self-use."),
                   "training")]


def check_rules(actor: User, instrument: Instrument, start: dt.datetime, end: dt.datetime, self_use: bool,
                group: str) -> None:
    """The instrument's booking rules (LibreBooking's: notice, length, slots, blackouts, training)."""
    errors = _availability_errors(instrument, group) or _time_errors(instrument, start, end)
    if end > start:
        errors += _training_errors(actor, instrument, self_use, timezone.localdate(start))
    if errors:
        raise ValidationError(errors)


def conflict_for(booking: Booking) -> Booking | None:
    return (
        Booking.objects.active().filter(instrument_id=booking.instrument_id)
        .overlapping(booking.start, booking.end).exclude(pk=booking.pk).order_by("start").first()
    )


def _insert_exclusive(booking: Booking) -> None:
    """Insert so that two overlapping requests can never both win, whatever their timing."""
    if connection.vendor == "postgresql":
        # The exclusion constraint (migration 0002) is the guarantee: a concurrent overlapping
        # insert waits for the other transaction and then fails. The check before it only
        # spares the common case an exception.
        conflict = conflict_for(booking)
        if conflict:
            raise BookingConflict(conflict)
        try:
            with transaction.atomic():
                booking.save()
        except IntegrityError:
            conflict = conflict_for(booking)
            if conflict is None:
                raise
            raise BookingConflict(conflict) from None
        return
    # SQLite has no row locks (select_for_update is a no-op) but serialises writers: writing to
    # the instrument row first takes the database's write lock for this transaction, so a
    # concurrent request waits here and then sees our booking in its check. The write must come
    # before any read in the transaction (a WAL reader holding an old snapshot cannot upgrade).
    Instrument.objects.filter(pk=booking.instrument_id).update(updated_at=timezone.now())
    conflict = conflict_for(booking)
    if conflict:
        raise BookingConflict(conflict)
    booking.save()


def request_booking(actor: User, instrument: Instrument, start: dt.datetime, end: dt.datetime, purpose: str,
                    self_use: bool = False) -> Booking:
    """Book a slot: 400-type errors (ValidationError) for the rules, BookingConflict for an overlap."""
    require(permissions.can_book(actor, instrument))
    return _retry_when_locked(lambda: _request(actor, instrument, start, end, purpose, self_use))


def _request(actor: User, instrument: Instrument, start: dt.datetime, end: dt.datetime, purpose: str,
             self_use: bool) -> Booking:
    organisation = billing.organisation_of(actor)
    group = billing.price_group(instrument, organisation)
    check_rules(actor, instrument, start, end, self_use, group)
    status = Booking.Status.REQUESTED if instrument.approval_required else Booking.Status.CONFIRMED
    booking = Booking(instrument=instrument, user=actor, organisation=organisation, start=start, end=end,
                      purpose=purpose.strip(), self_use=self_use, price_group=group, status=status)
    booking.full_clean(exclude=["status"])
    with transaction.atomic():
        _insert_exclusive(booking)
        audit.record(actor, "create", booking, after=audit.snapshot(booking))
    return booking


T = TypeVar("T")


def _retry_when_locked(write: Callable[[], T], attempts: int = 60) -> T:
    """SQLite's busy timeout waits for a file's write lock, but a shared-cache (in-memory)
    database reports a held table lock at once; the write is then tried again, briefly later.
    Inside an outer transaction nothing can be retried, so the error goes up."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return write()
    for attempt in range(attempts):
        try:
            return write()
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.01 * (attempt + 1))


def act(actor: User, booking: Booking, action: str, comment: str = "", **data: Any) -> Booking:
    return transition(booking, action, actor, TRANSITIONS, comment=comment, **data)


def send_reminders(now: dt.datetime | None = None) -> int:
    """Remind bookers of tomorrow's confirmed slots, once each (safe to run again)."""
    from core.notifications import notify

    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))
    due = Booking.objects.filter(status=Booking.Status.CONFIRMED, reminded_at__isnull=True,
                                 start__gte=start, start__lt=start + dt.timedelta(days=1)).select_related("instrument")
    count = 0
    for booking in due:
        with transaction.atomic():
            # Claim the row first: a second run (or a second worker) finds it reminded and skips it.
            if not Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(reminded_at=now):
                continue
            notify(booking.user, _("提醒：您预约的 %(name)s 将于 %(slot)s 使用。Reminder of your booking.")
                   % {"name": booking.instrument.name, "slot": slot_text(booking.start, booking.end)},
                   booking.get_absolute_url())
            audit.record(None, "remind", booking, after={"reminded_at": now.isoformat()})
            count += 1
    return count
