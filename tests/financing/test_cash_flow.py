"""The cash flow of a fund by month (financing/figures.py cash_flow()): what was received by
value date (whatever year it counts for), the adopted budget spread evenly (December taking the
remainder) or what was actually spent in a month recorded month by month, the cumulative
balance, and the reserves' draws and replenishments of each month."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from budgets.models import Expenditure
from financing import services
from financing.figures import cash_flow, spread
from financing.models import Contributor

D = Decimal


def pay(user, fund, on, amount, year=2018, state="NO"):
    contributor, _new = Contributor.objects.get_or_create(state=state)
    services.record_payment(user, contributor=contributor, fund=fund, year=year, value_date=on,
                            amount=amount, reference=f"{on.isoformat()}-{amount}-{year}")


def test_an_even_spread_leaves_the_remainder_to_the_last_month():
    assert spread(D("100.00")) == [D("8.33")] * 11 + [D("8.37")]
    assert spread(D("465440")) == [D("38786.66")] * 11 + [D("38786.74")]
    assert spread(D("0")) == [D("0")] * 12
    assert sum(spread(D("12345.67"))) == D("12345.67")


def test_the_months_add_up_exactly_to_the_years_totals(ccm_finance, core):
    pay(ccm_finance, core, date(2018, 1, 15), "1000.10")
    pay(ccm_finance, core, date(2018, 1, 20), "333.33", state="CH")
    pay(ccm_finance, core, date(2018, 11, 2), "2000", state="JP")
    months = cash_flow(core, 2018)
    assert [m.month for m in months] == list(range(1, 13))
    assert months[0].received == D("1333.43") and months[10].received == D("2000.00")
    assert sum(m.received for m in months) == D("3333.43")
    assert sum(m.spending for m in months) == D("465440")
    assert [m.expected for m in months] == [D("38786.66")] * 11 + [D("38786.74")]
    assert months[-1].balance == D("3333.43") - D("465440")


def test_every_payment_received_in_the_year_is_counted_whatever_year_it_is_for(ccm_finance,
                                                                               core):
    pay(ccm_finance, core, date(2017, 12, 20), "100")  # for 2018, received in 2017
    pay(ccm_finance, core, date(2018, 12, 20), "200", year=2019)  # for 2019, received early
    pay(ccm_finance, core, date(2018, 3, 5), "50", year=2017)  # for 2017, received late
    pay(ccm_finance, core, date(2018, 6, 1), "300")
    months = cash_flow(core, 2018)
    assert sum(m.received for m in months) == D("550.00")
    assert months[2].received == D("50.00") and months[5].received == D("300.00")
    assert months[11].received == D("200.00")
    assert cash_flow(core, 2017)[11].received == D("100.00")


def test_the_balance_cumulates_what_was_received_less_what_was_spent(ccm_finance, core):
    pay(ccm_finance, core, date(2018, 2, 1), "100000")
    months = cash_flow(core, 2018)
    assert months[0].balance == D("-38786.66")
    assert months[1].balance == D("100000") - 2 * D("38786.66")
    assert months[2].balance == D("100000") - 3 * D("38786.66")


def test_a_month_recorded_month_by_month_shows_what_was_actually_spent(ccm_officer, budget,
                                                                       core):
    staff, travel = budget.lines.order_by("position")
    Expenditure.objects.create(line=staff, year=2018, period_kind="month", period_number=2,
                               spent=D("20000.50"), recorded_by=ccm_officer)
    Expenditure.objects.create(line=travel, year=2018, period_kind="month", period_number=2,
                               spent=D("1000"), recorded_by=ccm_officer)
    # August is recorded for one line, but its quarter for the other: it cannot be told.
    Expenditure.objects.create(line=staff, year=2018, period_kind="month", period_number=8,
                               spent=D("5"), recorded_by=ccm_officer)
    Expenditure.objects.create(line=travel, year=2018, period_kind="quarter", period_number=3,
                               spent=D("9"), recorded_by=ccm_officer)
    months = cash_flow(core, 2018)
    assert months[1].actual == D("21000.50") and months[1].spending == D("21000.50")
    assert months[7].actual is None and months[7].spending == D("38786.66")
    assert months[0].actual is None
    assert months[1].balance == -(D("38786.66") + D("21000.50"))


def test_other_funds_spend_nothing_of_the_budget(ccm_finance, reserve):
    assert all(m.spending == 0 for m in cash_flow(reserve, 2018))


def test_the_reserve_movements_of_each_month(ccm_finance, core, reserve):
    movement = services.record_reserve_movement
    movement(ccm_finance, fund=reserve, date=date(2018, 1, 10), kind="replenishment",
             amount="100000")
    movement(ccm_finance, fund=reserve, date=date(2018, 1, 25), kind="replenishment",
             amount="5000")
    movement(ccm_finance, fund=reserve, date=date(2018, 3, 5), kind="draw", amount="30000",
             purpose="cash_flow")
    movement(ccm_finance, fund=reserve, date=date(2017, 12, 31), kind="replenishment",
             amount="1")
    months = cash_flow(core, 2018)
    assert (months[0].replenishments, months[0].draws) == (D("105000"), 0)
    assert (months[2].replenishments, months[2].draws) == (0, D("30000"))
    assert sum(m.replenishments for m in months) == D("105000")
    assert months[2].balance == -3 * D("38786.66")  # beside the balance, not in it


def test_the_fund_page_and_the_exports_show_the_cash_flow(as_user, ccm_finance, core):
    pay(ccm_finance, core, date(2018, 3, 1), "20000")
    client = as_user(ccm_finance)
    body = client.get(reverse("workspace:financing-fund", args=[core.pk]) + "?year=2018"
                      ).content.decode()
    assert 'id="cash-flow"' in body and "March 2018" in body and "CHF 38,787" in body
    assert "by value date, whatever year it counts for" in body
    text = client.get(reverse("workspace:financing-cash-flow-csv", args=[core.pk, 2018])
                      ).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert ["2018-03", "20000.00", "38786.66", "expected / 预计", "-96359.98", "0.00", "0.00"] in rows
    assert rows[-1][:3] == ["Total / 合计", "20000.00", "465440.00"]
    book = load_workbook(io.BytesIO(client.get(
        reverse("workspace:financing-xlsx", args=[core.pk, 2018])).content))
    sheet = book["2018 cash flow"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[12][0] == "2018-12" and values[12][2] == 38786.74


def test_another_conventions_staff_do_not_get_the_cash_flow(as_user, apmbc_finance, core):
    url = reverse("workspace:financing-cash-flow-csv", args=[core.pk, 2018])
    assert as_user(apmbc_finance).get(url).status_code == 404


def test_the_note_under_the_cash_flow_reads_as_chinese_writes_sentences(as_user, ccm_finance,
                                                                          core):
    client = as_user(ccm_finance)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    body = client.get(reverse("workspace:financing-fund", args=[core.pk]) + "?year=2018"
                      ).content.decode()
    assert "不论其计入哪一年度。支出为" in body
