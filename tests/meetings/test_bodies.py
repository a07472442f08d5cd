"""A document's body is drawn by the receiver of its kind (meetings.signals.document_body)."""

import pytest

from meetings.rendering import body_html, pdf_markup
from tests import factories


@pytest.fixture
def seventh_msp(ccm):
    return factories.meeting("CCM", "msp", 7)


def test_a_narrative_body_shows_its_paragraphs_and_footnotes(anonymous, seventh_msp):
    document = factories.document(seventh_msp, number=4, body="narrative", blocks=[
        ("The Unit supported twelve States.", ["Twelve in 2017."])])
    page = anonymous.get("/en/documents/CCM/MSP/2017/4/").content.decode()
    assert "The Unit supported twelve States." in page and "Twelve in 2017." in page
    printed = pdf_markup(document, "en")
    assert "The Unit supported twelve States." in printed and "Twelve in 2017." in printed


def test_a_document_recorded_by_its_symbol_only_has_no_body(seventh_msp):
    document = factories.document(seventh_msp, number=4, body="none")
    assert body_html(document, "en") == ""
