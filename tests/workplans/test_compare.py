"""Changes since the adopted version (workplans/compare.py): a correction compared with the
published plan it corrects, row by row, in both languages."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from tests import factories
from workplans import models
from workplans.compare import ADDED, CHANGED, MOVED, REMOVED, UNCHANGED, compare
from workplans.services import start_revision


def published_plan(meeting, year=2018, number=4, outcomes=2,
                   chapters=("Introduction", "Mandate", "Governance"), paragraphs=3):
    """A published plan: chapters I–III with their paragraphs (numbered 1–9 through the
    document) and the results framework."""
    document = factories.document(meeting, number=number, body="work_plan", issued=False)
    plan = factories.plan("CCM", year, outcomes=outcomes, document=document)
    for position, title in enumerate(chapters, start=1):
        factories.chapter(plan, title, position=position, paragraphs=paragraphs)
    return factories.set_status(plan, models.WorkPlan.Status.PUBLISHED)


@pytest.fixture
def seventh_msp(ccm):
    return factories.meeting("CCM", "msp", 7)


@pytest.fixture
def adopted(seventh_msp):
    return published_plan(seventh_msp)


@pytest.fixture
def correction(adopted, ccm_officer):
    return start_revision(adopted, "Corr", ccm_officer)


def activity(plan, text_en):
    return models.Activity.objects.get(output__outcome__plan=plan, text_en=text_en)


def language(entry, code):
    return next(text for text in entry.languages if text.language == code)


def test_an_unchanged_copy_has_no_changes(adopted, correction):
    assert compare(adopted, correction) == []
    everything = compare(adopted, correction, unchanged=True)
    assert {entry.change for entry in everything} == {UNCHANGED}
    assert len(everything) == 1 + 3 + 9 + 2 * (1 + 1 + 2 * (1 + 3))  # plan, chapters, ¶, results


def test_an_edited_activity_shows_its_changed_words_in_both_languages(adopted, correction):
    edited = activity(correction, "Activity 1.2.2")
    edited.text_en = "Activity 1.2.2 with the donors"
    edited.text_zh_hans = "活动1.2.2与捐助方"
    edited.save()
    [entry] = compare(adopted, correction)
    assert (entry.kind, entry.change, entry.old_number, entry.new_number) == (
        "activity", CHANGED, "1.2.2", "1.2.2")
    assert entry.new_row == edited and not entry.moved
    assert language(entry, "en").pieces == [("equal", "Activity 1.2.2"),
                                            ("insert", " with the donors")]
    assert language(entry, "zh-hans").pieces == [("equal", "活动1.2.2"), ("insert", "与捐助方")]


def test_a_changed_word_inside_a_sentence_is_deleted_and_inserted(adopted, correction):
    models.Activity.objects.filter(pk=activity(adopted, "Activity 2.1.1").pk).update(
        text_en="Organize regional workshops")  # the adopted text, as if it had been so
    models.Activity.objects.filter(pk=activity(correction, "Activity 2.1.1").pk).update(
        text_en="Organize national workshops")
    [entry] = compare(adopted, correction)
    assert language(entry, "en").pieces == [
        ("equal", "Organize "), ("delete", "regional"), ("insert", "national"),
        ("equal", " workshops")]
    assert not language(entry, "zh-hans").changed


def test_chinese_changes_are_highlighted_by_character(adopted, correction):
    models.Activity.objects.filter(pk=activity(adopted, "Activity 1.1.1").pk).update(
        text_zh_hans="组织三次区域讲习班")
    models.Activity.objects.filter(pk=activity(correction, "Activity 1.1.1").pk).update(
        text_zh_hans="组织四次区域讲习班")
    [entry] = compare(adopted, correction)
    assert language(entry, "zh-hans").pieces == [
        ("equal", "组织"), ("delete", "三"), ("insert", "四"), ("equal", "次区域讲习班")]
    assert language(entry, "en").pieces == [("equal", "Activity 1.1.1")]


def test_an_inserted_paragraph_is_added_and_the_following_ones_are_only_renumbered(
        adopted, correction):
    mandate = correction.chapters.get(title_en="Mandate")
    mandate.paragraphs.filter(position__gte=2).update(position=F("position") + 1)
    models.Paragraph.objects.create(chapter=mandate, position=2, text_en="A new paragraph",
                                    text_zh_hans="新的段落")
    [entry] = compare(adopted, correction)
    assert (entry.kind, entry.change, entry.old_number, entry.new_number) == (
        "paragraph", ADDED, None, "5.")
    assert language(entry, "zh-hans").pieces == [("insert", "新的段落")]

    everything = compare(adopted, correction, unchanged=True)
    shifted = {entry.new_row.text_en: entry for entry in everything
               if entry.kind == "paragraph" and entry.change == UNCHANGED}
    following = shifted["Mandate ¶2"]
    assert (following.old_number, following.new_number) == ("5.", "6.")
    assert following.renumbered and not following.moved
    assert language(following, "en").pieces == [("equal", "Mandate ¶2")]
    assert (shifted["Governance ¶3"].old_number, shifted["Governance ¶3"].new_number) == (
        "9.", "10.")
    # In reading order: the new paragraph between Mandate ¶1 and ¶2.
    texts = [entry.new_row.text_en for entry in everything if entry.kind == "paragraph"]
    assert texts[3:6] == ["Mandate ¶1", "A new paragraph", "Mandate ¶2"]


def test_a_deleted_chapter_is_removed_with_its_paragraphs_where_it_was(adopted, correction):
    correction.chapters.get(title_en="Mandate").delete()
    entries = compare(adopted, correction)
    assert [(entry.kind, entry.change, entry.old_number, entry.new_number)
            for entry in entries] == [
        ("chapter", REMOVED, "II.", None),
        ("paragraph", REMOVED, "4.", None),
        ("paragraph", REMOVED, "5.", None),
        ("paragraph", REMOVED, "6.", None),
    ]
    chapter = entries[0]
    assert language(chapter, "zh-hans").old_number == "二."
    assert language(chapter, "en").pieces == [("delete", "Mandate")]
    everything = compare(adopted, correction, unchanged=True)
    order = [(entry.kind, entry.change, entry.old_number, entry.new_number)
             for entry in everything if entry.kind == "chapter"]
    assert order == [("chapter", UNCHANGED, "I.", "I."), ("chapter", REMOVED, "II.", None),
                     ("chapter", UNCHANGED, "III.", "II.")]


def test_two_swapped_outcomes_are_moved(adopted, correction):
    first, second = correction.outcomes.all()
    models.Outcome.objects.filter(pk=first.pk).update(position=2)
    models.Outcome.objects.filter(pk=second.pk).update(position=1)
    entries = compare(adopted, correction)
    assert [(entry.kind, entry.change, entry.old_number, entry.new_number,
             language(entry, "en").new_text) for entry in entries] == [
        ("outcome", MOVED, "2", "1", "Outcome 2"),
        ("outcome", MOVED, "1", "2", "Outcome 1"),
    ]


def test_a_row_taken_to_the_end_is_the_only_one_moved(adopted, correction):
    mandate = correction.chapters.get(title_en="Mandate")
    mandate.paragraphs.filter(text_en="Mandate ¶1").update(position=9)
    [entry] = compare(adopted, correction)
    assert (entry.change, entry.old_number, entry.new_number) == (MOVED, "4.", "6.")


def test_a_changed_target_is_a_field_change(adopted, correction):
    indicator = models.Indicator.objects.filter(outcome__plan=correction).first()
    indicator.qualifier = models.Indicator.Qualifier.UP_TO
    indicator.target = 12
    indicator.revision_reason = "More meetings were asked for."
    indicator.save()
    [entry] = compare(adopted, correction)
    assert (entry.kind, entry.change) == ("indicator", CHANGED)
    assert [(str(change.field), str(change.before), str(change.after))
            for change in entry.fields] == [("target qualifier", "exactly", "up to"),
                                            ("target", "10", "12")]


def test_the_number_of_queries_does_not_grow_with_the_plan(seventh_msp, ccm_officer):
    def queries(year, size):
        plan = published_plan(seventh_msp, year, year, outcomes=size, paragraphs=2 * size,
                              chapters=[f"Chapter {i}" for i in range(1, size + 1)])
        revision = start_revision(plan, "Rev", ccm_officer)
        models.Paragraph.objects.filter(chapter__plan=revision).last().delete()
        activity = models.Activity.objects.filter(output__outcome__plan=revision).first()
        activity.text_en = "Changed"
        activity.save()
        with CaptureQueriesContext(connection) as captured:
            entries = compare(plan, revision)
        assert [entry.change for entry in entries] == [REMOVED, CHANGED]
        return len(captured)

    assert queries(2018, 2) == queries(2019, 10)
