"""Meetings and official documents as the public site lists them: each document with its
symbol, title, author, type, date and language versions; the meetings now on or coming, and
those just held, each with its documents. A fixed number of queries, however many rows."""

from dataclasses import dataclass

from django.db.models import F, Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.languages import UN_LANGUAGES
from meetings import pdfs
from meetings.models import Document, Meeting

# How many meetings of each kind, and how many documents, the home page lists.
CURRENT_MEETINGS = 3
RECENT_MEETINGS = 3
LATEST_DOCUMENTS = 8

# A document's type, from its special component; a document of the main series is named by
# its body.
COMPONENT_TYPES = {
    Document.Component.WORKING_PAPER: _("Working paper"),
    Document.Component.INFORMATION: _("Information paper"),
    Document.Component.CONFERENCE_ROOM_PAPER: _("Conference room paper"),
    Document.Component.LIMITED: _("Limited-distribution draft"),
}
BODY_TYPES = {
    Document.Body.WORK_PLAN: _("Work plan and budget"),
}
MAIN_SERIES_TYPE = _("Official document")


@dataclass(frozen=True)
class Version:
    """One language version of a document: its two-letter code (AR … ZH), the language's name,
    and the address of its PDF where the product makes one."""

    code: str
    language: str
    name: str
    pdf_url: str = ""


def document_type(document):
    """What a document is: a corrigendum or revision, a working paper, an information paper, a
    work plan, or a report or other document of the main series."""
    if document.change:
        return document.get_change_display()
    if document.component:
        return COMPONENT_TYPES.get(document.component, document.get_component_display())
    return BODY_TYPES.get(document.body, MAIN_SERIES_TYPE)


def versions(document):
    """The document's language versions in the order of their codes (AR EN ES FR RU ZH)."""
    issued_in = document.languages if isinstance(document.languages, list) else []
    found = []
    for language, name in UN_LANGUAGES:
        if language not in issued_in:
            continue
        url = (reverse("document-pdf", args=[document.symbol, language])
               if pdfs.has_pdf(document, language) else "")
        found.append(Version(language.split("-")[0].upper(), language, str(name), url))
    return sorted(found, key=lambda version: version.code)


def listed(documents):
    """The documents, each with its `type` and `versions` for a list."""
    rows = list(documents)
    for document in rows:
        document.type = document_type(document)
        document.versions = versions(document)
    return rows


def visible_documents(user):
    """The documents the user may see, with what a list prints of them."""
    return Document.objects.visible_to(user).select_related("meeting__convention", "agenda_item")


def meeting_documents(meeting, user):
    """A meeting's documents the user may see, by symbol, ready for a list."""
    return listed(visible_documents(user).filter(meeting=meeting)
                  .select_related("agenda_item__parent__parent").order_by("symbol"))


def latest_documents(user, count=LATEST_DOCUMENTS):
    """The documents most recently submitted that the user may see, newest first."""
    return listed(visible_documents(user).order_by(
        F("submitted_on").desc(nulls_last=True), "-symbol")[:count])


def meetings_with_documents(user, today=None):
    """(meetings on now or coming, meetings just held), each meeting with `listed_documents`:
    the documents the user may see."""
    today = today or timezone.localdate()
    meetings = Meeting.objects.select_related("convention")
    current = list(meetings.filter(end_date__gte=today)
                   .order_by("start_date", "pk")[:CURRENT_MEETINGS])
    recent = list(meetings.filter(end_date__lt=today)
                  .order_by("-start_date", "-pk")[:RECENT_MEETINGS])
    prefetch_related_objects(current + recent, Prefetch(
        "documents", visible_documents(user).order_by("symbol"), to_attr="listed_documents"))
    for meeting in current + recent:
        listed(meeting.listed_documents)
    return current, recent
