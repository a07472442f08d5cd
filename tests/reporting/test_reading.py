"""Progress is read by plan, period and result: the updates of a plan, those covering a period
(a quarter takes its months, a month its quarter), each result's latest, and a plan's results
with what has had no update for a period, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lib.periods import Period
from reporting.models import IndicatorValue, ProgressUpdate
from reporting.outline import period_from_slug, period_slug, plan_progress
from tests.reporting.plans import THIS_YEAR, activities, adopted_plan, hand_indicator
from workplans.models import Output


@pytest.fixture
def plan(ccm):
    return adopted_plan(areas=1)


def add(author, result, kind="quarter", number=1, status="under_way", **fields):
    field = result._meta.model_name
    return ProgressUpdate.objects.create(author=author, year=THIS_YEAR, period_kind=kind,
                                         period_number=number, status=status,
                                         account_en=f"{kind} {number}", **{field: result},
                                         **fields)


def test_a_plans_updates_are_its_results_own(ccm_officer, plan):
    other = adopted_plan(year=THIS_YEAR - 1)
    output = Output.objects.get(outcome__plan=plan)
    mine = [add(ccm_officer, activities(plan)[0]), add(ccm_officer, activities(plan)[-1]),
            add(ccm_officer, output), add(ccm_officer, output.outcome)]
    add(ccm_officer, activities(other)[0])
    assert set(ProgressUpdate.objects.for_plan(plan)) == set(mine)
    assert ProgressUpdate.objects.for_plans([plan, other]).count() == 5


def test_a_quarter_takes_its_months_and_a_month_its_quarter(ccm_officer, plan):
    activity = activities(plan)[0]
    quarter, february, april = (add(ccm_officer, activity), add(ccm_officer, activity, "month",
                                                                 2),
                                add(ccm_officer, activity, "month", 4))
    first_quarter = Period(THIS_YEAR, "quarter", 1)
    assert set(ProgressUpdate.objects.in_period(first_quarter)) == {quarter, february}
    assert set(ProgressUpdate.objects.in_period(Period(THIS_YEAR, "month", 2))) == {
        quarter, february}
    assert set(ProgressUpdate.objects.in_period(Period(THIS_YEAR, "month", 4))) == {april}
    assert list(ProgressUpdate.objects.of_period(first_quarter)) == [quarter]


def test_each_results_latest_update_is_that_of_its_newest_period(ccm_officer, plan):
    first, second = activities(plan)[:2]
    add(ccm_officer, first, "quarter", 1)
    march = add(ccm_officer, first, "month", 3)  # ends with the first quarter, narrower
    only = add(ccm_officer, second, "quarter", 1)
    assert set(ProgressUpdate.objects.for_plan(plan).latest_per_row()) == {march, only}


def test_an_indicators_values_add_up_and_the_latest_is_the_newest_period(ccm_officer, plan):
    indicator = hand_indicator(plan)
    for number, amount in [(1, 2), (2, 3)]:
        IndicatorValue.objects.create(indicator=indicator, author=ccm_officer, year=THIS_YEAR,
                                      period_kind="month", period_number=number,
                                      value=amount, source_en="Records")
    values = IndicatorValue.objects.for_plan(plan)
    assert values.totals() == {indicator.pk: 5}
    assert [v.period_number for v in values.latest_per_indicator()] == [2]


def test_a_plans_results_show_what_has_no_update_for_the_period(ccm_officer, plan):
    first, *others = activities(plan)
    add(ccm_officer, first, "month", 2, status="done")
    [progress] = plan_progress([plan], Period(THIS_YEAR, "quarter", 1))
    assert [r.number for r in progress.results("outcome")] == ["1"]
    assert [r.number for r in progress.results("activity")] == ["1.1.1", "1.1.2", "", ""]
    assert progress.without_update() == progress.results("activity")[1:]
    assert progress.results("activity")[0].latest.status == "done"
    assert [r.row for r in progress.without_update()] == others
    [later] = plan_progress([plan], Period(THIS_YEAR, "quarter", 2))
    assert len(later.without_update()) == 4 and later.results("activity")[0].latest


def test_reading_plans_costs_the_same_whatever_their_size(ccm_officer, ccm):
    small, large = adopted_plan(areas=1), adopted_plan(year=THIS_YEAR - 1, outcomes=5, outputs=3,
                                                activities=4, areas=3)
    for plan in (small, large):
        for activity in activities(plan):
            add(ccm_officer, activity)
    counts = []
    for plans in ([small], [large], [small, large]):
        with CaptureQueriesContext(connection) as queries:
            plan_progress(plans, Period(THIS_YEAR, "quarter", 1), indicators=False)
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2]


def test_a_period_reads_from_an_address_and_back():
    assert period_from_slug("2026-q4") == Period(2026, "quarter", 4)
    assert period_from_slug("2026-m11") == Period(2026, "month", 11)
    assert period_slug(Period(2026, "month", 11)) == "2026-m11"
    assert [period_from_slug(bad) for bad in ("2026-q5", "2026-m0", "26-q1", "x", "", None,
                                              "2026-q" + "9" * 5000)] == [None] * 7
