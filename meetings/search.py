"""Search over documents in both languages. Apps above meetings add what they hold about a
document (a work plan's text) by registering a function in `providers`."""

from django.db.models import Q

from lib.translated_fields import LANGUAGE_CODES, localized
from meetings.models import Block, Document

# Callables (query) → ids of documents whose content matches.
providers = []


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
    for provider in providers:
        ids |= set(provider(query))
    return ids
