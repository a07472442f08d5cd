"""An official document downloads as a Word file built from the markup of its PDF: its masthead,
headings, numbered paragraphs, tables and real footnotes, in each language of its PDF, for
those who may have the PDF."""

import io
import re

import lxml.html
import pytest
from django.core.management import call_command
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from lib.docx_footnotes import footnotes, references
from meetings import word
from meetings.models import Block, Document, Footnote, MastheadNote
from meetings.pdfs import has_pdf
from meetings.rendering import pdf_markup
from tests import factories
from tests.seeds import load_demo

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def report(ccm):
    """CCM/MSP/2017/4 in English and Chinese: chapters, a section, numbered paragraphs with a
    footnote, sub-paragraphs, a bullet, a table and a masthead note."""
    meeting = factories.meeting("CCM", "msp", 7)
    document = factories.document(
        meeting, number=4, body="narrative", issued=False, job_number="GE.17-09152",
        title_en="Report of the Implementation Support Unit", title_zh_hans="执行支助股的报告",
        submitted_by_zh_hans="执行支助股")
    blocks = [
        ("chapter", "Introduction", "导言"),
        ("paragraph", f"The Unit supported twelve States.{Block.FOOTNOTE_MARKER} It travelled.",
         f"执行支助股支持了十二个国家。{Block.FOOTNOTE_MARKER}它出差了。"),
        ("subparagraph", "Advice to the President;", "向主席提供咨询意见；"),
        ("subparagraph", "Support to the coordinators.", "支持协调员。"),
        ("section", "Universalization", "普遍加入"),
        ("paragraph", "Two States joined.", "两个国家加入。"),
        ("bullet", "Six trips are foreseen.", "预计出差六次。"),
        ("section", "Stockpile destruction", "销毁库存"),
        ("table", "Costs | 2018\nSalaries | 345,054\nTravel | 37,000",
         "费用 | 2018年\n工资 | 345,054\n差旅 | 37,000"),
    ]
    for position, (kind, english, chinese) in enumerate(blocks, start=1):
        block = Block.objects.create(document=document, position=position, kind=kind,
                                     text_en=english, text_zh_hans=chinese)
        if position == 2:
            Footnote.objects.create(block=block, position=1, text_en="Twelve in 2017.",
                                    text_zh_hans="2017年为十二个。")
    MastheadNote.objects.create(document=document, position=1,
                                text_en="Submitted late to reflect the latest information.",
                                text_zh_hans="本文件逾期提交。")
    return factories.issue(document)


def opened(content):
    return WordDocument(io.BytesIO(content))


def all_paragraphs(docx):
    """Every paragraph of the body, those in tables too, in reading order."""
    return [Paragraph(p, docx.part) for p in docx.element.body.iter(qn("w:p"))]


def text_of(docx):
    return "\n".join(paragraph.text for paragraph in all_paragraphs(docx))


def squeezed(text):
    return re.sub(r"\s+", "", text)


def styled(docx, style):
    return [p.text for p in docx.paragraphs if p.style.name == style]


def test_the_title_and_the_headings_take_words_heading_styles(report):
    docx = opened(word.render_docx(report, "en"))
    assert styled(docx, "Title") == ["Report of the Implementation Support Unit"]
    assert styled(docx, "Heading 1") == ["I.\tIntroduction"]
    assert styled(docx, "Heading 2") == ["A.\tUniversalization", "B.\tStockpile destruction"]
    assert docx.core_properties.title == "Report of the Implementation Support Unit"


def test_paragraphs_keep_their_numbers_followed_by_a_tab(report):
    texts = [p.text for p in opened(word.render_docx(report, "en")).paragraphs]
    assert "1.\tThe Unit supported twelve States. It travelled." in texts
    assert "(a)\tAdvice to the President;" in texts and "(b)\tSupport to the coordinators." in texts
    assert "2.\tTwo States joined." in texts
    assert "Six trips are foreseen." in styled(opened(word.render_docx(report, "en")), "List Bullet")


def test_text_pasted_with_control_characters_still_makes_a_word_file(report):
    # Word's manual line break (vertical tab) and other control characters have no place in
    # a Word file's XML: they become spaces.
    Document.objects.filter(pk=report.pk).update(title_en="Report\x0bof the Unit")
    Block.objects.filter(document=report, text_en="Two States joined.").update(
        text_en="Two States\x0bjoined\x1b.")
    report.refresh_from_db()
    docx = opened(word.render_docx(report, "en"))
    assert "2.\tTwo States joined ." in [p.text for p in docx.paragraphs]
    assert docx.core_properties.title == "Report of the Unit"


def test_a_table_block_is_a_word_table_with_its_cells(report):
    docx = opened(word.render_docx(report, "en"))
    cells = [[cell.text for cell in row.cells] for row in docx.tables[-1].rows]
    assert cells == [["Costs", "2018"], ["Salaries", "345,054"], ["Travel", "37,000"]]
    header = docx.tables[-1].rows[0]._tr
    assert header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None  # repeated on each page


def test_footnotes_are_word_footnotes_called_where_the_text_has_them(report):
    docx = opened(word.render_docx(report, "en"))
    assert footnotes(docx) == {1: "* Submitted late to reflect the latest information.",
                               2: "Twelve in 2017."}
    assert references(docx) == [(1, "*"), (2, None)]
    numbered = next(p for p in docx.paragraphs if p.text.startswith("1.\t"))
    runs = [(r.find(qn("w:footnoteReference")) is not None, "".join(t.text for t in r.iter(qn("w:t"))))
            for r in numbered._p.iter(qn("w:r"))]
    call = [has_reference for has_reference, _text in runs].index(True)
    assert runs[call - 1][1].endswith("twelve States.") and runs[call + 1][1] == " It travelled."


def test_the_masthead_has_the_body_the_symbol_and_the_distribution_lines(report):
    docx = opened(word.render_docx(report, "en"))
    masthead = [cell.text for cell in docx.tables[0].rows[0].cells]
    assert masthead == ["Convention on Cluster Munitions", "CCM/MSP/2017/4"]
    lines = {p.text: p.alignment for p in docx.paragraphs[:5]}
    assert lines["Distr.: General"] == lines["Original: English"] == WD_ALIGN_PARAGRAPH.RIGHT
    assert "Seventh Meeting of States Parties" in text_of(docx)
    assert "Submitted by the Implementation Support Unit*" in text_of(docx)


def test_pages_after_the_first_carry_the_symbol_and_the_first_the_job_number(report):
    section = opened(word.render_docx(report, "zh-hans")).sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "CCM/MSP/2017/4"
    assert section.even_page_header.paragraphs[0].text == "CCM/MSP/2017/4"
    assert section.first_page_header.paragraphs[0].text == ""
    assert section.first_page_footer.paragraphs[0].text == "GE.17-09152(C)"
    english = opened(word.render_docx(report, "en")).sections[0]
    assert english.first_page_footer.paragraphs[0].text == "GE.17-09152(E)"
    assert round(english.page_width.cm, 1) == 21.0 and round(english.page_height.cm, 1) == 29.7


def east_asian_font(style):
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_the_chinese_version_sets_its_text_in_songti_and_its_headings_in_heiti(report):
    docx = opened(word.render_docx(report, "zh-hans"))
    styles = docx.styles
    assert east_asian_font(styles["Normal"]) == "SimSun"
    assert {east_asian_font(styles[name]) for name in ("Title", "Heading 1", "Heading 2")} == {
        "SimHei"}
    assert styles["Normal"].font.name == "Times New Roman"
    assert styled(docx, "Title") == ["执行支助股的报告"]
    assert "1.\t执行支助股支持了十二个国家。它出差了。" in [p.text for p in docx.paragraphs]
    assert footnotes(docx)[2] == "2017年为十二个。"
    assert "Distr.: General" in text_of(docx)  # the masthead lines stay in English


def test_the_english_version_is_set_in_times_new_roman(report):
    styles = opened(word.render_docx(report, "en")).styles
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        fonts = styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Times New Roman"
        assert fonts.get(qn("w:asciiTheme")) is None  # no theme font overrides it


def test_unknown_markup_keeps_its_text_and_charts_and_the_watermark_are_left_out(
        report, monkeypatch):
    markup = pdf_markup(report, "en").replace("<main>", (
        '<main><div class="watermark">DRAFT</div><aside class="new-box"><p>Kept in a box.</p>'
        "Loose text.</aside><figure class=\"chart\"><svg><text>chart label</text></svg>"
        "<figcaption>Figure 1</figcaption></figure><section><h4>Deeper</h4>"
        "<ul><li>Item <b>one</b><ul><li>Nested</li></ul></li></ul></section>"))
    monkeypatch.setattr(word, "pdf_markup", lambda document, language, draft: markup)
    docx = opened(word.render_docx(report, "en"))
    texts = [p.text for p in docx.paragraphs]
    for kept in ("Kept in a box.", "Loose text.", "Figure 1", "Item one", "Nested"):
        assert kept in texts
    assert "Deeper" in styled(docx, "Heading 3")
    assert "chart label" not in text_of(docx) and "DRAFT" not in text_of(docx)


def test_the_file_is_named_as_its_pdf(report):
    assert word.docx_filename(report, "zh-hans") == "CCM_MSP_2017_4_zh.docx"


# Who may have it ---------------------------------------------------------------------------

URL = "/en/documents/CCM/MSP/2017/4/{}.docx"


def test_an_issued_document_of_general_distribution_downloads_for_everyone(anonymous, report):
    response = anonymous.get(URL.format("zh-hans"))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="CCM_MSP_2017_4_zh.docx"'
    assert response["Cache-Control"] == "public, max-age=3600"
    assert styled(opened(response.content), "Title") == ["执行支助股的报告"]


def test_a_draft_is_refused_to_the_public_and_given_to_its_staff_marked_draft(
        anonymous, as_user, ccm_officer, apmbc_officer, report):
    Document.objects.filter(pk=report.pk).update(issued=False)
    assert anonymous.get(URL.format("en")).status_code == 404
    assert as_user(apmbc_officer).get(URL.format("en")).status_code == 404
    response = as_user(ccm_officer).get(URL.format("en"))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    section = opened(response.content).sections[0]
    assert section.first_page_header.paragraphs[0].text == "DRAFT"
    assert section.header.paragraphs[0].text == "DRAFT"


def test_a_restricted_document_is_only_for_its_conventions_staff(
        anonymous, as_user, ccm_officer, report):
    Document.objects.filter(pk=report.pk).update(distribution=Document.Distribution.RESTRICTED)
    assert anonymous.get(URL.format("en")).status_code == 404
    response = as_user(ccm_officer).get(URL.format("en"))
    assert response.status_code == 200 and response["Cache-Control"] == "private, max-age=3600"


def test_there_is_no_word_file_in_a_language_without_a_pdf(anonymous, report):
    Document.objects.filter(pk=report.pk).update(languages=["en"])
    assert anonymous.get(URL.format("zh-hans")).status_code == 404
    assert anonymous.get(URL.format("en")).status_code == 200


def test_the_document_page_links_a_word_file_beside_each_pdf(anonymous, report):
    page = anonymous.get("/en/documents/CCM/MSP/2017/4/").content.decode()
    for language in ("en", "zh-hans"):
        assert f'href="/en/documents/CCM/MSP/2017/4/{language}.pdf"' in page
        assert f'href="/en/documents/CCM/MSP/2017/4/{language}.docx"' in page


# The seed documents ------------------------------------------------------------------------

LEAF_BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "dt", "dd", "th", "td", "caption"}


def block_texts(markup):
    """The text of each innermost block of the printed markup, its footnotes taken out (they
    are at the foot of the page), and the texts of those footnotes."""
    root = lxml.html.document_fromstring(markup)
    notes = []
    for note in root.xpath('//*[contains(concat(" ", @class, " "), " footnote ")'
                           ' or contains(concat(" ", @class, " "), " masthead-note ")]'):
        notes.append(note.text_content())
        note.drop_tree()
    for skipped in root.xpath('//svg|//*[contains(@class, "watermark")]|//head'):
        skipped.drop_tree()
    blocks = [element.text_content() for element in root.iter()
              if isinstance(element.tag, str) and element.tag in LEAF_BLOCKS
              and not any(d.tag in LEAF_BLOCKS for d in element.iterdescendants()
                          if isinstance(d.tag, str))]
    return [squeezed(text) for text in blocks if text.strip()], [squeezed(n) for n in notes]


@pytest.fixture(scope="module")
def seed_word_files(django_db_setup, django_db_blocker):
    """Every document of the demo with a body, in each language, as markup and as Word file."""
    with django_db_blocker.unblock():
        load_demo()
        made = {}
        for document in Document.objects.exclude(body="none"):
            for language in ("zh-hans", "en"):
                if has_pdf(document, language):
                    made[(document.symbol, language)] = (pdf_markup(document, language),
                                                         word.render_docx(document, language))
        yield made
        call_command("flush", interactive=False, verbosity=0)
        factories.reference_data()


def test_the_chinese_work_plan_of_2018_carries_every_block_of_its_pdf(seed_word_files, db):
    markup, content = seed_word_files[("CCM/MSP/2017/4", "zh-hans")]
    docx = opened(content)
    text = squeezed(text_of(docx))
    blocks, notes = block_texts(markup)
    assert len(blocks) > 100
    assert [block for block in blocks if block not in text] == []
    assert "执行支助股2018年工作计划和预算" in text and "465,440" in text


def test_every_seed_document_carries_its_blocks_and_footnotes_in_both_languages(
        seed_word_files, db):
    # The five seeds, and the demo's drafted APMBC 2026 report with the two papers it cites.
    assert len(seed_word_files) == 16
    for (symbol, language), (markup, content) in seed_word_files.items():
        docx = opened(content)
        text = squeezed(text_of(docx))
        blocks, notes = block_texts(markup)
        assert [block for block in blocks if block not in text] == [], (symbol, language)
        assert sorted(squeezed(n).lstrip("*") for n in footnotes(docx).values()) == sorted(
            notes), (symbol, language)
        assert len(references(docx)) == len(notes)
