"""Every write that must respect a round's funds: decisions, changes to an application's costs,
contributions and rounds.

The funds of a round depend on the whole year's pool of its programme (sponsorship/funds.py), so
each write locks its programme's row (select_for_update) before it reads the funds, and checks
them inside the lock: two writes racing for the same money are taken one after the other, and the
second sees what the first committed. A refusal is a FundsRefused error that leaves nothing
saved; the admin shows it on the form that was sent. On SQLite, which has no row locks, a racing
writer waits for the database instead.
"""

import copy
from contextlib import contextmanager
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from isu.models import StaffRole
from isu.roles import convention_ids_with_role
from lib.money import format_money
from sponsorship.funds import funds_for_rounds, require_funds, round_funds
from sponsorship.models import Application, Contribution, Programme, Round

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
    """The FundsRefused that `write` (save_application, save_contribution, save_round) raises
    for the instance as it stands, or None. The write is tried on a copy and undone, so that a
    form shows the reason; the write that counts checks again."""
    try:
        with transaction.atomic():
            write(copy.copy(instance))
            raise _Undone
    except _Undone:
        return None
    except FundsRefused as refusal:
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


def _contribution_pools(contribution):
    pairs = [(contribution.programme_id, contribution.year)]
    if contribution.earmarked_for_id:
        round_ = Round.objects.select_related("meeting").get(pk=contribution.earmarked_for_id)
        pairs.append((round_.programme_id, round_.year))
    return pairs


def _stored(model, pk):
    return model.objects.filter(pk=pk).first() if pk else None


def save_contribution(contribution):
    """Save a contribution; a smaller one must still pay for what its rounds committed."""
    stored = _stored(Contribution, contribution.pk)
    pools = _pools(*_contribution_pools(contribution),
                   *(_contribution_pools(stored) if stored else []))
    with funds_kept(pools):
        contribution.save()
    return contribution


def delete_contribution(contribution):
    with funds_kept(_pools(*_contribution_pools(contribution))):
        contribution.delete()


def save_round(round_):
    """Save a round; moving it to another meeting or year takes its offers along."""
    stored = _stored(Round, round_.pk)
    pairs = [(round_.programme_id, round_.meeting.start_date.year if round_.meeting_id else None)]
    if stored is not None:
        pairs.append((stored.programme_id, stored.year))
    with funds_kept(_pools(*pairs)):
        round_.save()
    return round_
