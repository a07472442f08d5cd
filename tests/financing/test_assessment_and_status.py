"""The formula applied to the adopted budget, for the parties on its date, and the status of
contributions that follows."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from financing import services
from financing.figures import status_of_contributions
from financing.models import (
    Assessment,
    ContributionMethod,
    Contributor,
    Fund,
    Scale,
    ScaleShare,
)
from isu.models import Participation
from tests.financing.statement_world import adopted_budget_2018

D = Decimal


@pytest.fixture
def world(ccm):
    budget = adopted_budget_2018(ccm)
    for country, joined in [("NO", date(2010, 1, 1)), ("CH", date(2012, 7, 1)),
                            ("JP", date(2009, 1, 1)), ("AT", date(2018, 1, 1))]:
        Participation.objects.create(convention=ccm, country=country, joined_on=joined,
                                     instrument="ratification")
    scale = Scale.objects.create(convention=ccm, source_en="UN scale 2016–2018",
                                 dated=date(2015, 12, 23))
    for country, share in [("NO", "0.849"), ("CH", "1.140"), ("JP", "9.680"), ("AT", "0.720")]:
        ScaleShare.objects.create(scale=scale, country=country, share=D(share))
    method = ContributionMethod.objects.create(convention=ccm, kind="formula", scale=scale,
                                               floor=D("1000"), ceiling=D("300000"))
    core = Fund.objects.create(convention=ccm, kind=Fund.Kind.CORE, name_en="Core")
    return {"budget": budget, "core": core, "method": method}


def test_the_parties_on_the_adoption_date_are_assessed_for_the_whole_budget(ccm_finance,
                                                                            world, ccm):
    made = services.assess(ccm_finance, ccm, world["core"], 2018, world["budget"])
    assessed = {str(a.contributor.state): a.amount for a in made}
    assert set(assessed) == {"NO", "CH", "JP"}  # Austria joined after the adoption
    assert sum(assessed.values()) == D("465440.00")
    assert assessed["JP"] == D("300000.00")  # at the ceiling


def test_assessing_again_replaces_what_is_not_yet_paid(ccm_finance, world, ccm):
    services.assess(ccm_finance, ccm, world["core"], 2018, world["budget"])
    services.assess(ccm_finance, ccm, world["core"], 2018, world["budget"])
    assert Assessment.objects.count() == 3


def test_a_voluntary_convention_is_not_assessed(ccm_finance, world, ccm):
    ContributionMethod.objects.filter(pk=world["method"].pk).update(kind="voluntary")
    with pytest.raises(ValidationError, match="voluntarily"):
        services.assess(ccm_finance, ccm, world["core"], 2018, world["budget"])


def test_a_party_missing_from_the_scale_is_named(ccm_finance, world, ccm):
    ScaleShare.objects.filter(country="CH").delete()
    with pytest.raises(ValidationError, match="CH"):
        services.assess(ccm_finance, ccm, world["core"], 2018, world["budget"])


def test_only_editors_assess(coordinator, world, ccm):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.assess(coordinator, ccm, world["core"], 2018, world["budget"])


def test_the_status_shows_requested_paid_outstanding_coverage_and_the_reserve(
        ccm_finance, world, ccm):
    core = world["core"]
    services.assess(ccm_finance, ccm, core, 2018, world["budget"])
    norway = Contributor.objects.get(state="NO")
    services.record_payment(ccm_finance, contributor=norway, fund=core, year=2018,
                            value_date=date(2018, 2, 1), amount="10000", currency="EUR",
                            exchange_rate="1.15", reference="NO-1")
    services.record_pledge(ccm_finance, contributor=Contributor.objects.create(state="DE"),
                           fund=core, first_year=2017, last_year=2018, amount="20000")
    reserve = Fund.objects.create(convention=ccm, kind=Fund.Kind.RESERVE, name_en="Reserve",
                                  target_amount=D("400000"), draws_only_for_cash_flow=True)
    services.record_reserve_movement(ccm_finance, fund=reserve, date=date(2018, 5, 1),
                                     kind="replenishment", amount="100000")
    services.record_reserve_movement(ccm_finance, fund=reserve, date=date(2019, 1, 2),
                                     kind="replenishment", amount="5")
    status = status_of_contributions(core, 2018)
    rows = {str(row.contributor.state): row for row in status.rows}
    assert rows["NO"].paid == D("11500.00")
    assert rows["NO"].outstanding == rows["NO"].requested - D("11500.00")
    assert rows["DE"].pledged == D("10000.00") and rows["DE"].requested == 0
    assert status.contributing_states == 1
    assert status.budget_total == D("465440")
    assert status.requested == D("465440.00")
    assert status.coverage_percent == D("2.5")
    [figure] = status.reserves
    assert figure.balance == D("100000") and figure.coverage_percent == D("25.0")


def test_the_status_costs_the_same_queries_for_many_contributors(
        ccm_finance, world, ccm):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    core = world["core"]
    with CaptureQueriesContext(connection) as few:
        status_of_contributions(core, 2018)
    services.assess(ccm_finance, ccm, core, 2018, world["budget"])
    for contributor in Contributor.objects.all():
        services.record_payment(ccm_finance, contributor=contributor, fund=core, year=2018,
                                value_date=date(2018, 2, 1), amount="1")
    with CaptureQueriesContext(connection) as many:
        status_of_contributions(core, 2018)
    assert len(many) == len(few)


def test_a_difference_of_exchange_rates_is_not_money_owed(ccm_finance, world):
    core = world["core"]
    eu = Contributor.objects.create(state="FR")
    pledge = services.record_pledge(ccm_finance, contributor=eu, fund=core, first_year=2018,
                                    amount="1000", currency="EUR", exchange_rate="1.10")
    [row] = status_of_contributions(core, 2018).rows
    assert (row.pledged, row.paid, row.outstanding) == (D("1100.00"), 0, D("1100.00"))
    services.record_payment(ccm_finance, contributor=eu, fund=core, year=2018,
                            value_date=date(2018, 3, 1), amount="1000", currency="EUR",
                            exchange_rate="1.05", pledge=pledge)
    [row] = status_of_contributions(core, 2018).rows
    assert (row.pledged, row.paid, row.outstanding) == (D("1050.00"), D("1050.00"), 0)


def test_only_the_unpaid_part_of_a_pledge_counts_at_its_rate(ccm_finance, world):
    core = world["core"]
    eu = Contributor.objects.create(state="FR")
    pledge = services.record_pledge(ccm_finance, contributor=eu, fund=core, first_year=2018,
                                    last_year=2019, amount="2000", currency="EUR",
                                    exchange_rate="1.10")
    pay = dict(contributor=eu, fund=core, year=2018, currency="EUR", pledge=pledge)
    services.record_payment(ccm_finance, **pay, value_date=date(2018, 3, 1), amount="400",
                            exchange_rate="1.05")
    # a payment in francs settles the pledge too, but not its amount in euros
    services.record_payment(ccm_finance, **{**pay, "currency": "CHF"},
                            value_date=date(2018, 4, 1), amount="100")
    [row] = status_of_contributions(core, 2018).rows
    assert row.pledged == D("420.00") + D("660.00")  # EUR 400 at 1.05, EUR 600 at 1.10
    assert row.paid == D("520.00") and row.outstanding == D("560.00")
    assert status_of_contributions(core, 2018, as_at=date(2018, 2, 1)).rows[0].pledged == \
        D("1100.00")
    services.record_payment(ccm_finance, **pay, value_date=date(2018, 5, 1), amount="700",
                            exchange_rate="1.00001")  # more than the year's part
    [row] = status_of_contributions(core, 2018).rows
    assert row.pledged == D("420.00") + D("600.01")  # the excess is paid, not pledged
    assert row.outstanding == 0
    assert status_of_contributions(core, 2019).rows[0].pledged == D("1100.00")


def test_the_status_costs_the_same_queries_with_pledges_settled_in_euros(ccm_finance, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    core = world["core"]
    with CaptureQueriesContext(connection) as few:
        status_of_contributions(core, 2018)
    for state in ["FR", "DE", "IT"]:
        contributor = Contributor.objects.create(state=state)
        pledge = services.record_pledge(ccm_finance, contributor=contributor, fund=core,
                                        first_year=2018, amount="1000", currency="EUR",
                                        exchange_rate="1.10")
        services.record_payment(ccm_finance, contributor=contributor, fund=core, year=2018,
                                value_date=date(2018, 2, 1), amount="500", currency="EUR",
                                exchange_rate="1.05", pledge=pledge)
    with CaptureQueriesContext(connection) as many:
        status = status_of_contributions(core, 2018)
    assert len(many) == len(few)
    assert status.pledged == 3 * (D("525.00") + D("550.00"))
