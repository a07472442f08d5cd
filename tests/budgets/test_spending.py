"""Spending against a budget, written through budgets/spending.py without a page: expenditure by
line and period, reallocations between lines and the carry-forward, with the rules of scope,
lock, ownership, periods, amounts and conflicts; and the figures that follow (revised budget,
variance, forecast, actual expenditure, funds available), which change as the records do."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from budgets import editing, spending
from budgets.figures import compute, fetch
from budgets.models import Expenditure, Line, Reallocation
from tests import factories
from workplans.models import WorkPlan

PUBLISHED = WorkPlan.Status.PUBLISHED


@pytest.fixture
def budget(ccm):
    """The CCM 2018 budget of a published plan: salaries 345,054, travel 37,000,
    communication 10,000 (CHF 392,054)."""
    plan = factories.plan("CCM", 2018)
    budget = factories.budget(plan, lines=[("salaries", "345054"), ("travel", "37000"),
                                           ("communication", "10000")])
    factories.set_status(plan, PUBLISHED)
    return budget


def line(budget, code):
    return Line.objects.get(budget=budget, category__code=code)


def figures(budget):
    return compute(fetch(budget.pk))


def figure(budget, code):
    return next(f for f in figures(budget).lines if f.line.category.code == code)


def spend(user, budget, code, period, spent, committed="0", **more):
    """Record a line's spending for a period ("2018-quarter-1"); the form's errors are raised."""
    today = more.pop("today", None)
    data = {"line": line(budget, code).pk, "period": period, "spent": spent,
            "committed": committed, **more}
    row, form = spending.record(user, budget.plan_id, budget.pk, "expenditure", data,
                                today=today)
    if row is None:
        raise ValidationError(form.errors.as_text())
    return row


def move(user, budget, source, target, amount, **more):
    data = {"from_line": line(budget, source).pk, "to_line": line(budget, target).pk,
            "amount": amount, "decided_on": "2018-06-01", "reason_en": "Travel costs rose",
            **more}
    return spending.record(user, budget.plan_id, budget.pk, "reallocation", data)


def errors(result):
    row, form = result
    assert row is None or form.errors, "the record was expected to be refused"
    return " ".join(message for messages in form.errors.values() for message in messages)


def opened(user, budget, row):
    """What a record's form posts back unchanged, as it was opened."""
    fetched = spending.fetch(user, budget.plan_id, budget.pk)
    form = spending.edit_form(fetched, spending.own_row(fetched, spending.kind_of(row), row.pk))
    data = {name: form[name].value() for name in form.fields}
    return {name: "" if value is None else value for name, value in data.items()}


# -- recording and the figures that follow ----------------------------------------------------

def test_a_quarter_of_spending_shows_in_the_lines_figures(ccm_officer, budget):
    spend(ccm_officer, budget, "salaries", "2018-quarter-1", "84000", committed="1500",
          note_en="Three months of salaries")
    salaries = figure(budget, "salaries")
    assert (salaries.committed, salaries.spent, salaries.periods) == (
        Decimal(1500), Decimal(84000), 1)
    assert salaries.variance == Decimal(84000) - Decimal(345054)
    assert salaries.variance_percent == Decimal("-75.7")


def test_the_figures_change_when_a_record_is_corrected_or_deleted(ccm_officer, budget):
    row = spend(ccm_officer, budget, "travel", "2018-quarter-1", "9000")
    assert figures(budget).spent_total == Decimal(9000)
    data = opened(ccm_officer, budget, row) | {"spent": "12,500"}
    spending.correct(ccm_officer, budget.plan_id, budget.pk, "expenditure", row.pk, data)
    assert figures(budget).spent_total == Decimal(12500)
    row.refresh_from_db()
    spending.delete(ccm_officer, budget.plan_id, budget.pk, "expenditure", row.pk,
                    spending.version_of(row))
    assert figures(budget).spent_total == Decimal(0)
    assert not figures(budget).has_spending


def test_the_actual_expenditure_is_the_typed_figure_until_spending_is_recorded(ccm_officer,
                                                                              budget):
    Line.objects.filter(pk=line(budget, "travel").pk).update(actual=Decimal(39870))
    Line.objects.exclude(pk=line(budget, "travel").pk).update(actual=Decimal(1))
    assert figure(budget, "travel").actual == Decimal(39870)
    spend(ccm_officer, budget, "salaries", "2018-quarter-1", "80000")
    # Once any line's spending is recorded, every line's actual is what it spent.
    assert [f.actual for f in figures(budget).lines] == [Decimal(80000), Decimal(0), Decimal(0)]
    assert figures(budget).actual_total == Decimal(80000)


def test_the_forecast_extrapolates_the_spending_over_the_share_of_the_year_recorded(
        ccm_officer, budget):
    spend(ccm_officer, budget, "salaries", "2018-quarter-1", "86000")
    spend(ccm_officer, budget, "salaries", "2018-quarter-2", "86263.50")
    spend(ccm_officer, budget, "travel", "2018-month-2", "5000")
    # Records reach the end of June: six months of twelve.
    assert figures(budget).months_recorded == 6
    assert figure(budget, "salaries").forecast == Decimal(344527)  # 172,263.50 × 12 ÷ 6
    assert figure(budget, "travel").forecast == Decimal(10000)  # 5,000 × 2, whole francs
    # A line without a record forecasts its (revised) budget.
    assert figure(budget, "communication").forecast == Decimal(10000)
    assert figures(budget).forecast_total == Decimal(364527)


def test_a_forecast_given_with_the_latest_period_replaces_the_extrapolation(ccm_officer,
                                                                            budget):
    spend(ccm_officer, budget, "travel", "2018-quarter-1", "2000", forecast="36000")
    assert figure(budget, "travel").forecast == Decimal(36000)
    spend(ccm_officer, budget, "travel", "2018-quarter-2", "4000")
    assert figure(budget, "travel").forecast == Decimal(12000)  # the latest gave none


def test_once_december_is_recorded_the_forecast_is_what_was_spent(ccm_officer, budget):
    for quarter, amount in enumerate(("85000.40", "86000", "86500", "87000"), start=1):
        spend(ccm_officer, budget, "salaries", f"2018-quarter-{quarter}", amount)
    assert figure(budget, "salaries").forecast == Decimal("344500.40")


def test_a_reallocation_revises_both_lines_and_leaves_the_total(ccm_officer, budget):
    row, _form = move(ccm_officer, budget, "communication", "travel", "4000")
    assert row is not None
    travel, communication = figure(budget, "travel"), figure(budget, "communication")
    assert (travel.reallocated, travel.revised) == (Decimal(4000), Decimal(41000))
    assert (communication.reallocated, communication.revised) == (Decimal(-4000), Decimal(6000))
    assert figures(budget).revised_total == figures(budget).total == Decimal(392054)
    spend(ccm_officer, budget, "travel", "2018-quarter-4", "41000")
    assert figure(budget, "travel").variance == Decimal(0)  # against the revised budget


def test_the_carry_forward_adds_to_the_funds_available(ccm_officer, budget):
    for amount in ("12000", "3400.50"):
        row, form = spending.record(ccm_officer, budget.plan_id, budget.pk, "carry-forward",
                                    {"amount": amount, "reason_zh_hans": "2017 年未用余额"})
        assert row is not None, form.errors
    spend(ccm_officer, budget, "salaries", "2018-quarter-1", "80000")
    result = figures(budget)
    assert result.carried_forward == Decimal("15400.50")
    assert result.available == Decimal("407454.50")
    assert result.balance == Decimal("327454.50")


def test_the_figures_of_a_budget_cost_no_query_once_fetched(ccm_officer, budget):
    spend(ccm_officer, budget, "salaries", "2018-quarter-1", "80000")
    move(ccm_officer, budget, "communication", "travel", "100")
    fetched = spending.fetch(ccm_officer, budget.plan_id, budget.pk)
    with CaptureQueriesContext(connection) as queries:
        result = compute(fetched)
        read = [(f.revised, f.spent, f.forecast, f.variance) for f in result.lines]
        read.append((result.carried_forward, result.balance, result.forecast_total))
    assert len(queries) == 0
    assert read[-1] == (Decimal(0), Decimal(312054), Decimal(367000))  # 320,000 + 37,100 + 9,900


# -- scope, lock, ownership -------------------------------------------------------------------

def test_another_conventions_budget_is_a_404(apmbc_officer, budget):
    with pytest.raises(Http404):
        spend(apmbc_officer, budget, "travel", "2018-quarter-1", "100")
    with pytest.raises(Http404):
        spending.fetch(apmbc_officer, budget.plan_id, budget.pk)
    assert not Expenditure.objects.exists()


def test_a_budget_under_another_plan_is_a_404(ccm_officer, budget):
    other = factories.plan("CCM", 2019)
    with pytest.raises(Http404):
        spending.fetch(ccm_officer, other.pk, budget.pk)


@pytest.mark.parametrize("status", [WorkPlan.Status.DRAFT, WorkPlan.Status.SUBMITTED,
                                    WorkPlan.Status.ENDORSED])
def test_spending_waits_for_the_plan_to_be_adopted(ccm_officer, ccm, status):
    plan = factories.plan("CCM", 2018)
    budget = factories.budget(plan, lines=[("travel", "37000")])
    factories.set_status(plan, status)
    with pytest.raises(PermissionDenied) as refusal:
        spend(ccm_officer, budget, "travel", "2018-quarter-1", "100")
    assert "adopted" in str(refusal.value)
    assert not Expenditure.objects.exists()


def test_an_adopted_plan_takes_spending_before_it_is_published(ccm_officer, budget):
    factories.set_status(budget.plan, WorkPlan.Status.ADOPTED)
    assert spend(ccm_officer, budget, "travel", "2018-quarter-1", "100").pk


def test_a_plan_whose_revision_has_started_hands_its_spending_over(ccm_officer, ccm_head, ccm):
    from workplans.services import start_revision

    meeting = factories.meeting("CCM", "msp", 7)
    plan = factories.plan("CCM", 2018, document=factories.document(meeting, number=4,
                                                                   body="work_plan"))
    budget = factories.budget(plan, lines=[("salaries", "345054"), ("travel", "37000")])
    factories.set_status(plan, PUBLISHED)
    spend(ccm_officer, budget, "travel", "2018-quarter-1", "9000", note_en="Flights")
    move(ccm_officer, budget, "salaries", "travel", "2000")
    revision = start_revision(plan, "Rev", ccm_head)
    with pytest.raises(PermissionDenied) as refusal:
        spend(ccm_officer, budget, "travel", "2018-quarter-2", "100")
    assert "revision" in str(refusal.value)
    copy = revision.budgets.get()
    assert [(e.line.category.code, e.spent, e.note_en, e.recorded_by)
            for e in Expenditure.objects.filter(line__budget=copy)] == [
        ("travel", Decimal(9000), "Flights", ccm_officer)]
    assert figure(copy, "travel").revised == Decimal(39000)
    # A line with spending stays in the revision's draft budget.
    with pytest.raises(ValidationError) as refused:
        editing.delete_row(ccm_head, revision.pk, copy.pk, "line", line(copy, "travel").pk,
                           editing.version_of(line(copy, "travel")))
    assert "spending" in str(refused.value)


def test_a_line_of_another_budget_is_refused(ccm_officer, budget):
    other = factories.budget(factories.plan("CCM", 2019), lines=[("travel", "1")])
    stranger = Line.objects.get(budget=other)
    result = spending.record(ccm_officer, budget.plan_id, budget.pk, "expenditure", {
        "line": stranger.pk, "period": "2018-quarter-1", "spent": "10", "committed": "0"})
    assert "Choose a line of this budget." in errors(result)
    result = spending.record(ccm_officer, budget.plan_id, budget.pk, "reallocation", {
        "from_line": stranger.pk, "to_line": line(budget, "travel").pk, "amount": "1",
        "decided_on": "2018-06-01", "reason_en": "x"})
    assert "Choose a line of this budget." in errors(result)


def test_a_record_of_another_budget_is_a_404(ccm_officer, budget):
    other_plan = factories.plan("CCM", 2017)
    other = factories.budget(other_plan, lines=[("travel", "1000")])
    factories.set_status(other_plan, PUBLISHED)
    theirs = spend(ccm_officer, other, "travel", "2017-quarter-1", "10")
    with pytest.raises(Http404):
        spending.correct(ccm_officer, budget.plan_id, budget.pk, "expenditure", theirs.pk,
                         {"spent": "0"})
    with pytest.raises(Http404):
        spending.delete(ccm_officer, budget.plan_id, budget.pk, "expenditure", theirs.pk, "")


# -- periods ----------------------------------------------------------------------------------

def test_a_period_outside_the_budgets_year_is_refused(ccm_officer, budget):
    with pytest.raises(ValidationError) as refusal:
        spend(ccm_officer, budget, "travel", "2019-quarter-1", "100")
    assert "for a month or a quarter of 2018" in str(refusal.value)


def test_a_period_that_has_not_begun_is_refused(ccm_officer, budget):
    with pytest.raises(ValidationError) as refusal:
        spend(ccm_officer, budget, "travel", "2018-quarter-3", "100", today=date(2018, 6, 30))
    assert "Q3 2018 has not begun yet" in str(refusal.value)
    assert spend(ccm_officer, budget, "travel", "2018-quarter-3", "100",
                 today=date(2018, 7, 1)).pk


def test_a_period_that_does_not_exist_is_refused(ccm_officer, budget):
    for period in ("2018-quarter-5", "2018-month-13", "2018-week-2", "soon"):
        with pytest.raises(ValidationError):
            spend(ccm_officer, budget, "travel", period, "100")


def test_a_period_is_recorded_once_per_line_by_month_or_by_quarter(ccm_officer, budget):
    spend(ccm_officer, budget, "travel", "2018-quarter-1", "100")
    with pytest.raises(ValidationError) as refusal:
        spend(ccm_officer, budget, "travel", "2018-quarter-1", "50")
    assert "already recorded for Q1 2018: correct that record instead" in str(refusal.value)
    with pytest.raises(ValidationError) as refusal:
        spend(ccm_officer, budget, "travel", "2018-month-2", "50")
    assert "already recorded for Q1 2018, which overlaps February 2018" in str(refusal.value)
    assert spend(ccm_officer, budget, "salaries", "2018-month-2", "50").pk  # another line
    assert spend(ccm_officer, budget, "travel", "2018-month-4", "50").pk  # another quarter


# -- amounts ----------------------------------------------------------------------------------

def test_negative_amounts_are_refused_with_a_clear_message(ccm_officer, budget):
    for field in ("spent", "committed", "forecast"):
        values = {"spent": "100", "committed": "0", field: "-5"}
        result = spending.record(ccm_officer, budget.plan_id, budget.pk, "expenditure", {
            "line": line(budget, "travel").pk, "period": "2018-quarter-1", **values})
        assert "An amount cannot be negative." in errors(result), field
    result = spending.record(ccm_officer, budget.plan_id, budget.pk, "carry-forward",
                             {"amount": "-1", "reason_en": "Balance of 2017"})
    assert "An amount cannot be negative." in errors(result)
    assert not Expenditure.objects.exists()


def test_the_messages_are_in_the_users_language(ccm_officer, budget):
    with translation.override("zh-hans"):
        result = spending.record(ccm_officer, budget.plan_id, budget.pk, "expenditure", {
            "line": line(budget, "travel").pk, "period": "2018-quarter-1", "spent": "-1",
            "committed": "0"})
        message = errors(result)
    assert "金额不能为负数" in message


def test_a_carry_forward_needs_its_reason(ccm_officer, budget):
    result = spending.record(ccm_officer, budget.plan_id, budget.pk, "carry-forward",
                             {"amount": "1000"})
    assert "Enter the reason in Chinese or in English." in errors(result)


def test_a_reallocation_moves_more_than_nothing_between_two_lines_with_a_reason(ccm_officer,
                                                                                 budget):
    assert "greater than zero" in errors(move(ccm_officer, budget, "travel", "salaries", "0"))
    assert "from one line to another line" in errors(
        move(ccm_officer, budget, "travel", "travel", "10"))
    assert "Enter the reason" in errors(
        move(ccm_officer, budget, "travel", "salaries", "10", reason_en=""))
    assert "cannot be in the future" in errors(
        move(ccm_officer, budget, "travel", "salaries", "10", decided_on="2999-01-01"))
    assert not Reallocation.objects.exists()


def test_a_reallocation_larger_than_the_lines_revised_budget_is_refused(ccm_officer, budget):
    message = errors(move(ccm_officer, budget, "communication", "travel", "10000.01"))
    assert "has a revised budget of CHF 10,000: no more than that" in message
    move(ccm_officer, budget, "travel", "communication", "500")
    assert move(ccm_officer, budget, "communication", "travel", "10500")[0] is not None
    assert figure(budget, "communication").revised == Decimal(0)


def test_no_change_to_the_reallocations_leaves_a_line_below_zero(ccm_officer, budget):
    fed, _form = move(ccm_officer, budget, "salaries", "communication", "5000")
    onward, _form = move(ccm_officer, budget, "communication", "travel", "14000")
    # Taking back the 5,000 that the onward move relied on would leave communication at −5,000.
    with pytest.raises(ValidationError) as refusal:
        spending.delete(ccm_officer, budget.plan_id, budget.pk, "reallocation", fed.pk,
                        spending.version_of(fed))
    assert "below zero" in str(refusal.value)
    data = opened(ccm_officer, budget, fed) | {"amount": "3000"}
    _row, form = spending.correct(ccm_officer, budget.plan_id, budget.pk, "reallocation",
                                  fed.pk, data)
    assert "below zero" in " ".join(form.non_field_errors())
    assert figure(budget, "communication").revised == Decimal(1000)


# -- conflicts and history --------------------------------------------------------------------

def test_two_people_correcting_one_record_keep_both_values(ccm_officer, ccm_head, budget):
    row = spend(ccm_officer, budget, "travel", "2018-quarter-1", "9000")
    mine, theirs = opened(ccm_officer, budget, row), opened(ccm_head, budget, row)
    spending.correct(ccm_head, budget.plan_id, budget.pk, "expenditure", row.pk,
                     theirs | {"spent": "9100"})
    with pytest.raises(spending.Conflict) as conflict:
        spending.correct(ccm_officer, budget.plan_id, budget.pk, "expenditure", row.pk,
                         mine | {"spent": "9200"})
    assert conflict.value.row.spent == Decimal(9100)  # theirs, as stored
    assert conflict.value.form.data["spent"] == "9200"  # mine, kept in the form
    assert "changed by someone else" in str(conflict.value)
    row.refresh_from_db()
    assert row.spent == Decimal(9100)
    with pytest.raises(spending.Conflict):
        spending.delete(ccm_officer, budget.plan_id, budget.pk, "expenditure", row.pk,
                        mine["version"])
    assert Expenditure.objects.filter(pk=row.pk).exists()


def test_the_history_names_who_recorded_and_who_corrected(ccm_officer, ccm_head, budget):
    row = spend(ccm_officer, budget, "travel", "2018-quarter-1", "9000")
    spending.correct(ccm_head, budget.plan_id, budget.pk, "expenditure", row.pk,
                     opened(ccm_head, budget, row) | {"spent": "9100"})
    history = row.history.order_by("history_date")
    assert [(h.history_type, h.spent, h.history_user) for h in history] == [
        ("+", Decimal(9000), ccm_officer), ("~", Decimal(9100), ccm_head)]
    row.refresh_from_db()
    assert row.recorded_by == ccm_head
    spending.delete(ccm_head, budget.plan_id, budget.pk, "expenditure", row.pk,
                    spending.version_of(row))
    assert row.history.latest("history_date").history_type == "-"


def test_a_plans_spending_figures_come_in_a_fixed_number_of_queries(ccm_officer, budget):
    plan = budget.plan
    with CaptureQueriesContext(connection) as few:
        [result] = spending.plan_figures(plan.pk)
        read = [(f.spent, f.forecast) for f in result.lines] + [result.carried_forward]
    assert read[-1] == Decimal(0)
    for quarter in range(1, 5):
        for code in ("salaries", "travel", "communication"):
            spend(ccm_officer, budget, code, f"2018-quarter-{quarter}", "10")
    move(ccm_officer, budget, "salaries", "travel", "5")
    with CaptureQueriesContext(connection) as more:
        [result] = spending.plan_figures(plan.pk)
        records = [e.period for f in result.lines for e in f.line.expenditures.all()]
        moves = [(r.from_line.category.code, r.to_line.category.code)
                 for r in result.budget.reallocations.all()]
        moves.append(result.carried_forward)
    assert len(records) == 12 and result.spent_total == Decimal(120)
    assert moves == [("salaries", "travel"), Decimal(0)]
    assert len(few) == len(more) == 6


@pytest.mark.parametrize("kind", ["reallocation", "carry-forward"])
def test_a_form_sent_twice_records_once(ccm_officer, budget, kind):
    data = ({"from_line": line(budget, "salaries").pk, "to_line": line(budget, "travel").pk,
             "amount": "3000", "decided_on": "2018-06-01", "reason_en": "Travel costs rose"}
            if kind == "reallocation" else {"amount": "18400", "reason_en": "Unspent in 2017"})
    first, _form = spending.record(ccm_officer, budget.plan_id, budget.pk, kind, dict(data))
    assert first is not None
    message = errors(spending.record(ccm_officer, budget.plan_id, budget.pk, kind, dict(data)))
    assert "is already recorded: it is not recorded twice" in message
    assert spending.model_of(kind).objects.filter(budget=budget).count() == 1
    other = {**data, "amount": "2000"}
    assert spending.record(ccm_officer, budget.plan_id, budget.pk, kind, other)[0] is not None
