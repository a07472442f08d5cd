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


@cached_public_page(query=("version",))
def plan_detail(request, code, period):
    """/<language>/ccm/work-plans/2018/ or …/apmbc/work-plans/2025-2029/: the newest published
    version; ?version=1 shows an earlier one."""
    match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{4}))?", period)
    if not match:
        raise Http404
    start = int(match[1])
    end = int(match[2] or start)
    convention = _convention(code)
    versions = WorkPlan.objects.published().filter(convention=convention, start_year=start,
                                                   end_year=end)
    wanted = request.GET.get("version", "")
    if not is_whole_number(wanted):  # none, or an odd value: the newest version
        chosen = versions.order_by("-version")
    else:
        version = whole_number(wanted, minimum=1, maximum=2**31 - 1)
        if version is None:
            raise Http404
        chosen = versions.filter(version=version)
    pk = chosen.values_list("pk", flat=True).first()
    if pk is None:
        raise Http404
    plan = fetch_plan(pk=pk)
    language = translation.get_language()
    return render(request, "workplans/plan_detail.html", {
        "convention": convention, "plan": plan,
        "body": plan_body_html(plan, language),
        "versions": versions.select_related("document").order_by("-version"),
    })
