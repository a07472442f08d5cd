"""Adopted plans to record progress against, and what a progress form posts."""

from datetime import date

from django.utils import timezone

from meetings.models import Committee, CommitteeMeeting
from tests import factories
from workplans.models import Activity, Indicator, Output, ThematicArea, WorkPlan

THIS_YEAR = timezone.localdate().year


def adopted_plan(code="CCM", year=THIS_YEAR, end_year=None, outcomes=1, outputs=1,
                 activities=2, areas=0, status=WorkPlan.Status.ADOPTED):
    """A plan of `code` in `status`: `outcomes` outcomes (each with an indicator reported by
    hand), their outputs and activities, and `areas` thematic areas of a matrix, each with two
    activities and an output whose indicator counts committee meetings."""
    plan = factories.plan(code, year, end_year=end_year, outcomes=outcomes, outputs=outputs,
                          activities=activities)
    for i in range(1, areas + 1):
        area = ThematicArea.objects.create(plan=plan, position=i, title_en=f"Area {i}",
                                           title_zh_hans=f"领域{i}")
        for k in (1, 2):
            Activity.objects.create(thematic_area=area, position=k, text_en=f"Matrix {i}.{k}",
                                    text_zh_hans=f"矩阵活动{i}.{k}")
        output = Output.objects.create(thematic_area=area, position=1, text_en=f"Area {i} output")
        Indicator.objects.create(output=output, description_en="Committee meetings supported",
                                 unit_en="meetings", target=60, counts="committee_meetings")
    return factories.set_status(plan, status)


def activities(plan):
    """The plan's activities in reading order: the results framework's, then the matrix's."""
    framework = Activity.objects.filter(output__outcome__plan=plan).order_by(
        "output__outcome__position", "output__position", "position")
    matrix = Activity.objects.filter(thematic_area__plan=plan).order_by(
        "thematic_area__position", "position")
    return [*framework, *matrix]


def hand_indicator(plan):
    """The plan's first indicator reported by hand."""
    return Indicator.objects.filter(outcome__plan=plan, counts="").order_by("pk").first()


def committee_meeting(code="CCM", held_on=None):
    committee = Committee.objects.filter(convention__code=code).order_by("pk").first()
    return CommitteeMeeting.objects.create(committee=committee,
                                           held_on=held_on or date(THIS_YEAR, 1, 15))


def progress(**changes):
    """What a progress form posts: under way in the first quarter of this year."""
    return {"status": "under_way", "year": THIS_YEAR, "period_kind": "quarter",
            "period_number": 1, "account_en": "Supported the Coordination Committee.",
            "account_zh_hans": "支持了协调委员会。", **changes}


def value(**changes):
    """What an indicator's form posts: 3 in the first quarter of this year, with its source."""
    return {"year": THIS_YEAR, "period_kind": "quarter", "period_number": 1, "value": "3",
            "source_en": "ISU records", "source_zh_hans": "", **changes}
