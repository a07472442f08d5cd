"""Money reads as the seeds write it, with the rounding rules written in lib/money.py."""

from decimal import Decimal

import pytest

from lib.money import format_money, percent, to_centimes, to_francs


@pytest.mark.parametrize("language, expected", [
    ("en", "CHF 769,221"), ("zh-hans", "769,221 瑞郎"),
])
def test_amounts_follow_each_languages_convention(language, expected):
    assert format_money(Decimal("769221.00"), language) == expected


def test_other_currencies_are_named_not_mixed():
    assert format_money(Decimal(2700000), "en", "EUR") == "EUR 2,700,000"
    assert format_money(Decimal(2700000), "zh-hans", "EUR") == "2,700,000 欧元"


@pytest.mark.parametrize("value, francs", [
    ("69010.80", "69011"), ("0.50", "1"), ("1.49", "1"), ("-2.5", "-3"),
])
def test_whole_francs_round_half_up(value, francs):
    assert to_francs(Decimal(value)) == Decimal(francs)


def test_centimes_round_half_up_and_percentages_keep_one_decimal():
    assert to_centimes(Decimal("2538000.005")) == Decimal("2538000.01")
    assert percent(Decimal(758655), Decimal(769221)) == Decimal("98.6")
    assert percent(1, 0) is None


def test_negative_amounts_print_with_a_sign():
    assert format_money(Decimal(-18054), "en") == "CHF -18,054"
