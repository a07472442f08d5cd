"""The public site: published content only, both languages, fixed query counts."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from workplans.models import Outcome, WorkPlan

PUBLISHED = WorkPlan.Status.PUBLISHED


@pytest.fixture
def ccm_2018(ccm):
    return factories.plan("CCM", 2018, outcomes=2, status=PUBLISHED,
                          document=factories.document(
                          factories.meeting("CCM", "msp", 7), number=4, body="work_plan",
                          title_en="ISU 2018 work plan and budget",
                          title_zh_hans="执行支助股 2018 年工作计划和预算"))


def test_a_published_plan_reads_at_its_address_in_both_languages(anonymous, ccm_2018):
    english = anonymous.get("/en/ccm/work-plans/2018/").content.decode()
    assert "Activity 1.2.3:" in english and "ISU 2018 work plan" in english
    chinese = anonymous.get("/zh-hans/ccm/work-plans/2018/").content.decode()
    assert "执行支助股 2018 年工作计划" in chinese and "活动1.2.3" in chinese
    assert '<html lang="zh-hans">' in chinese


def test_a_draft_address_is_a_404_for_visitors(anonymous, ccm):
    factories.plan("CCM", 2019)
    assert anonymous.get("/en/ccm/work-plans/2019/").status_code == 404
    assert anonymous.get("/en/ccm/work-plans/twenty/").status_code == 404


def test_a_missing_translation_falls_back_visibly(anonymous, ccm_2018):
    Outcome.objects.filter(plan=ccm_2018, position=1).update(text_zh_hans="")
    page = anonymous.get("/zh-hans/ccm/work-plans/2018/").content.decode()
    assert '<span class="fallback" lang="en">Outcome 1</span>' in page
    assert "尚未翻译" in page


def test_the_language_switch_keeps_the_page(anonymous, ccm_2018):
    page = anonymous.get("/en/ccm/work-plans/2018/").content.decode()
    assert 'href="/zh-hans/ccm/work-plans/2018/"' in page


def test_the_plan_page_runs_the_same_queries_for_a_small_and_a_large_plan(anonymous, ccm):
    factories.plan("CCM", 2018, outcomes=2, status=PUBLISHED)
    factories.plan("CCM", 2019, outcomes=30, status=PUBLISHED)
    counts = []
    for year in (2018, 2019):
        with CaptureQueriesContext(connection) as queries:
            assert anonymous.get(f"/en/ccm/work-plans/{year}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_meetings_list_their_agenda_and_issued_documents(anonymous, ccm):
    meeting = factories.meeting("CCM", "msp", 7)
    item = meeting.agenda_items.create(number=8, title_en="Review of the status")
    meeting.agenda_items.create(number=10, parent=item, title_en="Implementation support")
    factories.document(meeting, number=4, title_en="Issued paper")
    factories.document(meeting, number=5, title_en="Unissued paper", issued=False)
    page = anonymous.get(f"/en/ccm/meetings/{meeting.pk}/").content.decode()
    assert "Seventh Meeting of States Parties" in page and "8 (j)" in page
    assert "CCM/MSP/2017/4" in page and "CCM/MSP/2017/5" not in page
    assert anonymous.get("/en/documents/CCM/MSP/2017/5/").status_code == 404


def test_search_finds_documents_by_words_in_either_language(anonymous, ccm):
    meeting = factories.meeting("CCM", "msp", 7)
    factories.document(meeting, number=4, title_en="Sponsorship report",
                       title_zh_hans="赞助方案报告")
    factories.document(meeting, number=5, title_en="Other", issued=False)
    assert "CCM/MSP/2017/4" in anonymous.get("/zh-hans/search/?q=赞助").content.decode()
    assert "CCM/MSP/2017/4" in anonymous.get("/en/search/?q=sponsorship").content.decode()
    assert "CCM/MSP/2017/5" not in anonymous.get("/en/search/?q=other").content.decode()


def test_the_convention_page_lists_its_plans_meetings_and_documents(anonymous, ccm_2018):
    page = anonymous.get("/en/ccm/").content.decode()
    assert "/en/ccm/work-plans/2018/" in page and "CCM/MSP/2017/4" in page


def test_the_list_of_plans_shows_each_plans_version_symbol_and_status(anonymous, ccm_2018):
    revision = factories.plan(
        "CCM", 2018, status=PUBLISHED, version=2, revises=ccm_2018,
        document=factories.document(ccm_2018.document.meeting, amends=ccm_2018.document,
                                    change="Rev", change_number=1, body="work_plan"))
    page = anonymous.get("/en/ccm/work-plans/").content.decode()
    row = page.split("<tbody>")[1].split("</tr>")[0]
    assert "CCM 2018" in row and "<td>2</td>" in row and "CCM/MSP/2017/4/Rev.1" in row
    assert "Published" in row and page.count("CCM 2018") == 1  # the newest version only
    assert revision.version == 2
    home = anonymous.get("/en/ccm/").content.decode()
    assert "version 2 · CCM/MSP/2017/4/Rev.1" in home


def test_pages_declare_a_phone_viewport_and_a_skip_link(anonymous, ccm):
    page = anonymous.get("/en/").content.decode()
    assert 'name="viewport"' in page and 'href="#main"' in page


def test_a_multi_year_plan_reads_at_its_period(anonymous, apmbc):
    factories.plan("APMBC", 2025, end_year=2029, status=PUBLISHED)
    assert anonymous.get("/en/apmbc/work-plans/2025-2029/").status_code == 200


def test_an_earlier_version_stays_readable(anonymous, ccm):
    factories.plan("CCM", 2018, status=PUBLISHED, title_en="Version one")
    second = factories.plan("CCM", 2018, status=PUBLISHED, title_en="Version two", version=2)
    assert second.version == 2
    assert "Version two" in anonymous.get("/en/ccm/work-plans/2018/").content.decode()
    assert "Version one" in anonymous.get("/en/ccm/work-plans/2018/?version=1").content.decode()


def test_dates_are_written_in_each_languages_way(anonymous, ccm):
    meeting = factories.meeting("CCM", "msp", 7, start=date(2017, 9, 4), end=date(2017, 9, 6))
    assert "2017年9月4日" in anonymous.get(f"/zh-hans/ccm/meetings/{meeting.pk}/").content.decode()


def test_a_public_page_is_served_from_the_cache_until_something_is_published(anonymous, ccm):
    from lib.caching import new_publication

    plan = factories.plan("CCM", 2018, status=PUBLISHED, title_en="First title")
    assert "First title" in anonymous.get("/en/ccm/work-plans/2018/").content.decode()
    WorkPlan.objects.filter(pk=plan.pk).update(title_en="Second title")
    with CaptureQueriesContext(connection) as queries:
        cached = anonymous.get("/en/ccm/work-plans/2018/").content.decode()
    assert "First title" in cached and len(queries) == 0
    new_publication()
    assert "Second title" in anonymous.get("/en/ccm/work-plans/2018/").content.decode()


def test_a_page_read_while_a_publication_commits_is_not_served_after_it(
        anonymous, ccm, django_capture_on_commit_callbacks):
    from lib.caching import new_publication

    plan = factories.plan("CCM", 2018, status=PUBLISHED, title_en="First title")
    with django_capture_on_commit_callbacks(execute=True):
        new_publication()
        # A visitor reads the page after the bump, before the new title is committed.
        assert "First title" in anonymous.get("/en/ccm/work-plans/2018/").content.decode()
        WorkPlan.objects.filter(pk=plan.pk).update(title_en="Second title")
    assert "Second title" in anonymous.get("/en/ccm/work-plans/2018/").content.decode()


def test_query_parameters_a_page_does_not_read_make_no_new_cache_entry(anonymous, ccm):
    from django.core.cache import cache

    factories.plan("CCM", 2018, status=PUBLISHED)
    anonymous.get("/en/ccm/work-plans/2018/")
    entries = len(cache._cache)
    for junk in range(5):
        with CaptureQueriesContext(connection) as queries:
            anonymous.get(f"/en/ccm/work-plans/2018/?junk={junk}&utm_source=x{'9' * 300}")
        assert len(queries) == 0  # the page already cached
    assert len(cache._cache) == entries
    assert anonymous.get("/en/ccm/work-plans/2018/?version=1").status_code == 200
    assert len(cache._cache) == entries + 1  # a version the page reads is its own entry


def test_an_unissued_revision_is_not_announced_to_the_public(anonymous, ccm):
    meeting = factories.meeting("CCM", "msp", 7)
    original = factories.document(meeting, number=4)
    factories.document(meeting, amends=original, change="Rev", change_number=1, issued=False)
    page = anonymous.get("/en/documents/CCM/MSP/2017/4/").content.decode()
    assert "CCM/MSP/2017/4/Rev.1" not in page
    data = anonymous.get(f"/api/documents/{original.pk}/").json()
    assert (data["current_version"], data["changes"]) == ("CCM/MSP/2017/4", [])


def test_an_odd_version_number_shows_the_newest_version_rather_than_failing(anonymous, ccm):
    factories.plan("CCM", 2018, status=PUBLISHED)
    assert anonymous.get("/en/ccm/work-plans/2018/?version=%C2%B2").status_code == 200
    assert anonymous.get("/en/ccm/work-plans/2018/?version=7").status_code == 404


def test_a_work_plan_document_is_not_issued_without_its_published_plan(anonymous, ccm):
    with pytest.raises(ValidationError) as refusal:
        factories.document(factories.meeting("CCM", "msp", 7), number=5, body="work_plan",
                           issued=True)
    assert "publishes the plan" in str(refusal.value)
    assert anonymous.get("/en/documents/CCM/MSP/2017/5/").status_code == 404
