"""Meetings' own answers to its signals: the narrative body of documents."""

from django.dispatch import receiver

from meetings.models import Document
from meetings.rendering import narrative_body
from meetings.signals import document_body


@receiver(document_body, sender=Document.Body.NARRATIVE)
def draw_narrative_body(sender, document, language, for_pdf, **kwargs):
    return narrative_body(document, language, for_pdf)
