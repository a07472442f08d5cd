"""The workspace's progress pages: what the ISU did against an adopted plan, result by result
and period by period, recorded next to the plan; and the activities of the user's plans that
have had no update this quarter.

All writes go through reporting/services.py. A row's form opens in place from the address
(?record=activity-5, ?value=indicator-3, with ?period=2026-q4 for the period), and every action
is an ordinary form followed by a redirect: the pages work without JavaScript.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from isu.roles import convention_ids_for, may_edit, may_see
from lib.params import whole_number
from lib.periods import current_quarter
from lib.translated_fields import LANGUAGE_CODES, localized
from reporting import services
from reporting.forms import (
    IndicatorValueForm,
    ProgressForm,
    evidence_labels,
    opened_period,
    period_initial,
)
from reporting.models import RESULTS, IndicatorValue, ProgressUpdate
from reporting.outline import period_from_slug, period_slug, periods_of, plan_progress
from workplans.models import WorkPlan
from workspace.views import refused, staff_only


def _visible_plan(request, plan_id):
    plan = WorkPlan.objects.select_related("convention").filter(pk=plan_id).first()
    if plan is None or not may_see(request.user, plan.convention_id):
        raise Http404
    return plan


def _period(text, plan):
    """The period an address names, if it falls within the plan's years; else the one the
    page opens on."""
    period = period_from_slug(text)
    if period is None or not plan.start_year <= period.year <= plan.end_year:
        return opened_period(plan)
    return period


def page_url(plan_id, period=None, anchor=""):
    url = reverse("workspace:progress", args=[plan_id])
    if period is not None:
        url += f"?period={period_slug(period)}"
    return url + (f"#{anchor}" if anchor else "")


def _editable(request, plan):
    return services.is_reportable(plan) and may_edit(request.user, plan.convention_id)


@staff_only
@require_GET
def page(request, plan_id):
    """The plan's results with their latest update and whether the period has one; a result's
    form (?record=activity-5) or an indicator's (?value=indicator-3) opened for the period."""
    plan = _visible_plan(request, plan_id)
    period = _period(request.GET.get("period"), plan)
    opened = {}
    if _editable(request, plan):
        kind, row_id = _anchor(request.GET.get("record"))
        if kind in RESULTS:
            opened = _result_form(plan, kind, row_id, period)
        kind, row_id = _anchor(request.GET.get("value"))
        if kind == "indicator":
            opened = _indicator_form(plan, row_id, period)
    return _page(request, plan, period, opened)


def _anchor(text):
    kind, _sep, row_id = (text or "").partition("-")
    return kind, whole_number(row_id, 1)


def _own_anchor(text):
    """A row's anchor as the page writes it ("activity-5", "indicator-3"), or ""."""
    kind, row_id = _anchor(text)
    return f"{kind}-{row_id}" if row_id and (kind in RESULTS or kind == "indicator") else ""


def _page(request, plan, period, opened, status=200):
    progress = plan_progress([plan.pk], period)[0]
    activities = progress.results("activity")
    return render(request, "workspace/progress.html", {
        "plan": plan, "progress": progress, "period": period,
        "period_slug": period_slug(period), "languages": LANGUAGE_CODES,
        "periods": [(period_slug(p), p) for p in periods_of(plan, timezone.localdate())],
        "editable": _editable(request, plan), "reportable": services.is_reportable(plan),
        "activities": len(activities), "without": len(progress.without_update()),
        "opened": opened}, status=status)


def _result_form(plan, kind, row_id, period, form=None, **extra):
    """What opens in place of a result: its form for the period (the period's update, or a new
    one starting from the latest status) and its updates so far."""
    row = services.own_result(plan, kind, row_id)
    updates = list(ProgressUpdate.objects.of_result(row).with_evidence().newest_first())
    if form is None:
        stored = next((update for update in updates if update.period == period), None)
        initial = period_initial(period)
        if stored is None and updates:
            initial["status"] = updates[0].status
        form = ProgressForm(instance=stored or ProgressUpdate(), initial=initial, plan=plan)
    return {"anchor": f"{kind}-{row.pk}", "kind": kind, "row": row, "form": form,
            "action": reverse("workspace:progress-record", args=[plan.pk, kind, row.pk]),
            "updates": [(update, services.version_of(update)) for update in updates], **extra}


def _indicator_form(plan, indicator_id, period, form=None, **extra):
    indicator = services.own_indicator(plan, indicator_id)
    values = list(IndicatorValue.objects.filter(indicator=indicator).select_related("author")
                  .newest_first())
    if form is None:
        stored = next((value for value in values if value.period == period), None)
        form = IndicatorValueForm(instance=stored or IndicatorValue(),
                                  initial=period_initial(period), plan=plan)
    return {"anchor": f"indicator-{indicator.pk}", "kind": "indicator", "row": indicator,
            "form": form,
            "action": reverse("workspace:progress-indicator", args=[plan.pk, indicator.pk]),
            "values": [(value, services.version_of(value)) for value in values], **extra}


def _posted_period(request, plan):
    period = services.posted_period(request.POST)
    if period is None or not plan.start_year <= period.year <= plan.end_year:
        return _period(request.POST.get("shown_period"), plan)
    return period


def _answer(request, plan_id, opener, form, conflict=None, theirs=()):
    """The page again with the form as posted: its errors, or the other person's values (a
    save again then keeps the user's: the form carries the version now stored)."""
    plan = _visible_plan(request, plan_id)
    if conflict is not None:
        data = form.data.copy()
        data["version"] = services.version_of(conflict.row)
        form.data = data
    period = _posted_period(request, plan)
    opened = opener(plan, period, form=form, conflict=conflict, theirs=theirs)
    return _page(request, plan, period, opened)


def _refused(request, plan_id, refusal):
    return refused(request, page_url(plan_id), refusal)


@staff_only
@require_POST
def record(request, plan_id, kind, row_id):
    """Record or correct a result's progress for the period posted."""
    try:
        update = services.record_progress(request.user, plan_id, kind, row_id, request.POST,
                                          version=request.POST.get("version") or None)
    except services.Conflict as conflict:
        return _answer(request, plan_id, _opener(kind, row_id), conflict.form, conflict,
                       _theirs_update(conflict.row))
    except services.Invalid as invalid:
        return _answer(request, plan_id, _opener(kind, row_id), invalid.form)
    except PermissionDenied as refusal:
        return _refused(request, plan_id, refusal)
    messages.success(request, _("Progress recorded for %(period)s.") % {"period": update.period})
    return redirect(page_url(plan_id, update.period, f"{kind}-{row_id}"))


def _opener(kind, row_id):
    return lambda plan, period, **extra: _result_form(plan, kind, row_id, period, **extra)


def _delete(request, plan_id, deleting):
    """Run `deleting(version)` (a service's deletion, whose history keeps the row) and show
    the page again where it was."""
    anchor = request.POST.get("anchor", "")
    period = period_from_slug(request.POST.get("shown_period"))
    try:
        deleting(request.POST.get("version", ""))
    except services.Conflict:
        messages.error(request, _("The row was changed since you saw it: it was not deleted. "
                                  "Look at it again before deleting it."))
    except PermissionDenied as refusal:
        return _refused(request, plan_id, refusal)
    else:
        messages.success(request, _("Deleted."))
    return redirect(page_url(plan_id, period, _own_anchor(anchor)))


@staff_only
@require_POST
def delete(request, plan_id, update_id):
    """Delete an update, if it is still as the user saw it."""
    return _delete(request, plan_id, lambda version: services.delete_progress(
        request.user, plan_id, update_id, version))


@staff_only
@require_POST
def record_value(request, plan_id, indicator_id):
    """Record or correct an indicator's value for the period posted."""
    def opener(plan, period, **extra):
        return _indicator_form(plan, indicator_id, period, **extra)

    try:
        value = services.record_indicator_value(request.user, plan_id, indicator_id,
                                                request.POST,
                                                version=request.POST.get("version") or None)
    except services.Conflict as conflict:
        return _answer(request, plan_id, opener, conflict.form, conflict,
                       _theirs_value(conflict.row))
    except services.Invalid as invalid:
        return _answer(request, plan_id, opener, invalid.form)
    except PermissionDenied as refusal:
        return _refused(request, plan_id, refusal)
    messages.success(request, _("Value recorded for %(period)s.") % {"period": value.period})
    return redirect(page_url(plan_id, value.period, f"indicator-{indicator_id}"))


@staff_only
@require_POST
def delete_value(request, plan_id, value_id):
    """Delete an indicator's value, if it is still as the user saw it."""
    return _delete(request, plan_id, lambda version: services.delete_indicator_value(
        request.user, plan_id, value_id, version))


def _when(update):
    return formats.date_format(timezone.localtime(update.updated_at), "SHORT_DATETIME_FORMAT")


def _texts(row, name):
    field = row._meta.get_field(name)
    return [(f"{field.verbose_name} ({code})", getattr(row, localized(name, code)) or "—")
            for code in LANGUAGE_CODES]


def _theirs_update(update):
    """[(label, value)] of an update as stored: what the other person saved."""
    meta = update._meta
    evidence = [(label, "; ".join(records)) for label, records in evidence_labels(update)]
    return [(meta.get_field("status").verbose_name, update.get_status_display()),
            (_("Period"), update.period), *_texts(update, "account"), *evidence,
            (meta.get_field("evidence_url").verbose_name, update.evidence_url or "—"),
            (meta.get_field("evidence_note").verbose_name, update.evidence_note or "—"),
            (meta.get_field("author").verbose_name, f"{update.author} · {_when(update)}")]


def _theirs_value(value):
    meta = value._meta
    return [(_("Period"), value.period),
            (meta.get_field("value").verbose_name, f"{value.value.normalize():f}"),
            *_texts(value, "source"),
            (meta.get_field("author").verbose_name, f"{value.author} · {_when(value)}")]


@staff_only
@require_GET
def without_update(request):
    """The activities of the user's adopted and published plans of this year that have no
    update for the current quarter, plan by plan."""
    quarter = current_quarter()
    plans = list(WorkPlan.objects.filter(convention__in=convention_ids_for(request.user),
                                         status__in=services.REPORTABLE)
                 .covering(quarter.year).latest_versions()
                 .order_by("convention__code", "-start_year", "-version")
                 .values_list("pk", flat=True))
    found = plan_progress(plans, quarter, indicators=False, evidence=False)
    return render(request, "workspace/progress_missing.html", {
        "quarter": quarter, "period_slug": period_slug(quarter),
        "plans": [(progress, _missing_by_part(progress), len(progress.without_update()),
                   len(progress.results("activity")),
                   may_edit(request.user, progress.plan.convention_id))
                  for progress in found]})


def _missing_by_part(progress):
    """[(thematic area or None, [activities without an update])], parts without any left out."""
    groups = [(part.area, [result for result in part.results
                           if result.kind == "activity" and not result.in_period])
              for part in progress.parts]
    return [(area, items) for area, items in groups if items]
