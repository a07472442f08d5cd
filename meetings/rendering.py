"""Official documents as HTML (public pages) and as PDFs in UN layout.

A document's body depends on its kind and is drawn by the receiver of the signal
meetings.signals.document_body for that kind: narrative bodies here (meetings/receivers.py), the
work plan and its budget by workplans, so that meetings never imports it.
"""

import re

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lib import pdf
from lib.dates import dates_and_place, day
from lib.languages import WORKING_LANGUAGE, conventions
from lib.translated_fields import translated_value
from meetings.body import block_label, number_blocks
from meetings.models import UN_LANGUAGES, Block, Document, table_rows
from meetings.signals import document_body


def body_html(document, language, for_pdf=False):
    """The document's body in `language`, from the receiver of its kind (signals.document_body);
    empty when no receiver draws that kind."""
    try:  # receivers are told apart by the sender's identity, not its value
        kind = Document.Body(document.body)
    except ValueError:
        return ""
    with translation.override(language):
        answers = document_body.send(sender=kind, document=document, language=language,
                                     for_pdf=for_pdf)
        return answers[0][1] if answers else ""


def _text_with_footnotes(block, language, for_pdf, notes):
    """The block's text with its footnote numbers: at the foot of the page in a PDF, as linked
    superscripts on a page (their texts then follow the body)."""
    text, shown_in = translated_value(block, "text", language)
    footnotes = list(block.footnotes.all())
    pieces = text.split(Block.FOOTNOTE_MARKER)
    if len(pieces) == 1 and footnotes:
        pieces += [""] * len(footnotes)  # no markers: the numbers follow the text
    out = [escape(pieces[0])]
    for index, piece in enumerate(pieces[1:]):
        if index < len(footnotes):
            note = footnotes[index]
            note_text = translated_value(note, "text", language)[0]
            if for_pdf:
                out.append(format_html('<span class="footnote">{}</span>', note_text))
            else:
                notes.append((note.number, note_text))
                out.append(format_html('<sup><a href="#fn{0}" id="fnref{0}">{0}</a></sup>',
                                       note.number))
        out.append(escape(piece))
    markup = "".join(str(p) for p in out)
    if shown_in != language:
        markup = f'<span class="fallback" lang="{shown_in}">{markup}</span>'
    return mark_safe(markup)


def narrative_body(document, language, for_pdf):
    blocks = number_blocks(document.blocks.all())
    notes = []
    rows = []
    for block in blocks:
        cells = None
        if block.kind == Block.Kind.TABLE:
            cells = table_rows(translated_value(block, "text", language)[0])
        rows.append({"block": block, "label": block_label(block, language), "cells": cells,
                     "text": _text_with_footnotes(block, language, for_pdf, notes)})
    return render_to_string("meetings/_narrative_body.html",
                            {"rows": rows, "notes": notes, "for_pdf": for_pdf})


def agenda_lines(document, language):
    """'Item 9 (h) (i) of the provisional agenda' and the titles of the item and its parents."""
    item = document.agenda_item
    if item is None:
        return None, []
    with translation.override(language):
        line = _("Item %(number)s of the provisional agenda") % {"number": item.label_in(language)}
        titles = [translated_value(i, "title", language)[0] for i in item.chain()]
    return line, titles


def document_context(document, language, draft=False):
    """Everything the masthead and the body of a document need, in `language`."""
    meeting = document.meeting
    def text(obj, name):
        return translated_value(obj, name, language)[0]

    agenda_line, agenda_titles = agenda_lines(document, language)
    with translation.override(language):
        submitted = text(document, "submitted_by")
        submitted_line = _("Submitted by the %(who)s") % {"who": submitted} if submitted else ""
        notes = list(document.masthead_notes.all())
        return {
            "document": document,
            "language": language,
            "pdf_fonts": pdf.template_fonts(language),
            "draft": draft,
            "convention_name": (text(meeting.convention, "masthead_name")
                                or text(meeting.convention, "name")),
            "job_line": job_line(document, language),
            "meeting_name": meeting.name_in(language),
            "meeting_line": dates_and_place(meeting.start_date, meeting.end_date,
                                            text(meeting, "venue"), language),
            "agenda_line": agenda_line,
            "agenda_titles": agenda_titles,
            "title": text(document, "title"),
            "subtitle": text(document, "subtitle"),
            "submitted_line": submitted_line,
            "masthead_notes": [("*" * i, text(n, "text")) for i, n in enumerate(notes, start=1)],
            # The distribution, date and language lines stay in English in every version.
            **masthead_lines_in_english(document, language),
            "date": day(document.submitted_on, WORKING_LANGUAGE) if document.submitted_on else "",
            "body": body_html(document, language, for_pdf=True),
        }


def job_line(document, language):
    """The conference services' job number as the first page prints it: GE.17-09152(C)."""
    if not document.job_number:
        return ""
    return f"{document.job_number}({conventions(language).job_letter})"


def masthead_lines_in_english(document, language):
    with translation.override(WORKING_LANGUAGE):
        names = {code: str(name) for code, name in UN_LANGUAGES}
        return {"distribution": str(document.get_distribution_display()),
                "language_name": names[language],
                "original": names.get(document.original_language, "")}


def pdf_markup(document, language, draft=False):
    """The HTML that is printed as the document's PDF."""
    return render_to_string("pdf/document.html", document_context(document, language, draft=draft))


def render_pdf(document, language, draft=False):
    """PDF bytes of the document in `language`; a draft carries a DRAFT / 草稿 watermark.
    Raises lib.pdf.UnprintableText (a character no font can draw) or lib.pdf.FontMissing."""
    return pdf.render(pdf_markup(document, language, draft=draft), language)


def printable(document, language, draft=False):
    """Whether the document's PDF in `language` can be rendered: its fonts are installed and
    have every character of it."""
    try:
        pdf.check_printable(pdf.plain_text(pdf_markup(document, language, draft=draft)), language)
    except pdf.FontMissing:
        return False
    return True


def pdf_filename(document, language):
    """CCM/MSP/2017/4 in Chinese → CCM_MSP_2017_4_zh.pdf."""
    suffix = conventions(language).file_suffix
    return f"{re.sub(r'[^A-Za-z0-9]+', '_', document.symbol).strip('_')}_{suffix}.pdf"

