"""Budgets follow their plan when the plan is cloned into the next period or revised; a
correction or revision (the same plan for the same years) takes the spending recorded so far
with its budgets."""

from budgets.models import Budget, CarryForward, Expenditure, Reallocation
from workplans.tree import copy_row


def _in_dependency_order(rows, link):
    """Rows whose linked row (a parent subtotal, a rule's base line) comes before them."""
    ordered, placed, pending = [], set(), list(rows)
    while pending:
        ready = [r for r in pending if getattr(r, link) is None or getattr(r, link) in placed]
        if not ready:  # a loop cannot be saved in the first place; never spin on one
            break
        for row in ready:
            ordered.append(row)
            placed.add(row.pk)
            pending.remove(row)
    return ordered


def copy_budgets(source, new, years):
    """Copy each budget of `source` to `new`, moving its year as the plan's years move; a
    correction or revision of `source` also takes its spending (a clone into the next period
    starts a new year, with none)."""
    budgets = Budget.objects.filter(plan=source).prefetch_related(
        "groups", "lines", "staff_positions", "travel", "in_kind")
    with_spending = new.revises_id == source.pk
    for budget in budgets:
        if budget.year not in years:
            continue
        copy = copy_row(budget, plan_id=new.pk, year=years[budget.year])
        groups, lines = {}, {}
        for group in _in_dependency_order(budget.groups.all(), "parent_id"):
            groups[group.pk] = copy_row(group, budget_id=copy.pk,
                                        parent_id=groups.get(group.parent_id)).pk
        for line in _in_dependency_order(budget.lines.all(), "rule_base_id"):
            lines[line.pk] = copy_row(line, budget_id=copy.pk, group_id=groups.get(line.group_id),
                                      rule_base_id=lines.get(line.rule_base_id)).pk
        for row in [*budget.staff_positions.all(), *budget.travel.all(), *budget.in_kind.all()]:
            copy_row(row, budget_id=copy.pk)
        if with_spending:
            copy_spending(budget, copy, lines)


def copy_spending(budget, copy, lines):
    """Copy a budget's expenditure, reallocations and carry-forwards to its copy, whose lines
    are `lines` ({line id: id of its copy})."""
    for expenditure in Expenditure.objects.filter(line__budget=budget):
        copy_row(expenditure, line_id=lines[expenditure.line_id])
    for reallocation in Reallocation.objects.filter(budget=budget):
        copy_row(reallocation, budget_id=copy.pk, from_line_id=lines[reallocation.from_line_id],
                 to_line_id=lines[reallocation.to_line_id])
    for carry_forward in CarryForward.objects.filter(budget=budget):
        copy_row(carry_forward, budget_id=copy.pk)


# Left out of a clone made with budget=False (workplans.services.clone_into_next_period).
copy_budgets.choice = "budget"
