"""Where a plan still speaks of the period before it.

A clone into the next period shifts the years of the plan's title only: "Basis of the 2018 work
plan", "1 January to 31 December 2018" or "2018年" stay in its chapters, paragraphs and results
until someone rewrites them. `old_year_places()` lists every such place, in both languages.
"""

import re
from dataclasses import dataclass

from django.conf import settings

from lib.numbering import chapter_label
from lib.translated_fields import LANGUAGE_CODES, localized, translated_field_names
from workplans import models
from workplans.outline import number_tree, tree_prefetches, tree_rows

SNIPPET = 40  # characters of text shown around a year, the year included
LOOK_BACK = 10  # years before its start searched in a plan that was not cloned


@dataclass(frozen=True)
class OldYearPlace:
    row: object  # the plan itself or one of its rows
    kind: str  # the row's kind: its model's verbose name ("paragraph")
    number: str  # the row's number as printed in `language` ("I.", "A.", "12.", "(a)", "1.2"), or ""
    field: str  # the translated field's name ("text", "title")
    field_label: str  # its verbose name
    language: str  # a code of settings.LANGUAGES
    language_name: str
    year: int
    snippet: str  # about SNIPPET characters around the year, "…" where the text goes on


def old_years(plan):
    """The years of the period before the plan: those of the plan it was cloned from, or, for a
    plan that was not cloned, the LOOK_BACK years before its start. Never a year of its own."""
    source = plan.cloned_from
    if source is not None:
        years = range(source.start_year, source.end_year + 1)
    else:
        years = range(plan.start_year - LOOK_BACK, plan.start_year)
    return sorted(set(years) - set(range(plan.start_year, plan.end_year + 1)))


def year_pattern(years):
    """Matches the years as whole numbers: not inside a longer number (12018), an amount or a
    decimal (2018,50; 1.2018)."""
    alternatives = "|".join(str(year) for year in years)
    return re.compile(rf"(?<!\d)(?<!\d[.,])({alternatives})(?!\d)(?![.,]\d)")


def old_year_places(plan):
    """Every place where the plan, or a row of it, still names a year of the period before it
    (old_years()), in every language, in reading order: a list of OldYearPlace. A fixed number
    of queries, whatever the size of the plan."""
    plan = (models.WorkPlan.objects.select_related("cloned_from")
            .prefetch_related(*tree_prefetches()).get(pk=plan.pk))
    years = old_years(plan)
    if not years:
        return []
    number_tree(plan)
    pattern = year_pattern(years)
    languages = dict(settings.LANGUAGES)
    places = []
    for row in tree_rows(plan):
        options = row._meta
        for field in translated_field_names(type(row)):
            for code in LANGUAGE_CODES:
                text = getattr(row, localized(field, code)) or ""
                for match in pattern.finditer(text):
                    places.append(OldYearPlace(
                        row=row, kind=options.verbose_name, number=_number(row, code),
                        field=field, field_label=options.get_field(field).verbose_name,
                        language=code, language_name=languages[code],
                        year=int(match.group(1)), snippet=_snippet(text, match),
                    ))
    return places


def _number(row, language):
    """The row's number as number_tree() gives it, printed as in the document."""
    if isinstance(row, models.Chapter):
        return chapter_label(row.number, language) if row.number else ""
    if isinstance(row, models.Section):
        return f"{row.letter}." if row.letter else ""
    if isinstance(row, models.Paragraph):
        return f"{row.number}." if row.number else ""
    if isinstance(row, models.SubParagraph):
        return f"({row.label})" if row.label else ""
    return getattr(row, "number", None) or ""


def _snippet(text, match):
    around = (SNIPPET - len(match.group(1))) // 2
    start, end = max(0, match.start() - around), min(len(text), match.end() + around)
    snippet = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + snippet + ("…" if end < len(text) else "")
