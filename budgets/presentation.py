"""What a budget page shows: the document table, the charts, budget vs actual, the change from
the year before, the reserves and funding in other currencies; in the active language."""

from django.utils import translation
from django.utils.translation import gettext as _

from budgets import charts
from budgets.figures import (
    budget_prefetches,
    chf_equivalent,
    compare,
    compute,
    fetch,
    reserve_status,
)
from budgets.models import Budget, ForeignFunding, ReserveFund
from budgets.table import budget_table


def budget_overview(budget_id):
    language = translation.get_language()
    budget = fetch(budget_id)
    figures = compute(budget)
    convention = budget.plan.convention
    others = {b.year: compute(b) for b in Budget.objects.filter(plan__convention=convention)
              .exclude(pk=budget.pk).prefetch_related(*budget_prefetches())}
    others[budget.year] = figures
    years = sorted(others)
    header, rows = budget_table(figures, language)
    previous = others.get(budget.year - 1)
    funds = ReserveFund.objects.filter(convention=convention).prefetch_related("balances")
    with_actuals = [line for line in figures.lines if line.actual is not None]
    return {
        "figures": figures,
        "table_header": header,
        "table_rows": rows,
        "by_category": charts.horizontal_bars(
            [(label, [amount]) for label, amount in figures.by_category()],
            [_("Budget")], language, _("Budget by category")),
        "across_years": charts.columns(
            [(year, others[year].total) for year in years], language,
            _("%(convention)s ISU budget across years") % {"convention": convention.code}),
        "budget_vs_actual": charts.horizontal_bars(
            [(line.label, [line.amount, line.actual]) for line in figures.lines],
            [_("Budget"), _("Actual")], language, _("Budget and actual expenditure"),
        ) if with_actuals else None,
        "previous_year": budget.year - 1,
        "comparison": compare(previous, figures) if previous else None,
        "reserves": [reserve_status(fund, figures) for fund in funds],
        "foreign_funding": [
            (funding, chf_equivalent(funding))
            for funding in ForeignFunding.objects.filter(
                convention=convention, start_year__lte=budget.year, end_year__gte=budget.year)
        ],
    }
