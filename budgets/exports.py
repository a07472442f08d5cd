"""A budget as CSV or XLSX: every line in both languages, subtotals and the total computed.

Rows are written through lib.spreadsheets, so that no text is ever run as a formula."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from lib.languages import WORKING_LANGUAGE, conventions
from lib.spreadsheets import CsvWriter, append_row
from lib.translated_fields import LANGUAGE_CODES, values_by_language

HEADER = ["Line / 项目", "Subtotal / 小计", "Budget (CHF) / 预算(瑞郎)",
          "Actual (CHF) / 实际支出(瑞郎)", "Variance (CHF) / 差额(瑞郎)",
          *(conventions(code).export_note_heading for code in LANGUAGE_CODES)]
# A cell of every language: the working language's text first.
CELL_LANGUAGES = sorted(LANGUAGE_CODES, key=lambda code: code != WORKING_LANGUAGE)
NO_NOTES = [""] * len(LANGUAGE_CODES)


def _both(values):
    """English / Chinese, as one cell."""
    return " / ".join(v for v in (values[code] for code in CELL_LANGUAGES) if v)


def export_rows(figures):
    """(kind, cells) rows: amounts stay Decimal so that spreadsheets keep them as numbers."""
    rows = []

    def walk(items, group_label):
        for item in items:
            if item.is_group:
                label = _both(values_by_language(item.group, "title"))
                walk(item.items, label)
                rows.append(("subtotal", [label, label, item.amount, item.actual, None,
                                          *NO_NOTES]))
            else:
                notes = values_by_language(item.line, "note")
                rows.append(("line", [_both(item.line.titles()), group_label,
                                      item.amount, item.actual, item.variance,
                                      *(notes[code] for code in LANGUAGE_CODES)]))

    walk(figures.items, "")
    rows.append(("total", ["Total / 合计", "", figures.total, figures.actual_total,
                           figures.variance, *NO_NOTES]))
    return rows


def as_csv(figures):
    out = io.StringIO()
    out.write("\ufeff")  # so that spreadsheet programs read the Chinese as UTF-8
    writer = CsvWriter(out)
    writer.writerow(HEADER)
    for _kind, cells in export_rows(figures):
        writer.writerow(["" if c is None else c for c in cells])
    return out.getvalue().encode("utf-8")


def as_xlsx(figures):
    book = Workbook()
    sheet = book.active
    sheet.title = str(figures.budget.year)
    append_row(sheet, HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for kind, cells in export_rows(figures):
        append_row(sheet, cells)
        row = sheet.max_row
        for column in (3, 4, 5):
            sheet.cell(row, column).number_format = "#,##0.00"
        if kind != "line":
            for cell in sheet[row]:
                cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFG", (40, 30, 18, 18, 18, 40, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
