"""After a clone, the places where the plan still names the years of the period before it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from workplans import models
from workplans.services import clone_into_next_period
from workplans.years import old_year_places, old_years


@pytest.fixture
def ccm_2018(ccm):
    plan = factories.plan("CCM", 2018, outcomes=1)
    factories.chapter(plan, "Introduction", position=1, paragraphs=1)
    basis = factories.chapter(plan, "Basis of the 2018 work plan", position=2)
    section = models.Section.objects.create(chapter=basis, title_en="Mandate")
    models.Paragraph.objects.create(
        section=section, position=1,
        text_en="The plan covers the period from 1 January to 31 December 2018, as decided.",
        text_zh_hans="本计划涵盖2018年1月1日至12月31日期间。",
    )
    return plan


def places_of(plan):
    return [(place.kind, place.number, place.field, place.language, place.year)
            for place in old_year_places(plan)]


def test_a_cloned_plan_lists_the_old_year_in_both_languages_with_snippets(ccm_2018):
    clone = clone_into_next_period(ccm_2018)
    places = old_year_places(clone)
    assert [(p.kind, p.number, p.field, p.language, p.year) for p in places] == [
        ("chapter", "II.", "title", "en", 2018),
        ("paragraph", "2.", "text", "zh-hans", 2018),
        ("paragraph", "2.", "text", "en", 2018),
    ]
    _chapter, chinese, english = places
    assert english.row.section.chapter.plan_id == clone.pk
    assert english.snippet == "…ry to 31 December 2018, as decided."
    assert chinese.snippet == "本计划涵盖2018年1月1日至12月31日期间。"
    assert "2018年" in chinese.snippet
    assert (english.field_label, english.language_name) == ("text", "English")


def test_the_chapter_number_is_printed_in_each_language(ccm_2018):
    models.Chapter.objects.filter(title_en__startswith="Basis").update(
        title_zh_hans="2018年工作计划的依据")
    clone = clone_into_next_period(ccm_2018)
    numbers = {(p.language, p.number) for p in old_year_places(clone) if p.kind == "chapter"}
    assert numbers == {("en", "II."), ("zh-hans", "二.")}


def test_a_long_text_gives_a_snippet_of_about_forty_characters(ccm_2018):
    clone = clone_into_next_period(ccm_2018)
    words = "word " * 30
    paragraph = models.Paragraph.objects.filter(section__chapter__plan=clone).get()
    paragraph.text_en = f"{words}in 2018 {words}"
    paragraph.save()
    [place] = [p for p in old_year_places(clone) if p.language == "en" and p.kind == "paragraph"]
    assert place.snippet.startswith("…") and place.snippet.endswith("…")
    assert "in 2018 word" in place.snippet and 35 <= len(place.snippet) <= 45


def test_the_title_shifted_by_the_clone_is_not_listed(ccm_2018):
    clone = clone_into_next_period(ccm_2018)
    assert clone.title_en == "ISU 2019 work plan"
    assert "work plan" not in {p.kind for p in old_year_places(clone)}


def test_longer_numbers_and_amounts_are_not_years(ccm_2018):
    clone = clone_into_next_period(ccm_2018)
    models.Paragraph.objects.filter(section__chapter__plan=clone).update(
        text_en="Reference 12018, CHF 2,018, CHF 2018.50, 1,2018 and 20180 are no years.",
        text_zh_hans="编号12018，2,018瑞郎。")
    models.Chapter.objects.filter(plan=clone, title_en__startswith="Basis").update(
        title_en="Basis")
    assert places_of(clone) == []


def test_every_text_of_every_row_is_searched(ccm_2018):
    clone = clone_into_next_period(ccm_2018)
    models.WorkPlan.objects.filter(pk=clone.pk).update(main_objective_en="Build on 2018.")
    models.Activity.objects.filter(output__outcome__plan=clone, position=2,
                                   output__position=1).update(text_zh_hans="延续2018年的工作")
    models.Indicator.objects.filter(outcome__plan=clone).update(unit_en="meetings (2018 count)")
    places = places_of(clone)
    assert ("work plan", "", "main_objective", "en", 2018) in places
    assert ("activity", "1.1.2", "text", "zh-hans", 2018) in places
    assert ("indicator", "", "unit", "en", 2018) in places


def test_a_plan_with_no_old_year_lists_nothing(ccm):
    plan = factories.plan("CCM", 2019, outcomes=1)
    factories.chapter(plan, "Basis of the 2019 work plan", paragraphs=2)
    assert old_year_places(plan) == []


def test_a_plan_that_was_not_cloned_looks_at_the_ten_years_before_it(ccm):
    plan = factories.plan("CCM", 2019)
    factories.chapter(plan, "Since 2008, and in 2018; not 2007", paragraphs=0)
    assert old_years(plan) == list(range(2009, 2019))
    assert [p.year for p in old_year_places(plan)] == [2018]


def test_a_multi_year_plan_looks_for_every_year_of_its_source(ccm):
    plan = factories.plan("CCM", 2016, end_year=2020, title_en="ISU 2016–2020 work plan")
    factories.chapter(plan, "Review of 2016–2020 and of 2019", paragraphs=0)
    clone = clone_into_next_period(plan)
    assert old_years(clone) == [2016, 2017, 2018, 2019, 2020]
    assert [p.year for p in old_year_places(clone)] == [2016, 2020, 2019]


def test_a_fixed_number_of_queries_whatever_the_size_of_the_plan(ccm):
    def queries(outcomes, chapters):
        plan = factories.plan("CCM", 2018, outcomes=outcomes)
        for position in range(chapters):
            chapter = factories.chapter(plan, f"In 2018 {position}", position, paragraphs=3)
            section = models.Section.objects.create(chapter=chapter, title_en="2018")
            models.Paragraph.objects.create(section=section, text_en="2018")
        clone = clone_into_next_period(plan)
        with CaptureQueriesContext(connection) as captured:
            places = old_year_places(clone)
        models.WorkPlan.objects.filter(pk__in=[plan.pk, clone.pk]).delete()
        return len(captured), len(places)

    small, large = queries(1, 1), queries(3, 5)
    assert small[0] == large[0] and large[1] > small[1]
