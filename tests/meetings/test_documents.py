"""Official documents: one unique symbol per document, changes chained to what they change."""

import pytest
from django.core.exceptions import ValidationError

from meetings.models import Block, Document, table_rows
from tests import factories


@pytest.fixture
def seventh_msp(ccm):
    return factories.meeting("CCM", "msp", 7)


@pytest.fixture
def work_plan_2018(seventh_msp):
    return factories.document(seventh_msp, number=4, title_en="ISU 2018 work plan and budget")


def test_the_symbol_is_built_from_the_meeting_and_the_number(work_plan_2018):
    assert work_plan_2018.symbol == "CCM/MSP/2017/4"


def test_working_papers_carry_their_component(seventh_msp):
    paper = factories.document(seventh_msp, number=3, component="WP")
    assert paper.symbol == "CCM/MSP/2017/WP.3"


def test_changes_chain_their_suffixes_to_the_document_they_change(work_plan_2018):
    corrigendum = factories.document(work_plan_2018.meeting, amends=work_plan_2018,
                                     change="Corr", change_number=1)
    revision = factories.document(work_plan_2018.meeting, amends=work_plan_2018,
                                  change="Rev", change_number=1)
    amendment = factories.document(work_plan_2018.meeting, amends=revision,
                                   change="Amend", change_number=1)
    assert corrigendum.symbol == "CCM/MSP/2017/4/Corr.1"
    assert amendment.symbol == "CCM/MSP/2017/4/Rev.1/Amend.1"


def test_the_current_version_is_the_latest_revision(work_plan_2018):
    meeting = work_plan_2018.meeting
    assert work_plan_2018.current_version() == work_plan_2018
    factories.document(meeting, amends=work_plan_2018, change="Rev", change_number=1)
    second = factories.document(meeting, amends=work_plan_2018, change="Rev", change_number=2)
    corrigendum = factories.document(meeting, amends=work_plan_2018, change="Corr",
                                     change_number=1)
    assert work_plan_2018.current_version() == second
    assert Document.objects.get(symbol="CCM/MSP/2017/4/Rev.1").current_version() == second
    assert corrigendum.current_version() == corrigendum
    assert [d.symbol for d in work_plan_2018.changes.order_by("symbol")] == [
        "CCM/MSP/2017/4/Corr.1", "CCM/MSP/2017/4/Rev.1", "CCM/MSP/2017/4/Rev.2"]


def test_a_duplicate_symbol_is_refused_and_nothing_is_saved(work_plan_2018):
    with pytest.raises(ValidationError) as error:
        factories.document(work_plan_2018.meeting, number=4, title_en="Again")
    assert "CCM/MSP/2017/4 already exists" in str(error.value)
    assert Document.objects.count() == 1


def test_a_change_needs_its_kind_and_number_and_no_number_of_its_own(work_plan_2018):
    with pytest.raises(ValidationError) as error:
        factories.document(work_plan_2018.meeting, amends=work_plan_2018, number=5)
    assert {"number", "change"} <= set(error.value.message_dict)


def test_a_change_belongs_to_the_meeting_of_the_document_it_changes(work_plan_2018):
    eighth = factories.meeting("CCM", "msp", 8, start=work_plan_2018.meeting.start_date.replace(
        year=2018))
    with pytest.raises(ValidationError) as error:
        factories.document(eighth, amends=work_plan_2018, change="Corr", change_number=1)
    assert "amends" in error.value.message_dict


def test_the_agenda_item_must_be_of_the_same_meeting(work_plan_2018):
    other = factories.meeting("CCM", "msp", 8, start=work_plan_2018.meeting.start_date.replace(
        year=2018))
    item = other.agenda_items.create(number=8, title_en="Implementation support")
    work_plan_2018.agenda_item = item
    with pytest.raises(ValidationError) as error:
        work_plan_2018.full_clean()
    assert "agenda_item" in error.value.message_dict


def test_a_meeting_without_a_standard_series_asks_for_its_prefix(ccm):
    informal = factories.meeting("CCM", "informal", None)
    with pytest.raises(ValidationError) as error:
        factories.document(informal, number=1)
    assert "enter its symbol prefix" in str(error.value)
    informal.symbol_prefix = "CCM/INF/2017"
    informal.full_clean()
    informal.save()
    assert factories.document(informal, number=1).symbol == "CCM/INF/2017/1"


def test_languages_must_be_official_languages(work_plan_2018):
    work_plan_2018.languages = ["en", "de"]
    with pytest.raises(ValidationError) as error:
        work_plan_2018.full_clean()
    assert "languages" in error.value.message_dict


def test_a_table_block_reads_as_rows_of_cells_and_refuses_ragged_rows(work_plan_2018):
    table = Block(document=work_plan_2018, kind="table",
                  text_en="Meeting | Estimated | Actual\n2013 MSP | 1,000 | 900",
                  text_zh_hans="会议 | 估计 | 实际\n2013年会议 | 1,000 | 900")
    table.full_clean()
    assert table_rows(table.text_en) == [["Meeting", "Estimated", "Actual"],
                                         ["2013 MSP", "1,000", "900"]]
    table.text_zh_hans = "会议 | 估计\n2013年会议 | 1,000 | 900"
    with pytest.raises(ValidationError) as error:
        table.full_clean()
    assert "same number of cells" in str(error.value)
