"""Officers edit budgets in the admin; bad figures are explained and nothing is half-saved."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from budgets.models import Budget, Category, Group, Line
from tests import factories

ADMIN = "/admin/budgets/budget/"


def formset(prefix, total=0, initial=0):
    return {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": initial,
            f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}


@pytest.fixture
def categories(db):
    """Two of the budget categories the migrations ship."""
    return {code: Category.objects.get(code=code) for code in ("salaries", "travel")}


def budget_post(plan, amounts, categories):
    data = {"plan": plan.pk, "year": plan.start_year, "layout": "notes", "source_zh_hans": "",
            "source_en": "",
            **formset("groups"), **formset("lines", len(amounts)), **formset("staff_positions"),
            **formset("travel"), **formset("in_kind")}
    for index, (code, amount) in enumerate(amounts):
        data |= {f"lines-{index}-position": index, f"lines-{index}-category": categories[code].pk,
                 f"lines-{index}-amount": amount, f"lines-{index}-group": "",
                 f"lines-{index}-rule_rate": "", f"lines-{index}-rule_base": "",
                 f"lines-{index}-actual": "", f"lines-{index}-note_en": "",
                 f"lines-{index}-note_zh_hans": "", f"lines-{index}-label_en": "",
                 f"lines-{index}-label_zh_hans": ""}
    return data


def errors_of(response):
    assert response.status_code == 200, "the form should come back with its errors"
    return " ".join(str(e) for e in response.context["errors"])


def test_an_officer_enters_a_budget_and_sees_its_total(as_user, ccm_officer, categories):
    plan = factories.plan("CCM", 2018)
    client = as_user(ccm_officer)
    response = client.post(f"{ADMIN}add/", budget_post(
        plan, [("salaries", "345054"), ("travel", "37000.50")], categories))
    assert response.status_code == 302, errors_of(response)
    budget = Budget.objects.get()
    page = client.get(f"{ADMIN}{budget.pk}/change/").content.decode()
    assert "CHF 382,055" in page  # the total, in whole francs
    assert "<svg" in page


@pytest.mark.parametrize("amount, message", [
    ("-5", "cannot be negative"),
    ("twelve", "Enter a number."),
    ("10.555", "Ensure that there are no more than 2 decimal places."),
    ("250000000", "surely a typing error"),
])
def test_bad_amounts_are_explained_and_nothing_is_saved(as_user, ccm_officer, categories,
                                                       amount, message):
    plan = factories.plan("CCM", 2018)
    response = as_user(ccm_officer).post(f"{ADMIN}add/", budget_post(
        plan, [("salaries", "345054"), ("travel", amount)], categories))
    assert message in errors_of(response)
    assert not Budget.objects.exists() and not Line.objects.exists()


def test_errors_speak_the_officers_language(as_user, ccm_officer, categories):
    client = as_user(ccm_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = client.post(f"{ADMIN}add/", budget_post(
        factories.plan("CCM", 2018), [("travel", "-5")], categories))
    assert "金额不能为负数" in errors_of(response)


def test_two_subtotals_posted_inside_each_other_are_refused(as_user, ccm_officer, categories):
    plan = factories.plan("CCM", 2018)
    budget = factories.budget(plan, groups=["Staff", "Travel"])
    staff, travel = Group.objects.order_by("position")
    data = budget_post(plan, [], categories) | formset("groups", 2, 2)
    for index, (group, parent) in enumerate([(staff, travel), (travel, staff)]):
        data |= {f"groups-{index}-id": group.pk, f"groups-{index}-budget": budget.pk,
                 f"groups-{index}-position": index, f"groups-{index}-title_en": group.title_en,
                 f"groups-{index}-title_zh_hans": "", f"groups-{index}-parent": parent.pk}
    response = as_user(ccm_officer).post(f"{ADMIN}{budget.pk}/change/", data)
    assert "A subtotal cannot contain itself." in errors_of(response)
    assert not Group.objects.filter(parent__isnull=False).exists()


def test_a_budget_year_outside_the_plan_is_refused(as_user, ccm_officer, categories):
    plan = factories.plan("CCM", 2018)
    data = budget_post(plan, [], categories) | {"year": 2020}
    assert "must fall within the work plan" in errors_of(
        as_user(ccm_officer).post(f"{ADMIN}add/", data))


def test_another_conventions_budget_is_not_there(as_user, apmbc_officer, ccm):
    budget = factories.budget(factories.plan("CCM", 2018), lines=[("salaries", "1")])
    assert as_user(apmbc_officer).get(f"{ADMIN}{budget.pk}/change/").status_code == 404
    response = as_user(apmbc_officer).post(f"{ADMIN}add/", {"plan": budget.plan_id,
                                                            "year": 2018})
    assert "plan" in response.context["adminform"].form.errors


def test_the_budget_of_a_published_plan_is_locked(as_user, ccm_officer, ccm):
    from workplans.models import WorkPlan

    plan = factories.plan("CCM", 2018)
    budget = factories.budget(plan, lines=[("salaries", "1")])
    factories.set_status(plan, WorkPlan.Status.PUBLISHED)
    response = as_user(ccm_officer).post(f"{ADMIN}{budget.pk}/change/", {"year": 2018})
    assert response.status_code == 403
    assert as_user(ccm_officer).get(f"{ADMIN}{budget.pk}/change/").status_code == 200


def test_a_shared_category_is_changed_by_a_superuser_only(as_user, ccm_sponsorship, ccm_officer,
                                                          superuser, categories):
    category = Category.objects.get(code="travel")
    url = f"/admin/budgets/category/{category.pk}/change/"
    data = {"code": "travel", "position": 1, "title_en": "Hacked", "title_zh_hans": "差旅"}
    for staff in (ccm_sponsorship, ccm_officer):
        assert as_user(staff).post(url, data).status_code == 403
    assert Category.objects.get(pk=category.pk).title_en != "Hacked"
    assert as_user(superuser).post(url, data).status_code == 302


def test_a_category_of_a_published_budget_keeps_its_name(ccm, categories):
    from workplans.models import WorkPlan

    plan = factories.plan("CCM", 2018)
    factories.budget(plan, lines=[("travel", "100")])
    factories.set_status(plan, WorkPlan.Status.PUBLISHED)
    category = Category.objects.get(code="travel")
    category.title_en = "Renamed"
    with pytest.raises(ValidationError, match="no longer changes"):
        category.save()


def test_subtotals_and_rule_lines_are_chosen_among_the_budgets_own_rows(as_user, ccm_officer):
    ours = factories.budget(factories.plan("CCM", 2018), lines=[("salaries", 100)],
                            groups=["Staff"])
    factories.budget(factories.plan("CCM", 2019), lines=[("travel", 200)], groups=["Travel"])
    client = as_user(ccm_officer)

    def choices(page):
        formsets = {f.formset.prefix: f.formset.empty_form.fields
                    for f in client.get(page).context["inline_admin_formsets"]}
        return {name: {row.pk for row in formsets[prefix][name].queryset}
                for prefix, name in [("groups", "parent"), ("lines", "group"),
                                     ("lines", "rule_base")]}

    assert choices(f"{ADMIN}{ours.pk}/change/") == {
        "parent": set(ours.groups.values_list("pk", flat=True)),
        "group": set(ours.groups.values_list("pk", flat=True)),
        "rule_base": set(ours.lines.values_list("pk", flat=True))}
    assert choices(f"{ADMIN}add/") == {"parent": set(), "group": set(), "rule_base": set()}
