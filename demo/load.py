"""The whole demo, part after part: each part finds what the parts before it built."""

from django.db import transaction

from demo import (
    accounts,
    budgets,
    conventions,
    financing,
    meetings,
    reports,
    sponsorship,
    workplans,
)

PARTS = [
    conventions.load,
    accounts.load,  # the services of the parts that follow act for these accounts
    meetings.load,
    workplans.load,
    budgets.load,  # the budgets of the plans, before the plans are published
    sponsorship.load,
    workplans.publish,  # a published plan, and its budgets, no longer take rows
    budgets.spending,  # spending is recorded against the budget of a published plan
    reports.load,  # progress against the published APMBC plan, and its annual report
    financing.load,  # contributions against the adopted budgets, the reserves, the EU project
]


@transaction.atomic
def load(stdout):
    """Load every part of the demo. Running it again changes nothing: each part adds only what
    is missing."""
    for part in PARTS:
        part(stdout)
