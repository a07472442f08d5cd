"""What a plan lacks is listed, and the workflow submits or publishes it only once each item is
fixed or waived by the head of the ISU with a written reason."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from budgets.models import Line
from isu.models import StaffRole
from meetings.models import Document
from tests import factories
from workplans.completeness import missing, outstanding, waive
from workplans.models import Activity, Chapter, Outcome, Waiver, WorkPlan
from workplans.services import take_step

Status = WorkPlan.Status


@pytest.fixture
def seventh_msp(ccm):
    return factories.meeting("CCM", "msp", 7, start=date(2017, 9, 4), end=date(2017, 9, 6))


@pytest.fixture
def plan(ccm, seventh_msp):
    """A draft with results, its chapters, a budget, a dated document and both languages."""
    return factories.complete(
        factories.plan("CCM", 2018, outcomes=1),
        factories.document(seventh_msp, number=4, body="work_plan", issued=False))


def lacking(plan):
    return [item.what for item in missing(plan)]


def message(plan, what):
    return next(item.message for item in missing(plan) if item.what == what)


def test_a_plan_with_everything_lacks_nothing_and_is_submitted(plan, ccm_officer):
    assert missing(plan) == []
    assert take_step(plan, "submit", ccm_officer).status == Status.SUBMITTED


def test_a_plan_without_a_budget_chapter_lacks_its_budget(plan):
    plan.chapters.filter(kind=Chapter.Kind.BUDGET).delete()
    assert lacking(plan) == ["budget"]
    assert message(plan, "budget") == "The plan has no budget chapter."


def test_a_budget_chapter_without_a_budget_with_lines_lacks_its_budget(plan):
    Line.objects.filter(budget__plan=plan).delete()  # the budget itself stays, empty
    assert lacking(plan) == ["budget"]
    assert message(plan, "budget") == "The budget chapter has no budget with lines."


def test_results_without_a_results_framework_chapter_are_missing_their_chapter(plan):
    plan.chapters.filter(kind=Chapter.Kind.RESULTS_FRAMEWORK).delete()
    assert lacking(plan) == ["results_framework"]
    Outcome.objects.filter(plan=plan).delete()
    assert lacking(plan) == []  # a plan without results needs no results framework


def test_a_plan_without_an_official_document_lacks_it_and_no_date(plan):
    plan.document = None
    plan.save()
    assert lacking(plan) == ["document"]
    assert "without a symbol or a PDF" in message(plan, "document")


def test_a_document_without_its_date_of_submission_is_listed(plan):
    Document.objects.filter(pk=plan.document_id).update(submitted_on=None)
    assert lacking(plan) == ["submission_date"]
    assert message(plan, "submission_date") == (
        "Its official document CCM/MSP/2017/4 has no date of submission in its masthead.")


def test_a_text_missing_in_one_of_the_plans_languages_is_listed(plan):
    Activity.objects.filter(output__outcome__plan=plan, position=1).update(text_zh_hans="")
    assert lacking(plan) == ["language"]
    assert message(plan, "language") == "2 texts are missing in Chinese."
    # A plan whose document is issued in English only is not written in Chinese.
    Document.objects.filter(pk=plan.document_id).update(languages=["en"])
    assert lacking(plan) == []


def test_a_fixed_item_is_no_longer_listed(plan):
    plan.chapters.filter(kind=Chapter.Kind.BUDGET).delete()
    assert lacking(plan) == ["budget"]
    factories.chapter(plan, "Budget", position=9, kind=Chapter.Kind.BUDGET,
                      title_zh_hans="预算")
    assert lacking(plan) == []


def test_submission_is_refused_while_something_is_missing(plan, ccm_officer):
    plan.chapters.filter(kind=Chapter.Kind.BUDGET).delete()
    with pytest.raises(ValidationError) as refusal:
        take_step(plan, "submit", ccm_officer)
    assert "cannot be taken to" in refusal.value.messages[0]
    assert "The plan has no budget chapter." in refusal.value.messages
    assert WorkPlan.objects.get(pk=plan.pk).status == Status.DRAFT
    assert not plan.transitions.exists()


def test_publication_is_refused_while_something_is_missing(ccm, ccm_head):
    adopted = factories.plan("CCM", 2018, outcomes=1, status=Status.ADOPTED)
    with pytest.raises(ValidationError) as refusal:
        take_step(adopted, "publish", ccm_head)
    assert "The plan has no official document" in " ".join(refusal.value.messages)
    assert WorkPlan.objects.get(pk=adopted.pk).status == Status.ADOPTED


def test_a_draft_adopted_without_review_is_held_up_too(db):
    """The CCW has no endorsing body: its drafts go straight to adoption."""
    head = factories.user("ccw.head", ("CCW", StaffRole.Role.HEAD_OF_ISU))
    draft = factories.plan("CCW", 2018)
    with pytest.raises(ValidationError) as refusal:
        take_step(draft, "adopt", head)
    assert "The plan has no official document" in " ".join(refusal.value.messages)
    assert WorkPlan.objects.get(pk=draft.pk).status == Status.DRAFT


def test_the_review_steps_between_are_not_held_up(ccm, coordinator):
    submitted = factories.plan("CCM", 2018, status=Status.SUBMITTED)
    assert outstanding(submitted)
    assert take_step(submitted, "endorse", coordinator).status == Status.ENDORSED


def test_the_head_of_the_isu_waives_an_item_with_a_reason_and_the_plan_goes_on(
        plan, ccm_head, ccm_officer):
    plan.chapters.filter(kind=Chapter.Kind.RESULTS_FRAMEWORK).delete()
    waiver = waive(plan, "results_framework", "  The results are in an annex this year. ",
                   ccm_head)
    assert (waiver.plan, waiver.what, waiver.user) == (plan, "results_framework", ccm_head)
    assert waiver.reason == "The results are in an annex this year." and waiver.at
    item = missing(plan)[0]
    assert (item.what, item.waiver) == ("results_framework", waiver)
    assert outstanding(plan) == []
    assert take_step(plan, "submit", ccm_officer).status == Status.SUBMITTED
    record = [(t.step, t.from_status, t.to_status, t.reason) for t in plan.transitions.reverse()]
    assert record == [("waive", "draft", "draft", "The results are in an annex this year."),
                      ("submit", "draft", "submitted", "")]
    assert plan.transitions.last().waiver == waiver


def test_an_officer_may_not_waive(plan, ccm_officer, coordinator):
    plan.chapters.filter(kind=Chapter.Kind.BUDGET).delete()
    for user in (ccm_officer, coordinator):
        with pytest.raises(PermissionDenied, match="Only the head of the ISU"):
            waive(plan, "budget", "We are late.", user)
    assert not Waiver.objects.exists() and not plan.transitions.exists()
    with pytest.raises(ValidationError):
        take_step(plan, "submit", ccm_officer)


def test_a_waiver_is_written_down_once_and_only_for_what_is_missing(plan, ccm_head):
    plan.chapters.filter(kind=Chapter.Kind.BUDGET).delete()
    with pytest.raises(ValidationError, match="Write why"):
        waive(plan, "budget", "   ", ccm_head)
    with pytest.raises(ValidationError, match="nothing to waive"):
        waive(plan, "document", "Just in case.", ccm_head)
    waive(plan, "budget", "The budget is issued separately.", ccm_head)
    with pytest.raises(ValidationError, match="already waived"):
        waive(plan, "budget", "Again.", ccm_head)
    assert Waiver.objects.count() == 1
