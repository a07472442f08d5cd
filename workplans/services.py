"""Writes that touch a whole plan tree at once."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isu.roles import may_edit
from lib.caching import new_publication
from lib.translated_fields import LANGUAGE_CODES, localized
from meetings.models import Document
from meetings.pdfs import PdfError, store_all
from workplans.completeness import require_complete
from workplans.models import Chapter, Indicator, Transition, WorkPlan
from workplans.outline import tree_prefetches
from workplans.signals import plan_copied
from workplans.structure import shift_years, start_with_usual_chapters
from workplans.tree import copy_row, copy_tree
from workplans.workflow import may_take, steps_for

# What a clone does with the indicators. Indicator.target is required, so an indicator cannot
# be copied without one: it is copied with its current target (which becomes the new period's
# original target) or left out.
INDICATOR_CHOICES = [
    ("targets", gettext_lazy("Copy the indicators with their current targets")),
    ("none", gettext_lazy("Leave the indicators out")),
]


@transaction.atomic
def clone_into_next_period(plan, user=None, *, chapters=None, indicators="targets", budget=True):
    """A draft copy of the plan for the period that follows it (2018 → 2019): by default the
    whole plan. `chapters`: None for all, or the ids (or rows) of the chapters of `plan` to copy,
    with their sections and paragraphs; `indicators`: "targets" or "none" (INDICATOR_CHOICES);
    `budget`: whether the budgets follow. With `user`, only a user who may edit the plan's
    convention may clone it."""
    if user is not None and not may_edit(user, plan.convention_id):
        raise PermissionDenied(_("You do not work for this convention."))
    if indicators not in dict(INDICATOR_CHOICES):
        raise ValueError(f"indicators must be one of {', '.join(dict(INDICATOR_CHOICES))}; "
                         f"not {indicators!r}")
    length = plan.end_year - plan.start_year + 1
    start, end = plan.start_year + length, plan.end_year + length
    if WorkPlan.objects.filter(convention=plan.convention_id, start_year=start,
                               end_year=end).exists():
        period = str(start) if start == end else f"{start}–{end}"
        raise ValidationError(
            _("%(convention)s already has a work plan for %(period)s.")
            % {"convention": plan.convention, "period": period}
        )
    source = WorkPlan.objects.prefetch_related(*tree_prefetches()).get(pk=plan.pk)
    keep = _chosen_rows(source, chapters, indicators)
    years = {year: year + length for year in range(source.start_year, source.end_year + 1)}
    titles = {
        localized("title", code): shift_years(getattr(source, localized("title", code)), years)
        for code in LANGUAGE_CODES
    }
    # The copy is a new draft: it is not yet issued under any document's symbol.
    new = _copy_tree(source, years, keep=keep, left_out=set() if budget else {"budget"},
                     start_year=start, end_year=end, cloned_from_id=source.pk, **titles)
    start_with_usual_chapters(new)
    return new


def _chosen_rows(source, chapters, indicators):
    """The keep(branch, row) test of copy_tree for the choices of a clone; None for every row."""
    if chapters is None and indicators == "targets":
        return None
    if chapters is not None:
        chosen = {chapter.pk if isinstance(chapter, Chapter) else int(chapter)
                  for chapter in chapters}
        if chosen - {chapter.pk for chapter in source.chapters.all()}:
            raise ValidationError(_("Choose chapters of the plan being cloned."))

    def keep(branch, row):
        if branch.model is Chapter and chapters is not None:
            return row.pk in chosen
        if branch.model is Indicator:
            return indicators != "none"
        return True

    return keep


def _copy_tree(source, years, *, keep=None, left_out=frozenset(), **changes):
    """A draft copy of a plan fetched with tree_prefetches(), and of its rows (those for which
    keep(branch, row) is true, if given), with what the receivers of signals.plan_copied copy
    (such as its budgets, unless "budget" is in `left_out`)."""
    fresh = {"status": WorkPlan.Status.DRAFT, "document_id": None, "adopted_at_id": None,
             "adopted_on": None, "version": 1, "revises_id": None}
    new = copy_row(source, **(fresh | changes))
    copy_tree(source, new, keep=keep)
    plan_copied.send(sender=WorkPlan, source=source, new=new, years=years,
                     left_out=frozenset(left_out))
    return new


@transaction.atomic
def take_step(plan, step_name, user, reason="", meeting=None, on=None):
    """Move a plan one step through the workflow, recording who, when and why."""
    step = steps_for(plan.convention).get(step_name)  # the steps of the plan's convention
    if step is None:
        raise ValidationError(_("There is no such step in the workflow."))
    plan = (WorkPlan.objects.select_for_update(of=("self",)).select_related("document")
            .get(pk=plan.pk))
    if plan.status not in step.sources:
        raise ValidationError(
            _("A plan that is “%(status)s” cannot be taken to “%(step)s”.")
            % {"status": plan.get_status_display(), "step": step.label}
        )
    if not may_take(user, step, plan.convention_id):
        raise PermissionDenied(
            _("Your roles for %(convention)s do not allow you to take the step “%(step)s”.")
            % {"convention": plan.convention, "step": step.label}
        )
    reason = reason.strip()
    if step.needs_reason and not reason:
        raise ValidationError(_("Write why the plan is returned for revision."))
    require_complete(plan, step)  # nothing missing, or waived, before submission or publication
    if step.records_adoption:
        _record_adoption(plan, meeting, on)
    before = plan.status
    plan.status = step.target
    plan.save()
    if step.target == WorkPlan.Status.PUBLISHED:
        if plan.document is not None:
            _issue(plan.document)
        new_publication()
    Transition.objects.create(plan=plan, step=step.name, from_status=before,
                              to_status=step.target, user=user, reason=reason)
    return plan


def _issue(document):
    """Issue a published plan's document and store its PDFs, rendered now from exactly what is
    published. A PDF that cannot be rendered stops the publication, and nothing of it is kept
    (the caller's transaction is rolled back). A document that lacks what an issued document
    carries (Document.issue_problems) stops it too."""
    problems = document.issue_problems()
    if problems:
        raise ValidationError([
            _("The plan was not published: its document %(symbol)s is not complete.")
            % {"symbol": document.symbol}, *problems.values()])
    document.issued = True
    document.save(update_fields=["issued", "symbol"])
    try:
        store_all(document, replace=True)
    except PdfError as error:
        raise ValidationError(
            _("The plan was not published: its PDF cannot be made. %(problem)s")
            % {"problem": error}
        ) from error


def _record_adoption(plan, meeting, on):
    errors = {}
    if meeting is None:
        errors["meeting"] = _("Choose the meeting that adopted the plan.")
    elif meeting.convention_id != plan.convention_id:
        errors["meeting"] = _("Choose a meeting of the plan's convention.")
    if on is None:
        errors["on"] = _("Enter the date of adoption.")
    elif on > timezone.localdate():
        errors["on"] = _("The date of adoption cannot be in the future.")
    elif meeting is not None and not meeting.start_date <= on <= meeting.end_date:
        errors["on"] = _("The date of adoption must be a day of the meeting.")
    if errors:
        raise ValidationError(errors)
    plan.adopted_at, plan.adopted_on = meeting, on


@transaction.atomic
def start_revision(plan, change, user):
    """A published plan is never changed: a correction or revision is a new version of it under
    a Corr. or Rev. of its document, and the published version stays as it was."""
    if plan.status != WorkPlan.Status.PUBLISHED or plan.document is None:
        raise ValidationError(
            _("Only a published plan issued under a symbol is corrected or revised.")
        )
    if not may_edit(user, plan.convention_id):
        raise PermissionDenied(_("You do not work for this convention."))
    if plan.revisions.exists():
        raise ValidationError(_("A correction or revision of this plan is already under way."))
    document = plan.document
    # A revision replaces the original document; a correction corrects the current version.
    changed = document
    if change == Document.Change.REVISION:
        while changed.amends_id and changed.change == Document.Change.REVISION:
            changed = changed.amends
    numbers = changed.changes.filter(change=change).values_list("change_number", flat=True)
    new_document = Document(
        meeting=document.meeting, agenda_item=document.agenda_item, amends=changed,
        change=change, change_number=max(numbers, default=0) + 1, body=document.body,
        **{localized(name, code): getattr(document, localized(name, code))
           for name in ("submitted_by", "title") for code in LANGUAGE_CODES},
        original_language=document.original_language,
        languages=document.languages, distribution=document.distribution, issued=False,
    )
    new_document.full_clean()
    new_document.save()
    source = WorkPlan.objects.prefetch_related(*tree_prefetches()).get(pk=plan.pk)
    years = {year: year for year in range(plan.start_year, plan.end_year + 1)}
    latest = WorkPlan.objects.filter(convention=plan.convention_id, start_year=plan.start_year,
                                     end_year=plan.end_year).order_by("-version").first()
    return _copy_tree(source, years, version=latest.version + 1, revises_id=plan.pk,
                      document_id=new_document.pk, cloned_from_id=plan.cloned_from_id)
