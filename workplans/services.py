"""Writes that touch a whole plan tree at once."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from isu.translation_checks import LANGUAGE_CODES, localized
from workplans.models import WorkPlan
from workplans.outline import tree_prefetches


def _copy(row, **changes):
    """Save a copy of a row with some foreign keys (given by attname) changed."""
    values = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields
              if not f.primary_key}
    values.update(changes)
    copy = type(row)(**values)
    copy.save()
    m2m = getattr(row, "actions", None)
    if m2m is not None:
        copy.actions.set(m2m.all())
    return copy


def _shift_years(text, mapping):
    pattern = re.compile(r"(?<!\d)(" + "|".join(str(year) for year in mapping) + r")(?!\d)")
    return pattern.sub(lambda match: str(mapping[int(match.group(1))]), text)


@transaction.atomic
def clone_into_next_period(plan):
    """A draft copy of the whole plan for the period that follows it (2018 → 2019)."""
    length = plan.end_year - plan.start_year + 1
    start, end = plan.start_year + length, plan.end_year + length
    if WorkPlan.objects.filter(convention=plan.convention_id, start_year=start,
                               end_year=end).exists():
        period = str(start) if start == end else f"{start}–{end}"
        raise ValidationError(
            _("%(convention)s already has a work plan for %(period)s.")
            % {"convention": plan.convention, "period": period}
        )
    source = WorkPlan.objects.prefetch_related(*tree_prefetches()).get(pk=plan.pk)
    years = {source.start_year: start, source.end_year: end}
    titles = {
        localized("title", code): _shift_years(getattr(source, localized("title", code)), years)
        for code in LANGUAGE_CODES
    }
    # The copy is a new draft: it is not yet issued under any document's symbol.
    new = _copy(source, start_year=start, end_year=end, status=WorkPlan.Status.DRAFT,
                cloned_from_id=source.pk, document_id=None, **titles)

    for item in source.summary_items.all():
        _copy(item, plan_id=new.pk)
    for chapter in source.chapters.all():
        new_chapter = _copy(chapter, plan_id=new.pk)
        for paragraph in chapter.paragraphs.all():
            _copy_paragraph(paragraph, chapter_id=new_chapter.pk)
        for section in chapter.sections.all():
            new_section = _copy(section, chapter_id=new_chapter.pk)
            for paragraph in section.paragraphs.all():
                _copy_paragraph(paragraph, section_id=new_section.pk)
    for outcome in source.outcomes.all():
        new_outcome = _copy(outcome, plan_id=new.pk)
        _copy_indicators(outcome, outcome_id=new_outcome.pk)
        for output in outcome.outputs.all():
            new_output = _copy(output, outcome_id=new_outcome.pk)
            _copy_indicators(output, output_id=new_output.pk)
            for activity in output.activities.all():
                _copy(activity, output_id=new_output.pk)
    for area in source.thematic_areas.all():
        new_area = _copy(area, plan_id=new.pk)
        for row in [*area.impacts.all(), *area.activities.all()]:
            _copy(row, thematic_area_id=new_area.pk)
        for row in area.outputs.all():
            _copy_indicators(row, output_id=_copy(row, thematic_area_id=new_area.pk).pk)
        for row in area.outcomes.all():
            _copy_indicators(row, outcome_id=_copy(row, thematic_area_id=new_area.pk).pk)
    return new


def _copy_paragraph(paragraph, **parent):
    new = _copy(paragraph, **parent)
    for sub in paragraph.subparagraphs.all():
        _copy(sub, paragraph_id=new.pk)


def _copy_indicators(row, **parent):
    for indicator in row.indicators.all():
        # The new period starts from the current target; its revisions start afresh.
        _copy(indicator, original_target=None, revision_reason="", **parent)
