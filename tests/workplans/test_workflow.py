"""Draft → submitted → endorsed → adopted → published, each step by the roles allowed to take it."""

from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from isu.models import StaffRole
from meetings.models import Document
from tests import factories
from workplans import workflow
from workplans.models import Activity, WorkPlan
from workplans.services import start_revision, take_step
from workplans.workflow import publishes_at_once

Status = WorkPlan.Status
Role = StaffRole.Role


@pytest.fixture
def seventh_msp(ccm):
    return factories.meeting("CCM", "msp", 7, start=date(2017, 9, 4), end=date(2017, 9, 6))


@pytest.fixture
def draft(ccm, seventh_msp):
    """A draft that lacks nothing the workflow checks."""
    plan = factories.plan("CCM", 2018, outcomes=1)
    return factories.complete(plan, factories.document(seventh_msp, number=4, body="work_plan",
                                                       issued=False))


def adopted(plan, officer, coordinator, head, meeting):
    take_step(plan, "submit", officer)
    take_step(plan, "endorse", coordinator)
    return take_step(plan, "adopt", head, meeting=meeting, on=date(2017, 9, 6))


def test_the_whole_path_is_recorded_with_who_and_why(draft, ccm_officer, coordinator, ccm_head,
                                                     seventh_msp):
    adopted(draft, ccm_officer, coordinator, ccm_head, seventh_msp)
    plan = take_step(draft, "publish", ccm_head, reason="Adopted at 7MSP.")
    assert plan.status == Status.PUBLISHED
    assert (plan.adopted_at, plan.adopted_on) == (seventh_msp, date(2017, 9, 6))
    steps = [(t.from_status, t.to_status, t.user.username) for t in plan.transitions.reverse()]
    assert steps == [("draft", "submitted", "ccm.officer"), ("submitted", "endorsed", "coordinator"),
                     ("endorsed", "adopted", "ccm.head"), ("adopted", "published", "ccm.head")]
    assert plan.transitions.first().reason == "Adopted at 7MSP."
    assert Document.objects.get(pk=plan.document_id).issued


def test_an_officer_may_not_endorse_and_a_coordinator_may_not_adopt(draft, ccm_officer,
                                                                    coordinator, seventh_msp):
    take_step(draft, "submit", ccm_officer)
    with pytest.raises(PermissionDenied) as error:
        take_step(draft, "endorse", ccm_officer)
    assert "do not allow you" in str(error.value)
    take_step(draft, "endorse", coordinator)
    with pytest.raises(PermissionDenied):
        take_step(draft, "adopt", coordinator, meeting=seventh_msp, on=date(2017, 9, 6))
    assert WorkPlan.objects.get(pk=draft.pk).status == Status.ENDORSED


def test_another_conventions_officer_may_take_no_step(draft, apmbc_officer):
    with pytest.raises(PermissionDenied):
        take_step(draft, "submit", apmbc_officer)


def test_steps_out_of_order_are_refused(draft, ccm_head, seventh_msp):
    with pytest.raises(ValidationError) as error:
        take_step(draft, "publish", ccm_head)
    assert "cannot be taken to" in str(error.value)


def test_adoption_names_a_meeting_and_one_of_its_days(draft, ccm_officer, coordinator, ccm_head,
                                                      seventh_msp, apmbc):
    take_step(draft, "submit", ccm_officer)
    take_step(draft, "endorse", coordinator)
    with pytest.raises(ValidationError) as error:
        take_step(draft, "adopt", ccm_head, meeting=seventh_msp, on=date(2017, 10, 1))
    assert "a day of the meeting" in str(error.value)
    other = factories.meeting("APMBC", "msp", 16, start=date(2017, 12, 18))
    with pytest.raises(ValidationError) as error:
        take_step(draft, "adopt", ccm_head, meeting=other, on=date(2017, 12, 18))
    assert "plan's convention" in str(error.value)
    assert WorkPlan.objects.get(pk=draft.pk).status == Status.ENDORSED


def test_returning_for_revision_needs_a_written_reason(draft, ccm_officer, coordinator):
    take_step(draft, "submit", ccm_officer)
    with pytest.raises(ValidationError) as error:
        take_step(draft, "return", coordinator, reason="  ")
    assert "Write why" in str(error.value)
    plan = take_step(draft, "return", coordinator, reason="Outcome 1 lacks an indicator.")
    assert plan.status == Status.DRAFT
    assert plan.transitions.first().reason == "Outcome 1 lacks an indicator."


def test_a_plan_under_review_is_locked_in_the_admin(as_user, draft, ccm_officer):
    take_step(draft, "submit", ccm_officer)
    client = as_user(ccm_officer)
    page = client.get(f"/admin/workplans/workplan/{draft.pk}/change/")
    assert page.status_code == 200 and 'name="title_en"' not in page.content.decode()
    response = client.post(f"/admin/workplans/workplan/{draft.pk}/change/", {"title_en": "New"})
    assert response.status_code == 403
    assert WorkPlan.objects.get(pk=draft.pk).title_en == "ISU 2018 work plan"


def test_the_workflow_page_takes_a_step_and_explains_a_refusal(as_user, draft, ccm_officer,
                                                               coordinator):
    url = f"/admin/workplans/workplan/{draft.pk}/workflow/"
    response = as_user(ccm_officer).post(url, {"step": "submit", "reason": ""})
    assert response.status_code == 302
    page = as_user(ccm_officer).post(url, {"step": "endorse", "reason": ""}).content.decode()
    assert "do not allow you" in page
    page = as_user(coordinator).get(url).content.decode()
    assert "Record the Coordination Committee" in page and "ccm.officer" in page


@pytest.fixture
def published(draft, ccm_officer, coordinator, ccm_head, seventh_msp):
    adopted(draft, ccm_officer, coordinator, ccm_head, seventh_msp)
    return take_step(draft, "publish", ccm_head)


@pytest.mark.parametrize("change, symbol", [("Corr", "CCM/MSP/2017/4/Corr.1"),
                                            ("Rev", "CCM/MSP/2017/4/Rev.1")])
def test_a_change_after_publication_is_a_new_version_under_its_own_symbol(
        published, ccm_officer, change, symbol):
    revision = start_revision(published, change, ccm_officer)
    assert (revision.version, revision.status, revision.document.symbol) == (2, "draft", symbol)
    assert revision.revises == published
    Activity.objects.filter(output__outcome__plan=revision).update(text_en="Changed")
    unchanged = Activity.objects.filter(output__outcome__plan=published)
    assert "Changed" not in set(unchanged.values_list("text_en", flat=True))
    assert not revision.document.issued


def test_the_public_sees_the_newest_published_version(published, ccm_officer, coordinator,
                                                      ccm_head, seventh_msp, anonymous):
    revision = factories.complete(start_revision(published, "Rev", ccm_officer))
    assert list(WorkPlan.objects.published().latest_versions()) == [published]
    adopted(revision, ccm_officer, coordinator, ccm_head, seventh_msp)
    take_step(revision, "publish", ccm_head)
    assert list(WorkPlan.objects.published().latest_versions()) == [revision]


def test_a_second_revision_waits_for_the_first(published, ccm_officer):
    start_revision(published, "Rev", ccm_officer)
    with pytest.raises(ValidationError):
        start_revision(published, "Corr", ccm_officer)


def test_only_a_published_plan_is_revised(draft, ccm_officer):
    with pytest.raises(ValidationError):
        start_revision(draft, "Rev", ccm_officer)


def test_an_officer_cannot_issue_a_correction_before_the_head_publishes_it(
        as_user, published, ccm_officer, coordinator, ccm_head, seventh_msp, anonymous):
    import io

    from pypdf import PdfReader

    from meetings.models import Rendition
    from tests.admin_pages import page_data

    correction = factories.complete(start_revision(published, "Corr", ccm_officer))
    activity = Activity.objects.filter(output__outcome__plan=correction).first()
    activity.text_en = "Draft wording"
    activity.save()
    officer = as_user(ccm_officer)
    url = f"/admin/meetings/document/{correction.document_id}/change/"
    officer.post(url, page_data(officer.get(url)) | {"issued": "on"})
    assert not Document.objects.get(pk=correction.document_id).issued
    assert anonymous.get("/en/documents/CCM/MSP/2017/4/Corr.1/").status_code == 404
    assert anonymous.get("/en/documents/CCM/MSP/2017/4/Corr.1/en.pdf").status_code == 404
    api = anonymous.get(f"/api/documents/{published.document_id}/").json()
    assert api["current_version"] == "CCM/MSP/2017/4"
    # Whatever PDF was stored before publication is not what is published.
    Rendition.objects.create(document_id=correction.document_id, language="en",
                             content=b"%PDF stale draft", etag="stale")
    activity.text_en = "Adopted wording"
    activity.save()
    adopted(correction, ccm_officer, coordinator, ccm_head, seventh_msp)
    take_step(correction, "publish", ccm_head)
    response = anonymous.get("/en/documents/CCM/MSP/2017/4/Corr.1/en.pdf")
    assert response["ETag"] != '"stale"'
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Adopted wording" in text and "Draft wording" not in text


def test_a_plan_whose_pdf_cannot_be_made_is_not_published_and_nothing_is_kept(
        as_user, draft, ccm_officer, coordinator, ccm_head, seventh_msp):
    from meetings.models import Rendition

    # Text saved before the printable-text check (a queryset update skips validation).
    Activity.objects.filter(output__outcome__plan=draft).update(text_en="Done ✓ 😀")
    adopted(draft, ccm_officer, coordinator, ccm_head, seventh_msp)
    with pytest.raises(ValidationError, match="was not published"):
        take_step(draft, "publish", ccm_head)
    response = as_user(ccm_head).post(f"/admin/workplans/workplan/{draft.pk}/workflow/",
                                      {"step": "publish"})
    assert response.status_code == 200 and "was not published" in response.content.decode()
    assert WorkPlan.objects.get(pk=draft.pk).status == Status.ADOPTED
    assert not Document.objects.get(pk=draft.document_id).issued
    assert not Rendition.objects.exists() and draft.transitions.count() == 3


def test_a_plan_whose_document_lacks_its_title_in_a_language_is_not_published(
        draft, ccm_officer, coordinator, ccm_head, seventh_msp):
    adopted(draft, ccm_officer, coordinator, ccm_head, seventh_msp)
    Document.objects.filter(pk=draft.document_id).update(title_zh_hans="")
    with pytest.raises(ValidationError) as refused:
        take_step(draft, "publish", ccm_head)
    assert refused.value.messages == [
        "The plan was not published: its document CCM/MSP/2017/4 is not complete.",
        "Enter the title in Chinese: the document is issued in it."]
    assert WorkPlan.objects.get(pk=draft.pk).status == Status.ADOPTED
    assert not Document.objects.get(pk=draft.document_id).issued


def test_adoption_is_never_dated_in_the_future(draft, ccm_officer, coordinator, ccm_head):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    meeting = factories.meeting("CCM", "msp", 9, start=today - timedelta(days=1),
                                end=today + timedelta(days=1))
    take_step(draft, "submit", ccm_officer)
    take_step(draft, "endorse", coordinator)
    with pytest.raises(ValidationError) as refused:
        take_step(draft, "adopt", ccm_head, meeting=meeting, on=today + timedelta(days=1))
    assert refused.value.message_dict["on"] == ["The date of adoption cannot be in the future."]
    assert take_step(draft, "adopt", ccm_head, meeting=meeting, on=today).adopted_on == today


def test_the_adoption_form_offers_the_meeting_of_the_plans_document_and_no_later_day(
        draft, seventh_msp):
    from django.utils import timezone

    from workplans.forms import WorkflowForm

    factories.meeting("CCM", "msp", 8, start=date(2018, 9, 3))  # newer, listed first
    form = WorkflowForm(draft)
    assert form.fields["meeting"].queryset.first() != seventh_msp
    assert form.fields["meeting"].initial == seventh_msp.pk
    assert form.fields["on"].widget.attrs["max"] == timezone.localdate().isoformat()
    assert f'value="{seventh_msp.pk}" selected' in str(form["meeting"])


def test_the_admin_workflow_page_preselects_the_meeting_of_the_plans_document(
        as_user, draft, ccm_officer, coordinator, ccm_head, seventh_msp):
    factories.meeting("CCM", "msp", 8, start=date(2018, 9, 3))
    take_step(draft, "submit", ccm_officer)
    take_step(draft, "endorse", coordinator)
    page = as_user(ccm_head).get(f"/admin/workplans/workplan/{draft.pk}/workflow/")
    assert f'<option value="{seventh_msp.pk}" selected>' in page.content.decode()


# Adopted and published in one step.

def endorsed(plan, officer, coordinator):
    take_step(plan, "submit", officer)
    return take_step(plan, "endorse", coordinator)


def test_adopting_and_publishing_at_once_records_both_steps(draft, ccm_officer, coordinator,
                                                            ccm_head, seventh_msp):
    endorsed(draft, ccm_officer, coordinator)
    assert publishes_at_once(ccm_head, Status.ENDORSED, draft.convention)
    plan = take_step(draft, "adopt", ccm_head, reason="Adopted at 7MSP.", meeting=seventh_msp,
                     on=date(2017, 9, 6), publish=True)
    assert plan.status == Status.PUBLISHED
    assert (plan.adopted_at, plan.adopted_on) == (seventh_msp, date(2017, 9, 6))
    steps = [(t.step, t.from_status, t.to_status, t.user.username, t.reason)
             for t in plan.transitions.reverse()][2:]
    assert steps == [("adopt", "endorsed", "adopted", "ccm.head", "Adopted at 7MSP."),
                     ("publish", "adopted", "published", "ccm.head", "")]
    assert Document.objects.get(pk=plan.document_id).issued


def test_a_refused_publication_keeps_no_adoption_either(draft, ccm_officer, coordinator,
                                                        ccm_head, seventh_msp):
    endorsed(draft, ccm_officer, coordinator)
    Document.objects.filter(pk=draft.document_id).update(title_zh_hans="")
    with pytest.raises(ValidationError) as refused:
        take_step(draft, "adopt", ccm_head, meeting=seventh_msp, on=date(2017, 9, 6),
                  publish=True)
    assert refused.value.messages == [
        "The adoption was not recorded either, since the plan cannot be published.",
        "The plan was not published: its document CCM/MSP/2017/4 is not complete.",
        "Enter the title in Chinese: the document is issued in it."]
    plan = WorkPlan.objects.get(pk=draft.pk)
    assert (plan.status, plan.adopted_at, plan.adopted_on) == (Status.ENDORSED, None, None)
    assert plan.transitions.count() == 2
    assert not Document.objects.get(pk=draft.document_id).issued


def test_a_draft_adopted_directly_stays_a_draft_when_its_publication_is_refused(db):
    head = factories.user("ccw.head", ("CCW", Role.HEAD_OF_ISU))
    meeting = factories.meeting("CCW", "msp", None, start=date(2017, 11, 22))
    plan = factories.complete(factories.plan("CCW", 2018, outcomes=1),
                              official=factories.document(meeting, number=4, body="work_plan",
                                                          issued=False))
    # Text saved before the printable-text check: its PDF cannot be made.
    Activity.objects.filter(output__outcome__plan=plan).update(text_en="Done ✓ 😀")
    with pytest.raises(ValidationError) as refused:
        take_step(plan, "adopt", head, meeting=meeting, on=date(2017, 11, 22), publish=True)
    assert refused.value.messages[0] == (
        "The adoption was not recorded either, since the plan cannot be published.")
    assert "its PDF cannot be made" in refused.value.messages[1]
    plan = WorkPlan.objects.get(pk=plan.pk)
    assert (plan.status, plan.adopted_at) == (Status.DRAFT, None)
    assert not plan.transitions.exists()
    assert not Document.objects.get(pk=plan.document_id).issued


def test_a_user_who_may_not_publish_cannot_publish_at_once(draft, ccm_officer, coordinator,
                                                           ccm_head, seventh_msp, monkeypatch):
    # Were publication the coordinator's, the head could adopt but not publish.
    monkeypatch.setitem(workflow.STEPS, "publish",
                        replace(workflow.STEPS["publish"], roles=(Role.COORDINATOR,)))
    endorsed(draft, ccm_officer, coordinator)
    assert not publishes_at_once(ccm_head, Status.ENDORSED, draft.convention)
    with pytest.raises(PermissionDenied) as refused:
        take_step(draft, "adopt", ccm_head, meeting=seventh_msp, on=date(2017, 9, 6),
                  publish=True)
    assert "do not allow you to take the step “Publish”" in str(refused.value)
    plan = WorkPlan.objects.get(pk=draft.pk)
    assert (plan.status, plan.transitions.count()) == (Status.ENDORSED, 2)
    assert not publishes_at_once(coordinator, Status.ENDORSED, draft.convention)


def test_only_an_adoption_is_published_at_once(draft, ccm_head):
    with pytest.raises(ValidationError) as refused:
        take_step(draft, "submit", ccm_head, publish=True)
    assert "Only a plan being adopted can be published at once." in refused.value.messages
    assert WorkPlan.objects.get(pk=draft.pk).status == Status.DRAFT
    assert not publishes_at_once(ccm_head, Status.DRAFT, draft.convention)


def test_the_admin_workflow_page_adopts_and_publishes_in_one_submission(
        as_user, draft, ccm_officer, coordinator, ccm_head, seventh_msp):
    endorsed(draft, ccm_officer, coordinator)
    url = f"/admin/workplans/workplan/{draft.pk}/workflow/"
    assert 'name="publish"' not in as_user(coordinator).get(url).content.decode()
    head = as_user(ccm_head)
    assert "and publish it at once" in head.get(url).content.decode()
    Document.objects.filter(pk=draft.document_id).update(title_zh_hans="")
    refused = head.post(url, {"step": "adopt", "meeting": seventh_msp.pk, "on": "2017-09-06",
                              "publish": "on"}).content.decode()
    assert "The adoption was not recorded either" in refused and "title in Chinese" in refused
    assert WorkPlan.objects.get(pk=draft.pk).status == Status.ENDORSED
    Document.objects.filter(pk=draft.document_id).update(title_zh_hans="工作计划")
    response = head.post(url, {"step": "adopt", "meeting": seventh_msp.pk, "on": "2017-09-06",
                               "publish": "on"}, follow=True)
    assert "The plan is now “Published”." in response.content.decode()
    assert [t.step for t in WorkPlan.objects.get(pk=draft.pk).transitions.reverse()] == [
        "submit", "endorse", "adopt", "publish"]
