"""The workspace's "New work plan" page: one form, without JavaScript, starts a plan and its
official document, prefilled from the user's convention; what is wrong is shown on the form
in the user's language and nothing is saved; then the plan's page."""

from datetime import date

import pytest

from isu.models import StaffRole
from meetings.models import Document
from tests import factories
from tests.workspace.test_documents import FormReader
from workplans.models import WorkPlan

URL = "/workspace/plans/new/"
TITLE = {"title_en": "ISU 2019 work plan", "title_zh_hans": "执行支助股 2019 年工作计划"}


@pytest.fixture
def meeting(ccm):
    return factories.meeting("CCM", "msp", 8, start=date(2018, 9, 3))


def the_form(client):
    """The form as the page gives it, as a browser would post it back."""
    response = client.get(URL)
    assert response.status_code == 200
    reader = FormReader("new-plan")
    reader.feed(response.content.decode())
    return {name: values if name == "languages" else values[0]
            for name, values in reader.data.items()}


def nothing_saved():
    return not WorkPlan.objects.exists() and not Document.objects.exists()


def test_editors_reach_the_page_from_their_workspace(as_user, ccm_officer, coordinator):
    assert f'href="{URL}"' in as_user(ccm_officer).get("/workspace/").content.decode()
    assert as_user(coordinator).get(URL).status_code == 403


def test_the_form_starts_from_the_users_convention_and_its_latest_meeting(
        as_user, ccm_officer, ccm, meeting):
    factories.plan("CCM", 2017, end_year=2018)
    factories.document(meeting, number=2)
    page = as_user(ccm_officer).get(URL).content.decode()
    data = the_form(as_user(ccm_officer))

    assert data["convention"] == str(ccm.pk) and data["meeting"] == str(meeting.pk)
    assert (data["start_year"], data["end_year"], data["number"]) == ("2019", "2020", "3")
    assert data["submitted_by_en"] == ccm.isu_host_en
    assert data["languages"] == ["zh-hans", "en"]
    # Each meeting shows the prefix of its symbols; the number follows its meeting's prefix.
    assert "CCM — Eighth Meeting of States Parties (CCM/MSP/2018/…)" in page
    assert '<span class="prefix">CCM/MSP/2018/</span><input type="number" name="number"' in page


def test_one_submission_starts_the_plan_and_its_document(as_user, ccm_officer, ccm, meeting):
    client = as_user(ccm_officer)
    response = client.post(URL, the_form(client) | TITLE | {
        "start_year": "2019", "end_year": "2019", "submitted_on": "2018-07-18"})

    plan = WorkPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/workspace/plans/{plan.pk}/"
    assert (plan.period, plan.title_zh_hans, plan.chapters.count()) == (
        "2019", TITLE["title_zh_hans"], 3)
    document = plan.document
    assert (document.symbol, document.body, document.issued) == (
        "CCM/MSP/2018/1", "work_plan", False)
    assert (document.title_en, document.submitted_by_en, document.submitted_on) == (
        TITLE["title_en"], ccm.isu_host_en, date(2018, 7, 18))
    page = client.get(response["Location"]).content.decode()
    assert "CCM/MSP/2018/1" in page and "Results framework" in page


def test_the_document_may_be_left_out(as_user, ccm_officer, ccm, meeting):
    client = as_user(ccm_officer)
    response = client.post(URL, the_form(client) | TITLE | {"meeting": "", "number": ""})

    assert response.status_code == 302
    assert WorkPlan.objects.get().document is None and not Document.objects.exists()


def test_a_symbol_already_taken_is_shown_on_the_form_and_nothing_is_saved(
        as_user, ccm_officer, ccm, meeting):
    client = as_user(ccm_officer)
    data = the_form(client) | TITLE
    taken = factories.document(meeting, number=1)

    response = client.post(URL, data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "A document with the symbol CCM/MSP/2018/1 already exists." in page
    assert 'value="ISU 2019 work plan"' in page  # what was typed is kept
    assert not WorkPlan.objects.exists() and list(Document.objects.all()) == [taken]


def test_a_number_without_a_meeting_is_refused(as_user, ccm_officer, ccm, meeting):
    client = as_user(ccm_officer)
    response = client.post(URL, the_form(client) | TITLE | {"meeting": ""})

    assert "Choose the meeting the document is issued for." in response.content.decode()
    assert nothing_saved()


def test_another_conventions_plan_or_meeting_is_refused(as_user, apmbc_officer, ccm, meeting):
    client = as_user(apmbc_officer)
    data = the_form(client) | TITLE
    assert data["convention"] != str(ccm.pk) and str(meeting.pk) not in client.get(
        URL).content.decode().split('name="meeting"')[1].split("</select>")[0]

    for changed in ({"convention": ccm.pk}, {"meeting": meeting.pk, "number": "4"}):
        response = client.post(URL, data | changed)
        assert response.status_code == 200 and "Select a valid choice" in (
            response.content.decode())
    assert nothing_saved()


def test_a_meeting_of_the_users_other_convention_is_refused(as_user, ccm, apmbc, meeting):
    both = factories.user("both", ("CCM", StaffRole.Role.ISU_OFFICER),
                          ("APMBC", StaffRole.Role.ISU_OFFICER))
    client = as_user(both)
    data = the_form(client) | TITLE | {"convention": apmbc.pk, "meeting": meeting.pk,
                                       "number": "1"}

    response = client.post(URL, data)

    assert "Choose a meeting of the plan&#x27;s convention." in response.content.decode()
    assert nothing_saved()


def test_the_page_and_its_refusals_are_in_chinese(as_user, ccm_officer, ccm, meeting):
    client = as_user(ccm_officer)
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": URL})
    page = client.get(URL).content.decode()
    assert '<html lang="zh-hans">' in page and "新建工作计划" in page and "起始年份" in page

    response = client.post(URL, the_form(client) | TITLE | {"start_year": "2020",
                                                            "end_year": "2019"})

    assert "终止年份不能早于起始年份，请核对所填年份。" in response.content.decode()
    assert nothing_saved()


def test_a_superuser_still_adds_a_plan_in_the_admin(as_user, superuser, ccm):
    from tests.workplans.test_admin import ADMIN, new_plan_post

    response = as_user(superuser).post(f"{ADMIN}add/", new_plan_post(ccm))

    assert response.status_code == 302 and WorkPlan.objects.get().chapters.count() == 3
