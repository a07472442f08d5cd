"""A new plan starts with the chapters its convention's plans usually have: those of its latest
plan (titles in both languages, kinds, numbering, the years moved to the new period, without
their text), or a standard structure for a convention with no plan yet."""

from django.utils import translation

from tests import factories
from tests.admin_pages import page_data
from tests.workplans.test_admin import ADMIN, new_plan_post
from workplans import models
from workplans.models import Chapter, WorkPlan
from workplans.services import clone_into_next_period


def chapters_of(plan):
    return list(plan.chapters.order_by("position").values_list(
        "kind", "numbered", "title_en", "title_zh_hans"))


def test_a_plan_added_in_the_admin_takes_the_chapters_of_its_conventions_latest_plan(
        as_user, ccm_officer, ccm):
    older = factories.plan("CCM", 2016)
    factories.chapter(older, "Old structure", kind=Chapter.Kind.NARRATIVE)
    latest = factories.plan("CCM", 2018)
    factories.chapter(latest, "Mandate", position=1, paragraphs=2, title_zh_hans="任务")
    factories.chapter(latest, "Activities, outputs and outcomes for 2018", position=2,
                      kind=Chapter.Kind.RESULTS_FRAMEWORK,
                      title_zh_hans="2018 年的活动、产出和成果")
    factories.chapter(latest, "Implementation Support Unit 2018 budget", position=3,
                      kind=Chapter.Kind.BUDGET, title_zh_hans="执行支助股 2018 年预算")
    factories.chapter(latest, "Annex", position=4, numbered=False, title_zh_hans="附件")

    response = as_user(ccm_officer).post(f"{ADMIN}add/", new_plan_post(ccm))

    assert response.status_code == 302
    new = WorkPlan.objects.get(start_year=2019)
    assert chapters_of(new) == [
        ("narrative", True, "Mandate", "任务"),
        ("results_framework", True, "Activities, outputs and outcomes for 2019",
         "2019 年的活动、产出和成果"),
        ("budget", True, "Implementation Support Unit 2019 budget", "执行支助股 2019 年预算"),
        ("narrative", False, "Annex", "附件"),
    ]
    assert not models.Paragraph.objects.filter(chapter__plan=new).exists()
    assert chapters_of(latest)[1][2] == "Activities, outputs and outcomes for 2018"


def test_a_conventions_first_plan_starts_with_the_standard_structure_in_both_languages(
        as_user, ccm_officer, ccm):
    response = as_user(ccm_officer).post(f"{ADMIN}add/", new_plan_post(ccm))

    assert response.status_code == 302
    new = WorkPlan.objects.get(start_year=2019)
    assert [kind for kind, *_rest in chapters_of(new)] == [
        "narrative", "results_framework", "budget"]
    assert [english for _kind, _numbered, english, _chinese in chapters_of(new)] == [
        "Introduction", "Results framework", "Budget"]
    with translation.override("zh-hans"):
        expected = [str(translation.gettext(title)) for title in
                    ("Introduction", "Results framework", "Budget")]
    assert [chinese for *_rest, chinese in chapters_of(new)] == expected
    assert expected[1:] == ["成果框架", "预算"]


def test_a_plan_edited_in_the_admin_keeps_its_chapters(as_user, ccm_officer, ccm):
    plan = factories.plan("CCM", 2018)
    factories.chapter(plan, "Only chapter")
    factories.plan("CCM", 2019)  # a later plan, with no chapter
    client = as_user(ccm_officer)
    page = client.get(f"{ADMIN}{plan.pk}/change/")
    assert client.post(f"{ADMIN}{plan.pk}/change/",
                       page_data(page) | {"title_en": "Renamed"}).status_code == 302
    assert [title for *_rest, title, _zh in chapters_of(plan)] == ["Only chapter"]


def test_a_clone_with_no_chapter_chosen_starts_with_the_usual_chapters(ccm):
    plan = factories.plan("CCM", 2018)
    factories.chapter(plan, "ISU 2018 budget", kind=Chapter.Kind.BUDGET, paragraphs=1,
                      title_zh_hans="执行支助股 2018 年预算")

    clone = clone_into_next_period(plan, chapters=[])

    assert chapters_of(clone) == [("budget", True, "ISU 2019 budget", "执行支助股 2019 年预算")]
    assert not models.Paragraph.objects.filter(chapter__plan=clone).exists()
