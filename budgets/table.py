"""The budget table as the official document prints it, in one language.

Rows follow the figures: lines with their notes, subtotals after their lines, the total, then
the host's in-kind support below the total (never added to it), as in seeds 000 and 002.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from lib.money import format_money


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
