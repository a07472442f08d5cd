"""A plan's budget closes its budget chapter (budgets answers workplans' plan_budget), on the
plan's page and in its document."""

from meetings.rendering import body_html
from tests import factories
from workplans.models import Chapter, WorkPlan
from workplans.rendering import fetch_plan, plan_body_html


def test_the_budget_table_closes_the_plans_budget_chapter(ccm):
    plan = factories.plan("CCM", 2018)
    factories.chapter(plan, "Budget", kind=Chapter.Kind.BUDGET)
    factories.budget(plan, lines=[("salaries", "345054")])
    body = plan_body_html(fetch_plan(pk=plan.pk), "en")
    assert 'class="budget-table"' in body and "ISU budget for 2018" in body


def test_the_budget_is_in_the_body_of_the_plans_document(ccm):
    document = factories.document(factories.meeting("CCM", "msp", 7), number=4, body="work_plan")
    plan = factories.plan("CCM", 2018, document=document)
    factories.chapter(plan, "Budget", kind=Chapter.Kind.BUDGET)
    factories.budget(plan, lines=[("salaries", "345054")])
    factories.set_status(plan, WorkPlan.Status.PUBLISHED)
    assert 'class="budget-table"' in body_html(document, "en")

