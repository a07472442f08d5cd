"""The one write path of financing: pledges, payments, reserve movements and the assessment of
states parties under a formula; and the apportionment of a budget between states.

Scope: a user records for a convention whose financing they keep (isu.roles.may_keep_accounts:
its finance staff and the head of the ISU); another convention's records are a 404, and its
other staff are refused. Each write is validated in full (full_clean) and is one transaction.

Apportionment (apportion()), the rule written down:
1. The budget is shared in proportion to the states' shares. A state whose proportional amount
   falls below the floor pays the floor, one above the ceiling pays the ceiling; those states
   are fixed and the rest re-scaled to what remains, until no state moves. The result is the
   level λ at which Σ min(max(λ × share, floor), ceiling) equals the total; it is found exactly
   (in fractions, not floats) from the points where states reach their floor or ceiling.
2. Each exact amount is rounded down to the centime; the centimes still missing to reach the
   total (fewer than the number of states) go one each to the states with the largest
   remainders, ties to the state whose code comes first. The amounts then add up exactly to
   the total, to the centime, whatever the order the shares were given in; no state goes below
   the floor or above the ceiling, since those are whole centimes.
3. A total that the floors alone exceed, or that the ceilings cannot reach, is refused.
"""

from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from budgets.editing import version_of
from budgets.figures import compute
from budgets.figures import fetch as fetch_budget
from financing import guards
from financing.models import (
    CHF,
    Assessment,
    BankLine,
    ContributionMethod,
    Contributor,
    Fund,
    Payment,
    Pledge,
    ReserveMovement,
    lowest_balance,
)
from isu.models import Participation, StaffRole
from isu.roles import convention_ids_with_role, may_keep_accounts, may_see
from lib.money import CENTIME

CENTIMES = 100


def check_scope(user, convention_id, fund=None):
    """A 404 for another convention's records; refused for its staff who do not edit. The
    sponsorship staff of the convention also record what donors give to its sponsorship fund
    (`fund` of kind sponsorship), and nothing else."""
    if not may_see(user, convention_id):
        raise Http404
    if may_keep_accounts(user, convention_id):
        return
    if (fund is not None and fund.kind == Fund.Kind.SPONSORSHIP and convention_id
            in convention_ids_with_role(user, StaffRole.Role.SPONSORSHIP_STAFF)):
        return
    raise PermissionDenied(_("Only the ISU's finance staff and its head keep its financing."))


def _rate(currency, exchange_rate):
    """The rate to CHF as given: 1 for CHF, None if not given (the models refuse an amount in
    another currency without its rate: financing.models.rate_not_given())."""
    if currency == CHF:
        return Decimal(1) if exchange_rate in (None, "") else Decimal(exchange_rate)
    return None if exchange_rate in (None, "") else Decimal(exchange_rate)


def _saved(row):
    row.full_clean()
    row.save()
    return row


# -- the ledger -------------------------------------------------------------------------------

@transaction.atomic
def record_pledge(user, *, contributor, fund, first_year, amount, last_year=None,
                  currency=CHF, exchange_rate=None, note=""):
    """A pledge; `exchange_rate`: CHF per unit of its currency, None for CHF (the rate 1)."""
    check_scope(user, fund.convention_id, fund)
    return _saved(Pledge(contributor=contributor, fund=fund, first_year=first_year,
                         last_year=last_year or first_year, amount=Decimal(amount),
                         currency=currency, exchange_rate=_rate(currency, exchange_rate),
                         note=note))


@transaction.atomic
def record_payment(user, *, contributor, fund, year, value_date, amount, currency=CHF,
                   exchange_rate=None, reference="", pledge=None, assessment=None):
    """A payment received; the same reference twice for a fund is refused, so that a payment
    is never counted twice. `exchange_rate`: CHF per unit of its currency, None for CHF."""
    check_scope(user, fund.convention_id, fund)
    Fund.objects.select_for_update().filter(pk=fund.pk).first()
    return _saved(Payment(contributor=contributor, fund=fund, year=year, value_date=value_date,
                          amount=Decimal(amount), currency=currency,
                          exchange_rate=_rate(currency, exchange_rate),
                          reference=reference.strip(),
                          pledge=pledge, assessment=assessment, recorded_by=user))


@transaction.atomic
def record_reserve_movement(user, *, fund, date, kind, amount, purpose="", reason_en="",
                            reason_zh_hans=""):
    """A draw or a replenishment; the reserve is locked, so that two draws at once cannot take
    its balance below zero."""
    check_scope(user, fund.convention_id)
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    if kind == ReserveMovement.Kind.REPLENISHMENT:
        purpose = ""
    return _saved(ReserveMovement(fund=fund, date=date, kind=kind, amount=Decimal(amount),
                                  purpose=purpose, reason_en=reason_en,
                                  reason_zh_hans=reason_zh_hans, recorded_by=user))


# -- apportionment ----------------------------------------------------------------------------

def _level(total, shares, floor, ceiling):
    """λ at which Σ clamp(λ × share) = total (step 1 of the module's rule)."""

    def clamp(value):
        value = max(value, floor)
        return value if ceiling is None else min(value, ceiling)

    def paid(level):
        return sum(clamp(level * share) for share in shares.values())

    points = {Fraction(0)} | {floor / share for share in shares.values()}
    if ceiling is not None:
        points |= {ceiling / share for share in shares.values()}
    points = sorted(points)
    low, high = 0, len(points) - 1
    if paid(points[high]) <= total:
        low = high
    else:  # the last point with paid(point) <= total
        while high - low > 1:
            middle = (low + high) // 2
            if paid(points[middle]) <= total:
                low = middle
            else:
                high = middle
    start = points[low]
    end = points[low + 1] if low + 1 < len(points) else None
    fixed, free = Fraction(0), Fraction(0)
    for share in shares.values():
        if ceiling is not None and ceiling / share <= start:
            fixed += ceiling
        elif end is not None and floor / share >= end:
            fixed += floor
        else:
            free += share
    return start if not free else (total - fixed) / free, clamp


def apportion(budget_total, shares, floor=None, ceiling=None):
    """{country: amount in CHF} for `budget_total` shared by `shares` ({country: percent}),
    with an optional floor and ceiling in CHF, summing exactly to the total (the module's
    rule)."""
    total = Decimal(budget_total)
    if total < 0 or total != total.quantize(CENTIME):
        raise ValidationError(_("The total to share must be an amount of zero or more, in "
                                "centimes."))
    if not shares:
        raise ValidationError(_("There is no state to share the budget between."))
    if any(Decimal(share) <= 0 for share in shares.values()):
        raise ValidationError(_("Every state's share must be greater than zero."))
    for bound in (floor, ceiling):
        if bound is not None and (Decimal(bound) < 0
                                  or Decimal(bound) != Decimal(bound).quantize(CENTIME)):
            raise ValidationError(_("A floor or a ceiling is an amount of zero or more, in "
                                    "centimes."))
    if floor is not None and ceiling is not None and Decimal(floor) > Decimal(ceiling):
        raise ValidationError(_("The floor cannot be above the ceiling."))
    count = len(shares)
    low = Fraction(Decimal(floor or 0))
    high = None if ceiling is None else Fraction(Decimal(ceiling))
    exact_total = Fraction(total)
    if low * count > exact_total:
        raise ValidationError(_(
            "The total, CHF %(total)s, is less than the floors of the %(count)s states "
            "(CHF %(floors)s).") % {"total": f"{total:,.2f}", "count": count,
                                    "floors": f"{Decimal(floor) * count:,.2f}"})
    if high is not None and high * count < exact_total:
        raise ValidationError(_(
            "The ceilings of the %(count)s states (CHF %(ceilings)s) cannot reach the total, "
            "CHF %(total)s.") % {"total": f"{total:,.2f}", "count": count,
                                  "ceilings": f"{Decimal(ceiling) * count:,.2f}"})
    fractions = {country: Fraction(Decimal(share)) for country, share in shares.items()}
    level, clamp = _level(exact_total, fractions, low, high)
    exact = {country: clamp(level * share) for country, share in fractions.items()}
    centimes = {country: (amount * CENTIMES).numerator // (amount * CENTIMES).denominator
                for country, amount in exact.items()}
    missing = int(exact_total * CENTIMES) - sum(centimes.values())
    by_remainder = sorted(exact, key=lambda c: (-(exact[c] * CENTIMES - centimes[c]), str(c)))
    for country in by_remainder[:missing]:
        centimes[country] += 1
    return {country: (Decimal(value) / CENTIMES).quantize(CENTIME)
            for country, value in centimes.items()}


# -- assessment -------------------------------------------------------------------------------

@transaction.atomic
def assess(user, convention, fund, year, budget):
    """Write the year's assessments of the fund: the budget the meeting adopted, shared by the
    formula between the states that were parties on the date of its adoption. Assessments of
    the year not yet paid are replaced; once any is paid, they stay."""
    check_scope(user, convention.pk)
    method = ContributionMethod.objects.select_related("scale").filter(
        convention=convention).first()
    if method is None or method.kind != ContributionMethod.Kind.FORMULA:
        raise ValidationError(_("The states parties contribute voluntarily: nothing is "
                                "assessed."))
    budget = fetch_budget(budget.pk)
    if fund.convention_id != convention.pk or budget.plan.convention_id != convention.pk:
        raise ValidationError(_("The fund and the budget must be the convention's."))
    if budget.year != year:
        raise ValidationError(_("The budget is not the budget of %(year)s.") % {"year": year})
    adopted_on = budget.plan.adopted_on
    if adopted_on is None:
        raise ValidationError(_("The budget is not adopted yet: there is nothing to assess."))
    parties = sorted(str(country) for country in Participation.objects.filter(
        convention=convention).parties_on(adopted_on).values_list("country", flat=True))
    scale = {str(row.country): row.share for row in method.scale.shares.all()}
    missing = [country for country in parties if country not in scale]
    if missing:
        raise ValidationError(_("The scale has no share for: %(states)s.")
                              % {"states": ", ".join(missing)})
    amounts = apportion(compute(budget).total, {c: scale[c] for c in parties},
                        method.floor, method.ceiling)
    existing = Assessment.objects.filter(fund=fund, year=year)
    if Payment.objects.filter(assessment__in=existing).exists():
        raise ValidationError(_("Payments settle this year's assessments already: they are "
                                "no longer recalculated."))
    existing.delete()
    contributors = {str(c.state): c for c in Contributor.objects.filter(state__in=parties)}
    for country in parties:
        if country not in contributors:
            contributors[country] = Contributor.objects.create(state=country)
    return [Assessment.objects.create(contributor=contributors[country], fund=fund, year=year,
                                      amount=amounts[country], budget=budget,
                                      scale=method.scale)
            for country in parties]


# -- corrections of the ledger ----------------------------------------------------------------
#
# A row is corrected or deleted only as the user saw it: the form carries the row's version (a
# digest of its stored values, budgets.editing.version_of); a row changed or deleted since it
# was opened is refused, and nothing is saved. A pledge that payments settle stays (and keeps
# its contributor); a payment recorded from a bank entry keeps its amount and currency and is
# undone on the bank page; no change to a reserve's movements may take its balance below zero
# on any day. A payment's CHF equivalent follows its amount and rate (Payment.save()).

def _current(model, fund, row_id, version, lock=True):
    """The fund's row, locked for the transaction, if it is still as the user saw it."""
    rows = model.objects.select_for_update() if lock else model.objects
    row = rows.filter(pk=row_id, fund=fund).first()
    if row is None:
        raise ValidationError(_("This %(row)s no longer exists: someone deleted it since you "
                                "opened it. Nothing was saved.")
                              % {"row": model._meta.verbose_name})
    if version is not None and version != version_of(row):
        raise ValidationError(_("This %(row)s was changed by someone else since you opened it. "
                                "Nothing was saved: open it again to see their values.")
                              % {"row": model._meta.verbose_name})
    return row


def _corrected(row, values, fields):
    unknown = set(values) - set(fields)
    if unknown:
        raise ValueError(f"not a field to correct: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        setattr(row, name, value)
    return _saved(row)


PLEDGE_FIELDS = ("contributor", "first_year", "last_year", "amount", "currency",
                 "exchange_rate", "note")
PAYMENT_FIELDS = ("contributor", "year", "value_date", "amount", "currency", "exchange_rate",
                  "reference", "pledge", "assessment")
MOVEMENT_FIELDS = ("date", "kind", "amount", "purpose", "reason_en", "reason_zh_hans")


@transaction.atomic
def update_pledge(user, fund, pledge_id, *, version=None, **values):
    """Correct a pledge; one that payments settle keeps its contributor."""
    check_scope(user, fund.convention_id, fund)
    pledge = _current(Pledge, fund, pledge_id, version)
    if ("contributor" in values and values["contributor"].pk != pledge.contributor_id
            and pledge.payments.exists()):
        raise ValidationError({"contributor": _(
            "Payments settle this pledge: it keeps its contributor.")})
    if not values.get("last_year", pledge.last_year):
        values["last_year"] = values.get("first_year", pledge.first_year)
    years = [*pledge.years, *range(values.get("first_year", pledge.first_year),
                                   values.get("last_year", pledge.last_year) + 1)]
    with guards.kept(fund, years):
        return _corrected(pledge, values, PLEDGE_FIELDS)


@transaction.atomic
def delete_pledge(user, fund, pledge_id, *, version=None):
    """Delete a pledge no payment settles."""
    check_scope(user, fund.convention_id, fund)
    pledge = _current(Pledge, fund, pledge_id, version)
    settled = pledge.payments.count()
    if settled:
        raise ValidationError(_(
            "This pledge cannot be deleted: %(count)s payment(s) settle it. Correct or delete "
            "those payments first.") % {"count": settled})
    with guards.kept(fund, pledge.years):
        pledge.delete()


def _bank_line(payment):
    return BankLine.objects.filter(payment=payment).first()


@transaction.atomic
def update_payment(user, fund, payment_id, *, version=None, **values):
    """Correct a payment. One recorded from a bank entry keeps the bank's amount and currency."""
    check_scope(user, fund.convention_id, fund)
    Fund.objects.select_for_update().filter(pk=fund.pk).first()
    payment = _current(Payment, fund, payment_id, version)
    if "reference" in values:
        values["reference"] = values["reference"].strip()
    if _bank_line(payment) is not None:
        changed = [name for name in ("amount", "currency")
                   if name in values and values[name] != getattr(payment, name)]
        if changed:
            raise ValidationError({name: _(
                "This payment was recorded from a bank entry: its amount and currency are the "
                "bank's. Undo it on the bank page to change them.") for name in changed})
    with guards.kept(fund, [payment.year, values.get("year", payment.year)]):
        return _corrected(payment, values, PAYMENT_FIELDS)


@transaction.atomic
def delete_payment(user, fund, payment_id, *, version=None):
    """Delete a payment recorded by hand; one from a bank entry is undone on the bank page."""
    check_scope(user, fund.convention_id, fund)
    payment = _current(Payment, fund, payment_id, version)
    if _bank_line(payment) is not None:
        raise ValidationError(_("This payment was recorded from a bank entry: undo it on the "
                                "bank page."))
    with guards.kept(fund, [payment.year]):
        payment.delete()


@transaction.atomic
def update_reserve_movement(user, fund, movement_id, *, version=None, **values):
    """Correct a draw or a replenishment; the reserve is locked, and the corrected movement may
    not take its balance below zero on any day (ReserveMovement.clean())."""
    check_scope(user, fund.convention_id, fund)
    Fund.objects.select_for_update().filter(pk=fund.pk).first()
    movement = _current(ReserveMovement, fund, movement_id, version)
    if values.get("kind", movement.kind) == ReserveMovement.Kind.REPLENISHMENT:
        values["purpose"] = ""
    return _corrected(movement, values, MOVEMENT_FIELDS)


@transaction.atomic
def delete_reserve_movement(user, fund, movement_id, *, version=None):
    """Delete a movement, unless the reserve's balance would then fall below zero on some day
    (a replenishment that later draws spent)."""
    check_scope(user, fund.convention_id)
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    movement = _current(ReserveMovement, fund, movement_id, version)
    nothing = ReserveMovement(pk=movement.pk, fund=fund, date=movement.date, kind=movement.kind,
                              amount=Decimal(0))
    lowest = lowest_balance(fund, nothing)
    if lowest < 0:
        raise ValidationError(_(
            "Deleting this movement would take the reserve's balance below zero (short by CHF "
            "%(short)s): the draws after it need it.") % {"short": f"{-lowest:,.2f}"})
    movement.delete()
