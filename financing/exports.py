"""The status of contributions to a fund for a year as CSV or XLSX: one row per contributor
(requested, pledged, paid and outstanding, in CHF), then the totals, the number of contributing
states, the adopted budget and its coverage, and each reserve against its target.

The XLSX has a second sheet, the fund's cash flow of the year month by month
(financing/figures.py cash_flow()), which is also its own CSV. A published status
(financing/publishing.py) is exported from its snapshot, as the public page shows it.

Headings are in both languages; rows are written through lib.spreadsheets, so that no text is
ever run as a formula. Amounts stay numbers."""

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from financing.figures import cash_flow
from lib.spreadsheets import CsvWriter, amounts_row, header_row, workbook_bytes

HEADER = ["Contributor / 捐助方", "Requested (CHF) / 请缴(瑞郎)", "Pledged (CHF) / 认捐(瑞郎)",
          "Paid (CHF) / 已缴(瑞郎)", "Outstanding (CHF) / 未缴(瑞郎)"]
AMOUNT_COLUMNS = (2, 3, 4, 5)


def export_rows(status):
    """(kind, cells) rows of the table, then its summary."""
    rows = [("row", [str(row.contributor), row.requested, row.pledged, row.paid,
                     row.outstanding]) for row in status.rows]
    rows.append(("total", ["Total / 合计", status.requested, status.pledged, status.paid,
                           status.outstanding]))
    rows.append(("summary", ["Contributing states / 缴款国数目", status.contributing_states]))
    rows.append(("summary", ["Adopted budget (CHF) / 通过的预算(瑞郎)",
                             "" if status.budget_total is None else status.budget_total]))
    coverage = status.coverage_percent
    rows.append(("summary", ["Coverage (%) / 覆盖率(%)", "" if coverage is None else coverage]))
    for reserve in status.reserves:
        rows.append(("summary", [f"{reserve.fund.name} (CHF)", reserve.balance,
                                 "" if reserve.target is None else reserve.target]))
    return rows


def _csv(title, header, rows):
    out = io.StringIO()
    out.write("\ufeff")  # so that spreadsheet programs read the Chinese as UTF-8
    writer = CsvWriter(out)
    writer.writerow([title])
    writer.writerow(header)
    for _kind, cells in rows:
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")


def as_csv(status):
    return _csv(f"{status.fund.convention.code} — {status.fund.name} — {status.year}", HEADER,
                export_rows(status))


CASH_FLOW_HEADER = ["Month / 月份", "Received (CHF) / 收到(瑞郎)",
                    "Spending (CHF) / 支出(瑞郎)", "Spending is / 支出为",
                    "Balance (CHF) / 余额(瑞郎)", "Reserve draws (CHF) / 动用储备(瑞郎)",
                    "Reserve replenishments (CHF) / 补充储备(瑞郎)"]
CASH_FLOW_AMOUNTS = (2, 3, 5, 6, 7)


def cash_flow_rows(months):
    rows = [("row", [month.first_day.strftime("%Y-%m"), month.received, month.spending,
                     "expected / 预计" if month.actual is None else "actual / 实际",
                     month.balance, month.draws, month.replenishments]) for month in months]
    rows.append(("total", ["Total / 合计", sum((m.received for m in months), Decimal(0)),
                           sum((m.spending for m in months), Decimal(0)), "",
                           months[-1].balance if months else Decimal(0),
                           sum((m.draws for m in months), Decimal(0)),
                           sum((m.replenishments for m in months), Decimal(0))]))
    return rows


def cash_flow_csv(fund, year, months=None):
    months = cash_flow(fund, year) if months is None else months
    return _csv(f"{fund.convention.code} — {fund.name} — {year} — cash flow / 现金流",
                CASH_FLOW_HEADER, cash_flow_rows(months))


PUBLISHED_HEADER = ["State / 国家", "Organization / 组织", "Name (en)", "名称 (zh-hans)",
                    *HEADER[1:]]


def published_rows(figures):
    """(kind, cells) rows of a publication's snapshot: amounts as numbers."""

    def number(text):
        return "" if text is None else Decimal(text)

    amounts = ("requested", "pledged", "paid", "outstanding")
    rows = [("row", [row["state"] or "", row["organization"] or "", row["name"].get("en", ""),
                     row["name"].get("zh-hans", ""), *(number(row[a]) for a in amounts)])
            for row in figures["rows"]]
    totals = figures["totals"]
    rows.append(("total", ["", "", "Total", "合计", *(number(totals[a]) for a in amounts)]))
    rows.append(("summary", ["", "", "Contributing states", "缴款国数目",
                             figures["contributing_states"]]))
    rows.append(("summary", ["", "", "Adopted budget (CHF)", "通过的预算(瑞郎)",
                             number(figures["budget_total"])]))
    rows.append(("summary", ["", "", "Coverage (%)", "覆盖率(%)",
                             number(figures["coverage_percent"])]))
    for reserve in figures["reserves"]:
        rows.append(("summary", ["", "", reserve["name"].get("en", ""),
                                 reserve["name"].get("zh-hans", ""), number(reserve["balance"]),
                                 number(reserve["target"])]))
    return rows


def published_csv(publication):
    fund = publication.fund
    name = publication.figures["fund"].get("en") or fund.name
    return _csv(f"{fund.convention.code} — {name} — {publication.year} — as at / 截至 "
                f"{publication.as_at.isoformat()}", PUBLISHED_HEADER,
                published_rows(publication.figures))


def as_xlsx(status):
    book = Workbook()
    sheet = book.active
    sheet.title = str(status.year)
    header_row(sheet, HEADER, (40, 20, 20, 20, 20))
    for kind, cells in export_rows(status):
        row = amounts_row(sheet, cells, AMOUNT_COLUMNS)
        if kind != "row":
            sheet.cell(row, 1).font = Font(bold=True)
    flow = book.create_sheet(f"{status.year} cash flow")
    header_row(flow, CASH_FLOW_HEADER, (14, 20, 20, 16, 20, 20, 20))
    for kind, cells in cash_flow_rows(cash_flow(status.fund, status.year)):
        row = amounts_row(flow, cells, CASH_FLOW_AMOUNTS)
        if kind != "row":
            flow.cell(row, 1).font = Font(bold=True)
    return workbook_bytes(book)


FORMATS = {
    "csv": ("text/csv; charset=utf-8", as_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", as_xlsx),
}
