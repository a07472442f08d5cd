"""Two officers edit the same record: the second save is refused, the first is kept."""

import re

import pytest

from budgets.models import Budget, Line
from tests import factories
from workplans.models import WorkPlan


def formset(prefix, total=0, initial=0):
    return {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": initial,
            f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}


def opened_version(client, url):
    page = client.get(url).content.decode()
    return re.search(r'name="edited_version" value="([^"]*)"', page).group(1)


@pytest.fixture
def second_officer(ccm):
    from isu.models import StaffRole

    return factories.user("second.officer", ("CCM", StaffRole.Role.ISU_OFFICER))


def plan_post(plan, title, version):
    return {"convention": plan.convention_id, "start_year": 2018, "end_year": 2018,
            "title_zh_hans": "", "title_en": title, "main_objective_zh_hans": "",
            "main_objective_en": "", "document": "", "edited_version": version}


def test_the_second_save_of_a_plan_is_refused_with_who_and_when(as_user, ccm_officer,
                                                                 second_officer):
    plan = factories.plan("CCM", 2018)
    url = f"/admin/workplans/workplan/{plan.pk}/change/"
    first, second = as_user(ccm_officer), as_user(second_officer)
    first_version, second_version = opened_version(first, url), opened_version(second, url)
    assert first.post(url, plan_post(plan, "First officer's title", first_version)
                      ).status_code == 302
    response = second.post(url, plan_post(plan, "Second officer's title", second_version))
    page = response.content.decode()
    assert "was changed by ccm.officer at" in page and "Reload the page" in page
    assert WorkPlan.objects.get(pk=plan.pk).title_en == "First officer's title"
    again = second.post(url, plan_post(plan, "Second officer's title", opened_version(second, url)))
    assert again.status_code == 302  # after reloading, the second officer may save


def test_the_second_save_of_a_budget_is_refused(as_user, ccm_officer, second_officer):
    plan = factories.plan("CCM", 2018)
    budget = factories.budget(plan, lines=[("salaries", "100")])
    line = Line.objects.get()
    url = f"/admin/budgets/budget/{budget.pk}/change/"

    def post(client, amount, version):
        return client.post(url, {
            "plan": plan.pk, "year": 2018, "layout": "notes", "source_zh_hans": "",
            "source_en": "",
            "edited_version": version, **formset("groups"), **formset("lines", 1, 1),
            **formset("staff_positions"), **formset("travel"), **formset("in_kind"),
            "lines-0-id": line.pk, "lines-0-budget": budget.pk, "lines-0-position": 1,
            "lines-0-category": line.category_id, "lines-0-amount": amount,
            "lines-0-group": "", "lines-0-rule_rate": "", "lines-0-rule_base": "",
            "lines-0-actual": "", "lines-0-note_en": "", "lines-0-note_zh_hans": "",
            "lines-0-label_en": "", "lines-0-label_zh_hans": "",
        })

    first, second = as_user(ccm_officer), as_user(second_officer)
    first_version, second_version = opened_version(first, url), opened_version(second, url)
    assert post(first, "200", first_version).status_code == 302
    assert "was changed by ccm.officer" in post(second, "300", second_version).content.decode()
    assert Line.objects.get().amount == 200
    assert Budget.objects.get().pk == budget.pk
