"""Cloning into the next period with a choice of chapters, indicators and budget."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from budgets.models import Budget
from tests import factories
from workplans import models, tree
from workplans.models import WorkPlan
from workplans.services import clone_into_next_period


@pytest.fixture
def plan(ccm):
    """A CCM 2018 plan with four chapters (each with a section, paragraphs and a sub-paragraph),
    an outcome with outputs, activities and indicators, and a budget."""
    plan = factories.plan("CCM", 2018, outcomes=1)
    for position in range(1, 5):
        chapter = factories.chapter(plan, f"Chapter {position}", position=position, paragraphs=2)
        section = models.Section.objects.create(chapter=chapter, title_en=f"Section {position}")
        paragraph = models.Paragraph.objects.create(section=section, text_en=f"In {position}")
        models.SubParagraph.objects.create(paragraph=paragraph, text_en=f"(a) of {position}")
    output = models.Output.objects.get(outcome__plan=plan, position=1)
    models.Indicator.objects.create(output=output, description_en="Visits", unit_en="visits",
                                    target=4)
    factories.budget(plan, lines=[("salaries", "345054")])
    return plan


def rows_of(plan, model):
    return model.objects.filter(models.PLAN.rows_of(model, plan.pk))


def test_the_default_clone_still_copies_everything(plan):
    clone = clone_into_next_period(plan)
    for model in tree.row_models():
        assert rows_of(clone, model).count() == rows_of(plan, model).count(), model
    assert rows_of(clone, models.Indicator).count() == 2
    assert Budget.objects.get(plan=clone).year == 2019


def test_choosing_two_of_four_chapters_copies_those_with_all_their_rows(plan):
    first, _second, third, _fourth = plan.chapters.order_by("position")
    clone = clone_into_next_period(plan, chapters=[first.pk, third.pk])
    assert list(clone.chapters.values_list("title_en", flat=True)) == ["Chapter 1", "Chapter 3"]
    assert list(rows_of(clone, models.Section).values_list("title_en", flat=True)) == [
        "Section 1", "Section 3"]
    assert rows_of(clone, models.Paragraph).count() == 6  # two in each chapter, one per section
    assert sorted(rows_of(clone, models.SubParagraph).values_list("text_en", flat=True)) == [
        "(a) of 1", "(a) of 3"]
    # The rest of the plan is copied whole.
    assert rows_of(clone, models.Activity).count() == 6
    assert rows_of(clone, models.Indicator).count() == 2
    assert plan.chapters.count() == 4


def test_chapters_may_be_given_as_rows(plan):
    chosen = list(plan.chapters.order_by("position")[:2])
    clone = clone_into_next_period(plan, chapters=chosen)
    assert clone.chapters.count() == 2


def test_no_chapter_chosen_starts_with_the_usual_chapters_without_their_text(plan):
    clone = clone_into_next_period(plan, chapters=[])
    assert list(clone.chapters.values_list("title_en", flat=True)) == [
        "Chapter 1", "Chapter 2", "Chapter 3", "Chapter 4"]
    assert not rows_of(clone, models.Section).exists()
    assert not rows_of(clone, models.Paragraph).exists()
    assert rows_of(clone, models.Outcome).count() == 1


def test_a_chapter_of_another_plan_is_refused(plan):
    other = factories.chapter(factories.plan("CCM", 2030), "Elsewhere")
    with pytest.raises(ValidationError, match="Choose chapters of the plan being cloned"):
        clone_into_next_period(plan, chapters=[other.pk])
    assert not WorkPlan.objects.filter(start_year=2019).exists()


def test_indicators_none_copies_outcomes_and_outputs_without_indicators(plan):
    clone = clone_into_next_period(plan, indicators="none")
    assert rows_of(clone, models.Outcome).count() == 1
    assert rows_of(clone, models.Output).count() == 2
    assert rows_of(clone, models.Activity).count() == 6
    assert not rows_of(clone, models.Indicator).exists()
    assert rows_of(plan, models.Indicator).count() == 2


def test_indicators_keep_their_current_target_as_the_new_original_target(plan):
    indicator = models.Indicator.objects.get(description_en="Visits")
    indicator.target, indicator.revision_reason = 6, "More requests"
    indicator.save()
    clone = clone_into_next_period(plan, indicators="targets")
    copy = rows_of(clone, models.Indicator).get(description_en="Visits")
    assert (copy.target, copy.original_target, copy.revision_reason) == (6, 6, "")


def test_indicators_without_a_target_are_not_a_choice(plan):
    # Indicator.target is required: an indicator is copied with its target or not at all.
    with pytest.raises(ValueError, match="targets, none"):
        clone_into_next_period(plan, indicators="without_targets")


def test_budget_false_copies_no_budget(plan):
    clone = clone_into_next_period(plan, budget=False)
    assert not Budget.objects.filter(plan=clone).exists()
    assert Budget.objects.filter(plan=plan).count() == 1
    assert rows_of(clone, models.Chapter).count() == 4


def test_an_officer_of_the_plans_convention_may_clone_it(plan, ccm_officer):
    clone = clone_into_next_period(plan, ccm_officer)
    assert clone.start_year == 2019


def test_another_conventions_officer_is_refused(plan, apmbc_officer):
    with pytest.raises(PermissionDenied, match="You do not work for this convention"):
        clone_into_next_period(plan, apmbc_officer, chapters=None, budget=False)
    assert not WorkPlan.objects.filter(start_year=2019).exists()
