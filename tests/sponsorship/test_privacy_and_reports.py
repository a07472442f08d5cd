"""Delegates' data stay with the sponsorship staff; the public sees aggregates only."""

import base64
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from financing.models import Pledge
from isu.models import StaffRole
from sponsorship.models import Application, Programme, Round
from sponsorship.reports import multi_year, year_report
from tests import factories
from tests.seeds import load_demo
from tests.sponsorship.money import give

SECRET_NAME = "Amina Diallo"


@pytest.fixture
def round_with_delegate(ccm):
    programme = Programme.objects.create(convention=ccm, administered_by_en="ISU",
                                         governing_body_en="Donors")
    meeting = factories.meeting("CCM", "msp", 7, start=date(2017, 9, 4))
    round_ = Round.objects.create(programme=programme, meeting=meeting,
                                  application_deadline=date(2017, 7, 1), envelope=Decimal(9000))
    give(programme, 9000)
    Application.objects.create(round=round_, state="SN", delegate_name=SECRET_NAME,
                               gender="woman", decision="offered", ticket_estimate=Decimal(2000))
    return round_


def test_only_the_conventions_sponsorship_staff_open_applications(
        as_user, ccm_officer, ccm_sponsorship, round_with_delegate, apmbc):
    url = "/admin/sponsorship/application/"
    assert as_user(ccm_officer).get(url).status_code == 403
    assert SECRET_NAME in as_user(ccm_sponsorship).get(url).content.decode()
    other = factories.user("apmbc.sponsorship", ("APMBC", StaffRole.Role.SPONSORSHIP_STAFF))
    assert SECRET_NAME not in as_user(other).get(url).content.decode()
    application = Application.objects.get()
    assert as_user(other).get(f"{url}{application.pk}/change/").status_code == 404


def test_the_applications_api_asks_for_credentials_and_refuses_other_staff(
        anonymous, as_user, ccm_officer, ccm_sponsorship, round_with_delegate):
    url = "/api/sponsorship/applications/"
    assert anonymous.get(url).status_code == 401
    assert as_user(ccm_officer).get(url).status_code == 403
    listed = as_user(ccm_sponsorship).get(url).json()["results"]
    assert [a["delegate_name"] for a in listed] == [SECRET_NAME]
    basic = base64.b64encode(f"ccm.sponsorship:{factories.PASSWORD}".encode()).decode()
    assert anonymous.get(url, HTTP_AUTHORIZATION=f"Basic {basic}").status_code == 401  # no password


def test_the_public_sees_aggregates_and_never_a_delegate(anonymous, round_with_delegate):
    response = anonymous.get("/api/sponsorship/rounds/")
    assert SECRET_NAME not in response.content.decode()
    assert response.json()["results"][0]["figures"]["delegates"] == 1
    page = anonymous.get("/en/ccm/sponsorship/").content.decode()
    assert SECRET_NAME not in page and "Seventh Meeting of States Parties" in page
    report = anonymous.get("/en/ccm/sponsorship/2017/report.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(report.content)).pages)
    assert "Diallo" not in text and "Sponsorship programme: report for 2017" in text


def test_the_decision_page_explains_a_refusal_and_saves_nothing(as_user, ccm_sponsorship,
                                                                round_with_delegate):
    pending = Application.objects.create(round=round_with_delegate, state="CO",
                                         delegate_name="Carlos Mendoza",
                                         ticket_estimate=Decimal(8000))
    response = as_user(ccm_sponsorship).post(
        f"/admin/sponsorship/application/{pending.pk}/decide/",
        {"decision": "offered", "reason": "Priority.", "on": "2017-08-01"})
    assert "would exceed the funds available" in response.content.decode()
    assert Application.objects.get(pk=pending.pk).decision == "pending"


@pytest.fixture
def demo(db):
    load_demo()


def test_the_ccm_years_2016_to_2019_match_seed_001(demo):
    report = multi_year(Programme.objects.get(convention__code="CCM"), 2016, 2019)
    assert (report.average_received, report.donors, report.average_delegates,
            report.average_states_per_msp) == (Decimal(52800), 4, Decimal(17), Decimal(16))


def test_the_apmbc_2026_rounds_sponsor_about_fifty_participants(demo):
    report = year_report(Programme.objects.get(convention__code="APMBC"), 2026)
    assert [r.figures.delegates for r in report.rounds] == [24, 26]
    assert report.funds_left >= 0


def test_the_report_pdf_is_printed_in_chinese_too(anonymous, demo):
    response = anonymous.get("/zh-hans/ccm/sponsorship/2019/report.pdf")
    text = re.sub(r"\s+", "", "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages))
    assert "缔约国第九次会议" in text and "52,800瑞郎" in text


def test_staff_cannot_give_money_to_another_conventions_programme(as_user, ccm_sponsorship,
                                                                  round_with_delegate, apmbc):
    theirs = Programme.objects.create(convention=apmbc, administered_by_en="GICHD",
                                      governing_body_en="Donors' Group")
    response = as_user(ccm_sponsorship).post("/admin/sponsorship/programmepledge/add/", {
        "programme": theirs.pk, "year": 2017, "state": "AU", "organization": "",
        "currency": "CHF", "exchange_rate": "", "pledged": "1000000", "received": "1000000",
        "value_date": "", "earmarked_for": "", "note": ""})
    assert "programme" in response.context["adminform"].form.errors
    assert not Pledge.objects.filter(fund__convention=apmbc).exists()


def test_a_report_that_cannot_be_printed_is_explained_not_a_server_error(anonymous,
                                                                        round_with_delegate):
    Programme.objects.update(administered_by_en="ISU 😀")  # a row saved before the check
    response = anonymous.get("/en/ccm/sponsorship/2017/report.pdf")
    assert response.status_code == 503
    page = response.content.decode()
    assert "cannot be produced" in page and "U+1F600" in page
