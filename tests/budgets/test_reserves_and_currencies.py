"""Reserves against their targets, and funding in other currencies kept apart from CHF."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgets.figures import chf_equivalent, compute, fetch, reserve_status
from budgets.models import ForeignFunding, ReserveBalance, ReserveFund
from tests import factories


def test_a_buffer_of_one_years_expenditure_is_measured_against_the_budget(apmbc):
    budget = factories.budget(factories.plan("APMBC", 2026),
                              lines=[("salaries", "679221"), ("travel", "90000")])
    fund = ReserveFund.objects.create(convention=apmbc, name_en="Buffer fund",
                                      target_kind="years", target_years=Decimal(1))
    ReserveBalance.objects.create(fund=fund, on_date=date(2024, 10, 1), balance=Decimal(700000))
    ReserveBalance.objects.create(fund=fund, on_date=date(2025, 10, 8), balance=Decimal(758655))
    status = reserve_status(fund, compute(fetch(budget.pk)))
    assert (status.balance.balance, status.target, status.coverage_percent) == (
        Decimal(758655), Decimal(769221), Decimal("98.6"))
    earlier = reserve_status(fund, compute(fetch(budget.pk)), on_date=date(2025, 1, 1))
    assert earlier.balance.balance == Decimal(700000)


def test_a_fixed_reserve_target_needs_its_amount(ccm):
    fund = ReserveFund(convention=ccm, name_en="Capital reserve", target_kind="fixed")
    with pytest.raises(ValidationError):
        fund.full_clean()
    fund.target_amount = Decimal(400000)
    fund.full_clean()
    fund.save()
    ReserveBalance.objects.create(fund=fund, on_date=date(2020, 1, 1), balance=Decimal(300000))
    assert reserve_status(fund).coverage_percent == Decimal("75.0")


def eu_decision(apmbc, **changes):
    values = {"convention": apmbc, "source_en": "EU Council Decision 2025/781", "currency": "EUR",
              "amount": Decimal(2700000), "start_year": 2025, "end_year": 2029,
              "exchange_rate": Decimal("0.94"), "rate_date": date(2025, 6, 16)} | changes
    return ForeignFunding(**values)


def test_funding_in_euros_keeps_its_currency_and_gives_its_chf_equivalent(apmbc):
    funding = eu_decision(apmbc)
    funding.full_clean()
    assert chf_equivalent(funding) == Decimal("2538000.00")
    assert chf_equivalent(eu_decision(apmbc, exchange_rate=Decimal("0.9385"))) == Decimal(
        "2533950.00")


@pytest.mark.parametrize("changes", [{"exchange_rate": Decimal(0)},
                                     {"amount": Decimal(-1)}, {"end_year": 2024}])
def test_impossible_funding_is_refused(apmbc, changes):
    with pytest.raises(ValidationError):
        eu_decision(apmbc, **changes).full_clean()
