"""The workflow follows the convention's data: its steps and statuses name the convention's own
endorsing and adopting bodies, and a convention without an endorsing body adopts its drafts
directly."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from isu.models import StaffRole
from tests import factories
from workplans.history import plan_history
from workplans.models import WorkPlan
from workplans.services import take_step
from workplans.workflow import available_steps

Status = WorkPlan.Status


def labels(user, plan):
    return [step.label for step in available_steps(user, plan.status, plan.convention)]


def test_a_ccm_plan_goes_to_the_coordination_committee(as_user, ccm_officer, coordinator):
    plan = factories.plan("CCM", 2018, outcomes=1)
    assert labels(ccm_officer, plan) == ["Submit to the Coordination Committee"]
    page = as_user(ccm_officer).get(f"/workspace/plans/{plan.pk}/").content.decode()
    assert "Submit to the Coordination Committee" in page
    plan = factories.set_status(plan, Status.SUBMITTED)
    assert plan.get_status_display() == "Submitted to the Coordination Committee"
    assert labels(coordinator, plan) == ["Record the Coordination Committee's endorsement",
                                         "Return for revision"]


def test_an_apmbc_plan_goes_to_the_coordinating_committee_in_every_place(
        as_user, apmbc, coordinator):
    officer = factories.user("apmbc.head", ("APMBC", StaffRole.Role.HEAD_OF_ISU))
    plan = factories.plan("APMBC", 2026, outcomes=1)
    assert labels(officer, plan) == ["Submit to the Coordinating Committee"]
    factories.complete(plan)
    take_step(plan, "submit", officer)
    plan = WorkPlan.objects.get(pk=plan.pk)
    assert plan.get_status_display() == "Submitted to the Coordinating Committee"
    workflow = as_user(coordinator).get(
        f"/admin/workplans/workplan/{plan.pk}/workflow/").content.decode()
    assert "Submitted to the Coordinating Committee" in workflow
    assert "Record the Coordinating Committee&#x27;s endorsement" in workflow
    assert "Coordination Committee" not in workflow
    workspace = as_user(officer).get(f"/workspace/plans/{plan.pk}/").content.decode()
    assert "Draft → Submitted to the Coordinating Committee" in workspace
    changes = [change.after for entry in plan_history(plan.pk) for change in entry.changes
               if entry.model is WorkPlan and change.field == "status"]
    assert "Submitted to the Coordinating Committee" in changes
    with translation.override("zh-hans"):
        assert "协调委员会" in plan.get_status_display()


def test_a_convention_without_an_endorsing_body_adopts_its_drafts_directly(as_user, db):
    head = factories.user("ccw.head", ("CCW", StaffRole.Role.HEAD_OF_ISU))
    meeting = factories.meeting("CCW", "msp", None, start=date(2017, 11, 22))
    plan = factories.plan("CCW", 2018, outcomes=1)
    factories.complete(plan, official=factories.document(
        meeting, number=4, body="work_plan", issued=False, title_zh_hans="执行支助股工作计划",
        submitted_on=date(2017, 9, 1)))
    assert labels(head, plan) == ["Record the adoption by the Meeting of the High Contracting "
                                  "Parties"]
    page = as_user(head).get(f"/workspace/plans/{plan.pk}/").content.decode()
    assert 'name="meeting"' in page and "Submit" not in page
    with pytest.raises(ValidationError) as error:
        take_step(plan, "submit", head)
    assert "There is no such step in the workflow." in str(error.value)
    take_step(plan, "adopt", head, meeting=meeting, on=date(2017, 11, 22))
    plan = take_step(plan, "publish", head)
    assert plan.status == Status.PUBLISHED
    assert [(t.from_status, t.to_status) for t in plan.transitions.reverse()] == [
        ("draft", "adopted"), ("adopted", "published")]
    assert [(t.get_from_status_display(), t.get_to_status_display())
            for t in plan.transitions.reverse()] == [
        ("Draft", "Adopted by the Meeting of the High Contracting Parties"),
        ("Adopted by the Meeting of the High Contracting Parties", "Published")]
