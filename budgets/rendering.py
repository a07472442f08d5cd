"""The budget chapter of a work plan: on the public page its table and charts; in the official
document the table alone, as adopted (no charts, no actual expenditure)."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from budgets import charts
from budgets.figures import budget_prefetches, compute
from budgets.models import Budget
from budgets.table import budget_table, document_table
from lib.money import format_money


def _plan_figures(plan):
    return [compute(b) for b in Budget.objects.filter(plan=plan).order_by("year")
            .prefetch_related(*budget_prefetches())]


def plan_budget_html(plan, language, for_pdf=False):
    budgets = _plan_figures(plan)
    if for_pdf:
        return render_to_string("pdf/_budget.html", {
            "tables": [document_table(figures, language) for figures in budgets]})
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


def budget_summary_text(plan, language):
    """What the plan's summary prints after "Budget:": the total of its one budget ("465,440
    瑞郎"); nothing for a plan of several years, whose budgets each have their table."""
    budgets = list(Budget.objects.filter(plan=plan)[:2])
    if len(budgets) != 1:
        return ""
    return format_money(compute(Budget.objects.prefetch_related(*budget_prefetches())
                                .get(pk=budgets[0].pk)).total, language)
