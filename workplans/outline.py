"""The whole tree of a work plan, fetched in a fixed number of queries and numbered.

Numbers are attached to the fetched rows as attributes (``number``, ``letter``,
``label``) so that the API, the admin and the documents print the same numbering.
"""

from django.db.models import Q

from lib.numbering import letters
from workplans import tree
from workplans.models import (
    PLAN,
    Paragraph,
    SummaryItem,
    WorkPlan,
)
from workplans.progress import attach_actuals


def tree_prefetches():
    """Prefetches that load every row under a plan, independent of the plan's size."""
    return tree.prefetches()


def number_tree(plan, as_of=None):
    """Attach UN numbering, and progress of counted indicators as at `as_of` (today), to a plan
    fetched with tree_prefetches(); return the plan."""
    plan.specific_objectives = []
    plan.expected_results = []
    for item in plan.summary_items.all():
        if item.kind == SummaryItem.Kind.SPECIFIC_OBJECTIVE:
            plan.specific_objectives.append(item)
        else:
            plan.expected_results.append(item)

    chapter_number = paragraph_number = 0

    def number_paragraphs(paragraphs):
        nonlocal paragraph_number
        for paragraph in paragraphs:
            if paragraph.numbered:
                paragraph_number += 1
                paragraph.number = paragraph_number
            else:
                paragraph.number = None
            lettered = paragraph.subparagraph_style == Paragraph.SubparagraphStyle.LETTERS
            for index, sub in enumerate(paragraph.subparagraphs.all(), start=1):
                sub.label = letters(index) if lettered else None

    for chapter in plan.chapters.all():
        if chapter.numbered:
            chapter_number += 1
            chapter.number = chapter_number
        else:
            chapter.number = None
        number_paragraphs(chapter.paragraphs.all())
        section_index = 0
        for section in chapter.sections.all():
            if section.lettered:
                section_index += 1
                section.letter = letters(section_index).upper()
            else:
                section.letter = None
            number_paragraphs(section.paragraphs.all())

    for i, outcome in enumerate(plan.outcomes.all(), start=1):
        outcome.number = str(i)
        for j, output in enumerate(outcome.outputs.all(), start=1):
            output.number = f"{i}.{j}"
            for k, activity in enumerate(output.activities.all(), start=1):
                activity.number = f"{i}.{j}.{k}"
    plan.indicators = attach_actuals(plan, _indicators(plan), as_of)
    return plan


def _indicators(plan):
    for outcome in plan.outcomes.all():
        yield from outcome.indicators.all()
        for output in outcome.outputs.all():
            yield from output.indicators.all()
    for area in plan.thematic_areas.all():
        for row in list(area.outputs.all()) + list(area.outcomes.all()):
            yield from row.indicators.all()


def rows_of_plan(model, plan_id):
    """A condition selecting the rows of `model` that belong to the plan."""
    if model is WorkPlan:
        return Q(pk=plan_id)
    return PLAN.rows_of(model, plan_id)


def tree_rows(plan):
    """Every row of a plan fetched with tree_prefetches(), the plan first."""
    yield plan
    yield from tree.rows(plan)
