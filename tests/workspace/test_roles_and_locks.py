"""Who writes in the workspace, and what a plan under review keeps: only the ISU's officers and
head write plans, budgets and documents; a plan's document is frozen with its plan; a Corr. or
Rev. belongs to the revision of its own plan; hostile numbers are a 404, never a 500."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from meetings import editing as document_editing
from meetings.models import Document, MastheadNote
from tests import factories
from workplans import editing
from workplans.models import Activity, WorkPlan


@pytest.fixture
def plan(ccm):
    return factories.plan("CCM", 2018, outcomes=1)


def test_sponsorship_staff_and_coordinators_read_plans_but_do_not_write_them(
        as_user, plan, ccm_sponsorship, coordinator):
    row = Activity.objects.filter(output__outcome__plan=plan).first()
    for user in (ccm_sponsorship, coordinator):
        with pytest.raises(Http404):
            editing.save_row(user, plan.pk, "activity", row.pk, {"text_en": "Theirs"})
        page = as_user(user).get(f"/workspace/plans/{plan.pk}/").content.decode()
        assert "?edit=" not in page.split('id="outline"')[1]
        response = as_user(user).post(f"/workspace/plans/{plan.pk}/clone/", {
            "indicators": "targets"})
        assert not WorkPlan.objects.filter(start_year=2019).exists(), response.status_code
    assert Activity.objects.get(pk=row.pk).text_en != "Theirs"


def test_a_coordinator_still_endorses_from_the_plan_page(as_user, plan, ccm_officer,
                                                         coordinator):
    from workplans.services import take_step

    take_step(factories.complete(plan), "submit", ccm_officer)
    response = as_user(coordinator).post(f"/workspace/plans/{plan.pk}/workflow/",
                                         {"step": "endorse"}, follow=True)
    assert WorkPlan.objects.get(pk=plan.pk).status == WorkPlan.Status.ENDORSED, (
        response.content.decode()[:300])


def test_sponsorship_staff_cannot_issue_or_change_a_document_in_the_admin(as_user,
                                                                         ccm_sponsorship, ccm):
    document = factories.document(factories.meeting("CCM", "msp", 7), number=3, issued=False)
    client = as_user(ccm_sponsorship)
    assert client.post(f"/admin/meetings/document/{document.pk}/change/",
                       {"issued": "on"}).status_code == 403
    assert not Document.objects.get(pk=document.pk).issued
    with pytest.raises(Http404):
        document_editing.editable_document(ccm_sponsorship, document.pk)


def test_the_document_of_a_plan_under_review_changes_no_more(ccm, ccm_officer):
    document = factories.document(factories.meeting("CCM", "msp", 7), number=4,
                                  body="work_plan")
    plan = factories.plan("CCM", 2018, document=document)
    factories.set_status(plan, WorkPlan.Status.ADOPTED)
    document = Document.objects.get(pk=document.pk)
    document.title_en = "Unapproved title"
    with pytest.raises(ValidationError, match="changes no more"):
        document.save()
    with pytest.raises(ValidationError, match="changes no more"):
        MastheadNote.objects.create(document=document, position=1, text_en="*")
    factories.set_status(plan, WorkPlan.Status.PUBLISHED)  # issuing it is still allowed
    assert Document.objects.get(pk=document.pk).issued


def test_a_revision_document_belongs_to_the_revision_of_its_own_plan(ccm):
    meeting = factories.meeting("CCM", "msp", 7)
    published = factories.plan("CCM", 2018, status=WorkPlan.Status.PUBLISHED,
                               document=factories.document(meeting, number=4,
                                                           body="work_plan"))
    fake = factories.document(meeting, amends=published.document, change="Rev",
                              change_number=1, body="work_plan")
    other = factories.plan("CCM", 2019)
    other.document = fake
    with pytest.raises(ValidationError, match="belongs to the correction or revision"):
        other.full_clean()
    with pytest.raises(ValidationError, match="belongs to the correction or revision"):
        other.save()


def test_a_block_changed_meanwhile_is_a_conflict_that_keeps_the_footnote_typed(ccm,
                                                                            ccm_officer,
                                                                            ccm_head):
    document = factories.document(factories.meeting("CCM", "msp", 7), number=3, issued=False,
                                  blocks=[("Said.[^]", ["A note"])])
    block = document.blocks.get()
    note = block.footnotes.get()
    seen = {"version": document_editing.row_version(block), "kind": "paragraph", "level": "1",
            "numbered": "on", "text_en": "Said.[^]", "text_zh_hans": "",
            "footnote": [str(note.pk)], f"fn-{note.pk}-text_en": "A carefully rewritten note",
            f"fn-{note.pk}-text_zh_hans": ""}
    note.delete()  # someone else removed the footnote meanwhile
    with pytest.raises(document_editing.Conflict) as conflict:
        document_editing.save_row(ccm_officer, document.pk, "block", block.pk, seen)
    assert "A carefully rewritten note" in str(conflict.value.form.new_footnote.data)


@pytest.mark.parametrize("path, data", [
    ("add/", {"kind": "paragraph", "after": "9" * 5000}),
    ("rows/chapter/{chapter}/move/", {"direction": "to", "position": "9" * 5000}),
])
def test_numbers_of_thousands_of_digits_are_refused_not_a_500(as_user, ccm_officer, plan, path,
                                                              data):
    chapter = factories.chapter(plan, "Mandate")
    response = as_user(ccm_officer).post(
        f"/workspace/plans/{plan.pk}/" + path.format(chapter=chapter.pk), data)
    assert response.status_code < 500


def test_signing_in_with_an_off_site_next_lands_in_the_workspace(ccm_officer, anonymous):
    response = anonymous.post("/admin/login/?next=//evil.example/", {
        "username": "ccm.officer", "password": factories.PASSWORD})
    assert response["Location"] in ("/workspace/", "/admin/")
