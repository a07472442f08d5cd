"""The body of a narrative document: its kinds of block, their numbering and the checks of
their order.

Chapters I./一., sections A., paragraphs numbered consecutively through the document so that
references match across languages, sub-paragraphs (a) then (i), footnotes 1, 2… through the
document. Nothing is stored: the numbers follow from the order of the blocks. The models
(meetings/models/documents.py) take their kinds of block from here.
"""

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lib.numbering import chapter_label, letters, roman
from lib.translated_fields import LANGUAGE_CODES


class BlockKind(models.TextChoices):
    CHAPTER = "chapter", gettext_lazy("Chapter heading (I.)")
    SECTION = "section", gettext_lazy("Section heading (A.)")
    HEADING = "heading", gettext_lazy("Unnumbered heading")
    PARAGRAPH = "paragraph", gettext_lazy("Paragraph (1.)")
    SUBPARAGRAPH = "subparagraph", gettext_lazy("Sub-paragraph ((a), (i))")
    BULLET = "bullet", gettext_lazy("Bullet")
    TABLE = "table", gettext_lazy("Table")


FOOTNOTE_MARKER = "[^]"  # marks a footnote's place in a block's text

Kind = BlockKind
_FOLLOWS_A_PARAGRAPH = {Kind.PARAGRAPH, Kind.SUBPARAGRAPH, Kind.BULLET}


def number_blocks(blocks):
    """Attach ``number`` (or None) to each block and to each of its prefetched footnotes."""
    blocks = list(blocks)
    chapter = section = paragraph = footnote = 0
    sub = subsub = 0
    for block in blocks:
        block.number = None
        if block.kind == Kind.CHAPTER and block.numbered:
            chapter += 1
            section = 0
            block.number = chapter
        elif block.kind == Kind.SECTION and block.numbered:
            section += 1
            block.number = section
        elif block.kind == Kind.PARAGRAPH:
            sub = subsub = 0
            if block.numbered:
                paragraph += 1
                block.number = paragraph
        elif block.kind == Kind.SUBPARAGRAPH:
            if block.level == 1:
                sub += 1
                subsub = 0
                block.number = sub
            else:
                subsub += 1
                block.number = subsub
        for note in block.footnotes.all():
            footnote += 1
            note.number = footnote
    return blocks


def block_label(block, language):
    """The number as printed before the block's text, or ''."""
    if block.number is None:
        return ""
    if block.kind == Kind.CHAPTER:
        return chapter_label(block.number, language)
    if block.kind == Kind.SECTION:
        return f"{letters(block.number).upper()}."
    if block.kind == Kind.PARAGRAPH:
        return f"{block.number}."
    if block.level == 1:
        return f"({letters(block.number)})"
    return f"({roman(block.number).lower()})"


def block_labels(block):
    return {language: block_label(block, language) for language in LANGUAGE_CODES}


def body_problems(rows):
    """What is wrong with the order of a body: [(index, message)].

    `rows` are (kind, level, numbered) triples in reading order, so that the admin can check what was
    posted before anything is saved.
    """
    problems = []
    previous = None
    for index, (kind, level, _numbered) in enumerate(rows):
        if kind in (Kind.SUBPARAGRAPH, Kind.BULLET) and previous not in _FOLLOWS_A_PARAGRAPH:
            problems.append((index, _("A sub-paragraph or bullet must follow a paragraph.")))
        if kind == Kind.SUBPARAGRAPH and level == 2 and previous != Kind.SUBPARAGRAPH:
            problems.append((index, _("A sub-paragraph (i) must follow a sub-paragraph (a).")))
        previous = kind
    problems.extend(_lone_sections(rows))
    return problems


def _lone_sections(rows):
    """UN style: a chapter (or a document without chapters) with an A. must also have a B."""
    problems, first_section, sections = [], None, 0
    for index, (kind, _level, numbered) in enumerate([*rows, (Kind.CHAPTER, 1, True)]):
        if kind == Kind.CHAPTER:
            if sections == 1:
                problems.append((first_section, _("A section A. needs a section B.")))
            first_section, sections = None, 0
        elif kind == Kind.SECTION and numbered:
            sections += 1
            first_section = index if first_section is None else first_section
    return problems


def footnote_marker_problem(texts, footnote_count):
    """Each language's text marks every footnote with [^], or none of them (then they follow it)."""
    for language, text in texts.items():
        markers = text.count(FOOTNOTE_MARKER)
        if text and markers and markers != footnote_count:
            return _(
                "The %(language)s text has %(markers)d footnote markers [^] for %(count)d "
                "footnotes."
            ) % {"language": language, "markers": markers, "count": footnote_count}
    return None
