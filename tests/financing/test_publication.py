"""Publishing the status of contributions on the public site: only the head of the ISU
publishes, a snapshot does not move with the ledger, a withdrawn one is no longer shown, the
public page and the API give the amounts per contributor and never contact data."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from financing import services
from financing.models import Contact, Contributor, Fund, StatusPublication
from financing.publishing import publish_status, withdraw
from meetings.models import Organization
from tests.queries import queries_on_second_visit

D = Decimal
SECRET_EMAIL = "treasury.secret@mfa.example"



@pytest.fixture
def reserve(ccm):
    return Fund.objects.create(convention=ccm, kind=Fund.Kind.RESERVE, name_en="Capital reserve",
                               name_zh_hans="资本储备", target_amount=D("400000"))


def pay(user, fund, state, amount, on=date(2018, 3, 1), reference=None):
    contributor, _new = Contributor.objects.get_or_create(state=state)
    services.record_payment(user, contributor=contributor, fund=fund, year=2018, value_date=on,
                            amount=amount, reference=reference or f"R-{state}-{amount}")
    return contributor


def seed(finance, fund, states=("NO", "CH")):
    for state in states:
        contributor = pay(finance, fund, state, "20000")
        services.record_pledge(finance, contributor=contributor, fund=fund, first_year=2018,
                               amount="50000")
        Contact.objects.create(convention=fund.convention, contributor=contributor,
                               name="Treasurer", email=f"{state}.{SECRET_EMAIL}")


def status_page(fund, year=2018, language="en"):
    return f"/{language}" + reverse("contributions-status",
                                    args=["ccm", fund.pk, year])[len("/en"):]


# -- who publishes ----------------------------------------------------------------------------

def test_the_head_of_the_isu_publishes_a_snapshot_of_the_figures(ccm_finance, ccm_head, core,
                                                                  reserve):
    seed(ccm_finance, core)
    services.record_reserve_movement(ccm_finance, fund=reserve, date=date(2018, 1, 10),
                                     kind="replenishment", amount="100000")
    publication = publish_status(ccm_head, core, 2018)
    figures = publication.figures
    assert publication.as_at == timezone.localdate() and publication.published_by == ccm_head
    norway = next(row for row in figures["rows"] if row["state"] == "NO")
    assert norway["name"] == {"en": "Norway", "zh-hans": "挪威"}
    assert (norway["pledged"], norway["paid"], norway["outstanding"]) == (
        "50000.00", "20000.00", "30000.00")
    assert figures["totals"]["paid"] == "40000.00" and figures["contributing_states"] == 2
    assert figures["budget_total"] == "465440.00" and figures["coverage_percent"] == "8.6"
    assert figures["reserves"] == [{"name": {"en": "Capital reserve", "zh-hans": "资本储备"},
                                    "balance": "100000.00", "target": "400000.00",
                                    "coverage_percent": "25.0"}]
    assert "secret" not in str(figures).lower()


def test_finance_staff_and_officers_are_refused(ccm_finance, ccm_officer, core):
    for user in (ccm_finance, ccm_officer):
        with pytest.raises(PermissionDenied):
            publish_status(user, core, 2018)
    assert not StatusPublication.objects.exists()


def test_another_conventions_staff_do_not_find_the_fund(apmbc_finance, apmbc_officer, core):
    with pytest.raises(Http404):
        publish_status(apmbc_officer, core, 2018)


def test_a_superuser_publishes_and_a_date_to_come_is_refused(superuser, core):
    assert publish_status(superuser, core, 2018, as_at=date(2018, 6, 30)).as_at == date(2018, 6, 30)
    with pytest.raises(ValidationError):
        publish_status(superuser, core, 2018, as_at=date(2999, 1, 1))


def test_a_status_as_at_a_date_counts_the_payments_received_by_then(ccm_finance, ccm_head,
                                                                     core):
    pay(ccm_finance, core, "NO", "1000", on=date(2018, 2, 1))
    pay(ccm_finance, core, "NO", "500", on=date(2018, 7, 1))
    figures = publish_status(ccm_head, core, 2018, as_at=date(2018, 6, 30)).figures
    assert figures["totals"]["paid"] == "1000.00"


def test_the_snapshot_does_not_move_with_later_payments(ccm_finance, ccm_head, core):
    seed(ccm_finance, core)
    publication = publish_status(ccm_head, core, 2018)
    pay(ccm_finance, core, "NO", "30000", reference="LATER")
    publication.refresh_from_db()
    assert publication.figures["totals"]["paid"] == "40000.00"
    assert publish_status(ccm_head, core, 2018).figures["totals"]["paid"] == "70000.00"
    assert StatusPublication.objects.count() == 2


def test_an_organization_is_named_in_both_languages(ccm_finance, ccm_head, core):
    eu = Organization.objects.create(acronym="EU", name_en="European Union",
                                     name_zh_hans="欧洲联盟")
    contributor = Contributor.objects.create(organization=eu)
    services.record_payment(ccm_finance, contributor=contributor, fund=core, year=2018,
                            value_date=date(2018, 5, 1), amount="700")
    row = publish_status(ccm_head, core, 2018).figures["rows"][0]
    assert (row["state"], row["organization"]) == (None, eu.pk)
    assert row["name"] == {"en": "European Union", "zh-hans": "欧洲联盟"}


# -- the public pages -------------------------------------------------------------------------

def test_the_public_page_shows_the_latest_publication_in_english(anonymous, ccm_finance,
                                                                 ccm_head, core):
    seed(ccm_finance, core)
    publish_status(ccm_head, core, 2018, as_at=date(2018, 3, 31))
    response = anonymous.get(status_page(core))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Norway" in body and "Switzerland" in body and "Core budget" in body
    assert "CHF 20,000" in body and "CHF 40,000" in body and "CHF 465,440" in body
    assert "8.6%" in body and "31 March 2018" in body
    assert SECRET_EMAIL not in body and "Treasurer" not in body


def test_the_public_page_shows_the_names_in_chinese(anonymous, ccm_finance, ccm_head, core):
    seed(ccm_finance, core)
    publish_status(ccm_head, core, 2018)
    body = anonymous.get(status_page(core, language="zh-hans")).content.decode()
    assert "挪威" in body and "瑞士" in body and "核心预算" in body
    assert "20,000 瑞郎" in body and "Norway" not in body
    assert SECRET_EMAIL not in body


def test_the_list_names_the_published_funds_and_years(anonymous, ccm_finance, ccm_head, core,
                                                      reserve):
    publish_status(ccm_head, core, 2018)
    body = anonymous.get(reverse("contributions", args=["ccm"])).content.decode()
    assert status_page(core) in body and "Core budget · 2018" in body
    assert "Capital reserve" not in body


def test_a_withdrawn_publication_is_no_longer_shown(anonymous, ccm_finance, ccm_head, core):
    seed(ccm_finance, core)
    first = publish_status(ccm_head, core, 2018, as_at=date(2018, 3, 1))
    second = publish_status(ccm_head, core, 2018, as_at=date(2018, 4, 1))
    assert "1 April 2018" in anonymous.get(status_page(core)).content.decode()
    withdraw(ccm_head, second)
    assert "1 March 2018" in anonymous.get(status_page(core)).content.decode()
    withdraw(ccm_head, first)
    assert anonymous.get(status_page(core)).status_code == 404
    assert status_page(core) not in anonymous.get(
        reverse("contributions", args=["ccm"])).content.decode()


def test_only_the_head_withdraws(ccm_finance, ccm_head, core):
    publication = publish_status(ccm_head, core, 2018)
    with pytest.raises(PermissionDenied):
        withdraw(ccm_finance, publication)
    publication.refresh_from_db()
    assert publication.withdrawn_at is None


def test_nothing_is_public_before_it_is_published(anonymous, ccm_finance, core):
    seed(ccm_finance, core)
    assert anonymous.get(status_page(core)).status_code == 404
    csv_url = reverse("contributions-csv", args=["ccm", core.pk, 2018])
    assert anonymous.get(csv_url).status_code == 404


def test_another_conventions_address_does_not_show_the_fund(anonymous, apmbc, ccm_head, core):
    publish_status(ccm_head, core, 2018)
    url = reverse("contributions-status", args=["apmbc", core.pk, 2018])
    assert anonymous.get(url).status_code == 404


def test_the_published_figures_download_as_csv(anonymous, ccm_finance, ccm_head, core):
    seed(ccm_finance, core)
    publish_status(ccm_head, core, 2018)
    pay(ccm_finance, core, "NO", "999", reference="AFTER")
    response = anonymous.get(reverse("contributions-csv", args=["ccm", core.pk, 2018]))
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert ["NO", "", "Norway", "挪威", "0.00", "50000.00", "20000.00", "30000.00"] in rows
    assert ["", "", "Total", "合计", "0.00", "100000.00", "40000.00", "60000.00"] in rows
    assert SECRET_EMAIL not in text


def test_the_public_page_runs_as_many_queries_for_many_contributors_as_for_few(
        anonymous, ccm_finance, ccm_head, core, reserve):
    seed(ccm_finance, core, states=["NO"])
    publish_status(ccm_head, core, 2018)
    # Signed in, so that the page is built each time, not served from the cache.
    client = anonymous
    client.force_login(ccm_finance)
    few = queries_on_second_visit(client, status_page(core), reverse("contributions", args=["ccm"]))
    seed(ccm_finance, core, states=["CH", "JP", "AT", "DE", "FR", "IT"])
    publish_status(ccm_head, core, 2018)
    many = queries_on_second_visit(client, status_page(core),
                                   reverse("contributions", args=["ccm"]))
    assert few == many == [6, 6]  # signed in: its session and user too


# -- the workspace ----------------------------------------------------------------------------

def fund_page(fund, year=2018):
    return reverse("workspace:financing-fund", args=[fund.pk]) + f"?year={year}"


def publish_url(fund, year=2018):
    return reverse("workspace:financing-publish", args=[fund.pk]) + f"?year={year}"


def test_the_head_publishes_from_the_fund_page(as_user, ccm_head, core):
    client = as_user(ccm_head)
    assert "Publish on the public site" in client.get(fund_page(core)).content.decode()
    response = client.post(publish_url(core), {"as_at": "2018-06-30"}, follow=True)
    publication = StatusPublication.objects.get()
    assert publication.as_at == date(2018, 6, 30) and publication.year == 2018
    body = response.content.decode()
    assert "Published on the public site" in body and "Shown on the public site" in body


def test_a_wrong_date_comes_back_with_what_was_typed(as_user, ccm_head, core):
    response = as_user(ccm_head).post(publish_url(core), {"as_at": "30/06/2018"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter the date as YYYY-MM-DD." in body and "30/06/2018" in body
    assert not StatusPublication.objects.exists()


def test_finance_staff_see_what_is_published_but_do_not_publish(as_user, ccm_finance, ccm_head,
                                                                 core):
    publication = publish_status(ccm_head, core, 2018, as_at=date(2018, 5, 2))
    client = as_user(ccm_finance)
    body = client.get(fund_page(core)).content.decode()
    assert "Publish on the public site" not in body and "2 May 2018" in body
    assert "The head of the ISU publishes the status" in body
    client.post(publish_url(core), {"as_at": "2018-06-30"})
    client.post(reverse("workspace:financing-withdraw", args=[core.pk, publication.pk]))
    assert StatusPublication.objects.get().withdrawn_at is None


def test_the_head_withdraws_from_the_fund_page(as_user, ccm_head, core):
    publication = publish_status(ccm_head, core, 2018)
    as_user(ccm_head).post(reverse("workspace:financing-withdraw", args=[core.pk, publication.pk]))
    publication.refresh_from_db()
    assert publication.withdrawn_at is not None


def test_another_conventions_head_finds_nothing_to_publish(as_user, apmbc_officer, core):
    client = as_user(apmbc_officer)
    assert client.post(publish_url(core), {"as_at": "2018-06-30"}).status_code == 404


# -- the API ----------------------------------------------------------------------------------

def test_the_api_lists_the_published_statuses(anonymous, ccm_finance, ccm_head, core, reserve):
    seed(ccm_finance, core)
    shown = publish_status(ccm_head, core, 2018)
    withdrawn = publish_status(ccm_head, reserve, 2018)
    withdraw(ccm_head, withdrawn)
    data = anonymous.get("/api/financing/published-statuses/?convention=ccm&year=2018").json()
    assert [row["id"] for row in data["results"]] == [shown.pk]
    row = data["results"][0]
    assert (row["convention"], row["fund"], row["year"]) == ("CCM", core.pk, 2018)
    assert row["totals"]["paid"] == "40000.00" and row["fund_name"]["zh-hans"] == "核心预算"
    assert "rows" not in row
    other_year = anonymous.get("/api/financing/published-statuses/?year=2019").json()
    assert other_year["results"] == []


def test_the_api_detail_gives_the_rows_and_never_contacts(anonymous, ccm_finance, ccm_head,
                                                          core):
    seed(ccm_finance, core)
    publication = publish_status(ccm_head, core, 2018)
    response = anonymous.get(f"/api/financing/published-statuses/{publication.pk}/")
    data = response.json()
    assert [row["state"] for row in data["rows"]] == ["NO", "CH"]
    assert data["rows"][0]["paid"] == "20000.00" and data["rows"][0]["name"]["en"] == "Norway"
    assert SECRET_EMAIL not in response.content.decode()
    withdraw(ccm_head, publication)
    assert anonymous.get(f"/api/financing/published-statuses/{publication.pk}/"
                         ).status_code == 404


def test_the_api_list_runs_as_many_queries_for_many_contributors_as_for_few(
        anonymous, ccm_finance, ccm_head, core):
    seed(ccm_finance, core, states=["NO"])
    publish_status(ccm_head, core, 2018)
    url = "/api/financing/published-statuses/"
    few = queries_on_second_visit(anonymous, url, url + "?convention=ccm")
    seed(ccm_finance, core, states=["CH", "JP", "AT", "DE", "FR", "IT"])
    publish_status(ccm_head, core, 2019)
    publish_status(ccm_head, core, 2018)
    many = queries_on_second_visit(anonymous, url, url + "?convention=ccm")
    assert few == many == [2, 2]  # the count and the page


def test_the_staff_api_gives_the_live_status_to_the_finance_staff_only(as_user, ccm_finance,
                                                                      ccm_officer, core):
    seed(ccm_finance, core)
    url = f"/api/financing/funds/{core.pk}/status/2018/"
    data = as_user(ccm_finance).get(url).json()
    assert data["status"]["totals"]["paid"] == "40000.00"
    pay(ccm_finance, core, "NO", "1", reference="NOW")
    data = as_user(ccm_finance).get(url).json()
    assert data["status"]["totals"]["paid"] == "40001.00"
    assert as_user(ccm_officer).get(url).status_code == 403


def test_the_staff_api_is_a_404_for_another_convention(as_user, anonymous, apmbc_finance, core):
    url = f"/api/financing/funds/{core.pk}/status/2018/"
    assert as_user(apmbc_finance).get(url).status_code == 404
    assert as_user(apmbc_finance).get(f"/api/financing/funds/{core.pk}/").status_code == 404
    assert anonymous.get(url).status_code == 401
