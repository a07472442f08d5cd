"""Months and quarters as progress and spending are recorded."""

from datetime import date

import pytest
from django.utils import translation

from lib.periods import Period, PeriodKind, quarter_of


def test_a_quarter_runs_over_its_three_months():
    first = Period(2026, PeriodKind.QUARTER, 1)
    assert (first.start, first.end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert Period(2024, PeriodKind.MONTH, 2).end == date(2024, 2, 29)


def test_a_month_knows_its_quarter_and_a_day_its_quarter():
    assert Period(2026, PeriodKind.MONTH, 5).quarter == Period(2026, PeriodKind.QUARTER, 2)
    assert quarter_of(date(2026, 12, 31)) == Period(2026, PeriodKind.QUARTER, 4)


@pytest.mark.parametrize("kind, number", [("month", 13), ("quarter", 5), ("month", 0),
                                          ("week", 1)])
def test_a_period_that_does_not_exist_is_refused(kind, number):
    with pytest.raises(ValueError):
        Period(2026, kind, number)


def test_periods_print_in_each_language():
    quarter, month = Period(2026, PeriodKind.QUARTER, 1), Period(2026, PeriodKind.MONTH, 3)
    assert (quarter.label("en"), month.label("en")) == ("Q1 2026", "March 2026")
    assert (quarter.label("zh-hans"), month.label("zh-hans")) == ("2026 年第一季度", "2026 年 3 月")
    with translation.override("en"):
        assert str(quarter) == "Q1 2026"
