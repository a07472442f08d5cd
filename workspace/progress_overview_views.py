"""The workspace's progress overview of a plan, read-only: progress by outcome, indicators against
targets and spending against the budget, through the end of a quarter (reporting/overview.py);
its exports; and, for the head of the ISU, publishing it on the public site beside the published
plan or withdrawing it (reporting/publishing.py). Recording is on the progress page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from isu.roles import may_see
from reporting import publishing
from reporting.models import ProgressPublication
from reporting.outline import period_from_slug, period_slug
from reporting.overview import chosen_period, period_choices, plan_overview
from reporting.views import export_response, public_address
from workplans.models import WorkPlan
from workspace.views import refused, staff_only


def _visible_plan(request, plan_id):
    plan = WorkPlan.objects.select_related("convention").filter(pk=plan_id).first()
    if plan is None or not may_see(request.user, plan.convention_id):
        raise Http404
    return plan


def page_url(plan_id, period=None):
    url = reverse("workspace:progress-overview", args=[plan_id])
    return url + (f"?period={period_slug(period)}" if period is not None else "")


@staff_only
@require_GET
def page(request, plan_id):
    """The overview through the quarter asked for (?period=2026-q2), else the latest begun."""
    plan = _visible_plan(request, plan_id)
    period = chosen_period(plan, request.GET.get("period"))
    overview = plan_overview(plan.pk, period)
    publication = (ProgressPublication.objects.select_related("published_by")
                   .filter(plan=plan).first())
    return render(request, "workspace/progress_overview.html", {
        "plan": plan, "overview": overview, "period_slug": period_slug(period),
        "periods": period_choices(plan),
        "status_chart": overview.status_chart(),
        "spending_chart": overview.spending_chart(get_language()),
        "budget": overview.spending.budget if overview.spending else None,
        "publication": publication,
        "public_address": public_address(plan) if publication else "",
        "may_publish": publishing.may_publish(request.user, plan),
        "not_publishable": publishing.why_not_publishable(plan)})


@staff_only
@require_GET
def export(request, plan_id, sheet):
    """The overview through the quarter asked for, as CSV or XLSX, for the convention's
    staff."""
    plan = _visible_plan(request, plan_id)
    period = chosen_period(plan, request.GET.get("period"))
    return export_response(plan_overview(plan.pk, period, evidence=True), sheet)


@staff_only
@require_POST
def publish(request, plan_id):
    """Publish the overview through the quarter posted, or move the published one to it."""
    period = period_from_slug(request.POST.get("period"))
    try:
        publication = publishing.publish_progress(request.user, plan_id, period)
    except (PermissionDenied, ValidationError) as refusal:
        return refused(request, page_url(plan_id, period), " ".join(_messages(refusal)))
    messages.success(request, _("The progress through %(period)s is published on the public "
                                "site.") % {"period": publication.period.label()})
    return redirect(page_url(plan_id, publication.period))


@staff_only
@require_POST
def withdraw(request, plan_id):
    """Take the overview off the public site."""
    try:
        withdrawn = publishing.withdraw_progress(request.user, plan_id)
    except PermissionDenied as refusal:
        return refused(request, page_url(plan_id), refusal)
    if withdrawn:
        messages.success(request, _("The progress is no longer on the public site."))
    return redirect(page_url(plan_id, period_from_slug(request.POST.get("period"))))


def _messages(refusal):
    return refusal.messages if isinstance(refusal, ValidationError) else [str(refusal)]
