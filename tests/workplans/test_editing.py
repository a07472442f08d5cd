"""Editing a plan one row at a time, without any view: scope, lock, ownership and conflicts."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests import factories
from workplans import editing, models
from workplans.models import WorkPlan


def data(row, **changes):
    """The row's form as it was opened, with some fields changed."""
    form = editing.row_form_class(type(row))(instance=row)
    values = {name: form[name].value() for name in form.fields}
    values = {k: ("" if v is None else v) for k, v in values.items()}
    for name, value in list(values.items()):
        if isinstance(value, bool):
            values[name] = "on" if value else ""
    return values | changes


@pytest.fixture
def plan(ccm):
    plan = factories.plan("CCM", 2018, outcomes=2)
    factories.chapter(plan, "Mandate", position=1, paragraphs=3)
    return plan


def activity(plan, number):
    outcome, output, index = number
    return models.Activity.objects.filter(output__outcome__plan=plan).get(
        text_en=f"Activity {outcome}.{output}.{index}")


def test_an_officer_saves_one_row(plan, ccm_officer):
    row = activity(plan, (1, 2, 3))
    saved, form = editing.save_row(ccm_officer, plan.pk, "activity", row.pk,
                                   data(row, text_en="Hold a workshop"))
    assert not form.errors
    assert models.Activity.objects.get(pk=row.pk).text_en == "Hold a workshop"


def test_another_conventions_officer_cannot_see_the_plan(plan, apmbc_officer):
    row = activity(plan, (1, 1, 1))
    with pytest.raises(Http404):
        editing.save_row(apmbc_officer, plan.pk, "activity", row.pk, data(row, text_en="x"))


def test_a_row_of_another_plan_is_not_found_through_this_one(plan, ccm_officer):
    other = factories.plan("CCM", 2019, outcomes=1)
    foreign = activity(other, (1, 1, 1))
    with pytest.raises(Http404):
        editing.save_row(ccm_officer, plan.pk, "activity", foreign.pk,
                         data(foreign, text_en="Hijacked"))
    assert models.Activity.objects.get(pk=foreign.pk).text_en == "Activity 1.1.1"


def test_a_locked_plan_takes_no_change(plan, ccm_officer):
    row = activity(plan, (1, 1, 1))
    factories.set_status(plan, WorkPlan.Status.SUBMITTED)
    with pytest.raises(PermissionDenied, match="only a draft"):
        editing.save_row(ccm_officer, plan.pk, "activity", row.pk, data(row, text_en="x"))


def test_two_people_editing_different_rows_both_succeed(plan, ccm_officer):
    first, second = activity(plan, (1, 1, 1)), activity(plan, (1, 1, 2))
    opened = data(first, text_en="First"), data(second, text_en="Second")
    editing.save_row(ccm_officer, plan.pk, "activity", first.pk, opened[0])
    editing.save_row(ccm_officer, plan.pk, "activity", second.pk, opened[1])
    assert [models.Activity.objects.get(pk=row.pk).text_en for row in (first, second)] == [
        "First", "Second"]


def test_the_second_of_two_saves_of_the_same_row_is_a_conflict_with_both_texts(plan,
                                                                              ccm_officer):
    row = activity(plan, (2, 1, 1))
    mine, theirs = data(row, text_en="Mine"), data(row, text_en="Theirs")
    editing.save_row(ccm_officer, plan.pk, "activity", row.pk, theirs)
    with pytest.raises(editing.Conflict) as conflict:
        editing.save_row(ccm_officer, plan.pk, "activity", row.pk, mine)
    assert conflict.value.row.text_en == "Theirs"
    assert conflict.value.form.cleaned_data["text_en"] == "Mine"
    assert models.Activity.objects.get(pk=row.pk).text_en == "Theirs"


def test_bad_input_is_explained_and_nothing_is_saved(plan, ccm_officer):
    row = activity(plan, (1, 1, 1))
    _row, form = editing.save_row(ccm_officer, plan.pk, "activity", row.pk,
                                  data(row, text_en="x" * 5001))
    assert "at most 5000" in str(form.errors)
    assert models.Activity.objects.get(pk=row.pk).text_en == "Activity 1.1.1"


def test_a_row_is_added_after_a_sibling_and_the_rest_move_down(plan, ccm_officer):
    first = models.Paragraph.objects.filter(chapter__plan=plan).order_by("position")[0]
    new, form = editing.add_row(ccm_officer, plan.pk, "paragraph",
                                {"text_en": "Inserted", "text_zh_hans": "", "numbered": "on",
                                 "subparagraph_style": "letters"}, after=first.pk)
    assert not form.errors
    texts = list(models.Paragraph.objects.filter(chapter__plan=plan)
                 .order_by("position").values_list("text_en", flat=True))
    assert texts == ["Mandate ¶1", "Inserted", "Mandate ¶2", "Mandate ¶3"]


def test_a_child_is_added_only_where_the_tree_has_a_place_for_it(plan, ccm_officer):
    chapter = models.Chapter.objects.get(plan=plan)
    row, form = editing.add_row(ccm_officer, plan.pk, "section", {"title_en": "A section",
                                "title_zh_hans": "", "lettered": "on"},
                                parent_kind="chapter", parent_id=chapter.pk)
    assert row.chapter == chapter
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        editing.add_row(ccm_officer, plan.pk, "activity", {"text_en": "x"},
                        parent_kind="chapter", parent_id=chapter.pk)


def test_rows_move_up_and_down_among_their_siblings(plan, ccm_officer):
    third = models.Paragraph.objects.get(chapter__plan=plan, text_en="Mandate ¶3")
    editing.move_row(ccm_officer, plan.pk, "paragraph", third.pk, "up")
    texts = list(models.Paragraph.objects.filter(chapter__plan=plan)
                 .order_by("position").values_list("text_en", flat=True))
    assert texts == ["Mandate ¶1", "Mandate ¶3", "Mandate ¶2"]


def test_a_deleted_row_takes_its_children_and_says_so(plan, ccm_officer):
    outcome = models.Outcome.objects.filter(plan=plan).order_by("position")[0]
    assert editing.what_goes_with(outcome) == [("activities", 6), ("indicators", 1),
                                               ("outputs", 2)]
    editing.delete_row(ccm_officer, plan.pk, "outcome", outcome.pk, editing.version_of(outcome))
    assert list(models.Outcome.objects.filter(plan=plan).values_list("position", flat=True)) == [1]


def test_a_row_changed_since_it_was_shown_is_not_deleted(plan, ccm_officer):
    row = activity(plan, (1, 1, 1))
    seen = editing.version_of(row)
    editing.save_row(ccm_officer, plan.pk, "activity", row.pk, data(row, text_en="Changed"))
    with pytest.raises(editing.Conflict):
        editing.delete_row(ccm_officer, plan.pk, "activity", row.pk, seen)
    assert models.Activity.objects.filter(pk=row.pk).exists()


def test_a_dragged_row_goes_to_the_position_it_is_dropped_at(plan, ccm_officer):
    first = models.Paragraph.objects.get(chapter__plan=plan, text_en="Mandate ¶1")
    editing.move_row(ccm_officer, plan.pk, "paragraph", first.pk, "to", position=3)
    texts = list(models.Paragraph.objects.filter(chapter__plan=plan)
                 .order_by("position").values_list("text_en", flat=True))
    assert texts == ["Mandate ¶2", "Mandate ¶3", "Mandate ¶1"]
