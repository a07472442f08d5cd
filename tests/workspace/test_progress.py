"""Progress in the workspace, next to its plan: each result with its latest update, a form per
result and per indicator opened from the address and posted without JavaScript, the same rules
as the service (scope, an adopted plan, conflicts), a fixed number of queries; and the
activities that have had no update this quarter."""

import re
from urllib.parse import urlencode

import pytest

from lib.periods import current_quarter
from reporting.models import IndicatorValue, ProgressUpdate
from reporting.services import record_progress, version_of
from tests.forms import FormReader
from tests.queries import queries_on_second_visit
from tests.reporting.plans import (
    THIS_YEAR,
    activities,
    adopted_plan,
    committee_meeting,
    hand_indicator,
    progress,
)

FIRST_QUARTER = f"{THIS_YEAR}-q1"


@pytest.fixture
def plan(ccm):
    return adopted_plan(areas=1)


def page_url(plan, **params):
    query = f"?{urlencode(params)}" if params else ""
    return f"/workspace/plans/{plan.pk}/progress/{query}"


class Reader(FormReader):
    """A form as a browser posts it: ticked checkboxes only, each name with all its values."""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "checkbox":
            if "checked" in attributes:
                self.data.setdefault(attributes["name"], []).append(attributes["value"])
            return
        super().handle_starttag(tag, attrs)


def opened_form(client, plan, anchor, opener="record"):
    """(action, values) of the form the page opens for `anchor`, as a browser would post it."""
    page = client.get(page_url(plan, period=FIRST_QUARTER, **{opener: anchor})).content.decode()
    form = re.search(r'<form method="post" action="([^"]+)" class="progress-form">.*?</form>',
                     page, re.S)
    assert form, "the row opens as a form"
    reader = Reader()
    reader.feed(form.group(0))
    return form.group(1), reader.data


def test_an_officer_records_progress_next_to_the_plan_without_javascript(as_user, ccm_officer,
                                                                         plan):
    client = as_user(ccm_officer)
    plan_page = client.get(f"/workspace/plans/{plan.pk}/").content.decode()
    assert f'href="{page_url(plan)}"' in plan_page
    activity, meeting = activities(plan)[0], committee_meeting("CCM")
    action, data = opened_form(client, plan, f"activity-{activity.pk}")
    assert (data["year"], data["period_kind"], data["period_number"]) == (
        str(THIS_YEAR), "quarter", "1")
    response = client.post(action, data | {
        "status": "done", "account_en": "Supported the Coordination Committee.",
        "committee_meetings": [str(meeting.pk)]})
    assert response.status_code == 302
    assert response["Location"] == page_url(plan, period=FIRST_QUARTER) + f"#activity-{activity.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "Supported the Coordination Committee." in page and "Coordination" in page
    assert "3 of 4 activities have no update for Q1" in page
    update = ProgressUpdate.objects.get()
    assert (update.activity, update.status, update.author) == (activity, "done", ccm_officer)


def test_the_conventions_other_staff_read_progress_and_write_none(as_user, coordinator, plan):
    client = as_user(coordinator)
    activity = activities(plan)[0]
    page = client.get(page_url(plan, record=f"activity-{activity.pk}")).content.decode()
    assert "Activity 1.1.1" in page
    assert "Record progress" not in page and "progress-form" not in page
    response = client.post(f"/workspace/plans/{plan.pk}/progress/activity/{activity.pk}/",
                           progress())
    assert response.status_code == 404 and not ProgressUpdate.objects.exists()


def test_another_conventions_plan_is_missing_and_visitors_sign_in(as_user, apmbc_officer,
                                                                  anonymous, plan):
    activity = activities(plan)[0]
    client = as_user(apmbc_officer)
    assert client.get(page_url(plan)).status_code == 404
    assert client.post(f"/workspace/plans/{plan.pk}/progress/activity/{activity.pk}/",
                       progress()).status_code == 404
    response = anonymous.get(page_url(plan))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_draft_says_progress_comes_after_its_adoption(as_user, ccm_officer, ccm):
    draft = adopted_plan(status="draft")
    client = as_user(ccm_officer)
    page = client.get(page_url(draft)).content.decode()
    assert "Progress is recorded once the plan is adopted" in page
    assert "Record progress" not in page
    assert page_url(draft) not in client.get(f"/workspace/plans/{draft.pk}/").content.decode()
    activity = activities(draft)[0]
    response = client.post(f"/workspace/plans/{draft.pk}/progress/activity/{activity.pk}/",
                           progress())
    assert response.status_code == 302 and not ProgressUpdate.objects.exists()
    assert "Progress is recorded against an adopted plan" in client.get(
        response["Location"]).content.decode()


def test_refused_values_show_the_form_again_with_what_was_typed(as_user, ccm_officer, plan):
    client = as_user(ccm_officer)
    activity = activities(plan)[0]
    action, data = opened_form(client, plan, f"activity-{activity.pk}")
    response = client.post(action, data | {"status": "done", "year": str(THIS_YEAR - 1),
                                           "account_en": "Typed before the error."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The period must fall within the plan&#x27;s years" in page
    assert "Typed before the error." in page and not ProgressUpdate.objects.exists()


def test_a_conflict_shows_their_values_and_keeps_mine(as_user, ccm_officer, ccm_head, plan):
    client = as_user(ccm_officer)
    activity = activities(plan)[0]
    record_progress(ccm_officer, plan.pk, "activity", activity.pk, progress())
    action, data = opened_form(client, plan, f"activity-{activity.pk}")
    record_progress(ccm_head, plan.pk, "activity", activity.pk,
                    progress(account_en="The head's correction."),
                    version=version_of(ProgressUpdate.objects.with_evidence().get()))
    response = client.post(action, data | {"account_en": "The officer's correction."})
    page = response.content.decode()
    assert response.status_code == 200 and "Their values, saved meanwhile" in page
    assert "The head&#x27;s correction." in page and "The officer&#x27;s correction." in page
    assert ProgressUpdate.objects.get().account_en == "The head's correction."
    again = Reader()
    again.feed(re.search(r'<form method="post" action="[^"]+" class="progress-form">.*?</form>',
                         page, re.S).group(0))
    assert client.post(action, again.data).status_code == 302
    assert ProgressUpdate.objects.get().account_en == "The officer's correction."


def test_an_update_is_deleted_from_its_results_list(as_user, ccm_officer, plan):
    client = as_user(ccm_officer)
    activity = activities(plan)[0]
    update = record_progress(ccm_officer, plan.pk, "activity", activity.pk, progress())
    update = ProgressUpdate.objects.with_evidence().get(pk=update.pk)
    url = f"/workspace/plans/{plan.pk}/progress/updates/{update.pk}/delete/"
    assert client.post(url, {"version": "stale"}).status_code == 302
    assert ProgressUpdate.objects.exists()
    client.post(url, {"version": version_of(update)})
    assert not ProgressUpdate.objects.exists() and ProgressUpdate.history.count() == 2


def test_an_indicators_value_is_recorded_from_the_page(as_user, ccm_officer, plan):
    client = as_user(ccm_officer)
    indicator = hand_indicator(plan)
    action, data = opened_form(client, plan, f"indicator-{indicator.pk}", opener="value")
    response = client.post(action, data | {"value": "-2"})
    assert "A value cannot be negative." in response.content.decode()
    response = client.post(action, data | {"value": "4", "source_en": "Meeting reports"})
    assert response.status_code == 302
    assert IndicatorValue.objects.get().value == 4
    assert "Recorded so far: 4" in client.get(response["Location"]).content.decode()


def test_the_page_costs_the_same_for_a_small_and_a_large_plan(as_user, ccm_officer, ccm):
    small = adopted_plan(areas=1)
    large = adopted_plan(year=THIS_YEAR - 1, end_year=THIS_YEAR, outcomes=6, outputs=3,
                         activities=5, areas=4)
    for plan in (small, large):
        for activity in activities(plan)[::2]:
            record_progress(ccm_officer, plan.pk, "activity", activity.pk, progress(
                committee_meetings=[committee_meeting("CCM").pk]))
        IndicatorValue.objects.create(indicator=hand_indicator(plan), author=ccm_officer,
                                      year=THIS_YEAR, period_number=1, value=1,
                                      source_en="Records")
    client = as_user(ccm_officer)
    small_queries, large_queries = queries_on_second_visit(
        client, page_url(small, period=FIRST_QUARTER), page_url(large, period=FIRST_QUARTER))
    assert small_queries == large_queries
    assert small_queries <= 30


def test_the_activities_without_an_update_this_quarter(as_user, ccm_officer, apmbc, ccm):
    plan = adopted_plan(areas=1)
    adopted_plan(year=THIS_YEAR - 1)  # an earlier year's plan asks for nothing now
    adopted_plan(year=THIS_YEAR + 1, status="draft")
    theirs = adopted_plan("APMBC")
    done, *missing = activities(plan)
    quarter = current_quarter()
    record_progress(ccm_officer, plan.pk, "activity", done.pk, progress(
        year=quarter.year, period_number=quarter.number))
    client = as_user(ccm_officer)
    assert "/workspace/progress/without-update/" in client.get("/workspace/").content.decode()
    page = client.get("/workspace/progress/without-update/").content.decode()
    listed = re.findall(r'<li id="activity-(\d+)">', page)
    assert listed == [str(activity.pk) for activity in missing]
    assert "3 of 4 activities have no update." in page and "Area 1" in page
    assert str(theirs) not in page
    assert f"record=activity-{missing[0].pk}" in page
