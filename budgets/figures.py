"""Every figure derived from a budget's lines: derived lines, subtotals, totals, budget vs
actual, year-over-year change, reserve coverage and CHF equivalents.

Nothing here is stored; fetch a budget with budget_prefetches() and the figures cost no query.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext

from budgets.models import Budget, Group, Line
from lib.money import percent, to_chf, to_francs


def budget_prefetches():
    return [
        Prefetch("lines", Line.objects.select_related("category")),
        Prefetch("groups", Group.objects.all()),
        "staff_positions", "travel", "in_kind",
    ]


def fetch(budget_id):
    return (Budget.objects.select_related("plan__convention", "plan__document")
            .prefetch_related(*budget_prefetches()).get(pk=budget_id))


@dataclass
class LineFigure:
    line: Line
    amount: Decimal
    rule_amount: Decimal | None  # what the stated rule gives, shown beside an entered amount
    actual: Decimal | None

    @property
    def variance(self):
        return None if self.actual is None else self.actual - self.amount

    @property
    def variance_percent(self):
        return None if self.actual is None else percent(self.variance, self.amount)

    @property
    def label(self):
        return self.line.label or self.line.category.title

    is_group = False


@dataclass
class GroupFigure:
    group: Group
    items: list = field(default_factory=list)

    @property
    def amount(self):
        return sum((item.amount for item in self.items), Decimal(0))

    @property
    def actual(self):
        actuals = [item.actual for item in self.items]
        return None if any(a is None for a in actuals) or not actuals else sum(actuals, Decimal(0))

    @property
    def label(self):
        return self.group.title

    is_group = True


@dataclass
class BudgetFigures:
    budget: Budget
    items: list  # top-level groups and ungrouped lines, in order
    lines: list  # every LineFigure, in table order

    @property
    def total(self):
        return sum((item.amount for item in self.items), Decimal(0))

    @property
    def actual_total(self):
        actuals = [line.actual for line in self.lines]
        return None if not actuals or any(a is None for a in actuals) else sum(actuals, Decimal(0))

    @property
    def variance(self):
        return None if self.actual_total is None else self.actual_total - self.total

    @property
    def variance_percent(self):
        return None if self.variance is None else percent(self.variance, self.total)

    @property
    def fte(self):
        total = sum((p.fte for p in self.budget.staff_positions.all()), Decimal(0))
        return Decimal(f"{total.normalize():f}")  # 3.6 rather than 3.60; 10 rather than 1E+1

    @property
    def missions(self):
        """(least, most) missions planned."""
        travel = list(self.budget.travel.all())
        return (sum(t.at_least if t.at_least is not None else t.missions for t in travel),
                sum(t.missions for t in travel))

    @property
    def in_kind_value(self):
        """Known value of the host's in-kind support: never part of the cash total."""
        values = [s.value for s in self.budget.in_kind.all() if s.value is not None]
        return sum(values, Decimal(0)) if values else None

    def by_category(self):
        totals = {}
        for line in self.lines:
            totals[line.label] = totals.get(line.label, Decimal(0)) + line.amount
        return list(totals.items())


def _line_amounts(lines):
    """Effective amount and rule amount of every line; derived lines follow their base."""
    by_id = {line.pk: line for line in lines}
    amounts, rules = {}, {}

    def effective(line, depth=0):
        if line.pk in amounts:
            return amounts[line.pk]
        rule = None
        if line.rule_base_id in by_id and line.rule_rate is not None and depth < len(by_id):
            base = effective(by_id[line.rule_base_id], depth + 1)
            rule = to_francs(base * line.rule_rate / 100)
        rules[line.pk] = rule
        amounts[line.pk] = line.amount if line.amount is not None else (rule or Decimal(0))
        return amounts[line.pk]

    for line in lines:
        effective(line)
    return amounts, rules


def compute(budget):
    """The figures of a budget fetched with budget_prefetches()."""
    lines = list(budget.lines.all())
    groups = list(budget.groups.all())
    amounts, rules = _line_amounts(lines)
    figures = {line.pk: LineFigure(line, amounts[line.pk], rules[line.pk], line.actual)
               for line in lines}
    group_figures = {group.pk: GroupFigure(group) for group in groups}

    def children(parent_id):
        members = [(g.position, 0, g.pk, group_figures[g.pk]) for g in groups
                   if g.parent_id == parent_id]
        members += [(ln.position, 1, ln.pk, figures[ln.pk]) for ln in lines
                    if ln.group_id == parent_id]
        return [item for *_order, item in sorted(members, key=lambda m: m[:3])]

    for group in groups:
        group_figures[group.pk].items = children(group.pk)
    top = children(None)
    ordered = []

    def walk(items):
        for item in items:
            if item.is_group:
                walk(item.items)
            else:
                ordered.append(item)

    walk(top)
    return BudgetFigures(budget, top, ordered)


@dataclass
class Comparison:
    label: str
    before: Decimal | None
    after: Decimal | None
    is_total: bool = False

    @property
    def change(self):
        return (self.after or Decimal(0)) - (self.before or Decimal(0))

    @property
    def change_percent(self):
        return percent(self.change, self.before) if self.before else None


def compare(before, after):
    """Line-by-line change from one budget's figures to another's, matched by category."""
    rows, index = [], {}
    for figures, side in ((before, "before"), (after, "after")):
        for line in figures.lines:
            code = line.line.category.code
            if code not in index:
                index[code] = Comparison(line.label, None, None)
                rows.append(index[code])
            current = getattr(index[code], side) or Decimal(0)
            setattr(index[code], side, current + line.amount)
    rows.append(Comparison(gettext("Total"), before.total, after.total, is_total=True))
    return rows


def chf_equivalent(funding):
    return to_chf(funding.amount, funding.exchange_rate)


@dataclass
class ReserveStatus:
    fund: object
    balance: object  # the ReserveBalance, or None
    target: Decimal | None

    @property
    def coverage_percent(self):
        if self.balance is None or not self.target:
            return None
        return percent(self.balance.balance, self.target)


def reserve_status(fund, budget_figures=None, on_date=None):
    """The latest balance (on or before `on_date`) against the fund's target; a target in years
    of expenditure is measured against the budget given."""
    balances = [b for b in fund.balances.all() if on_date is None or b.on_date <= on_date]
    latest = max(balances, key=lambda b: b.on_date, default=None)
    if fund.target_kind == fund.Target.FIXED:
        target = fund.target_amount
    else:
        target = (to_francs(budget_figures.total * fund.target_years)
                  if budget_figures is not None else None)
    return ReserveStatus(fund, latest, target)
