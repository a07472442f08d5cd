"""A plan and its official document start together, through one service call: the plan with
its convention's usual chapters, its document (a work plan's, not issued) under the meeting's
symbol. Only the convention's editors start one; whatever is wrong is said of the field it is
about, and nothing of it is saved."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from isu.models import StaffRole
from meetings.models import Document
from tests import factories
from workplans.models import WorkPlan
from workplans.services import NewDocument, start_plan

TITLE = {"en": "ISU 2019 work plan", "zh-hans": "执行支助股 2019 年工作计划"}


@pytest.fixture
def meeting(ccm):
    return factories.meeting("CCM", "msp", 8, start=date(2018, 9, 3))


def the_document(meeting, **changes):
    return NewDocument(**{"meeting": meeting, "number": 3, "submitted_on": date(2018, 7, 18),
                          "languages": ["en", "zh-hans"]} | changes)


def start(user, convention, **changes):
    arguments = {"start_year": 2019, "end_year": 2019, "title": TITLE} | changes
    return start_plan(user, convention, **arguments)


def nothing_saved():
    return not WorkPlan.objects.exists() and not Document.objects.exists()


def refusal(user, convention, **changes):
    with pytest.raises(ValidationError) as refused:
        start(user, convention, **changes)
    assert nothing_saved()
    return refused.value.message_dict


def test_a_plan_starts_with_its_document_and_its_usual_chapters(ccm_officer, ccm, meeting):
    plan = start(ccm_officer, ccm, document=the_document(meeting))

    assert (plan.convention, plan.period, plan.title_en, plan.title_zh_hans) == (
        ccm, "2019", TITLE["en"], TITLE["zh-hans"])
    assert plan.status == WorkPlan.Status.DRAFT
    document = plan.document
    assert document.symbol == "CCM/MSP/2018/3"
    assert (document.body, document.issued) == (Document.Body.WORK_PLAN, False)
    assert (document.submitted_on, document.languages) == (date(2018, 7, 18), ["en", "zh-hans"])
    # Its title is the plan's, and it is submitted by the convention's ISU host.
    assert (document.title_en, document.title_zh_hans) == (TITLE["en"], TITLE["zh-hans"])
    assert (document.submitted_by_en, document.submitted_by_zh_hans) == (
        ccm.isu_host_en, ccm.isu_host_zh_hans)
    assert list(plan.chapters.order_by("position").values_list("kind", flat=True)) == [
        "narrative", "results_framework", "budget"]


def test_the_document_keeps_its_own_title_and_sender(ccm_officer, ccm, meeting):
    plan = start(ccm_officer, ccm, document=the_document(
        meeting, title={"en": "Work plan and budget"}, submitted_by={"en": "The President"}))

    assert (plan.document.title_en, plan.document.title_zh_hans) == ("Work plan and budget", "")
    assert plan.document.submitted_by_en == "The President"


def test_a_plan_starts_without_its_document_too(ccm_head, ccm):
    plan = start(ccm_head, ccm)

    assert plan.document is None and plan.chapters.count() == 3
    assert not Document.objects.exists()


def test_another_conventions_officer_is_refused(apmbc_officer, ccm, meeting):
    with pytest.raises(PermissionDenied):
        start(apmbc_officer, ccm, document=the_document(meeting))
    assert nothing_saved()


def test_staff_who_do_not_edit_plans_are_refused(coordinator, ccm):
    with pytest.raises(PermissionDenied):
        start(coordinator, ccm)
    assert nothing_saved()


def test_a_meeting_of_another_convention_is_refused(ccm, apmbc, meeting):
    both = factories.user("both", ("CCM", StaffRole.Role.ISU_OFFICER),
                          ("APMBC", StaffRole.Role.ISU_OFFICER))
    theirs = factories.meeting("APMBC", "msp", 22, start=date(2024, 11, 25))

    errors = refusal(both, ccm, document=the_document(theirs))

    assert errors == {"meeting": ["Choose a meeting of the plan's convention."]}


def test_a_symbol_already_taken_is_refused(ccm_officer, ccm, meeting):
    taken = factories.document(meeting, number=3)

    with pytest.raises(ValidationError) as refused:
        start(ccm_officer, ccm, document=the_document(meeting))

    assert refused.value.message_dict == {
        "number": [f"A document with the symbol {taken.symbol} already exists."]}
    assert list(Document.objects.all()) == [taken] and not WorkPlan.objects.exists()


def test_reversed_years_are_refused(ccm_officer, ccm, meeting):
    errors = refusal(ccm_officer, ccm, start_year=2020, end_year=2019,
                     document=the_document(meeting))

    assert errors == {"end_year": ["The last year cannot come before the first year."]}


def test_a_period_that_has_its_plan_is_refused(ccm_officer, ccm, meeting):
    existing = factories.plan("CCM", 2019)

    with pytest.raises(ValidationError) as refused:
        start(ccm_officer, ccm, document=the_document(meeting))

    assert "This convention already has a work plan for this period." in str(refused.value)
    assert list(WorkPlan.objects.all()) == [existing] and not Document.objects.exists()


def test_a_document_without_number_or_language_and_a_plan_without_title_are_refused(
        ccm_officer, ccm, meeting):
    errors = refusal(ccm_officer, ccm, title={}, document=the_document(
        meeting, number=None, languages=[]))

    assert errors["number"] == ["Enter the document's number."]
    assert errors["languages"] == ["Choose one or more of the six official languages."]
    assert errors["title_en"] == ["Enter the title in Chinese or in English."]
    assert "document_title_en" not in errors  # the document borrows the plan's title


def test_the_refusals_are_in_the_users_language(ccm_officer, ccm, meeting):
    with translation.override("zh-hans"):
        errors = refusal(ccm_officer, ccm, start_year=2020, end_year=2019)

    assert errors == {"end_year": ["终止年份不能早于起始年份，请核对所填年份。"]}
