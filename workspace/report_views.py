"""The workspace's page for the ISU's annual report of a plan's year: the reports already
drafted and one form that drafts a year's report (or drafts it again), then opens it in the
document editor. All writes go through reporting/report.py; the page works without JavaScript.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from lib.dates import day
from reporting import report
from reporting.models import AnnualReport
from workspace.progress_views import page_url
from workspace.views import refused, staff_only

KEEP, REPLACE = "keep", "replace"


class DraftForm(forms.Form):
    """The year, the meeting the report goes to (for a new report) and what happens to text
    people have edited since the last draft."""

    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    meeting = forms.TypedChoiceField(
        label=gettext_lazy("Meeting"), coerce=int, required=False, empty_value=None,
        help_text=gettext_lazy("The meeting the report is an official document of. A report "
                               "already drafted stays with its meeting."))
    edited = forms.ChoiceField(
        label=gettext_lazy("Text people have edited since the last draft"),
        widget=forms.RadioSelect, initial=KEEP,
        choices=[(KEEP, gettext_lazy("Keep it as they left it")),
                 (REPLACE, gettext_lazy("Replace it with the text drafted from the records"))])

    def __init__(self, plan, meetings, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = report.report_years(plan)
        self.fields["year"].choices = [(year, year) for year in reversed(years)]
        self.fields["meeting"].choices = [("", "—"), *[
            (meeting.pk, f"{meeting.name} · {day(meeting.start_date, None)}")
            for meeting in meetings]]
        today = timezone.localdate()
        coming = next((m for m in meetings if m.end_date >= today), None)
        if coming is not None:
            self.fields["meeting"].initial = coming.pk


def _page(request, plan, form=None, status=200):
    meetings = list(report.report_meetings(plan))
    reports = list(AnnualReport.objects.filter(convention=plan.convention_id,
                                               year__in=report.report_years(plan))
                   .select_related("document__meeting__convention", "drafted_by"))
    rows = []
    for found in reports:
        edited = [] if found.document.issued else report.edited_blocks(found)
        rows.append((found, report.where(found.document_id, edited) if edited else ""))
    return render(request, "workspace/annual_report.html", {
        "plan": plan, "reports": rows, "meetings": meetings,
        "form": form or DraftForm(plan, meetings)}, status=status)


@staff_only
@require_http_methods(["GET", "POST"])
def page(request, plan_id):
    """GET: the reports of the plan's years and the form. POST: draft the year's report and
    open it in the document editor."""
    try:
        plan = report.reportable_plan(request.user, plan_id)
    except PermissionDenied as refusal:
        return refused(request, page_url(plan_id), refusal)
    if request.method == "GET":
        return _page(request, plan)
    form = DraftForm(plan, list(report.report_meetings(plan)), request.POST)
    if not form.is_valid():
        return _page(request, plan, form, status=400)
    data = form.cleaned_data
    try:
        draft = report.draft_annual_report(request.user, plan.pk, data["year"], data["meeting"],
                                           overwrite=data["edited"] == REPLACE)
    except ValidationError as invalid:
        for name, errors in invalid.message_dict.items():
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
        return _page(request, plan, form, status=400)
    except PermissionDenied as refusal:
        return refused(request, reverse("workspace:annual-report", args=[plan.pk]), refusal)
    _tell(request, draft, data["year"])
    return redirect(reverse("workspace:document-page", args=[draft.document.pk]))


def _tell(request, draft, year):
    symbol = draft.document.symbol
    if draft.created:
        messages.success(request, _(
            "The %(year)s report is drafted as %(symbol)s from the year's records. Polish it "
            "here, then take it through review and issue it as any document.") % {
            "year": year, "symbol": symbol})
    else:
        messages.success(request, _(
            "%(symbol)s is drafted again from the records of %(year)s. Blocks added: "
            "%(added)s; updated: %(updated)s; removed: %(removed)s.") % {
            "symbol": symbol, "year": year, "added": draft.added, "updated": draft.updated,
            "removed": draft.removed})
    document_id = draft.document.pk
    if draft.kept:
        messages.warning(request, _(
            "The text people edited was kept in %(where)s. To replace it with the text drafted "
            "from the records, draft the report again and choose to replace it.") % {
            "where": report.where(document_id, draft.kept)})
    if draft.replaced:
        messages.warning(request, _(
            "The text people edited in %(where)s was replaced with the text drafted from the "
            "records.") % {"where": report.where(document_id, draft.replaced)})
    if draft.left_out:
        messages.warning(request, ngettext(
            "%(count)s drafted passage that someone deleted was not written again.",
            "%(count)s drafted passages that someone deleted were not written again.",
            draft.left_out) % {"count": draft.left_out})
