"""A plan's progress overview, computed from what is recorded: activities by their latest status
for each outcome and thematic area, indicators against their targets, spending against the
budget, each through the end of a quarter; the staff's page that shows it, for the convention's
staff only, in a fixed number of queries."""

import re
from datetime import date
from decimal import Decimal

import pytest

from budgets import spending
from budgets.models import Line
from lib.periods import Period
from reporting.models import IndicatorValue, ProgressUpdate
from reporting.overview import offered_periods, plan_overview
from reporting.services import record_indicator_value, record_progress, version_of
from tests import factories
from tests.queries import queries_on_second_visit
from tests.reporting.plans import (
    THIS_YEAR,
    activities,
    adopted_plan,
    committee_meeting,
    hand_indicator,
    progress,
    value,
)
from workplans.models import Indicator

YEAR = THIS_YEAR - 1  # a year whose four quarters have begun


def quarter(number, year=YEAR):
    return Period(year, "quarter", number)


def plan_with_budget(outcomes=2, areas=1, start_year=YEAR, **sizes):
    """An adopted plan of last year (from `start_year`): `outcomes` outcomes of one output and
    two activities each, `areas` thematic areas, and a budget for last year of salaries 1,000
    and travel 500."""
    plan = adopted_plan(year=start_year, end_year=YEAR, outcomes=outcomes, areas=areas,
                        status="draft", **sizes)
    factories.budget(plan, year=YEAR, lines=[("salaries", "1000"), ("travel", "500")])
    return factories.set_status(plan, "adopted")


@pytest.fixture
def plan(ccm):
    return plan_with_budget()


def record(user, plan, activity, number, status, **changes):
    return record_progress(user, plan.pk, "activity", activity.pk, progress(
        year=YEAR, period_number=number, status=status, **changes))


def spend(user, plan, code, number, spent, committed="0", **more):
    budget = plan.budgets.get()
    row, form = spending.record(user, plan.pk, budget.pk, "expenditure", {
        "line": Line.objects.get(budget=budget, category__code=code).pk,
        "period": f"{YEAR}-quarter-{number}", "spent": spent, "committed": committed, **more})
    assert row is not None, form.errors
    return row


def counts(group):
    return {status: number for status, _label, number in group.counts if number}


def test_activities_count_by_their_latest_status_through_the_quarter(ccm_officer, plan):
    first, second, third, *_rest = activities(plan)
    record(ccm_officer, plan, first, 1, "done")
    record(ccm_officer, plan, second, 1, "under_way")
    record(ccm_officer, plan, second, 3, "done")
    record(ccm_officer, plan, third, 2, "postponed")
    halfway = plan_overview(plan.pk, quarter(2))
    outcome, other, area = halfway.groups
    assert (outcome.short_label, outcome.total) == ("Outcome 1", 2)
    assert counts(outcome) == {"done": 1, "under_way": 1}
    assert counts(other) == {"postponed": 1, "none": 1}
    assert (str(area.short_label), counts(area)) == ("Area 1", {"none": 2})
    assert counts(plan_overview(plan.pk, quarter(4)).groups[0]) == {"done": 2}
    assert dict((s, n) for s, _l, n in halfway.counts)["none"] == 3


def test_a_corrected_update_changes_the_count(ccm_officer, plan):
    activity = activities(plan)[0]
    record(ccm_officer, plan, activity, 1, "done")
    assert counts(plan_overview(plan.pk, quarter(1)).groups[0]) == {"done": 1, "none": 1}
    stored = ProgressUpdate.objects.with_evidence().get()
    record_progress(ccm_officer, plan.pk, "activity", activity.pk, progress(
        year=YEAR, period_number=1, status="cancelled"), version=version_of(stored))
    assert counts(plan_overview(plan.pk, quarter(1)).groups[0]) == {"cancelled": 1, "none": 1}


def test_indicators_stand_beside_their_targets_with_the_actual_to_date(ccm_officer, plan):
    entered = hand_indicator(plan)
    Indicator.objects.filter(pk=entered.pk).update(baseline=2, target=12,
                                                   revision_reason="More meetings were asked")
    record_indicator_value(ccm_officer, plan.pk, entered.pk, value(year=YEAR, value="3"))
    record_indicator_value(ccm_officer, plan.pk, entered.pk,
                           value(year=YEAR, period_number=3, value="4"))
    committee_meeting("CCM", held_on=date(YEAR, 2, 10))
    committee_meeting("CCM", held_on=date(YEAR, 8, 10))
    committee_meeting("CCM", held_on=date(YEAR + 1, 1, 10))  # after the plan's years

    def figures(number):
        found = {figure.indicator.pk: figure for figure in
                 plan_overview(plan.pk, quarter(number)).indicators}
        return found[entered.pk], found[Indicator.objects.get(counts="committee_meetings").pk]

    hand, counted = figures(2)
    assert (hand.indicator.baseline, hand.indicator.original_target, hand.indicator.target) == (
        2, 10, 12)
    assert (hand.actual, hand.latest.period, counted.actual) == (3, quarter(1), 1)
    assert (hand.result_label, str(counted.result_label)) == ("Outcome 1", "Area 1 · Output")
    hand, counted = figures(4)
    assert (hand.actual, counted.actual) == (7, 2)


def test_spending_stands_as_it_was_at_the_end_of_the_quarter(ccm_officer, plan):
    spend(ccm_officer, plan, "salaries", 1, "200", committed="50")
    spend(ccm_officer, plan, "salaries", 3, "300", forecast="1100")
    spend(ccm_officer, plan, "travel", 3, "100")
    budget = plan.budgets.get()
    spending.record(ccm_officer, plan.pk, budget.pk, "reallocation", {
        "from_line": Line.objects.get(category__code="travel").pk,
        "to_line": Line.objects.get(category__code="salaries").pk, "amount": "150",
        "decided_on": f"{YEAR}-08-01", "reason_en": "Salaries rose"})
    halfway = plan_overview(plan.pk, quarter(2))
    salaries, travel = halfway.spending.lines
    assert (salaries.revised, salaries.committed, salaries.actual) == (1000, 50, 200)
    assert (travel.revised, travel.actual, travel.forecast) == (500, 0, 500)  # no record yet
    assert salaries.forecast == 800  # 200 spent in the three months recorded, over twelve
    assert halfway.spending_through == quarter(1)
    whole = plan_overview(plan.pk, quarter(4))
    salaries, travel = whole.spending.lines
    assert (salaries.revised, salaries.actual, salaries.forecast) == (1150, 500, 1100)
    assert (travel.revised, travel.actual) == (350, 100)
    to_date = spending.plan_figures(plan.pk)[0]  # the whole year reads as the budget does
    assert (whole.spending.spent_total, whole.spending.revised_total,
            whole.spending.forecast_total, whole.spending.balance) == (
        to_date.spent_total, to_date.revised_total, to_date.forecast_total, to_date.balance)


def test_a_year_without_a_budget_has_no_spending(ccm_officer, ccm):
    plan = adopted_plan(year=YEAR, areas=0)
    overview = plan_overview(plan.pk, quarter(4))
    assert overview.spending is None and overview.spending_chart("en") is None


def page_url(plan, period=None):
    return f"/workspace/plans/{plan.pk}/progress/overview/" + (
        f"?period={period}" if period else "")


def test_the_page_shows_the_figures_for_the_quarter_chosen(as_user, ccm_officer, plan):
    first = activities(plan)[0]
    record(ccm_officer, plan, first, 1, "done", account_en="Held the intersessional meetings.")
    spend(ccm_officer, plan, "salaries", 1, "250")
    client = as_user(ccm_officer)
    assert page_url(plan) in client.get(f"/workspace/plans/{plan.pk}/progress/").content.decode()
    page = client.get(page_url(plan, f"{YEAR}-q2")).content.decode()
    assert f"Through Q2 {YEAR}" in page and f"{YEAR}, the whole year" in page
    status_row = re.search(r'<tr id="group-1">.*?</tr>', page, re.S).group(0)
    assert re.findall(r'data-label="([^"]+)">(\d+)<', status_row)[:2] == [("Done", "1"),
                                                                        ("Ongoing", "0")]
    assert "Held the intersessional meetings." in page
    assert "CHF 250" in page and "<svg" in page
    assert "Activities by status" in page and "Budget and spending" in page
    assert f"/budgets/{plan.budgets.get().pk}/spending.csv" in page
    assert f"progress/overview/progress.csv?period={YEAR}-q2" in page
    assert "Publish" not in page  # the officer does not publish, and the plan is not published


def test_the_periods_offered_are_the_quarters_begun_in_the_plans_years(ccm):
    running = adopted_plan(year=YEAR, end_year=THIS_YEAR)
    offered = offered_periods(running, today=date(THIS_YEAR, 5, 2))
    assert offered[:3] == [quarter(2, THIS_YEAR), quarter(1, THIS_YEAR), quarter(4)]
    assert len(offered) == 6


def test_an_odd_period_in_the_address_shows_the_latest_quarter(as_user, ccm_officer, plan):
    client = as_user(ccm_officer)
    for odd in ("2019-q2", "nonsense", f"{YEAR}-m3", f"{YEAR}-q9"):
        page = client.get(page_url(plan, odd)).content.decode()
        assert f'<option value="{YEAR}-q4" selected>' in page


def test_only_the_conventions_staff_see_the_overview(as_user, coordinator, apmbc_officer,
                                                     anonymous, plan):
    assert as_user(coordinator).get(page_url(plan)).status_code == 200
    assert as_user(apmbc_officer).get(page_url(plan)).status_code == 404
    assert as_user(apmbc_officer).get(page_url(plan) + "progress.csv").status_code == 404
    response = anonymous.get(page_url(plan))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert anonymous.get(page_url(plan) + "progress.xlsx").status_code == 302


def test_the_page_costs_the_same_for_a_small_and_a_large_plan(as_user, ccm_officer, ccm):
    small = plan_with_budget(outcomes=1, areas=1)
    large = plan_with_budget(outcomes=6, areas=4, outputs=3, activities=5, start_year=YEAR - 1)
    for plan in (small, large):
        for number, activity in enumerate(activities(plan)[::2]):
            record(ccm_officer, plan, activity, number % 4 + 1, "done",
                   committee_meetings=[committee_meeting("CCM", date(YEAR, 3, 1)).pk])
        spend(ccm_officer, plan, "salaries", 1, "100")
        IndicatorValue.objects.create(indicator=hand_indicator(plan), author=ccm_officer,
                                      year=YEAR, period_number=1, value=1, source_en="Records")
    client = as_user(ccm_officer)
    small_queries, large_queries = queries_on_second_visit(
        client, page_url(small, f"{YEAR}-q4"), page_url(large, f"{YEAR}-q4"))
    assert small_queries == large_queries
    assert small_queries <= 35
    assert Decimal(len(activities(large))) > 4 * len(activities(small))
