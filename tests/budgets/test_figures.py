"""Every budget figure is computed from the lines: totals, subtotals, rules, variances."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgets.figures import compare, compute, fetch
from budgets.models import Group, Line
from budgets.table import budget_table
from tests import factories


@pytest.fixture
def apmbc_2026(apmbc):
    plan = factories.plan("APMBC", 2026)
    return factories.budget(
        plan, groups=["Staff costs", "Travel and other support"],
        lines=[("salaries", "568386", 0), ("social_security", "110835", 0),
               ("travel", "50000", 1), ("other_support", "40000", 1)])


def test_subtotals_and_the_total_follow_the_lines(apmbc_2026):
    figures = compute(fetch(apmbc_2026.pk))
    assert [item.amount for item in figures.items] == [Decimal("679221"), Decimal("90000")]
    assert figures.total == Decimal("769221")


def test_changing_one_line_changes_every_total_and_the_document_table(apmbc_2026):
    Line.objects.filter(budget=apmbc_2026, category__code="travel").update(amount=Decimal(60000))
    figures = compute(fetch(apmbc_2026.pk))
    assert (figures.items[1].amount, figures.total) == (Decimal(100000), Decimal(779221))
    _header, rows = budget_table(figures, "en")
    assert [(r.kind, r.amount) for r in rows if r.kind != "line"] == [
        ("subtotal", "CHF 679,221"), ("subtotal", "CHF 100,000"), ("total", "CHF 779,221")]
    _header, rows = budget_table(figures, "zh-hans")
    assert rows[-1].amount == "779,221 瑞郎"


def test_subtotals_can_nest_but_never_contain_themselves(apmbc_2026):
    staff, travel = apmbc_2026.groups.all()
    travel.parent = staff
    travel.full_clean()
    travel.save()
    assert compute(fetch(apmbc_2026.pk)).items[0].amount == Decimal(769221)
    staff.parent = travel
    with pytest.raises(ValidationError) as error:
        staff.full_clean()
    assert "cannot contain itself" in str(error.value)
    other_budget = factories.budget(factories.plan("APMBC", 2027), groups=["Elsewhere"])
    travel.parent = Group.objects.get(budget=other_budget)
    with pytest.raises(ValidationError):
        travel.full_clean()


def test_a_line_can_follow_a_stated_rule_of_another_line(ccm):
    budget = factories.budget(factories.plan("CCM", 2018),
                              lines=[("salaries", "345054"), ("social_security", "1")])
    salaries, social = budget.lines.order_by("position")
    social.amount, social.rule_rate, social.rule_base = None, Decimal(20), salaries
    social.full_clean()
    social.save()
    figures = compute(fetch(budget.pk))
    # 20% of 345,054 = 69,010.80, rounded to whole francs, half up.
    assert [line.amount for line in figures.lines] == [Decimal("345054"), Decimal("69011")]
    salaries.amount = Decimal(350000)
    salaries.save()
    assert compute(fetch(budget.pk)).total == Decimal(420000)


def test_an_entered_amount_is_kept_beside_the_rule_it_departs_from(ccm):
    """Seed 000 states 20% of salaries but prints 63,386: both are kept and shown."""
    budget = factories.budget(factories.plan("CCM", 2018),
                              lines=[("salaries", "345054"), ("social_security", "63386")])
    salaries, social = budget.lines.order_by("position")
    social.rule_rate, social.rule_base = Decimal(20), salaries
    social.save()
    line = compute(fetch(budget.pk)).lines[1]
    assert (line.amount, line.rule_amount) == (Decimal(63386), Decimal(69011))


def test_a_line_cannot_be_derived_from_itself(ccm):
    budget = factories.budget(factories.plan("CCM", 2018),
                              lines=[("salaries", "100"), ("social_security", "20")])
    salaries, social = budget.lines.order_by("position")
    social.rule_rate, social.rule_base = Decimal(20), salaries
    social.save()
    salaries.rule_rate, salaries.rule_base = Decimal(10), social
    with pytest.raises(ValidationError) as error:
        salaries.full_clean()
    assert "derived from itself" in str(error.value)


def test_budget_against_actual_gives_variance_and_percentage(ccm):
    budget = factories.budget(factories.plan("CCM", 2018),
                              lines=[("travel", "37000"), ("other_support", "10000")])
    budget.lines.filter(category__code="travel").update(actual=Decimal(39870))
    figures = compute(fetch(budget.pk))
    travel = figures.lines[0]
    assert (travel.variance, travel.variance_percent) == (Decimal(2870), Decimal("7.8"))
    assert figures.actual_total is None  # one line has no actual yet
    budget.lines.filter(category__code="other_support").update(actual=Decimal(9215))
    figures = compute(fetch(budget.pk))
    assert (figures.actual_total, figures.variance, figures.variance_percent) == (
        Decimal(49085), Decimal(2085), Decimal("4.4"))


def test_year_over_year_compares_line_by_line(ccm):
    before = factories.budget(factories.plan("CCM", 2018),
                              lines=[("salaries", "345054"), ("travel", "37000")])
    after = factories.budget(factories.plan("CCM", 2019),
                             lines=[("salaries", "352000"), ("other_support", "12000")])
    rows = compare(compute(fetch(before.pk)), compute(fetch(after.pk)))
    assert [(r.before, r.after, r.change, r.change_percent) for r in rows] == [
        (Decimal(345054), Decimal(352000), Decimal(6946), Decimal("2.0")),
        (Decimal(37000), None, Decimal(-37000), Decimal("-100.0")),
        (None, Decimal(12000), Decimal(12000), None),
        (Decimal(382054), Decimal(364000), Decimal(-18054), Decimal("-4.7")),
    ]
    assert rows[-1].is_total
