"""Staff choose in the workspace how the official document prints a budget's table; a new
budget prints as its convention's latest one did."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from budgets import editing
from budgets.models import Budget
from tests import factories
from workplans.models import WorkPlan


def test_a_new_budget_takes_the_layout_of_its_conventions_latest_budget(ccm_officer, ccm):
    earlier = factories.budget(factories.plan("CCM", 2025))
    Budget.objects.filter(pk=earlier.pk).update(layout=Budget.Layout.CAPTIONED)
    plan = factories.plan("CCM", 2026)
    assert editing.create_budget(ccm_officer, plan.pk, 2026).layout == Budget.Layout.CAPTIONED


def test_a_first_budget_has_a_notes_column(ccm_officer, ccm):
    plan = factories.plan("CCM", 2026)
    assert editing.create_budget(ccm_officer, plan.pk, 2026).layout == Budget.Layout.NOTES


def test_the_service_sets_the_layout_of_a_drafts_budget(ccm_officer, ccm):
    budget = factories.budget(factories.plan("CCM", 2026))
    editing.set_layout(ccm_officer, budget.plan_id, budget.pk, "captioned")
    assert Budget.objects.get(pk=budget.pk).layout == Budget.Layout.CAPTIONED


def test_the_service_refuses_a_locked_plan_another_convention_and_an_unknown_layout(
        ccm_officer, apmbc_officer, ccm):
    budget = factories.budget(factories.plan("CCM", 2026))
    with pytest.raises(Http404):
        editing.set_layout(apmbc_officer, budget.plan_id, budget.pk, "captioned")
    with pytest.raises(ValidationError):
        editing.set_layout(ccm_officer, budget.plan_id, budget.pk, "landscape")
    factories.set_status(budget.plan, WorkPlan.Status.PUBLISHED)
    with pytest.raises(PermissionDenied):
        editing.set_layout(ccm_officer, budget.plan_id, budget.pk, "captioned")
    assert Budget.objects.get(pk=budget.pk).layout == Budget.Layout.NOTES


def test_the_budget_page_offers_the_choice_and_saves_it_without_javascript(as_user, ccm_officer,
                                                                           ccm):
    budget = factories.budget(factories.plan("CCM", 2026))
    client = as_user(ccm_officer)
    page = f"/workspace/plans/{budget.plan_id}/budgets/{budget.pk}/"
    assert 'name="layout"' in client.get(page).content.decode()
    response = client.post(f"{page}layout/", {"layout": "captioned"})
    assert response.status_code == 302 and response["Location"] == page
    assert Budget.objects.get(pk=budget.pk).layout == Budget.Layout.CAPTIONED
