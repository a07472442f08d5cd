"""A plan's results as progress is read: outcome → output → activity (numbered 1, 1.1, 1.1.1 as
the plan prints them), then each thematic area of the APMBC matrix with its activities, outputs
and outcomes; each result with its latest update and whether it has one for a period, each
indicator with its target, what was counted or entered, and its latest value.

`plan_progress(plans, period)` reads any number of plans in a fixed number of queries. The
progress page, the list of what has had no update this quarter, the exports and the annual
report read plans through it.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from lib.periods import Period, PeriodKind, months_of, quarters_of
from reporting.models import IndicatorValue, ProgressUpdate
from workplans.models import Outcome, Output, ThematicArea, WorkPlan
from workplans.progress import attach_actuals


@dataclass
class IndicatorProgress:
    indicator: object
    counted: object = None  # records counted so far, where the indicator counts them
    total: object = None  # the sum of the values entered, where any
    latest: object = None  # the IndicatorValue of the newest period
    in_period: bool = False  # a value covers the period read

    @property
    def anchor(self):
        return f"indicator-{self.indicator.pk}"

    @property
    def is_counted(self):
        return bool(self.indicator.counts)


@dataclass
class ResultProgress:
    row: object  # an Outcome, Output or Activity
    kind: str  # "outcome", "output" or "activity"
    number: str  # "1.2.3" in the results framework, "" in the matrix
    depth: int  # 0 for an outcome (or a thematic area's rows), 1 for an output, 2 for an activity
    latest: object = None  # the ProgressUpdate of the newest period
    in_period: bool = False  # an update covers the period read
    indicators: list = field(default_factory=list)  # [IndicatorProgress]

    @property
    def anchor(self):
        return f"{self.kind}-{self.row.pk}"

    @property
    def label(self):
        return self.row._meta.verbose_name


@dataclass
class Part:
    """The results framework (area None) or one thematic area of the matrix."""

    area: object
    results: list


@dataclass
class PlanProgress:
    plan: object
    period: Period
    parts: list

    def results(self, kind=None):
        return [result for part in self.parts for result in part.results
                if kind is None or result.kind == kind]

    def indicators(self):
        return [item for result in self.results() for item in result.indicators]

    def without_update(self, kind="activity"):
        """The results of `kind` that have no update covering the period."""
        return [result for result in self.results(kind) if not result.in_period]


def _prefetches():
    indicated = "indicators"
    return [
        Prefetch("outcomes", Outcome.objects.prefetch_related(indicated, Prefetch(
            "outputs", Output.objects.prefetch_related(indicated, "activities")))),
        Prefetch("thematic_areas", ThematicArea.objects.prefetch_related(
            "activities", Prefetch("outputs", Output.objects.prefetch_related(indicated)),
            Prefetch("outcomes", Outcome.objects.prefetch_related(indicated)))),
    ]


def _results(plan):
    """[Part] of a plan fetched with _prefetches(), without progress yet."""
    def result(row, kind, number, depth):
        indicators = [IndicatorProgress(item) for item in row.indicators.all()] \
            if kind != "activity" else []
        return ResultProgress(row, kind, number, depth, indicators=indicators)

    framework = []
    for i, outcome in enumerate(plan.outcomes.all(), start=1):
        framework.append(result(outcome, "outcome", str(i), 0))
        for j, output in enumerate(outcome.outputs.all(), start=1):
            framework.append(result(output, "output", f"{i}.{j}", 1))
            for k, activity in enumerate(output.activities.all(), start=1):
                framework.append(result(activity, "activity", f"{i}.{j}.{k}", 2))
    parts = [Part(None, framework)] if framework else []
    for area in plan.thematic_areas.all():
        parts.append(Part(area, [
            *(result(row, "activity", "", 0) for row in area.activities.all()),
            *(result(row, "output", "", 0) for row in area.outputs.all()),
            *(result(row, "outcome", "", 0) for row in area.outcomes.all())]))
    return parts


def plan_progress(plans, period, indicators=True, evidence=True):
    """[PlanProgress] of the plans (ids or plans), in the order given, each read for `period`.
    With `indicators`, their values and counts (the counts for each plan's years, so far);
    with `evidence`, the latest updates come with their evidence and author. The number of
    queries does not depend on the size of the plans, nor, without indicators, on their
    number."""
    ids = [getattr(plan, "pk", plan) for plan in plans]
    fetched = {plan.pk: plan for plan in WorkPlan.objects.filter(pk__in=ids)
               .select_related("convention").prefetch_related(*_prefetches())}
    updates = ProgressUpdate.objects.for_plans(ids)
    latest = updates.latest_per_row()
    if evidence:
        latest = latest.with_evidence()
    latest_by_row = {(update.result_kind, _result_id(update)): update for update in latest}
    covered = set()
    for named in updates.in_period(period).values_list("activity", "output", "outcome"):
        covered.update(_named(named))
    found = []
    for plan_id in ids:
        plan = fetched.get(plan_id)
        if plan is None:
            continue
        parts = _results(plan)
        for part in parts:
            for result in part.results:
                key = (result.kind, result.row.pk)
                result.latest = latest_by_row.get(key)
                result.in_period = key in covered
        found.append(PlanProgress(plan, period, parts))
    if indicators:
        _attach_indicators(found, ids, period)
    return found


def _result_id(update):
    return getattr(update, f"{update.result_kind}_id")


def _named(ids):
    """[(kind, id)] of the one result named among (activity, output, outcome) ids."""
    return [(kind, row_id) for kind, row_id in zip(("activity", "output", "outcome"), ids,
                                                   strict=True) if row_id is not None]


def _attach_indicators(found, ids, period):
    values = IndicatorValue.objects.for_plans(ids)
    latest = {value.indicator_id: value for value in values.latest_per_indicator()}
    totals = values.totals()
    covered = set(values.in_period(period).values_list("indicator", flat=True))
    for progress in found:
        items = progress.indicators()
        attach_actuals(progress.plan, [item.indicator for item in items])
        for item in items:
            pk = item.indicator.pk
            item.counted = item.indicator.actual
            item.latest, item.total, item.in_period = latest.get(pk), totals.get(pk), pk in covered


def period_slug(period):
    """A period in an address: 2026-q4, 2026-m11."""
    return f"{period.year}-{period.kind[0]}{period.number}"


def period_from_slug(text):
    """The period an address names (2026-q4, 2026-m11), or None."""
    year, _sep, rest = (text or "").partition("-")
    kinds = {"q": PeriodKind.QUARTER, "m": PeriodKind.MONTH}
    if not (year.isdigit() and len(year) == 4 and rest[:1] in kinds and rest[1:].isdigit()
            and len(rest) <= 3):
        return None
    try:
        return Period(int(year), kinds[rest[0]], int(rest[1:]))
    except ValueError:
        return None


def periods_of(plan, today):
    """The quarters and months of a plan's years that have begun by `today`, newest first,
    each quarter before its months."""
    found = []
    for year in range(plan.start_year, plan.end_year + 1):
        months = months_of(year)
        for quarter in quarters_of(year):
            if quarter.start <= today:
                found.append(quarter)
                found += [month for month in months
                          if month.quarter == quarter and month.start <= today]
    return sorted(found, key=lambda p: (p.year, p.quarter.number, p.kind == PeriodKind.QUARTER,
                                        p.number), reverse=True)
