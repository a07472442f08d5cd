"""The status of contributions to a fund for a year as CSV or XLSX: one row per contributor
(requested, pledged, paid and outstanding, in CHF), then the totals, the number of contributing
states, the adopted budget and its coverage, and each reserve against its target.

Headings are in both languages; rows are written through lib.spreadsheets, so that no text is
ever run as a formula. Amounts stay numbers."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

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


def as_csv(status):
    out = io.StringIO()
    out.write("\ufeff")  # so that spreadsheet programs read the Chinese as UTF-8
    writer = CsvWriter(out)
    writer.writerow([f"{status.fund.convention.code} — {status.fund.name} — {status.year}"])
    writer.writerow(HEADER)
    for _kind, cells in export_rows(status):
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")


def as_xlsx(status):
    book = Workbook()
    sheet = book.active
    sheet.title = str(status.year)
    header_row(sheet, HEADER, (40, 20, 20, 20, 20))
    for kind, cells in export_rows(status):
        row = amounts_row(sheet, cells, AMOUNT_COLUMNS)
        if kind != "row":
            sheet.cell(row, 1).font = Font(bold=True)
    return workbook_bytes(book)


FORMATS = {
    "csv": ("text/csv; charset=utf-8", as_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", as_xlsx),
}
