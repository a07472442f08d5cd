"""/api/meetings/ and /api/documents/: symbols, names and bodies in both languages."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import Block, Footnote
from tests import factories


@pytest.fixture
def seventh_msp(ccm):
    return factories.meeting("CCM", "msp", 7, presidency="DE")


def add_blocks(document, count):
    for position in range(1, count + 1):
        block = Block.objects.create(document=document, position=position, kind="paragraph",
                                     text_en=f"Paragraph {position}[^]", text_zh_hans="段落[^]")
        Footnote.objects.create(block=block, position=1, text_en="A note")


def test_meetings_are_listed_with_their_names_in_both_languages(anonymous, seventh_msp):
    data = anonymous.get("/api/meetings/?convention=ccm").json()["results"]
    assert data[0]["name"] == {"en": "Seventh Meeting of States Parties",
                               "zh-hans": "缔约国第七次会议"}
    assert data[0]["symbol_prefix"] == "CCM/MSP/2017"
    assert data[0]["presidency"] == "DE"


def test_a_document_lists_its_symbol_metadata_and_changes(anonymous, seventh_msp):
    item = seventh_msp.agenda_items.create(number=8, title_en="Review of the status")
    sub_item = seventh_msp.agenda_items.create(number=10, parent=item,
                                               title_en="Implementation support")
    original = factories.document(seventh_msp, number=4, agenda_item=sub_item,
                                  submitted_on=date(2017, 6, 1))
    factories.document(seventh_msp, amends=original, change="Rev", change_number=1)
    factories.document(seventh_msp, amends=original, change="Corr", change_number=1)
    data = anonymous.get("/api/documents/?symbol=CCM/MSP/2017/4").json()["results"]
    assert [d["symbol"] for d in data] == [
        "CCM/MSP/2017/4", "CCM/MSP/2017/4/Corr.1", "CCM/MSP/2017/4/Rev.1"]
    first = data[0]
    assert first["agenda_item"]["number"] == {"en": "8 (j)", "zh-hans": "8(j)"}
    assert first["changes"] == ["CCM/MSP/2017/4/Corr.1", "CCM/MSP/2017/4/Rev.1"]
    assert first["current_version"] == "CCM/MSP/2017/4/Rev.1"
    assert first["meeting_name"]["en"] == "Seventh Meeting of States Parties"
    assert first["submitted_on"] == "2017-06-01"


def test_documents_filter_by_convention_and_meeting(anonymous, seventh_msp, apmbc):
    factories.document(seventh_msp, number=4)
    twenty_second = factories.meeting("APMBC", "msp", 22, start=date(2025, 12, 1))
    factories.document(twenty_second, number=5)
    by_convention = anonymous.get("/api/documents/?convention=APMBC").json()["results"]
    assert [d["symbol"] for d in by_convention] == ["APLC/MSP.22/2025/5"]
    by_meeting = anonymous.get(f"/api/documents/?meeting={seventh_msp.pk}").json()["results"]
    assert [d["symbol"] for d in by_meeting] == ["CCM/MSP/2017/4"]


def test_the_detail_numbers_the_body_and_its_footnotes(anonymous, seventh_msp):
    document = factories.document(seventh_msp, number=4, issued=False)
    Block.objects.create(document=document, position=1, kind="chapter", text_en="Introduction",
                         text_zh_hans="引言")
    add_blocks(document, 2)
    factories.issue(document)
    Block.objects.filter(document=document, position=2).update(position=2)
    blocks = anonymous.get(f"/api/documents/{document.pk}/").json()["blocks"]
    assert [b["number"] for b in blocks] == [
        {"zh-hans": "一.", "en": "I."}, {"zh-hans": "1.", "en": "1."},
        {"zh-hans": "2.", "en": "2."}]
    assert [b["footnotes"][0]["number"] for b in blocks[1:]] == [1, 2]


def test_limited_documents_are_only_for_the_staff_of_their_convention(
        anonymous, as_user, ccm_officer, apmbc_officer, seventh_msp):
    limited = factories.document(seventh_msp, number=4, distribution="limited")
    assert anonymous.get(f"/api/documents/{limited.pk}/").status_code == 404
    assert as_user(apmbc_officer).get(f"/api/documents/{limited.pk}/").status_code == 404
    assert as_user(ccm_officer).get(f"/api/documents/{limited.pk}/").status_code == 200


def test_list_and_detail_run_a_fixed_number_of_queries(anonymous, seventh_msp):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert anonymous.get(url).status_code == 200
        return len(captured)

    first = factories.document(seventh_msp, number=1, issued=False)
    factories.document(seventh_msp, amends=first, change="Corr", change_number=1)
    add_blocks(first, 2)
    factories.issue(first)
    small = (queries("/api/documents/"), queries(f"/api/documents/{first.pk}/"),
             queries("/api/meetings/"))
    for number in range(2, 12):
        document = factories.document(seventh_msp, number=number)
        factories.document(seventh_msp, amends=document, change="Rev", change_number=1)
    bigger = factories.document(seventh_msp, number=12, issued=False)
    add_blocks(bigger, 32)
    factories.issue(bigger)
    factories.meeting("CCM", "msp", 8, start=date(2018, 9, 3))
    large = (queries("/api/documents/"), queries(f"/api/documents/{bigger.pk}/"),
             queries("/api/meetings/"))
    assert small == large
