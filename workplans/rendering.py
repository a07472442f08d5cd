"""A work plan as HTML, for its public page and for the body of its official document.

The budget chapter's table and charts come from the budgets app, which answers the signal
workplans.signals.plan_budget, so that workplans never imports it. The plan is the body of its
document through the receiver in workplans/receivers.py.
"""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from workplans.models import Chapter, WorkPlan
from workplans.outline import number_tree, tree_prefetches
from workplans.signals import plan_budget, plan_budget_summary


def fetch_plan(**lookup):
    plan = (WorkPlan.objects.select_related("convention", "document", "adopted_at__convention")
            .prefetch_related(*tree_prefetches()).get(**lookup))
    return number_tree(plan)


def plan_body_html(plan, language, for_pdf=False):
    """The plan numbered and laid out: summary, chapters, results framework or matrix, budget."""
    with translation.override(language):
        chapters = list(plan.chapters.all())
        budget_chapters = [c for c in chapters if c.kind == Chapter.Kind.BUDGET]
        framework = [c for c in chapters if c.kind == Chapter.Kind.RESULTS_FRAMEWORK]
        budget = mark_safe("".join(html for _receiver, html in plan_budget.send(
            sender=WorkPlan, plan=plan, language=language, for_pdf=for_pdf)))
        budget_summary = next((text for _receiver, text in plan_budget_summary.send(
            sender=WorkPlan, plan=plan, language=language) if text), "")
        return render_to_string("workplans/_plan_body.html", {
            "plan": plan, "for_pdf": for_pdf, "language": language, "budget": budget,
            "budget_summary": budget_summary,
            # The official document prints what was adopted, without progress; the public page
            # shows progress too.
            "framework_template": "pdf/_framework.html" if for_pdf else "workplans/_framework.html",
            # The matrix is too wide for a portrait page: its chapter is set on landscape pages.
            "wide_framework": bool(plan.thematic_areas.all()),
            # The table goes at the end of the last budget chapter (seed 002 has two).
            "budget_chapter": budget_chapters[-1] if budget_chapters else None,
            # Without a chapter of its own, the results framework follows the chapters.
            "framework_chapter": framework[0] if framework else None,
            "has_framework": bool(plan.outcomes.all() or plan.thematic_areas.all()),
        })


def document_body_html(document, language, for_pdf):
    """The body of a work plan's document: its plan, laid out."""
    try:
        plan = fetch_plan(document=document)
    except WorkPlan.DoesNotExist:  # issued before a plan was attached to it
        return ""
    return plan_body_html(plan, language, for_pdf)
