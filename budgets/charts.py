"""Charts as SVG drawn on the server: the same markup on a page and in a PDF, no JavaScript.

Styles are attributes, not CSS classes, so that every browser draws them alike. Labels name a
Latin face before the Chinese ones, as the site's own stylesheet does.
"""

import re
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString

from lib.money import format_money

# A Latin face first, so that digits and Latin words are not drawn by a Chinese font's Latin.
FONT = ("Noto Sans, Liberation Sans, Arial, Helvetica, Noto Sans CJK SC, WenQuanYi Micro Hei, "
        "Microsoft YaHei, PingFang SC, sans-serif")
COLOURS = ["#1f5f99", "#c2662d", "#6b8e23", "#8e44ad"]
WIDTH = 640


class Chart(SafeString):
    """A chart's SVG markup, which carries its title for a visible caption: a page shows
    <figcaption>{{ chart.caption }}</figcaption> above {{ chart }}."""

    caption = ""


def svg(height, body, title):
    """A chart of WIDTH × `height` with its parts and its title (for a visible caption)."""
    chart = Chart(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" '
        f'font-size="12"><title>{escape(title)}</title>{"".join(body)}</svg>'
    )
    chart.caption = str(title)
    return chart


def _legend(series, y, left):
    parts = []
    for index, name in enumerate(series):
        x = left + index * 160
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" '
                     f'fill="{COLOURS[index % len(COLOURS)]}"/>')
        parts.append(f'<text x="{x + 18}" y="{y + 11}">{escape(name)}</text>')
    return parts


def text_width(text, size=12):
    """Estimated width of `text` at font size `size`: a Chinese character is square, a Latin
    one a little over half as wide. Enough to keep labels inside the chart."""
    return sum(size if ord(c) >= 0x2E80 else size * 0.56 for c in text)


def label_lines(label, width, size=12):
    """The label cut into lines no wider than `width`: at spaces in Latin script, between any
    two characters in Chinese; a word wider than the line stays whole."""
    lines, line = [], ""
    for piece in re.findall(r"\S+\s*|\s+", label) if " " in label else list(label):
        if line and text_width((line + piece).rstrip(), size) > width:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    return [*lines, line.rstrip()] if line.strip() else lines


def horizontal_bars(rows, series, language, title):
    """One bar per series for each row: rows are (label, [value per series]).

    Budget by category is one series; budget vs actual is two (a missing actual draws no bar).
    The labels' column is as wide as the longest label needs, up to two fifths of the chart; a
    longer label is set on several lines, never cut.
    """
    bar, gap, leading = 16, 10, 14
    values = [v for _label, row in rows for v in row if v is not None]
    largest = max(values, default=Decimal(0)) or Decimal(1)
    labels = max((text_width(label) for label, _row in rows), default=0)
    column = int(min(max(labels, 80), WIDTH * 0.4)) + 8
    top = 30 if len(series) > 1 else 8
    body = _legend(series, 8, column) if len(series) > 1 else []
    y = top
    plot = WIDTH - column - 120
    for label, row in rows:
        lines = label_lines(label, column - 8)
        spans = "".join(f'<tspan x="{column - 8}" dy="{0 if i == 0 else leading}">{escape(line)}'
                        f'</tspan>' for i, line in enumerate(lines))
        body.append(f'<text x="{column - 8}" y="{y + bar - 3}" text-anchor="end">{spans}</text>')
        start = y
        for index, value in enumerate(row):
            if value is not None:
                length = int(Decimal(plot) * Decimal(value) / Decimal(largest))
                body.append(f'<rect x="{column}" y="{y}" width="{max(length, 1)}" '
                            f'height="{bar}" fill="{COLOURS[index % len(COLOURS)]}"/>')
                body.append(f'<text x="{column + 6 + length}" y="{y + bar - 3}">'
                            f'{escape(format_money(value, language))}</text>')
            y += bar + 2
        y = max(y, start + bar + leading * (len(lines) - 1) + 2) + gap
    return svg(y + 4, body, title)


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
    return svg(height, body, title)
