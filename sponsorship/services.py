"""Every write that must respect a round's funds: decisions, changes to an application's costs,
contributions and rounds.

A donor's contribution is kept in the financing ledger, on the programme's fund: a pledge for
the year, the payments received against it, and here its earmark for a round, if any. It is
written through financing/services.py (record_pledge, record_payment, check_scope: the
convention's finance staff, its head, and its sponsorship staff for this fund only).

The funds of a round depend on the whole year's pool of its programme (sponsorship/funds.py), so
each write locks its programme's row (select_for_update) before it reads the funds, and checks
them inside the lock: two writes racing for the same money are taken one after the other, and the
second sees what the first committed. A refusal is a FundsRefused error that leaves nothing
saved; the admin shows it on the form that was sent. On SQLite, which has no row locks, a racing
writer waits for the database instead.
"""

import copy
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from financing.models import CHF, BankLine, Fund, Pledge
from financing.services import check_scope, record_payment, record_pledge
from isu.models import StaffRole
from isu.roles import convention_ids_with_role
from lib.languages import LANGUAGE_CODES
from lib.money import format_money
from lib.translated_fields import localized
from sponsorship.funds import funds_for_rounds, require_funds, round_funds
from sponsorship.models import Application, Earmark, Programme, Round

Decision = Application.Decision
ZERO = Decimal(0)
ESTIMATES = ("ticket_estimate", "allowance_estimate", "terminal_estimate")
# Written by decide() only: an edit of the application never writes them back.
DECISION_FIELDS = ("decision", "decision_reason", "decided_on")


class FundsRefused(ValidationError):
    """A write refused because of the funds; nothing of it was saved."""


class _Undone(Exception):
    """Undoes a write that was only tried."""


def refusal_of(write, instance):
    """The FundsRefused that `write` (save_application, save_round) raises for the instance as
    it stands, or None. The write is tried on a copy and undone, so that a
    form shows the reason; the write that counts checks again."""
    try:
        with transaction.atomic():
            write(copy.copy(instance))
            raise _Undone
    except _Undone:
        return None
    except FundsRefused as refusal:
        return refusal


def refusal_of_call(write):
    """The ValidationError or PermissionDenied that `write()` raises, or None; the write is only
    tried, and undone, so that a form shows the reason; the write that counts checks again."""
    try:
        with transaction.atomic():
            write()
            raise _Undone
    except _Undone:
        return None
    except (ValidationError, PermissionDenied) as refusal:
        return refusal


def may_run_sponsorship(user, convention_id):
    return convention_id in convention_ids_with_role(user, StaffRole.Role.SPONSORSHIP_STAFF)


def lock_programmes(programme_ids):
    """Lock the programmes whose funds a write changes, always in the same order."""
    ids = sorted({pk for pk in programme_ids if pk is not None})
    list(Programme.objects.select_for_update().filter(pk__in=ids).order_by("pk")
         .values_list("pk", flat=True))


def lock_round(round_id):
    """The round, locked together with its programme's funds."""
    locked = set()
    while True:  # a round moved to another programme meanwhile takes that one's lock too
        programme_id = Round.objects.values_list("programme_id", flat=True).get(pk=round_id)
        if programme_id in locked:
            break
        lock_programmes([programme_id])
        locked.add(programme_id)
    return Round.objects.select_for_update(of=("self",)).select_related(
        "meeting", "programme").get(pk=round_id)


@transaction.atomic
def decide(application, decision, reason, user, on=None):
    """Record the decision on an application, refusing an offer the round cannot pay for."""
    round_ = lock_round(application.round_id)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.round_id != round_.pk:
        round_ = lock_round(application.round_id)
    if not may_run_sponsorship(user, round_.programme.convention_id):
        raise PermissionDenied(_("Only the sponsorship staff of this convention decide on "
                                 "applications."))
    if round_.closed:
        raise ValidationError(_("The round for the %(meeting)s is closed: no decision can be "
                                "recorded.") % {"meeting": round_.meeting.name})
    if decision not in (Decision.OFFERED, Decision.WAITLISTED, Decision.DECLINED,
                        Decision.WITHDRAWN):
        raise ValidationError(_("Choose offered, waitlisted, declined or withdrawn."))
    if decision == Decision.WITHDRAWN and application.decision != Decision.OFFERED:
        raise ValidationError(_("Only an offer can be withdrawn."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for the decision."))
    if decision == Decision.OFFERED and not application.commits_funds:
        try:
            require_funds(application.cost, round_funds(round_).available, _(
                "Offering this sponsorship (%(cost)s) would exceed the funds available to the "
                "round (%(available)s)."))
        except ValidationError as error:
            raise FundsRefused(error.messages) from None
    application.decision = decision
    application.decision_reason = reason
    application.decided_on = on or timezone.localdate()
    application.save(update_fields=["decision", "decision_reason", "decided_on"])
    return application


def check_application_change(application, before):
    """Refuse a change to an application that its offer's funds do not allow. `before` is the
    stored application (None for a new one, which is pending and commits nothing); the decision
    is the stored one, whatever the edited copy holds.

    An offer stays in its round; a closed round keeps its estimates (what was spent is recorded
    as it is, in the actual costs); in an open round, a dearer offer, or an offer taken up again
    after it was not, must fit the funds available."""
    if before is None:
        return
    committed_before = before.commits_funds
    commits_after = before.decision == Decision.OFFERED and application.taken_up is not False
    if not (committed_before or commits_after):
        return
    if application.round_id != before.round_id:
        raise FundsRefused({"round": _(
            "An offered sponsorship stays in its round: withdraw it, then apply again.")})
    if before.round.closed:
        if any(getattr(application, f) != getattr(before, f) for f in ESTIMATES):
            raise FundsRefused(_("The round is closed: its estimates are kept; record the "
                                 "actual costs instead."))
        return
    freed = before.cost if committed_before else ZERO
    if commits_after and application.cost > freed:
        try:
            require_funds(application.cost, round_funds(before.round).available + freed, _(
                "This cost (%(cost)s) would exceed the funds available to the round "
                "(%(available)s)."))
        except ValidationError as error:
            raise FundsRefused(error.messages) from None


@transaction.atomic
def save_application(application):
    """Save an application (its delegate, costs, whether the offer was taken up), checking the
    funds inside the lock. Its decision is left as stored: decide() alone changes it."""
    stored_round = (Application.objects.filter(pk=application.pk)
                    .values_list("round__programme_id", flat=True).first()
                    if application.pk else None)
    lock_programmes([stored_round, Round.objects.filter(pk=application.round_id)
                     .values_list("programme_id", flat=True).first()])
    before = (Application.objects.select_for_update(of=("self",)).select_related("round__meeting")
              .filter(pk=application.pk).first() if application.pk else None)
    if before is None:  # a new application is pending until decided
        application.decision, application.decision_reason, application.decided_on = (
            Decision.PENDING, "", None)
        application.save()
        return application
    for field in DECISION_FIELDS:
        setattr(application, field, getattr(before, field))
    check_application_change(application, before)
    application.save(update_fields=[
        f.name for f in Application._meta.concrete_fields
        if not f.primary_key and f.name not in DECISION_FIELDS])
    return application


def _pools(*pairs):
    return {(programme, year) for programme, year in pairs if programme and year}


def _rounds_of(pools):
    wanted = Q(pk__in=[])
    for programme, year in pools:
        wanted |= Q(programme=programme, meeting__start_date__year=year)
    return Round.objects.filter(wanted).select_related("meeting")


@contextmanager
def funds_kept(pools):
    """Lock the programmes of the given (programme, year) pools around a write, and refuse the
    write if it leaves a round of those pools with less than it has committed (a round that was
    already short may not be made shorter)."""
    with transaction.atomic():
        lock_programmes(programme for programme, _year in pools)
        before = funds_for_rounds(_rounds_of(pools))
        yield
        rounds = list(_rounds_of(pools))
        after = funds_for_rounds(rounds)
        for round_ in rounds:
            funds = after[round_.pk]
            previous = before[round_.pk].available if round_.pk in before else ZERO
            if funds.available < ZERO and funds.available < previous:
                language = get_language()
                raise FundsRefused(_(
                    "The round for the %(meeting)s has committed %(committed)s: this change "
                    "would leave it %(short)s short.") % {
                    "meeting": round_.meeting.name,
                    "committed": format_money(funds.committed, language),
                    "short": format_money(-funds.available, language)})


def ledger_guard(fund, years):
    """The guard financing keeps on the programme's fund (financing/guards.py): a correction or
    deletion made on the financing pages leaves no round with less than it has committed."""
    programme = Programme.objects.filter(fund=fund).values_list("pk", flat=True).first()
    return funds_kept(_pools(*((programme, year) for year in years)))


def default_value_date(year):
    """The value date of money received for `year` when none is given: the year's last day, or
    today if that is still to come."""
    return min(date(year, 12, 31), timezone.localdate())


def programme_fund(programme):
    """The programme's fund in the financing ledger, opened on its first contribution (as
    stored: a fund opened by a write that was undone is opened again)."""
    fund = Fund.objects.filter(sponsorship_programme=programme.pk).first()
    if fund is None:
        fund = Fund(convention_id=programme.convention_id, kind=Fund.Kind.SPONSORSHIP)
        for code in LANGUAGE_CODES:  # named as the programme is, in every language
            with translation.override(code):
                setattr(fund, localized("name", code), _("Sponsorship programme"))
        fund.save()
        Programme.objects.filter(pk=programme.pk).update(fund=fund)
    programme.fund = fund
    return fund


def _pledge_pools(programme_id, pledge):
    pairs = [(programme_id, year) for year in pledge.years]
    earmark = Earmark.objects.filter(pledge=pledge).select_related("round__meeting").first()
    if earmark is not None:
        pairs.append((earmark.round.programme_id, earmark.round.year))
    return pairs


def _not_from_the_bank(payments):
    if any(BankLine.objects.filter(payment=payment).exists() for payment in payments):
        raise ValidationError({"received": _(
            "Money received from a bank entry is corrected on the financing pages.")})


def _received_is(user, pledge, payments, received, value_date):
    """Make what the pledge's payments add up to `received`: a further payment for more, the
    latest payments cut or deleted for less."""
    total = sum((payment.amount for payment in payments), ZERO)
    if received > total:
        record_payment(user, contributor=pledge.contributor, fund=pledge.fund,
                       year=pledge.first_year,
                       value_date=value_date or default_value_date(pledge.first_year),
                       amount=received - total, currency=pledge.currency,
                       exchange_rate=pledge.exchange_rate, pledge=pledge)
        return
    excess = total - received
    cut = []
    for payment in sorted(payments, key=lambda p: (p.value_date, p.pk), reverse=True):
        if excess <= 0:
            break
        cut.append(payment)
        excess -= payment.amount
    _not_from_the_bank(cut)
    kept = cut.pop() if excess < 0 else None  # the earliest of those cut keeps the rest
    for payment in cut:
        payment.delete()
    if kept is not None:
        kept.amount = -excess
        kept.full_clean()
        kept.save()


def save_contribution(user, programme, *, year, contributor, pledged, received=ZERO,
                      currency=CHF, exchange_rate=None, earmarked_for=None, note="",
                      value_date=None, pledge=None):
    """Record a donor's contribution to the programme for a year, or correct one (`pledge`, its
    pledge on the programme's fund): the pledge, the money received against it (one payment,
    or the payments corrected to add up to `received`) and its earmark for a round. Written
    through the financing ledger's services, by its finance staff or the programme's staff
    (financing.services.check_scope); a smaller contribution must still pay for what its
    rounds committed. Raises ValidationError or FundsRefused, saving nothing."""
    pledged, received = Decimal(pledged), Decimal(received or 0)
    rate = Decimal(1) if currency == CHF else exchange_rate
    errors = {}
    if rate is None:
        errors["exchange_rate"] = _("A contribution in another currency needs its exchange rate "
                                    "to CHF.")
    if pledged <= 0:
        errors["pledged"] = _("An amount must be greater than zero.")
    if received < 0:
        errors["received"] = _("An amount cannot be negative.")
    elif received > pledged > 0:
        errors["received"] = _("More cannot be received than was pledged.")
    if errors:
        raise ValidationError(errors)
    pairs = [(programme.pk, year)]
    if earmarked_for is not None:
        pairs.append((earmarked_for.programme_id, earmarked_for.year))
    if pledge is not None:
        pairs += _pledge_pools(programme.pk, pledge)
    with funds_kept(_pools(*pairs)):
        fund = programme_fund(programme)
        if pledge is None:
            pledge = record_pledge(user, contributor=contributor, fund=fund, first_year=year,
                                   amount=pledged, currency=currency, exchange_rate=rate,
                                   note=note)
            payments = []
        else:
            check_scope(user, programme.convention_id, fund)
            pledge = Pledge.objects.select_for_update().filter(pk=pledge.pk, fund=fund).first()
            if pledge is None:
                raise Http404
            if pledge.first_year != pledge.last_year:
                raise ValidationError(_("This pledge covers several years: correct it on the "
                                        "financing pages."))
            payments = list(pledge.payments.all())
            if received < sum((p.amount for p in payments), ZERO) or any(
                    (p.currency, p.exchange_rate) != (currency, rate) for p in payments):
                _not_from_the_bank(payments)
            pledge.contributor, pledge.first_year, pledge.last_year = contributor, year, year
            pledge.amount, pledge.currency, pledge.exchange_rate = pledged, currency, rate
            pledge.note = note
            pledge.full_clean()
            pledge.save()
            for payment in payments:  # one currency and rate for the whole contribution
                payment.contributor, payment.year = contributor, year
                payment.currency, payment.exchange_rate = currency, rate
                payment.full_clean()
                payment.save()
        _received_is(user, pledge, payments, received, value_date)
        Earmark.objects.filter(pledge=pledge).delete()
        if earmarked_for is not None:
            earmark = Earmark(pledge=pledge, round=earmarked_for)
            earmark.full_clean()
            earmark.save()
    return pledge


def delete_contribution(user, programme, pledge):
    """Delete a contribution (its pledge, its payments and its earmark), unless its rounds
    committed the money."""
    with funds_kept(_pools(*_pledge_pools(programme.pk, pledge))):
        fund = Fund.objects.filter(sponsorship_programme=programme.pk).first()
        if fund is None:
            raise Http404
        check_scope(user, programme.convention_id, fund)
        pledge = Pledge.objects.select_for_update().filter(pk=pledge.pk, fund=fund).first()
        if pledge is None:
            raise Http404
        payments = list(pledge.payments.all())
        _not_from_the_bank(payments)
        Earmark.objects.filter(pledge=pledge).delete()
        for payment in payments:
            payment.delete()
        pledge.delete()


def _stored(model, pk):
    return model.objects.filter(pk=pk).first() if pk else None


def save_round(round_):
    """Save a round; moving it to another meeting or year takes its offers along."""
    stored = _stored(Round, round_.pk)
    pairs = [(round_.programme_id, round_.meeting.start_date.year if round_.meeting_id else None)]
    if stored is not None:
        pairs.append((stored.programme_id, stored.year))
    with funds_kept(_pools(*pairs)):
        round_.save()
    return round_
