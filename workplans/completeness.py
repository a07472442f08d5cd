"""What a plan lacks, and the waivers that let it through the workflow all the same.

A plan lacks a budget (no budget chapter, or no budget with lines), a results framework (it has
results but no results framework chapter), an official document, a text in one of its
languages, or the date of submission of its document. The workflow takes a draft out (submits
it, or adopts it where there is no review) and publishes a plan only once each item is fixed or
waived (`require_complete`, called by services.take_step); only the head of the ISU waives an
item, with a written reason, recorded as a step of the plan's workflow."""

from collections import Counter
from dataclasses import dataclass, replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from isu.models import StaffRole
from isu.roles import roles_for
from lib.languages import UN_LANGUAGES, language_name
from lib.translated_fields import LANGUAGE_CODES, missing_languages, translated_field_names
from workplans import tree
from workplans.models import Chapter, Transition, Waiver, WorkPlan
from workplans.signals import plan_budgeted
from workplans.workflow import Status

What = Waiver.What

# The step a waiver is recorded as in the plan's workflow record (Transition.step).
WAIVE_STEP = "waive"


@dataclass(frozen=True)
class Missing:
    what: str  # a Waiver.What value
    message: str
    fix: str  # where it is fixed: "chapter" (a chapter to add to the plan), "budgets", "plan"
    # (the plan's own fields), "translation" (its rows missing a language), "document" (its
    # official document's fields)
    waiver: Waiver = None

    @property
    def label(self):
        return What(self.what).label


def plan_languages(plan):
    """The languages the plan is written in: those of its document (among the product's
    languages), or every language of the product."""
    listed = plan.document.languages if plan.document_id else []
    chosen = [code for code in LANGUAGE_CODES if code in (listed or [])]
    return chosen or list(LANGUAGE_CODES)


def _fetched(plan):
    """The plan with its document and whole tree, fetched unless it already is."""
    if "chapters" in getattr(plan, "_prefetched_objects_cache", {}):
        return plan
    return (WorkPlan.objects.select_related("document").prefetch_related(*tree.prefetches())
            .get(pk=plan.pk))


def _untranslated(plan):
    """({language: texts missing in it}, whether the plan's own texts are among them)."""
    languages = plan_languages(plan)
    counts, own = Counter(), False
    for row in [plan, *tree.rows(plan)]:
        for name in translated_field_names(type(row)):
            lacking = [code for code in missing_languages(row, name) if code in languages]
            counts.update(lacking)
            own = own or (bool(lacking) and row is plan)
    return counts, own


def missing(plan, waivers=None):
    """[Missing] of what the plan lacks, each with its waiver if it is waived (`waivers`: the
    plan's waivers, if they are fetched already)."""
    plan = _fetched(plan)
    found = []

    def lacks(what, message, fix):
        found.append(Missing(what, message, fix))

    kinds = {chapter.kind for chapter in plan.chapters.all()}
    if Chapter.Kind.BUDGET not in kinds:
        lacks(What.BUDGET, _("The plan has no budget chapter."), "chapter")
    elif not any(answer for _receiver, answer in plan_budgeted.send(sender=WorkPlan, plan=plan)):
        lacks(What.BUDGET, _("The budget chapter has no budget with lines."), "budgets")
    if (plan.outcomes.all() or plan.thematic_areas.all()) and (
            Chapter.Kind.RESULTS_FRAMEWORK not in kinds):
        lacks(What.RESULTS_FRAMEWORK,
              _("The plan has results but no results framework chapter."), "chapter")
    if plan.document_id is None:
        lacks(What.DOCUMENT, _("The plan has no official document: it would be published "
                               "without a symbol or a PDF."), "plan")
    elif plan.document.submitted_on is None:
        lacks(What.SUBMISSION_DATE,
              _("Its official document %(symbol)s has no date of submission in its masthead.")
              % {"symbol": plan.document.symbol}, "document")
    counts, own = _untranslated(plan)
    if counts:
        lacks(What.LANGUAGE, " ".join(
            ngettext("%(count)d text is missing in %(language)s.",
                     "%(count)d texts are missing in %(language)s.", count)
            % {"count": count, "language": dict(UN_LANGUAGES).get(code) or language_name(code)}
            for code, count in counts.items()), "plan" if own else "translation")
    if not found:
        return found
    if waivers is None:
        waivers = plan.waivers.select_related("user")
    by_what = {waiver.what: waiver for waiver in waivers}
    return [replace(item, waiver=by_what.get(item.what)) for item in found]


def outstanding(plan):
    """What the plan lacks and is not waived."""
    return [item for item in missing(plan) if item.waiver is None]


def is_checked(step):
    """Whether a step waits until nothing is missing, or what is missing is waived: the step that
    takes a draft out (its submission, or its adoption where the convention has no endorsing
    body) and publication."""
    return step.target == Status.PUBLISHED or (
        Status.DRAFT in step.sources and step.target != Status.DRAFT)


def require_complete(plan, step):
    """Refuse a step that submits or publishes a plan while it lacks something not waived."""
    if not is_checked(step):
        return
    left = outstanding(plan)
    if left:
        raise ValidationError(
            [_("The plan cannot be taken to “%(step)s” while it lacks something: fix each item, "
               "or have the head of the ISU waive it with a written reason.")
             % {"step": step.label}, *(item.message for item in left)],
            code="incomplete")


def may_waive(user, convention_id):
    """Only the head of the ISU of the plan's convention waives what a plan lacks."""
    return bool(user.is_authenticated and user.is_active
                and StaffRole.Role.HEAD_OF_ISU in roles_for(user, convention_id))


@transaction.atomic
def waive(plan, what, reason, user):
    """Let a plan through the workflow without one item it lacks; the reason is written down,
    and the waiver is a step of the plan's workflow record."""
    plan = (WorkPlan.objects.select_for_update(of=("self",)).select_related("document")
            .get(pk=plan.pk))
    if not may_waive(user, plan.convention_id):
        raise PermissionDenied(_("Only the head of the ISU may waive what a plan lacks."))
    if plan.status == Status.PUBLISHED:
        raise ValidationError(_("The plan is published: correct or revise it instead."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the plan may go on without it.")})
    item = next((item for item in missing(plan) if item.what == what), None)
    if item is None:
        raise ValidationError(_("The plan lacks nothing of this kind: there is nothing to "
                                "waive."))
    if item.waiver is not None:
        raise ValidationError(_("This is already waived."))
    step = Transition.objects.create(plan=plan, step=WAIVE_STEP, from_status=plan.status,
                                     to_status=plan.status, user=user, reason=reason)
    return Waiver.objects.create(plan=plan, what=what, reason=reason, user=user, transition=step)
