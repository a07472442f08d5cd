from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from budgets import exports
from budgets.figures import budget_prefetches, compute
from budgets.models import Budget

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
