"""A new budget with its first lines, in one submission: rows of a form, each a category, its
label, an amount or a rule (a percentage of an earlier row); blank rows left out; a wrong row
explained on that row, and nothing saved; more rows on request, without JavaScript."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation

from budgets import editing
from budgets.figures import compute, fetch
from budgets.models import Budget, Category, Line
from tests import factories
from tests.forms import posted_values
from workplans.models import WorkPlan


@pytest.fixture
def plan(ccm):
    """A draft plan for 2019–2020 with a budget for 2019: 2020 has none."""
    plan = factories.plan("CCM", 2019, end_year=2020)
    factories.budget(plan, lines=[("travel", "37000")])
    return plan


def category(code):
    return Category.objects.get_or_create(code=code, defaults={
        "title_en": code.replace("_", " ").capitalize(), "title_zh_hans": code})[0]


@pytest.fixture
def salaries(db):
    return category("salaries")


@pytest.fixture
def travel(db):
    return category("travel")


@pytest.fixture
def support(db):
    return category("other_support")


def lines_of(plan, year):
    budget = Budget.objects.get(plan=plan, year=year)
    return [(line.label or line.category.code, line.amount, line.rule_rate,
             line.rule_base and line.rule_base.category.code)
            for line in Line.objects.filter(budget=budget).select_related("rule_base__category")]


def total(plan, year):
    return compute(fetch(Budget.objects.get(plan=plan, year=year).pk)).total


def nothing_for_2020(plan):
    return not Budget.objects.filter(plan=plan, year=2020).exists()


# -- services, without any view -------------------------------------------------------------

def test_a_budget_comes_with_its_lines_and_a_rule_in_one_call(ccm_officer, plan, salaries,
                                                             travel, support):
    editing.create_budget(ccm_officer, plan.pk, 2020, lines=[
        {"category": salaries.pk, "amount": "320,000"},
        {},
        {"category": travel.pk, "amount": "45000", "label_en": "", "rule_rate": ""},
        {"category": support.pk, "label_en": "Programme support costs",
         "label_zh_hans": "方案支助费用", "rule_rate": "13", "rule_row": "1"},
    ])
    assert lines_of(plan, 2020) == [
        ("salaries", Decimal("320000"), None, None),
        ("travel", Decimal("45000"), None, None),
        ("Programme support costs", None, Decimal("13"), "salaries"),
    ]
    assert [line.position for line in Line.objects.filter(budget__year=2020)] == [1, 2, 3]
    assert total(plan, 2020) == Decimal("406600")  # 320,000 + 45,000 + 13% of 320,000


def test_a_budget_without_lines_is_still_created_empty(ccm_officer, plan):
    created = editing.create_budget(ccm_officer, plan.pk, 2020, lines=[{}, {"amount": " "}])
    assert created.year == 2020 and not created.lines.exists()


def test_a_wrong_row_is_explained_on_that_row_and_nothing_is_saved(ccm_officer, plan, salaries,
                                                                    travel):
    rows = [{"category": salaries.pk, "amount": "320000"},
            {"category": travel.pk, "amount": "-5"},
            {"category": travel.pk},
            {"label_en": "Travel", "amount": "5"},
            {"category": "999999", "amount": "5"},
            {"category": travel.pk, "rule_rate": "13"}]
    with pytest.raises(editing.BadLines) as refused:
        editing.create_budget(ccm_officer, plan.pk, 2020, lines=rows)
    forms = refused.value.forms
    assert [form.number for form in forms] == [1, 2, 3, 4, 5, 6]
    assert not forms[0].errors
    assert forms[1].errors["amount"] == ["An amount cannot be negative."]
    assert forms[2].non_field_errors() == ["Enter an amount, or a percentage of another line."]
    assert forms[3].errors["category"] == ["This field is required."]
    assert "category" in forms[4].errors
    assert forms[5].non_field_errors() == ["A rule needs both its percentage and its line."]
    assert nothing_for_2020(plan)


def test_a_rule_refers_to_an_earlier_row_that_is_filled_in(ccm_officer, plan, salaries, travel,
                                                           support):
    rows = [{"category": salaries.pk, "rule_rate": "13", "rule_row": "2"},
            {"category": travel.pk, "amount": "45000"},
            {},
            {"category": support.pk, "rule_rate": "10", "rule_row": "3"},
            {"category": support.pk, "rule_rate": "10", "rule_row": "5"},
            {"category": support.pk, "rule_rate": "10", "rule_row": "2"}]
    with pytest.raises(editing.BadLines) as refused:
        editing.create_budget(ccm_officer, plan.pk, 2020, lines=rows)
    forms = refused.value.forms
    assert forms[0].errors["rule_row"] == ["A rule refers to an earlier row of this form."]
    assert forms[3].errors["rule_row"] == ["Row 3 is blank: a rule refers to a filled-in row."]
    assert forms[4].errors["rule_row"] == ["A rule refers to an earlier row of this form."]
    assert not forms[1].errors and not forms[5].errors
    assert nothing_for_2020(plan)


def test_errors_speak_the_users_language(ccm_officer, plan, travel):
    with translation.override("zh-hans"):
        with pytest.raises(editing.BadLines) as refused:
            editing.create_budget(ccm_officer, plan.pk, 2020,
                                  lines=[{"category": travel.pk, "amount": "-5"},
                                         {"category": travel.pk}])
        forms = refused.value.forms
        assert forms[0].errors["amount"] == ["金额不能为负数。"]
        assert forms[1].non_field_errors() == ["请填写金额，或填写另一项目的百分比。"]


def test_scope_lock_and_year_are_checked_with_lines_as_without(ccm_officer, apmbc_officer, plan,
                                                               travel):
    rows = [{"category": travel.pk, "amount": "5"}]
    with pytest.raises(Http404):
        editing.create_budget(apmbc_officer, plan.pk, 2020, lines=rows)
    with pytest.raises(ValidationError, match="within the work plan's period"):
        editing.create_budget(ccm_officer, plan.pk, 2024, lines=rows)
    with pytest.raises(ValidationError, match="already has a budget"):
        editing.create_budget(ccm_officer, plan.pk, 2019, lines=rows)
    factories.set_status(plan, WorkPlan.Status.SUBMITTED)
    with pytest.raises(PermissionDenied, match="only a draft work plan can be changed"):
        editing.create_budget(ccm_officer, plan.pk, 2020, lines=rows)
    assert nothing_for_2020(plan) and Line.objects.filter(budget__plan=plan).count() == 1


# -- views, without JavaScript --------------------------------------------------------------

def new_budget_form(page):
    return posted_values(page.split('id="new-budget">')[1].split("</form>")[0])


def test_a_budget_and_its_lines_are_created_in_one_submission_without_javascript(
        as_user, ccm_officer, plan, salaries, travel, support):
    client = as_user(ccm_officer)
    add = f"/workspace/plans/{plan.pk}/budgets/add/"
    page = client.get(f"/workspace/plans/{plan.pk}/").content.decode()
    data = new_budget_form(page)
    assert data["year"] == "2020" and data["rows"] == str(editing.NEW_ROWS)
    # A browser does not hold the form back for its blank rows.
    assert " required" not in page.split('id="new-budget">')[1].split("</form>")[0]
    data |= {"line-1-category": salaries.pk, "line-1-amount": "320,000",
             "line-3-category": travel.pk, "line-3-amount": "45000"}

    # More rows: the form again, what was typed kept, the rows above offered to a rule.
    more = client.post(add, data | {"more": "1"})
    page = more.content.decode()
    assert more.status_code == 200 and nothing_for_2020(plan)
    data = new_budget_form(page)
    assert data["rows"] == str(2 * editing.NEW_ROWS)
    assert data["line-1-amount"] == "320,000" and data["line-3-category"] == str(travel.pk)
    assert '<option value="1">1 · Salaries</option>' in page.split('name="line-9-rule_row"')[1]

    # A wrong row: shown again with its error, the rest kept, nothing saved.
    data |= {"line-9-category": support.pk, "line-9-label_en": "Programme support costs",
             "line-9-rule_rate": "13", "line-9-rule_row": "1"}
    wrong = client.post(add, data | {"line-10-category": travel.pk})
    page = wrong.content.decode()
    assert wrong.status_code == 400 and nothing_for_2020(plan)
    assert "Nothing was saved: some lines have errors, shown on their rows." in page
    assert "Enter an amount, or a percentage of another line." in page
    assert new_budget_form(page)["line-9-label_en"] == "Programme support costs"

    created = client.post(add, data)
    budget = Budget.objects.get(plan=plan, year=2020)
    assert created["Location"] == f"/workspace/plans/{plan.pk}/budgets/{budget.pk}/"
    assert [row[0] for row in lines_of(plan, 2020)] == [
        "salaries", "travel", "Programme support costs"]
    assert total(plan, 2020) == Decimal("406600")


def test_the_new_budgets_page_is_refused_to_others_and_on_a_locked_plan(
        as_user, ccm_officer, apmbc_officer, plan):
    add = f"/workspace/plans/{plan.pk}/budgets/add/"
    assert as_user(apmbc_officer).get(add).status_code == 404
    client = as_user(ccm_officer)
    assert 'name="line-6-category"' in client.get(add).content.decode()
    factories.set_status(plan, WorkPlan.Status.SUBMITTED)
    refused = client.post(add, {"year": "2020", "more": "1"}, follow=True)
    assert "only a draft work plan can be changed" in refused.content.decode()
    assert nothing_for_2020(plan)
