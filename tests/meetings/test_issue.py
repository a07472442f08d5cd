"""A document is issued complete: with the date of its masthead, its symbol, its title in every
language it is issued in, its meeting, and its agenda item where the meeting has an agenda. Its
languages are ticked among the six official languages."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from meetings.forms import LanguagesField
from tests import factories


@pytest.fixture
def seventh_msp(ccm):
    return factories.meeting("CCM", "msp", 7)


def draft(meeting, **fields):
    values = {"number": 4, "issued": False, "title_en": "Annual report",
              "title_zh_hans": "年度报告", "submitted_on": date(2017, 6, 1)} | fields
    return factories.document(meeting, **values)


def test_a_complete_document_has_nothing_missing_and_is_issued(seventh_msp):
    document = draft(seventh_msp)
    assert document.issue_problems() == {}
    document.issued = True
    document.full_clean()


def test_a_document_without_the_date_of_its_masthead_is_not_issued(seventh_msp):
    document = draft(seventh_msp, submitted_on=None)
    document.issued = True
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert refused.value.message_dict["submitted_on"] == [
        "Enter the date printed in the masthead."]


def test_a_document_lacking_its_title_in_a_language_it_is_issued_in_is_not_issued(seventh_msp):
    document = draft(seventh_msp, title_zh_hans="")
    assert document.issue_problems() == {
        "title_zh_hans": "Enter the title in Chinese: the document is issued in it."}
    english_only = draft(seventh_msp, number=5, title_zh_hans="", languages=["en"])
    assert english_only.issue_problems() == {}


def test_a_document_of_a_meeting_with_an_agenda_names_its_item(seventh_msp):
    document = draft(seventh_msp)
    item = seventh_msp.agenda_items.create(number=10, title_en="Implementation support")
    assert document.issue_problems() == {"agenda_item": (
        "Choose the agenda item the document is issued under: its meeting has an agenda.")}
    document.agenda_item = item
    assert document.issue_problems() == {}


def test_a_document_without_a_number_or_meeting_has_no_symbol_to_be_issued_under(seventh_msp):
    document = draft(seventh_msp)
    document.number = None
    assert list(document.issue_problems()) == ["number"]
    document.meeting = None
    assert document.issue_problems() == {
        "meeting": "Choose the meeting the document is issued for."}


def test_the_problems_are_said_in_the_users_language(seventh_msp):
    document = draft(seventh_msp, submitted_on=None, title_zh_hans="")
    with translation.override("zh-hans"):
        problems = document.issue_problems()
    assert "Enter" not in " ".join(problems.values())


def test_a_document_already_issued_is_not_checked_again(seventh_msp):
    document = factories.document(seventh_msp, number=4)  # issued before the rule
    document.full_clean()


def test_languages_are_ticked_and_kept_as_a_list_in_the_un_order():
    field = LanguagesField()
    assert field.clean(["en", "ar", "zh-hans"]) == ["ar", "zh-hans", "en"]
    assert 'type="checkbox"' in field.widget.render("languages", ["en"])
    with pytest.raises(ValidationError):
        field.clean([])
    with pytest.raises(ValidationError):
        field.clean(["zh-hans, en"])
