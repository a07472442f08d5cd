"""A meeting's documents bound in one PDF per language, for the meeting's record: a contents
page, then each document's PDF in symbol order, with a bookmark for each.

The volume binds the stored PDF of each issued document (meetings/pdfs.py: each is rendered once)
and is kept in the cache under the ETags of what it binds, so that it is bound again as soon as
one of them is rendered again. Binding takes time, so the site has it done by a background job
(meetings/tasks.py) and serves the volume once it is in the cache; the job and the web share
that cache (settings.CACHES["shared"]), where a marker also says that a job is pending or why
the last one failed.
"""

import hashlib
import io
import json
import re
from dataclasses import dataclass

from django.core.cache import caches
from django.db import connection
from django.template.loader import render_to_string
from django.utils import translation
from pypdf import PdfReader, PdfWriter

from lib import pdf
from lib.dates import dates_and_place
from lib.languages import conventions
from lib.translated_fields import translated_value
from meetings import pdfs, symbols
from meetings.models import Document, Rendition

CACHE_SECONDS = 7 * 24 * 3600
# A job not done in this time (the worker stopped, say) is enqueued again; a failure is told to
# visitors for as long before the volume is tried again.
PENDING_SECONDS = 10 * 60
FAILED_SECONDS = 10 * 60
# A contents page long enough to need more pages moves every start page; binding settles in a
# few passes.
MOST_PASSES = 5


@dataclass(frozen=True)
class Volume:
    content: bytes
    etag: str
    documents: tuple

    @property
    def general(self):
        """Whether every document bound is of general distribution (the volume may then sit
        in shared caches)."""
        return all(d.distribution == Document.Distribution.GENERAL for d in self.documents)


def symbol_order(document):
    """The order of a meeting's documents: the main series by number, then WP., INF., CRP. and
    L., each change after the document it changes (…/2, …/10, …/10/Corr.1, …/WP.1)."""
    try:
        symbol = symbols.parse(document.symbol)
    except symbols.SymbolError:
        return (1, document.symbol, 0, 0, ())
    components = ("", *symbols.COMPONENTS)
    return (0, symbol.prefix, components.index(symbol.component), symbol.number, symbol.suffixes)


def bound_documents(documents, language):
    """Of `documents`, those bound in the volume in `language`: issued, with a PDF in it, in
    symbol order."""
    return sorted((d for d in documents if d.issued and pdfs.has_pdf(d, language)),
                  key=symbol_order)


def languages(documents):
    """The languages in which the volume of `documents` has at least one document."""
    documents = list(documents)
    return [code for code in pdfs.PDF_LANGUAGES if bound_documents(documents, code)]


def visible_documents(meeting, user):
    return Document.objects.visible_to(user).filter(meeting=meeting, issued=True)


def bind(meeting, language, user):
    """The Volume of the meeting's issued documents that `user` may see, in `language`, or
    None when there is none; bound now if it is not in the cache. Raises lib.pdf.FontMissing
    when a PDF cannot be rendered."""
    documents = bound_documents(visible_documents(meeting, user), language)
    return build(meeting, language, documents) if documents else None


def shared_cache():
    return caches["shared"]


def build(meeting, language, documents):
    """The Volume of `documents` (as bound_documents gives them), from the cache or bound now,
    rendering and storing any of their PDFs not stored yet."""
    renditions = _renditions(documents, language)
    header, rows, etag = _fingerprint(meeting, language, documents, renditions)
    key = f"bound-volume:{etag}"
    content = shared_cache().get(key)
    if content is None:
        stored = dict(Rendition.objects.filter(pk__in=[r.pk for r in renditions])
                      .values_list("pk", "content"))
        content = bind_pdfs(header, rows, [bytes(stored[r.pk]) for r in renditions], language)
        shared_cache().set(key, content, CACHE_SECONDS)
    return Volume(content=content, etag=etag, documents=tuple(documents))


def cached(meeting, language, documents):
    """The Volume of `documents` when it is in the cache for their PDFs as stored now, else
    None; renders and binds nothing."""
    stored = _stored_renditions(documents, language)
    if any(d.pk not in stored for d in documents):
        return None
    renditions = [stored[d.pk] for d in documents]
    _header, _rows, etag = _fingerprint(meeting, language, documents, renditions)
    content = shared_cache().get(f"bound-volume:{etag}")
    if content is None:
        return None
    return Volume(content=content, etag=etag, documents=tuple(documents))


def _fingerprint(meeting, language, documents, renditions):
    """The contents page's header and rows, and the ETag of the volume: of its language,
    contents and the ETag of each PDF bound."""
    rows = contents_rows(documents, language)
    header = contents_header(meeting, language)
    etag = hashlib.sha256(json.dumps(
        [language, header, [[row, r.etag] for row, r in zip(rows, renditions, strict=True)]],
        sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return header, rows, etag


def _job_key(meeting_id, language, document_ids):
    """What identifies the binding of these documents, whatever their PDFs: one job at a time
    for it (in this database: development databases may share the cache's files)."""
    ids = ",".join(str(pk) for pk in sorted(document_ids))
    database = connection.settings_dict["NAME"]
    return hashlib.sha256(f"{database}:{meeting_id}:{language}:{ids}".encode()).hexdigest()


def mark_pending(meeting_id, language, document_ids):
    """Record that a job binds these documents; False when one is pending already."""
    key = _job_key(meeting_id, language, document_ids)
    return shared_cache().add(f"bound-volume-pending:{key}", True, PENDING_SECONDS)


def mark_done(meeting_id, language, document_ids, reason=None):
    """The job for these documents is over; if it failed, `reason` (what visitors are told, ""
    for nothing to tell) is kept for FAILED_SECONDS."""
    key = _job_key(meeting_id, language, document_ids)
    if reason is not None:
        shared_cache().set(f"bound-volume-failed:{key}", reason, FAILED_SECONDS)
    shared_cache().delete(f"bound-volume-pending:{key}")


def last_failure(meeting_id, language, document_ids):
    """Why the last job for these documents failed, or None."""
    return shared_cache().get(
        f"bound-volume-failed:{_job_key(meeting_id, language, document_ids)}")


def bound_pdf(meeting, language, user):
    """PDF bytes of the meeting's volume in `language` as `user` may see it, or None when no
    document is bound in it."""
    volume = bind(meeting, language, user)
    return volume.content if volume else None


def _stored_renditions(documents, language):
    """{document id: its stored PDF in `language`, without its content}."""
    return {r.document_id: r for r in Rendition.objects.filter(
        document__in=documents, language=language).defer("content")}


def _renditions(documents, language):
    """The stored PDF of each document, without its content; rendered and stored where it is
    not yet (pdfs.stored_pdf)."""
    stored = _stored_renditions(documents, language)
    return [stored.get(d.pk) or pdfs.stored_pdf(d, language) for d in documents]


def contents_header(meeting, language):
    """What the contents page says of the meeting, in `language`."""
    return {
        "convention_name": translated_value(meeting.convention, "name", language)[0],
        "meeting_name": meeting.name_in(language),
        "meeting_line": dates_and_place(meeting.start_date, meeting.end_date,
                                        translated_value(meeting, "venue", language)[0],
                                        language),
    }


def contents_rows(documents, language):
    """A line of the contents for each document: symbol, title, subtitle and submitter, each
    text with the language it is shown in (the other one where it has none in `language`)."""
    rows = []
    for document in documents:
        row = {"symbol": document.symbol}
        for field in ("title", "subtitle", "submitted_by"):
            text, shown_in = translated_value(document, field, language)
            name = "submitted" if field == "submitted_by" else field
            row[field], row[f"{name}_language"] = text, shown_in
        rows.append(row)
    return rows


def _page_count(content):
    return len(PdfReader(io.BytesIO(content)).pages)


def contents_pdf(header, rows, starts, language):
    with translation.override(language):
        markup = render_to_string("pdf/meeting_contents.html", {
            **header, "language": language, "pdf_fonts": pdf.template_fonts(language),
            "rows": [{**row, "page": start} for row, start in zip(rows, starts, strict=True)],
        })
    return pdf.render(markup, language)


def bind_pdfs(header, rows, contents, language):
    """One PDF of a contents page and the documents' PDFs (`contents`, in the order of
    `rows`), each document bookmarked under its symbol and title."""
    readers = [PdfReader(io.BytesIO(content)) for content in contents]
    contents_pages = 1
    for _pass in range(MOST_PASSES):
        starts, page = [], contents_pages + 1
        for reader in readers:
            starts.append(page)
            page += len(reader.pages)
        front = contents_pdf(header, rows, starts, language)
        if _page_count(front) == contents_pages:
            break
        contents_pages = _page_count(front)
    writer = PdfWriter()
    with translation.override(language):
        writer.append(PdfReader(io.BytesIO(front)), outline_item=translation.gettext("Contents"),
                      import_outline=False)
    for row, reader in zip(rows, readers, strict=True):
        # The document's own headings follow as bookmarks under its own.
        writer.append(reader, outline_item=f"{row['symbol']} {row['title']}")
    writer.add_metadata({"/Title": header["meeting_name"]})
    writer.page_mode = "/UseOutlines"
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def bind_rendered(meeting, language, rendered):
    """PDF bytes of a volume of PDFs rendered elsewhere, [(document, PDF bytes)], bound in symbol
    order."""
    rendered = sorted(rendered, key=lambda pair: symbol_order(pair[0]))
    documents = [document for document, _content in rendered]
    return bind_pdfs(contents_header(meeting, language), contents_rows(documents, language),
                     [content for _document, content in rendered], language)


def volume_filename(meeting, language):
    """CCM/MSP/2017 in Chinese → CCM_MSP_2017_documents_zh.pdf."""
    prefix = re.sub(r"[^A-Za-z0-9]+", "_", meeting.document_prefix or "").strip("_")
    return f"{prefix or f'meeting_{meeting.pk}'}_documents_{conventions(language).file_suffix}.pdf"
