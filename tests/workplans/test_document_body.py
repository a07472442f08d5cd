"""A work plan's document has its plan as body (workplans answers meetings' document_body)."""

import pytest

from meetings.rendering import body_html, pdf_markup
from tests import factories
from workplans.models import WorkPlan


@pytest.fixture
def document(ccm):
    return factories.document(factories.meeting("CCM", "msp", 7), number=4, body="work_plan")


def test_a_work_plan_document_shows_its_plan_in_both_languages(document):
    factories.plan("CCM", 2018, outcomes=1, document=document, status=WorkPlan.Status.PUBLISHED)
    assert "Activity 1.2.3" in body_html(document, "en")
    assert "活动1.2.3" in body_html(document, "zh-hans")
    assert "Activity 1.2.3" in pdf_markup(document, "en")


def test_a_work_plan_document_without_its_plan_has_no_body(document):
    assert body_html(document, "en") == ""
