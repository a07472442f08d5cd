"""A budget as CSV or XLSX: every line in both languages, subtotals and the total computed; and
its spending, line by line against the revised budget, with what each line spent by period.

Rows are written through lib.spreadsheets, so that no text is ever run as a formula."""

import io
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from lib.languages import WORKING_LANGUAGE, conventions
from lib.spreadsheets import CsvWriter, amounts_row, append_row, header_row, workbook_bytes
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
    header_row(sheet, HEADER, (40, 30, 18, 18, 18, 40, 40))
    for kind, cells in export_rows(figures):
        row = amounts_row(sheet, cells, (3, 4, 5))
        if kind != "line":
            for cell in sheet[row]:
                cell.font = Font(bold=True)
    return workbook_bytes(book)


# -- spending ---------------------------------------------------------------------------------

SPENDING_HEADER = [
    "Line / 项目", "Subtotal / 小计", "Budget (CHF) / 预算(瑞郎)",
    "Reallocated (CHF) / 调拨(瑞郎)", "Revised budget (CHF) / 调整后预算(瑞郎)",
    "Committed (CHF) / 已承付(瑞郎)", "Spent (CHF) / 已支出(瑞郎)", "Variance (CHF) / 差额(瑞郎)",
    "Variance (%) / 差额(%)", "Year-end forecast (CHF) / 年终预测(瑞郎)",
]
SPENDING_AMOUNTS = (3, 4, 5, 6, 7, 8, 10)  # columns of amounts in CHF, counted from 1


def _period_heading(period):
    """What a period's column is headed: "Q1 2018 (CHF) / 2018 年第一季度 (瑞郎)"."""
    return " / ".join(f"{period.label(code)} ({conventions(code).currency_name('CHF')})"
                      for code in CELL_LANGUAGES)


def spending_rows(figures, periods, by_period):
    """(kind, cells) rows of a budget's spending: each line and subtotal against its revised
    budget, with what it spent in each of `periods` ({(line id, period): Expenditure} in
    `by_period`); the total, the carry-forward, the funds available and the balance."""
    rows = []

    def spent_in(line_ids):
        return [_sum_or_none(by_period.get((line_id, period)) for line_id in line_ids)
                for period in periods]

    def cells(label, group_label, item, line_ids):
        return [label, group_label, item.amount, item.reallocated, item.revised, item.committed,
                item.spent, item.variance, item.variance_percent, item.forecast,
                *spent_in(line_ids)]

    def walk(items, group_label):
        ids = []
        for item in items:
            if item.is_group:
                label = _both(values_by_language(item.group, "title"))
                inner = walk(item.items, label)
                rows.append(("subtotal", cells(label, label, item, inner)))
                ids += inner
            else:
                rows.append(("line", cells(_both(item.line.titles()), group_label, item,
                                           [item.line.pk])))
                ids.append(item.line.pk)
        return ids

    every = walk(figures.items, "")
    rows.append(("total", ["Total / 合计", "", figures.total, Decimal(0),
                           figures.revised_total, figures.committed_total, figures.spent_total,
                           figures.variance, figures.variance_percent, figures.forecast_total,
                           *spent_in(every)]))
    for label, value in (("Carried forward / 结转", figures.carried_forward),
                         ("Funds available / 可用资金", figures.available),
                         ("Balance / 余额", figures.balance)):
        rows.append(("funds", [label, "", value]))
    return rows


def _sum_or_none(records):
    spent = [record.spent for record in records if record is not None]
    return sum(spent, Decimal(0)) if spent else None


def spending_as_csv(figures, periods, by_period):
    out = io.StringIO()
    out.write("\ufeff")
    writer = CsvWriter(out)
    writer.writerow([*SPENDING_HEADER, *(_period_heading(p) for p in periods)])
    for _kind, cells in spending_rows(figures, periods, by_period):
        writer.writerow(["" if c is None else c for c in cells])
    return out.getvalue().encode("utf-8")


def spending_as_xlsx(figures, periods, by_period, records, reallocations, carry_forwards):
    """The spending by line on a first sheet, then the records by period, the reallocations and
    the carry-forwards, each on its own sheet."""
    book = Workbook()
    sheet = book.active
    sheet.title = str(figures.budget.year)
    header_row(sheet, [*SPENDING_HEADER, *(_period_heading(p) for p in periods)],
                 [40, 30, *[16] * (8 + len(periods))])
    amounts = (*SPENDING_AMOUNTS, *range(len(SPENDING_HEADER) + 1,
                                         len(SPENDING_HEADER) + 1 + len(periods)))
    for kind, cells in spending_rows(figures, periods, by_period):
        append_row(sheet, cells)
        row = sheet.max_row
        for column in amounts:
            sheet.cell(row, column).number_format = "#,##0.00"
        sheet.cell(row, 9).number_format = "0.0"
        if kind != "line":
            for cell in sheet[row]:
                cell.font = Font(bold=True)
    notes = [conventions(code).export_note_heading for code in LANGUAGE_CODES]
    sheet = book.create_sheet("Periods 期间")
    header_row(sheet, ["Line / 项目", "Period / 期间", "Committed (CHF) / 已承付(瑞郎)",
                         "Spent (CHF) / 已支出(瑞郎)", "Year-end forecast (CHF) / 年终预测(瑞郎)",
                         *notes, "Recorded by / 记录人", "Recorded at / 记录时间"],
                 [40, 24, 16, 16, 16, 40, 40, 20, 20])
    for record in records:
        texts = values_by_language(record, "note")
        append_row(sheet, [_both(record.line.titles()), _both(
            {code: record.period.label(code) for code in LANGUAGE_CODES}), record.committed,
            record.spent, record.forecast, *(texts[code] for code in LANGUAGE_CODES),
            record.recorded_by.get_username(), _moment(record.recorded_at)])
    sheet = book.create_sheet("Reallocations 调拨")
    reasons = [heading.replace("Note", "Reason").replace("注", "理由") for heading in notes]
    header_row(sheet, ["Decided on / 决定日期", "From / 调出项目", "To / 调入项目",
                         "Amount (CHF) / 金额(瑞郎)", *reasons, "Recorded by / 记录人"],
                 [14, 40, 40, 16, 40, 40, 20])
    for move in reallocations:
        texts = values_by_language(move, "reason")
        append_row(sheet, [move.decided_on.isoformat(), _both(move.from_line.titles()),
                           _both(move.to_line.titles()), move.amount,
                           *(texts[code] for code in LANGUAGE_CODES),
                           move.recorded_by.get_username()])
    sheet = book.create_sheet("Carry-forward 结转")
    header_row(sheet, ["Amount (CHF) / 金额(瑞郎)", *reasons, "Recorded by / 记录人"],
                 [16, 40, 40, 20])
    for carried in carry_forwards:
        texts = values_by_language(carried, "reason")
        append_row(sheet, [carried.amount, *(texts[code] for code in LANGUAGE_CODES),
                           carried.recorded_by.get_username()])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _moment(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
