"""Search over documents in both languages. Apps above meetings add what they hold about a
document (a work plan's text) by answering the signal meetings.signals.document_search."""

from django.db.models import Q

from lib.translated_fields import LANGUAGE_CODES, localized
from meetings.models import Block, Document
from meetings.signals import document_search


def any_language(field, query, prefix=""):
    condition = Q()
    for code in LANGUAGE_CODES:
        condition |= Q(**{f"{prefix}{localized(field, code)}__icontains": query})
    return condition


def matching_document_ids(query):
    ids = set(Document.objects.filter(any_language("title", query) | any_language(
        "subtitle", query)).values_list("pk", flat=True))
    ids |= set(Block.objects.filter(any_language("text", query)).values_list("document_id",
                                                                              flat=True))
    for _receiver, found in document_search.send(sender=Document, query=query):
        ids |= set(found)
    return ids
