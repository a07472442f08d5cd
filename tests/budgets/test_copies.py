"""A plan's budgets follow it into the next period and into a revision."""

from decimal import Decimal

from budgets.figures import compute, fetch
from budgets.models import Budget, Line
from tests import factories
from workplans.models import WorkPlan
from workplans.services import clone_into_next_period, start_revision


def test_cloning_a_plan_carries_its_budget_into_the_next_year(ccm):
    plan = factories.plan("CCM", 2018)
    budget = factories.budget(plan, groups=["Staff"],
                              lines=[("salaries", "345054", 0), ("social_security", "1", 0)])
    salaries, social = budget.lines.order_by("position")
    social.amount, social.rule_rate, social.rule_base = None, Decimal(20), salaries
    social.save()
    clone = clone_into_next_period(plan)
    copy = Budget.objects.get(plan=clone)
    assert copy.year == 2019
    assert compute(fetch(copy.pk)).total == compute(fetch(budget.pk)).total == Decimal(414065)
    copied_social = Line.objects.get(budget=copy, category__code="social_security")
    assert copied_social.rule_base.budget_id == copy.pk
    assert copied_social.group.budget_id == copy.pk


def test_a_multi_year_plan_carries_every_years_budget(ccm):
    plan = factories.plan("CCM", 2016, end_year=2020)
    for year in range(2016, 2021):
        factories.budget(plan, year=year, lines=[("salaries", str(year))])
    clone = clone_into_next_period(plan)
    assert sorted(Budget.objects.filter(plan=clone).values_list("year", flat=True)) == [
        2021, 2022, 2023, 2024, 2025]


def test_a_revision_carries_the_budget_of_the_plan_it_revises(ccm, ccm_officer):
    document = factories.document(factories.meeting("CCM", "msp", 7), number=4, body="work_plan")
    plan = factories.plan("CCM", 2018, document=document)
    factories.budget(plan, lines=[("salaries", "345054")])
    factories.set_status(plan, WorkPlan.Status.PUBLISHED)
    revision = start_revision(plan, "Rev", ccm_officer)
    copy = Budget.objects.get(plan=revision)
    assert copy.year == 2018
    assert compute(fetch(copy.pk)).total == Decimal(345054)
