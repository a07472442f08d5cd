"""The plan page lists what the plan lacks, with a link to fix each item; the head of the ISU
waives an item with a written reason from an ordinary form; the workflow's refusal is shown."""

import pytest

from budgets.models import Line
from meetings.models import Document
from tests import factories
from workplans.models import Chapter, Waiver, WorkPlan


@pytest.fixture
def plan(ccm):
    """A draft with results that lacks nothing."""
    return factories.complete(factories.plan("CCM", 2018, outcomes=1))


def url(plan, suffix=""):
    return f"/workspace/plans/{plan.pk}/{suffix}"


def lacks_section(page):
    return page.split('id="missing"')[1].split("</section>")[0]


def test_a_plan_lacking_nothing_says_so(as_user, ccm_officer, plan):
    section = lacks_section(as_user(ccm_officer).get(url(plan)).content.decode())
    assert "The plan lacks nothing." in section


def test_the_page_lists_what_the_plan_lacks_with_a_link_to_fix_each(as_user, ccm_officer,
                                                                     ccm):
    bare = factories.plan("CCM", 2018, outcomes=1)
    section = lacks_section(as_user(ccm_officer).get(url(bare)).content.decode())
    assert "The plan has no budget chapter." in section
    assert "The plan has results but no results framework chapter." in section
    assert section.count(f'href="{url(bare)}?add=chapter#add"') == 2
    assert "The plan has no official document" in section
    assert f'href="/admin/workplans/workplan/{bare.pk}/change/"' in section
    assert "texts are missing in Chinese." in section
    assert f'href="{url(bare, "translation/")}"' in section
    # An officer sees the list, not the waiver form.
    assert "<textarea" not in section
    assert "Only the head of the ISU may waive what a plan lacks." in section


def test_the_budget_and_the_documents_date_are_fixed_where_they_are_kept(as_user, ccm_officer,
                                                                         plan):
    Line.objects.filter(budget__plan=plan).delete()
    Document.objects.filter(pk=plan.document_id).update(submitted_on=None)
    section = lacks_section(as_user(ccm_officer).get(url(plan)).content.decode())
    assert "The budget chapter has no budget with lines." in section
    assert 'href="#budgets"' in section
    assert "has no date of submission in its masthead." in section
    assert f'href="/admin/meetings/document/{plan.document_id}/change/"' in section


def test_the_head_of_the_isu_waives_an_item_with_an_ordinary_form(as_user, ccm_head, plan):
    plan.chapters.filter(kind=Chapter.Kind.RESULTS_FRAMEWORK).delete()
    client = as_user(ccm_head)
    section = lacks_section(client.get(url(plan)).content.decode())
    assert f'action="{url(plan, "waive/")}"' in section
    assert 'name="what" value="results_framework"' in section and 'name="reason"' in section

    response = client.post(url(plan, "waive/"), {
        "what": "results_framework", "reason": "The results are in the annex this year."})

    assert response.status_code == 302 and response["Location"] == url(plan) + "#missing"
    page = client.get(response["Location"]).content.decode()
    assert "Waived by ccm.head on" in lacks_section(page)
    assert "The results are in the annex this year." in lacks_section(page)
    assert "Waived: Results framework" in page.split('id="workflow-heading"')[1]
    assert Waiver.objects.get().what == "results_framework"


def test_a_waiver_without_a_reason_is_refused_with_its_reason(as_user, ccm_head, plan):
    plan.chapters.filter(kind=Chapter.Kind.RESULTS_FRAMEWORK).delete()
    response = as_user(ccm_head).post(url(plan, "waive/"),
                                      {"what": "results_framework", "reason": " "}, follow=True)
    assert "Write why the plan may go on without it." in response.content.decode()
    assert not Waiver.objects.exists()


def test_an_officer_posting_the_waiver_form_is_refused(as_user, ccm_officer, plan):
    plan.chapters.filter(kind=Chapter.Kind.RESULTS_FRAMEWORK).delete()
    response = as_user(ccm_officer).post(url(plan, "waive/"), {
        "what": "results_framework", "reason": "We are late."}, follow=True)
    assert "Only the head of the ISU may waive" in response.content.decode()
    assert not Waiver.objects.exists()


def test_the_workflow_refuses_submission_on_the_page_and_says_what_is_missing(
        as_user, ccm_officer, plan):
    plan.chapters.filter(kind=Chapter.Kind.BUDGET).delete()
    response = as_user(ccm_officer).post(url(plan, "workflow/"), {"step": "submit"},
                                         follow=True)
    page = response.content.decode()
    assert "cannot be taken to" in page and "The plan has no budget chapter." in page
    assert WorkPlan.objects.get(pk=plan.pk).status == WorkPlan.Status.DRAFT
