"""Background jobs of meetings (Django's tasks API): binding a meeting's documents in one PDF.

A visitor asks for the volume (meetings.views.meeting_pdf); when it is not in the cache for the
documents' PDFs as stored, a job binds it (meetings/binding.py), once: a marker in the shared
cache says that one is pending until it is done, or until binding.PENDING_SECONDS have passed
(the worker stopped, say). The visitor is told to wait and the page reloads until the volume is
there. A backend that runs the job at once (the tests' ImmediateBackend) has it ready before the
answer, which then serves it. A job that fails leaves its reason for binding.FAILED_SECONDS, and
visitors are told why the PDF cannot be produced instead of waiting for it.
"""

from django_tasks import task

from lib.pdf import FontMissing
from meetings import binding
from meetings.models import Document, Meeting


class BindingFailed(Exception):
    """The last job could not bind the volume; the message says why ("" when there is nothing
    a visitor may be told)."""


@task()
def bind_volume(meeting_id, language, document_ids):
    """Bind the meeting's documents `document_ids` in `language` and cache the volume (the
    visitor who asked may see them all); the volume's ETag, or None when there is nothing left
    to bind (the meeting or its documents gone since)."""
    reason = None
    try:
        meeting = Meeting.objects.select_related("convention").filter(pk=meeting_id).first()
        documents = binding.bound_documents(Document.objects.filter(
            meeting_id=meeting_id, issued=True, pk__in=document_ids), language)
        volume = binding.build(meeting, language, documents) if meeting and documents else None
    except FontMissing as error:
        reason = str(error)
        raise
    except Exception:
        reason = ""
        raise
    finally:  # a job cut short (the worker stopped) leaves the next visitor to enqueue it again
        binding.mark_done(meeting_id, language, document_ids, reason=reason)
    return volume.etag if volume else None


def volume_or_job(meeting, language, documents):
    """The meeting's Volume of `documents` (as binding.bound_documents gives them) in
    `language` when it is bound already; otherwise the job that binds it is enqueued, unless one
    is pending, and the Volume is returned if the job has run at once, else None. Raises
    BindingFailed when the last job could not bind it."""
    volume = binding.cached(meeting, language, documents)
    if volume is not None:
        return volume
    ids = [document.pk for document in documents]
    _raise_failure(meeting, language, ids)
    if binding.mark_pending(meeting.pk, language, ids):
        try:
            bind_volume.enqueue(meeting.pk, language, ids)
        except Exception:
            binding.mark_done(meeting.pk, language, ids)  # no job: the next visitor tries again
            raise
        _raise_failure(meeting, language, ids)
        return binding.cached(meeting, language, documents)
    return None


def _raise_failure(meeting, language, ids):
    reason = binding.last_failure(meeting.pk, language, ids)
    if reason is not None:
        raise BindingFailed(reason)
