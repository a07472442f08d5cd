"""What workplans adds to meetings: the body of a work plan's document and the search in
published plans."""

from django.dispatch import receiver

from meetings.models import Document
from meetings.signals import document_body, document_search
from workplans.rendering import document_body_html
from workplans.search import published_plan_document_ids


@receiver(document_body, sender=Document.Body.WORK_PLAN)
def draw_work_plan_body(sender, document, language, for_pdf, **kwargs):
    return document_body_html(document, language, for_pdf)


@receiver(document_search)
def search_published_plans(sender, query, **kwargs):
    return published_plan_document_ids(query)
