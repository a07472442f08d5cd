"""The yearly report of a programme as a PDF, stored per year and language.

The report's markup is cheap to build and is everything the PDF shows; printing it is not. So
the PDF is printed once and stored with the fingerprint of its markup, then served byte for byte
until the markup changes: a change to the figures, the programme or the meetings it names prints
it again. A year's report shows nothing of the years after it: a past year's report is printed
again only if its own figures are corrected.
"""

import hashlib

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from lib import pdf
from sponsorship.models import YearReportPdf
from sponsorship.reports import multi_year, year_report


def report_markup(programme, first_year, year, language):
    """The report for `year`, with the figures of every year since `first_year`."""
    with translation.override(language):
        return render_to_string("pdf/sponsorship_report.html", {
            "language": language, "pdf_fonts": pdf.template_fonts(language),
            "programme": programme, "convention": programme.convention,
            "year": year_report(programme, year),
            "history": multi_year(programme, first_year, year),
        })


def stored_report(programme, first_year, year, language):
    """The stored PDF of the year's report, printed again only when its markup has changed.
    Raises lib.pdf.FontMissing when the report cannot be printed (nothing is stored then)."""
    markup = report_markup(programme, first_year, year, language)
    fingerprint = hashlib.sha256(markup.encode()).hexdigest()
    where = {"programme": programme, "year": year, "language": language}
    stored = YearReportPdf.objects.filter(**where).first()
    if stored is not None and stored.fingerprint == fingerprint:
        return stored
    content = pdf.render(markup, language)
    printed = {"fingerprint": fingerprint, "content": content,
               "etag": hashlib.sha256(content).hexdigest()}
    try:
        with transaction.atomic():
            return YearReportPdf.objects.update_or_create(**where, defaults=printed)[0]
    except IntegrityError:  # stored by a concurrent request first: serve that one
        return YearReportPdf.objects.get(**where)
