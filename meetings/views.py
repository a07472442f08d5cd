"""The public pages of meetings and official documents, and their PDFs and Word files."""

import logging

from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from isu.models import Convention
from isu.roles import may_see
from isu.views import pdf_unavailable
from lib.caching import cached_public_page
from lib.languages import language_name
from lib.pdf import FontMissing
from lib.translated_fields import translated_value
from meetings import binding, listings, pdfs, search, tasks, word
from meetings.models import AgendaItem, Block, Document, Meeting
from meetings.rendering import body_html, pdf_filename, render_pdf

logger = logging.getLogger(__name__)

# How often the page saying that a meeting's bound PDF is being prepared reloads itself.
PENDING_REFRESH_SECONDS = 5


@cached_public_page
def home(request):
    """The conventions, the meetings on now or coming and those just held with their
    documents, and the latest documents: like a meetings place."""
    current, recent = listings.meetings_with_documents(request.user)
    return render(request, "isu/home.html", {
        "conventions": Convention.objects.all(),
        "current_meetings": current, "recent_meetings": recent,
        "latest_documents": listings.latest_documents(request.user),
    })


@cached_public_page
def meeting_list(request, code):
    convention = get_object_or_404(Convention, code__iexact=code)
    meetings = Meeting.objects.filter(convention=convention).select_related("convention")
    return render(request, "meetings/meeting_list.html",
                  {"convention": convention, "meetings": meetings})


@cached_public_page
def meeting_detail(request, code, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("convention"), pk=pk,
                                convention__code__iexact=code)
    items = AgendaItem.objects.filter(meeting=meeting).select_related("parent__parent")
    agenda = sorted(items, key=lambda item: [i.number for i in item.chain()])
    documents = listings.meeting_documents(meeting, request.user)
    return render(request, "meetings/meeting_detail.html", {
        "convention": meeting.convention, "meeting": meeting, "agenda": agenda,
        "documents": documents, "bound_languages": binding.languages(documents),
    })


def meeting_pdf(request, code, pk, language):
    """The meeting's issued documents bound in one PDF behind a contents page: those of general
    distribution for everyone, the others too for their convention's staff. Until a background
    job has bound it (meetings/tasks.py), a page that reloads itself says it is being
    prepared."""
    meeting = get_object_or_404(Meeting.objects.select_related("convention"), pk=pk,
                                convention__code__iexact=code)
    documents = binding.bound_documents(binding.visible_documents(meeting, request.user),
                                        language)
    if not documents:
        raise Http404  # the meeting page links no volume without documents
    try:
        volume = tasks.volume_or_job(meeting, language, documents)
    except tasks.BindingFailed as error:
        return pdf_unavailable(
            request, _("The %(language)s PDF of the documents of %(meeting)s") % {
                "language": language_name(language), "meeting": meeting.name},
            reverse("meeting", args=[code, meeting.pk]), meeting.name, error,
            convention=meeting.convention)
    if volume is None:
        response = render(request, "meetings/volume_pending.html", {
            "convention": meeting.convention, "meeting": meeting,
            "language_name": language_name(language), "refresh_seconds": PENDING_REFRESH_SECONDS,
            "back_url": reverse("meeting", args=[code, meeting.pk])}, status=202)
        response["Cache-Control"] = "no-store"
        response["Retry-After"] = str(PENDING_REFRESH_SECONDS)
        return response
    etag = f'"{volume.etag}"'
    if etag in request.headers.get("If-None-Match", ""):
        return HttpResponseNotModified(headers={"ETag": etag})
    response = HttpResponse(volume.content, content_type="application/pdf")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=3600" if volume.general else "private, max-age=3600"
    response["Content-Disposition"] = (
        f'inline; filename="{binding.volume_filename(meeting, language)}"')
    return response


def visible_changes(user):
    """Corrigenda, addenda and revisions the user may see: an unissued Rev. is not yet the
    current version for the public."""
    return Document.objects.visible_to(user).order_by("change", "change_number")


def _document(request, symbol):
    documents = Document.objects.visible_to(request.user).select_related(
        "meeting__convention", "agenda_item__parent__parent", "amends")
    return get_object_or_404(documents, symbol=symbol)


@cached_public_page
def document_detail(request, symbol):
    document = _document(request, symbol)
    document = (Document.objects.filter(pk=document.pk)
                .select_related("meeting__convention", "agenda_item__parent__parent", "amends")
                .prefetch_related("masthead_notes",
                                  Prefetch("changes", visible_changes(request.user)),
                                  Prefetch("amends__changes", visible_changes(request.user)),
                                  Prefetch("blocks", Block.objects.prefetch_related("footnotes")))
                .get())
    language = translation.get_language()
    return render(request, "meetings/document_detail.html", {
        "convention": document.meeting.convention, "document": document,
        "body": body_html(document, language),
        "masthead_notes": [("*" * i, note) for i, note in
                           enumerate(document.masthead_notes.all(), start=1)],
        "pdf_languages": pdfs.servable_languages(document),
    })


def _printable_document(request, symbol, language):
    """The document whose PDF or Word file in `language` the user may have: an issued one for
    whoever may read it, one not yet issued for its convention's staff only."""
    document = _document(request, symbol)
    if not pdfs.has_pdf(document, language):
        raise Http404
    if not document.issued and not may_see(request.user, document.meeting.convention_id):
        raise Http404
    return document


def _cache_control(document):
    """Only issued documents of general distribution may sit in shared caches; drafts in none."""
    if not document.issued:
        return "private, no-store"
    if document.distribution == Document.Distribution.GENERAL:
        return "public, max-age=3600"
    return "private, max-age=3600"


def document_pdf(request, symbol, language):
    """An issued document's stored PDF with its ETag; a document not yet issued, rendered with a
    DRAFT watermark, for its convention's staff only."""
    document = _printable_document(request, symbol, language)
    filename = pdf_filename(document, language)
    if document.issued:
        try:
            rendition = pdfs.stored_pdf(document, language)
        except FontMissing as error:
            return _pdf_unavailable(request, document, language, error)
        etag = f'"{rendition.etag}"'
        if etag in request.headers.get("If-None-Match", ""):
            return HttpResponseNotModified(headers={"ETag": etag})
        response = HttpResponse(bytes(rendition.content), content_type="application/pdf")
        response["ETag"] = etag
    else:
        try:
            content = render_pdf(document, language, draft=True)
        except FontMissing as error:
            return _pdf_unavailable(request, document, language, error)
        response = HttpResponse(content, content_type="application/pdf")
    response["Cache-Control"] = _cache_control(document)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def document_docx(request, symbol, language):
    """The document as a Word file for conference services, built from the markup of its PDF,
    for whoever may have the PDF; one not yet issued says it is a draft at the top of each
    page."""
    document = _printable_document(request, symbol, language)
    response = HttpResponse(word.render_docx(document, language), content_type=word.CONTENT_TYPE)
    response["Cache-Control"] = _cache_control(document)
    response["Content-Disposition"] = (
        f'attachment; filename="{word.docx_filename(document, language)}"')
    return response


def _pdf_unavailable(request, document, language, error):
    return pdf_unavailable(
        request, _("The %(language)s PDF of %(symbol)s") % {
            "language": language_name(language), "symbol": document.symbol},
        reverse("document", args=[document.symbol]),
        f"{document.symbol} · {translated_value(document, 'title', language)[0]}", error,
        convention=document.meeting.convention)


def search_documents(request):
    query = request.GET.get("q", "").strip()[:200]
    results = []
    if query:
        ids = search.matching_document_ids(query)
        results = (Document.objects.visible_to(request.user)
                   .filter(Q(pk__in=ids) | Q(symbol__icontains=query))
                   .select_related("meeting__convention").order_by("-submitted_on", "symbol")[:50])
    return render(request, "meetings/search.html", {"query": query, "results": results})
