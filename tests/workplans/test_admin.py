"""The whole plan is edited on one admin page, within the officer's conventions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from isu.models import Action, ActionPlan
from tests import factories
from tests.admin_pages import add_form, page_data
from workplans import models
from workplans.models import WorkPlan

ADMIN = "/admin/workplans/workplan/"


def formset(prefix, total=0, initial=0):
    return {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": initial,
            f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}


def new_plan_post(convention):
    """An add-page POST: one outcome with one output, two activities and an indicator."""
    data = {
        "convention": convention.pk, "start_year": 2019, "end_year": 2019, "status": "draft",
        "title_zh_hans": "执行支助股 2019 年工作计划", "title_en": "ISU 2019 work plan",
        "main_objective_zh_hans": "", "main_objective_en": "Support implementation.",
        **formset("summary_items"), **formset("chapters"), **formset("thematic_areas"),
        **formset("outcomes", 1), **formset("outcomes-0-indicators"),
        **formset("outcomes-0-outputs", 1), **formset("outcomes-0-outputs-0-indicators", 1),
        **formset("outcomes-0-outputs-0-activities", 2),
        "outcomes-0-position": 1, "outcomes-0-text_zh_hans": "成果", "outcomes-0-text_en": "Outcome",
        "outcomes-0-outputs-0-position": 1, "outcomes-0-outputs-0-text_en": "Output",
        "outcomes-0-outputs-0-text_zh_hans": "产出",
        "outcomes-0-outputs-0-indicators-0-position": 1,
        "outcomes-0-outputs-0-indicators-0-description_en": "Missions",
        "outcomes-0-outputs-0-indicators-0-unit_en": "missions",
        "outcomes-0-outputs-0-indicators-0-qualifier": "up_to",
        "outcomes-0-outputs-0-indicators-0-target": "10",
    }
    for index in (0, 1):
        prefix = f"outcomes-0-outputs-0-activities-{index}"
        data |= {f"{prefix}-position": index + 1, f"{prefix}-text_en": f"Activity {index + 1}",
                 f"{prefix}-text_zh_hans": f"活动{index + 1}"}
    return data


def test_one_post_of_a_nested_plan_creates_the_whole_tree(as_user, ccm_officer, ccm):
    response = as_user(ccm_officer).post(f"{ADMIN}add/", new_plan_post(ccm))
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    plan = WorkPlan.objects.get(start_year=2019)
    activity_texts = list(
        models.Activity.objects.filter(output__outcome__plan=plan).values_list("text_en", flat=True)
    )
    assert activity_texts == ["Activity 1", "Activity 2"]
    assert models.Indicator.objects.get(output__outcome__plan=plan).target == 10


def test_a_nested_post_with_an_empty_activity_saves_nothing(as_user, ccm_officer, ccm):
    data = new_plan_post(ccm)
    data["outcomes-0-outputs-0-activities-1-text_en"] = ""
    data["outcomes-0-outputs-0-activities-1-text_zh_hans"] = ""
    data["outcomes-0-outputs-0-activities-1-position"] = "7"
    response = as_user(ccm_officer).post(f"{ADMIN}add/", data)
    assert response.status_code == 200
    assert "Enter the activity in Chinese or in English." in response.content.decode()
    assert not WorkPlan.objects.exists() and not models.Activity.objects.exists()


def test_the_change_page_edits_both_languages_and_marks_missing_translations(
    as_user, ccm_officer, ccm
):
    plan = factories.plan(outcomes=1)
    models.Output.objects.filter(text_en="Output 1.1").update(text_zh_hans="")
    page = as_user(ccm_officer).get(f"{ADMIN}{plan.pk}/change/").content.decode()
    assert 'name="outcomes-0-text_zh_hans"' in page and 'name="outcomes-0-text_en"' in page
    assert page.count("translation-missing") >= 1
    assert "Translation missing" in page
    assert "% translated" in page


def test_an_apmbc_officer_can_neither_see_nor_change_a_ccm_plan(as_user, apmbc_officer, ccm):
    plan = factories.plan("CCM", outcomes=1)
    client = as_user(apmbc_officer)
    assert str(plan) not in client.get(ADMIN).content.decode()
    assert client.get(f"{ADMIN}{plan.pk}/change/").status_code == 404
    assert client.get(f"{ADMIN}{plan.pk}/history/").status_code == 404
    response = client.post(f"{ADMIN}{plan.pk}/change/", {"title_en": "Taken over"})
    assert response.status_code == 404
    plan.refresh_from_db()
    assert plan.title_en == "ISU 2018 work plan"


def test_an_officer_cannot_create_a_plan_for_another_convention(as_user, apmbc_officer, ccm):
    response = as_user(apmbc_officer).post(f"{ADMIN}add/", new_plan_post(ccm))
    assert response.status_code == 200
    assert not WorkPlan.objects.exists()


def test_a_coordinator_of_two_conventions_sees_both(as_user, coordinator):
    ccm_plan = factories.plan("CCM")
    apmbc_plan = factories.plan("APMBC", 2026)
    page = as_user(coordinator).get(ADMIN).content.decode()
    assert str(ccm_plan) in page and str(apmbc_plan) in page


def test_a_user_without_a_role_is_kept_out(as_user, db):
    nobody = factories.user("nobody")
    assert as_user(nobody).get(ADMIN).status_code == 403


def test_the_clone_action_copies_the_plan_into_next_years_draft(as_user, ccm_officer, ccm):
    plan = factories.plan(outcomes=2, status=WorkPlan.Status.PUBLISHED)
    response = as_user(ccm_officer).post(
        ADMIN, {"action": "clone_into_next_period", "_selected_action": [plan.pk]}
    )
    assert response.status_code == 302
    clone = WorkPlan.objects.get(start_year=2019)
    assert clone.cloned_from == plan and clone.status == WorkPlan.Status.DRAFT


def test_activities_can_cite_only_the_action_plans_of_the_officers_conventions(
    as_user, ccm_officer, ccm, apmbc
):
    dubrovnik = ActionPlan.objects.create(convention=ccm, name_en="Dubrovnik Action Plan",
                                          start_year=2015, end_year=2020)
    Action.objects.create(action_plan=dubrovnik, number="7", text_en="Clear land")
    oslo = ActionPlan.objects.create(convention=apmbc, name_en="Oslo Action Plan",
                                     start_year=2020, end_year=2024)
    Action.objects.create(action_plan=oslo, number="21", text_en="Survey")
    plan = factories.plan(outcomes=1)
    page = as_user(ccm_officer).get(f"{ADMIN}{plan.pk}/change/").content.decode()
    assert "Dubrovnik Action Plan #7</option>" in page
    assert "Oslo Action Plan #21" not in page


def test_the_list_shows_each_plans_translation_figure_in_a_fixed_number_of_queries(
    as_user, ccm_officer, ccm
):
    factories.plan(year=2018, outcomes=1)
    models.Outcome.objects.update(text_zh_hans="")
    client = as_user(ccm_officer)
    with CaptureQueriesContext(connection) as one_plan:
        page = client.get(ADMIN).content.decode()
    assert "% translated" in page
    for year in (2019, 2020, 2021):
        factories.plan(year=year, outcomes=2)
    with CaptureQueriesContext(connection) as four_plans:
        client.get(ADMIN)
    assert len(four_plans) == len(one_plan)


def test_a_post_cannot_rename_or_delete_another_conventions_rows(as_user, ccm_officer, apmbc):
    own = factories.plan("CCM")
    other = factories.plan("APMBC", 2026)
    foreign = factories.chapter(other, "Foreign chapter", paragraphs=1)
    factories.set_status(other, WorkPlan.Status.PUBLISHED)
    client = as_user(ccm_officer)
    data = {
        "convention": own.convention_id, "start_year": 2018, "end_year": 2018, "status": "draft",
        "title_zh_hans": own.title_zh_hans, "title_en": own.title_en,
        **formset("summary_items"), **formset("outcomes"), **formset("thematic_areas"),
        **formset("chapters", 1, 1), **formset("chapters-0-paragraphs"),
        **formset("chapters-0-sections"),
        "chapters-0-id": foreign.pk, "chapters-0-plan": own.pk, "chapters-0-position": 1,
        "chapters-0-kind": "narrative", "chapters-0-numbered": "on",
        "chapters-0-title_en": "Hijacked",
    }
    for attempt in ({}, {"chapters-0-DELETE": "on"}):
        response = client.post(f"{ADMIN}{own.pk}/change/", data | attempt)
        assert response.status_code == 200
        assert "does not belong to this work plan" in response.content.decode()
        foreign.refresh_from_db()
        assert (foreign.plan_id, foreign.title_en) == (other.pk, "Foreign chapter")


@pytest.fixture
def foreign_published_plan(apmbc):
    plan = factories.plan("APMBC", 2026, outcomes=1)
    factories.chapter(plan, "Their chapter", paragraphs=1)
    return factories.set_status(plan, WorkPlan.Status.PUBLISHED)


@pytest.mark.parametrize("depth", ["chapter", "paragraph", "activity"])
def test_a_new_form_cannot_take_over_a_row_of_another_conventions_published_plan(
        as_user, ccm_officer, foreign_published_plan, depth):
    own = factories.plan("CCM", outcomes=1)
    factories.chapter(own, "Our chapter")
    client = as_user(ccm_officer)
    url = f"{ADMIN}{own.pk}/change/"
    data = page_data(client.get(url))
    if depth == "chapter":
        foreign = foreign_published_plan.chapters.get()
        form = add_form(data, "chapters", id=foreign.pk, plan=own.pk, position=5,
                        kind="narrative", numbered="on", title_en="Hijacked")
        data |= formset(f"{form}-paragraphs") | formset(f"{form}-sections")
    elif depth == "paragraph":
        foreign = models.Paragraph.objects.get(chapter__plan=foreign_published_plan)
        form = add_form(data, "chapters-0-paragraphs", id=foreign.pk, position=5,
                        numbered="on", subparagraph_style="letters", text_en="Hijacked")
        data |= formset(f"{form}-subparagraphs")
    else:
        foreign = models.Activity.objects.filter(output__outcome__plan=foreign_published_plan)[0]
        add_form(data, "outcomes-0-outputs-0-activities", id=foreign.pk, position=9,
                 text_en="Hijacked")
    def stored():
        row = type(foreign).objects.get(pk=foreign.pk)
        return {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}

    before = stored()
    response = client.post(url, data)
    assert response.status_code == 200
    assert "does not belong to this work plan" in response.content.decode()
    assert stored() == before
    assert models.Chapter.objects.filter(plan=own).count() == 1


def test_every_inline_of_a_record_guards_its_rows():
    """Every inline formset, at every depth, of the nested record pages is an OwnRowsFormSet."""
    from django.contrib import admin

    from isu.nested import OwnRowsFormSet

    def inlines(model_admin_or_inline):
        for inline in getattr(model_admin_or_inline, "inlines", []):
            yield inline
            yield from inlines(inline)

    checked = 0
    for model_admin in admin.site._registry.values():
        if not hasattr(model_admin, "get_formsets_with_inlines") or not any(
                hasattr(inline, "inlines") for inline in inlines(model_admin)):
            continue  # a page without nested inlines keeps Django's own formsets
        for inline in inlines(model_admin):
            assert issubclass(inline.formset, OwnRowsFormSet), inline
            checked += 1
    assert checked >= 20


def test_a_seed_like_plan_with_an_error_is_shown_again_not_a_500(as_user, ccm_officer, ccm):
    plan = factories.plan("CCM")
    for position, kind in enumerate(["specific_objective", "expected_result"] * 2, start=1):
        models.SummaryItem.objects.create(plan=plan, kind=kind, position=(position + 1) // 2,
                                          text_en=f"Item {position}")
    client = as_user(ccm_officer)
    url = f"{ADMIN}{plan.pk}/change/"
    data = page_data(client.get(url))
    data["title_en"] = data["title_zh_hans"] = ""  # an error: the title is missing
    response = client.post(url, data)
    assert response.status_code == 200
    assert "title" in response.content.decode()


def test_a_stale_save_of_a_seed_like_plan_says_who_changed_it(as_user, ccm_officer, ccm):
    from isu.models import StaffRole

    plan = factories.plan("CCM")
    for position, kind in enumerate(["specific_objective", "expected_result"] * 2, start=1):
        models.SummaryItem.objects.create(plan=plan, kind=kind, position=(position + 1) // 2,
                                          text_en=f"Item {position}")
    url = f"{ADMIN}{plan.pk}/change/"
    first = as_user(ccm_officer)
    second = as_user(factories.user("second.officer", ("CCM", StaffRole.Role.ISU_OFFICER)))
    first_data, second_data = page_data(first.get(url)), page_data(second.get(url))
    first_data["title_en"] = "First"
    assert first.post(url, first_data).status_code == 302
    second_data["title_en"] = "Second"
    response = second.post(url, second_data)
    assert response.status_code == 200
    assert "was changed by ccm.officer at" in response.content.decode()
    assert WorkPlan.objects.get(pk=plan.pk).title_en == "First"
