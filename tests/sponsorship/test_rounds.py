"""Contributions, rounds, decisions and costs: the funds arithmetic and its refusals."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from financing.models import Pledge
from sponsorship.funds import round_funds
from sponsorship.models import Application, Round
from sponsorship.reports import round_report
from sponsorship.services import decide, save_application
from tests import factories
from tests.sponsorship.money import apply, give

Decision = Application.Decision


def test_funds_available_are_what_was_received_less_what_is_committed(programme, seventh,
                                                                      ccm_sponsorship):
    give(programme, 10000, received=6000)
    first = apply(seventh, "Amina Diallo")
    decide(first, Decision.OFFERED, "Article 3 deadline in 2018.", ccm_sponsorship)
    funds = round_funds(seventh)
    assert (funds.pool, funds.committed, funds.available) == (6000, 3000, 3000)


def test_an_offer_beyond_the_funds_is_refused_and_nothing_changes(programme, seventh,
                                                                  ccm_sponsorship):
    give(programme, 5000)
    decide(apply(seventh, "Amina Diallo"), Decision.OFFERED, "Priority.", ccm_sponsorship)
    second = apply(seventh, "Carlos Mendoza", state="CO")
    with pytest.raises(ValidationError) as error:
        decide(second, Decision.OFFERED, "Priority.", ccm_sponsorship)
    assert "would exceed the funds available to the round (CHF 2,000)" in str(error.value)
    assert Application.objects.get(pk=second.pk).decision == Decision.PENDING


def test_a_withdrawal_frees_the_funds(programme, seventh, ccm_sponsorship):
    give(programme, 5000)
    first = decide(apply(seventh, "Amina Diallo"), Decision.OFFERED, "Priority.",
                   ccm_sponsorship)
    second = apply(seventh, "Carlos Mendoza", state="CO")
    decide(first, Decision.WITHDRAWN, "The delegate cannot travel.", ccm_sponsorship)
    decide(second, Decision.OFFERED, "Next on the waiting list.", ccm_sponsorship)
    assert round_funds(seventh).available == Decimal(2000)


def test_an_offer_not_taken_up_frees_the_funds_too(programme, seventh, ccm_sponsorship):
    give(programme, 5000)
    offer = decide(apply(seventh), Decision.OFFERED, "Priority.", ccm_sponsorship)
    offer.taken_up = False
    offer.save()
    assert round_funds(seventh).available == Decimal(5000)


def test_earmarked_money_serves_its_round_only(programme, seventh, ccm_sponsorship):
    intersessional = Round.objects.create(
        programme=programme, meeting=factories.meeting("CCM", "intersessional", None,
                                                       start=date(2017, 5, 2)),
        application_deadline=date(2017, 4, 1), envelope=Decimal(10000), criteria=[])
    give(programme, 4000, earmarked_for=seventh)
    give(programme, 2000, state="DE")
    with pytest.raises(ValidationError):  # the Seventh Meeting's 4,000 is not for it
        decide(apply(intersessional, "Leila Haddad", cost=2500), Decision.OFFERED,
               "Priority.", ccm_sponsorship)
    decide(apply(intersessional, "Omar Ali", state="IQ", cost=1500), Decision.OFFERED,
           "Priority.", ccm_sponsorship)
    funds = round_funds(seventh)
    assert (funds.earmarked, funds.pool, funds.drawn_by_other_rounds) == (4000, 2000, 1500)
    assert funds.available == Decimal(4500)


def test_actual_costs_replace_the_estimates(programme, seventh):
    application = apply(seventh, cost=3000)
    application.ticket_actual, application.allowance_actual = Decimal(1700), Decimal(1080)
    assert application.cost == Decimal(3000)  # not all actual costs are known yet
    application.terminal_actual = Decimal(100)
    assert application.cost == Decimal(2880)


def test_a_decision_after_the_round_closed_is_refused(programme, seventh, ccm_sponsorship):
    give(programme, 5000)
    application = apply(seventh)
    seventh.closed = True
    seventh.save()
    with pytest.raises(ValidationError) as error:
        decide(application, Decision.OFFERED, "Late.", ccm_sponsorship)
    assert "is closed" in str(error.value)


def test_every_decision_gives_its_reason(programme, seventh, ccm_sponsorship):
    with pytest.raises(ValidationError) as error:
        decide(apply(seventh), Decision.DECLINED, " ", ccm_sponsorship)
    assert "Give the reason" in str(error.value)


def test_only_the_conventions_sponsorship_staff_decide(programme, seventh, ccm_officer):
    give(programme, 5000)
    with pytest.raises(PermissionDenied):
        decide(apply(seventh), Decision.OFFERED, "Priority.", ccm_officer)


def test_a_delegate_applies_once_to_a_round(programme, seventh):
    apply(seventh, "Amina Diallo")
    with pytest.raises(ValidationError) as error:
        apply(seventh, "amina diallo")
    assert "already applied to this round" in str(error.value)


def test_costs_are_kept_in_chf(programme, seventh):
    with pytest.raises(ValidationError) as error:
        apply(seventh, cost_currency="EUR")
    assert "convert the amounts to CHF" in str(error.value)


@pytest.mark.parametrize("changes, field", [
    ({"amount": -5}, "pledged"),
    ({"currency": "EUR"}, "exchange_rate"),
    ({"received": 20000}, "received"),
])
def test_impossible_contributions_are_refused_and_nothing_is_recorded(programme, changes,
                                                                      field):
    values = {"amount": 10000, "received": 0} | changes
    with pytest.raises(ValidationError) as error:
        give(programme, **values)
    assert field in error.value.message_dict
    assert not Pledge.objects.exists()


def test_a_contribution_in_euros_counts_in_chf(programme, seventh):
    pledge = give(programme, 10000, currency="EUR", exchange_rate=Decimal("0.94"))
    assert pledge.payments.get().amount_chf == Decimal("9400.00")
    assert round_funds(seventh).pool == Decimal("9400.00")


def test_the_round_report_counts_delegates_states_women_and_cost(programme, seventh,
                                                                 ccm_sponsorship):
    give(programme, 20000)
    for name, state, gender, first in [("Amina Diallo", "SN", "woman", True),
                                       ("Carlos Mendoza", "CO", "man", False),
                                       ("Grace Okoro", "SN", "woman", False)]:
        decide(apply(seventh, name, state=state, gender=gender, first_time=first),
               Decision.OFFERED, "Priority.", ccm_sponsorship)
    waitlisted = apply(seventh, "Omar Ali", state="IQ")
    decide(waitlisted, Decision.WAITLISTED, "No funds left after the first three.",
           ccm_sponsorship)
    report = round_report(seventh)
    figures = report.figures
    assert (figures.delegates, figures.states, figures.women, figures.first_time) == (3, 2, 2, 1)
    assert (figures.women_percent, figures.cost_per_delegate) == (Decimal("66.7"), Decimal(3000))
    assert report.funds_available == Decimal(11000)


def test_a_round_is_for_a_meeting_of_the_programmes_convention(programme, apmbc):
    meeting = factories.meeting("APMBC", "msp", 22, start=date(2025, 12, 1))
    with pytest.raises(ValidationError):
        Round(programme=programme, meeting=meeting, application_deadline=date(2025, 10, 1),
              envelope=Decimal(1)).full_clean()


def test_an_offer_cannot_grow_beyond_the_funds_afterwards(programme, seventh, ccm_sponsorship):
    give(programme, 5000)
    offer = decide(apply(seventh), Decision.OFFERED, "Priority.", ccm_sponsorship)
    offer.ticket_estimate = Decimal(3000)  # 4,200 in all: still within 5,000
    offer.full_clean()
    save_application(offer)
    offer.ticket_estimate = Decimal(90000)
    offer.full_clean()  # the funds are checked where the change is saved
    with pytest.raises(ValidationError) as error:
        save_application(offer)
    assert "would exceed the funds available to the round (CHF 5,000)" in str(error.value)


def test_an_offer_stays_in_its_round_and_a_closed_round_keeps_its_estimates(
        programme, seventh, ccm_sponsorship):
    give(programme, 5000)
    offer = decide(apply(seventh), Decision.OFFERED, "Priority.", ccm_sponsorship)
    other = Round.objects.create(programme=programme, meeting=factories.meeting(
        "CCM", "msp", 8, start=date(2018, 9, 3)), application_deadline=date(2018, 7, 1),
        envelope=Decimal(1))
    offer.round = other
    with pytest.raises(ValidationError):
        save_application(offer)
    offer.round = seventh
    seventh.closed = True
    seventh.save()
    offer.ticket_estimate = Decimal(100)
    with pytest.raises(ValidationError) as error:
        save_application(offer)
    assert "record the actual costs" in str(error.value)
    offer.ticket_estimate = Decimal(1800)
    offer.ticket_actual, offer.allowance_actual, offer.terminal_actual = (
        Decimal(2500), Decimal(1080), Decimal(120))
    save_application(offer)  # what was spent is recorded as it is
    assert Application.objects.get(pk=offer.pk).cost == Decimal(3700)
