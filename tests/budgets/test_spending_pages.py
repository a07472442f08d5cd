"""The spending page of the workspace and the spending exports: an officer records a quarter,
a reallocation and a carry-forward with plain forms, sees the figures follow, corrects and
deletes records, meets a conflict with both values shown; a draft's page is read-only; another
convention's is a 404; the exports follow the budget's own; the page's queries are fixed."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from budgets import spending
from budgets.models import CarryForward, Expenditure, Line, Reallocation
from tests import factories
from tests.forms import posted_values
from workplans.models import WorkPlan


@pytest.fixture
def budget(ccm):
    plan = factories.plan("CCM", 2018)
    budget = factories.budget(plan, lines=[("salaries", "345054", 0), ("travel", "37000")],
                              groups=["Staff costs"])
    factories.set_status(plan, WorkPlan.Status.PUBLISHED)
    return budget


def url(budget, rest=""):
    return f"/workspace/plans/{budget.plan_id}/budgets/{budget.pk}/spending/{rest}"


def line(budget, code):
    return Line.objects.get(budget=budget, category__code=code)


def new_form(page, kind):
    return posted_values(page.split(f'id="add-{kind}"')[1].split("</form>")[0])


def opened_form(client, budget, anchor):
    page = client.get(url(budget), {"edit": anchor}).content.decode()
    return posted_values(page.split(f'<tr class="row editing" id="{anchor}">')[1]
                         .split("</form>")[0])


def record(client, budget, kind, **values):
    page = client.get(url(budget)).content.decode()
    return client.post(url(budget, f"add/{kind}/"), new_form(page, kind) | values)


def test_an_officer_records_a_quarter_and_sees_the_figures_follow(as_user, ccm_officer, budget):
    client = as_user(ccm_officer)
    response = record(client, budget, "expenditure", line=str(line(budget, "travel").pk),
                      period="2018-quarter-2", committed="12,000", spent="9,250",
                      note_en="Flights to Geneva")
    row = Expenditure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(budget) + f"#expenditure-{row.pk}"
    page = client.get(url(budget)).content.decode()
    assert "Recorded through June 2018" in page
    travel = page.split(f'id="spending-line-{line(budget, "travel").pk}"')[1].split("</tr>")[0]
    # Budget, revised budget, committed, spent, variance, %, forecast (9,250 × 12 ÷ 6).
    assert ["CHF 37,000", "CHF 37,000", "CHF 12,000", "CHF 9,250", "CHF -27,750", "-75.0%",
            "CHF 18,500"] == [cell.split("<")[0] for cell in travel.split('class="amount">')[1:]
                              if cell.split("<")[0]]
    assert "Flights to Geneva" in page and "Q2 2018" in page
    assert f'id="spending-group-{line(budget, "salaries").group_id}"' in page


def test_a_reallocation_and_a_carry_forward_are_recorded_with_their_reasons(
        as_user, ccm_officer, budget):
    client = as_user(ccm_officer)
    record(client, budget, "reallocation", from_line=str(line(budget, "salaries").pk),
           to_line=str(line(budget, "travel").pk), amount="3000", decided_on="2018-09-14",
           reason_en="The meeting cost more")
    record(client, budget, "carry-forward", amount="18400", reason_zh_hans="2017 年未用余额")
    page = client.get(url(budget)).content.decode()
    assert "CHF 40,000" in page and "CHF 342,054" in page  # the revised budgets
    assert "The meeting cost more" in page and "2017 年未用余额" in page
    funds = page.split('id="funds"')[1].split("</dl>")[0]
    assert "CHF 18,400" in funds and "CHF 400,454" in funds  # 382,054 + 18,400
    assert Reallocation.objects.get().recorded_by == ccm_officer
    assert CarryForward.objects.get().amount == Decimal(18400)


def test_a_wrong_form_comes_back_with_its_errors_and_what_was_typed(as_user, ccm_officer,
                                                                    budget):
    client = as_user(ccm_officer)
    response = record(client, budget, "reallocation", from_line=str(line(budget, "travel").pk),
                      to_line=str(line(budget, "salaries").pk), amount="50000",
                      reason_en="Typed reason")
    page = response.content.decode()
    assert response.status_code == 400
    assert "“Travel” has a revised budget of CHF 37,000" in page
    assert "Typed reason" in page.split('id="add-reallocation"')[1]
    assert not Reallocation.objects.exists()


def test_a_record_is_corrected_and_deleted_without_javascript(as_user, ccm_officer, budget):
    client = as_user(ccm_officer)
    record(client, budget, "expenditure", line=str(line(budget, "travel").pk),
           period="2018-quarter-1", spent="1000")
    row = Expenditure.objects.get()
    data = opened_form(client, budget, f"expenditure-{row.pk}") | {"spent": "1500"}
    assert data["period"] == "2018-quarter-1" and data["line"] == str(row.line_id)
    response = client.post(url(budget, f"expenditure/{row.pk}/"), data)
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.spent == Decimal(1500)
    page = client.get(url(budget), {"delete": f"expenditure-{row.pk}"}).content.decode()
    confirm = page.split(f'<tr class="row deleting" id="expenditure-{row.pk}">')[1]
    assert "“Travel”, Q1 2018: CHF 0 committed, CHF 1,500 spent" in confirm
    client.post(url(budget, f"expenditure/{row.pk}/delete/"), posted_values(
        confirm.split("</form>")[0]))
    assert not Expenditure.objects.exists()


def test_a_conflict_shows_their_values_and_keeps_mine(as_user, ccm_officer, ccm_head, budget):
    officer, head = as_user(ccm_officer), as_user(ccm_head)
    record(officer, budget, "expenditure", line=str(line(budget, "travel").pk),
           period="2018-quarter-1", spent="1000")
    row = Expenditure.objects.get()
    mine = opened_form(officer, budget, f"expenditure-{row.pk}")
    head.post(url(budget, f"expenditure/{row.pk}/"),
              opened_form(head, budget, f"expenditure-{row.pk}") | {"spent": "1111"})
    response = officer.post(url(budget, f"expenditure/{row.pk}/"), mine | {"spent": "2222"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "changed by someone else" in page
    theirs = page.split('class="theirs"')[1].split("</dl>")[0]
    assert "1111" in theirs
    assert 'value="2222"' in page
    again = posted_values(page.split(f'<tr class="row editing" id="expenditure-{row.pk}">')[1]
                          .split("</form>")[0])
    officer.post(url(budget, f"expenditure/{row.pk}/"), again)
    row.refresh_from_db()
    assert row.spent == Decimal(2222)  # saving again keeps mine


def test_a_draft_plans_spending_page_is_read_only(as_user, ccm_officer, ccm):
    plan = factories.plan("CCM", 2019)
    budget = factories.budget(plan, lines=[("travel", "37000")])
    client = as_user(ccm_officer)
    page = client.get(url(budget)).content.decode()
    assert "Spending is recorded against the budget of an adopted work plan" in page
    assert 'id="add-expenditure"' not in page
    response = client.post(url(budget, "add/carry-forward/"),
                           {"amount": "1", "reason_en": "x"}, follow=True)
    assert "Spending is recorded against the budget of an adopted" in response.content.decode()
    assert not CarryForward.objects.exists()
    budget_page = client.get(f"/workspace/plans/{plan.pk}/budgets/{budget.pk}/")
    assert url(budget) not in budget_page.content.decode()


def test_the_budget_page_of_a_published_plan_links_its_spending(as_user, ccm_officer, budget):
    page = as_user(ccm_officer).get(
        f"/workspace/plans/{budget.plan_id}/budgets/{budget.pk}/").content.decode()
    assert f'href="{url(budget)}"' in page


def test_another_convention_and_strangers_do_not_see_the_page(as_user, apmbc_officer,
                                                              anonymous, budget):
    assert as_user(apmbc_officer).get(url(budget)).status_code == 404
    assert as_user(apmbc_officer).post(url(budget, "add/carry-forward/"), {
        "amount": "1", "reason_en": "x"}).status_code == 404
    assert anonymous.get(url(budget)).status_code == 302
    assert not CarryForward.objects.exists()


def test_an_unknown_kind_or_record_is_a_404(as_user, ccm_officer, budget):
    client = as_user(ccm_officer)
    assert client.post(url(budget, "add/budget/"), {}).status_code == 404
    assert client.get(url(budget), {"edit": "expenditure-999"}).status_code == 404
    assert client.post(url(budget, "expenditure/999/"), {}).status_code == 404


def test_the_page_works_in_chinese(as_user, ccm_officer, budget):
    client = as_user(ccm_officer)
    record(client, budget, "expenditure", line=str(line(budget, "travel").pk),
           period="2018-month-3", spent="1000")
    client.cookies["django_language"] = "zh-hans"
    page = client.get(url(budget), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "2018 年 3 月" in page and "1,000 瑞郎" in page


def test_the_page_runs_a_fixed_number_of_queries(as_user, ccm_officer, budget, ccm_head):
    client = as_user(ccm_officer)
    large_plan = factories.plan("CCM", 2017)
    large = factories.budget(large_plan, groups=["One", "Two"],
                             lines=[("travel", str(n * 100), n % 2) for n in range(1, 21)])
    factories.set_status(large_plan, WorkPlan.Status.PUBLISHED)
    lines = list(Line.objects.filter(budget=large))
    for index, each in enumerate(lines):
        for quarter in range(1, 5):
            spending.record(ccm_head, large_plan.pk, large.pk, "expenditure", {
                "line": each.pk, "period": f"2017-quarter-{quarter}", "spent": "10",
                "committed": "0", "note_en": "n"})
        if index:
            spending.record(ccm_head, large_plan.pk, large.pk, "reallocation", {
                "from_line": lines[0].pk, "to_line": each.pk, "amount": "1",
                "decided_on": "2017-05-01", "reason_en": "r"})
    spending.record(ccm_head, large_plan.pk, large.pk, "carry-forward",
                    {"amount": "5", "reason_en": "r"})
    counts = []
    for each in (budget, large):
        client.get(url(each))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(each)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12


# -- exports ----------------------------------------------------------------------------------

@pytest.fixture
def recorded(ccm_head, budget):
    for quarter, spent in ((1, "9000"), (2, "11000")):
        spending.record(ccm_head, budget.plan_id, budget.pk, "expenditure", {
            "line": line(budget, "travel").pk, "period": f"2018-quarter-{quarter}",
            "spent": spent, "committed": "500", "note_en": "=HYPERLINK(\"x\")"})
    spending.record(ccm_head, budget.plan_id, budget.pk, "reallocation", {
        "from_line": line(budget, "salaries").pk, "to_line": line(budget, "travel").pk,
        "amount": "3000", "decided_on": "2018-09-14", "reason_en": "Meeting"})
    spending.record(ccm_head, budget.plan_id, budget.pk, "carry-forward",
                    {"amount": "18400", "reason_en": "Balance of 2017"})
    return budget


def test_the_spending_csv_has_each_line_its_periods_and_the_funds(as_user, ccm_officer,
                                                                  recorded):
    response = as_user(ccm_officer).get(f"/budgets/{recorded.pk}/spending.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert 'filename="CCM-ISU-spending-2018.csv"' in response["Content-Disposition"]
    assert rows[0][-2:] == ["Q1 2018 (CHF) / 2018 年第一季度 (瑞郎)",
                            "Q2 2018 (CHF) / 2018 年第二季度 (瑞郎)"]
    travel = next(row for row in rows if row[0].startswith("Travel"))
    # Budget, reallocated, revised, committed, spent, variance, %, forecast, Q1, Q2.
    assert travel[2:] == ["37000.00", "3000.00", "40000.00", "1000.00", "20000.00",
                          "-20000.00", "-50.0", "40000", "9000.00", "11000.00"]
    total = next(row for row in rows if row[0] == "Total / 合计")
    assert total[6] == "20000.00"
    funds = {row[0]: row[2] for row in rows[-3:]}
    assert funds == {"Carried forward / 结转": "18400.00",
                     "Funds available / 可用资金": "400454.00",
                     "Balance / 余额": "380454.00"}


def test_the_spending_xlsx_has_the_records_reallocations_and_carry_forward(as_user,
                                                                           ccm_officer,
                                                                           recorded):
    response = as_user(ccm_officer).get(f"/budgets/{recorded.pk}/spending.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["2018", "Periods 期间", "Reallocations 调拨", "Carry-forward 结转"]
    periods = list(book["Periods 期间"].values)
    assert [row[1] for row in periods[1:]] == ["Q1 2018 / 2018 年第一季度",
                                               "Q2 2018 / 2018 年第二季度"]
    note = book["Periods 期间"].cell(2, 7)  # English notes, after the Chinese ones
    assert note.value == '=HYPERLINK("x")' and note.data_type == "s"  # text, never a formula
    assert list(book["Reallocations 调拨"].values)[1][3] == 3000
    assert list(book["Carry-forward 结转"].values)[1][0] == 18400


def test_the_spending_of_a_draft_is_for_its_conventions_staff_only(anonymous, as_user,
                                                                   ccm_officer, apmbc_officer,
                                                                   ccm):
    draft = factories.budget(factories.plan("CCM", 2019), lines=[("travel", "1")])
    for extension in ("csv", "xlsx"):
        address = f"/budgets/{draft.pk}/spending.{extension}"
        assert anonymous.get(address).status_code == 404
        assert as_user(apmbc_officer).get(address).status_code == 404
        assert as_user(ccm_officer).get(address).status_code == 200


def test_the_spending_of_a_published_plan_is_for_its_conventions_staff_only(
        anonymous, as_user, apmbc_officer, coordinator, recorded):
    """Who recorded what and when, and spending past the quarter the head of the ISU published
    the progress through, stay in the workspace: the public reads the published progress."""
    for extension in ("csv", "xlsx"):
        address = f"/budgets/{recorded.pk}/spending.{extension}"
        assert anonymous.get(address).status_code == 404
        assert as_user(apmbc_officer).get(address).status_code == 404
        assert as_user(coordinator).get(address).status_code == 200


def test_the_spending_exports_run_a_fixed_number_of_queries(as_user, ccm_officer, recorded,
                                                            ccm_head):
    client = as_user(ccm_officer)
    counts = []
    for extension in ("csv", "xlsx", "csv"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/budgets/{recorded.pk}/spending.{extension}")
        assert response.status_code == 200
        counts.append(len(queries))
        spending.record(ccm_head, recorded.plan_id, recorded.pk, "expenditure", {
            "line": line(recorded, "salaries").pk, "period": f"2018-month-{len(counts)}",
            "spent": "1", "committed": "0"})
    assert counts[0] == counts[1] == counts[2]
