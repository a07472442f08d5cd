"""The programme's contributions are kept in the financing ledger, on the programme's fund:
recorded by its sponsorship staff (or the finance staff), never on the convention's other
funds; what is received there is what the rounds may spend."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from financing import services as ledger
from financing.figures import status_of_contributions
from financing.models import Fund, Payment, Pledge
from sponsorship.funds import round_funds
from sponsorship.models import Earmark, Programme, Round
from sponsorship.reports import year_report
from sponsorship.services import programme_fund, save_contribution
from tests import factories
from tests.sponsorship.money import correct, donor, give, received


@pytest.fixture
def core(ccm):
    return Fund.objects.create(convention=ccm, kind=Fund.Kind.CORE, name_en="ISU core budget")


def test_a_contribution_is_a_pledge_and_its_payment_on_the_programmes_own_fund(
        programme, seventh, ccm_sponsorship):
    pledge = give(programme, 10000, received=6000, by=ccm_sponsorship, note="First tranche")
    programme.refresh_from_db()
    fund = programme.fund
    assert (fund.kind, fund.name_en, fund.name_zh_hans) == (
        Fund.Kind.SPONSORSHIP, "Sponsorship programme", "赞助方案")
    assert (pledge.fund, pledge.first_year, pledge.last_year, pledge.amount, pledge.note) == (
        fund, 2017, 2017, Decimal(10000), "First tranche")
    payment = Payment.objects.get()
    assert (payment.pledge, payment.year, payment.amount_chf, payment.value_date) == (
        pledge, 2017, Decimal(6000), date(2017, 12, 31))
    status = status_of_contributions(fund, 2017)
    assert (status.pledged, status.paid, status.outstanding) == (10000, 6000, 4000)
    assert round_funds(seventh).pool == Decimal(6000)


def test_the_sponsorship_staff_record_for_the_programmes_fund_only(
        programme, core, ccm_sponsorship, apmbc):
    fund = programme_fund(programme)
    pledge = ledger.record_pledge(ccm_sponsorship, contributor=donor("NZ"), fund=fund,
                                  first_year=2017, amount="2000")
    ledger.record_payment(ccm_sponsorship, contributor=donor("NZ"), fund=fund, year=2017,
                          value_date=date(2017, 6, 1), amount="2000", pledge=pledge)
    with pytest.raises(PermissionDenied):
        ledger.record_pledge(ccm_sponsorship, contributor=donor("NZ"), fund=core,
                             first_year=2017, amount="2000")
    with pytest.raises(PermissionDenied):
        ledger.record_payment(ccm_sponsorship, contributor=donor("NZ"), fund=core, year=2017,
                              value_date=date(2017, 6, 1), amount="2000")
    theirs = Fund.objects.create(convention=apmbc, kind=Fund.Kind.SPONSORSHIP,
                                 name_en="Sponsorship programme")
    with pytest.raises(Http404):
        ledger.record_pledge(ccm_sponsorship, contributor=donor("NZ"), fund=theirs,
                             first_year=2017, amount="2000")
    assert list(Pledge.objects.values_list("fund", flat=True)) == [fund.pk]
    assert list(Payment.objects.values_list("fund", flat=True)) == [fund.pk]


def test_other_staff_of_the_convention_record_no_contribution(programme, ccm_officer):
    with pytest.raises(PermissionDenied):
        give(programme, 5000, by=ccm_officer)
    assert not Pledge.objects.exists() and not Payment.objects.exists()


def test_the_finance_staff_record_for_the_programme_too_and_the_rounds_may_spend_it(
        programme, seventh, ccm_finance):
    give(programme, 5000, by=ccm_finance)
    ledger.record_payment(ccm_finance, contributor=donor("DE"), fund=programme.fund,
                          year=2017, value_date=date(2017, 3, 1), amount="1500",
                          reference="BANK-17-003")  # a gift with no pledge
    assert round_funds(seventh).pool == Decimal(6500)
    report = year_report(programme, 2017)
    assert (report.received, report.pledged, report.donors) == (6500, 5000, 2)


def test_a_correction_records_what_more_came_in_and_cuts_the_latest_payments(programme,
                                                                             seventh):
    pledge = give(programme, 9000, received=3000)
    correct(pledge, received=Decimal(7000), value_date=date(2017, 10, 2))
    assert sorted(pledge.payments.values_list("value_date", "amount")) == [
        (date(2017, 10, 2), Decimal(4000)), (date(2017, 12, 31), Decimal(3000))]
    correct(pledge, received=Decimal(2500))
    assert list(pledge.payments.values_list("value_date", "amount")) == [
        (date(2017, 10, 2), Decimal(2500))]
    assert round_funds(seventh).pool == Decimal(2500)


def test_a_correction_to_another_currency_takes_the_payments_along(programme, seventh):
    pledge = give(programme, 5000)
    correct(pledge, currency="EUR", exchange_rate=Decimal("0.9"))
    payment = pledge.payments.get()
    assert (payment.currency, payment.exchange_rate, payment.amount_chf) == (
        "EUR", Decimal("0.9"), Decimal("4500.00"))
    assert round_funds(seventh).pool == Decimal(4500)


def test_an_earmark_serves_its_round_and_must_be_of_the_same_programme_and_year(
        programme, seventh):
    pledge = give(programme, 4000, earmarked_for=seventh)
    assert Earmark.objects.get(pledge=pledge).round == seventh
    assert (round_funds(seventh).earmarked, round_funds(seventh).pool) == (4000, 0)
    eighth = Round.objects.create(programme=programme, meeting=factories.meeting(
        "CCM", "msp", 8, start=date(2018, 9, 3)), application_deadline=date(2018, 7, 1),
        envelope=Decimal(1))
    with pytest.raises(ValidationError) as error:
        correct(pledge, earmarked_for=eighth)
    assert "same programme and year" in str(error.value)
    assert Earmark.objects.get(pledge=pledge).round == seventh


def test_a_contribution_is_corrected_only_through_its_own_programme(programme, apmbc, superuser):
    theirs = Programme.objects.create(convention=apmbc, administered_by_en="GICHD",
                                      governing_body_en="Donors' Group")
    pledge = give(programme, 5000)
    give(theirs, 1000)
    with pytest.raises(Http404):
        save_contribution(superuser, theirs, year=2017, contributor=pledge.contributor,
                          pledged=Decimal(1), pledge=pledge)
    assert received(Pledge.objects.get(pk=pledge.pk)) == Decimal(5000)


def test_the_admin_records_a_contribution_in_the_ledger(as_user, programme, seventh,
                                                        ccm_sponsorship):
    response = as_user(ccm_sponsorship).post("/admin/sponsorship/programmepledge/add/", {
        "programme": programme.pk, "year": 2017, "state": "IE", "organization": "",
        "currency": "EUR", "exchange_rate": "0.95", "pledged": "8000", "received": "2000",
        "value_date": "2017-05-15", "earmarked_for": seventh.pk, "note": ""})
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    payment = pledge.payments.get()
    assert (str(pledge.contributor.state), pledge.amount, pledge.exchange_rate) == (
        "IE", Decimal(8000), Decimal("0.95"))
    assert (payment.value_date, payment.amount_chf) == (date(2017, 5, 15), Decimal("1900.00"))
    assert round_funds(seventh).earmarked == Decimal("1900.00")
    page = as_user(ccm_sponsorship).get("/admin/sponsorship/programmepledge/").content.decode()
    assert "Ireland" in page


def test_the_admin_shows_the_ledgers_refusal_on_the_form(as_user, programme, ccm_sponsorship):
    response = as_user(ccm_sponsorship).post("/admin/sponsorship/programmepledge/add/", {
        "programme": programme.pk, "year": 2017, "state": "IE", "organization": "",
        "currency": "EUR", "exchange_rate": "", "pledged": "8000", "received": "9000",
        "value_date": "", "earmarked_for": "", "note": ""})
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"exchange_rate", "received"}
    assert not Pledge.objects.exists()
