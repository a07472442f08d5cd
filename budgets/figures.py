"""Every figure derived from a budget's lines: derived lines, subtotals, totals, budget vs
actual, spending against the revised budget, year-over-year change, reserve coverage and CHF
equivalents.

Nothing here is stored; fetch a budget with budget_prefetches() and the figures cost no query
(its lines come with what is recorded against them: Line.objects.with_spending()).

Spending (recorded through budgets/spending.py), line by line:
- reallocated: the amounts moved to the line less those moved from it; the revised budget is
  the line's amount plus that (reallocations never change the total);
- committed and spent: the sums of what the line's expenditure records give, to date;
- actual expenditure: for a budget with any expenditure recorded, what each line spent (zero for
  a line without a record); for a budget without, the figure typed on the line (Line.actual), as
  before spending was recorded by period;
- variance: actual expenditure less the revised budget (negative while under budget), and that
  as a percentage of the revised budget;
- year-end forecast: the forecast given with the line's latest period, where the officer gave
  one; else what the line spent to date, extrapolated over the year from the share of it that
  the budget's records cover: spent × 12 ÷ the last month reached by any record of the budget
  (spent × 12 ÷ 6 once the second quarter is recorded), rounded to whole francs, half up; what
  was spent, once the records reach December. A line with no record forecasts its revised
  budget.
The budget's carry-forward is the sum of its carry-forwards (CarryForward): the funds available
are the total plus that, and the balance is what remains of them once the spending to date is
taken away.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext

from budgets.models import Budget, Group, Line
from lib.money import percent, to_centimes, to_chf, to_francs


def budget_prefetches():
    return [
        Prefetch("lines", Line.objects.with_spending().select_related("category")),
        Prefetch("groups", Group.objects.all()),
        "staff_positions", "travel", "in_kind",
    ]


def fetch(budget_id):
    return (Budget.objects.select_related("plan__convention", "plan__document")
            .prefetch_related(*budget_prefetches()).get(pk=budget_id))


YEAR_MONTHS = 12


def _sum(values):
    """The sum of the values, or None if there are none or any is unknown."""
    values = list(values)
    return None if not values or any(v is None for v in values) else sum(values, Decimal(0))


@dataclass
class LineFigure:
    line: Line
    amount: Decimal
    rule_amount: Decimal | None  # what the stated rule gives, shown beside an entered amount
    actual: Decimal | None
    moved_in: Decimal = Decimal(0)
    moved_out: Decimal = Decimal(0)
    # What the line's expenditure records sum to; None for a line fetched without them.
    committed: Decimal | None = None
    spent: Decimal | None = None
    periods: int = 0  # the periods recorded for the line
    forecast_given: Decimal | None = None  # with the line's latest period
    months_recorded: int = 0  # the last month reached by the budget's records

    @property
    def reallocated(self):
        return self.moved_in - self.moved_out

    @property
    def revised(self):
        """The line's amount after reallocations."""
        return self.amount + self.reallocated

    @property
    def variance(self):
        return None if self.actual is None else self.actual - self.revised

    @property
    def variance_percent(self):
        return None if self.actual is None else percent(self.variance, self.revised)

    @property
    def forecast(self):
        """The year-end forecast (the rule is at the top of this module)."""
        if not self.periods or self.spent is None:
            return self.revised
        if self.forecast_given is not None:
            return self.forecast_given
        if self.months_recorded >= YEAR_MONTHS:
            return self.spent
        return to_francs(self.spent * YEAR_MONTHS / self.months_recorded)

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
        return _sum(item.actual for item in self.items)

    @property
    def reallocated(self):
        return sum((item.reallocated for item in self.items), Decimal(0))

    @property
    def revised(self):
        return sum((item.revised for item in self.items), Decimal(0))

    @property
    def committed(self):
        return _sum(item.committed for item in self.items)

    @property
    def spent(self):
        return _sum(item.spent for item in self.items)

    @property
    def variance(self):
        actual = self.actual
        return None if actual is None else actual - self.revised

    @property
    def variance_percent(self):
        variance = self.variance
        return None if variance is None else percent(variance, self.revised)

    @property
    def forecast(self):
        return sum((item.forecast for item in self.items), Decimal(0))

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
        return _sum(line.actual for line in self.lines)

    @property
    def revised_total(self):
        """The total after reallocations: the same as the total, since they move amounts
        between lines."""
        return sum((line.revised for line in self.lines), Decimal(0))

    @property
    def variance(self):
        return None if self.actual_total is None else self.actual_total - self.revised_total

    @property
    def variance_percent(self):
        return None if self.variance is None else percent(self.variance, self.revised_total)

    # -- spending ------------------------------------------------------------------------

    @property
    def has_spending(self):
        """Whether any expenditure is recorded against the budget."""
        return any(line.periods for line in self.lines)

    @property
    def months_recorded(self):
        """The last month of the year that the budget's records reach (0 for none)."""
        return max((line.months_recorded for line in self.lines), default=0)

    @property
    def committed_total(self):
        return _sum(line.committed for line in self.lines)

    @property
    def spent_total(self):
        return _sum(line.spent for line in self.lines)

    @property
    def forecast_total(self):
        return sum((line.forecast for line in self.lines), Decimal(0))

    @property
    def carried_forward(self):
        """The carry-forward from the year before (prefetch the budget's carry_forwards to
        read it without a query)."""
        return sum((c.amount for c in self.budget.carry_forwards.all()), Decimal(0))

    @property
    def available(self):
        """The funds of the year: the total and the carry-forward."""
        return self.revised_total + self.carried_forward

    @property
    def balance(self):
        """What remains of the funds available once the spending to date is taken away."""
        spent = self.spent_total
        return None if spent is None else self.available - spent

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


def line_amounts(lines):
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


def _line_figure(line, amount, rule_amount):
    """A line's figure, with what Line.objects.with_spending() fetched of its spending; the
    actual expenditure is the typed figure until compute() finds any record in the budget."""
    figure = LineFigure(line, amount, rule_amount, line.actual)
    if hasattr(line, "spent_to_date"):  # sums as the database gives them, to the centime
        figure.moved_in, figure.moved_out = to_centimes(line.moved_in), to_centimes(line.moved_out)
        figure.committed = to_centimes(line.committed_to_date)
        figure.spent = to_centimes(line.spent_to_date)
        figure.periods, figure.forecast_given = line.periods_recorded, line.forecast_given
        figure.months_recorded = line.last_month_recorded or 0
    return figure


def compute(budget):
    """The figures of a budget fetched with budget_prefetches()."""
    lines = list(budget.lines.all())
    groups = list(budget.groups.all())
    amounts, rules = line_amounts(lines)
    figures = {line.pk: _line_figure(line, amounts[line.pk], rules[line.pk]) for line in lines}
    if any(figure.periods for figure in figures.values()):
        months = max(figure.months_recorded for figure in figures.values())
        for figure in figures.values():
            figure.actual, figure.months_recorded = figure.spent, months
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
