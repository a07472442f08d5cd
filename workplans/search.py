"""Search in the text of published work plans, for the document search of meetings: every
translated text of the plan and of every kind of row under it (workplans/tree.py)."""

from lib.translated_fields import translated_field_names
from meetings.search import any_language
from workplans import tree
from workplans.models import WorkPlan


def _any_text(model, query):
    condition = None
    for field in translated_field_names(model):
        found = any_language(field, query)
        condition = found if condition is None else condition | found
    return condition


def published_plan_document_ids(query):
    plans = WorkPlan.objects.published().filter(document__isnull=False)
    ids = set(plans.filter(_any_text(WorkPlan, query)).values_list("document_id", flat=True))
    for model, paths in tree.paths().items():
        for path in paths:
            rows = model.objects.filter(_any_text(model, query), **{f"{path}__in": plans})
            ids |= set(rows.values_list(f"{path}__document_id", flat=True))
    return {pk for pk in ids if pk}
