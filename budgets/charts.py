"""Charts as SVG drawn on the server: the same markup on a page and in a PDF, no JavaScript.

Styles are attributes, not CSS classes, so that WeasyPrint and browsers draw them alike. Labels
use the fonts the PDFs name, so Chinese text has a CJK font in both.
"""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

from lib.money import format_money

FONT = "Noto Sans, WenQuanYi Zen Hei, AR PL UMing CN, sans-serif"
COLOURS = ["#1f5f99", "#c2662d", "#6b8e23", "#8e44ad"]
WIDTH = 640


def _svg(height, body, title):
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" '
        f'font-size="12"><title>{escape(title)}</title>{"".join(body)}</svg>'
    )


def _legend(series, y):
    parts = []
    for index, name in enumerate(series):
        x = 180 + index * 160
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" '
                     f'fill="{COLOURS[index % len(COLOURS)]}"/>')
        parts.append(f'<text x="{x + 18}" y="{y + 11}">{escape(name)}</text>')
    return parts


def horizontal_bars(rows, series, language, title):
    """One bar per series for each row: rows are (label, [value per series]).

    Budget by category is one series; budget vs actual is two (a missing actual draws no bar).
    """
    bar, gap = 16, 10
    values = [v for _label, row in rows for v in row if v is not None]
    largest = max(values, default=Decimal(0)) or Decimal(1)
    top = 30 if len(series) > 1 else 8
    body = _legend(series, 8) if len(series) > 1 else []
    y = top
    plot = WIDTH - 180 - 120
    for label, row in rows:
        body.append(f'<text x="172" y="{y + bar - 3}" text-anchor="end">{escape(label)}</text>')
        for index, value in enumerate(row):
            if value is not None:
                length = int(Decimal(plot) * Decimal(value) / Decimal(largest))
                body.append(f'<rect x="180" y="{y}" width="{max(length, 1)}" height="{bar}" '
                            f'fill="{COLOURS[index % len(COLOURS)]}"/>')
                body.append(f'<text x="{186 + length}" y="{y + bar - 3}">'
                            f'{escape(format_money(value, language))}</text>')
            y += bar + 2
        y += gap
    return _svg(y + 4, body, title)


def columns(points, language, title):
    """A convention's budget across years: points are (year, total)."""
    height, base, column = 240, 200, 48
    largest = max((total for _year, total in points), default=Decimal(0)) or Decimal(1)
    body = [f'<line x1="40" y1="{base}" x2="{WIDTH - 20}" y2="{base}" stroke="#666"/>']
    step = max((WIDTH - 80) // max(len(points), 1), column + 20)
    for index, (year, total) in enumerate(points):
        x = 50 + index * step
        size = int(Decimal(160) * Decimal(total) / Decimal(largest))
        body.append(f'<rect x="{x}" y="{base - size}" width="{column}" height="{max(size, 1)}" '
                    f'fill="{COLOURS[0]}"/>')
        body.append(f'<text x="{x + column // 2}" y="{base - size - 6}" text-anchor="middle">'
                    f'{escape(format_money(total, language))}</text>')
        body.append(f'<text x="{x + column // 2}" y="{base + 16}" text-anchor="middle">'
                    f'{year}</text>')
    return _svg(height, body, title)
