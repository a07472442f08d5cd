"""The demo data obeys every rule that a user's data must: each row passes its model's
validation, and rows kept in order under one parent never share a position."""

from collections import Counter

from django.apps import apps

PROJECT_APPS = ("isu", "meetings", "workplans", "budgets", "sponsorship")
# Lines and subtotals are kept in order within their subtotal, or the budget where they have none
# (budgets/editing.py).
WITHIN = {"budgets.Line": ["group"], "budgets.Group": ["parent"]}


def project_models():
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            if not model._meta.label.startswith(f"{label}.Historical"):
                yield model


def test_every_demo_row_passes_its_models_validation(demo):
    problems = []
    checked = 0
    for model in project_models():
        for row in model._default_manager.all():
            try:
                row.full_clean()
            except Exception as error:  # noqa: BLE001 - every failure is reported together
                problems.append(f"{model._meta.label} {row.pk}: {error}")
            checked += 1
    assert not problems, problems[:20]
    assert checked > 900


def test_rows_in_order_under_one_parent_never_share_a_position(demo):
    from budgets.models import BUDGET
    from meetings.models import DOCUMENT
    from workplans.models import PLAN

    repeated, checked = [], 0
    for kind in (PLAN, BUDGET, DOCUMENT):
        for model, paths in kind.paths.items():
            if "position" not in {field.name for field in model._meta.concrete_fields}:
                continue
            parents = [model._meta.get_field(path.split("__")[0]).attname
                       for path in [*paths, *WITHIN.get(model._meta.label, [])]]
            rows = list(model._default_manager.values_list(*parents, "position"))
            checked += len(rows)
            repeated += [(model._meta.label, key) for key, count in Counter(rows).items()
                         if count > 1]
    assert not repeated, repeated[:20]
    assert checked > 500


def test_the_seed_plans_are_published_as_their_issued_documents(demo):
    from workplans.models import WorkPlan

    published = WorkPlan.objects.filter(status=WorkPlan.Status.PUBLISHED).select_related(
        "document")
    assert sorted((plan.document.symbol, plan.document.issued) for plan in published) == [
        ("APLC/MSP.22/2025/5", True), ("CCM/MSP/2017/4", True)]


def test_the_seed_plans_are_published_through_the_workflow_by_their_head_of_the_isu(demo):
    from workplans.models import WorkPlan

    plans = WorkPlan.objects.published().select_related("convention", "document__meeting")
    assert plans.count() == 2
    for plan in plans:
        head = f"{plan.convention.code.lower()}.head"
        steps = [(t.step, t.user.username) for t in plan.transitions.order_by("at", "id")]
        assert steps == [(step, head) for step in ("submit", "endorse", "adopt", "publish")]
        meeting = plan.document.meeting
        assert (plan.adopted_at, plan.adopted_on) == (meeting, meeting.end_date)
        assert plan.document.renditions.count() == 2  # its PDFs, stored as it was issued


def test_the_seed_plans_lack_nothing_and_need_no_waiver(demo):
    from workplans.completeness import missing
    from workplans.models import Waiver, WorkPlan

    for plan in WorkPlan.objects.published():
        assert missing(plan) == [], plan
    assert not Waiver.objects.exists()
