"""The work plans of the seed documents, in Chinese (verbatim) and English."""

import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from isu.models import Convention
from meetings.models import Document
from workplans import models

DATA = Path(__file__).parent / "demo_data"
# (data, symbol of the official document the plan is issued as)
SEEDS = [("ccm_2018.json", "CCM/MSP/2017/4"), ("apmbc_2026.json", "APLC/MSP.22/2025/5")]

# Targets the APMBC 2026 plan states in figures: (area, output, indicator).
APMBC_2026_INDICATORS = [
    (0, 0, {"description_en": "Committee meetings supported",
            "description_zh_hans": "得到支持的委员会会议", "unit_en": "committee meetings",
            "unit_zh_hans": "次委员会会议", "qualifier": "up_to", "target": Decimal(60),
            "counts": "committee_meetings"}),
    (0, 1, {"description_en": "Special initiatives of the committees and the President",
            "description_zh_hans": "各委员会和主席的特别举措", "unit_en": "special initiatives",
            "unit_zh_hans": "次特别举措", "qualifier": "up_to", "target": Decimal(5)}),
    (3, 1, {"description_en": "Article 5 implementation support missions",
            "description_zh_hans": "第 5 条执行支助任务", "unit_en": "missions",
            "unit_zh_hans": "次出访任务", "qualifier": "up_to", "target": Decimal(10),
            "counts": "missions"}),
]


def _t(field, value):
    """Model keyword arguments for a {"zh_hans": …, "en": …} text."""
    value = value or {}
    return {f"{field}_zh_hans": value.get("zh_hans", ""), f"{field}_en": value.get("en", "")}


def _create(model, **values):
    row = model(**values)
    row.full_clean()
    row.save()
    return row


def _paragraphs(items, **parent):
    for position, item in enumerate(items, start=1):
        paragraph = _create(
            models.Paragraph, position=position, numbered=item.get("numbered", True),
            subparagraph_style=item.get("subparagraph_style", "letters"),
            **_t("text", item["text"]), **parent,
        )
        for sub_position, sub in enumerate(item.get("subparagraphs", []), start=1):
            _create(models.SubParagraph, paragraph=paragraph, position=sub_position,
                    **_t("text", sub))


@transaction.atomic
def build_plan(data, status=models.WorkPlan.Status.DRAFT):
    """Create a whole plan from the JSON shape of workplans/demo_data (validated row by row)."""
    plan = _create(
        models.WorkPlan,
        convention=Convention.objects.get(code=data["convention"]),
        start_year=data["start_year"], end_year=data["end_year"], status=status,
        document=data.get("document"),
        **_t("title", data["title"]), **_t("main_objective", data.get("main_objective")),
    )
    # Summary items are edited in one list: their positions run on across the two kinds.
    position = 0
    for kind, key in [(models.SummaryItem.Kind.SPECIFIC_OBJECTIVE, "specific_objectives"),
                      (models.SummaryItem.Kind.EXPECTED_RESULT, "expected_results")]:
        for text in data.get(key, []):
            position += 1
            _create(models.SummaryItem, plan=plan, kind=kind, position=position,
                    **_t("text", text))
    for position, item in enumerate(data.get("chapters", []), start=1):
        chapter = _create(models.Chapter, plan=plan, position=position, kind=item["kind"],
                          numbered=item.get("numbered", True), **_t("title", item["title"]))
        _paragraphs(item.get("paragraphs", []), chapter=chapter)
        for section_position, section_item in enumerate(item.get("sections", []), start=1):
            section = _create(models.Section, chapter=chapter, position=section_position,
                              lettered=section_item.get("lettered", True),
                              **_t("title", section_item["title"]))
            _paragraphs(section_item.get("paragraphs", []), section=section)
    for position, item in enumerate(data.get("outcomes", []), start=1):
        outcome = _create(models.Outcome, plan=plan, position=position, **_t("text", item["text"]))
        for output_position, output_item in enumerate(item.get("outputs", []), start=1):
            output = _create(models.Output, outcome=outcome, position=output_position,
                             **_t("text", output_item["text"]))
            for activity_position, text in enumerate(output_item.get("activities", []), start=1):
                _create(models.Activity, output=output, position=activity_position,
                        **_t("text", text))
    for position, item in enumerate(data.get("thematic_areas", []), start=1):
        area = _create(models.ThematicArea, plan=plan, position=position,
                       **_t("title", item["title"]))
        for model, key in [(models.Activity, "activities"), (models.Output, "outputs"),
                           (models.Outcome, "outcomes"), (models.Impact, "impacts")]:
            for statement_position, text in enumerate(item.get(key, []), start=1):
                _create(model, thematic_area=area, position=statement_position,
                        **_t("text", text))
    return plan


def load(stdout):
    for name, symbol in SEEDS:
        data = json.loads((DATA / name).read_text(encoding="utf-8"))
        data["document"] = Document.objects.get(symbol=symbol)
        exists = models.WorkPlan.objects.filter(
            convention__code=data["convention"], start_year=data["start_year"],
            end_year=data["end_year"],
        ).exists()
        if exists:
            continue
        plan = build_plan(data)
        if data["convention"] == "APMBC":
            _add_apmbc_indicators(plan)
        stdout.write(f"Loaded the {plan} work plan.")


def publish(stdout):
    """Publish the seed plans, as adopted, and issue their documents (after every app has added
    what belongs to them: a published plan and its budgets no longer change)."""
    for _name, symbol in SEEDS:
        plan = models.WorkPlan.objects.filter(document__symbol=symbol).first()
        if plan is None or plan.status == models.WorkPlan.Status.PUBLISHED:
            continue
        plan.status = models.WorkPlan.Status.PUBLISHED
        plan.save()
        plan.document.issued = True
        plan.document.save()
        stdout.write(f"Published the {plan} work plan.")


def _add_apmbc_indicators(plan):
    areas = list(plan.thematic_areas.all())
    for area_index, output_index, values in APMBC_2026_INDICATORS:
        output = list(areas[area_index].outputs.all())[output_index]
        _create(models.Indicator, output=output, position=1, **values)
