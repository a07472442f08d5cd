"""The demo's financing: the CCM's 2018 budget shared by its formula to the centime, its capital
reserve against CHF 400,000, the APMBC's voluntary contributions, buffer fund and EU project."""

from datetime import date
from decimal import Decimal

from financing.figures import status_of_contributions
from financing.models import Assessment, ContributionMethod, Fund, Pledge, ReserveMovement
from isu.models import Participation


def fund(code, kind):
    return Fund.objects.get(convention__code=code, kind=kind)


def test_the_ccm_2018_budget_is_assessed_on_its_parties_to_the_centime(demo):
    core = fund("CCM", Fund.Kind.CORE)
    assessments = Assessment.objects.filter(fund=core, year=2018)
    parties = Participation.objects.filter(convention__code="CCM").parties_on(date(2017, 9, 6))
    method = ContributionMethod.objects.get(convention__code="CCM")
    assert assessments.count() == parties.count() > 90
    assert sum(a.amount for a in assessments) == Decimal("465440.00")
    assert min(a.amount for a in assessments) == method.floor
    assert max(a.amount for a in assessments) == method.ceiling


def test_the_ccm_status_of_2018_shows_what_is_paid_against_the_budget(demo):
    status = status_of_contributions(fund("CCM", Fund.Kind.CORE), 2018)
    assert status.requested == status.budget_total == Decimal(465440)
    assert status.paid + status.outstanding == status.requested
    assert 0 < status.contributing_states < len(status.rows)
    (reserve,) = status.reserves
    assert (reserve.balance, reserve.target) == (Decimal(350000), Decimal(400000))


def test_the_ccm_reserve_is_drawn_on_only_for_cash_flow(demo):
    draws = ReserveMovement.objects.filter(fund=fund("CCM", Fund.Kind.RESERVE),
                                           kind=ReserveMovement.Kind.DRAW)
    assert {draw.purpose for draw in draws} == {ReserveMovement.Purpose.CASH_FLOW}


def test_the_apmbc_buffer_fund_and_the_eu_project(demo):
    status = status_of_contributions(fund("APMBC", Fund.Kind.CORE), 2026)
    (buffer,) = status.reserves
    assert (buffer.balance, buffer.target) == (Decimal(758655), Decimal(769221))
    assert status.budget_total == Decimal(769221) and status.requested == 0
    eu = Pledge.objects.get(fund=fund("APMBC", Fund.Kind.PROJECT))
    assert (eu.currency, eu.amount, eu.first_year, eu.last_year) == (
        "EUR", Decimal(2700000), 2025, 2029)
    assert status_of_contributions(eu.fund, 2026).budget_total is None
