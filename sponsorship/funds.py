"""The funds arithmetic of a round.

The money is what the programme's fund in the financing ledger received for the year: the CHF
equivalents of its payments for that year. A payment against a pledge earmarked for a round
(sponsorship.models.Earmark) of that year serves that round only; the rest of the year's
received money is a pool shared by the year's rounds. A round commits the cost of each offer
not withdrawn or turned down; what it commits beyond its earmarked money is drawn from the pool.
So:

    available(round) = earmarked(round) + pool(year)
                       − committed(round) − drawn from the pool by the year's other rounds
"""

from dataclasses import dataclass
from decimal import Decimal

from financing.models import Payment
from sponsorship.models import Programme, Round

ZERO = Decimal(0)


@dataclass
class Funds:
    earmarked: Decimal
    pool: Decimal
    committed: Decimal
    drawn_by_other_rounds: Decimal

    @property
    def available(self):
        return self.earmarked + self.pool - self.committed - self.drawn_by_other_rounds


def committed(round_):
    return sum((a.cost for a in round_.applications.all() if a.commits_funds), ZERO)


def funds_for_rounds(rounds):
    """{round id: Funds} for the given rounds, in a fixed number of queries."""
    rounds = list(rounds)
    keys = {(r.programme_id, r.year) for r in rounds}
    if not keys:
        return {}
    programmes = {programme for programme, _year in keys}
    years = {year for _programme, year in keys}
    fund_of = dict(Programme.objects.filter(pk__in=programmes, fund__isnull=False)
                   .values_list("fund_id", "pk"))
    payments = Payment.objects.filter(fund__in=fund_of, year__in=years).values_list(
        "fund_id", "year", "amount_chf", "pledge__sponsorship_earmark__round_id",
        "pledge__sponsorship_earmark__round__meeting__start_date")
    peers = (Round.objects.filter(programme__in=programmes, meeting__start_date__year__in=years)
             .select_related("meeting").prefetch_related("applications"))
    earmarked, pools = {}, {}
    for fund_id, year, amount, round_id, round_start in payments:
        if round_id is not None and round_start.year == year:
            earmarked[round_id] = earmarked.get(round_id, ZERO) + amount
        else:
            key = (fund_of[fund_id], year)
            pools[key] = pools.get(key, ZERO) + amount
    spent, drawn = {}, {}
    for peer in peers:
        key = (peer.programme_id, peer.year)
        spent[peer.pk] = committed(peer)
        drawn[key] = drawn.get(key, ZERO) + max(ZERO, spent[peer.pk] - earmarked.get(peer.pk, ZERO))
    result = {}
    for round_ in rounds:
        key = (round_.programme_id, round_.year)
        own_draw = max(ZERO, spent.get(round_.pk, ZERO) - earmarked.get(round_.pk, ZERO))
        result[round_.pk] = Funds(earmarked.get(round_.pk, ZERO), pools.get(key, ZERO),
                                  spent.get(round_.pk, ZERO), drawn.get(key, ZERO) - own_draw)
    return result


def round_funds(round_):
    return funds_for_rounds([round_])[round_.pk]


def require_funds(cost, available, message):
    """Refuse a cost beyond what is available; `message` names %(cost)s and %(available)s."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import get_language

    from lib.money import format_money

    if cost > available:
        raise ValidationError(message % {"cost": format_money(cost, get_language()),
                                         "available": format_money(available, get_language())})
