"""Recording progress against an adopted work plan: the one write path of progress updates and
indicator values, for the workspace, the demo and any script.

Every write checks, as workplans/editing.py does for a plan's rows:
- scope: the user writes the records of the plan's convention (isu.roles.may_edit); another
  convention's plan, and every row of it, is a 404;
- status: progress is recorded against an adopted or published plan; a draft, or a plan under
  review, is refused with the reason (PermissionDenied);
- ownership: the result or indicator is one of this plan's (any other id is a 404), and the
  evidence is among the records of the plan's convention;
- the period: it exists, falls within the plan's years and has begun (lib.periods.Periodic);
- conflicts: a row carries the version it had when its form was opened (reporting/versions.py).
  Of two people recording the same result for the same period, the second gets a `Conflict`
  with both versions, and nothing of either is lost.
Each write is one transaction and one entry of the row's history, with who made it
(reporting/history.py). Bad input raises `Invalid`, a ValidationError in the user's language
that carries the form with its errors.

A result's progress in a period is one update: recording it again for the same period corrects
it (with the version it was opened at); its earlier versions stay in its history.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from isu.roles import may_edit
from lib import editing
from lib.params import whole_number
from lib.periods import Period
from reporting.forms import IndicatorValueForm, ProgressForm
from reporting.history import delete_with_history, save_with_history
from reporting.models import (
    RESULTS,
    IndicatorValue,
    ProgressUpdate,
    result_field,
)
from reporting.versions import version_of
from workplans.models import PLAN, Indicator, WorkPlan

__all__ = ["REPORTABLE", "Conflict", "Invalid", "delete_indicator_value", "delete_progress",
           "is_reportable", "own_indicator", "own_result", "posted_period", "record_indicator_value",
           "record_progress", "reportable_plan", "version_of", "why_not_reportable"]

# Progress is recorded against a plan once it is adopted.
REPORTABLE = (WorkPlan.Status.ADOPTED, WorkPlan.Status.PUBLISHED)


class Conflict(editing.Conflict):
    """The update or value was changed by someone else since its form was opened: `row` is
    theirs as stored, `form` holds the user's values (None for a deletion). Nothing was
    saved."""

    def __init__(self, row, form):  # the parent words its message for texts
        Exception.__init__(self, _(
            "This %(row)s was changed by someone else since you opened it: their values are "
            "shown here, and yours are kept in the form. Nothing was saved. Save again to keep "
            "yours, or cancel to keep theirs.") % {"row": row._meta.verbose_name})
        self.row, self.form = row, form


class Invalid(ValidationError):
    """The values are refused; `form` shows each error where it belongs."""

    def __init__(self, form):
        super().__init__(form.errors.as_data())
        self.form = form


def why_not_reportable(plan):
    return _("Progress is recorded against an adopted plan: %(plan)s is “%(status)s”.") % {
        "plan": plan, "status": plan.get_status_display()}


def is_reportable(plan):
    return plan.status in REPORTABLE


# -- checks -----------------------------------------------------------------------------------

def reportable_plan(user, plan_id, for_update=False):
    """The plan, if the user writes its convention's records (a 404 otherwise) and progress is
    recorded against it now (PermissionDenied otherwise). With `for_update` the plan's row is
    locked until the end of the transaction, so that writes to one plan follow one another."""
    plans = WorkPlan.objects.select_related("convention")
    if for_update:
        plans = plans.select_for_update(of=("self",))
    plan = plans.filter(pk=plan_id).first()
    if plan is None or not may_edit(user, plan.convention_id):
        raise Http404
    if not is_reportable(plan):
        raise PermissionDenied(why_not_reportable(plan))
    return plan


def _with_parents(model):
    """The parents of a row up to its plan, to fetch with it (plan_of reads them)."""
    return list(PLAN.paths[model])


def own_result(plan, kind, row_id):
    """An activity, output or outcome of this plan, with its parents up to the plan; a 404 for
    any other kind or row."""
    model = RESULTS.get(kind)
    if model is None:
        raise Http404
    row = (model.objects.filter(PLAN.rows_of(model, plan.pk), pk=row_id)
           .select_related(*_with_parents(model)).first())
    if row is None:
        raise Http404
    return row


def own_indicator(plan, indicator_id):
    """An indicator of this plan, with its parents up to the plan; a 404 otherwise."""
    row = (Indicator.objects.filter(PLAN.rows_of(Indicator, plan.pk), pk=indicator_id)
           .select_related(*_with_parents(Indicator)).first())
    if row is None:
        raise Http404
    return row


def posted_period(values):
    """The period the values name (year, period_kind, period_number), or None if they name
    none that exists (the form then says what is wrong)."""
    year = whole_number(str(values.get("year", "")), 1)
    number = whole_number(str(values.get("period_number", "")), 1)
    try:
        return Period(year, values.get("period_kind", ""), number) if year and number else None
    except ValueError:
        return None


def _stored(queryset, period, prefetch=()):
    if period is None:
        return None
    return (queryset.of_period(period).select_for_update(of=("self",))
            .prefetch_related(*prefetch).first())


def _check_version(stored, current, version, form, fetch_again):
    """A stored row saved since its form was opened (`current` is its version as stored, read
    before the form put the posted values on it), or recorded since a form for a period without
    one was opened, is a conflict, unless it already holds exactly what is posted (the same
    form sent twice): then it is True, and nothing is to be saved."""
    if stored is None or (version or None) == current:
        return False
    if _holds(stored, current, form):
        return True
    raise Conflict(fetch_again(), form)


def _holds(stored, current, form):
    """Whether the stored row already has every value the valid form posts."""
    if version_of(form.instance) != current:  # the posted values, on the stored row
        return False
    return all({related.pk for related in form.cleaned_data[field.name]}
               == {related.pk for related in getattr(stored, field.name).all()}
               for field in stored._meta.many_to_many if field.name in form.cleaned_data)


# -- progress updates -------------------------------------------------------------------------

def _update_again(pk):
    return ProgressUpdate.objects.with_evidence().get(pk=pk)


@transaction.atomic
def record_progress(user, plan_id, row_kind, row_id, values, version=None):
    """Record the progress of one result of the plan (row_kind "activity", "output" or
    "outcome") for the period the values name, or correct the update already recorded for it.

    `values` are the form's fields (ProgressForm: status, year, period_kind, period_number,
    the account in each language (`localized("account", code)`), meetings,
    committee_meetings, isu_activities, documents as lists of ids, evidence_url,
    evidence_note), a QueryDict or a dict. `version` is the version
    of the update its form was opened with (version_of), or None where the period had no update
    then. Returns the saved update; raises Invalid, Conflict, PermissionDenied or Http404."""
    plan = reportable_plan(user, plan_id, for_update=True)
    row = own_result(plan, row_kind, row_id)
    stored = _stored(ProgressUpdate.objects.of_result(row), posted_period(values),
                     ProgressUpdate.EVIDENCE)
    current = version_of(stored) if stored is not None else None
    update = stored or ProgressUpdate()
    setattr(update, result_field(row), row)  # with its parents, for the checks of the period
    form = ProgressForm(values, instance=update, plan=plan)
    if not form.is_valid():
        raise Invalid(form)
    if _check_version(stored, current, version, form, lambda: _update_again(stored.pk)):
        return stored
    update = form.save(commit=False)
    update.author = user
    return save_with_history(update, user, form.save_m2m)


def _plan_update(plan, update_id):
    update = (ProgressUpdate.objects.for_plan(plan).filter(pk=update_id)
              .select_for_update(of=("self",)).prefetch_related(*ProgressUpdate.EVIDENCE)
              .first())
    if update is None:
        raise Http404
    return update


@transaction.atomic
def delete_progress(user, plan_id, update_id, version):
    """Delete an update of the plan's progress if it is still as the user saw it (its history
    keeps it)."""
    plan = reportable_plan(user, plan_id, for_update=True)
    update = _plan_update(plan, update_id)
    if version != version_of(update):
        raise Conflict(_update_again(update.pk), None)
    delete_with_history(update, user)


# -- indicator values -------------------------------------------------------------------------

@transaction.atomic
def record_indicator_value(user, plan_id, indicator_id, values, version=None):
    """Record what an indicator of the plan reached in the period the values name, or correct
    the value already recorded for it. `values`: IndicatorValueForm's fields (year,
    period_kind, period_number, value, the source in each language); the source is required
    where the indicator is not counted from records. `version` as for record_progress."""
    plan = reportable_plan(user, plan_id, for_update=True)
    indicator = own_indicator(plan, indicator_id)
    stored = _stored(IndicatorValue.objects.filter(indicator=indicator), posted_period(values))
    current = version_of(stored) if stored is not None else None
    row = stored or IndicatorValue()
    row.indicator = indicator  # with its parents, for the checks of the period
    form = IndicatorValueForm(values, instance=row, plan=plan)
    if not form.is_valid():
        raise Invalid(form)
    if _check_version(stored, current, version, form,
                      lambda: IndicatorValue.objects.select_related("author").get(pk=stored.pk)):
        return stored
    row = form.save(commit=False)
    row.author = user
    return save_with_history(row, user)


@transaction.atomic
def delete_indicator_value(user, plan_id, value_id, version):
    """Delete a value of one of the plan's indicators if it is still as the user saw it."""
    plan = reportable_plan(user, plan_id, for_update=True)
    row = (IndicatorValue.objects.for_plan(plan).filter(pk=value_id)
           .select_for_update(of=("self",)).first())
    if row is None:
        raise Http404
    if version != version_of(row):
        raise Conflict(IndicatorValue.objects.select_related("author").get(pk=row.pk), None)
    delete_with_history(row, user)
