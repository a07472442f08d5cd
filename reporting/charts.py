"""Progress charts, drawn on the server as SVG like the budget's (budgets/charts.py): the same
faces, width and caption, no JavaScript."""

from django.utils.html import escape

from budgets.charts import WIDTH, label_lines, svg, text_width


def _legend(series, top, left):
    """The series' names with their colours, on as many lines as the width needs; returns the
    markup and the height it takes."""
    parts, x, y = [], left, top
    for name, colour, _ink in series:
        width = 18 + text_width(name) + 16
        if x > left and x + width > WIDTH - 8:
            x, y = left, y + 18
        parts.append(f'<rect x="{x:.0f}" y="{y}" width="12" height="12" fill="{colour}" '
                     f'stroke="#888" stroke-width="0.5"/>')
        parts.append(f'<text x="{x + 18:.0f}" y="{y + 11}">{escape(name)}</text>')
        x += width
    return parts, y - top + 18


def stacked_bars(rows, series, title):
    """One bar for each row, cut into one segment per series: rows are (label, [count per
    series]) and series (name, fill colour, colour of the count written on it). A bar's length
    is its total against the longest; a segment wide enough shows its count. The labels'
    column is as wide as the longest label needs, up to a third of the chart; a longer label is
    set on several lines, never cut."""
    bar, gap, leading = 20, 10, 14
    largest = max((sum(counts) for _label, counts in rows), default=0) or 1
    column = int(min(max((text_width(label) for label, _c in rows), default=0), WIDTH / 3)) + 16
    column = max(column, 60)
    body, legend_height = _legend(series, 8, 8)
    y = 8 + legend_height + 8
    plot = WIDTH - column - 40
    for label, counts in rows:
        lines = label_lines(label, column - 8)
        spans = "".join(f'<tspan x="{column - 8}" dy="{0 if i == 0 else leading}">{escape(line)}'
                        f'</tspan>' for i, line in enumerate(lines))
        body.append(f'<text x="{column - 8}" y="{y + bar - 6}" text-anchor="end">{spans}</text>')
        x = column
        for count, (_name, colour, ink) in zip(counts, series, strict=True):
            if not count:
                continue
            length = plot * count / largest
            # A white segment (no update) is outlined; the others are parted by a white line.
            outline = "#888" if colour.lower() in ("#fff", "#ffffff") else "#fff"
            body.append(f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{bar}" '
                        f'fill="{colour}" stroke="{outline}" stroke-width="1"/>')
            if length >= text_width(str(count)) + 6:
                body.append(f'<text x="{x + length / 2:.1f}" y="{y + bar - 6}" '
                            f'text-anchor="middle" fill="{ink}">{count}</text>')
            x += length
        total = sum(counts)
        body.append(f'<text x="{x + 6:.1f}" y="{y + bar - 6}">{total}</text>')
        y = max(y + bar, y + leading * len(lines)) + gap
    return svg(y + 4, body, title)
