"""Sharing a budget between states: exact sums, floor and ceiling, the rounding rule."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from financing.services import apportion

D = Decimal


def test_three_equal_shares_add_up_to_the_total_with_the_extra_centime_to_the_first_code():
    amounts = apportion(D("100.00"), {"FR": 1, "AT": 1, "DE": 1})
    assert sum(amounts.values()) == D("100.00")
    assert amounts == {"AT": D("33.34"), "DE": D("33.33"), "FR": D("33.33")}


def test_the_largest_remainders_take_the_missing_centimes():
    # exact: 10 × 1/7 = 1.428571…, 10 × 2/7 = 2.857142…, 10 × 4/7 = 5.714285…
    amounts = apportion(D("10.00"), {"AA": 1, "BB": 2, "CC": 4})
    assert amounts == {"AA": D("1.43"), "BB": D("2.86"), "CC": D("5.71")}
    assert sum(amounts.values()) == D("10.00")


def test_the_result_does_not_depend_on_the_order_of_the_shares():
    shares = {"NO": D("1.7"), "CH": D("1.1"), "JP": D("8.0"), "AT": D("0.7"), "BE": D("0.9")}
    forward = apportion(D("465440.00"), shares, D("1000.00"), D("100000.00"))
    backward = apportion(D("465440.00"), dict(reversed(list(shares.items()))),
                         D("1000.00"), D("100000.00"))
    assert forward == backward


def test_a_state_under_the_floor_pays_the_floor_and_the_rest_are_rescaled():
    amounts = apportion(D("1000.00"), {"AA": D("1"), "BB": D("49.5"), "CC": D("49.5")},
                        floor=D("100.00"))
    assert amounts["AA"] == D("100.00")
    assert amounts["BB"] == amounts["CC"] == D("450.00")


def test_a_state_over_the_ceiling_pays_the_ceiling_and_the_rest_are_rescaled():
    amounts = apportion(D("1000.00"), {"US": D("80"), "AA": D("10"), "BB": D("10")},
                        ceiling=D("500.00"))
    assert amounts == {"US": D("500.00"), "AA": D("250.00"), "BB": D("250.00")}


def test_floor_and_ceiling_together_hold_and_the_sum_stays_exact():
    shares = {f"S{i:02d}": D(i * i) for i in range(1, 41)}
    amounts = apportion(D("769221.00"), shares, D("2000.00"), D("50000.00"))
    assert sum(amounts.values()) == D("769221.00")
    assert min(amounts.values()) >= D("2000.00")
    assert max(amounts.values()) <= D("50000.00")
    assert amounts["S01"] == D("2000.00") and amounts["S40"] == D("50000.00")
    assert all(amount.as_tuple().exponent == -2 for amount in amounts.values())
    # the states between floor and ceiling keep the proportion of their shares (to a centime)
    assert abs(amounts["S20"] * 4 - amounts["S10"] * 16) <= D("0.05")


def test_a_state_released_from_the_floor_when_the_ceiling_frees_money():
    # Proportionally AA would pay 40 (under the floor of 50); the ceiling on BB frees enough
    # to lift AA above the floor again.
    amounts = apportion(D("1000.00"), {"AA": D("4"), "BB": D("90"), "CC": D("6")},
                        floor=D("50.00"), ceiling=D("400.00"))
    assert amounts["BB"] == D("400.00")
    assert amounts["AA"] == D("240.00") and amounts["CC"] == D("360.00")


def test_every_state_at_the_floor_when_the_total_is_just_the_floors():
    amounts = apportion(D("300.00"), {"AA": 5, "BB": 1, "CC": 90}, floor=D("100.00"))
    assert amounts == {"AA": D("100.00"), "BB": D("100.00"), "CC": D("100.00")}


def test_a_total_too_small_for_the_floors_is_refused_with_the_figures():
    with pytest.raises(ValidationError, match="less than the floors of the 3 states"):
        apportion(D("299.99"), {"AA": 1, "BB": 1, "CC": 1}, floor=D("100.00"))


def test_a_total_beyond_the_ceilings_is_refused():
    with pytest.raises(ValidationError, match="cannot reach the total"):
        apportion(D("1000.00"), {"AA": 1, "BB": 1}, ceiling=D("400.00"))


@pytest.mark.parametrize("total, shares, floor, ceiling", [
    (D("-1.00"), {"AA": 1}, None, None),
    (D("1.001"), {"AA": 1}, None, None),
    (D("1.00"), {}, None, None),
    (D("1.00"), {"AA": 0}, None, None),
    (D("1.00"), {"AA": 1}, D("2.00"), D("1.00")),
])
def test_bad_input_is_refused(total, shares, floor, ceiling):
    with pytest.raises(ValidationError):
        apportion(total, shares, floor, ceiling)


def test_a_zero_total_asks_nothing_of_anyone():
    assert apportion(D("0.00"), {"AA": 1, "BB": 3}) == {"AA": D("0.00"), "BB": D("0.00")}
