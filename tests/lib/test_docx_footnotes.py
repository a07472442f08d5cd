"""Word footnotes written with python-docx: a footnotes part with its separators, references in
the text, Word's own styles, and marks of their own for the notes on a masthead."""

import io
import zipfile

from docx import Document
from docx.oxml.ns import qn

from lib.docx_footnotes import add_footnote, footnotes, references


def saved(document):
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def part_xml(content, name):
    return zipfile.ZipFile(io.BytesIO(content)).read(name).decode()


def test_numbered_footnotes_are_called_from_the_text_in_their_order():
    document = Document()
    paragraph = document.add_paragraph("The Unit supported twelve States.")
    add_footnote(paragraph, "Twelve in 2017.")
    paragraph.add_run(" It travelled.")
    add_footnote(paragraph, "Economy class.")
    reopened = Document(io.BytesIO(saved(document)))
    assert footnotes(reopened) == {1: "Twelve in 2017.", 2: "Economy class."}
    assert references(reopened) == [(1, None), (2, None)]
    assert reopened.paragraphs[0].text == "The Unit supported twelve States. It travelled."


def test_the_footnotes_part_has_its_separators_and_the_notes_go_to_the_page_foot():
    document = Document()
    add_footnote(document.add_paragraph("Text"), "A note.")
    content = saved(document)
    notes = part_xml(content, "word/footnotes.xml")
    assert 'w:type="separator"' in notes and 'w:type="continuationSeparator"' in notes
    settings = part_xml(content, "word/settings.xml")
    assert '<w:pos w:val="pageBottom"/>' in settings
    assert '<w:footnote w:id="-1"/><w:footnote w:id="0"/>' in settings
    types = part_xml(content, "[Content_Types].xml")
    assert 'PartName="/word/footnotes.xml"' in types and "footnotes+xml" in types
    assert "endnotes" not in "".join(zipfile.ZipFile(io.BytesIO(content)).namelist())


def test_a_note_with_a_mark_of_its_own_prints_it_at_the_call_and_before_its_text():
    document = Document()
    add_footnote(document.add_paragraph("Submitted by the Unit"), "Submitted late.", mark="*")
    add_footnote(document.paragraphs[0], "Not formally edited.", mark="**")
    reopened = Document(io.BytesIO(saved(document)))
    assert references(reopened) == [(1, "*"), (2, "**")]
    assert footnotes(reopened) == {1: "* Submitted late.", 2: "** Not formally edited."}
    note = part_xml(saved(document), "word/footnotes.xml")
    assert note.count("<w:footnoteRef/>") == 0  # Word numbers none of them


def test_the_notes_take_words_footnote_styles_added_once():
    document = Document()
    paragraph = document.add_paragraph("Text")
    add_footnote(paragraph, "One.")
    add_footnote(paragraph, "Two.")
    styles = [style.style_id for style in document.styles]
    assert styles.count("FootnoteText") == 1 and styles.count("FootnoteReference") == 1
    assert document.styles.get_by_id("FootnoteReference", 2).font.superscript
    call = next(document.element.body.iter(qn("w:footnoteReference"))).getparent()
    assert call.find(f"{qn('w:rPr')}/{qn('w:rStyle')}").get(qn("w:val")) == "FootnoteReference"
    relationships = [rel for rel in document.part.rels.values() if rel.reltype.endswith("/footnotes")]
    assert len(relationships) == 1


def test_a_document_without_notes_has_no_footnotes_part():
    document = Document()
    document.add_paragraph("Text")
    assert footnotes(document) == {} and references(document) == []
    assert "word/footnotes.xml" not in zipfile.ZipFile(io.BytesIO(saved(document))).namelist()


def test_more_runs_can_be_added_to_a_note():
    document = Document()
    note = add_footnote(document.add_paragraph("Text"))
    note.add_run("CCW/MSP/2009/5").italic = True
    reopened = Document(io.BytesIO(saved(document)))
    assert footnotes(reopened) == {1: "CCW/MSP/2009/5"}
