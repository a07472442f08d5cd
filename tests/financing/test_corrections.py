"""Correcting and deleting the rows of a fund's ledger (pledges, payments, reserve movements),
what a payment settles, and assessing the states parties from the fund page."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from budgets.editing import version_of
from financing import services
from financing.models import (
    Assessment,
    BankImport,
    BankLine,
    ContributionMethod,
    Contributor,
    Fund,
    Payment,
    Pledge,
    ReserveMovement,
    Scale,
    ScaleShare,
)
from isu.models import Participation

D = Decimal



@pytest.fixture
def reserve(ccm):
    return Fund.objects.create(convention=ccm, kind=Fund.Kind.RESERVE, name_en="Capital reserve",
                               target_amount=D("400000"))


@pytest.fixture
def norway(db):
    return Contributor.objects.create(state="NO")


@pytest.fixture
def switzerland(db):
    return Contributor.objects.create(state="CH")


def pledge_of(user, fund, contributor, amount="50000"):
    return services.record_pledge(user, contributor=contributor, fund=fund, first_year=2018,
                                  amount=amount)


def payment_of(user, fund, contributor, reference="R-1", **extra):
    values = {"year": 2018, "value_date": date(2018, 3, 1), "amount": "20000",
              "reference": reference} | extra
    return services.record_payment(user, contributor=contributor, fund=fund, **values)


def from_the_bank(payment):
    bank_import = BankImport.objects.create(convention=payment.fund.convention,
                                            file_name="march.csv", format="csv", digest="a" * 64)
    return BankLine.objects.create(bank_import=bank_import, convention=payment.fund.convention,
                                   bank_reference="B-1", value_date=payment.value_date,
                                   amount=payment.amount, currency=payment.currency,
                                   status=BankLine.Status.MATCHED, payment=payment)


def page(fund, year=2018):
    return reverse("workspace:financing-fund", args=[fund.pk]) + f"?year={year}"


def correct_url(fund, kind, row, year=2018):
    return reverse("workspace:financing-correct", args=[fund.pk, kind, row.pk]) + f"?year={year}"


def delete_url(fund, kind, row, year=2018):
    return reverse("workspace:financing-delete", args=[fund.pk, kind, row.pk]) + f"?year={year}"


# -- pledges ----------------------------------------------------------------------------------

def test_a_pledge_is_corrected(ccm_finance, core, norway):
    pledge = pledge_of(ccm_finance, core, norway)
    services.update_pledge(ccm_finance, core, pledge.pk, version=version_of(pledge),
                           amount=D("60000"), last_year=2019)
    pledge.refresh_from_db()
    assert (pledge.amount, pledge.last_year) == (D("60000"), 2019)


def test_a_pledge_settled_by_a_payment_cannot_be_deleted(ccm_finance, core, norway):
    pledge = pledge_of(ccm_finance, core, norway)
    payment_of(ccm_finance, core, norway, pledge=pledge)
    with pytest.raises(ValidationError, match="1 payment"):
        services.delete_pledge(ccm_finance, core, pledge.pk)
    assert Pledge.objects.filter(pk=pledge.pk).exists()


def test_a_pledge_settled_by_a_payment_keeps_its_contributor(ccm_finance, core, norway,
                                                             switzerland):
    pledge = pledge_of(ccm_finance, core, norway)
    payment_of(ccm_finance, core, norway, pledge=pledge)
    with pytest.raises(ValidationError, match="keeps its contributor"):
        services.update_pledge(ccm_finance, core, pledge.pk, contributor=switzerland)


def test_a_pledge_nobody_pays_is_deleted(ccm_finance, core, norway):
    pledge = pledge_of(ccm_finance, core, norway)
    services.delete_pledge(ccm_finance, core, pledge.pk, version=version_of(pledge))
    assert not Pledge.objects.exists()


def test_a_row_changed_since_it_was_opened_is_refused(ccm_finance, core, norway):
    pledge = pledge_of(ccm_finance, core, norway)
    opened = version_of(pledge)
    services.update_pledge(ccm_finance, core, pledge.pk, amount=D("70000"))
    with pytest.raises(ValidationError, match="changed by someone else"):
        services.update_pledge(ccm_finance, core, pledge.pk, version=opened, amount=D("1"))
    with pytest.raises(ValidationError, match="changed by someone else"):
        services.delete_pledge(ccm_finance, core, pledge.pk, version=opened)
    pledge.refresh_from_db()
    assert pledge.amount == D("70000")


def test_a_row_deleted_since_it_was_opened_is_refused(ccm_finance, core, norway):
    pledge = pledge_of(ccm_finance, core, norway)
    pledge_id = pledge.pk
    services.delete_pledge(ccm_finance, core, pledge_id)
    with pytest.raises(ValidationError, match="no longer exists"):
        services.update_pledge(ccm_finance, core, pledge_id, amount=D("1"))
    with pytest.raises(ValidationError, match="no longer exists"):
        services.delete_pledge(ccm_finance, core, pledge_id)


def test_another_funds_row_is_not_found_through_this_fund(ccm_finance, core, reserve, norway):
    pledge = pledge_of(ccm_finance, core, norway)
    with pytest.raises(ValidationError, match="no longer exists"):
        services.delete_pledge(ccm_finance, reserve, pledge.pk)


def test_corrections_are_for_the_finance_staff_of_the_convention(ccm_officer, apmbc_finance,
                                                                 ccm_finance, core, norway):
    pledge = pledge_of(ccm_finance, core, norway)
    with pytest.raises(PermissionDenied):
        services.delete_pledge(ccm_officer, core, pledge.pk)
    with pytest.raises(Http404):
        services.update_pledge(apmbc_finance, core, pledge.pk, amount=D("1"))
    assert Pledge.objects.get().amount == D("50000")


# -- payments ---------------------------------------------------------------------------------

def test_a_payments_chf_follows_its_amount_and_rate(ccm_finance, core, norway):
    payment = payment_of(ccm_finance, core, norway, currency="EUR", exchange_rate=D("1.1"),
                         amount="1000")
    services.update_payment(ccm_finance, core, payment.pk, amount=D("2000"),
                            exchange_rate=D("1.234565"))
    payment.refresh_from_db()
    assert payment.amount_chf == D("2469.13")


def test_a_payment_from_the_bank_keeps_its_amount_and_is_undone_on_the_bank_page(
        ccm_finance, core, norway):
    payment = payment_of(ccm_finance, core, norway)
    from_the_bank(payment)
    with pytest.raises(ValidationError, match="bank entry"):
        services.update_payment(ccm_finance, core, payment.pk, amount=D("1"))
    with pytest.raises(ValidationError, match="bank entry"):
        services.update_payment(ccm_finance, core, payment.pk, currency="EUR",
                                exchange_rate=D("1.1"))
    with pytest.raises(ValidationError, match="undo it on the bank page"):
        services.delete_payment(ccm_finance, core, payment.pk)
    services.update_payment(ccm_finance, core, payment.pk, reference=" NEW-REF ")
    payment.refresh_from_db()
    assert (payment.amount, payment.reference) == (D("20000"), "NEW-REF")


def test_a_payment_recorded_by_hand_is_deleted(ccm_finance, core, norway):
    payment = payment_of(ccm_finance, core, norway)
    services.delete_payment(ccm_finance, core, payment.pk, version=version_of(payment))
    assert not Payment.objects.exists()


def test_a_payment_cannot_settle_another_contributors_pledge(ccm_finance, core, norway,
                                                             switzerland):
    swiss_pledge = pledge_of(ccm_finance, core, switzerland)
    payment = payment_of(ccm_finance, core, norway)
    with pytest.raises(ValidationError, match="owes to its fund"):
        services.update_payment(ccm_finance, core, payment.pk, pledge=swiss_pledge)
    assert Payment.objects.get().pledge is None


# -- reserve movements ------------------------------------------------------------------------

def movement(user, reserve, day, kind, amount, purpose=""):
    return services.record_reserve_movement(user, fund=reserve, date=date(2018, 1, day),
                                            kind=kind, amount=amount, purpose=purpose)


def test_deleting_a_replenishment_that_later_draws_need_is_refused(ccm_finance, reserve):
    replenishment = movement(ccm_finance, reserve, 10, "replenishment", "50000")
    movement(ccm_finance, reserve, 20, "draw", "30000", "cash_flow")
    with pytest.raises(ValidationError, match="short by CHF 30,000.00"):
        services.delete_reserve_movement(ccm_finance, reserve, replenishment.pk)
    assert ReserveMovement.objects.count() == 2


def test_lowering_a_replenishment_below_the_draws_is_refused(ccm_finance, reserve):
    replenishment = movement(ccm_finance, reserve, 10, "replenishment", "50000")
    movement(ccm_finance, reserve, 20, "draw", "30000", "cash_flow")
    with pytest.raises(ValidationError, match="below zero"):
        services.update_reserve_movement(ccm_finance, reserve, replenishment.pk,
                                         amount=D("29999.99"))
    with pytest.raises(ValidationError, match="below zero"):
        services.update_reserve_movement(ccm_finance, reserve, replenishment.pk,
                                         date=date(2018, 1, 25))
    services.update_reserve_movement(ccm_finance, reserve, replenishment.pk, amount=D("30000"))
    assert ReserveMovement.objects.get(pk=replenishment.pk).amount == D("30000")


def test_a_draw_is_deleted_and_a_corrected_replenishment_loses_its_purpose(ccm_finance,
                                                                           reserve):
    replenishment = movement(ccm_finance, reserve, 10, "replenishment", "50000")
    draw = movement(ccm_finance, reserve, 20, "draw", "30000", "cash_flow")
    services.delete_reserve_movement(ccm_finance, reserve, draw.pk, version=version_of(draw))
    services.update_reserve_movement(ccm_finance, reserve, replenishment.pk, purpose="other")
    assert list(ReserveMovement.objects.values_list("kind", "purpose")) == [
        ("replenishment", "")]


# -- through the pages ------------------------------------------------------------------------

def test_the_fund_page_lists_the_ledger_with_its_actions(as_user, ccm_finance, core, norway):
    pledge = pledge_of(ccm_finance, core, norway)
    payment = payment_of(ccm_finance, core, norway, pledge=pledge, currency="EUR",
                         exchange_rate=D("1.1"), amount="1000", reference="NO-2018")
    body = as_user(ccm_finance).get(page(core)).content.decode()
    assert 'id="ledger-pledges"' in body and 'id="ledger-payments"' in body
    assert "NO-2018" in body and "EUR 1,000.00" in body and "1,100.00" in body
    assert "the pledge of 2018" in body
    assert correct_url(core, "payment", payment) in body
    assert delete_url(core, "pledge", pledge) in body


def test_a_coordinator_sees_no_ledger_actions_and_cannot_delete(as_user, coordinator,
                                                                ccm_finance, core, norway):
    pledge = pledge_of(ccm_finance, core, norway)
    client = as_user(coordinator)
    assert delete_url(core, "pledge", pledge) not in client.get(page(core)).content.decode()
    response = client.post(delete_url(core, "pledge", pledge), {}, follow=True)
    assert "Only the ISU&#x27;s finance staff" in response.content.decode()
    assert Pledge.objects.exists()
    assert client.get(correct_url(core, "pledge", pledge)).status_code == 403


def test_a_payment_is_corrected_through_its_page(as_user, ccm_finance, core, norway):
    payment = payment_of(ccm_finance, core, norway)
    client = as_user(ccm_finance)
    form = client.get(correct_url(core, "payment", payment)).content.decode()
    assert 'value="R-1"' in form and f'value="{version_of(payment)}"' in form
    response = client.post(correct_url(core, "payment", payment), {
        "version": version_of(payment), "payment-state": "NO", "payment-year": "2018",
        "payment-value_date": "2018-03-02", "payment-amount": "25000",
        "payment-currency": "CHF", "payment-exchange_rate": "1", "payment-reference": "R-1"},
        follow=True)
    payment.refresh_from_db()
    assert (payment.amount, payment.amount_chf, payment.value_date) == (
        D("25000"), D("25000"), date(2018, 3, 2))
    assert "Corrected" in response.content.decode()


def test_a_correction_made_on_a_stale_page_is_refused_and_kept_in_the_form(as_user, ccm_finance,
                                                                          core, norway):
    pledge = pledge_of(ccm_finance, core, norway)
    opened = version_of(pledge)
    services.update_pledge(ccm_finance, core, pledge.pk, amount=D("70000"))
    response = as_user(ccm_finance).post(correct_url(core, "pledge", pledge), {
        "version": opened, "pledge-state": "NO", "pledge-first_year": "2018",
        "pledge-amount": "12345", "pledge-currency": "CHF", "pledge-exchange_rate": "1"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "changed by someone else" in body and 'value="12345"' in body
    assert Pledge.objects.get().amount == D("70000")


def test_a_row_deleted_meanwhile_is_reported_on_the_page(as_user, ccm_finance, core, norway):
    pledge = pledge_of(ccm_finance, core, norway)
    client = as_user(ccm_finance)
    services.delete_pledge(ccm_finance, core, pledge.pk)
    for response in (client.get(correct_url(core, "pledge", pledge), follow=True),
                     client.post(delete_url(core, "pledge", pledge), {}, follow=True)):
        assert "This pledge no longer exists" in response.content.decode()


def test_deleting_a_settled_pledge_on_the_page_says_why_not(as_user, ccm_finance, core, norway):
    pledge = pledge_of(ccm_finance, core, norway)
    payment_of(ccm_finance, core, norway, pledge=pledge)
    response = as_user(ccm_finance).post(delete_url(core, "pledge", pledge),
                                         {"version": version_of(pledge)}, follow=True)
    assert "cannot be deleted: 1 payment(s) settle it" in response.content.decode()
    assert Pledge.objects.exists()


def test_a_payment_from_the_bank_shows_its_amount_fixed(as_user, ccm_finance, core, norway):
    payment = payment_of(ccm_finance, core, norway)
    from_the_bank(payment)
    client = as_user(ccm_finance)
    body = client.get(correct_url(core, "payment", payment)).content.decode()
    assert "undo it on the bank page" in body
    client.post(correct_url(core, "payment", payment), {
        "version": version_of(payment), "payment-state": "NO", "payment-year": "2018",
        "payment-value_date": "2018-03-01", "payment-amount": "1", "payment-currency": "EUR",
        "payment-exchange_rate": "1", "payment-reference": "R-1"})
    assert Payment.objects.get().amount == D("20000")
    response = client.post(delete_url(core, "payment", payment), {}, follow=True)
    assert "undo it on the bank page" in response.content.decode()


def test_the_payment_form_offers_only_this_funds_pledges(as_user, ccm_finance, core, reserve,
                                                         norway):
    here = pledge_of(ccm_finance, core, norway, amount="11111")
    elsewhere = pledge_of(ccm_finance, reserve, norway, amount="22222")
    body = as_user(ccm_finance).get(page(core)).content.decode()
    assert f'<option value="{here.pk}">' in body
    assert f'<option value="{elsewhere.pk}">' not in body


def test_a_payment_settling_another_contributors_pledge_is_refused_in_the_users_language(
        as_user, ccm_finance, core, switzerland):
    swiss_pledge = pledge_of(ccm_finance, core, switzerland)
    client = as_user(ccm_finance)
    data = {"payment-state": "NO", "payment-year": "2018", "payment-value_date": "2018-04-02",
            "payment-amount": "100", "payment-currency": "CHF", "payment-exchange_rate": "1",
            "payment-pledge": swiss_pledge.pk}
    record = reverse("workspace:financing-record", args=[core.pk, "payment"]) + "?year=2018"
    response = client.post(record, data)
    assert response.status_code == 400
    assert "A payment settles only what its contributor owes to its fund." in \
        response.content.decode()
    client.cookies["django_language"] = "zh-hans"
    response = client.post(record, data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "一笔付款只能结清其付款方对该基金的应缴款项。" in response.content.decode()
    assert not Payment.objects.exists()


def test_a_payment_settling_its_own_pledge_is_recorded(as_user, ccm_finance, core, norway):
    pledge = pledge_of(ccm_finance, core, norway)
    as_user(ccm_finance).post(
        reverse("workspace:financing-record", args=[core.pk, "payment"]) + "?year=2018",
        {"payment-state": "NO", "payment-year": "2018", "payment-value_date": "2018-04-02",
         "payment-amount": "100", "payment-currency": "CHF", "payment-exchange_rate": "1",
         "payment-pledge": pledge.pk})
    assert Payment.objects.get().pledge == pledge


def test_a_reserve_movement_is_corrected_and_refused_below_zero_on_the_page(as_user,
                                                                            ccm_finance,
                                                                            reserve):
    replenishment = movement(ccm_finance, reserve, 10, "replenishment", "50000")
    movement(ccm_finance, reserve, 20, "draw", "30000", "cash_flow")
    client = as_user(ccm_finance)
    assert 'id="ledger-movements"' in client.get(page(reserve)).content.decode()
    response = client.post(correct_url(reserve, "movement", replenishment), {
        "version": version_of(replenishment), "movement-date": "2018-01-10",
        "movement-kind": "replenishment", "movement-amount": "10000"})
    assert response.status_code == 400 and "below zero" in response.content.decode()
    response = client.post(delete_url(reserve, "movement", replenishment),
                           {"version": version_of(replenishment)}, follow=True)
    assert "below zero" in response.content.decode()
    assert ReserveMovement.objects.count() == 2


# -- assessing from the page ------------------------------------------------------------------

@pytest.fixture
def formula(ccm, core):
    for country in ("NO", "CH", "JP"):
        Participation.objects.create(convention=ccm, country=country, joined_on=date(2010, 1, 1),
                                     instrument="ratification")
    scale = Scale.objects.create(convention=ccm, source_en="UN scale", dated=date(2015, 12, 23))
    for country, share in [("NO", "0.849"), ("CH", "1.140"), ("JP", "9.680")]:
        ScaleShare.objects.create(scale=scale, country=country, share=D(share))
    return ContributionMethod.objects.create(convention=ccm, kind="formula", scale=scale)


def assess_url(fund, year=2018):
    return reverse("workspace:financing-assess", args=[fund.pk]) + f"?year={year}"


def test_the_page_offers_to_assess_only_under_a_formula(as_user, ccm_finance, core, formula):
    client = as_user(ccm_finance)
    assert 'id="assess"' in client.get(page(core)).content.decode()
    assert 'id="assess"' not in client.get(page(core, 2030)).content.decode()  # no budget
    formula.kind, formula.scale = "voluntary", None
    formula.save()
    assert 'id="assess"' not in client.get(page(core)).content.decode()


def test_assessing_from_the_page_says_how_many_states_and_the_total(as_user, ccm_finance, core,
                                                                    formula):
    response = as_user(ccm_finance).post(assess_url(core), follow=True)
    assert "3 states parties assessed for 2018, CHF 465,440 in all." in \
        response.content.decode()
    assert Assessment.objects.count() == 3


def test_assessing_refusals_are_shown(as_user, ccm_finance, ccm, core, formula, norway):
    client = as_user(ccm_finance)
    Participation.objects.create(convention=ccm, country="AT", joined_on=date(2010, 1, 1),
                                 instrument="ratification")
    body = client.post(assess_url(core), follow=True).content.decode()
    assert "The scale has no share for: AT." in body
    ScaleShare.objects.create(scale=formula.scale, country="AT", share=D("0.720"))
    client.post(assess_url(core))
    payment_of(ccm_finance, core, norway, assessment=Assessment.objects.get(contributor=norway))
    body = client.post(assess_url(core), follow=True).content.decode()
    assert "Payments settle this year&#x27;s assessments already" in body
    formula.kind, formula.scale = "voluntary", None
    formula.save()
    body = client.post(assess_url(core), follow=True).content.decode()
    assert "contribute voluntarily" in body


def test_only_the_core_fund_is_assessed(as_user, ccm_finance, reserve):
    assert as_user(ccm_finance).post(assess_url(reserve)).status_code == 404
