"""The public pages of work plans: published versions only, at readable addresses."""

import re

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from isu.models import Convention
from lib.caching import cached_public_page
from lib.params import is_whole_number, whole_number
from meetings.models import Document, Meeting
from workplans.models import WorkPlan
from workplans.rendering import fetch_plan, plan_body_html
from workplans.signals import plan_pages


def _convention(code):
    return get_object_or_404(Convention, code__iexact=code)


@cached_public_page
def convention_home(request, code):
    """A convention's page: its latest published plans, its meetings and its documents."""
    convention = _convention(code)
    return render(request, "workplans/convention.html", {
        "convention": convention,
        "plans": WorkPlan.objects.published().latest_versions().filter(convention=convention)
        .select_related("convention", "document").order_by("-start_year")[:6],
        "meetings": Meeting.objects.filter(convention=convention).select_related("convention")[:6],
        "documents": Document.objects.visible_to(request.user).filter(
            meeting__convention=convention).select_related("meeting__convention")
        .order_by("-submitted_on", "symbol")[:8],
    })


@cached_public_page
def plan_list(request, code):
    convention = _convention(code)
    plans = (WorkPlan.objects.published().latest_versions().filter(convention=convention)
             .select_related("convention", "document").order_by("-start_year"))
    return render(request, "workplans/plan_list.html", {"convention": convention, "plans": plans})


def published_version(convention, period, wanted):
    """(id of the published plan, the published versions of its period) that an address names:
    a period "2018" or "2025-2029", and ?version= (`wanted`: none, or an odd value, for the
    newest version). A 404 where there is none."""
    match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{4}))?", period)
    if not match:
        raise Http404
    start = int(match[1])
    end = int(match[2] or start)
    versions = WorkPlan.objects.published().filter(convention=convention, start_year=start,
                                                   end_year=end)
    if not is_whole_number(wanted):
        chosen = versions.order_by("-version")
    else:
        version = whole_number(wanted, minimum=1, maximum=2**31 - 1)
        if version is None:
            raise Http404
        chosen = versions.filter(version=version)
    pk = chosen.values_list("pk", flat=True).first()
    if pk is None:
        raise Http404
    return pk, versions


@cached_public_page(query=("version",))
def plan_detail(request, code, period):
    """/<language>/ccm/work-plans/2018/ or …/apmbc/work-plans/2025-2029/: the newest published
    version; ?version=1 shows an earlier one. The public pages other apps hold about the plan
    (signals.plan_pages) are listed with it."""
    convention = _convention(code)
    pk, versions = published_version(convention, period, request.GET.get("version", ""))
    plan = fetch_plan(pk=pk)
    language = translation.get_language()
    pages = [page for _receiver, found in plan_pages.send(WorkPlan, plan=plan, language=language)
             for page in found or ()]
    return render(request, "workplans/plan_detail.html", {
        "convention": convention, "plan": plan,
        "body": plan_body_html(plan, language),
        "versions": versions.select_related("document").order_by("-version"),
        "pages": pages,
    })
