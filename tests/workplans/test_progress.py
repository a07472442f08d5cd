"""Targets meet actuals: counted indicators show what the ISU has recorded so far."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from meetings.models import Committee, CommitteeMeeting, IsuActivity
from tests import factories
from workplans import models
from workplans.outline import number_tree, tree_prefetches


@pytest.fixture
def apmbc_2026(apmbc):
    plan = factories.plan("APMBC", 2026, outcomes=1)
    output = models.Output.objects.get(outcome__plan=plan, position=1)
    models.Indicator.objects.filter(outcome__plan=plan).delete()  # the factory's own
    for position, (counts, unit, target) in enumerate(
            [("committee_meetings", "committee meetings", 60), ("missions", "missions", 10),
             ("", "special initiatives", 5)], start=1):
        models.Indicator.objects.create(
            output=output, position=position, description_en=unit, unit_en=unit,
            qualifier="up_to", target=Decimal(target), counts=counts)
    return factories.set_status(plan, models.WorkPlan.Status.PUBLISHED)


def committee_meetings(convention, *days, supported=True):
    committee = Committee.objects.get_or_create(
        convention=convention, name_en="Committee on Article 5 Implementation",
        defaults={"kind": "committee"})[0]
    for day in days:
        CommitteeMeeting.objects.create(committee=committee, held_on=day,
                                        supported_by_isu=supported)


def mission(convention, day):
    IsuActivity.objects.create(convention=convention, kind="mission", starts_on=day,
                               ends_on=day, description_en="Article 5 mission")


def progress(plan, as_of):
    plan = models.WorkPlan.objects.prefetch_related(*tree_prefetches()).get(pk=plan.pk)
    return {i.unit_en: i.actual for i in number_tree(plan, as_of=as_of).indicators}


def test_committee_meetings_and_missions_held_so_far_in_the_plans_year_are_counted(
        apmbc_2026, apmbc, ccm):
    committee_meetings(apmbc, date(2025, 12, 20), date(2026, 1, 28), date(2026, 2, 25),
                       date(2026, 12, 3))
    committee_meetings(apmbc, date(2026, 3, 1), supported=False)
    committee_meetings(ccm, date(2026, 3, 25))
    mission(apmbc, date(2026, 2, 9))
    mission(ccm, date(2026, 2, 9))
    assert progress(apmbc_2026, as_of=date(2026, 11, 25)) == {
        "committee meetings": 2, "missions": 1, "special initiatives": None}
    assert progress(apmbc_2026, as_of=date(2027, 1, 1))["committee meetings"] == 3


def test_the_progress_reads_like_the_plan_in_both_languages(apmbc_2026, apmbc):
    committee_meetings(apmbc, *[date(2026, month, 10) for month in range(1, 12)])
    indicator = number_tree(models.WorkPlan.objects.prefetch_related(*tree_prefetches()).get(
        pk=apmbc_2026.pk), as_of=date(2026, 11, 25)).indicators[0]
    assert indicator.progress_text() == "up to 60 committee meetings — 11 so far"


def test_the_api_gives_each_counted_indicator_its_actual(anonymous, apmbc_2026, apmbc):
    committee_meetings(apmbc, date(2026, 1, 28))
    data = anonymous.get(f"/api/workplans/{apmbc_2026.pk}/").json()
    indicators = data["outcomes"][0]["outputs"][0]["indicators"]
    assert [(i["counts"], i["actual"]) for i in indicators] == [
        ("committee_meetings", 1), ("missions", 0), ("", None)]


def test_a_plan_is_issued_only_as_a_work_plan_document_of_its_convention(apmbc, ccm):
    plan = factories.plan("CCM", 2018)
    narrative = factories.document(factories.meeting("CCM", "msp", 7), number=5)
    plan.document = narrative
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert "not a work plan" in str(error.value)
    twenty_second = factories.meeting("APMBC", "msp", 22, start=date(2025, 12, 1))
    plan.document = factories.document(twenty_second, number=5, body="work_plan")
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert "this plan's convention" in str(error.value)


def test_a_clone_of_an_issued_plan_is_not_issued_yet(ccm):
    from workplans.services import clone_into_next_period

    plan = factories.plan("CCM", 2018, outcomes=1)
    plan.document = factories.document(factories.meeting("CCM", "msp", 7), number=4,
                                       body="work_plan")
    plan.save()
    clone = clone_into_next_period(plan)
    assert clone.document is None
    assert models.WorkPlan.objects.get(pk=plan.pk).document.symbol == "CCM/MSP/2017/4"
