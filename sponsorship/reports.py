"""Aggregates of the programme: per round, per year and over several years. No personal data
leaves this module: only counts, shares and money."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from financing.models import Payment, Pledge
from lib.money import percent, to_francs
from meetings.models import Meeting
from sponsorship.funds import ZERO, funds_for_rounds, round_funds
from sponsorship.models import Application, Round


@dataclass
class Figures:
    delegates: int
    states: int
    women: int
    first_time: int
    cost: Decimal

    @property
    def women_percent(self):
        return percent(self.women, self.delegates)

    @property
    def cost_per_delegate(self):
        return to_francs(self.cost / self.delegates) if self.delegates else None


def figures_of(applications):
    sponsored = [a for a in applications if a.commits_funds]
    return Figures(
        delegates=len(sponsored),
        states=len({a.state.code for a in sponsored}),
        women=sum(a.gender == Application.Gender.WOMAN for a in sponsored),
        first_time=sum(a.first_time for a in sponsored),
        cost=sum((a.cost for a in sponsored), ZERO),
    )


@dataclass
class RoundReport:
    round: Round
    figures: Figures
    funds_available: Decimal


def rounds_with_applications(**lookup):
    return (Round.objects.filter(**lookup)
            .select_related("meeting__convention", "programme__convention")
            .prefetch_related(Prefetch("applications", Application.objects.all())))


def round_report(round_, funds=None):
    funds = funds or round_funds(round_)
    return RoundReport(round_, figures_of(round_.applications.all()), funds.available)


@dataclass
class YearReport:
    year: int
    rounds: list
    received: Decimal
    pledged: Decimal
    donors: int

    @property
    def figures(self):
        return figures_of([a for r in self.rounds for a in r.round.applications.all()])

    @property
    def funds_left(self):
        return self.received - self.figures.cost

    @property
    def msp_rounds(self):
        return [r for r in self.rounds
                if r.round.meeting.kind == Meeting.Kind.MEETING_OF_STATES_PARTIES]


def _donors(fund_id, start, end):
    """The contributors who pledged for, or paid for, a year from `start` to `end`."""
    pledged = Pledge.objects.filter(fund=fund_id, first_year__lte=end, last_year__gte=start)
    paid = Payment.objects.filter(fund=fund_id, year__range=(start, end))
    return (set(pledged.values_list("contributor", flat=True))
            | set(paid.values_list("contributor", flat=True)))


def year_report(programme, year):
    """The year's figures; the money is the ledger's, on the programme's fund: what was pledged
    for the year (at the pledges' rates) and what was received for it (in CHF)."""
    found = list(rounds_with_applications(programme=programme, meeting__start_date__year=year)
                 .order_by("meeting__start_date"))
    funds = funds_for_rounds(found)
    rounds = [round_report(r, funds[r.pk]) for r in found]
    fund = programme.fund_id
    pledges = Pledge.objects.filter(fund=fund, first_year__lte=year, last_year__gte=year)
    return YearReport(
        year=year, rounds=rounds,
        received=sum(Payment.objects.filter(fund=fund, year=year)
                     .values_list("amount_chf", flat=True), ZERO),
        pledged=sum((p.chf_for(year) for p in pledges), ZERO),
        donors=len(_donors(fund, year, year)),
    )


@dataclass
class MultiYear:
    years: list
    donors: int  # over the whole period (seed 001: four)

    @property
    def average_received(self):
        return to_francs(sum((y.received for y in self.years), ZERO) / len(self.years))

    @property
    def average_delegates(self):
        return _average([y.figures.delegates for y in self.years])

    @property
    def average_states_per_msp(self):
        return _average([r.figures.states for y in self.years for r in y.msp_rounds])


def _average(values):
    return to_francs(Decimal(sum(values)) / len(values)) if values else None


def multi_year(programme, start, end):
    return MultiYear([year_report(programme, year) for year in range(start, end + 1)],
                     len(_donors(programme.fund_id, start, end)))
