"""The demo loader reproduces the seed documents and changes nothing when run again."""

import re

import pytest

from tests.seeds import load_demo, seed
from workplans import models
from workplans.outline import number_tree, tree_prefetches

SEED_000 = "000_127e1d19d1ba6ee9.txt"
CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef《》、，。；：（）]"


def seed_000_results_framework():
    """(kind, number, Chinese text) of every results row, read from the seed document itself."""
    text = seed(SEED_000).read_text(encoding="utf-8")
    framework = text.split("六. 2018 年的活动、产出和成果")[1].split("七. 假设")[0]
    rows = re.split(r"(成果|产出|活动) (\d+(?:\.\d+)*)[.:]\s", framework)[1:]
    result = []
    for kind, number, body in zip(rows[0::3], rows[1::3], rows[2::3], strict=True):
        body = re.sub(r"\s*\n\s*", "", body.strip())
        body = re.sub(rf"(?<={CJK}) +| +(?={CJK})", "", body)
        result.append((kind, number.rstrip("."), body))
    return result


def ccm_2018():
    plan = models.WorkPlan.objects.prefetch_related(*tree_prefetches()).get(
        convention__code="CCM", start_year=2018
    )
    return number_tree(plan)


def normalised(text):
    return re.sub(rf"(?<={CJK}) +| +(?={CJK})", "", text)


def test_the_ccm_2018_plan_has_5_outcomes_10_outputs_and_28_activities(demo):
    plan = ccm_2018()
    outputs = [o for outcome in plan.outcomes.all() for o in outcome.outputs.all()]
    activities = [a for o in outputs for a in o.activities.all()]
    assert (plan.outcomes.count(), len(outputs), len(activities)) == (5, 10, 28)


@pytest.mark.seeds(SEED_000)
def test_every_number_and_chinese_text_of_seed_000_results_framework_is_reproduced(demo):
    plan = ccm_2018()
    loaded = []
    for outcome in plan.outcomes.all():
        loaded.append(("成果", outcome.number, normalised(outcome.text_zh_hans)))
        for output in outcome.outputs.all():
            loaded.append(("产出", output.number, normalised(output.text_zh_hans)))
            for activity in output.activities.all():
                loaded.append(("活动", activity.number, normalised(activity.text_zh_hans)))
    assert loaded == seed_000_results_framework()


def test_seed_000_paragraphs_run_from_1_to_23_with_assumptions_last(demo):
    plan = ccm_2018()
    numbers, assumptions = [], []
    for chapter in plan.chapters.all():
        paragraphs = list(chapter.paragraphs.all()) + [
            p for section in chapter.sections.all() for p in section.paragraphs.all()
        ]
        numbers += [p.number for p in paragraphs if not p.bullet]
        if chapter.kind == models.Chapter.Kind.ASSUMPTIONS:
            assumptions = [p.number for p in paragraphs]
        if chapter.kind == models.Chapter.Kind.BUDGET:  # the three notes under the table
            assert [(p.bullet, p.number) for p in paragraphs] == [(True, None)] * 3
    assert numbers == list(range(1, 24))
    assert assumptions == [19, 20, 21, 22, 23]


def test_seed_000_paragraph_2_keeps_the_membership_figures_in_both_languages(demo):
    paragraph = models.Paragraph.objects.get(
        chapter__plan__convention__code="CCM", chapter__plan__start_year=2018,
        text_zh_hans__contains="119 个国家",
    )
    assert "101 个为缔约国，18 个为签署国" in paragraph.text_zh_hans
    assert "119" in paragraph.text_en and "101" in paragraph.text_en


def test_the_apmbc_2026_matrix_has_every_thematic_area_with_four_columns(demo):
    plan = models.WorkPlan.objects.get(convention__code="APMBC", start_year=2026)
    areas = list(plan.thematic_areas.all())
    assert areas[0].title_zh_hans == "支持《公约》各委员会和主席"
    for area in areas:
        assert area.activities.exists() and area.outputs.exists()
        assert area.outcomes.exists() and area.impacts.exists()
    target = models.Indicator.objects.get(output__thematic_area=areas[0], output__position=1)
    assert (target.qualifier, target.target) == ("up_to", 60)


def test_loading_twice_changes_nothing(demo):
    counts = [model.objects.count() for model in (models.WorkPlan, models.Paragraph,
                                                  models.Activity, models.Impact)]
    history = models.Activity.history.count()
    load_demo()
    assert counts == [model.objects.count() for model in (models.WorkPlan, models.Paragraph,
                                                          models.Activity, models.Impact)]
    assert models.Activity.history.count() == history


def test_the_ccm_2018_plan_reads_as_adopted_by_its_meeting_in_both_languages(demo, client):
    english = client.get("/en/ccm/work-plans/2018/").content.decode()
    assert "by the Seventh Meeting of States Parties on 6 September 2017" in english
    chinese = client.get("/zh-hans/ccm/work-plans/2018/").content.decode()
    assert "由缔约国第七次会议于2017年9月6日通过" in chinese
