"""Publishing a plan's progress overview: only the head of the ISU, only for a published plan,
through a quarter of its years that has begun; and the overview's exports, one row per result
and a sheet of indicator values, for the convention's staff."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from openpyxl import load_workbook

from lib.periods import Period
from reporting.models import ProgressPublication
from reporting.publishing import publish_progress, withdraw_progress
from reporting.services import record_indicator_value, record_progress
from tests import factories
from tests.reporting.plans import (
    THIS_YEAR,
    activities,
    adopted_plan,
    committee_meeting,
    hand_indicator,
    progress,
    value,
)

YEAR = THIS_YEAR - 1


def quarter(number, year=YEAR):
    return Period(year, "quarter", number)


def published_plan(year=YEAR, status="published", outcomes=2):
    """A plan of `year` with two outcomes (one output and two activities each), a budget and
    its document, in `status`."""
    plan = adopted_plan(year=year, outcomes=outcomes, status="draft")
    factories.budget(plan, lines=[("salaries", "1000")])
    meeting = factories.meeting("CCM", "msp", year - 2010, start=date(year - 1, 9, 4))
    plan.document = factories.document(meeting, number=4, body="work_plan", issued=False,
                                       title_zh_hans="工作计划")
    plan.save()
    return factories.set_status(plan, status)


@pytest.fixture
def plan(ccm):
    return published_plan()


def overview_url(plan, tail=""):
    return f"/workspace/plans/{plan.pk}/progress/overview/{tail}"


def test_the_head_publishes_the_progress_through_a_quarter_and_moves_it_later(ccm_head, plan):
    publication = publish_progress(ccm_head, plan.pk, quarter(2))
    assert (publication.plan, publication.period, publication.published_by) == (
        plan, quarter(2), ccm_head)
    publish_progress(ccm_head, plan.pk, quarter(4))
    assert ProgressPublication.objects.get().period == quarter(4)
    assert withdraw_progress(ccm_head, plan.pk) is True
    assert not ProgressPublication.objects.exists()
    assert withdraw_progress(ccm_head, plan.pk) is False


@pytest.mark.parametrize("role", ["ccm_officer", "coordinator", "ccm_sponsorship"])
def test_the_conventions_other_staff_are_refused(request, role, ccm_head, plan):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied, match="Only the head of the ISU publishes"):
        publish_progress(user, plan.pk, quarter(2))
    publish_progress(ccm_head, plan.pk, quarter(2))
    with pytest.raises(PermissionDenied):
        withdraw_progress(user, plan.pk)
    assert ProgressPublication.objects.get().period == quarter(2)


def test_another_conventions_staff_find_no_plan(apmbc_officer, anonymous, plan):
    with pytest.raises(Http404):
        publish_progress(apmbc_officer, plan.pk, quarter(2))
    with pytest.raises(Http404):
        withdraw_progress(apmbc_officer, plan.pk)
    assert not ProgressPublication.objects.exists()


def test_a_superuser_publishes_as_the_head_does(superuser, plan):
    assert publish_progress(superuser, plan.pk, quarter(1)).published_by == superuser


def test_only_a_published_plans_progress_is_published(ccm_head, ccm):
    adopted = published_plan(status="adopted")
    with pytest.raises(PermissionDenied, match="once the plan itself is"):
        publish_progress(ccm_head, adopted.pk, quarter(1))
    assert not ProgressPublication.objects.exists()


@pytest.mark.parametrize("period", [quarter(1, YEAR + 2), quarter(4, YEAR - 1),
                                    Period(YEAR, "month", 3), None])
def test_the_period_is_a_quarter_of_the_plans_years_that_has_begun(ccm_head, plan, period):
    with pytest.raises(ValidationError, match="Choose a quarter"):
        publish_progress(ccm_head, plan.pk, period)
    assert not ProgressPublication.objects.exists()


def test_the_head_publishes_from_the_overview_page(as_user, ccm_head, plan):
    client = as_user(ccm_head)
    page = client.get(overview_url(plan, f"?period={YEAR}-q3")).content.decode()
    assert "Not published." in page and "Publish these figures" in page
    assert f'name="period" value="{YEAR}-q3"' in page
    response = client.post(overview_url(plan, "publish/"), {"period": f"{YEAR}-q3"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert f"The progress through Q3 {YEAR} is published on the public site." in page
    assert f"Published through Q3 {YEAR}, by ccm.head" in page
    assert f'href="/en/ccm/work-plans/{YEAR}/progress/"' in page
    response = client.post(overview_url(plan, "withdraw/"), {"period": f"{YEAR}-q3"})
    assert "The progress is no longer on the public site." in client.get(
        response["Location"]).content.decode()
    assert not ProgressPublication.objects.exists()


def test_an_officers_publication_is_refused_with_the_reason(as_user, ccm_officer,
                                                            apmbc_officer, anonymous, plan):
    client = as_user(ccm_officer)
    page = client.get(overview_url(plan)).content.decode()
    assert "The head of the ISU publishes the progress" in page
    assert "progress/overview/publish/" not in page
    response = client.post(overview_url(plan, "publish/"), {"period": f"{YEAR}-q3"})
    assert response.status_code == 302
    assert "Only the head of the ISU publishes" in client.get(
        response["Location"]).content.decode()
    other = as_user(apmbc_officer)
    assert other.post(overview_url(plan, "publish/"), {"period": f"{YEAR}-q3"}).status_code == 404
    response = anonymous.post(overview_url(plan, "publish/"), {"period": f"{YEAR}-q3"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not ProgressPublication.objects.exists()


# -- exports ----------------------------------------------------------------------------------

def rows_of(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def english(cells):
    """The English of cells written in every language ("Under way / 进行中")."""
    return [str(cell).split(" / ")[0] if cell is not None else None for cell in cells]


@pytest.fixture
def recorded(ccm_officer, plan):
    """Progress on the first activity in the first and third quarters, with evidence; a value of
    the first outcome's indicator in each."""
    first = activities(plan)[0]
    meeting = committee_meeting("CCM", date(YEAR, 2, 1))
    record_progress(ccm_officer, plan.pk, "activity", first.pk, progress(
        year=YEAR, status="under_way", account_en="Prepared the meeting.",
        account_zh_hans="筹备了会议。", committee_meetings=[meeting.pk],
        evidence_url="https://example.org/report"))
    record_progress(ccm_officer, plan.pk, "activity", first.pk, progress(
        year=YEAR, period_number=3, status="done", account_en="Held the meeting.",
        account_zh_hans="举行了会议。"))
    indicator = hand_indicator(plan)
    record_indicator_value(ccm_officer, plan.pk, indicator.pk, value(year=YEAR, value="3"))
    record_indicator_value(ccm_officer, plan.pk, indicator.pk,
                           value(year=YEAR, period_number=3, value="5",
                                 source_en="=HYPERLINK(\"http://evil.example\")"))
    return first


def test_the_csv_has_a_row_per_result_as_it_stood_through_the_quarter(as_user, ccm_officer,
                                                                       plan, recorded):
    response = as_user(ccm_officer).get(overview_url(plan, f"progress.csv?period={YEAR}-q2"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="CCM-ISU-{YEAR}-progress-{YEAR}-q2.csv"' in response["Content-Disposition"]
    header, *rows = rows_of(response.content)
    assert english(header) == ["Thematic area", "Number", "Result", "Text (中文)",
                               "Text (English)", "Latest status", "Period", "Account (中文)",
                               "Account (English)", "Evidence"]
    assert [row[1] for row in rows] == ["1", "1.1", "1.1.1", "1.1.2", "2", "2.1", "2.1.1",
                                        "2.1.2"]
    first = rows[2]
    assert english(first[2:5]) == ["activity", "活动1.1.1", "Activity 1.1.1"]
    assert first[5:] == ["Under way / 正在进行", f"Q1 {YEAR} / {YEAR} 年第一季度",
                         "筹备了会议。", "Prepared the meeting.", "2"]
    assert english(rows[3][5:]) == ["No update", "", "", "", "0"]
    later = rows_of(as_user(ccm_officer).get(
        overview_url(plan, f"progress.csv?period={YEAR}-q4")).content)
    assert english(later[3][5:]) == ["Done", f"Q3 {YEAR}", "举行了会议。", "Held the meeting.",
                                     "0"]


def test_the_indicator_values_are_a_csv_and_a_sheet_of_the_workbook(as_user, ccm_officer,
                                                                    plan, recorded):
    client = as_user(ccm_officer)
    header, *rows = rows_of(client.get(
        overview_url(plan, f"indicator-values.csv?period={YEAR}-q4")).content)
    assert english(header[3:5]) == ["Period", "Value"]
    assert [tuple(english([row[0], row[3], row[4]])) for row in rows] == [
        ("Outcome 1", f"Q3 {YEAR}", "5.00"), ("Outcome 1", f"Q1 {YEAR}", "3.00")]
    assert rows[0][6] == "'=HYPERLINK(\"http://evil.example\")"  # never run as a formula
    book = load_workbook(io.BytesIO(client.get(
        overview_url(plan, f"progress.xlsx?period={YEAR}-q2")).content))
    assert [name.split(" ")[0] for name in book.sheetnames] == ["Results", "Indicators",
                                                                "Indicator"]
    results, indicators, values = (list(sheet.values) for sheet in book.worksheets)
    assert len(results) == 9 and english([results[3][5]]) == ["Under way"]
    assert english(indicators[1][:2]) == [None, "Outcome 1"]
    assert indicators[1][6:10] == (None, 10, None, 3)  # baseline, targets, actual to date
    assert [row[4] for row in values[1:]] == [3]  # the third quarter's value comes later
