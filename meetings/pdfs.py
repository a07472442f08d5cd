"""Stored PDFs: an issued document is rendered once per language and then served byte for byte;
a document not yet issued is rendered on demand, watermarked, and never stored."""

import hashlib

from django.db import IntegrityError, transaction

from meetings.models import Rendition
from meetings.rendering import render_pdf

PDF_LANGUAGES = ("zh-hans", "en")


def has_pdf(document, language):
    return document.body != document.Body.NONE and language in PDF_LANGUAGES and (
        language in document.languages)


def stored_pdf(document, language):
    """The stored Rendition of an issued document, rendering and storing it the first time."""
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


def store_all(document):
    """Render and store every language of a document as it is issued."""
    for language in PDF_LANGUAGES:
        if has_pdf(document, language):
            stored_pdf(document, language)
