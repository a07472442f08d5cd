"""The points where apps above meetings add to it, so that meetings never imports them."""

from django.dispatch import Signal

document_body = Signal()
"""Sent by meetings.rendering.body_html to draw the body of an official document, with the
document's body kind (a member of Document.Body) as sender and the arguments `document`,
`language` and `for_pdf` (True for the PDF, False for the public page), inside
translation.override(language). Connect a receiver with sender=<the body kind> it draws: it
returns the body's HTML. The first answer is the body; with no receiver for the kind (a
document recorded by its symbol only) the body is empty."""

document_search = Signal()
"""Sent by meetings.search.matching_document_ids with Document as sender and the argument
`query`, the words searched for. A receiver returns the ids of the documents whose content it
holds matches the query in any language (a work plan's text for its document); the search
finds their union with the documents whose title, subtitle or blocks match."""
