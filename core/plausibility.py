"""Plausibility rules shared by the services: a value can be well-formed and still impossible.

A date typed as 2999-01-01 or 1900-01-01 passes every form field; these checks refuse it in the
service, before anything is written, with a message that names the allowed range.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# The bureau's records (including imported historical projects) do not predate this.
EARLIEST = dt.date(1980, 1, 1)
# Plans, deadlines and project periods reach this far ahead at most.
YEARS_AHEAD = 20


def latest() -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28))


def check_date(value: dt.date, label: str, *, earliest: dt.date | None = None, until: dt.date | None = None) -> dt.date:
    """`value` within [earliest, until], both narrowed to the sane window; else a bilingual error."""
    low = max(earliest or EARLIEST, EARLIEST)
    high = min(until or latest(), latest())
    if not low <= value <= high:
        raise ValidationError(
            _("%(label)s %(value)s 不合理：应在 %(low)s 至 %(high)s 之间。The date is outside the plausible range.")
            % {"label": label, "value": value.isoformat(), "low": low.isoformat(), "high": high.isoformat()},
            code="implausible_date",
        )
    return value


def require_notice_over(notice_end: dt.date | None) -> None:
    """A decision that follows a public notice waits until the notice's last day has passed."""
    if notice_end is None or timezone.localdate() <= notice_end:
        raise ValidationError(
            _("公示期（截止 %(end)s）尚未结束，期满后才能作出决定。The notice period has not ended yet.")
            % {"end": notice_end.isoformat() if notice_end else "—"},
            code="notice_not_over",
        )
