import pytest
from django.core.exceptions import ValidationError

from tests import factories
from workplans import models
from workplans.history import plan_history
from workplans.models import WorkPlan
from workplans.services import clone_into_next_period

ADMIN = "/admin/workplans/workplan/"


def test_a_change_to_an_activity_is_in_the_plans_history_with_before_and_after(ccm):
    plan = factories.plan(outcomes=1)
    activity = models.Activity.objects.get(text_en="Activity 1.1.2")
    activity.text_en = "Revised activity"
    activity.save()
    entry = plan_history(plan.pk)[0]
    assert entry.kind == "activity" and entry.change_type == "Changed"
    changed = {change.field: (change.before, change.after) for change in entry.changes}
    assert changed["activity [en]"] == ("Activity 1.1.2", "Revised activity")


def test_a_deleted_row_stays_in_the_history(ccm):
    plan = factories.plan(outcomes=1)
    models.Output.objects.get(text_en="Output 1.2").delete()
    kinds = [(entry.kind, entry.change_type) for entry in plan_history(plan.pk)]
    assert ("output", "Deleted") in kinds
    assert ("activity", "Deleted") in kinds


def test_the_admin_history_names_who_changed_a_child_row(as_user, ccm_officer, ccm):
    from tests.workspace.test_plan_page import opened_form

    plan = factories.plan(outcomes=1)
    client = as_user(ccm_officer)
    row = models.Activity.objects.get(text_en="Activity 1.1.1")
    data = opened_form(client, plan, "activity", row) | {"text_en": "Renamed by the officer"}
    response = client.post(f"/workspace/plans/{plan.pk}/rows/activity/{row.pk}/", data)
    assert response.status_code == 302
    history = client.get(f"{ADMIN}{plan.pk}/history/").content.decode()
    assert "Renamed by the officer" in history and "ccm.officer" in history


def test_cloning_copies_the_whole_tree_and_records_its_source(ccm):
    plan = factories.plan(outcomes=2)
    chapter = factories.chapter(plan, "Mandate", paragraphs=2)
    models.SubParagraph.objects.create(paragraph=chapter.paragraphs.first(), text_en="(a)")
    factories.set_status(plan, WorkPlan.Status.PUBLISHED)
    clone = clone_into_next_period(plan)
    assert (clone.start_year, clone.end_year, clone.status) == (2019, 2019, "draft")
    assert clone.cloned_from == plan
    assert clone.title_en == "ISU 2019 work plan"
    assert clone.title_zh_hans == "执行支助股 2019 年工作计划"
    assert models.Activity.objects.filter(output__outcome__plan=clone).count() == 12
    assert models.Indicator.objects.filter(outcome__plan=clone).count() == 2
    assert models.SubParagraph.objects.filter(paragraph__chapter__plan=clone).count() == 1
    assert models.Activity.objects.filter(output__outcome__plan=plan).count() == 12


def test_cloning_a_multi_year_plan_gives_the_next_period(ccm):
    plan = factories.plan(year=2016, end_year=2020, title_en="ISU 2016-2020 work plan")
    clone = clone_into_next_period(plan)
    assert (clone.start_year, clone.end_year) == (2021, 2025)
    assert clone.title_en == "ISU 2021-2025 work plan"


def test_cloning_refuses_a_period_that_already_has_a_plan(ccm):
    plan = factories.plan(year=2018)
    factories.plan(year=2019)
    with pytest.raises(ValidationError, match="already has a work plan for 2019"):
        clone_into_next_period(plan)
    assert WorkPlan.objects.count() == 2


def test_cloning_copies_the_apmbc_matrix(apmbc):
    plan = factories.plan("APMBC", 2026)
    area = models.ThematicArea.objects.create(plan=plan, title_en="Support to meetings")
    models.Impact.objects.create(thematic_area=area, text_en="Implementation promoted")
    output = models.Output.objects.create(thematic_area=area, text_en="Advice received")
    models.Indicator.objects.create(output=output, description_en="Meetings", unit_en="meetings",
                                    target=60)
    clone = clone_into_next_period(plan)
    copied = clone.thematic_areas.get()
    assert copied.impacts.count() == 1 and copied.outputs.get().indicators.get().target == 60
