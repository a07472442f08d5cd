"""The budget table as the workspace shows it: the rows of the document's table (lines, each
subtotal after its lines, the total, the host's in-kind support), each with its texts in both
languages, its amount, its note and the rule it follows, and where a new row can go.

Built from budgets/figures.py on a budget fetched with its rows: no query of its own.
"""

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from budgets.figures import compute
from lib.money import format_money
from lib.translated_fields import LANGUAGE_CODES, missing_languages, values_by_language


@dataclass
class SheetRow:
    kind: str  # "line", "group" (a subtotal), "total" or "in_kind"
    row: object  # the Line, Group or InKindSupport; None for the total
    depth: int
    labels: dict  # language → label
    amount: str  # in the active language
    label_missing: list = field(default_factory=list)
    notes: dict = field(default_factory=dict)  # language → note
    note_missing: list = field(default_factory=list)
    rules: dict = field(default_factory=dict)  # language → "20% of Salaries", or {}
    before: set = field(default_factory=set)  # places of a new row shown just before this one
    after: set = field(default_factory=set)  # … just after it

    @property
    def anchor(self):
        return f"{self.kind}-{self.row.pk}" if self.row is not None else self.kind

    @property
    def label(self):
        """What the row is: "budget line", "subtotal"."""
        return self.row._meta.verbose_name if self.editable else ""

    @property
    def title(self):
        """The row's label in the active language (the other one if that is empty)."""
        language = translation.get_language()
        return self.labels.get(language) or next((v for v in self.labels.values() if v), "")

    @property
    def editable(self):
        return self.kind in ("line", "group")

    @property
    def has_notes(self):
        return any(self.notes.values()) or bool(self.rules)


@dataclass
class Sheet:
    figures: object
    rows: list
    header: list  # the document's column heads, in the active language

    def row(self, anchor):
        return next((row for row in self.rows if row.anchor == anchor), None)

    @property
    def computed(self):
        """The rows whose figures follow from other lines: subtotals, the total, rule lines."""
        return [row for row in self.rows
                if row.kind in ("group", "total") or (row.kind == "line" and row.rules)]


def _each_language(text):
    """{language: text()} with each language active in turn."""
    result = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            result[code] = text(code)
    return result


def rule_texts(figure, lines_by_id):
    """The rule a line follows, in each language: "20% of Salaries", and where the line also
    has an amount of its own, what the rule gives beside it."""
    line = figure.line
    base = lines_by_id.get(line.rule_base_id)
    if base is None or line.rule_rate is None:
        return {}
    rate = f"{line.rule_rate.normalize():f}"
    titles = base.titles()

    def text(code):
        rule = _("%(rate)s%% of %(line)s") % {"rate": rate, "line": titles[code] or str(base)}
        if line.amount is not None and figure.rule_amount is not None:
            rule = _("%(rule)s gives %(amount)s") % {
                "rule": rule, "amount": format_money(figure.rule_amount, code)}
        return rule

    return _each_language(text)


def build(budget):
    """The sheet of a budget fetched with its lines, subtotals (and in-kind support, if they
    are to be shown)."""
    language = translation.get_language()
    figures = compute(budget)
    lines_by_id = {line.pk: line for line in budget.lines.all()}
    rows, pending = [], set()

    def walk(items, depth):
        for item in items:
            if item.is_group:
                pending.add(f"before:group-{item.group.pk}")
                walk(item.items, depth + 1)
                group = item.group
                rows.append(SheetRow(
                    "group", group, depth, values_by_language(group, "title"),
                    format_money(item.amount, language),
                    label_missing=missing_languages(group, "title"),
                    before={f"in:group-{group.pk}", *pending},
                    after={f"after:group-{group.pk}"}))
            else:
                line = item.line
                rows.append(SheetRow(
                    "line", line, depth, line.titles(), format_money(item.amount, language),
                    label_missing=missing_languages(line, "label"),
                    notes=values_by_language(line, "note"),
                    note_missing=missing_languages(line, "note"),
                    rules=rule_texts(item, lines_by_id),
                    before={f"before:line-{line.pk}", *pending},
                    after={f"after:line-{line.pk}"}))
            pending.clear()  # the row just added took the places waiting for a row

    walk(figures.items, 0)
    rows.append(SheetRow("total", None, 0, _each_language(lambda code: _("Total")),
                         format_money(figures.total, language), before={"end", *pending}))
    if "in_kind" in getattr(budget, "_prefetched_objects_cache", {}):
        for support in budget.in_kind.all():
            value = (format_money(support.value, language) if support.value is not None
                     else _("%(provider)s, in kind") % {"provider": support.provider})
            rows.append(SheetRow("in_kind", support, 0, values_by_language(support, "title"),
                                 value, notes=values_by_language(support, "description")))
    header = [_("Costs"), _("%(year)s (CHF)") % {"year": budget.year}, _("Notes")]
    return Sheet(figures, rows, header)
