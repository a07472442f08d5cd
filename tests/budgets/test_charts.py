"""Charts keep every label whole: a long label widens its column or takes a second line."""

import re
from decimal import Decimal

from budgets import charts


def labels_of(svg):
    return [" ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", text))
            for text in re.findall(r'<text [^>]*text-anchor="end">(.*?)</text>', svg)]


def test_a_long_english_label_is_printed_whole():
    svg = charts.horizontal_bars([("Other implementation support costs", [Decimal(10000)]),
                                  ("Salaries", [Decimal(345054)])], ["Budget"], "en", "Budget")
    assert labels_of(svg) == ["Other implementation support costs", "Salaries"]


def test_a_label_wider_than_a_third_of_the_chart_takes_several_lines():
    label = "Liaison missions and participation in conferences and United Nations meetings"
    svg = charts.horizontal_bars([(label, [Decimal(1)])], ["Budget"], "en", "Budget")
    spans = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert len(spans) > 1 and " ".join(spans) == label
    assert all(charts.text_width(span) <= charts.WIDTH * 0.4 for span in spans)


def test_chinese_labels_break_between_characters():
    assert charts.label_lines("其他执行支助费用", 48) == ["其他执行", "支助费用"]
