from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from budgets import exports, spending
from budgets.figures import budget_prefetches, compute
from budgets.models import Budget
from isu.roles import convention_ids_for

FORMATS = {
    "csv": ("text/csv; charset=utf-8", exports.as_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             exports.as_xlsx),
}


def export(request, pk, extension):
    """The budget of a published plan for everyone; of a draft for its convention's staff."""
    budget = get_object_or_404(
        Budget.objects.visible_to(request.user).select_related("plan__convention")
        .prefetch_related(*budget_prefetches()), pk=pk,
    )
    content_type, render = FORMATS[extension]
    response = HttpResponse(render(compute(budget)), content_type=content_type)
    name = f"{budget.plan.convention.code}-ISU-budget-{budget.year}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def spending_export(request, pk, extension):
    """A budget's spending, for its convention's staff only: the records name who made them,
    and the public reads the spending of a plan in the progress the head of the ISU publishes
    through a quarter (reporting/publishing.py). Anyone else gets a 404."""
    budget = get_object_or_404(
        Budget.objects.filter(plan__convention__in=convention_ids_for(request.user))
        .select_related("plan__convention").prefetch_related(*spending.prefetches()), pk=pk,
    )
    spending.link_rows(budget)
    figures = compute(budget)
    periods = spending.recorded_periods(budget)
    by_period = spending.spent_by_period(budget)
    if extension == "csv":
        content = exports.spending_as_csv(figures, periods, by_period)
    else:
        content = exports.spending_as_xlsx(
            figures, periods, by_period, spending.expenditures(budget),
            budget.reallocations.all(), budget.carry_forwards.all())
    response = HttpResponse(content, content_type=FORMATS[extension][0])
    name = f"{budget.plan.convention.code}-ISU-spending-{budget.year}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
