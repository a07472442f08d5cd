"""The budget chapter of a work plan: the table as the document prints it, and its charts."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from budgets import charts
from budgets.figures import budget_prefetches, compute
from budgets.models import Budget
from budgets.table import budget_table


def plan_budget_html(plan, language, for_pdf=False):
    budgets = [compute(b) for b in Budget.objects.filter(plan=plan).order_by("year")
               .prefetch_related(*budget_prefetches())]
    sections = []
    for figures in budgets:
        header, rows = budget_table(figures, language)
        with_actuals = any(line.actual is not None for line in figures.lines)
        sections.append({
            "figures": figures, "header": header, "rows": rows,
            "by_category": charts.horizontal_bars(
                [(label, [amount]) for label, amount in figures.by_category()],
                [_("Budget")], language, _("Budget by category")),
            "budget_vs_actual": charts.horizontal_bars(
                [(line.label, [line.amount, line.actual]) for line in figures.lines],
                [_("Budget"), _("Actual")], language, _("Budget and actual expenditure"),
            ) if with_actuals else None,
        })
    return render_to_string("budgets/_budget_section.html",
                            {"sections": sections, "for_pdf": for_pdf})
