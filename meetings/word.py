"""Official documents as Word files (DOCX) for conference services, made from the very markup
their PDF is printed from (meetings.rendering.pdf_markup): one structure, two outputs.

The markup is walked element by element. What the layout knows by its class gets Word's own
styles and layout: the masthead (a table: body at the left, symbol at the right), its
distribution lines, the meeting and agenda lines, the title (style Title), chapters and sections
(Heading 1 and 2), numbered paragraphs and subparagraphs (their numbers as text, then a tab),
bullets, tables, and footnotes, which become Word footnotes at the foot of the page (the notes on
the masthead keep their marks * and **). Any other element keeps its text as paragraphs, so that
nothing printed in the PDF is missing from the Word file; charts (svg) and the draft watermark
are left out. The symbol heads the pages after the first; the job number, with the letter of the
language, ends the first.
"""

import io
import re
import unicodedata
from dataclasses import dataclass, replace

import lxml.html
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.text.paragraph import Paragraph

from lib import docx_footnotes
from lib.languages import WORKING_LANGUAGE, chinese_script_language, conventions
from meetings.rendering import job_line, pdf_filename, pdf_markup

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Fonts as in UN documents: Times New Roman for Latin script; for Chinese, 宋体 in the text and
# 黑体 in the headings.
LATIN_FONT = "Times New Roman"
CHINESE_TEXT_FONT = "SimSun"
CHINESE_HEADING_FONT = "SimHei"

# The page of the PDF (templates/pdf/document.html): A4, its margins.
PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
MARGINS = {"top": Cm(2.3), "right": Cm(2.2), "bottom": Cm(2.4), "left": Cm(2.2)}
TEXT_SIZE = 10  # points

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
SKIPPED_TAGS = {"head", "script", "style", "svg", "math", "img", "template", "title", "noscript"}
SKIPPED_CLASSES = {"watermark"}
FOOTNOTE_CLASSES = {"footnote", "masthead-note"}
WHITESPACE = re.compile(r"[ \t\n\r\f]+")
# A line may break between words, and anywhere between Chinese characters.
WORDS = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+")
BULLET_WIDTH = 1.2  # ems between a bullet and its text
# Characters a Word file's XML cannot hold (control characters such as the vertical tab of a
# line break pasted from Word): they become spaces.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The children of w:pPr after w:pBdr, in the schema's order.
PARAGRAPH_PROPERTIES_AFTER_BORDERS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def render_docx(document, language, draft=None):
    """The document in `language` as the bytes of a Word file; a draft (by default, a document
    not yet issued) says so at the top of every page, as its PDF's watermark does."""
    if draft is None:
        draft = not document.issued
    markup = pdf_markup(document, language, draft=draft)
    word = _Writer(document, language)
    word.write(lxml.html.document_fromstring(NOT_IN_XML.sub(" ", markup)))
    out = io.BytesIO()
    word.docx.save(out)
    return out.getvalue()


def docx_filename(document, language):
    """CCM/MSP/2017/4 in Chinese → CCM_MSP_2017_4_zh.docx, beside its PDF."""
    return pdf_filename(document, language).removesuffix(".pdf") + ".docx"


def classes(element):
    return set((element.get("class") or "").split())


@dataclass(frozen=True)
class Look:
    """How a run of text is set."""

    bold: bool = False
    italic: bool = False
    superscript: bool = False
    subscript: bool = False


@dataclass(frozen=True)
class Layout:
    """How a paragraph is set: its style and what the markup's class adds to it. Lengths are in
    ems of the text (10 pt), tab and hanging widths in ems of the paragraph's own size."""

    style: str = "Normal"
    align: WD_ALIGN_PARAGRAPH | None = None
    bold: bool = False
    indent: float = 0  # left indent
    number_width: float = 0  # a span.number is followed by a tab to this width
    hanging: bool = False  # lines after the first start at the number's tab
    bullet: bool = False
    space_before: float | None = None  # points
    space_after: float | None = None  # points
    keep_with_next: bool = False

    def continued(self):
        """The layout of the paragraphs after the first of one element (text after a list in
        a list item): no bullet, no space before, aligned with the text."""
        if not self.bullet:
            return replace(self, space_before=None, hanging=False)
        return replace(self, style="Normal", bullet=False, space_before=None, hanging=False)


HEADING_STYLES = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3",
                  "h5": "Heading 4", "h6": "Heading 4"}
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT


def layout_of(element, indent):
    """The layout of a block of the markup, by its tag and classes, at `indent` ems."""
    tag, found = element.tag, classes(element)
    if tag in HEADING_STYLES:
        return Layout(style=HEADING_STYLES[tag], indent=indent + (2.5 if tag == "h1" else 0),
                      number_width=2.5, hanging=True,
                      align=WD_ALIGN_PARAGRAPH.CENTER if "summary-title" in found else None)
    if "subtitle" in found:
        return Layout(style="Subtitle", indent=indent + 2.5)
    if "meeting" in found:
        return Layout(bold=True, space_after=0, indent=indent)
    if "agenda-title" in found:
        return Layout(bold=True, space_after=0, indent=indent)
    if found & {"meeting-line", "agenda-line"}:
        return Layout(space_after=2, indent=indent)
    if "submitted" in found:
        return Layout(space_before=8, space_after=14, indent=indent + 2.5)
    if "paragraph" in found:
        return Layout(align=JUSTIFY, indent=indent, number_width=2.5)
    if "subparagraph" in found:
        level = 2 if "level-2" in found else 1
        return Layout(align=JUSTIFY, indent=indent + 2.5 * level, number_width=2)
    if "bullet" in found:
        return Layout(style="List Bullet", align=JUSTIFY, indent=indent + 2.5, bullet=True)
    if tag == "li":
        return Layout(style="List Bullet", align=JUSTIFY, indent=indent + BULLET_WIDTH,
                      bullet=True, space_after=2)
    if tag == "caption":
        return Layout(bold=True, keep_with_next=True, indent=indent, space_before=6)
    if tag == "dt":
        return Layout(bold=True, keep_with_next=True, indent=indent, space_after=2)
    if tag == "dd":
        return Layout(align=JUSTIFY, indent=indent + 2.5)
    if tag in ("td", "th"):
        return Layout(style="Table Text", indent=indent, bold="area" in found,
                      align=WD_ALIGN_PARAGRAPH.RIGHT if "amount" in found and "in-kind" not in found
                      else LEFT)
    if tag == "p":
        return Layout(align=JUSTIFY, indent=indent)
    return Layout(indent=indent)


@dataclass(frozen=True)
class Place:
    """Where blocks are written: the body or a table cell, at an indent (ems)."""

    container: object
    indent: float = 0
    in_table: bool = False


class _Flow:
    """The paragraphs of one element, each made when its first text arrives, with HTML's white
    space: runs of it are one space, none at the start or the end of a paragraph."""

    def __init__(self, writer, place, layout, paragraph=None):
        self.writer = writer
        self.place = place
        self.layout = layout
        self.paragraph = paragraph
        self.first = paragraph is None
        self.started = False  # text written since the paragraph or its last tab began
        self.space = False  # a space is owed before the next text

    def open(self):
        if self.paragraph is None:
            layout = self.layout if self.first else self.layout.continued()
            self.paragraph = self.writer.paragraph(self.place, layout)
            self.first = False
        return self.paragraph

    def close(self):
        self.paragraph = None
        self.started = self.space = False

    def text(self, raw, look):
        text = WHITESPACE.sub(" ", raw)
        if not text:
            return
        if text.startswith(" ") and self.started:
            self.space = True
        core = text.strip(" ")
        if core:
            run = self.open().add_run((" " if self.space else "") + core)
            self.writer.set_look(run, look)
            self.started, self.space = True, False
        if text.endswith(" ") and self.started:
            self.space = True

    def tab(self):
        self.open().add_run().add_tab()
        self.started = self.space = False

    def line_break(self):
        self.open().add_run().add_break()
        self.started = self.space = False

    def footnote(self, element, look):
        paragraph = self.open()
        if self.space:
            self.writer.set_look(paragraph.add_run(" "), look)
        note = docx_footnotes.add_footnote(paragraph, mark=element.get("data-mark") or None)
        inner = _Flow(self.writer, self.place, Layout(), paragraph=note)
        self.writer.inline_content(element, inner, Look(), in_note=True)
        self.started, self.space = True, False


class _Writer:
    """Writes the markup of one document into a new Word document."""

    def __init__(self, document, language):
        self.document = document
        self.language = language
        self.han = conventions(language).script == "Hans"
        self.upright_owed = False
        self.docx = WordDocument()
        self._set_up_styles()
        self._set_up_page()
        self._set_up_properties()

    # The document ------------------------------------------------------------------------

    def _set_up_styles(self):
        styles = self.docx.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        self._fonts(run_defaults, CHINESE_TEXT_FONT)
        run_defaults.find(qn("w:sz")).set(qn("w:val"), str(TEXT_SIZE * 2))
        run_defaults.find(qn("w:szCs")).set(qn("w:val"), str(TEXT_SIZE * 2))
        language = run_defaults.find(qn("w:lang"))
        east_asian = chinese_script_language().word_language
        language.set(qn("w:val"), conventions(WORKING_LANGUAGE).word_language)
        language.set(qn("w:eastAsia"), east_asian)
        theme_language = self.docx.settings.element.find(qn("w:themeFontLang"))
        if theme_language is not None:
            theme_language.set(qn("w:eastAsia"), east_asian)
        paragraph_defaults = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
        spacing = paragraph_defaults.find(qn("w:spacing"))
        spacing.set(qn("w:after"), "120")
        spacing.set(qn("w:line"), "240")

        self._style("Normal", size=TEXT_SIZE)
        self._style("Title", size=14, bold=True, before=16, after=4, heading=0)
        self._style("Subtitle", size=11, bold=True, before=0, after=6, heading=0)
        self._style("Heading 1", size=11, bold=True, before=14, after=6, heading=1)
        self._style("Heading 2", size=10, bold=True, before=10, after=4, heading=2)
        self._style("Heading 3", size=10, bold=True, italic=True, before=8, after=4, heading=3)
        self._style("Heading 4", size=10, italic=True, before=6, after=4, heading=4)
        self._style("List Bullet", size=TEXT_SIZE, after=6, keep_numbering=True)
        self._style("Header", size=9, after=0)
        self._style("Footer", size=8, after=0)
        table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
        table_text.base_style = styles["Normal"]
        table_text.font.size = Pt(9)
        table_text.paragraph_format.space_after = Pt(2)
        note_text, _reference = docx_footnotes.ensure_styles(self.docx, size=Pt(8))
        note_text.paragraph_format.alignment = LEFT

    def _style(self, name, size, bold=False, italic=False, before=None, after=None,
               heading=None, keep_numbering=False):
        """Sets a style as the PDF sets its text, dropping the template's colours and theme
        fonts; `heading` is its level in the outline (the title: 0, before the chapters)."""
        style = self.docx.styles[name]
        element = style.element
        numbering = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        for old in (element.find(qn("w:pPr")), element.find(qn("w:rPr"))):
            if old is not None:
                element.remove(old)
        font = style.font
        font.size = Pt(size)
        font.bold = bold
        font.italic = italic
        properties = element.get_or_add_rPr()
        self._fonts(properties, CHINESE_HEADING_FONT if heading is not None
                    else CHINESE_TEXT_FONT)
        paragraph = style.paragraph_format
        if before is not None:
            paragraph.space_before = Pt(before)
        if after is not None:
            paragraph.space_after = Pt(after)
        if heading is not None:
            paragraph.keep_with_next = True
            paragraph.keep_together = True
            paragraph.alignment = LEFT
            if heading:
                element.get_or_add_pPr().get_or_add_outlineLvl().set(qn("w:val"), str(heading - 1))
        if keep_numbering and numbering is not None:
            element.get_or_add_pPr().insert_element_before(
                numbering, "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:spacing",
                "w:ind", "w:jc", "w:outlineLvl")

    @staticmethod
    def _fonts(properties, east_asian):
        """Names the fonts of a style's or a run's properties outright (no theme fonts)."""
        fonts = properties.find(qn("w:rFonts"))
        if fonts is None:
            fonts = properties.get_or_add_rFonts()
        for name in list(fonts.attrib):
            del fonts.attrib[name]
        for script in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(script), LATIN_FONT)
        fonts.set(qn("w:eastAsia"), east_asian)

    def _set_up_page(self):
        """A4 with the PDF's margins. The first page ends with the job number; the later ones
        carry the symbol above a rule and the page number, both at the outer edge (right on odd
        pages, left on even ones)."""
        self.docx.settings.odd_and_even_pages_header_footer = True
        section = self.docx.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.right_margin = MARGINS["top"], MARGINS["right"]
        section.bottom_margin, section.left_margin = MARGINS["bottom"], MARGINS["left"]
        section.header_distance = section.footer_distance = Cm(1.2)
        section.different_first_page_header_footer = True
        for header, footer, side in ((section.header, section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                                     (section.even_page_header, section.even_page_footer,
                                      WD_ALIGN_PARAGRAPH.LEFT)):
            line = header.paragraphs[0]
            line.style = self.docx.styles["Header"]
            line.alignment = side
            self.set_look(line.add_run(self.document.symbol), Look(bold=True))
            self._border(line, "bottom", 0.5, space=3)
            number = footer.paragraphs[0]
            number.style = self.docx.styles["Footer"]
            number.alignment = side
            number._p.append(parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:rPr><w:b/></w:rPr>'
                "<w:t>2</w:t></w:r></w:fldSimple>"))

        section.first_page_header.is_linked_to_previous = False
        first_footer = section.first_page_footer.paragraphs[0]
        first_footer.style = self.docx.styles["Footer"]
        job_number = job_line(self.document, self.language)
        if job_number:
            first_footer.add_run(job_number)

    def wide_pages(self, element, place):
        """A wide block (the results matrix) on pages of their own in landscape, as in the
        PDF; the pages after it are upright again."""
        if place.container is not self.docx:
            return self.flow(element, place, layout_of(element, place.indent))
        self._new_section(landscape=True)
        self.flow(element, place, layout_of(element, place.indent))
        self.upright_owed = True  # made once something follows: no empty page at the end
        return None

    def _in_body(self, place):
        """Whether `place` is the body; upright pages owed after a wide block begin here."""
        if place.container is not self.docx:
            return False
        if self.upright_owed:
            self.upright_owed = False
            self._new_section(landscape=False)
        return True

    def _new_section(self, landscape):
        section = self.docx.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False  # the masthead page is the first
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT

    def _set_up_properties(self):
        # The template's picture of an empty page and its styles for Word 2010's effects would
        # not be this document's.
        for rels, kind in ((self.docx.part.package.rels, "/metadata/thumbnail"),
                           (self.docx.part.rels, "/stylesWithEffects")):
            for rel_id in [i for i, rel in rels.items() if rel.reltype.endswith(kind)]:
                del rels[rel_id]
        properties = self.docx.core_properties
        properties.author = properties.last_modified_by = properties.comments = ""
        properties.identifier = self.document.symbol
        properties.language = conventions(self.language).word_language
        properties.revision = 1

    @property
    def text_width(self):
        section = self.docx.sections[-1]
        return section.page_width - MARGINS["left"] - MARGINS["right"]

    # Walking the markup ------------------------------------------------------------------

    def write(self, root):
        body = root.find("body")
        if body is None:
            body = root
        title = body.find(".//h1")
        if title is not None:
            self.docx.core_properties.title = WHITESPACE.sub(" ", title.text_content()).strip()
        for watermark in body.find_class("watermark"):
            self.mark_draft(WHITESPACE.sub(" ", watermark.text_content()).strip())
        self.block(body, Place(self.docx))

    def mark_draft(self, word):
        """The watermark's word (DRAFT / 草稿) at the top of every page, the first too."""
        if not word:
            return
        section = self.docx.sections[0]
        for header in (section.first_page_header, section.header, section.even_page_header):
            line = header.paragraphs[0]
            mark = line.insert_paragraph_before(style=self.docx.styles["Header"])
            mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT if line.alignment is None else line.alignment
            run = mark.add_run(word)
            self.set_look(run, Look(bold=True))
            run.font.color.rgb = RGBColor(0xC8, 0, 0)

    def block(self, element, place):
        """Writes a block of the markup and what it holds."""
        if self.skipped(element):
            return
        found = classes(element)
        if "masthead" in found:
            return self.masthead(element, place)
        if "masthead-meta" in found:
            return self.masthead_lines(element, place)
        if "wide" in found:
            return self.wide_pages(element, place)
        if element.tag == "table":
            return self.table(element, place)
        if element.tag in ("ul", "ol"):
            return self.list(element, place)
        if element.tag == "dl":
            return self.definitions(element, place)
        self.flow(element, place, layout_of(element, place.indent))

    def skipped(self, element):
        return (not isinstance(element.tag, str) or element.tag in SKIPPED_TAGS
                or bool(classes(element) & SKIPPED_CLASSES))

    def flow(self, element, place, layout, look=None):
        """Writes an element's text as paragraphs of `layout`; blocks inside it are written
        between them, indented as it is."""
        flow = _Flow(self, place, layout)
        look = look or Look(bold=layout.bold)
        self.inline_content(element, flow, look, place=replace(place, indent=layout.indent))
        flow.close()

    def inline_content(self, element, flow, look, place=None, in_note=False):
        if element.text:
            flow.text(element.text, look)
        for child in element:
            if not self.skipped(child):
                if child.tag in BLOCK_TAGS and not in_note:
                    flow.close()
                    self.block(child, place or flow.place)
                else:
                    self.inline(child, flow, look, in_note)
            if child.tail:
                flow.text(child.tail, look)

    def inline(self, element, flow, look, in_note=False):
        tag, found = element.tag, classes(element)
        if found & FOOTNOTE_CLASSES and not in_note:
            return flow.footnote(element, look)
        if tag == "br":
            return flow.line_break()
        if "number" in found and flow.layout.number_width:
            self.inline_content(element, flow, look, in_note=True)
            self.number_tab(flow)
            return None
        if tag in ("b", "strong") or ("label" in found and "activity" not in classes(
                element.getparent())):
            look = replace(look, bold=True)
        if "label" in found:  # a label stands apart from what it labels
            self.inline_content(element, flow, look, in_note=in_note)
            flow.text(" ", look)
            return None
        if tag in ("i", "em", "cite", "var", "dfn") or "fallback" in found:
            look = replace(look, italic=True)
        if tag == "sup":
            look = replace(look, superscript=True)
        if tag == "sub":
            look = replace(look, subscript=True)
        if tag in BLOCK_TAGS:  # a block inside a footnote runs on with the text
            flow.text(" ", look)
        self.inline_content(element, flow, look, in_note=in_note)
        return None

    def number_tab(self, flow):
        """A tab after a paragraph's number, to where its text starts."""
        layout = flow.layout
        paragraph = flow.open()
        size = self.style_size(layout.style)
        width = Pt(layout.number_width * size)
        start = Pt(layout.indent * TEXT_SIZE)
        if layout.hanging:
            paragraph.paragraph_format.left_indent = start + width
            paragraph.paragraph_format.first_line_indent = -width
        paragraph.paragraph_format.tab_stops.add_tab_stop(start + width, WD_TAB_ALIGNMENT.LEFT)
        flow.tab()

    def style_size(self, name):
        style = self.docx.styles[name]
        while style is not None:
            if style.font.size is not None:
                return style.font.size.pt
            style = style.base_style
        return TEXT_SIZE

    def paragraph(self, place, layout):
        """A new paragraph at `place`, set as `layout` says."""
        container = place.container
        self._in_body(place)
        paragraph = _empty_last_paragraph(container) or container.add_paragraph()
        style = "Table Text" if place.in_table and layout.style == "Normal" else layout.style
        paragraph.style = self.docx.styles[style]
        formatting = paragraph.paragraph_format
        if layout.align is not None:
            formatting.alignment = layout.align
        if layout.indent:
            formatting.left_indent = Pt(layout.indent * TEXT_SIZE)
        if layout.bullet:  # the text at the indent, the bullet before it
            formatting.first_line_indent = Pt(-BULLET_WIDTH * TEXT_SIZE)
            formatting.tab_stops.add_tab_stop(Pt(layout.indent * TEXT_SIZE))
        if place.in_table and layout.align == JUSTIFY:
            formatting.alignment = LEFT
        if layout.space_before is not None:
            formatting.space_before = Pt(layout.space_before)
        if layout.space_after is not None:
            formatting.space_after = Pt(layout.space_after)
        if layout.keep_with_next:
            formatting.keep_with_next = True
        return paragraph

    def set_look(self, run, look):
        font = run.font
        if look.bold:
            font.bold = True
            if self.han:  # bold Chinese is set in 黑体
                self._fonts(run._r.get_or_add_rPr(), CHINESE_HEADING_FONT)
        if look.italic:
            font.italic = True
        if look.superscript:
            font.superscript = True
        if look.subscript:
            font.subscript = True

    @staticmethod
    def _border(paragraph, side, points, space=1):
        properties = paragraph._p.get_or_add_pPr()
        borders = properties.find(qn("w:pBdr"))
        if borders is None:
            borders = OxmlElement("w:pBdr")
            properties.insert_element_before(borders, *PARAGRAPH_PROPERTIES_AFTER_BORDERS)
        borders.append(OxmlElement(f"w:{side}", {
            qn("w:val"): "single", qn("w:sz"): str(round(points * 8)),
            qn("w:space"): str(space), qn("w:color"): "000000"}))

    # The masthead ------------------------------------------------------------------------

    def masthead(self, element, place):
        """The body at the left and the symbol at the right of a table ruled below."""
        parts = [child for child in element if not self.skipped(child)
                 and child.text_content().strip()]
        if not parts:
            return
        table = self.new_table(place, 1, len(parts))
        self.rule_table(table, top=0, bottom=1.5, inside=0)
        for column, (part, cell) in enumerate(zip(parts, table.rows[0].cells, strict=True)):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            last = column == len(parts) - 1 and column > 0
            symbol = "symbol" in classes(part)
            layout = Layout(align=WD_ALIGN_PARAGRAPH.RIGHT if last else LEFT, space_after=2,
                            bold=symbol)
            self.flow(part, Place(cell), layout)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(16 if symbol else 11)
        widths = [0.6, 0.4] if len(parts) == 2 else [1 / len(parts)] * len(parts)
        self.set_widths(table, [Emu(int(self.width_of(place) * share)) for share in widths])

    def masthead_lines(self, element, place):
        """Distribution, date, language and original: lines at the right."""
        layout = Layout(align=WD_ALIGN_PARAGRAPH.RIGHT, space_after=0, indent=place.indent)
        paragraphs = []
        for child in element:
            if self.skipped(child):
                continue
            flow = _Flow(self, place, layout)
            self.inline_content(child, flow, Look())
            if flow.paragraph is not None:
                paragraphs.append(flow.paragraph)
            flow.close()
        if paragraphs:
            paragraphs[0].paragraph_format.space_before = Pt(4)
            paragraphs[-1].paragraph_format.space_after = Pt(16)

    # Lists -------------------------------------------------------------------------------

    def list(self, element, place):
        for child in element:
            if self.skipped(child):
                continue
            if child.tag == "li":
                self.flow(child, place, layout_of(child, place.indent))
            else:
                self.block(child, place)

    def definitions(self, element, place):
        """Terms and their descriptions side by side in a table without rules between the rows
        (ruled above and below as a box where the markup says so)."""
        rows = []  # [term or None, [descriptions]]
        items = []
        for child in element:
            if self.skipped(child):
                continue
            items += ([c for c in child if not self.skipped(c)]
                      if child.tag not in ("dt", "dd") else [child])
        for item in items:
            if item.tag == "dt" or not rows:
                rows.append([item if item.tag == "dt" else None, []])
            if item.tag != "dt":
                rows[-1][1].append(item)
        if not rows:
            return
        table = self.new_table(place, len(rows), 2)
        ruled = 0.5 if "summary-box" in classes(element) else 0
        self.rule_table(table, top=ruled, bottom=ruled, inside=0)
        term = Pt(7 * TEXT_SIZE)
        self.set_widths(table, [term, self.width_of(place) - term])
        for row, (dt, descriptions) in zip(table.rows, rows, strict=True):
            if dt is not None:
                self.flow(dt, Place(row.cells[0]),
                          replace(layout_of(dt, 0), align=LEFT, keep_with_next=False))
            for description in descriptions:
                self.flow(description, Place(row.cells[1]), Layout(align=JUSTIFY, space_after=4))

    # Tables ------------------------------------------------------------------------------

    def table(self, element, place):
        caption = element.find("caption")
        if caption is not None:
            self.flow(caption, place, layout_of(caption, place.indent))
        rows = []  # (tr, is a header row)
        for child in element:
            if child.tag == "tr":
                rows.append((child, False))
            elif child.tag in ("thead", "tbody", "tfoot"):
                rows += [(tr, child.tag == "thead") for tr in child if tr.tag == "tr"]
        grid, spans, columns = self.grid(rows)
        if not grid:
            return
        table = self.new_table(place, len(grid), columns)
        self.rule_table(table, top=0.5, bottom=0.5, inside=0.5)
        self.set_widths(table, self.column_widths(spans, columns, self.width_of(place)))
        for row, (tr, header) in zip(table.rows, rows, strict=True):
            properties = row._tr.get_or_add_trPr()
            if len(tr.text_content()) < 400:  # a longer row may run onto the next page
                properties.append(OxmlElement("w:cantSplit"))
            if header:
                properties.append(OxmlElement("w:tblHeader"))
        for (r, c), (cell_element, height, width) in spans.items():
            cell = table.cell(r, c)
            if height > 1 or width > 1:
                cell = cell.merge(table.cell(r + height - 1, c + width - 1))
            layout = layout_of(cell_element, 0)
            tr = cell_element.getparent()
            look = Look(bold=layout.bold or any("total" in name for name in classes(tr)),
                        italic=rows[r][1])  # the column headings are in italics
            self.flow(cell_element, Place(cell, in_table=True), layout, look=look)

    @staticmethod
    def grid(rows):
        """The table's cells on a grid: {(row, column): (element, rows spanned, columns
        spanned)}, with the number of columns."""
        taken = set()
        spans = {}
        columns = 0
        for r, (tr, _header) in enumerate(rows):
            c = 0
            for cell in tr:
                if cell.tag not in ("td", "th"):
                    continue
                while (r, c) in taken:
                    c += 1
                height = max(1, min(_number(cell.get("rowspan")), len(rows) - r))
                width = max(1, min(_number(cell.get("colspan")), 63))
                spans[(r, c)] = (cell, height, width)
                for dr in range(height):
                    for dc in range(width):
                        taken.add((r + dr, c + dc))
                c += width
            columns = max([columns, *(c + 1 for (_r, c) in taken)])
        return [tr for tr, _header in rows], spans, columns

    @staticmethod
    def column_widths(spans, columns, total, size=9):
        """Widths as a browser lays out a table of automatic layout: each column at least as
        wide as its longest word, the room left shared as its longest line asks."""
        narrowest, widest = [2] * columns, [2] * columns
        for (_r, c), (cell, _height, width) in spans.items():
            if width == 1:
                lines = _lines(cell)
                narrowest[c] = max(narrowest[c], 2 + max(
                    (_extent(word) for line in lines for word in WORDS.findall(line)), default=0))
                widest[c] = max(widest[c], 2 + max(map(_extent, lines), default=0))
        room = total / Pt(size / 2)  # in half ems of the table's text
        # A column that breaks anywhere (Chinese) still keeps a tenth of the room when its text
        # asks for it.
        narrowest = [max(n, min(w, room / 10)) for n, w in zip(narrowest, widest, strict=True)]
        if sum(widest) <= room:
            extents = widest
        elif sum(narrowest) >= room:
            extents = narrowest
        else:
            share = (room - sum(narrowest)) / (sum(widest) - sum(narrowest))
            extents = [n + (w - n) * share for n, w in zip(narrowest, widest, strict=True)]
        return [Emu(int(total * e / sum(extents))) for e in extents]

    def new_table(self, place, rows, columns):
        container = place.container
        if self._in_body(place):
            table = self.docx.add_table(rows, columns)
        else:
            table = container.add_table(rows, columns)
            before = table._tbl.getprevious()
            if before is not None and _is_empty_paragraph(before):  # a new cell's own
                before.getparent().remove(before)
        properties = table._tbl.tblPr
        width = properties.find(qn("w:tblW"))
        if width is None:
            width = OxmlElement("w:tblW")
            properties.append(width)
        width.set(qn("w:type"), "dxa")
        width.set(qn("w:w"), str(int(self.width_of(place).pt * 20)))
        if place.indent:
            indent = OxmlElement("w:tblInd", {qn("w:w"): str(int(place.indent * TEXT_SIZE * 20)),
                                              qn("w:type"): "dxa"})
            self._insert_table_property(properties, indent, "w:tblBorders")
        margins = parse_xml(f'<w:tblCellMar {nsdecls("w")}><w:top w:w="40" w:type="dxa"/>'
                            '<w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/>'
                            '<w:right w:w="80" w:type="dxa"/></w:tblCellMar>')
        self._insert_table_property(properties, margins, "w:tblLook")
        return table

    @staticmethod
    def _insert_table_property(properties, element, before):
        order = ["w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                 "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
                 "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                 "w:tblCaption", "w:tblDescription"]
        successors = order[order.index(before):]
        properties.insert_element_before(element, *successors)

    def rule_table(self, table, top, bottom, inside):
        """Horizontal rules of the given weights (points), none between the columns."""
        borders = OxmlElement("w:tblBorders")
        for side, points in (("top", top), ("left", 0), ("bottom", bottom), ("right", 0),
                             ("insideH", inside), ("insideV", 0)):
            attributes = ({qn("w:val"): "single", qn("w:sz"): str(round(points * 8)),
                           qn("w:space"): "0", qn("w:color"): "000000"} if points
                          else {qn("w:val"): "nil"})
            borders.append(OxmlElement(f"w:{side}", attributes))
        self._insert_table_property(table._tbl.tblPr, borders, "w:shd")

    @staticmethod
    def set_widths(table, widths):
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width

    def width_of(self, place):
        """The width a table at `place` may take: the text's, less the indent, or its cell's."""
        container = place.container
        if container is self.docx:
            return Emu(self.text_width - Pt(place.indent * TEXT_SIZE))
        return Emu(container.width or Cm(4))


def _lines(element):
    """The texts of the innermost blocks of an element (its paragraphs, list items), else its
    own text: each would be one line in a column wide enough."""
    leaves = [e for e in element.iter() if isinstance(e.tag, str) and e.tag in BLOCK_TAGS
              and e is not element
              and not any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in e.iterdescendants())]
    texts = [e.text_content() for e in leaves] or [element.text_content()]
    return [WHITESPACE.sub(" ", text).strip() for text in texts]


def _extent(text):
    """The width of a text in half ems: a Chinese character is a whole em."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _is_empty_paragraph(element):
    return element.tag == qn("w:p") and all(child.tag == qn("w:pPr") for child in element)


def _empty_last_paragraph(container):
    """The empty paragraph that ends a table cell (each new cell has one, and so has a cell
    after a table in it), to be written into rather than left empty."""
    tc = getattr(container, "_tc", None)
    if tc is None or not len(tc) or not _is_empty_paragraph(tc[-1]):
        return None
    return Paragraph(tc[-1], container)


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 1
