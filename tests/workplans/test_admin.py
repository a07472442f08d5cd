"""The admin's plan page: the plan's own fields, within the officer's conventions. Its rows are
edited in the workspace; the page has no row forms, so rows posted to it change nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from isu.models import Action, ActionPlan
from tests import factories
from tests.admin_pages import page_data
from workplans import editing, models
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


def test_the_add_page_creates_the_plan_alone_and_ignores_posted_rows(as_user, ccm_officer, ccm):
    response = as_user(ccm_officer).post(f"{ADMIN}add/", new_plan_post(ccm))
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    plan = WorkPlan.objects.get(start_year=2019)
    assert plan.title_en == "ISU 2019 work plan"
    assert not models.Outcome.objects.exists() and not models.Activity.objects.exists()
    assert not models.Indicator.objects.exists()


def test_an_activity_left_empty_in_both_languages_saves_nothing(ccm_officer, ccm):
    """Rows are written in the workspace (workplans/editing.py), which refuses an empty one."""
    plan = factories.plan(outcomes=1)
    row = models.Activity.objects.filter(output__outcome__plan=plan).first()
    form = editing.row_form_class(models.Activity)(instance=row)
    data = {name: "" if form[name].value() is None else form[name].value()
            for name in form.fields} | {"text_en": "", "text_zh_hans": ""}
    _row, form = editing.save_row(ccm_officer, plan.pk, "activity", row.pk, data)
    assert "Enter the activity in Chinese or in English." in str(form.errors)
    assert models.Activity.objects.get(pk=row.pk).text_en == row.text_en


def test_the_change_page_edits_both_languages_and_marks_missing_translations(
    as_user, ccm_officer, ccm
):
    plan = factories.plan(outcomes=1, title_zh_hans="")
    models.Output.objects.filter(text_en="Output 1.1").update(text_zh_hans="")
    page = as_user(ccm_officer).get(f"{ADMIN}{plan.pk}/change/").content.decode()
    assert 'name="title_zh_hans"' in page and 'name="title_en"' in page
    assert page.count("translation-missing") >= 1
    assert "Translation missing" in page
    assert "% translated" in page


def test_the_change_page_has_no_row_forms_and_links_to_the_workspace(as_user, ccm_officer, ccm):
    plan = factories.plan_with_every_kind_of_row()
    response = as_user(ccm_officer).get(f"{ADMIN}{plan.pk}/change/")
    page = response.content.decode()
    assert response.context["inline_admin_formsets"] == []
    assert "TOTAL_FORMS" not in page and 'name="outcomes-0-text_en"' not in page
    assert f'href="/workspace/plans/{plan.pk}/">Edit in the workspace</a>' in page
    assert f'href="{ADMIN}{plan.pk}/history/"' in page


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


def test_the_list_tells_two_versions_of_one_period_apart(as_user, ccm_officer, ccm):
    factories.published_plan_and_its_revision("CCM", 2018)
    page = as_user(ccm_officer).get(ADMIN).content.decode()
    rows = [row.split("</tr>")[0] for row in page.split("<tr")[1:] if "CCM 2018" in row]
    assert len(rows) == 2
    assert "field-version" in rows[0] and "field-symbol" in rows[0]
    shown = sorted((">2<" in row, "CCM/MSP/2017/4/Rev.1" in row, "Draft" in row)
                   for row in rows)
    assert shown == [(False, False, False), (True, True, True)]
    assert any("CCM/MSP/2017/4<" in row and "Published" in row for row in rows)


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
    """An activity's actions are chosen in the workspace, where it is edited."""
    dubrovnik = ActionPlan.objects.get(convention=ccm, name_en="Dubrovnik Action Plan")
    Action.objects.create(action_plan=dubrovnik, number="7", text_en="Clear land")
    oslo = ActionPlan.objects.get(convention=apmbc, name_en="Oslo Action Plan")
    Action.objects.create(action_plan=oslo, number="21", text_en="Survey")
    plan = factories.plan(outcomes=1)
    row = models.Activity.objects.filter(output__outcome__plan=plan).first()
    page = as_user(ccm_officer).get(f"/workspace/plans/{plan.pk}/",
                                    {"edit": f"activity-{row.pk}"}).content.decode()
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


def stored(row):
    row = type(row).objects.get(pk=row.pk)
    return {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}


def test_a_post_cannot_rename_or_delete_another_conventions_rows(as_user, ccm_officer, apmbc):
    """A regression test of the nested admin's takeover: the page has no row forms, so row data
    posted with their management forms changes no row, another plan's or its own."""
    own = factories.plan("CCM")
    own_chapter = factories.chapter(own, "Our chapter")
    other = factories.plan("APMBC", 2026)
    foreign = factories.chapter(other, "Foreign chapter", paragraphs=1)
    factories.set_status(other, WorkPlan.Status.PUBLISHED)
    client = as_user(ccm_officer)
    url = f"{ADMIN}{own.pk}/change/"
    for attempt in ({}, {"chapters-0-DELETE": "on"}, {"chapters-1-DELETE": "on"}):
        before = stored(foreign), stored(own_chapter)
        data = page_data(client.get(url)) | {
            **formset("summary_items"), **formset("outcomes"), **formset("thematic_areas"),
            **formset("chapters", 2, 2), **formset("chapters-0-paragraphs"),
            **formset("chapters-0-sections"),
            "chapters-0-id": foreign.pk, "chapters-0-plan": own.pk, "chapters-0-position": 1,
            "chapters-0-kind": "narrative", "chapters-0-numbered": "on",
            "chapters-0-title_en": "Hijacked",
            "chapters-1-id": own_chapter.pk, "chapters-1-plan": own.pk,
            "chapters-1-title_en": "Renamed through the admin",
        } | attempt
        response = client.post(url, data)
        assert response.status_code == 302
        assert (stored(foreign), stored(own_chapter)) == before
    assert models.Chapter.objects.filter(plan=own).count() == 1


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
    # The forms the nested admin showed, each new form naming a row of the other plan.
    data |= formset("summary_items") | formset("thematic_areas")
    if depth == "chapter":
        foreign = foreign_published_plan.chapters.get()
        data |= formset("chapters", 1) | formset("outcomes") | {
            "chapters-0-id": foreign.pk, "chapters-0-plan": own.pk, "chapters-0-position": 5,
            "chapters-0-kind": "narrative", "chapters-0-numbered": "on",
            "chapters-0-title_en": "Hijacked",
        } | formset("chapters-0-paragraphs") | formset("chapters-0-sections")
    elif depth == "paragraph":
        foreign = models.Paragraph.objects.get(chapter__plan=foreign_published_plan)
        data |= formset("chapters", 1, 1) | formset("outcomes") | formset(
            "chapters-0-paragraphs", 1) | formset("chapters-0-sections") | {
            "chapters-0-paragraphs-0-id": foreign.pk, "chapters-0-paragraphs-0-position": 5,
            "chapters-0-paragraphs-0-numbered": "on",
            "chapters-0-paragraphs-0-subparagraph_style": "letters",
            "chapters-0-paragraphs-0-text_en": "Hijacked",
        } | formset("chapters-0-paragraphs-0-subparagraphs")
    else:
        foreign = models.Activity.objects.filter(output__outcome__plan=foreign_published_plan)[0]
        data |= formset("chapters") | formset("outcomes", 1, 1) | formset(
            "outcomes-0-outputs", 1, 1) | formset("outcomes-0-outputs-0-activities", 1) | {
            "outcomes-0-outputs-0-activities-0-id": foreign.pk,
            "outcomes-0-outputs-0-activities-0-position": 9,
            "outcomes-0-outputs-0-activities-0-text_en": "Hijacked",
        }
    before = stored(foreign)
    response = client.post(url, data)
    assert response.status_code == 302
    assert stored(foreign) == before
    assert models.Chapter.objects.filter(plan=own).count() == 1


def test_the_record_pages_have_no_row_inlines():
    """The plan's and the document's admin pages edit the record's own fields only: their rows
    are written through workplans/editing.py and meetings/editing.py (the workspace)."""
    import importlib.util

    from django.contrib import admin

    from meetings.models import Document

    for model in (WorkPlan, Document):
        assert not admin.site._registry[model].inlines, model
    assert importlib.util.find_spec("nested_admin") is None


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
