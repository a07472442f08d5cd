"""Characters and the PDF fonts: Chinese text prints in an English PDF; a character that no
font can draw is refused when it is saved; and a PDF that cannot be rendered never makes a
server error."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from budgets.models import Line
from lib import pdf
from meetings.models import Block, Document, Rendition
from meetings.rendering import render_pdf
from tests import factories
from tests.meetings.test_admin import DOCUMENTS, document_post, errors_of
from workplans.models import Paragraph

UNTRANSLATED = "执行支助股将协助缔约国履行《公约》义务。"


def text_and_fonts(content):
    reader = PdfReader(io.BytesIO(content))
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    return text, fonts


@pytest.fixture
def seventh_msp(ccm):
    return factories.meeting("CCM", "msp", 7)


def test_an_untranslated_chinese_paragraph_prints_in_the_english_pdf(seventh_msp):
    document = factories.document(seventh_msp, number=4, issued=False)
    Block.objects.create(document=document, position=1, text_en="The ISU reports.")
    Block.objects.create(document=document, position=2, text_zh_hans=UNTRANSLATED)
    text, fonts = text_and_fonts(render_pdf(document, "en"))
    assert "TheISUreports." in text and UNTRANSLATED in text
    assert any("UMing" in font for font in fonts) and any("Liberation" in font for font in fonts)


PRINTABLE_EN = "Costs — “CHF 1,000” • 20% → €, é, ü, ½, ±"
PRINTABLE_ZH = "《公约》第七条：执行支助股（ISU）、缔约国；“报告”……"


@pytest.mark.parametrize("character", ["😀", "✓", "\x0b", "\x1f"])
def test_a_block_is_refused_only_for_a_character_no_font_has(seventh_msp, character):
    document = factories.document(seventh_msp, number=4, issued=False)
    block = Block(document=document, position=1, text_en=PRINTABLE_EN,
                  text_zh_hans=PRINTABLE_ZH)
    block.full_clean()  # what the fonts have passes
    block.text_en = f"{PRINTABLE_EN} {character}"
    with pytest.raises(ValidationError) as error:
        block.full_clean()
    message = error.value.message_dict["text_en"][0]
    assert message.startswith("The text in English has characters that the PDF fonts cannot print")
    assert f"{character} (U+{ord(character):04X})" in message


def test_documents_plans_and_budgets_refuse_unprintable_text(seventh_msp):
    document = factories.document(seventh_msp, number=4, issued=False)
    document.title_zh_hans = "报告😀"
    plan = factories.plan("CCM", 2018)
    paragraph = Paragraph(chapter=factories.chapter(plan, "Introduction"), text_en="Smile 😀")
    plan.title_en = "Plan 😀"
    budget = factories.budget(plan, lines=[("salaries", "100")])
    line = Line.objects.get(budget=budget)
    line.label_en, line.note_zh_hans = "Salaries ✓", "注😀"
    for row, fields in [(document, ["title_zh_hans"]), (paragraph, ["text_en"]),
                        (plan, ["title_en"]), (line, ["label_en", "note_zh_hans"])]:
        with pytest.raises(ValidationError) as error:
            row.full_clean()
        for field in fields:
            assert "the PDF fonts cannot print" in error.value.message_dict[field][0]


def test_the_admin_shows_the_refusal_and_saves_nothing(as_user, ccm_officer, seventh_msp):
    response = as_user(ccm_officer).post(f"{DOCUMENTS}add/", document_post(
        seventh_msp, "CCM/MSP/2017/4", title_en="All done 😀"))
    assert "the PDF fonts cannot print: 😀 (U+1F600)" in errors_of(response)
    assert not Document.objects.exists()


def test_the_workspace_refuses_a_block_the_fonts_cannot_print(ccm_officer, seventh_msp):
    from meetings import editing

    document = factories.document(seventh_msp, number=4, issued=False)
    row, edit = editing.add_row(ccm_officer, document.pk, "block", {
        "kind": "paragraph", "level": 1, "numbered": "on", "text_en": "All done 😀",
        "text_zh_hans": ""})
    assert row is None and "😀 (U+1F600)" in str(edit.form.errors)
    assert not document.blocks.exists()


def test_the_renderer_raises_unprintable_text_naming_the_characters():
    with pytest.raises(pdf.UnprintableText) as error:
        pdf.render("<p>Ticked ✓ and smiling 😀</p>", "en")
    assert error.value.characters == ("✓", "😀")
    assert isinstance(error.value, pdf.FontMissing)
    assert "😀 (U+1F600)" in str(error.value)


def test_without_the_chinese_font_chinese_in_an_english_pdf_names_the_package(monkeypatch):
    real = pdf.font_file
    monkeypatch.setattr(pdf, "font_file", lambda family: None if family == pdf.CJK_FONT
                        else real(family))
    assert pdf.render("<p>English only</p>", "en").startswith(b"%PDF")
    with pytest.raises(pdf.FontMissing) as error:
        pdf.render(f"<p>{UNTRANSLATED}</p>", "en")
    assert "fonts-arphic-uming" in str(error.value)


@pytest.fixture
def issued_with_an_emoji(seventh_msp):
    """An issued document whose text was stored before the fonts were checked on save."""
    document = factories.document(seventh_msp, number=4, issued=False, title_zh_hans="报告")
    Block.objects.create(document=document, position=1, text_en="All done 😀",
                         text_zh_hans="完成")
    Document.objects.filter(pk=document.pk).update(issued=True)
    return document


def test_an_unprintable_pdf_is_an_explained_error_page_not_a_server_error(anonymous,
                                                                       issued_with_an_emoji):
    response = anonymous.get("/en/documents/CCM/MSP/2017/4/en.pdf")
    assert response.status_code == 503 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "cannot be produced" in page and "😀 (U+1F600)" in page
    assert 'href="/en/documents/CCM/MSP/2017/4/"' in page
    assert not Rendition.objects.filter(language="en").exists()
    assert anonymous.get("/en/documents/CCM/MSP/2017/4/zh-hans.pdf").status_code == 200


def test_the_document_page_links_only_the_pdfs_that_can_be_rendered(anonymous,
                                                                    issued_with_an_emoji):
    response = anonymous.get("/en/documents/CCM/MSP/2017/4/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/documents/CCM/MSP/2017/4/zh-hans.pdf" in page
    assert "/documents/CCM/MSP/2017/4/en.pdf" not in page


def test_a_draft_that_cannot_be_rendered_is_explained_to_its_staff(as_user, ccm_officer,
                                                                  seventh_msp):
    document = factories.document(seventh_msp, number=4, issued=False)
    Block.objects.create(document=document, position=1, text_en="Ticked ✓")
    response = as_user(ccm_officer).get("/en/documents/CCM/MSP/2017/4/en.pdf")
    assert response.status_code == 503 and "✓ (U+2713)" in response.content.decode()
