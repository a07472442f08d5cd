"""A plan's progress on the public site, beside the plan: only where the head of the ISU published
it, with the figures through the quarter it was published as of, cached like every public page
and forgotten at once when it is published again or withdrawn; never in the plan's official
document."""

import re

import pytest
from django.test import override_settings

from meetings.rendering import body_html
from reporting.publishing import publish_progress, withdraw_progress
from reporting.services import record_progress
from tests.queries import queries_on_second_visit
from tests.reporting.plans import activities, progress
from tests.reporting.test_overview_publishing import YEAR, published_plan, quarter

PAGE = f"/en/ccm/work-plans/{YEAR}/progress/"
PLAN_PAGE = f"/en/ccm/work-plans/{YEAR}/"


@pytest.fixture
def plan(ccm):
    return published_plan()


def record(user, plan, number, status, account, activity=0):
    return record_progress(user, plan.pk, "activity", activities(plan)[activity].pk, progress(
        year=plan.start_year, period_number=number, status=status, account_en=account,
        account_zh_hans=""))


def status_cells(page):
    """{status: number} of the table's row for all activities."""
    row = re.search(r'<tr class="budget-total" id="status-total">.*?</tr>', page, re.S).group(0)
    return {label: int(number) for label, number in
            re.findall(r'data-label="([^"]+)">(\d+)<', row) if int(number)}


def test_nothing_is_public_until_the_head_publishes_it(anonymous, ccm_officer, ccm_head, plan):
    record(ccm_officer, plan, 1, "under_way", "Prepared the meeting.")
    assert anonymous.get(PAGE).status_code == 404
    assert anonymous.get(PAGE + "progress.csv").status_code == 404
    assert "/progress/" not in anonymous.get(PLAN_PAGE).content.decode()
    publish_progress(ccm_head, plan.pk, quarter(2))
    plan_page = anonymous.get(PLAN_PAGE).content.decode()  # cached before: forgotten at once
    assert f'<a href="{PAGE}">Progress of the plan</a>' in plan_page
    page = anonymous.get(PAGE).content.decode()
    assert f"Through Q2 {YEAR}" in page and "Prepared the meeting." in page
    assert status_cells(page) == {"Under way": 1, "No update": 3, "Activities": 4}
    assert "Budget for" in page and "CHF 1,000" in page
    chinese = anonymous.get(f"/zh-hans/ccm/work-plans/{YEAR}/progress/").content.decode()
    assert "正在进行" in chinese and "瑞郎" in chinese


def test_what_is_recorded_later_waits_for_the_next_publication(anonymous, ccm_officer, ccm_head,
                                                               plan):
    record(ccm_officer, plan, 1, "under_way", "Prepared the meeting.")
    publish_progress(ccm_head, plan.pk, quarter(2))
    record(ccm_officer, plan, 3, "done", "Held the meeting.")
    with override_settings(PUBLIC_PAGE_SECONDS=0):  # not the cache: the period published
        page = anonymous.get(PAGE).content.decode()
        assert "Held the meeting." not in page
        assert status_cells(page)["Under way"] == 1
        csv = anonymous.get(PAGE + "progress.csv").content.decode("utf-8-sig")
        assert "Prepared the meeting." in csv and "Held the meeting." not in csv
    publish_progress(ccm_head, plan.pk, quarter(4))
    page = anonymous.get(PAGE).content.decode()
    assert "Held the meeting." in page and status_cells(page)["Done"] == 1
    assert f"{YEAR}, the whole year" in page


def test_a_withdrawn_progress_leaves_the_public_site_at_once(anonymous, ccm_head, plan):
    publish_progress(ccm_head, plan.pk, quarter(1))
    assert anonymous.get(PAGE).status_code == 200
    assert "/progress/" in anonymous.get(PLAN_PAGE).content.decode()
    withdraw_progress(ccm_head, plan.pk)
    assert anonymous.get(PAGE).status_code == 404
    assert anonymous.get(PAGE + "progress.xlsx").status_code == 404
    assert "/progress/" not in anonymous.get(PLAN_PAGE).content.decode()


def test_an_earlier_versions_progress_is_read_with_its_version(anonymous, ccm_head, ccm):
    plan = published_plan()
    publish_progress(ccm_head, plan.pk, quarter(1))
    assert anonymous.get(PAGE + "?version=1").status_code == 200
    assert anonymous.get(PAGE + "?version=2").status_code == 404
    assert anonymous.get(f"/en/ccm/work-plans/{YEAR - 5}/progress/").status_code == 404
    assert anonymous.get("/en/ccm/work-plans/twenty/progress/").status_code == 404


def test_the_plans_official_document_prints_no_progress(ccm_officer, ccm_head, plan):
    record(ccm_officer, plan, 1, "postponed", "Waiting for the host country.")
    publish_progress(ccm_head, plan.pk, quarter(4))
    document = plan.document
    for body in (body_html(document, "en", for_pdf=True), body_html(document, "en")):
        assert "Activity 1.1.1" in body  # the plan itself
        assert "Waiting for the host country." not in body
        assert "Postponed" not in body and "Progress of the plan" not in body
        assert "/progress/" not in body


def test_the_page_costs_the_same_for_a_small_and_a_large_plan(anonymous, ccm_officer,
                                                              ccm_head, ccm):
    small = published_plan(outcomes=1)
    large = published_plan(year=YEAR - 1, outcomes=8)
    for plan in (small, large):
        for index in range(0, len(activities(plan)), 2):
            record(ccm_officer, plan, 4, "done", "Done.", activity=index)
        publish_progress(ccm_head, plan.pk, quarter(4, plan.start_year))
    with override_settings(PUBLIC_PAGE_SECONDS=0):
        small_queries, large_queries = queries_on_second_visit(
            anonymous, PAGE, f"/en/ccm/work-plans/{YEAR - 1}/progress/")
    assert small_queries == large_queries
    assert small_queries <= 30
