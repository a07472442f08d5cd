"""The status of contributions to a fund for a year, computed from the ledger.

For each contributor: what is requested of it (its assessment, in CHF), what it pledged for the
year (the year's part of its pledges, at their exchange rates), what it paid for the year (the
CHF equivalents of its payments) and what is outstanding: the larger of requested and pledged,
less what is paid, never below zero. The contributing states are the states that paid anything
for the year. Coverage is what was paid against the total of the budget adopted for the year.
Each reserve of the convention shows its balance at the end of the year against its target.

Whatever the number of contributors: four queries, and those of the adopted budget's figures.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from budgets.figures import budget_prefetches, compute
from budgets.models import Budget
from financing.models import Assessment, Fund, Payment, Pledge
from lib.money import percent
from workplans.models import WorkPlan

ZERO = Decimal(0)


@dataclass
class ContributorStatus:
    contributor: object
    requested: Decimal = ZERO
    pledged: Decimal = ZERO
    paid: Decimal = ZERO

    @property
    def expected(self):
        return max(self.requested, self.pledged)

    @property
    def outstanding(self):
        return max(self.expected - self.paid, ZERO)


@dataclass
class ReserveFigure:
    fund: Fund
    balance: Decimal
    target: Decimal | None

    @property
    def coverage_percent(self):
        return percent(self.balance, self.target)


@dataclass
class ContributionStatus:
    fund: Fund
    year: int
    rows: list = field(default_factory=list)
    budget_total: Decimal | None = None
    reserves: list = field(default_factory=list)

    @property
    def requested(self):
        return sum((row.requested for row in self.rows), ZERO)

    @property
    def pledged(self):
        return sum((row.pledged for row in self.rows), ZERO)

    @property
    def paid(self):
        return sum((row.paid for row in self.rows), ZERO)

    @property
    def outstanding(self):
        return sum((row.outstanding for row in self.rows), ZERO)

    @property
    def contributing_states(self):
        return sum(1 for row in self.rows if row.contributor.is_state and row.paid > 0)

    @property
    def coverage_percent(self):
        return percent(self.paid, self.budget_total)


def adopted_budget(convention_id, year):
    """The budget of the year in the convention's plan in force (adopted or published, the
    latest adoption first), with its figures' rows prefetched; None if there is none."""
    return (Budget.objects.filter(
        plan__convention_id=convention_id, year=year,
        plan__status__in=[WorkPlan.Status.ADOPTED, WorkPlan.Status.PUBLISHED])
        .order_by("-plan__adopted_on", "-plan__id").select_related("plan")
        .prefetch_related(*budget_prefetches()).first())


def status_of_contributions(fund, year):
    rows = {}

    def row(contributor):
        return rows.setdefault(contributor.pk, ContributorStatus(contributor))

    related = ["contributor__organization"]
    for assessment in Assessment.objects.filter(fund=fund, year=year).select_related(*related):
        row(assessment.contributor).requested += assessment.amount
    for pledge in Pledge.objects.filter(fund=fund, first_year__lte=year,
                                        last_year__gte=year).select_related(*related):
        row(pledge.contributor).pledged += pledge.chf_for(year)
    for payment in Payment.objects.filter(fund=fund, year=year).select_related(*related):
        row(payment.contributor).paid += payment.amount_chf
    budget = adopted_budget(fund.convention_id, year)
    reserves = [ReserveFigure(reserve, reserve.balance, reserve.target_amount)
                for reserve in Fund.objects.filter(convention_id=fund.convention_id)
                .reserves().with_balance(date(year, 12, 31))]
    ordered = sorted(rows.values(), key=lambda r: (not r.contributor.is_state, str(r.contributor)))
    return ContributionStatus(fund, year, ordered,
                              compute(budget).total if budget is not None else None, reserves)
