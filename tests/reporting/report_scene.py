"""An adopted CCM plan of this year with a budget, staff, records of the year and the next Meeting
of States Parties, for the annual report to be drafted from."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

from budgets import spending
from budgets.models import Line, StaffPosition
from meetings.models import IsuActivity
from reporting.services import record_progress
from tests import factories
from tests.reporting.plans import THIS_YEAR, activities, committee_meeting, progress
from workplans.models import Activity, ThematicArea, WorkPlan

# The report reads the whole year, whatever the day the tests run.
YEAR_END = date(THIS_YEAR, 12, 31)


def adopted_plan_with_budget(outcomes=2, areas=0):
    """A CCM plan of this year adopted at last year's meeting, with its official document, a
    budget of two lines and its staff."""
    held = factories.meeting("CCM", "msp", 7, start=date(THIS_YEAR - 1, 9, 4),
                             end=date(THIS_YEAR - 1, 9, 6))
    plan = factories.plan("CCM", THIS_YEAR, outcomes=outcomes, outputs=1, activities=2,
                          main_objective_en="To support States Parties in implementing the "
                                            "Convention.",
                          main_objective_zh_hans="支持缔约国执行《公约》。")
    for i in range(1, areas + 1):
        area = ThematicArea.objects.create(plan=plan, position=i, title_en=f"Area {i}",
                                           title_zh_hans=f"领域{i}")
        for k in (1, 2):
            Activity.objects.create(thematic_area=area, position=k, text_en=f"Matrix {i}.{k}",
                                    text_zh_hans=f"矩阵活动{i}.{k}")
    plan.document = factories.document(held, number=4, body="work_plan", issued=False,
                                       title_en="ISU work plan and budget",
                                       title_zh_hans="执行支助股工作计划和预算")
    plan.adopted_at, plan.adopted_on = held, held.end_date
    plan.save()
    budget = factories.budget(plan, lines=[("salaries", "300000"), ("travel", "40000")])
    StaffPosition.objects.create(budget=budget, position=1, title_en="Director",
                                 title_zh_hans="股长", fte=Decimal(1))
    StaffPosition.objects.create(budget=budget, position=2, title_en="Assistant",
                                 title_zh_hans="助理", fte=Decimal("0.5"))
    return factories.set_status(plan, WorkPlan.Status.ADOPTED)


def next_meeting(code="CCM", ordinal=8):
    return factories.meeting(code, "msp", ordinal, start=date(THIS_YEAR, 9, 2),
                             end=date(THIS_YEAR, 9, 4))


def mission(code="CCM", starts_on=None, country="SN"):
    starts_on = starts_on or date(THIS_YEAR, 2, 9)
    return IsuActivity.objects.create(
        convention=factories.convention(code), kind="mission", starts_on=starts_on,
        ends_on=starts_on, country=country, description_en="Support mission")


def spend(user, plan, code, quarter, spent):
    budget = plan.budgets.get()
    line = Line.objects.get(budget=budget, category__code=code)
    row, form = spending.record(user, plan.pk, budget.pk, "expenditure", {
        "line": line.pk, "period": f"{THIS_YEAR}-quarter-{quarter}", "spent": spent,
        "committed": spent})
    if row is None:
        raise ValidationError(form.errors.as_text())
    return row


def record(user, plan, index=0, **changes):
    """Progress on the plan's activity `index` (an under way first quarter by default)."""
    activity = activities(plan)[index]
    return record_progress(user, plan.pk, "activity", activity.pk, progress(**changes))


def committee_meetings(count, code="CCM"):
    return [committee_meeting(code, date(THIS_YEAR, 1 + i % 12, 10)) for i in range(count)]
