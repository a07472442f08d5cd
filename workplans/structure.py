"""The chapters a new plan starts with: those of its convention's latest plan (titles in every
language, kind and numbering, without their text), or, for a convention with no plan yet, the
standard structure of an introduction, a results framework and a budget."""

import re

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lib.translated_fields import LANGUAGE_CODES, localized
from workplans.models import Chapter, WorkPlan

# The standard structure: (kind, title).
STANDARD_CHAPTERS = [
    (Chapter.Kind.NARRATIVE, _("Introduction")),
    (Chapter.Kind.RESULTS_FRAMEWORK, _("Results framework")),
    (Chapter.Kind.BUDGET, _("Budget")),
]


def latest_plan(convention_id, exclude=None):
    """The convention's plan for the latest period (its newest version), other than `exclude`."""
    plans = WorkPlan.objects.filter(convention=convention_id)
    if exclude is not None:
        plans = plans.exclude(pk=exclude.pk)
    return plans.order_by("-start_year", "-end_year", "-version").first()


def shift_years(text, mapping):
    """The text with each year of `mapping` replaced by its new year: {2018: 2019}."""
    if not mapping:
        return text
    pattern = re.compile(r"(?<!\d)(" + "|".join(str(year) for year in mapping) + r")(?!\d)")
    return pattern.sub(lambda match: str(mapping[int(match.group(1))]), text)


def usual_chapters(plan):
    """[(kind, numbered, {language: title})] of the chapters a plan of its convention usually
    has: those of the convention's latest other plan, the years of its period moved to the
    plan's; else the standard structure, titled in every language."""
    latest = latest_plan(plan.convention_id, exclude=plan if plan.pk else None)
    if latest is None:
        chapters = []
        for kind, title in STANDARD_CHAPTERS:
            titles = {}
            for code in LANGUAGE_CODES:
                with translation.override(code):
                    titles[code] = str(title)
            chapters.append((kind, True, titles))
        return chapters
    offset = plan.start_year - latest.start_year
    years = {year: year + offset for year in range(latest.start_year, latest.end_year + 1)}
    return [(chapter.kind, chapter.numbered,
             {code: shift_years(getattr(chapter, localized("title", code)) or "", years)
              for code in LANGUAGE_CODES})
            for chapter in latest.chapters.order_by("position", "id")]


def start_with_usual_chapters(plan):
    """Give a plan without chapters the chapters its convention's plans usually have; a plan
    that has chapters keeps them. Returns the chapters added."""
    if plan.chapters.exists():
        return []
    added = []
    for position, (kind, numbered, titles) in enumerate(usual_chapters(plan), start=1):
        added.append(Chapter.objects.create(
            plan=plan, position=position, kind=kind, numbered=numbered,
            **{localized("title", code): title for code, title in titles.items()}))
    return added
