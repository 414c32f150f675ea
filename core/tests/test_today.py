"""core.today: one date for a piece of work, the clock's date outside it."""

import datetime as dt

import time_machine

from core import today


def test_today_follows_the_clock_outside_a_fixed_span():
    with time_machine.travel(dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC), tick=False) as traveller:
        first = today.today()
        traveller.shift(dt.timedelta(days=1))
        assert today.today() == first + dt.timedelta(days=1)


def test_a_fixed_span_keeps_the_date_it_started_with_past_midnight():
    with time_machine.travel(dt.datetime(2026, 5, 1, 15, 59, tzinfo=dt.UTC), tick=False) as traveller:
        with today.fixed() as started:
            traveller.shift(dt.timedelta(hours=2))  # past midnight in Asia/Shanghai
            assert today.today() == started
        assert today.today() == started + dt.timedelta(days=1)
