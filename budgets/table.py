"""The budget table in one language: on the public page and in the workspace (budget_table), and
as the official document prints it (document_table, by the budget's layout).

Rows follow the figures: lines with their notes, subtotals after their lines, the total, then
the host's in-kind support below the total (never added to it), as in seeds 000 and 002.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lib.languages import conventions
from lib.money import format_money, grouped


@dataclass
class Row:
    kind: str  # "line", "subtotal", "total" or "in_kind"
    label: str
    amount: str
    note: str = ""


def budget_table(figures, language):
    """(header, rows) of the budget table in `language`."""
    with translation.override(language):
        header = [_("Costs"), _("%(year)s (CHF)") % {"year": figures.budget.year}, _("Notes")]
        rows = []

        def walk(items):
            for item in items:
                if item.is_group:
                    walk(item.items)
                    rows.append(Row("subtotal", item.label, format_money(item.amount, language)))
                else:
                    rows.append(Row("line", item.label, format_money(item.amount, language),
                                    item.line.note))

        walk(figures.items)
        rows.append(Row("total", _("Total"), format_money(figures.total, language)))
        for support in figures.budget.in_kind.all():
            value = (format_money(support.value, language) if support.value is not None
                     else _("%(provider)s, in kind") % {"provider": support.provider})
            rows.append(Row("in_kind", support.title, value, support.description))
        return header, rows


@dataclass
class DocumentTable:
    """The budget table as the official document prints it, by the budget's layout: a caption
    or a header row, the amounts bare or in their currency, a notes column where the layout has
    one and in-kind support only there."""

    caption: str
    header: list
    rows: list
    with_notes: bool


def document_table(figures, language):
    budget = figures.budget
    notes_layout = budget.layout == budget.Layout.NOTES
    with translation.override(language):
        def amount(value):
            return grouped(value) if notes_layout else format_money(value, language)

        rows = []

        def walk(items):
            for item in items:
                if item.is_group:
                    walk(item.items)
                    rows.append(Row("subtotal", item.label, amount(item.amount)))
                else:
                    rows.append(Row("line", item.label, amount(item.amount), item.line.note))

        walk(figures.items)
        rows.append(Row("total", _("Total"), amount(figures.total)))
        if not notes_layout:
            return DocumentTable(
                caption=_("ISU budget for %(year)s (%(currency)s)") % {
                    "year": budget.year, "currency": conventions(language).currency_name("CHF")},
                header=[], rows=rows, with_notes=False)
        for support in budget.in_kind.all():
            value = (grouped(support.value) if support.value is not None
                     else _("%(provider)s, in kind") % {"provider": support.provider})
            rows.append(Row("in_kind", support.title, value, support.description))
        header = [_("Costs"), pgettext("budget table column", "%(year)s") % {"year": budget.year},
                  _("Notes")]
        return DocumentTable(caption="", header=header, rows=rows, with_notes=True)
