"""Bad input gets a clear error in the user's language and nothing is saved."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from lib.models import TEXT_LENGTH
from tests import factories
from workplans import models


def errors_of(row):
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    return refused.value.message_dict


def test_a_plan_needs_a_title_in_at_least_one_language(ccm):
    plan = models.WorkPlan(convention=ccm, start_year=2018, end_year=2018)
    errors = errors_of(plan)
    assert "Enter the title in Chinese or in English." in errors["title_en"]


def test_the_title_error_is_in_chinese_for_a_chinese_user(ccm):
    plan = models.WorkPlan(convention=ccm, start_year=2018, end_year=2018)
    with translation.override("zh-hans"):
        errors = errors_of(plan)
    assert any("中文" in message for message in errors["title_zh_hans"])


def test_a_reversed_period_is_refused(ccm):
    plan = models.WorkPlan(convention=ccm, start_year=2020, end_year=2016, title_en="Plan")
    assert "The last year cannot come before the first year." in errors_of(plan)["__all__"]
    with pytest.raises(IntegrityError), transaction.atomic():
        plan.save()


def test_a_second_plan_for_the_same_convention_and_period_is_refused(ccm):
    factories.plan(year=2018)
    duplicate = models.WorkPlan(convention=ccm, start_year=2018, end_year=2018, title_en="Again")
    assert any("already has a work plan" in m for m in errors_of(duplicate)["__all__"])


def test_an_annual_and_a_multi_year_plan_may_overlap(ccm):
    factories.plan(year=2018)
    multi_year = models.WorkPlan(convention=ccm, start_year=2016, end_year=2020, title_en="Plan")
    multi_year.full_clean()


def test_an_activity_without_an_output_is_refused(ccm):
    activity = models.Activity(text_en="Orphan")
    assert any("belongs to an output" in m for m in errors_of(activity)["__all__"])
    with pytest.raises(IntegrityError), transaction.atomic():
        activity.save()
    assert not models.Activity.objects.exists()


def test_text_over_the_limit_is_refused(ccm):
    plan = factories.plan(outcomes=1)
    outcome = plan.outcomes.get()
    outcome.text_zh_hans = "长" * (TEXT_LENGTH + 1)
    assert "text_zh_hans" in errors_of(outcome)


def test_a_title_over_the_limit_is_refused(ccm):
    plan = models.WorkPlan(convention=ccm, start_year=2018, end_year=2018, title_en="x" * 301)
    assert "title_en" in errors_of(plan)


def test_years_out_of_range_are_refused(ccm):
    plan = models.WorkPlan(convention=ccm, start_year=18, end_year=18, title_en="Plan")
    assert "start_year" in errors_of(plan)


def test_a_revised_target_keeps_the_original_and_needs_a_reason(ccm):
    plan = factories.plan(outcomes=1)
    indicator = models.Indicator.objects.get()
    indicator.target = 12
    assert "revision_reason" in errors_of(indicator)
    indicator.revision_reason = "Two more meetings requested by the Coordination Committee"
    indicator.full_clean()
    indicator.save()
    indicator.refresh_from_db()
    assert (indicator.original_target, indicator.target, indicator.is_revised) == (10, 12, True)
    assert plan.pk
