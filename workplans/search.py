"""Search in the text of published work plans, for the document search of meetings."""



from meetings.search import any_language
from workplans.models import Activity, Outcome, Output, Paragraph, WorkPlan


def published_plan_document_ids(query):
    plans = WorkPlan.objects.published().filter(document__isnull=False)
    matching = plans.filter(any_language("title", query) | any_language("main_objective", query))
    ids = set(matching.values_list("document_id", flat=True))
    for model, paths in [(Paragraph, ["chapter__plan", "section__chapter__plan"]),
                         (Outcome, ["plan", "thematic_area__plan"]),
                         (Output, ["outcome__plan", "thematic_area__plan"]),
                         (Activity, ["output__outcome__plan", "thematic_area__plan"])]:
        for path in paths:
            rows = model.objects.filter(any_language("text", query),
                                        **{f"{path}__in": plans})
            ids |= set(rows.values_list(f"{path}__document_id", flat=True))
    return {pk for pk in ids if pk}



