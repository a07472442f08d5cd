"""Each named rule of progress updates and indicator values holds in the database itself,
whoever writes, and explains itself when a row is validated."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from reporting.models import IndicatorValue, ProgressUpdate
from tests.reporting.plans import THIS_YEAR, activities, adopted_plan, hand_indicator
from workplans.models import Output


@pytest.fixture
def plan(ccm):
    return adopted_plan()


def update(author, **fields):
    return ProgressUpdate(**{"author": author, "status": "done", "year": THIS_YEAR,
                             "period_kind": "quarter", "period_number": 1,
                             "account_en": "Done.", **fields})


def indicator_value(author, indicator, **fields):
    return IndicatorValue(**{"author": author, "indicator": indicator, "year": THIS_YEAR,
                             "period_kind": "quarter", "period_number": 1, "value": 1,
                             "source_en": "Records", **fields})


def refused(row, constraint):
    """The database refuses the row, and validating it gives the constraint's message."""
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()
    named = next(c for c in row._meta.constraints if c.name == constraint)
    with pytest.raises(ValidationError) as explained:
        row.validate_constraints()
    return str(named.violation_error_message) in explained.value.messages


def test_an_update_is_about_one_result(ccm_officer, plan):
    output = Output.objects.get(outcome__plan=plan)
    assert refused(update(ccm_officer, activity=activities(plan)[0], output=output),
                   "progress_update_of_one_result")
    assert refused(update(ccm_officer), "progress_update_of_one_result")


def test_an_updates_period_exists(ccm_officer, plan):
    assert refused(update(ccm_officer, activity=activities(plan)[0], period_number=5),
                   "progress_update_period_exists")


@pytest.mark.parametrize("field", ["activity", "output", "outcome"])
def test_one_update_per_result_and_period(ccm_officer, plan, field):
    output = Output.objects.get(outcome__plan=plan)
    result = {"activity": activities(plan)[0], "output": output, "outcome": output.outcome}
    update(ccm_officer, **{field: result[field]}).save()
    assert refused(update(ccm_officer, **{field: result[field]}),
                   f"one_progress_update_per_{field}_and_period")
    update(ccm_officer, **{field: result[field]}, period_number=2).save()  # another period


def test_a_values_period_exists(ccm_officer, plan):
    assert refused(indicator_value(ccm_officer, hand_indicator(plan), period_kind="month",
                                   period_number=13), "indicator_value_period_exists")


def test_a_value_is_not_negative(ccm_officer, plan):
    assert refused(indicator_value(ccm_officer, hand_indicator(plan), value=-1),
                   "indicator_value_not_negative")


def test_one_value_per_indicator_and_period(ccm_officer, plan):
    indicator_value(ccm_officer, hand_indicator(plan)).save()
    assert refused(indicator_value(ccm_officer, hand_indicator(plan)),
                   "one_indicator_value_per_period")
