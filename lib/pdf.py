"""PDF rendering with WeasyPrint, with named fonts and a refusal to print empty boxes.

The fonts are TrueType on purpose: WeasyPrint subsets CFF (OpenType) CJK fonts several times
more slowly. AR PL UMing is a Song/Ming face, as the body of UN Chinese documents; WenQuanYi Micro
Hei a Hei face, as their titles and headings; Liberation Serif has the metrics of Times New
Roman, as in UN English documents. Neither Chinese face has a bold weight: Chinese headings are
set apart by the Hei face, never by a synthesised bold.

Every language prints with the same fonts, each in its own order (lib/languages.py, given to the
templates by template_fonts()): Chinese text inside an English document (an untranslated
paragraph shown in its original) falls back to the Chinese font. A character that none of them
has is refused when the text is saved (lib.validators) and, should one reach the renderer, raises
UnprintableText naming it.
"""

import html
import re
import subprocess
from functools import lru_cache

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lib.languages import (
    CHINESE_SANS,
    CHINESE_SERIF,
    LANGUAGE_CODES,
    LATIN_FALLBACK,
    LATIN_SERIF,
    conventions,
)

CJK_FONT = CHINESE_SERIF
LATIN_FONTS = [LATIN_SERIF, LATIN_FALLBACK]
CJK_PACKAGE = "fonts-arphic-uming"
CJK_HEADING_PACKAGE = "fonts-wqy-microhei"
HAN = "Hans"  # the script (ISO 15924) whose languages need the Chinese font
# The masthead's symbol and its lines in English, in every language.
MASTHEAD_FONTS = [*LATIN_FONTS, CJK_FONT]


class FontMissing(RuntimeError):
    """A font the PDF needs is not installed, or lacks characters of the document."""


class UnprintableText(FontMissing):
    """The text has characters that no PDF font can draw; `characters` lists them."""

    def __init__(self, characters):
        self.characters = tuple(characters)
        super().__init__(_("These characters have no glyph in the PDF fonts: %(chars)s")
                         % {"chars": describe(self.characters)})


def describe(characters, limit=40):
    """'😀 (U+1F600), ✓ (U+2713)': each character with its code point, for messages."""
    return ", ".join(f"{c} (U+{ord(c):04X})" for c in characters[:limit])


@lru_cache(maxsize=8)
def font_file(family):
    """The file of an installed font family, or None (fontconfig's own matching would quietly
    substitute another family)."""
    try:
        listed = subprocess.run(["fc-list", f":family={family}", "file"], capture_output=True,
                                text=True, check=False, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = [line.rstrip(":").strip() for line in listed.splitlines() if line.strip()]
    return files[0].rstrip(":") if files else None


@lru_cache(maxsize=8)
def _characters(path, family):
    from fontTools.ttLib import TTCollection, TTFont

    if path.lower().endswith((".ttc", ".otc")):
        faces = TTCollection(path).fonts
        face = next((f for f in faces if family in {n.toUnicode() for n in f["name"].names
                                                    if n.nameID == 1}), faces[0])
    else:
        face = TTFont(path, lazy=True)
    return frozenset(face.getBestCmap())


def _chinese_font_missing():
    return FontMissing(_(
        "The Chinese font “%(font)s” is not installed, so Chinese text would print as empty "
        "boxes. Install the Debian package %(package)s and render again."
    ) % {"font": CJK_FONT, "package": CJK_PACKAGE})


def _css(families):
    return mark_safe(", ".join(f'"{family}"' for family in families))


def template_fonts(language):
    """The CSS font-family lists of a PDF template in `language`: `text` for the document,
    `masthead` for its symbol and its lines in English."""
    style = conventions(language)
    return {"text": _css(style.pdf_fonts), "heading": _css(style.pdf_heading_fonts),
            "masthead": _css(MASTHEAD_FONTS), "chinese": _css([CJK_FONT]),
            "han": style.script == HAN}


def fonts_for(language):
    """The installed families a document in `language` is printed with; a Chinese document
    needs the Chinese font, an English one uses it for Chinese text where it is installed."""
    style = conventions(language)
    # The body's fonts draw every character; the heading face only restyles what they draw.
    installed = [f for f in style.pdf_fonts if font_file(f)]
    if style.script == HAN and CJK_FONT not in installed:
        raise _chinese_font_missing()
    if style.script == HAN and not font_file(CHINESE_SANS):
        raise FontMissing(_(
            "The Chinese heading font “%(font)s” is not installed, so Chinese titles and "
            "headings would print in the body face. Install the Debian package %(package)s and "
            "render again.") % {"font": CHINESE_SANS, "package": CJK_HEADING_PACKAGE})
    if not any(f in installed for f in LATIN_FONTS):
        raise FontMissing(_("No Latin serif font (%(fonts)s) is installed.")
                          % {"fonts": ", ".join(LATIN_FONTS)})
    return installed


@lru_cache(maxsize=8)
def _drawable(families):
    drawable = set()
    for family in families:
        drawable |= _characters(font_file(family), family)
    return frozenset(drawable)


# White space that lays text out rather than being drawn. Any other white space or control
# character (a vertical tab pasted from a word processor, U+001C…) must have a glyph like any
# character, or it prints as an empty box.
LAYOUT_WHITESPACE = frozenset(" \t\n\r")


def missing_characters(text, families):
    """Characters of `text` that none of the fonts can draw (layout white space aside)."""
    drawable = _drawable(tuple(families))
    return sorted({c for c in text if c not in LAYOUT_WHITESPACE and ord(c) not in drawable})


def printable_characters():
    """The code points that the PDF fonts can draw, or None while a font is missing (then the
    renderer says which one)."""
    try:
        families = [family for code in LANGUAGE_CODES for family in fonts_for(code)]
    except FontMissing:
        return None
    return _drawable(tuple(dict.fromkeys(families)))


# CJK radicals to ideographs, compatibility ideographs and forms, full-width forms, and the
# supplementary ideographic planes: what the Chinese font is there for.
_CHINESE = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
            (0x20000, 0x3FFFF))


def _is_chinese(character):
    return any(low <= ord(character) <= high for low, high in _CHINESE)


def check_printable(text, language):
    """Raise FontMissing if a font of the language is missing, UnprintableText if characters
    of `text` have no glyph in any of its fonts."""
    families = fonts_for(language)
    missing = missing_characters(text, families)
    if missing and CJK_FONT not in families and any(_is_chinese(c) for c in missing):
        raise _chinese_font_missing()
    if missing:
        raise UnprintableText(missing)


def plain_text(markup):
    return html.unescape(re.sub(r"<(style|title)[^>]*>.*?</\1>|<[^>]+>", " ", markup,
                                flags=re.S))


# Quotation marks, dashes and ellipses that Chinese text shares with Latin script: in Chinese
# text they take the Chinese font's full-width forms, not the Latin font's narrow ones. A dash
# between two words (《暹粒—吴哥行动计划》) also keeps to them: a line never starts with it.
_SHARED_PUNCTUATION = re.compile(
    "(?P<before>[^\\s<>\u2014\u2015])(?P<dash>[\u2014\u2015]+)(?P<after>[^\\s<>\u2014\u2015])"
    "|(?P<mark>[\u2014\u2015\u2018\u2019\u201c\u201d\u2026\u00b7]+)")
_TEXT_BETWEEN_TAGS = re.compile(r"(<(?:style|title)[^>]*>.*?</(?:style|title)>|<[^>]+>)", re.S)


def _chinese_form(match):
    if match["dash"]:
        return (f'<span class="nobreak">{match["before"]}<span class="zh-punct">{match["dash"]}'
                f'</span>{match["after"]}</span>')
    return f'<span class="zh-punct">{match["mark"]}</span>'


def chinese_punctuation(markup):
    """The markup with each run of shared punctuation in its text wrapped in
    <span class="zh-punct">, which a Chinese document's style sets in the Chinese font, and a
    dash between two words kept with them in <span class="nobreak">."""
    pieces = _TEXT_BETWEEN_TAGS.split(markup)
    for index in range(0, len(pieces), 2):  # the text between tags
        pieces[index] = _SHARED_PUNCTUATION.sub(_chinese_form, pieces[index])
    return "".join(pieces)


def url_fetcher():
    """WeasyPrint's fetcher limited to inline data: URLs: never a file or a remote address."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, timeout=5)


def render(markup, language, base_url=None):
    """PDF bytes of an HTML document. Raises FontMissing when a font is not installed and
    UnprintableText when a character would print as an empty box, before rendering anything."""
    from weasyprint import HTML

    check_printable(plain_text(markup), language)
    if conventions(language).script == HAN:
        markup = chinese_punctuation(markup)
    return HTML(string=markup, base_url=base_url, url_fetcher=url_fetcher()).write_pdf()
