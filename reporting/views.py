"""The public page of a plan's progress and its exports: only where the head of the ISU has
published it (reporting/publishing.py), with the figures through the quarter it was published
as of; a 404 everywhere else. The page is cached whole for visitors, like the plan's."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation

from isu.models import Convention
from lib.caching import cached_public_page
from reporting import exports
from reporting.models import ProgressPublication
from reporting.outline import period_slug
from reporting.overview import plan_overview
from workplans.views import published_version

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# What each export writes, and the end of its file's name.
SHEETS = {
    "results": (exports.results_csv, "progress.csv"),
    "values": (exports.values_csv, "indicator-values.csv"),
    "xlsx": (exports.as_xlsx, "progress.xlsx"),
}


def export_response(overview, sheet):
    """An export of the overview as a download named after the plan and the period:
    CCM-ISU-2018-progress-2018-q2.csv."""
    write, ending = SHEETS[sheet]
    response = HttpResponse(write(overview), content_type=CONTENT_TYPES[ending.rpartition(".")[2]])
    plan = overview.plan
    name, _dot, extension = ending.rpartition(".")
    response["Content-Disposition"] = (
        f'attachment; filename="{plan.convention.code}-ISU-{plan_period(plan)}-{name}-'
        f'{period_slug(overview.period)}.{extension}"')
    return response


def _published(code, period, wanted):
    """(convention, publication) of the published plan an address names, whose progress is
    published; a 404 otherwise."""
    convention = get_object_or_404(Convention, code__iexact=code)
    pk, _versions = published_version(convention, period, wanted)
    publication = (ProgressPublication.objects.select_related("plan__convention")
                   .filter(plan_id=pk).first())
    if publication is None:
        raise Http404
    return convention, publication


def plan_period(plan):
    """A plan's period as its public addresses write it: 2018, 2025-2029."""
    return (f"{plan.start_year}" if plan.start_year == plan.end_year
            else f"{plan.start_year}-{plan.end_year}")


def public_address(plan, newest=True, name="plan-progress"):
    """The address of a plan's published progress (or of an export of it, by its name), with
    the plan's version where a newer one is published."""
    address = reverse(name, args=[plan.convention.code.lower(), plan_period(plan)])
    return address if newest else f"{address}?version={plan.version}"


@cached_public_page(query=("version",))
def progress_page(request, code, period):
    """/<language>/ccm/work-plans/2018/progress/: the published progress of the plan the same
    address without progress/ shows (?version= as there)."""
    wanted = request.GET.get("version", "")
    convention, publication = _published(code, period, wanted)
    overview = plan_overview(publication.plan_id, publication.period)
    language = translation.get_language()
    query = f"?version={publication.plan.version}" if wanted else ""
    return render(request, "reporting/progress_public.html", {
        "convention": convention, "plan": overview.plan, "publication": publication,
        "overview": overview, "status_chart": overview.status_chart(),
        "spending_chart": overview.spending_chart(language), "query": query,
        "plan_period": period, "plan_address": reverse("plan", args=[code.lower(), period]) + query})


def progress_export(request, code, period, sheet):
    """An export of the published progress, through the quarter it was published as of."""
    _convention, publication = _published(code, period, request.GET.get("version", ""))
    return export_response(plan_overview(publication.plan_id, publication.period,
                                         evidence=True), sheet)
