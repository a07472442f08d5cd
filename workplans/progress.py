"""Targets meet actuals: indicators that count the ISU's recorded work within the plan's years.

One query per kind of record, whatever the number of indicators, so pages stay fixed in cost.
"""

from django.utils import timezone

from meetings.models import CommitteeMeeting, IsuActivity
from workplans.models import Indicator


def _records(counts):
    if counts == Indicator.Counts.COMMITTEE_MEETINGS:
        return CommitteeMeeting.objects.filter(supported_by_isu=True)
    kind = {Indicator.Counts.MISSIONS: IsuActivity.Kind.MISSION,
            Indicator.Counts.WORKSHOPS: IsuActivity.Kind.WORKSHOP}[counts]
    return IsuActivity.objects.filter(kind=kind)


def actual_count(plan, counts, as_of=None):
    """How many records of the plan's convention fall in its years, up to `as_of` (today)."""
    as_of = as_of or timezone.localdate()
    return (_records(counts).of_convention(plan.convention_id)
            .in_years(plan.start_year, plan.end_year, as_of=as_of).count())


def attach_actuals(plan, indicators, as_of=None):
    """Set ``actual`` on each counted indicator of the plan (None where nothing is counted)."""
    indicators = list(indicators)
    totals = {}
    for indicator in indicators:
        if indicator.counts and indicator.counts not in totals:
            totals[indicator.counts] = actual_count(plan, indicator.counts, as_of)
        indicator.actual = totals.get(indicator.counts) if indicator.counts else None
    return indicators
