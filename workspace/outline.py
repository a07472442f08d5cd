"""The plan as the workspace shows it: every row numbered as it will read, with its texts in
both languages, nested as workplans/tree.py describes the plan."""

from dataclasses import dataclass, field

from lib.numbering import chapter_label
from lib.translated_fields import (
    LANGUAGE_CODES,
    missing_languages,
    translated_field_names,
    values_by_language,
)
from workplans import editing, models, tree
from workplans.outline import number_tree, tree_prefetches


@dataclass
class Text:
    label: str
    values: dict  # language → text
    missing: list  # languages left empty while another is filled


@dataclass
class Node:
    row: object
    kind: str
    label: str
    numbers: dict  # language → number as printed ("I." / "一.", "12.", "(a)", "1.2.3")
    texts: list
    slots: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"{self.kind}-{self.row.pk}"

    @property
    def translated(self):
        return not any(text.missing for text in self.texts)


@dataclass
class SlotNodes:
    slot: editing.Slot
    nodes: list


def numbers(row):
    """The row's number in each language, as printed, or ''."""
    def one(language):
        if isinstance(row, models.Chapter):
            return chapter_label(row.number, language) if getattr(row, "number", None) else ""
        if isinstance(row, models.Section):
            return f"{row.letter}." if getattr(row, "letter", None) else ""
        if isinstance(row, models.Paragraph):
            if row.bullet:
                return "•"
            return f"{row.number}." if getattr(row, "number", None) else ""
        if isinstance(row, models.SubParagraph):
            return f"({row.label})" if getattr(row, "label", None) else "•"
        return getattr(row, "number", None) or ""

    return {language: one(language) for language in LANGUAGE_CODES}


def texts(row):
    """The row's translated texts, each with the languages it is missing in (the rule of the
    plan's completeness, workplans/completeness.py)."""
    return [Text(type(row)._meta.get_field(name).verbose_name, values_by_language(row, name),
                 missing_languages(row, name))
            for name in translated_field_names(type(row))]


def label(row, branch):
    """What the row is: its kind of row, or for a summary item which of the two lists."""
    if isinstance(row, models.SummaryItem):
        return row.get_kind_display()
    return branch.model._meta.verbose_name


def node(row, branch):
    return Node(row, branch.model._meta.model_name, label(row, branch),
                numbers(row), texts(row),
                [SlotNodes(editing.Slot(child), [node(r, child) for r in
                                                 getattr(row, child.relation).all()])
                 for child in branch.children])


def plan_outline(plan_id):
    """(plan, [SlotNodes]) for a plan fetched whole, in a fixed number of queries."""
    plan = number_tree(models.WorkPlan.objects.select_related("convention", "document")
                       .prefetch_related(*tree_prefetches()).get(pk=plan_id))
    slots = [SlotNodes(editing.Slot(branch), [node(row, branch) for row in
                                              getattr(plan, branch.relation).all()])
             for branch in tree.plan_tree()]
    return plan, slots


def row_node(row, shown_numbers=None):
    """The node of one row, without its children, numbered as the page showed it (a text save
    changes no number)."""
    branch = editing.branch_of(row)
    shown = {code: (shown_numbers or {}).get(code, "") for code in LANGUAGE_CODES}
    return Node(row, branch.model._meta.model_name, label(row, branch), shown, texts(row))


def find_node(slots, kind, row_id):
    """The node of a row in an outline, or None."""
    for slot in slots:
        for item in slot.nodes:
            if item.kind == kind and item.row.pk == row_id:
                return item
            found = find_node(item.slots, kind, row_id)
            if found is not None:
                return found
    return None
