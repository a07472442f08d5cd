"""The work plans of the seed documents, in Chinese (verbatim) and English, written through the
plan service (workplans/editing.py) as their head of the ISU writes them in the workspace, and
published through the workflow (workplans/services.py) once every part of the demo is in place."""

from decimal import Decimal

from demo.accounts import head_of_isu
from demo.helpers import added, create, read, texts
from isu.models import Convention
from meetings.models import Document
from workplans import editing
from workplans.models import SummaryItem, WorkPlan
from workplans.services import take_step
from workplans.workflow import steps_for

# (data, symbol of the official document the plan is issued as)
SEEDS = [("plans/ccm_2018.json", "CCM/MSP/2017/4"),
         ("plans/apmbc_2026.json", "APLC/MSP.22/2025/5")]

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


def _add(user, plan, kind, parent=None, /, **values):
    """A row of `kind` added last under `parent` (a row of the plan, or the plan for None)."""
    return added(editing.add_row(
        user, plan.pk, kind, values, parent_kind=parent and parent._meta.model_name,
        parent_id=parent and parent.pk))


def _paragraphs(user, plan, parent, items):
    for item in items:
        paragraph = _add(user, plan, "paragraph", parent, numbered=item.get("numbered", True),
                         bullet=item.get("bullet", False),
                         subparagraph_style=item.get("subparagraph_style", "letters"),
                         **texts("text", item["text"]))
        for sub in item.get("subparagraphs", []):
            _add(user, plan, "subparagraph", paragraph, **texts("text", sub))


def build_plan(data, user):
    """A whole draft plan from the JSON shape of demo/data/plans, written by `user` row by row.
    No service creates a plan (the admin does, or a clone of another plan): the plan itself is
    created directly."""
    plan = create(
        WorkPlan, convention=Convention.objects.get(code=data["convention"]),
        start_year=data["start_year"], end_year=data["end_year"], document=data.get("document"),
        **texts("title", data["title"]), **texts("main_objective", data.get("main_objective")),
    )
    # Summary items are edited in one list: their positions run on across the two kinds.
    for kind, key in [(SummaryItem.Kind.SPECIFIC_OBJECTIVE, "specific_objectives"),
                      (SummaryItem.Kind.EXPECTED_RESULT, "expected_results")]:
        for text in data.get(key, []):
            _add(user, plan, "summaryitem", kind=kind, **texts("text", text))
    for item in data.get("chapters", []):
        chapter = _add(user, plan, "chapter", kind=item["kind"],
                       numbered=item.get("numbered", True), **texts("title", item["title"]))
        _paragraphs(user, plan, chapter, item.get("paragraphs", []))
        for section_item in item.get("sections", []):
            section = _add(user, plan, "section", chapter,
                           lettered=section_item.get("lettered", True),
                           **texts("title", section_item["title"]))
            _paragraphs(user, plan, section, section_item.get("paragraphs", []))
    for item in data.get("outcomes", []):
        outcome = _add(user, plan, "outcome", **texts("text", item["text"]))
        for output_item in item.get("outputs", []):
            output = _add(user, plan, "output", outcome, **texts("text", output_item["text"]))
            for text in output_item.get("activities", []):
                _add(user, plan, "activity", output, **texts("text", text))
    for item in data.get("thematic_areas", []):
        area = _add(user, plan, "thematicarea", **texts("title", item["title"]))
        for kind, key in [("activity", "activities"), ("output", "outputs"),
                          ("outcome", "outcomes"), ("impact", "impacts")]:
            for text in item.get(key, []):
                _add(user, plan, kind, area, **texts("text", text))
    return plan


def load(stdout):
    for name, symbol in SEEDS:
        data = read(name)
        exists = WorkPlan.objects.filter(
            convention__code=data["convention"], start_year=data["start_year"],
            end_year=data["end_year"],
        ).exists()
        if exists:
            continue
        data["document"] = Document.objects.get(symbol=symbol)
        head = head_of_isu(data["convention"])
        plan = build_plan(data, head)
        if data["convention"] == "APMBC":
            _add_apmbc_indicators(plan, head)
        stdout.write(f"Loaded the {plan} work plan.")


def publish(stdout):
    """Take the seed plans through the workflow as their head of the ISU does (submitted,
    endorsed, adopted on the last day of the meeting their document is for, published), once
    every part of the demo has added what belongs to them: a plan under review or published, and
    its budgets, no longer change. Publishing issues the plan's document."""
    for _name, symbol in SEEDS:
        plan = (WorkPlan.objects.select_related("convention", "document__meeting")
                .filter(document__symbol=symbol).first())
        if plan is None or plan.status == WorkPlan.Status.PUBLISHED:
            continue
        head, meeting = head_of_isu(plan.convention.code), plan.document.meeting
        for step in steps_for(plan.convention).values():
            if step.name != "return" and plan.status in step.sources:
                adoption = ({"meeting": meeting, "on": meeting.end_date}
                            if step.records_adoption else {})
                plan = take_step(plan, step.name, head, **adoption)
        stdout.write(f"Published the {plan} work plan.")


def _add_apmbc_indicators(plan, user):
    areas = list(plan.thematic_areas.all())
    for area_index, output_index, values in APMBC_2026_INDICATORS:
        output = list(areas[area_index].outputs.all())[output_index]
        _add(user, plan, "indicator", output, **values)
