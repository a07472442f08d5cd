"""Contributions and applications, validated as a user's would be, for the sponsorship tests."""

from decimal import Decimal

from sponsorship.models import Application, Contribution


def give(programme, amount, year=2017, received=None, state="AU", **fields):
    contribution = Contribution(programme=programme, year=year, state=state,
                                pledged=Decimal(amount),
                                received=Decimal(amount if received is None else received),
                                **fields)
    contribution.full_clean()
    contribution.save()
    return contribution


def apply(round_, name="Amina Diallo", state="SN", cost=3000, **fields):
    application = Application(round=round_, state=state, delegate_name=name,
                              ticket_estimate=Decimal(cost - 1200),
                              allowance_estimate=Decimal(1080), terminal_estimate=Decimal(120),
                              **fields)
    application.full_clean()
    application.save()
    return application
