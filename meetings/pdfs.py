"""Stored PDFs: an issued document is rendered once per language and then served byte for byte;
a document not yet issued is rendered on demand, watermarked, and never stored."""

import hashlib

from django.db import IntegrityError, transaction

from lib.languages import LANGUAGE_CODES
from lib.pdf import FontMissing
from meetings.models import Rendition
from meetings.rendering import printable, render_pdf

# What a render raises when a PDF cannot be made (a missing font, a character no font draws).
PdfError = FontMissing

PDF_LANGUAGES = tuple(LANGUAGE_CODES)


def has_pdf(document, language):
    return document.body != document.Body.NONE and language in PDF_LANGUAGES and (
        language in document.languages)


def servable_languages(document):
    """The languages whose PDF of the document can be served: stored already, or printable
    (a page never links a PDF that cannot be rendered)."""
    wanted = [code for code in PDF_LANGUAGES if has_pdf(document, code)]
    stored = set(Rendition.objects.filter(document=document, language__in=wanted)
                 .values_list("language", flat=True)) if document.issued else set()
    return [code for code in wanted
            if code in stored or printable(document, code, draft=not document.issued)]


def stored_pdf(document, language):
    """The stored Rendition of an issued document, rendering and storing it the first time."""
    if not document.issued:
        raise ValueError(f"{document} is not issued: its PDF is rendered on demand, not stored.")
    rendition = Rendition.objects.filter(document=document, language=language).first()
    if rendition is not None:
        return rendition
    content = render_pdf(document, language)
    try:
        with transaction.atomic():
            return Rendition.objects.create(
                document=document, language=language, content=content,
                etag=hashlib.sha256(content).hexdigest(),
            )
    except IntegrityError:  # rendered by a concurrent request first: serve that one
        return Rendition.objects.get(document=document, language=language)


def store_all(document, replace=False):
    """Render and store every language of a document as it is issued; with `replace`, PDFs
    stored before are rendered again."""
    if replace:
        Rendition.objects.filter(document=document).delete()
    for language in PDF_LANGUAGES:
        if has_pdf(document, language):
            stored_pdf(document, language)
