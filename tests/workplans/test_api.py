from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from workplans.models import WorkPlan

PUBLISHED = WorkPlan.Status.PUBLISHED


def test_anonymous_visitors_see_published_plans_only(anonymous, ccm):
    published = factories.plan(year=2018, status=PUBLISHED)
    draft = factories.plan(year=2019)
    listed = anonymous.get("/api/workplans/").json()["results"]
    assert [plan["id"] for plan in listed] == [published.pk]
    assert anonymous.get(f"/api/workplans/{draft.pk}/").status_code == 404


def test_an_officer_sees_drafts_of_their_convention_but_not_of_another(
    as_user, ccm_officer, apmbc
):
    own_draft = factories.plan("CCM", 2019)
    other_draft = factories.plan("APMBC", 2026)
    client = as_user(ccm_officer)
    listed = [plan["id"] for plan in client.get("/api/workplans/").json()["results"]]
    assert listed == [own_draft.pk]
    assert client.get(f"/api/workplans/{other_draft.pk}/").status_code == 404


def test_plans_filter_by_convention_and_by_a_year_they_cover(anonymous, ccm, apmbc):
    annual = factories.plan("CCM", 2018, status=PUBLISHED)
    multi_year = factories.plan("CCM", 2016, end_year=2020, status=PUBLISHED)
    factories.plan("APMBC", 2018, status=PUBLISHED)
    listed = anonymous.get("/api/workplans/?convention=ccm&year=2018").json()["results"]
    assert sorted(plan["id"] for plan in listed) == sorted([annual.pk, multi_year.pk])
    listed = anonymous.get("/api/workplans/?convention=CCM&year=2019").json()["results"]
    assert [plan["id"] for plan in listed] == [multi_year.pk]


def test_the_detail_gives_the_whole_tree_in_both_languages_with_numbers(anonymous, ccm):
    plan = factories.plan(outcomes=2)
    factories.chapter(plan, "Mandate", paragraphs=2)
    factories.set_status(plan, PUBLISHED)
    data = anonymous.get(f"/api/workplans/{plan.pk}/").json()
    assert data["title"] == {"zh-hans": "执行支助股 2018 年工作计划", "en": "ISU 2018 work plan"}
    activity = data["outcomes"][1]["outputs"][0]["activities"][2]
    assert activity["number"] == "2.1.3"
    assert activity["text"] == {"zh-hans": "活动2.1.3", "en": "Activity 2.1.3"}
    assert data["chapters"][0]["label"] == {"zh-hans": "一.", "en": "I."}
    assert [p["number"] for p in data["chapters"][0]["paragraphs"]] == [1, 2]
    assert data["outcomes"][0]["indicators"][0]["target"] == "10.00"


def test_the_detail_runs_the_same_number_of_queries_for_a_small_and_a_large_plan(anonymous, ccm):
    small = factories.plan(year=2018, outcomes=5, status=PUBLISHED)
    large = factories.plan(year=2019, outcomes=50, status=PUBLISHED)
    counts = []
    for plan in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert anonymous.get(f"/api/workplans/{plan.pk}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_conventions_are_listed_with_names_and_bodies_in_both_languages(anonymous, db):
    data = {row["code"]: row for row in anonymous.get("/api/conventions/").json()}
    assert list(data) == ["APMBC", "BWC", "CCM", "CCW"]
    assert data["CCM"]["name"]["zh-hans"] == "《集束弹药公约》"
    assert data["APMBC"]["endorsing_body"] == {"en": "Coordinating Committee",
                                               "zh-hans": "协调委员会"}
    assert data["CCW"]["endorsing_body"] == {"en": "", "zh-hans": ""}


def test_the_openapi_schema_is_published(anonymous, db):
    response = anonymous.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/workplans/{id}/" in response.content


def test_a_year_that_is_not_a_whole_year_in_range_is_a_bad_request(anonymous, db):
    for year in ("abc", "2018.7", "1e30", "3000"):
        assert anonymous.get(f"/api/workplans/?year={year}").status_code == 400
