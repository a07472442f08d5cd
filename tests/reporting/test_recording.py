"""Progress and indicator values are recorded against an adopted plan through one service, with
the workspace's rules: the user's convention only, an adopted or published plan only, its own
rows and its convention's records only, a period within the plan's years that has begun, no
negative value, a source where nothing is counted, and a stale save that loses nothing. Each
write is one entry of history, with who made it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from reporting.models import IndicatorValue, ProgressUpdate
from reporting.services import (
    Conflict,
    Invalid,
    delete_indicator_value,
    delete_progress,
    record_indicator_value,
    record_progress,
    version_of,
)
from tests.reporting.plans import (
    THIS_YEAR,
    activities,
    adopted_plan,
    committee_meeting,
    hand_indicator,
    progress,
    value,
)
from workplans.models import Indicator, Output


@pytest.fixture
def plan(ccm):
    return adopted_plan(areas=1)


@pytest.fixture
def activity(plan):
    return activities(plan)[0]


def stored():
    return ProgressUpdate.objects.with_evidence().get()


def test_an_officer_records_an_activitys_progress_with_its_evidence(ccm_officer, plan,
                                                                      activity):
    meeting = committee_meeting("CCM")
    record_progress(ccm_officer, plan.pk, "activity", activity.pk, progress(
        committee_meetings=[meeting.pk], evidence_url="https://example.org/report"))
    update = stored()
    assert (update.activity, update.status, update.author) == (activity, "under_way",
                                                                ccm_officer)
    assert list(update.committee_meetings.all()) == [meeting]
    assert (update.period.year, update.period.kind, update.period.number) == (THIS_YEAR,
                                                                              "quarter", 1)
    [entry] = update.history.all()
    assert entry.history_type == "+" and entry.history_user == ccm_officer
    assert [row.committeemeeting_id for row in entry.committee_meetings.all()] == [meeting.pk]


def test_outputs_outcomes_and_the_matrix_take_progress_too(ccm_officer, plan):
    output = Output.objects.get(outcome__plan=plan)
    record_progress(ccm_officer, plan.pk, "output", output.pk, progress())
    record_progress(ccm_officer, plan.pk, "outcome", output.outcome_id, progress())
    matrix_activity = activities(plan)[-1]
    assert matrix_activity.thematic_area_id is not None
    record_progress(ccm_officer, plan.pk, "activity", matrix_activity.pk, progress())
    assert ProgressUpdate.objects.for_plan(plan).count() == 3


def test_a_published_plan_takes_progress(ccm_officer):
    plan = adopted_plan(status="published")
    record_progress(ccm_officer, plan.pk, "activity", activities(plan)[0].pk, progress())
    assert ProgressUpdate.objects.count() == 1


@pytest.mark.parametrize("status", ["draft", "submitted", "endorsed"])
def test_a_plan_not_adopted_refuses_progress_and_says_why(ccm_officer, ccm, status):
    plan = adopted_plan(status=status)
    with pytest.raises(PermissionDenied, match="Progress is recorded against an adopted plan"):
        record_progress(ccm_officer, plan.pk, "activity", activities(plan)[0].pk, progress())
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("who", ["apmbc_officer", "coordinator", "ccm_sponsorship"])
def test_only_the_conventions_editors_record_its_progress(request, plan, activity, who):
    """Another convention's plan is as good as missing; the convention's coordinators and
    sponsorship staff read its progress without writing it."""
    with pytest.raises(Http404):
        record_progress(request.getfixturevalue(who), plan.pk, "activity", activity.pk,
                        progress())


def test_the_head_of_the_isu_and_a_superuser_record_progress(ccm_head, superuser, plan,
                                                              activity):
    record_progress(ccm_head, plan.pk, "activity", activity.pk, progress())
    record_progress(superuser, plan.pk, "activity", activity.pk,
                    progress(period_kind="month", period_number=1))
    assert ProgressUpdate.objects.count() == 2


def test_a_row_of_another_plan_is_a_404(ccm_officer, plan):
    other = adopted_plan(year=THIS_YEAR - 1)
    with pytest.raises(Http404):
        record_progress(ccm_officer, plan.pk, "activity", activities(other)[0].pk, progress())
    with pytest.raises(Http404):
        record_progress(ccm_officer, plan.pk, "paragraph", activities(plan)[0].pk, progress())
    with pytest.raises(Http404):
        record_indicator_value(ccm_officer, plan.pk, hand_indicator(other).pk, value())


def test_evidence_of_another_convention_is_refused_and_nothing_is_saved(ccm_officer, apmbc,
                                                                        plan, activity):
    theirs = committee_meeting("APMBC")
    with pytest.raises(Invalid) as refused:
        record_progress(ccm_officer, plan.pk, "activity", activity.pk,
                        progress(committee_meetings=[theirs.pk]))
    assert refused.value.message_dict["committee_meetings"] == [
        "Choose records of this plan's convention."]
    assert not ProgressUpdate.objects.exists() and not ProgressUpdate.history.exists()


def test_an_account_is_written_in_at_least_one_language(ccm_officer, plan, activity):
    with pytest.raises(Invalid) as refused:
        record_progress(ccm_officer, plan.pk, "activity", activity.pk,
                        progress(account_en="", account_zh_hans=" "))
    assert "Enter the account in Chinese or in English." in refused.value.messages
    record_progress(ccm_officer, plan.pk, "activity", activity.pk,
                    progress(account_en="", account_zh_hans="支持了会议。"))
    assert stored().account_zh_hans == "支持了会议。"


def test_a_period_outside_the_plans_years_is_refused(ccm_officer, plan, activity):
    with pytest.raises(Invalid) as refused:
        record_progress(ccm_officer, plan.pk, "activity", activity.pk,
                        progress(year=THIS_YEAR - 1))
    assert refused.value.message_dict["year"] == [
        f"The period must fall within the plan's years ({THIS_YEAR}–{THIS_YEAR})."]


def test_a_period_that_has_not_begun_is_refused(ccm_officer, ccm):
    plan = adopted_plan(end_year=THIS_YEAR + 1)
    with pytest.raises(Invalid) as refused:
        record_progress(ccm_officer, plan.pk, "activity", activities(plan)[0].pk,
                        progress(year=THIS_YEAR + 1))
    assert refused.value.message_dict["period_number"] == [
        "This period has not begun yet: record it once it has."]


def test_a_month_13_is_refused(ccm_officer, plan, activity):
    with pytest.raises(Invalid) as refused:
        record_progress(ccm_officer, plan.pk, "activity", activity.pk,
                        progress(period_kind="month", period_number=13))
    assert refused.value.message_dict["period_number"] == [
        "A month is numbered 1 to 12 and a quarter 1 to 4."]


def test_two_people_correcting_the_same_period_lose_nothing(ccm_officer, ccm_head, plan,
                                                             activity):
    record_progress(ccm_officer, plan.pk, "activity", activity.pk, progress())
    opened = version_of(stored())  # both open the update
    record_progress(ccm_head, plan.pk, "activity", activity.pk,
                    progress(account_en="The head's correction."), version=opened)
    with pytest.raises(Conflict) as conflict:
        record_progress(ccm_officer, plan.pk, "activity", activity.pk,
                        progress(status="done", account_en="The officer's correction."),
                        version=opened)
    assert conflict.value.row.account_en == "The head's correction."  # theirs
    assert conflict.value.form.data["account_en"] == "The officer's correction."  # mine
    assert stored().account_en == "The head's correction."
    # Saving again over what is now stored keeps the officer's.
    record_progress(ccm_officer, plan.pk, "activity", activity.pk,
                    progress(status="done", account_en="The officer's correction."),
                    version=version_of(conflict.value.row))
    assert (stored().account_en, stored().status) == ("The officer's correction.", "done")


def test_an_update_recorded_meanwhile_for_the_same_period_is_a_conflict(ccm_officer, ccm_head,
                                                                        plan, activity):
    record_progress(ccm_head, plan.pk, "activity", activity.pk, progress(account_en="Theirs."))
    with pytest.raises(Conflict):
        record_progress(ccm_officer, plan.pk, "activity", activity.pk,
                        progress(account_en="Mine."))  # opened when the period had none
    assert stored().account_en == "Theirs."


def test_the_same_form_sent_twice_records_once_without_a_conflict(ccm_officer, plan, activity):
    meeting = committee_meeting("CCM")
    first = record_progress(ccm_officer, plan.pk, "activity", activity.pk,
                            progress(committee_meetings=[meeting.pk]))
    again = record_progress(ccm_officer, plan.pk, "activity", activity.pk,
                            progress(committee_meetings=[meeting.pk]))  # a double click
    assert again.pk == first.pk and ProgressUpdate.objects.count() == 1
    assert ProgressUpdate.history.filter(id=first.pk).count() == 1  # nothing written again
    with pytest.raises(Conflict):  # the same period with other evidence is still a conflict
        record_progress(ccm_officer, plan.pk, "activity", activity.pk,
                        progress(committee_meetings=[]))


def test_corrections_and_deletions_keep_their_history(ccm_officer, ccm_head, plan, activity):
    meeting = committee_meeting("CCM")
    record_progress(ccm_officer, plan.pk, "activity", activity.pk,
                    progress(committee_meetings=[meeting.pk]))
    record_progress(ccm_head, plan.pk, "activity", activity.pk,
                    progress(status="done", account_en="Done.", committee_meetings=[]),
                    version=version_of(stored()))
    update = stored()
    delete_progress(ccm_head, plan.pk, update.pk, version_of(update))
    assert not ProgressUpdate.objects.exists()
    entries = list(ProgressUpdate.history.filter(id=update.pk).order_by("history_date",
                                                                        "history_id"))
    assert [(e.history_type, e.status, e.account_en, e.history_user) for e in entries] == [
        ("+", "under_way", "Supported the Coordination Committee.", ccm_officer),
        ("~", "done", "Done.", ccm_head), ("-", "done", "Done.", ccm_head)]
    assert [row.committeemeeting_id for row in entries[0].committee_meetings.all()] == [
        meeting.pk]
    assert not entries[1].committee_meetings.exists()


def test_a_stale_deletion_is_refused(ccm_officer, ccm_head, plan, activity):
    record_progress(ccm_officer, plan.pk, "activity", activity.pk, progress())
    opened = version_of(stored())
    record_progress(ccm_head, plan.pk, "activity", activity.pk,
                    progress(account_en="Corrected."), version=opened)
    with pytest.raises(Conflict):
        delete_progress(ccm_officer, plan.pk, stored().pk, opened)
    assert ProgressUpdate.objects.exists()


def test_an_indicators_value_is_recorded_with_its_source(ccm_officer, plan):
    indicator = hand_indicator(plan)
    record_indicator_value(ccm_officer, plan.pk, indicator.pk, value())
    row = IndicatorValue.objects.get()
    assert (row.indicator, row.value, row.source_en, row.author) == (indicator, 3, "ISU records",
                                                                      ccm_officer)
    assert row.history.get().history_user == ccm_officer


def test_a_negative_value_is_refused(ccm_officer, plan):
    with pytest.raises(Invalid) as refused:
        record_indicator_value(ccm_officer, plan.pk, hand_indicator(plan).pk, value(value="-1"))
    assert refused.value.message_dict["value"] == ["A value cannot be negative."]
    assert not IndicatorValue.objects.exists()


def test_an_indicator_not_counted_from_records_needs_the_source_of_its_value(ccm_officer,
                                                                              plan):
    with pytest.raises(Invalid) as refused:
        record_indicator_value(ccm_officer, plan.pk, hand_indicator(plan).pk,
                               value(source_en=""))
    assert refused.value.message_dict["source_en"] == [
        "Say where the figure comes from, in Chinese or in English: this indicator is not "
        "counted from the ISU's records."]
    counted = Indicator.objects.get(output__thematic_area__plan=plan)
    record_indicator_value(ccm_officer, plan.pk, counted.pk, value(source_en=""))
    assert IndicatorValue.objects.get().indicator == counted


def test_indicator_values_follow_the_same_rules(ccm_officer, ccm_head, apmbc_officer, plan):
    indicator = hand_indicator(plan)
    with pytest.raises(Http404):
        record_indicator_value(apmbc_officer, plan.pk, indicator.pk, value())
    with pytest.raises(Invalid):
        record_indicator_value(ccm_officer, plan.pk, indicator.pk, value(year=THIS_YEAR + 1))
    record_indicator_value(ccm_officer, plan.pk, indicator.pk, value())
    opened = version_of(IndicatorValue.objects.get())
    record_indicator_value(ccm_head, plan.pk, indicator.pk, value(value="4"), version=opened)
    with pytest.raises(Conflict) as conflict:
        record_indicator_value(ccm_officer, plan.pk, indicator.pk, value(value="5"),
                               version=opened)
    assert conflict.value.row.value == 4 and IndicatorValue.objects.get().value == 4
    row = IndicatorValue.objects.get()
    delete_indicator_value(ccm_head, plan.pk, row.pk, version_of(row))
    assert [e.history_type for e in IndicatorValue.history.order_by("history_date",
                                                                     "history_id")] == [
        "+", "~", "-"]
