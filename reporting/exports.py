"""A plan's progress overview (reporting/overview.py) as CSV or XLSX: one row per result (its
number, its text in each language, its latest status and period through the overview's quarter,
the account in each language and how many records or addresses show it), the indicators
against their targets, and the values entered for them.

Headings and labels are written in every language, the working language first ("Status /
状态"), as the budget's exports are; rows go through lib.spreadsheets, so that no text is ever
run as a formula.
"""

import io

from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from lib.languages import WORKING_LANGUAGE, language_name
from lib.spreadsheets import CsvWriter, append_row
from lib.translated_fields import LANGUAGE_CODES, values_by_language
from reporting.overview import NO_UPDATE, status_label

# A cell of every language: the working language's text first.
CELL_LANGUAGES = sorted(LANGUAGE_CODES, key=lambda code: code != WORKING_LANGUAGE)


def in_every_language(make, separator=" / "):
    """What `make()` gives in each language, the working language's first, joined by " / "
    (once where the languages agree, as for a catalog not yet translated)."""
    texts = []
    for code in CELL_LANGUAGES:
        with translation.override(code):
            texts.append(str(make()))
    return separator.join(dict.fromkeys(text for text in texts if text))


def heading(message):
    return in_every_language(lambda: gettext(message))


def per_language(message):
    """One heading for each language's column: "Account (中文) / 说明（中文）"."""
    return [in_every_language(lambda code=code: gettext(message) % {
        "language": language_name(code)}) for code in LANGUAGE_CODES]


def both(instance, field):
    """A translated field in every language, as one cell."""
    values = values_by_language(instance, field)
    return " / ".join(dict.fromkeys(values[code] for code in CELL_LANGUAGES if values[code]))


def each(instance, field):
    """A translated field, one cell per language."""
    values = values_by_language(instance, field)
    return [values[code] for code in LANGUAGE_CODES]


# -- results ----------------------------------------------------------------------------------

RESULT_HEADINGS = [
    gettext_noop("Thematic area"), gettext_noop("Number"), gettext_noop("Result"),
]
TEXT = gettext_noop("Text (%(language)s)")
ACCOUNT = gettext_noop("Account (%(language)s)")
SOURCE = gettext_noop("Source (%(language)s)")
INDICATOR = gettext_noop("Indicator (%(language)s)")
UNIT = gettext_noop("Unit (%(language)s)")


def result_header():
    return [*(heading(text) for text in RESULT_HEADINGS), *per_language(TEXT),
            heading(gettext_noop("Latest status")), heading(gettext_noop("Period")),
            *per_language(ACCOUNT), heading(gettext_noop("Evidence"))]


def evidence_count(update):
    """The records an update cites, and its address if it gives one (prefetched with it)."""
    records = sum(len(getattr(update, name).all()) for name in update.EVIDENCE)
    return records + (1 if update.evidence_url else 0)


def result_rows(overview):
    rows = []
    for part in overview.progress.parts:
        area = both(part.area, "title") if part.area is not None else ""
        for result in part.results:
            update = result.latest
            row = result.row
            cells = [area, result.number,
                     in_every_language(lambda row=row: row._meta.verbose_name),
                     *each(row, "text")]
            if update is None:
                cells += [in_every_language(lambda: status_label(NO_UPDATE)), "",
                          *[""] * len(LANGUAGE_CODES), 0]
            else:
                cells += [in_every_language(update.get_status_display),
                          in_every_language(lambda update=update: update.period.label()),
                          *each(update, "account"), evidence_count(update)]
            rows.append(cells)
    return rows


# -- indicators -------------------------------------------------------------------------------

def indicator_header():
    return [heading(gettext_noop("Thematic area")), heading(gettext_noop("Result")),
            *per_language(INDICATOR), *per_language(UNIT), heading(gettext_noop("Baseline")),
            heading(gettext_noop("Original target")), heading(gettext_noop("Revised target")),
            heading(gettext_noop("Actual to date")), heading(gettext_noop("Counted from"))]


def indicator_rows(overview):
    rows = []
    for figure in overview.indicators:
        indicator = figure.indicator
        rows.append([
            both(figure.area, "title") if figure.area is not None else "",
            in_every_language(lambda figure=figure: figure.result_label),
            *each(indicator, "description"), *each(indicator, "unit"), indicator.baseline,
            indicator.original_target, indicator.target if indicator.is_revised else None,
            figure.actual,
            in_every_language(indicator.get_counts_display) if indicator.counts else ""])
    return rows


def value_header():
    return [heading(gettext_noop("Result")), *per_language(INDICATOR),
            heading(gettext_noop("Period")), heading(gettext_noop("Value")),
            *per_language(SOURCE)]


def value_rows(overview):
    figures = {figure.indicator.pk: figure for figure in overview.indicators}
    rows = []
    for value in overview.values:
        figure = figures.get(value.indicator_id)
        if figure is None:
            continue
        rows.append([in_every_language(lambda figure=figure: figure.result_label),
                     *each(figure.indicator, "description"),
                     in_every_language(lambda value=value: value.period.label()), value.value,
                     *each(value, "source")])
    return rows


# -- files ------------------------------------------------------------------------------------

def _csv(header, rows):
    out = io.StringIO()
    out.write("\ufeff")  # so that spreadsheet programs read the Chinese as UTF-8
    writer = CsvWriter(out)
    writer.writerow(header)
    for cells in rows:
        writer.writerow(["" if cell is None else cell for cell in cells])
    return out.getvalue().encode("utf-8")


def results_csv(overview):
    return _csv(result_header(), result_rows(overview))


def values_csv(overview):
    return _csv(value_header(), value_rows(overview))


def _sheet(book, title, header, rows, widths, numbers=()):
    # A sheet's name takes no "/" and 31 characters at most.
    sheet = book.create_sheet(in_every_language(lambda: gettext(title), " ")[:31])
    append_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cells in rows:
        append_row(sheet, cells)
        for column in numbers:
            sheet.cell(sheet.max_row, column).number_format = "#,##0.##"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return sheet


def as_xlsx(overview):
    """The results, the indicators against their targets and the indicators' values, each on
    its own sheet."""
    book = Workbook()
    book.remove(book.active)
    languages = len(LANGUAGE_CODES)
    _sheet(book, gettext_noop("Results"), result_header(), result_rows(overview),
           [24, 10, 16, *[48] * languages, 18, 18, *[48] * languages, 10])
    _sheet(book, gettext_noop("Indicators"), indicator_header(),
           indicator_rows(overview), [24, 18, *[40] * languages, *[16] * languages,
                                      12, 12, 12, 12, 24],
           numbers=range(3 + 2 * languages, 7 + 2 * languages))
    _sheet(book, gettext_noop("Indicator values"), value_header(),
           value_rows(overview), [18, *[40] * languages, 18, 12, *[40] * languages],
           numbers=[3 + languages])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
