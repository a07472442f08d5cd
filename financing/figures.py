"""The status of contributions to a fund for a year, computed from the ledger.

For each contributor: what is requested of it (its assessment, in CHF), what it pledged for the
year (the year's part of its pledges), what it paid for the year (the CHF equivalents of its
payments) and what is outstanding: the larger of requested and pledged, less what is paid, never
below zero.
A pledge in another currency is counted in CHF as it is paid: the part of the year's amount
that payments in the pledge's own currency settle (payments for the year that name the pledge)
counts at those payments' CHF equivalents, and only the unpaid remainder at the pledge's rate.
A EUR 1,000 pledge at 1.10 paid with EUR 1,000 at 1.05 is pledged CHF 1,050 and paid CHF 1,050:
a difference of exchange rates is not money owed. (Payments beyond the year's part count at the
part's value only; payments in another currency than the pledge's count as paid, not as
settling the pledge's amount.) The contributing states are the states that paid anything
for the year. Coverage, for the core budget's fund, is what was paid against the total of the
budget adopted for the year (other funds have no budget to cover).
Each reserve of the convention shows its balance at the end of the year against its target.

Whatever the number of contributors: four queries, and those of the adopted budget's figures.

The cash flow of a fund for a year (cash_flow()), month by month in CHF:
- received: every payment into the fund whose value date falls in the month, whatever year
  it counts for (the cash flow is about money in the bank: a contribution for next year
  received in December is in the bank in December, and one for this year received the year
  before is in last year's cash flow);
- spending: for the core budget, the total of the budget adopted for the year spread evenly
  over the twelve months (each month the total divided by twelve, rounded down to the centime,
  December taking the remainder, so that the months add up exactly to the total). Where the
  spending of a month is recorded month by month (budgets/spending.py: expenditure by line and
  month or quarter), the month shows what was actually spent instead; a month whose quarter is
  recorded as a quarter keeps its even share, since a quarter's spending cannot be told month
  by month. Other funds (reserve, sponsorship, projects) spend nothing of the adopted budget;
- balance: what was received less what was spent, cumulated from the start of the year;
- the draws on the convention's reserves and their replenishments in the month (shown beside
  the balance, not counted in it: a reserve is its own fund).
Four queries whatever the number of payments, and those of the adopted budget's figures.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractMonth
from django.utils import translation

from budgets.figures import budget_prefetches, compute
from budgets.models import Budget, Expenditure
from financing.models import Assessment, Fund, Payment, Pledge, ReserveMovement
from lib.money import CENTIME, percent, to_chf
from lib.periods import PeriodKind
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


def _pledged_chf(pledge, year, payments):
    """The CHF value of the pledge's part for the year, counting the part that `payments` (the
    year's payments that settle it) pay in its own currency at their CHF equivalents and the
    rest at the pledge's rate (the module's rule)."""
    due = pledge.amount_for(year)
    settled = ZERO
    value = ZERO
    for payment in sorted(payments, key=lambda p: (p.value_date, p.pk)):
        if payment.currency != pledge.currency or settled >= due:
            continue
        if settled + payment.amount <= due:
            settled += payment.amount
            value += payment.amount_chf
        else:  # the pledge's remainder is the first part of this payment, at its rate
            part = due - settled
            settled = due
            value += to_chf(part, payment.exchange_rate)
    return value + to_chf(due - settled, pledge.exchange_rate)


def status_of_contributions(fund, year, as_at=None):
    """The status of the fund's contributions for the year; as at a date if `as_at` is given:
    the payments received (by value date) on or before it, and the reserves' balances on it (or
    at the end of the year, if earlier). What is requested and pledged for the year is the
    year's whatever the date: a status as at a date says what has been paid of it by then."""
    rows = {}

    def row(contributor):
        return rows.setdefault(contributor.pk, ContributorStatus(contributor))

    related = ["contributor__organization"]
    assessments = Assessment.objects.filter(fund=fund, year=year)
    pledges = Pledge.objects.filter(fund=fund, first_year__lte=year, last_year__gte=year)
    payments = Payment.objects.filter(fund=fund, year=year)
    if as_at is not None:
        payments = payments.filter(value_date__lte=as_at)
    for assessment in assessments.select_related(*related):
        row(assessment.contributor).requested += assessment.amount
    settling = {}  # pledge id: the year's payments that settle it
    for payment in payments.select_related(*related):
        row(payment.contributor).paid += payment.amount_chf
        if payment.pledge_id is not None:
            settling.setdefault(payment.pledge_id, []).append(payment)
    for pledge in pledges.select_related(*related):
        row(pledge.contributor).pledged += _pledged_chf(pledge, year,
                                                        settling.get(pledge.pk, []))
    budget = adopted_budget(fund.convention_id, year) if fund.kind == Fund.Kind.CORE else None
    year_end = date(year, 12, 31)
    reserves = [ReserveFigure(reserve, reserve.balance, reserve.target_amount)
                for reserve in Fund.objects.filter(convention_id=fund.convention_id)
                .reserves().with_balance(year_end if as_at is None else min(as_at, year_end))]
    with translation.override("en"):  # one order in every language: states by English name
        ordered = sorted(rows.values(),
                         key=lambda r: (not r.contributor.is_state, str(r.contributor)))
    return ContributionStatus(fund, year, ordered,
                              compute(budget).total if budget is not None else None, reserves)


# -- cash flow --------------------------------------------------------------------------------

MONTHS = range(1, 13)


@dataclass
class CashFlowMonth:
    year: int
    month: int
    received: Decimal = ZERO
    expected: Decimal = ZERO  # the month's even share of the adopted budget
    actual: Decimal | None = None  # what was spent, where recorded month by month
    draws: Decimal = ZERO
    replenishments: Decimal = ZERO
    balance: Decimal = ZERO

    @property
    def first_day(self):
        return date(self.year, self.month, 1)

    @property
    def spending(self):
        return self.expected if self.actual is None else self.actual


def spread(total, parts=12):
    """`total` in `parts` equal shares rounded down to the centime, the last taking the rest."""
    share = (total / parts).quantize(CENTIME, rounding=ROUND_DOWN)
    return [share] * (parts - 1) + [total - share * (parts - 1)]


def _monthly_spending(budget_id, year):
    """{month: spent} for the months recorded month by month whose quarter is not recorded as a
    quarter by any line."""
    monthly, quarters = {}, set()
    rows = (Expenditure.objects.filter(line__budget__in=budget_id, year=year)
            .order_by().values("period_kind", "period_number").annotate(spent=Sum("spent")))
    for row in rows:
        if row["period_kind"] == PeriodKind.MONTH:
            monthly[row["period_number"]] = row["spent"]
        else:
            quarters.add(row["period_number"])
    return {month: spent for month, spent in monthly.items() if (month + 2) // 3 not in quarters}


def _adopted_budget_id(convention_id, year):
    """The id of the budget adopted_budget() chooses, as a subquery."""
    return (Budget.objects.filter(
        plan__convention_id=convention_id, year=year,
        plan__status__in=[WorkPlan.Status.ADOPTED, WorkPlan.Status.PUBLISHED])
        .order_by("-plan__adopted_on", "-plan__id").values("pk")[:1])


UNKNOWN = object()


def cash_flow(fund, year, budget_total=UNKNOWN):
    """The twelve months of the fund's cash flow in the year (the module's rule).
    `budget_total`: the adopted budget's total where the caller has it already (a status of
    contributions of the same fund and year, None if no budget is adopted), which saves
    computing it again."""
    months = [CashFlowMonth(year, month) for month in MONTHS]
    received = (Payment.objects.filter(fund=fund, value_date__year=year)
                .annotate(month=ExtractMonth("value_date")).values("month")
                .annotate(total=Sum("amount_chf")).order_by("month"))
    for row in received:
        months[row["month"] - 1].received = row["total"]
    if fund.kind == Fund.Kind.CORE:
        if budget_total is UNKNOWN:
            budget = adopted_budget(fund.convention_id, year)
            budget_total = compute(budget).total if budget is not None else None
        if budget_total is not None:
            for month, share in zip(months, spread(budget_total), strict=True):
                month.expected = share
            budget_id = _adopted_budget_id(fund.convention_id, year)
            for number, spent in _monthly_spending(budget_id, year).items():
                months[number - 1].actual = spent
    movements = (ReserveMovement.objects.filter(fund__convention_id=fund.convention_id,
                                                date__year=year)
                 .annotate(month=ExtractMonth("date")).values("month", "kind")
                 .annotate(total=Sum("amount")).order_by("month", "kind"))
    for row in movements:
        month = months[row["month"] - 1]
        if row["kind"] == ReserveMovement.Kind.DRAW:
            month.draws += row["total"]
        else:
            month.replenishments += row["total"]
    balance = ZERO
    for month in months:  # in centimes, whatever the database's sums give
        for name in ("received", "expected", "actual", "draws", "replenishments"):
            value = getattr(month, name)
            if value is not None:
                setattr(month, name, Decimal(value).quantize(CENTIME))
        balance += month.received - month.spending
        month.balance = balance
    return months


def outstanding(contributor, fund, year):
    """What the contributor still owes the fund for the year now, in CHF: its row of the status
    of contributions (the larger of its assessment and its year's pledges, less its payments for
    the year, never below zero), ZERO when it has none. Read from status_of_contributions, so
    that the rule (pledges in another currency included) is the same everywhere: its queries,
    whatever the number of contributors."""
    for row in status_of_contributions(fund, year).rows:
        if row.contributor.pk == contributor.pk:
            return row.outstanding
    return ZERO
