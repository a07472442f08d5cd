"""A plan's progress overview: how far the plan has come up to the end of a quarter, computed from
what is recorded, never stored.

- Progress by outcome: for each outcome of the results framework (its outputs' activities) and
  each thematic area of the APMBC matrix (its activities), how many activities stand at each
  status, by the latest update of a period that ends by then; an activity without one counts
  as "no update".
- Indicators against targets: baseline, original target, revised target and the actual to
  date side by side. The actual of an indicator that counts the ISU's records is the count of
  those records from the start of the plan's years up to then (workplans/progress.py); of any
  other, the sum of the values entered for periods that end by then.
- Spending against the budget of that year (budgets/spending.py `plan_figures`): each line's
  revised budget, committed and spent, variance and year-end forecast, from the expenditure
  recorded for periods that end by then and the reallocations decided by then, by the rules
  of budgets/figures.py. A budget without any expenditure recorded by period keeps the actual
  typed on its lines, for the whole year only.

The period read is a quarter ("through Q2 2026"); the fourth quarter reads the whole year.
The staff's overview page, the public one (reporting/publishing.py) and the exports
(reporting/exports.py) all read `plan_overview`, which costs a fixed number of queries whatever
the size of the plan.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budgets import charts as budget_charts
from budgets.spending import plan_figures
from lib.periods import Period, PeriodKind, quarters_of
from reporting.charts import stacked_bars
from reporting.models import IndicatorValue, ProgressUpdate
from reporting.outline import period_from_slug, period_slug, plan_progress
from workplans.models import Indicator
from workplans.progress import actual_count

Status = ProgressUpdate.Status
NO_UPDATE = "none"

# The order of the statuses in the table and in the bars: what is finished first, what has not
# moved last; each with its fill colour and the colour of a count written on it.
STATUSES = [
    (Status.DONE, "#2e7d32", "#fff"),
    (Status.ONGOING, "#1f5f99", "#fff"),
    (Status.UNDER_WAY, "#5b9bd5", "#000"),
    (Status.NOT_STARTED, "#b0b0b0", "#000"),
    (Status.POSTPONED, "#c2662d", "#fff"),
    (Status.CANCELLED, "#8e2b3a", "#fff"),
    (NO_UPDATE, "#fff", "#000"),
]
NO_UPDATE_LABEL = gettext_lazy("No update")


def status_label(status):
    return str(NO_UPDATE_LABEL) if status == NO_UPDATE else str(Status(status).label)


# -- periods ----------------------------------------------------------------------------------

def offered_periods(plan, today=None):
    """The quarters of the plan's years that have begun by `today`, newest first: what an
    overview is read and published through."""
    today = today or timezone.localdate()
    return [quarter for year in range(plan.end_year, plan.start_year - 1, -1)
            for quarter in reversed(quarters_of(year)) if quarter.start <= today]


def default_period(plan, today=None):
    """The current quarter while the plan runs; its last quarter once it is over; its first
    before it begins."""
    today = today or timezone.localdate()
    offered = offered_periods(plan, today)
    return offered[0] if offered else Period(plan.start_year, PeriodKind.QUARTER, 1)


def chosen_period(plan, slug, today=None):
    """The quarter an address names (?period=2026-q2) if the plan offers it, else the
    default."""
    period = period_from_slug(slug)
    if period is not None and period in offered_periods(plan, today):
        return period
    return default_period(plan, today)


def through_label(period):
    """"Through Q2 2026", as a choice of figures; the fourth quarter reads as the whole year."""
    if period.kind == PeriodKind.QUARTER and period.number == 4:
        return _("%(year)s, the whole year") % {"year": period.year}
    return _("Through %(period)s") % {"period": period.label()}


def through_phrase(period):
    """"through Q2 2026", within a sentence or a caption."""
    return _("through %(period)s") % {"period": period.label()}


def period_choices(plan, today=None):
    """[(slug, label)] for a period selector."""
    return [(period_slug(period), through_label(period))
            for period in offered_periods(plan, today)]


# -- figures ----------------------------------------------------------------------------------

@dataclass
class Group:
    """An outcome of the results framework, or a thematic area of the matrix, with its
    activities (ResultProgress, each with its latest update by then)."""

    row: object
    number: str  # "1" for the first outcome, "" for a thematic area
    activities: list = field(default_factory=list)

    @property
    def is_area(self):
        return not self.number

    @property
    def short_label(self):
        """What the chart calls it: "Outcome 1", or the area's title."""
        if self.is_area:
            return str(self.row)
        return _("Outcome %(number)s") % {"number": self.number}

    def status_of(self, result):
        return result.latest.status if result.latest is not None else NO_UPDATE

    @property
    def rows(self):
        """[(activity's ResultProgress, its status, the status's label)]."""
        return [(result, self.status_of(result), status_label(self.status_of(result)))
                for result in self.activities]

    @property
    def counts(self):
        """[(status, label, number of activities)] in the order of STATUSES."""
        found = [self.status_of(result) for result in self.activities]
        return [(status, status_label(status), found.count(status))
                for status, _fill, _ink in STATUSES]

    @property
    def total(self):
        return len(self.activities)


@dataclass
class IndicatorFigure:
    """An indicator against its targets, with the actual to date."""

    indicator: Indicator
    result: object  # the ResultProgress of the outcome or output it measures
    area: object = None  # the thematic area, for a row of the matrix
    counted: int | None = None  # records counted so far, for an indicator that counts them
    entered: Decimal | None = None  # the sum of the values entered so far
    latest: IndicatorValue | None = None  # the value of the newest period so far

    @property
    def is_counted(self):
        return bool(self.indicator.counts)

    @property
    def actual(self):
        return self.counted if self.is_counted else self.entered

    @property
    def result_label(self):
        """"Output 1.2", or "Area 1 · Output" in the matrix."""
        kind = str(self.result.row._meta.verbose_name).capitalize()
        if self.result.number:
            return f"{kind} {self.result.number}"
        return f"{self.area} · {kind}"


@dataclass
class Overview:
    plan: object
    period: Period  # a quarter: the figures are those of periods that end by its end
    progress: object  # reporting.outline.PlanProgress, each result with its latest update
    groups: list  # [Group]
    indicators: list  # [IndicatorFigure]
    values: list  # the IndicatorValues entered for periods that end by then, newest first
    spending: object = None  # budgets.figures.BudgetFigures of the period's year, or None
    spending_through: Period | None = None  # the last period recorded by then

    @property
    def label(self):
        return through_label(self.period)

    @property
    def phrase(self):
        return through_phrase(self.period)

    @property
    def activities(self):
        return sum(group.total for group in self.groups)

    @property
    def counts(self):
        """[(status, label, number)] over the whole plan."""
        totals = {}
        for group in self.groups:
            for status, _label, number in group.counts:
                totals[status] = totals.get(status, 0) + number
        return [(status, status_label(status), totals.get(status, 0))
                for status, _fill, _ink in STATUSES]

    def spending_rows(self):
        """[(kind, depth, figure)] of the budget's lines and subtotals, each subtotal after its
        lines, as the spending page lists them."""
        rows = []

        def walk(items, depth):
            for item in items:
                if item.is_group:
                    walk(item.items, depth + 1)
                    rows.append(("group", depth, item))
                else:
                    rows.append(("line", depth, item))

        if self.spending is not None:
            walk(self.spending.items, 0)
        return rows

    def status_chart(self):
        """Activities by status, one bar per outcome and thematic area (the active language)."""
        if not self.activities:
            return None
        series = [(status_label(status), fill, ink) for status, fill, ink in STATUSES]
        rows = [(group.short_label, [number for _s, _l, number in group.counts])
                for group in self.groups]
        return stacked_bars(rows, series, _("Activities by status, %(period)s") % {
            "period": self.phrase})

    def spending_chart(self, language):
        """The revised budget and what was spent so far, line by line."""
        figures = self.spending
        if figures is None or not any(line.actual is not None for line in figures.lines):
            return None
        return budget_charts.horizontal_bars(
            [(line.label, [line.revised, line.actual]) for line in figures.lines],
            [_("Revised budget"), _("Spent")], language,
            _("Budget and spending, %(period)s") % {"period": self.phrase})


def plan_overview(plan_id, period, evidence=False):
    """The Overview of a plan through the end of `period` (a quarter), or None if there is no
    such plan. With `evidence`, each latest update comes with its evidence (for the exports).
    It checks no scope: the caller decides who may see it."""
    found = plan_progress([plan_id], period, indicators=False, evidence=False)
    if not found:
        return None
    progress = found[0]
    plan = progress.plan
    latest = ProgressUpdate.objects.for_plan(plan_id).through(period).latest_per_row()
    if evidence:
        latest = latest.with_evidence()
    by_row = {(update.result_kind, getattr(update, f"{update.result_kind}_id")): update
              for update in latest}
    for result in progress.results():
        result.latest = by_row.get((result.kind, result.row.pk))
    values = list(IndicatorValue.objects.for_plan(plan_id).through(period).newest_first())
    spending, through = _spending(plan_id, period)
    return Overview(plan, period, progress, _groups(progress),
                    _indicators(plan, progress, values, period), values, spending, through)


def _groups(progress):
    groups = []
    for part in progress.parts:
        if part.area is not None:
            groups.append(Group(part.area, "", [result for result in part.results
                                                if result.kind == "activity"]))
            continue
        for result in part.results:
            if result.kind == "outcome":
                groups.append(Group(result.row, result.number))
            elif result.kind == "activity" and groups:
                groups[-1].activities.append(result)
    return groups


def _indicators(plan, progress, values, period):
    """[IndicatorFigure] in the plan's order; one count per kind of record the plan's
    indicators count (three at most), whatever their number."""
    entered, latest = {}, {}
    for value in values:  # newest first
        entered[value.indicator_id] = entered.get(value.indicator_id, Decimal(0)) + value.value
        latest.setdefault(value.indicator_id, value)
    counted = {}
    figures = []
    for part in progress.parts:
        for result in part.results:
            for item in result.indicators:
                indicator = item.indicator
                if indicator.counts and indicator.counts not in counted:
                    counted[indicator.counts] = actual_count(plan, indicator.counts,
                                                             as_of=period.end)
                figures.append(IndicatorFigure(
                    indicator, result, part.area, counted.get(indicator.counts),
                    entered.get(indicator.pk), latest.get(indicator.pk)))
    return figures


def _spending(plan_id, period):
    """The figures of the budget of the period's year, as they stood at the end of the period,
    and the last period recorded by then; (None, None) for a year without a budget."""
    figures = next((found for found in plan_figures(plan_id)
                    if found.budget.year == period.year), None)
    if figures is None:
        return None, None
    return figures, as_of(figures, period)


def as_of(figures, period):
    """Put each line of a budget's figures (fetched with its spending) as it stood at the end
    of `period`; returns the last period recorded by then, or None."""
    budget = figures.budget
    end = period.end
    moves = [move for move in budget.reallocations.all() if move.decided_on <= end]
    recorded = [record for line in figures.lines for record in line.line.expenditures.all()
                if record.period.end <= end]
    last = max(recorded, key=lambda record: (record.period.end, -record.period.first_month),
               default=None)
    months = last.period.last_month if last is not None else 0
    any_recorded = figures.has_spending  # before the lines are put back in time
    for line in figures.lines:
        pk = line.line.pk
        records = [record for record in line.line.expenditures.all()
                   if record.period.end <= end]
        line.moved_in = sum((m.amount for m in moves if m.to_line_id == pk), Decimal(0))
        line.moved_out = sum((m.amount for m in moves if m.from_line_id == pk), Decimal(0))
        line.committed = sum((record.committed for record in records), Decimal(0))
        line.spent = sum((record.spent for record in records), Decimal(0))
        line.periods = len(records)
        newest = max(records, key=lambda record: record.period.last_month, default=None)
        line.forecast_given = newest.forecast if newest is not None else None
        line.months_recorded = months
        if any_recorded:
            line.actual = line.spent
        else:  # a figure typed for the year, before spending was recorded by period
            whole_year = period.last_month == 12
            line.actual = line.line.actual if whole_year else None
    return last.period if last is not None else None
