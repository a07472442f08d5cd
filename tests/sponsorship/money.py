"""Contributions and applications, recorded as a user's would be, for the sponsorship tests.

A contribution is written to the financing ledger by sponsorship.services.save_contribution, as
the convention's sponsorship staff record it: a pledge on the programme's fund, the payments
received against it, and its earmark for a round."""

from decimal import Decimal

from financing.models import Contributor
from isu.models import StaffRole
from sponsorship.models import Application, Earmark
from sponsorship.services import save_contribution
from tests import factories

SPONSORSHIP = StaffRole.Role.SPONSORSHIP_STAFF


def recorder(programme):
    """A member of the sponsorship staff of the programme's convention."""
    role = (StaffRole.objects.filter(convention=programme.convention_id, role=SPONSORSHIP)
            .select_related("user").first())
    if role is not None:
        return role.user
    code = programme.convention.code
    return factories.user(f"{code.lower()}.sponsorship.desk", (code, SPONSORSHIP))


def donor(state="AU", organization=None):
    return Contributor.objects.get_or_create(state="" if organization else state,
                                             organization=organization)[0]


def give(programme, amount, year=2017, received=None, state="AU", by=None, **fields):
    """A donor's contribution for the year (received in full unless told), as its pledge."""
    return save_contribution(
        by or recorder(programme), programme, year=year, contributor=donor(state),
        pledged=Decimal(amount), received=Decimal(amount if received is None else received),
        **fields)


def received(pledge):
    return sum((payment.amount for payment in pledge.payments.all()), Decimal(0))


def correct(pledge, by=None, **changes):
    """The contribution of `pledge` saved again with `changes`, as its staff correct it."""
    programme = pledge.fund.sponsorship_programme
    earmark = Earmark.objects.filter(pledge=pledge).first()
    values = {"year": pledge.first_year, "contributor": pledge.contributor,
              "pledged": pledge.amount, "received": received(pledge),
              "currency": pledge.currency, "exchange_rate": pledge.exchange_rate,
              "earmarked_for": earmark.round if earmark else None, "note": pledge.note}
    return save_contribution(by or recorder(programme), programme, pledge=pledge,
                             **values | changes)


def apply(round_, name="Amina Diallo", state="SN", cost=3000, **fields):
    application = Application(round=round_, state=state, delegate_name=name,
                              ticket_estimate=Decimal(cost - 1200),
                              allowance_estimate=Decimal(1080), terminal_estimate=Decimal(120),
                              **fields)
    application.full_clean()
    application.save()
    return application
