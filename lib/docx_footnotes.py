"""Footnotes in Word documents written with python-docx, which has no API of its own for them.

A Word footnote lives in the package's footnotes part (word/footnotes.xml) and is called from
the body by a run holding a w:footnoteReference. The part opens with the separator and the
continuation separator that Word draws above the notes at the foot of each page; the settings
name them and place the notes at the page bottom, numbered 1, 2, 3. Word numbers the notes in
their order; a note with a mark of its own (*, **) prints that mark at the call and before its
text (w:customMarkFollows) and takes no number.

    paragraph = document.add_paragraph("Text")
    add_footnote(paragraph, "The note.")
    add_footnote(paragraph, "A note on the title.", mark="*")
"""

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

# A footnotes part read from a file is parsed as XML, like the parts python-docx knows itself.
PartFactory.part_type_for.setdefault(CT.WML_FOOTNOTES, XmlPart)

TEXT_STYLE = ("FootnoteText", "footnote text")
REFERENCE_STYLE = ("FootnoteReference", "footnote reference")
SEPARATOR_IDS = (-1, 0)
NOTE_SIZE = Pt(8)

_EMPTY_PART = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)

# The children of w:settings that come after w:footnotePr, in the schema's order.
_AFTER_FOOTNOTE_PROPERTIES = (
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
    "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
    "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
    "w:decimalSymbol", "w:listSeparator",
)


def footnotes_element(document):
    """The w:footnotes element of the document, its part made (with the separators, the
    settings and the two styles) the first time."""
    part = document.part
    for rel in part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            return rel.target_part.element
    footnotes = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_EMPTY_PART),
                        part.package)
    part.relate_to(footnotes, RT.FOOTNOTES)
    _name_separators(document)
    ensure_styles(document)
    return footnotes.element


def _name_separators(document):
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is not None:
        return
    properties = parse_xml(
        f'<w:footnotePr {nsdecls("w")}><w:pos w:val="pageBottom"/><w:numFmt w:val="decimal"/>'
        + "".join(f'<w:footnote w:id="{i}"/>' for i in SEPARATOR_IDS) + "</w:footnotePr>")
    settings.insert_element_before(properties, *_AFTER_FOOTNOTE_PROPERTIES)


def ensure_styles(document, size=NOTE_SIZE):
    """Word's built-in "footnote text" and "footnote reference" styles, added where missing;
    returns them (paragraph style, character style)."""
    styles = document.styles
    found = {style.style_id: style for style in styles}
    text = found.get(TEXT_STYLE[0])
    if text is None:
        text = styles.add_style(TEXT_STYLE[1], WD_STYLE_TYPE.PARAGRAPH, builtin=True)
        text.element.styleId = TEXT_STYLE[0]
        text.base_style = styles.default(WD_STYLE_TYPE.PARAGRAPH)
        text.font.size = size
        text.paragraph_format.space_after = Pt(0)
        text.paragraph_format.space_before = Pt(0)
        text.unhide_when_used = True
    reference = found.get(REFERENCE_STYLE[0])
    if reference is None:
        reference = styles.add_style(REFERENCE_STYLE[1], WD_STYLE_TYPE.CHARACTER, builtin=True)
        reference.element.styleId = REFERENCE_STYLE[0]
        reference.font.superscript = True
        reference.unhide_when_used = True
    return text, reference


def _reference_run():
    run = OxmlElement("w:r")
    properties = run.get_or_add_rPr()
    properties.style = REFERENCE_STYLE[0]
    return run


def add_footnote(paragraph, text="", mark=None):
    """Call a new footnote at the end of `paragraph` and return the paragraph of its text (for
    more runs): numbered by Word, or with `mark` (such as "*") as its mark."""
    document_part = paragraph.part
    footnotes = footnotes_element(document_part.document)
    ids = [int(note.get(qn("w:id"))) for note in footnotes.iterchildren(qn("w:footnote"))]
    number = max([*ids, 0]) + 1

    call = _reference_run()
    reference = OxmlElement("w:footnoteReference", {qn("w:id"): str(number)})
    if mark:
        reference.set(qn("w:customMarkFollows"), "1")
    call.append(reference)
    if mark:
        call.append(_text(mark))
    paragraph._p.append(call)

    note = OxmlElement("w:footnote", {qn("w:id"): str(number)})
    body = OxmlElement("w:p")
    note.append(body)
    footnotes.append(note)
    body.get_or_add_pPr().style = TEXT_STYLE[0]
    own = _reference_run()
    own.append(_text(mark) if mark else OxmlElement("w:footnoteRef"))
    body.append(own)
    note_paragraph = Paragraph(body, document_part)
    note_paragraph.add_run(" ")
    if text:
        note_paragraph.add_run(text)
    return note_paragraph


def _text(value):
    element = OxmlElement("w:t")
    element.text = value
    if value != value.strip():
        element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return element


def footnotes(document):
    """{id: text} of the document's footnotes, separators left out: what a reader finds at the
    foot of the pages (a custom mark is part of its note's text)."""
    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype == RT.FOOTNOTES and not rel.is_external), None)
    if part is None:
        return {}
    return {int(note.get(qn("w:id"))): "".join(t.text or "" for t in note.iter(qn("w:t"))).strip()
            for note in part.element.iterchildren(qn("w:footnote"))
            if note.get(qn("w:type")) in (None, "normal")}


def references(document):
    """The ids of the footnotes the body calls, in order, with the custom mark of each or None."""
    calls = []
    for reference in document.element.body.iter(qn("w:footnoteReference")):
        mark = None
        if reference.get(qn("w:customMarkFollows")) in ("1", "true", "on"):
            following = reference.getnext()
            mark = following.text if following is not None and following.tag == qn("w:t") else ""
        calls.append((int(reference.get(qn("w:id"))), mark))
    return calls
