"""The history of a plan and of one row in readable values (workplans/history.py): labels, not
codes; no positions; a copy of a plan is one entry."""

from tests import factories
from workplans import models
from workplans.history import plan_history, row_history
from workplans.services import clone_into_next_period, start_revision


def changes_of(entry):
    return {str(change.field): (change.before if change.before is None else str(change.before),
                                str(change.after)) for change in entry.changes}


def test_a_qualifier_change_reads_exactly_to_up_to(ccm):
    plan = factories.plan(outcomes=1)
    indicator = models.Indicator.objects.get(outcome__plan=plan)
    indicator.qualifier = models.Indicator.Qualifier.UP_TO
    indicator.save()
    entry = plan_history(plan.pk)[0]
    assert (entry.kind, entry.change_type, entry.model, entry.row_id) == (
        "indicator", "Changed", models.Indicator, indicator.pk)
    assert changes_of(entry) == {"target qualifier": ("exactly", "up to")}


def test_a_boolean_reads_yes_or_no(ccm):
    plan = factories.plan()
    chapter = factories.chapter(plan, "Annex")
    chapter.numbered = False
    chapter.save()
    assert changes_of(plan_history(plan.pk)[0]) == {"numbered": ("Yes", "No")}


def test_a_position_change_is_not_listed(ccm):
    plan = factories.plan(outcomes=1)
    before = len(plan_history(plan.pk))
    activity = models.Activity.objects.get(text_en="Activity 1.1.1")
    activity.position = 9
    activity.save()
    assert len(plan_history(plan.pk)) == before
    activity.position = 1
    activity.text_en = "Moved and renamed"
    activity.save()
    assert changes_of(plan_history(plan.pk)[0]) == {
        "activity [en]": ("Activity 1.1.1", "Moved and renamed")}


def test_a_row_names_its_parent_by_its_text_even_once_deleted(ccm):
    plan = factories.plan(outcomes=1)
    output = models.Output.objects.get(text_en="Output 1.2")
    models.Activity.objects.create(output=output, position=4, text_en="Brief the donors")
    assert changes_of(plan_history(plan.pk)[0])["output"] == (None, "Output 1.2")
    output.delete()
    created = next(entry for entry in plan_history(plan.pk)
                   if entry.change_type == "Created" and entry.row == "Brief the donors")
    assert changes_of(created)["output"] == (None, "Output 1.2")
    assert "position" not in changes_of(created)


def test_a_cloned_plans_history_opens_with_one_copy_entry(ccm):
    plan = factories.plan(outcomes=2)
    factories.chapter(plan, "Mandate", paragraphs=3)
    clone = clone_into_next_period(plan)
    [entry] = plan_history(clone.pk)
    assert entry.copied and entry.model is models.WorkPlan and entry.row_id == clone.pk
    assert entry.change_type == "Copied from CCM 2018"
    rows = 2 * (1 + 1 + 2 * (1 + 3)) + 1 + 3  # outcomes with indicators, outputs…; chapter, ¶
    assert changes_of(entry) == {"rows copied": (None, str(rows))}

    activity = models.Activity.objects.get(output__outcome__plan=clone, text_en="Activity 2.1.3")
    activity.text_en = "Activity for 2019"
    activity.save()
    newest, oldest = plan_history(clone.pk)
    assert newest.change_type == "Changed" and oldest.copied
    # The plan it was copied from keeps its own history.
    assert not any(entry.copied for entry in plan_history(plan.pk))


def test_a_corrections_history_names_the_version_it_corrects(ccm, ccm_officer):
    document = factories.document(factories.meeting("CCM", "msp", 7), number=4,
                                  body="work_plan", issued=False)
    plan = factories.plan(outcomes=1, document=document)
    factories.set_status(plan, models.WorkPlan.Status.PUBLISHED)
    correction = start_revision(plan, "Corr", ccm_officer)
    [entry] = plan_history(correction.pk)
    assert entry.change_type == "Copied from CCM 2018, version 1"


def test_row_history_lists_one_rows_changes_newest_first(ccm):
    plan = factories.plan(outcomes=1)
    indicator = models.Indicator.objects.get(outcome__plan=plan)
    indicator.target = 12
    indicator.revision_reason = "More meetings asked for"
    indicator.save()
    indicator.qualifier = models.Indicator.Qualifier.AT_LEAST
    indicator.save()
    models.Activity.objects.filter(text_en="Activity 1.1.1").update(text_en="Another row")
    entries = row_history(models.Indicator, indicator.pk)
    assert [entry.change_type for entry in entries] == ["Changed", "Changed", "Created"]
    assert changes_of(entries[0]) == {"target qualifier": ("exactly", "at least")}
    assert changes_of(entries[1]) == {"target": ("10", "12"),
                                      "reason for revising the target": ("—", "More meetings asked for")}
    assert {entry.row_id for entry in entries} == {indicator.pk}


def test_row_history_of_a_copied_row_opens_with_its_copy(ccm):
    plan = factories.plan(outcomes=1)
    clone = clone_into_next_period(plan)
    activity = models.Activity.objects.get(output__outcome__plan=clone, text_en="Activity 1.1.1")
    activity.text_zh_hans = "新的活动"
    activity.save()
    changed, copied = row_history(models.Activity, activity.pk)
    assert changes_of(changed) == {"activity [zh-hans]": ("活动1.1.1", "新的活动")}
    assert copied.copied and copied.change_type == "Copied with its plan" and not copied.changes
