"""/api/budgets/, the CSV and XLSX exports and the charts, all computed from the lines."""

import csv
import io
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from budgets.charts import columns, horizontal_bars
from budgets.models import Line
from tests import factories
from workplans.models import WorkPlan

PUBLISHED = WorkPlan.Status.PUBLISHED


def apmbc_budget(year=2026, status=PUBLISHED):
    plan = factories.plan("APMBC", year)
    budget = factories.budget(plan, groups=["Staff costs", "Travel and other support"],
                              lines=[("salaries", "568386", 0), ("social_security", "110835", 0),
                                     ("travel", "50000", 1), ("other_support", "40000", 1)])
    factories.set_status(plan, status)
    return budget


def test_budgets_filter_by_convention_and_year(anonymous, apmbc, ccm):
    budget = apmbc_budget()
    factories.budget(factories.plan("CCM", 2026), lines=[("salaries", "1")])
    factories.set_status(WorkPlan.objects.get(convention__code="CCM"), PUBLISHED)
    listed = anonymous.get("/api/budgets/?convention=apmbc&year=2026").json()["results"]
    assert [(b["id"], b["total"]) for b in listed] == [(budget.pk, "769221.00")]


def test_the_detail_gives_lines_subtotals_totals_and_the_table(anonymous, apmbc):
    budget = apmbc_budget()
    data = anonymous.get(f"/api/budgets/{budget.pk}/").json()
    assert [item["amount"] for item in data["items"]] == ["679221.00", "90000.00"]
    assert data["items"][0]["items"][0]["title"]["en"] == "Salaries"
    assert data["totals"]["total"] == "769221.00"
    assert data["table"]["zh-hans"]["rows"][-1]["amount"] == "769,221 瑞郎"
    Line.objects.filter(category__code="salaries").update(amount=Decimal(568387))
    data = anonymous.get(f"/api/budgets/{budget.pk}/").json()
    assert (data["items"][0]["amount"], data["totals"]["total"]) == ("679222.00", "769222.00")
    assert data["table"]["en"]["rows"][-1]["amount"] == "CHF 769,222"


def test_draft_budgets_are_for_their_conventions_staff(anonymous, as_user, apmbc_officer,
                                                       ccm_officer, apmbc):
    budget = apmbc_budget(status=WorkPlan.Status.DRAFT)
    assert anonymous.get(f"/api/budgets/{budget.pk}/").status_code == 404
    assert as_user(ccm_officer).get(f"/budgets/{budget.pk}/budget.csv").status_code == 404
    assert as_user(apmbc_officer).get(f"/api/budgets/{budget.pk}/").status_code == 200


def test_the_detail_runs_a_fixed_number_of_queries(anonymous, apmbc):
    small = apmbc_budget(2026)
    large = apmbc_budget(2027, status=WorkPlan.Status.DRAFT)
    for position in range(30):
        Line.objects.create(budget=large, category=Line.objects.first().category,
                            position=100 + position, amount=Decimal(1))
    factories.set_status(large.plan, PUBLISHED)
    counts = []
    for budget in (small, large):
        with CaptureQueriesContext(connection) as queries:
            anonymous.get(f"/api/budgets/{budget.pk}/")
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_csv_export_has_every_line_in_both_languages_and_the_total(anonymous, apmbc):
    budget = apmbc_budget()
    response = anonymous.get(f"/budgets/{budget.pk}/budget.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:3] == ["Salaries / 薪金", "Staff costs", "568386.00"]
    assert rows[-1][:3] == ["Total / 合计", "", "769221.00"]
    assert 'filename="APMBC-ISU-budget-2026.csv"' in response["Content-Disposition"]


def test_the_xlsx_export_keeps_amounts_as_numbers(anonymous, apmbc):
    budget = apmbc_budget()
    response = anonymous.get(f"/budgets/{budget.pk}/budget.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert values[-1][0] == "Total / 合计"
    assert Decimal(str(values[-1][2])) == Decimal(769221)
    assert sheet.cell(2, 3).number_format == "#,##0.00"


def test_charts_are_svg_with_labels_and_amounts_in_the_language():
    svg = horizontal_bars([("薪金", [Decimal(568386)]), ("差旅", [Decimal(50000)])], ["预算"],
                          "zh-hans", "按类别的预算")
    assert svg.startswith("<svg") and "568,386 瑞郎" in svg and "<title>按类别的预算</title>" in svg
    assert svg.count("<rect") == 2
    paired = horizontal_bars([("Travel", [Decimal(37000), Decimal(39870)]),
                              ("Other", [Decimal(10000), None])], ["Budget", "Actual"], "en",
                             "Budget and actual")
    assert paired.count("<rect") == 2 + 3  # legend, then the bars with a value
    years = columns([(2018, Decimal(465440)), (2019, Decimal(475700))], "en", "CCM")
    assert "CHF 465,440" in years and ">2019<" in years
