"""The workspace's financing pages: the status of contributions of a fund for a year, the forms
that record pledges, payments and reserve movements, and the exports."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from financing import services
from financing.models import Contributor, Payment, Pledge, ReserveMovement
from meetings.models import Organization
from tests.queries import queries_on_second_visit

D = Decimal




def page(fund, year=2018):
    return reverse("workspace:financing-fund", args=[fund.pk]) + f"?year={year}"


def record_url(fund, kind, year=2018):
    return reverse("workspace:financing-record", args=[fund.pk, kind]) + f"?year={year}"


def seed(officer, fund, states=("NO", "CH")):
    for state in states:
        contributor, _new = Contributor.objects.get_or_create(state=state)
        services.record_pledge(officer, contributor=contributor, fund=fund, first_year=2018,
                               amount="50000")
        services.record_payment(officer, contributor=contributor, fund=fund, year=2018,
                                value_date=date(2018, 3, 1), amount="20000",
                                reference=f"R-{state}")


def test_a_visitor_is_sent_to_sign_in(anonymous, core):
    response = anonymous.get(page(core))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_another_conventions_staff_do_not_find_the_fund(as_user, apmbc_finance, core):
    client = as_user(apmbc_finance)
    assert client.get(page(core)).status_code == 404
    assert client.get(reverse("workspace:financing-csv", args=[core.pk, 2018])).status_code == 404
    response = client.post(record_url(core, "pledge"), {"pledge-state": "NO"})
    assert response.status_code == 404
    assert "Core budget" not in client.get(reverse("workspace:financing")).content.decode()


def test_the_index_lists_the_conventions_funds(as_user, ccm_finance, core):
    body = as_user(ccm_finance).get(reverse("workspace:financing")).content.decode()
    assert "Core budget" in body and page(core).split("?")[0] in body


def test_the_status_shows_each_contributor_and_the_totals(as_user, ccm_finance, core, reserve):
    seed(ccm_finance, core)
    services.record_reserve_movement(ccm_finance, fund=reserve, date=date(2018, 1, 10),
                                     kind="replenishment", amount="100000")
    body = as_user(ccm_finance).get(page(core)).content.decode()
    assert "Norway" in body and "Switzerland" in body
    assert "CHF 100,000" in body  # pledged
    assert "CHF 40,000" in body  # paid
    assert "CHF 60,000" in body  # outstanding
    assert "CHF 465,440" in body  # the adopted budget
    assert "8.6%" in body  # 40,000 of 465,440
    assert "CHF 100,000 of a target of CHF 400,000 (25.0%)" in body
    assert '<dd>2</dd>' in body  # contributing states


def test_a_pledge_is_recorded_through_the_page(as_user, ccm_finance, core):
    response = as_user(ccm_finance).post(record_url(core, "pledge"), {
        "pledge-state": "NO", "pledge-first_year": "2018", "pledge-last_year": "2019",
        "pledge-amount": "30000", "pledge-currency": "CHF", "pledge-exchange_rate": "1"},
        follow=True)
    pledge = Pledge.objects.get()
    assert (pledge.contributor.state, pledge.last_year, pledge.amount) == ("NO", 2019, D("30000"))
    assert "Recorded" in response.content.decode()
    assert response.redirect_chain[-1][0].endswith("?year=2018#status")


def test_a_payment_by_an_organization_is_recorded(as_user, ccm_finance, core):
    eu = Organization.objects.create(acronym="EU", name_en="European Union")
    as_user(ccm_finance).post(record_url(core, "payment"), {
        "payment-organization": eu.pk, "payment-year": "2018", "payment-value_date": "2018-04-02",
        "payment-amount": "1000", "payment-currency": "EUR", "payment-exchange_rate": "1.1",
        "payment-reference": "EU-1"})
    payment = Payment.objects.get()
    assert payment.contributor.organization == eu and payment.amount_chf == D("1100.00")


def test_a_wrong_payment_comes_back_with_its_errors_and_what_was_typed(as_user, ccm_finance,
                                                                       core):
    seed(ccm_finance, core, states=["NO"])
    client = as_user(ccm_finance)
    response = client.post(record_url(core, "payment"), {
        "payment-state": "NO", "payment-year": "2018", "payment-value_date": "2018-04-02",
        "payment-amount": "-5", "payment-currency": "CHF", "payment-exchange_rate": "1",
        "payment-reference": "KEPT-REF"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "An amount must be greater than zero." in body and "KEPT-REF" in body
    twice = client.post(record_url(core, "payment"), {
        "payment-state": "NO", "payment-year": "2018", "payment-value_date": "2018-04-02",
        "payment-amount": "5", "payment-currency": "CHF", "payment-exchange_rate": "1",
        "payment-reference": "R-NO"})
    assert twice.status_code == 400
    assert "already recorded" in twice.content.decode()
    assert Payment.objects.count() == 1


def test_a_contributor_is_a_state_or_an_organization(as_user, ccm_finance, core):
    response = as_user(ccm_finance).post(record_url(core, "pledge"), {
        "pledge-first_year": "2018", "pledge-amount": "10", "pledge-currency": "CHF",
        "pledge-exchange_rate": "1"})
    assert response.status_code == 400
    assert "Choose a state or an organization" in response.content.decode()


def test_errors_come_back_in_the_users_language(as_user, ccm_finance, core):
    client = as_user(ccm_finance)
    client.cookies["django_language"] = "zh-hans"
    response = client.post(record_url(core, "pledge"), {
        "pledge-state": "NO", "pledge-first_year": "2018", "pledge-amount": "-1",
        "pledge-currency": "CHF", "pledge-exchange_rate": "1"},
        HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert "An amount must be greater than zero." not in response.content.decode()


def test_a_draw_for_another_purpose_is_refused_on_the_page(as_user, ccm_finance, reserve):
    client = as_user(ccm_finance)
    client.post(record_url(reserve, "movement"), {
        "movement-date": "2018-01-10", "movement-kind": "replenishment",
        "movement-amount": "50000"})
    response = client.post(record_url(reserve, "movement"), {
        "movement-date": "2018-02-10", "movement-kind": "draw", "movement-amount": "1000",
        "movement-purpose": "other", "movement-reason_en": "A party"})
    assert response.status_code == 400
    assert "cash-flow shortfall" in response.content.decode()
    assert ReserveMovement.objects.count() == 1


def test_a_movement_is_only_for_a_reserve(as_user, ccm_finance, core):
    assert as_user(ccm_finance).post(record_url(core, "movement"), {}).status_code == 404


def test_the_other_staff_read_only_what_is_published_and_do_not_record(as_user, coordinator,
                                                                       ccm_finance, core):
    seed(ccm_finance, core)
    client = as_user(coordinator)
    body = client.get(page(core)).content.decode()
    assert 'id="add-pledge"' not in body and 'id="status"' not in body
    assert "Norway" not in body and "Nothing is published for 2018 yet." in body
    assert client.get(reverse("workspace:financing-csv", args=[core.pk, 2018])).status_code == 403
    pledges = Pledge.objects.count()
    response = client.post(record_url(core, "pledge"), {
        "pledge-state": "NO", "pledge-first_year": "2018", "pledge-amount": "10",
        "pledge-currency": "CHF", "pledge-exchange_rate": "1"}, follow=True)
    assert "Only the ISU&#x27;s finance staff and its head keep its financing." in \
        response.content.decode()
    assert Pledge.objects.count() == pledges


def test_the_exports_hold_the_table(as_user, ccm_finance, core):
    seed(ccm_finance, core)
    client = as_user(ccm_finance)
    text = client.get(reverse("workspace:financing-csv", args=[core.pk, 2018])).content
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert ["Norway", "0", "50000.00", "20000.00", "30000.00"] in rows
    assert ["Total / 合计", "0", "100000.00", "40000.00", "60000.00"] in rows
    assert ["Contributing states / 缴款国数目", "2"] in rows
    response = client.get(reverse("workspace:financing-xlsx", args=[core.pk, 2018]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Switzerland", 0, 50000, 20000, 30000] in values
    assert ["Adopted budget (CHF) / 通过的预算(瑞郎)", 465440, None, None, None] in values


def test_the_page_runs_as_many_queries_for_many_contributors_as_for_few(as_user, ccm_finance,
                                                                        core, reserve):
    client = as_user(ccm_finance)
    seed(ccm_finance, core, states=["NO"])
    few = queries_on_second_visit(client, page(core))
    seed(ccm_finance, core, states=["CH", "JP", "AT", "DE", "FR", "IT"])
    Organization.objects.create(acronym="EU", name_en="European Union")
    many = queries_on_second_visit(client, page(core))
    assert few == many == [30]


def test_an_impossible_year_is_not_found_rather_than_an_error(as_user, ccm_finance, core):
    client = as_user(ccm_finance)
    for name, year in [("financing-csv", 99999), ("financing-xlsx", 99999),
                       ("financing-csv", 0), ("financing-csv", 1989),
                       ("financing-cash-flow-csv", 10000), ("financing-cash-flow-csv", 2101)]:
        assert client.get(reverse(f"workspace:{name}", args=[core.pk, year])).status_code == 404
    assert client.get(reverse("workspace:financing-csv", args=[core.pk, 1990])).status_code == 200
    assert client.get(reverse("workspace:financing-cash-flow-csv", args=[core.pk, 2100])
                      ).status_code == 200


def test_a_year_asked_for_is_a_plausible_year_or_not_found(as_user, ccm_finance, core):
    client = as_user(ccm_finance)
    url = reverse("workspace:financing-fund", args=[core.pk])
    for year in ["1800", "2101", "99999", "0", "-2018", "twenty", "2018.5"]:
        assert client.get(url, {"year": year}).status_code == 404
    assert client.get(url, {"year": "1990"}).status_code == 200
    this_year = date.today().year
    response = client.get(url)
    assert response.status_code == 200 and response.context["year"] == this_year
    response = client.post(record_url(core, "pledge", year=3000), {
        "pledge-state": "NO", "pledge-first_year": "2018", "pledge-amount": "10",
        "pledge-currency": "CHF"})
    assert response.status_code == 404 and not Pledge.objects.exists()


def test_the_forms_do_not_assume_an_exchange_rate(as_user, ccm_finance, core):
    client = as_user(ccm_finance)
    forms = client.get(page(core)).context["forms"]
    for kind in ["pledge", "payment"]:
        rate = forms[kind]["exchange_rate"]
        assert rate.value() is None and 'value="1"' not in str(rate)
    response = client.post(record_url(core, "payment"), {
        "payment-state": "NO", "payment-year": "2018", "payment-value_date": "2018-04-02",
        "payment-amount": "1000", "payment-currency": "EUR", "payment-exchange_rate": "",
        "payment-reference": "EU-1"})
    assert response.status_code == 400
    assert response.content.decode().count(
        "Enter the exchange rate of EUR to CHF used for this amount.") == 1
    response = client.post(record_url(core, "pledge"), {
        "pledge-state": "NO", "pledge-first_year": "2018", "pledge-amount": "1000",
        "pledge-currency": "EUR", "pledge-exchange_rate": "1"})
    assert response.status_code == 400
    assert "Enter the exchange rate of EUR to CHF" in response.content.decode()
    assert not Payment.objects.exists() and not Pledge.objects.exists()
    client.post(record_url(core, "payment"), {
        "payment-state": "NO", "payment-year": "2018", "payment-value_date": "2018-04-02",
        "payment-amount": "1000", "payment-currency": "CHF", "payment-exchange_rate": "",
        "payment-reference": "CH-1"})
    payment = Payment.objects.get()
    assert payment.exchange_rate == 1 and payment.amount_chf == D("1000.00")


def test_a_fund_opens_on_the_latest_year_with_anything_recorded(as_user, ccm_finance, core):
    seed(ccm_finance, core, states=["NO"])
    body = as_user(ccm_finance).get(reverse("workspace:financing-fund",
                                            args=[core.pk])).content.decode()
    assert "Status of contributions in 2018" in body
    index = as_user(ccm_finance).get(reverse("workspace:financing")).content.decode()
    assert reverse("workspace:financing-fund", args=[core.pk]) + '"' in index


def test_a_refusal_is_a_page_in_the_users_language(as_user, ccm_officer, ccm, core):
    client = as_user(ccm_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = client.get(reverse("workspace:financing-csv", args=[core.pk, 2018]))
    assert response.status_code == 403
    assert "执行支助股资金筹措的实时数据由财务人员和负责人管理" in response.content.decode()


def test_the_forms_name_the_states_in_the_users_language(as_user, ccm_finance, core):
    client = as_user(ccm_finance)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    body = client.get(page(core)).content.decode()
    assert '<option value="NO">挪威</option>' in body
