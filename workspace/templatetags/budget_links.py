"""{% budget_links plan editable new_budget as links %}: the plan's budgets and the years that
have none, in one query (the plan page's include workspace/_budget_links.html); where the plan
is `editable` and a year is free, the new budget's form: its rows for the first lines, blank or
as `new_budget` gives them ({"year", "lines", "error"}), with the categories in one more."""

from django import template

from budgets import editing
from budgets.models import Budget

register = template.Library()


@register.simple_tag
def budget_links(plan, editable=False, new_budget=None):
    budgets = list(Budget.objects.filter(plan=plan).order_by("year").only("pk", "year"))
    taken = {budget.year for budget in budgets}
    links = {"budgets": budgets,
             "free_years": [year for year in range(plan.start_year, plan.end_year + 1)
                            if year not in taken],
             "year": None, "lines": [], "error": ""}
    links |= new_budget or {}
    if editable and links["free_years"] and not links["lines"]:
        links["lines"] = editing.new_line_forms([{}] * editing.NEW_ROWS)
    return links
