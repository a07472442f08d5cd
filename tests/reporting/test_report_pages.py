"""In the workspace, the progress page of an adopted plan leads its editors to the annual
report: one form (the year, the meeting, and whether text people edited is kept or replaced)
drafts the report and opens it in the document editor, with ordinary forms and redirects."""

from datetime import date

import pytest
from django.urls import reverse

from meetings import editing
from meetings.models import Document
from reporting.models import AnnualReport, GeneratedBlock
from tests import factories
from tests.queries import queries_on_second_visit
from tests.reporting.plans import THIS_YEAR, activities
from tests.reporting.report_scene import (
    adopted_plan_with_budget,
    mission,
    next_meeting,
    record,
)


@pytest.fixture
def plan(ccm):
    return adopted_plan_with_budget()


@pytest.fixture
def meeting(ccm):
    return next_meeting()


def url(plan):
    return reverse("workspace:annual-report", args=[plan.pk])


def post(client, plan, meeting=None, edited="keep", year=THIS_YEAR):
    return client.post(url(plan), {"year": year, "meeting": meeting.pk if meeting else "",
                                   "edited": edited})


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_the_progress_page_links_the_annual_report_for_its_editors(as_user, ccm_officer,
                                                                   coordinator, plan):
    progress = reverse("workspace:progress", args=[plan.pk])
    assert url(plan) in as_user(ccm_officer).get(progress).content.decode()
    assert url(plan) not in as_user(coordinator).get(progress).content.decode()


def test_the_form_offers_the_plans_years_and_the_conventions_meetings_from_then_on(
        as_user, ccm_officer, apmbc, plan, meeting):
    factories.meeting("CCM", "msp", 6, start=date(THIS_YEAR - 2, 9, 5))
    factories.meeting("APMBC", "msp", 23, start=date(THIS_YEAR, 11, 30))
    response = as_user(ccm_officer).get(url(plan))
    assert response.status_code == 200
    form = response.context["form"]
    assert [value for value, _label in form.fields["year"].choices] == [THIS_YEAR]
    assert [value for value, _label in form.fields["meeting"].choices] == ["", meeting.pk]


def test_drafting_opens_the_report_in_the_document_editor(as_user, ccm_officer, plan, meeting):
    client = as_user(ccm_officer)
    response = post(client, plan, meeting)
    report = AnnualReport.objects.get()
    editor = reverse("workspace:document-page", args=[report.document.pk])
    assert response.status_code == 302 and response.url == editor
    page = client.get(editor)
    assert page.status_code == 200
    assert f"The {THIS_YEAR} report is drafted as {report.document.symbol}" in " ".join(
        messages_of(page))
    assert "Functioning of the Implementation Support Unit" in page.content.decode()
    listing = client.get(url(plan)).content.decode()
    assert report.document.symbol in listing and editor in listing


def test_drafting_again_keeps_edited_text_and_says_where_or_replaces_it(
        as_user, ccm_officer, plan, meeting):
    client = as_user(ccm_officer)
    record(ccm_officer, plan)
    post(client, plan, meeting)
    paragraph = GeneratedBlock.objects.get(key=f"activity-{activities(plan)[0].pk}").block
    row, form = editing.save_row(ccm_officer, paragraph.document_id, "block", paragraph.pk, {
        "kind": "paragraph", "numbered": True, "level": 1, "text_en": "Edited by hand.",
        "text_zh_hans": "", "version": editing.row_version(paragraph)})
    assert not form.errors
    number = editing.block_numbers(paragraph.document_id)[paragraph.pk][0]["en"].rstrip(".")
    assert f"paragraph {number}" in client.get(url(plan)).content.decode()
    mission()
    response = client.post(url(plan), {"year": THIS_YEAR, "edited": "keep"}, follow=True)
    assert any(f"was kept in paragraph {number}." in m for m in messages_of(response))
    paragraph.refresh_from_db()
    assert paragraph.text_en == "Edited by hand."
    response = post(client, plan, edited="replace")
    paragraph.refresh_from_db()
    assert paragraph.text_en.startswith("Activity 1.1.1: Supported the Coordination Committee.")


def test_a_meeting_of_another_convention_gives_the_form_back_with_the_reason(
        as_user, ccm_officer, apmbc, plan):
    other = factories.meeting("APMBC", "msp", 23, start=date(THIS_YEAR, 11, 30))
    response = as_user(ccm_officer).post(url(plan), {"year": THIS_YEAR, "meeting": other.pk,
                                                     "edited": "keep"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = as_user(ccm_officer).post(url(plan), {"year": THIS_YEAR, "edited": "keep"})
    assert response.status_code == 400
    assert "Choose a meeting of the CCM." in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_an_issued_report_is_refused_with_its_reason(as_user, ccm_officer, plan, meeting):
    client = as_user(ccm_officer)
    post(client, plan, meeting)
    document = AnnualReport.objects.get().document
    Document.objects.filter(pk=document.pk).update(issued=True)
    response = client.post(url(plan), {"year": THIS_YEAR, "edited": "replace"}, follow=True)
    assert any("is issued as" in m for m in messages_of(response))


def test_others_cannot_draft_it(as_user, apmbc_officer, coordinator, plan, meeting):
    assert post(as_user(apmbc_officer), plan, meeting).status_code == 404
    response = post(as_user(coordinator), plan, meeting)
    assert response.status_code == 302
    assert not AnnualReport.objects.exists()


def test_the_page_costs_the_same_queries_for_a_short_report_or_a_long_one(
        as_user, ccm_officer, plan, meeting):
    client = as_user(ccm_officer)
    post(client, plan, meeting)
    short = queries_on_second_visit(client, url(plan))
    for index in range(4):
        record(ccm_officer, plan, index=index)
    post(client, plan)
    assert GeneratedBlock.objects.count() > 20
    assert queries_on_second_visit(client, url(plan)) == short
