"""Counts are shown in whole numbers (issue 9, finding 13: "21.36 个" on the dashboard)."""

import datetime as dt
from decimal import Decimal

import pytest

from plans import dashboard, progress
from plans.models import Indicator

DAY = dt.date(2008, 7, 15)  # a fraction of the year that makes fractional expectations


def test_expected_and_forecast_of_a_count_are_whole():
    goal = progress.Goal(kind="reach", target=Decimal(40), whole=True)
    st = progress.standing(goal, Decimal(17), DAY, 2008)
    assert st.expected == st.expected.to_integral_value() and st.forecast == st.forecast.to_integral_value()
    fractional = progress.standing(progress.Goal(kind="reach", target=Decimal(40)), Decimal(17), DAY, 2008)
    assert fractional.expected != fractional.expected.to_integral_value()  # 万元 and % keep their decimals


@pytest.mark.parametrize(("unit", "whole"), [("个", True), ("项", True), ("家", True), ("万元", False), ("%", False)])
def test_count_units_make_whole_goals(unit, whole):
    indicator = Indicator(kind="reach", unit=unit, target_value=Decimal(40))
    assert dashboard.goal_of(indicator).whole is whole
