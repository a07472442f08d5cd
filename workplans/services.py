"""Writes that touch a whole plan tree at once."""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isu.models import Convention
from isu.roles import may_edit
from lib.caching import new_publication
from lib.translated_fields import LANGUAGE_CODES, localized
from meetings.models import Document, Meeting
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


@dataclass
class NewDocument:
    """The official document a new plan is issued under, as start_plan() records it.
    `submitted_by` and `title` are {language: text}; left empty in every language, the document
    is submitted by the convention's ISU host and takes the plan's title."""

    meeting: Meeting
    number: int | None
    submitted_on: object = None  # a date, or None where it is not known yet
    languages: list = field(default_factory=list)  # codes of the languages it is issued in
    submitted_by: dict = field(default_factory=dict)
    title: dict = field(default_factory=dict)


def document_field(name):
    """The name under which start_plan() reports a problem with the document's field `name`:
    its title is document_title_<language> (the plan has a title too), and what is wrong with
    its symbol is said of its number."""
    if name in ("symbol", NON_FIELD_ERRORS):
        return "number"
    return name.replace("title_", "document_title_", 1) if name.startswith("title_") else name


@transaction.atomic
def start_plan(user, convention, start_year, end_year, title, document=None):
    """A new draft plan of the convention for the period, titled {language: text}, with the
    chapters its convention's plans usually have (workplans/structure.py) and, given a
    NewDocument, its official document: a work plan's document of one of the convention's
    meetings, not issued (the plan's publication issues it). Only a user who may edit the
    convention starts one. Everything is checked before anything is saved: the problems are
    raised together as one ValidationError naming the plan's fields (convention, start_year,
    end_year, title_<language>) and the document's (document_field()), and nothing is kept."""
    if not may_edit(user, convention.pk):
        raise PermissionDenied(_("You do not work for this convention."))
    # One new plan of a convention at a time: its period and its document's symbol stay free
    # until it is saved.
    Convention.objects.select_for_update().get(pk=convention.pk)
    plan = WorkPlan(convention=convention, start_year=start_year, end_year=end_year,
                    **{localized("title", code): (title.get(code) or "").strip()
                       for code in LANGUAGE_CODES})
    errors = {}
    excluded = {"document"}
    if start_year is not None and end_year is not None and end_year < start_year:
        errors["end_year"] = [_("The last year cannot come before the first year.")]
        excluded.add("end_year")  # and the checks of the period, which the years fail
    _merge(errors, _problems(plan, excluded))
    official = None
    if document is not None:
        Meeting.objects.select_for_update().get(pk=document.meeting.pk)
        official, problems = _document_and_problems(convention, plan, document)
        _merge(errors, problems)
    if errors:
        raise ValidationError(errors)
    if official is not None:
        official.save()
        plan.document = official
    plan.save()
    start_with_usual_chapters(plan)
    return plan


def _document_and_problems(convention, plan, document):
    """The unsaved document of a new plan, its empty texts taken from the plan and the
    convention, and {field: [message]} of what is wrong with it (document_field())."""
    borrowed = not any((text or "").strip() for text in document.title.values())
    titles = ({code: getattr(plan, localized("title", code)) for code in LANGUAGE_CODES}
              if borrowed else document.title)
    if not any((text or "").strip() for text in document.submitted_by.values()):
        senders = {code: getattr(convention, localized("isu_host", code)) for code in
                   LANGUAGE_CODES}
    else:
        senders = document.submitted_by
    official = Document(
        meeting=document.meeting, number=document.number, submitted_on=document.submitted_on,
        languages=list(document.languages), body=Document.Body.WORK_PLAN, issued=False,
        **{localized("title", code): (titles.get(code) or "").strip()
           for code in LANGUAGE_CODES},
        **{localized("submitted_by", code): (senders.get(code) or "").strip()
           for code in LANGUAGE_CODES},
    )
    # What is missing is said here: the document's own checks say it less clearly, or stop
    # before they get to it.
    missing = {}
    if document.number is None:
        missing["number"] = [_("Enter the document's number.")]
    if not document.languages:
        missing["languages"] = [_("Choose one or more of the six official languages.")]
    problems = _problems(official, {"symbol", *missing}, rename=document_field)
    _merge(problems, missing)
    if borrowed:  # a title missing from the plan is said of the plan's title
        problems = {name: messages for name, messages in problems.items()
                    if not name.startswith("document_title_")}
    if document.meeting.convention_id != convention.pk:
        # The symbol of another convention's meeting says nothing: the meeting is wrong.
        problems = {name: messages for name, messages in problems.items() if name != "number"}
        problems["meeting"] = [_("Choose a meeting of the plan's convention.")]
    return official, problems


def _problems(instance, exclude, rename=lambda name: name):
    """{field: [message]} of what full_clean() finds wrong with an unsaved row, under the names
    `rename` gives its fields."""
    problems = {}
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            _merge(problems, {rename(name): messages})
    return problems


def _merge(errors, more):
    for name, messages in more.items():
        kept = errors.setdefault(name, [])
        kept.extend(str(message) for message in messages if str(message) not in kept)


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
def take_step(plan, step_name, user, reason="", meeting=None, on=None, publish=False):
    """Move a plan one step through the workflow, recording who, when and why. With `publish`,
    the adoption is followed by the publication, each recorded as a step, in one transaction:
    only for a user who may take both, and if the publication is refused, the adoption is not
    kept either."""
    steps = steps_for(plan.convention)  # the steps of the plan's convention
    step = steps.get(step_name)
    if step is None:
        raise ValidationError(_("There is no such step in the workflow."))
    if publish and not step.records_adoption:
        raise ValidationError(_("Only a plan being adopted can be published at once."))
    if publish and not may_take(user, steps["publish"], plan.convention_id):
        raise PermissionDenied(
            _("Your roles for %(convention)s do not allow you to take the step “%(step)s”.")
            % {"convention": plan.convention, "step": steps["publish"].label}
        )
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
    if publish:
        try:
            return take_step(plan, "publish", user)
        except ValidationError as refusal:
            raise ValidationError([
                _("The adoption was not recorded either, since the plan cannot be published."),
                *refusal.messages]) from refusal
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
