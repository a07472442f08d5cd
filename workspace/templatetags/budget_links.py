"""{% budget_links plan as links %}: the plan's budgets and the years that have none, in one
query (the plan page's include workspace/_budget_links.html)."""

from django import template

from budgets.models import Budget

register = template.Library()


@register.simple_tag
def budget_links(plan):
    budgets = list(Budget.objects.filter(plan=plan).order_by("year").only("pk", "year"))
    taken = {budget.year for budget in budgets}
    return {"budgets": budgets,
            "free_years": [year for year in range(plan.start_year, plan.end_year + 1)
                           if year not in taken]}
