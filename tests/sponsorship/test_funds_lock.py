"""Every write that must respect a round's funds goes through sponsorship/services.py, which
checks them under the programme's lock: an edit racing a decision cannot commit more than the
round holds."""

import threading
import time
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, transaction

from financing import services as ledger
from financing.models import Pledge
from isu.models import StaffRole
from sponsorship.funds import round_funds
from sponsorship.models import Application, Programme, Round
from sponsorship.services import (
    FundsRefused,
    decide,
    delete_contribution,
    save_application,
    save_round,
)
from tests import factories
from tests.sponsorship.money import apply, correct, give, received

Decision = Application.Decision


def offer(round_, name, user, state="SN", cost=3000):
    return decide(apply(round_, name, state, cost), Decision.OFFERED, "Priority.", user)


def test_the_service_refuses_a_dearer_offer_beyond_the_funds_and_saves_nothing(
        programme, seventh, ccm_sponsorship):
    give(programme, 5000)
    application = offer(seventh, "Amina Diallo", ccm_sponsorship)
    application.ticket_estimate = Decimal(3000)  # 4,200 in all: within 5,000
    save_application(application)
    application.ticket_estimate = Decimal(90000)
    with pytest.raises(FundsRefused) as error:
        save_application(application)
    assert "would exceed the funds available to the round (CHF 5,000)" in str(error.value)
    assert Application.objects.get(pk=application.pk).ticket_estimate == Decimal(3000)


def test_an_edit_from_a_stale_copy_keeps_the_decision_taken_meanwhile(programme, seventh,
                                                                       ccm_sponsorship):
    give(programme, 5000)
    application = apply(seventh, "Amina Diallo")
    stale = Application.objects.get(pk=application.pk)  # opened while still pending
    decide(application, Decision.OFFERED, "Priority.", ccm_sponsorship)
    stale.ticket_estimate = Decimal(90000)
    with pytest.raises(FundsRefused):  # checked against the offer, not the stale "pending"
        save_application(stale)
    stale.ticket_estimate, stale.function = Decimal(1800), "Counsellor"
    save_application(stale)
    stored = Application.objects.get(pk=application.pk)
    assert (stored.decision, stored.decision_reason, stored.function) == (
        Decision.OFFERED, "Priority.", "Counsellor")


def test_an_offer_taken_up_again_must_fit_the_funds_left(programme, seventh, ccm_sponsorship):
    give(programme, 5000)
    first = offer(seventh, "Amina Diallo", ccm_sponsorship)
    first.taken_up = False  # frees its 3,000
    save_application(first)
    offer(seventh, "Carlos Mendoza", ccm_sponsorship, state="CO")
    first.taken_up = None
    with pytest.raises(FundsRefused):
        save_application(first)
    assert round_funds(seventh).available == Decimal(2000)


def test_a_contribution_cut_below_what_its_round_committed_is_refused(programme, seventh,
                                                                      ccm_sponsorship):
    pledge = give(programme, 5000)
    offer(seventh, "Amina Diallo", ccm_sponsorship)
    with pytest.raises(FundsRefused) as error:
        correct(pledge, received=Decimal(2000))
    assert "has committed CHF 3,000: this change would leave it CHF 1,000 short" in str(
        error.value)
    assert received(pledge) == Decimal(5000)
    correct(pledge, received=Decimal(3000))
    with pytest.raises(FundsRefused):
        delete_contribution(ccm_sponsorship, programme, pledge)
    assert received(Pledge.objects.get()) == Decimal(3000)


def test_the_finance_pages_cannot_take_away_money_a_round_committed_either(
        programme, seventh, ccm_sponsorship, ccm_finance):
    pledge = give(programme, 5000)
    offer(seventh, "Amina Diallo", ccm_sponsorship)
    payment = pledge.payments.get()
    with pytest.raises(FundsRefused, match="would leave it CHF 3,000 short"):
        ledger.delete_payment(ccm_finance, pledge.fund, payment.pk)
    with pytest.raises(FundsRefused, match="would leave it CHF 1,000 short"):
        ledger.update_payment(ccm_finance, pledge.fund, payment.pk, amount=Decimal(2000))
    assert received(pledge) == Decimal(5000)
    ledger.update_payment(ccm_finance, pledge.fund, payment.pk, amount=Decimal(3000))
    assert round_funds(seventh).available == 0


def test_a_round_cannot_take_its_offers_into_a_year_without_the_money(programme, seventh,
                                                                      ccm_sponsorship):
    give(programme, 5000)
    offer(seventh, "Amina Diallo", ccm_sponsorship)
    seventh.meeting = factories.meeting("CCM", "msp", 8, start=date(2018, 9, 3))
    with pytest.raises(FundsRefused):
        save_round(seventh)
    assert Round.objects.get(pk=seventh.pk).year == 2017


def application_post(application, **changes):
    values = {"round": application.round_id, "state": application.state.code,
              "delegate_name": application.delegate_name, "function": application.function,
              "ministry": application.ministry, "gender": application.gender,
              "justification": application.justification, "taken_up": "unknown",
              "cost_currency": "CHF", "ticket_estimate": application.ticket_estimate,
              "allowance_estimate": application.allowance_estimate,
              "terminal_estimate": application.terminal_estimate, "ticket_actual": "",
              "allowance_actual": "", "terminal_actual": ""}
    return values | changes


def test_the_admin_shows_a_refusal_of_the_service_on_the_form_and_saves_nothing(
        as_user, programme, seventh, ccm_sponsorship):
    give(programme, 5000)
    application = offer(seventh, "Amina Diallo", ccm_sponsorship)
    client = as_user(ccm_sponsorship)
    url = f"/admin/sponsorship/application/{application.pk}/change/"
    response = client.post(url, application_post(application, ticket_estimate="90000"))
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "This cost (CHF 91,200) would exceed the funds available to the round (CHF 5,000)."]
    assert Application.objects.get(pk=application.pk).ticket_estimate == Decimal(1800)
    response = client.post(url, application_post(application, ticket_estimate="2000"))
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).cost == Decimal(3200)


def test_the_admin_saves_an_application_through_the_locking_service(
        monkeypatch, as_user, programme, seventh, ccm_sponsorship):
    give(programme, 5000)
    application = offer(seventh, "Amina Diallo", ccm_sponsorship)
    # The funds change after the form was checked: the save is checked again, under the lock.
    monkeypatch.setattr("sponsorship.admin.refusal_of", lambda write, instance: None)
    client = as_user(ccm_sponsorship)
    url = f"/admin/sponsorship/application/{application.pk}/change/"
    response = client.post(url, application_post(application, ticket_estimate="90000"),
                           follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "would exceed the funds available to the round (CHF 5,000)" in (
        response.content.decode())
    assert Application.objects.get(pk=application.pk).ticket_estimate == Decimal(1800)


def test_the_admin_cannot_cut_or_delete_a_contribution_its_round_spent(as_user, programme,
                                                                       seventh, ccm_sponsorship):
    pledge = give(programme, 5000)
    offer(seventh, "Amina Diallo", ccm_sponsorship)
    client = as_user(ccm_sponsorship)
    url = f"/admin/sponsorship/programmepledge/{pledge.pk}/"
    response = client.post(f"{url}change/", {
        "programme": programme.pk, "year": 2017, "state": "AU", "organization": "",
        "currency": "CHF", "exchange_rate": "", "pledged": "5000", "received": "1000",
        "value_date": "", "earmarked_for": "", "note": ""})
    assert response.status_code == 200
    assert "this change would leave it CHF 2,000 short" in response.content.decode()
    response = client.post(f"{url}delete/", {"post": "yes"}, follow=True)
    assert "this change would leave it CHF 3,000 short" in response.content.decode()
    assert received(Pledge.objects.get()) == Decimal(5000)


def in_thread(work):
    """Run `work` in a thread with its own database connection; its outcome is kept."""
    outcome = {}

    def run():
        try:
            outcome["result"] = work()
        except Exception as error:  # noqa: BLE001 - the test inspects it
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="row locks between two connections: PostgreSQL only")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("first", ["edit", "decision"])
def test_an_edit_racing_a_decision_cannot_commit_more_than_the_round_holds(first, ccm):
    programme = Programme.objects.create(convention=ccm, administered_by_en="ISU",
                                         governing_body_en="Donors")
    meeting = factories.meeting("CCM", "msp", 7, start=date(2017, 9, 4))
    round_ = Round.objects.create(programme=programme, meeting=meeting, envelope=Decimal(1),
                                  application_deadline=date(2017, 7, 1))
    staff = factories.user("ccm.sponsorship", ("CCM", StaffRole.Role.SPONSORSHIP_STAFF))
    give(programme, 5000)
    offered = offer(round_, "Amina Diallo", staff)  # 3,000 of 5,000
    pending = apply(round_, "Carlos Mendoza", state="CO", cost=2000)
    dearer = Application.objects.get(pk=offered.pk)
    dearer.ticket_estimate = Decimal(2800)  # 4,000: fits alone, not with the second offer

    def edit():
        return save_application(dearer)

    def decision():
        return decide(pending, Decision.OFFERED, "Priority.", staff)

    holder, waiter = (edit, decision) if first == "edit" else (decision, edit)
    done, go = threading.Event(), threading.Event()

    def hold():
        with transaction.atomic():  # the first write is made, not yet committed
            holder()
            done.set()
            go.wait(10)

    first_thread, first_outcome = in_thread(hold)
    assert done.wait(10)
    second_thread, second_outcome = in_thread(waiter)
    time.sleep(0.5)
    assert second_thread.is_alive(), "the second write did not wait for the first one's lock"
    go.set()
    first_thread.join(10)
    second_thread.join(10)
    assert "error" not in first_outcome
    assert isinstance(second_outcome.get("error"), FundsRefused)
    round_.refresh_from_db()
    funds = round_funds(round_)
    assert funds.available >= 0 and funds.committed == (
        Decimal(4000) if first == "edit" else Decimal(5000))
