"""PDF rendering with WeasyPrint, with named fonts and a refusal to print empty boxes.

The fonts are TrueType on purpose: WeasyPrint subsets CFF (OpenType) CJK fonts several times
more slowly. AR PL UMing is a Song/Ming face, as in UN Chinese documents; Liberation Serif has
the metrics of Times New Roman, as in UN English documents.
"""

import html
import re
import subprocess
from functools import lru_cache

from django.utils.translation import gettext as _

CJK_FONT = "AR PL UMing CN"
LATIN_FONTS = ["Liberation Serif", "DejaVu Serif"]
CJK_PACKAGE = "fonts-arphic-uming"


class FontMissing(RuntimeError):
    """A font the PDF needs is not installed, or lacks characters of the document."""


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


def fonts_for(language):
    """The families a document in `language` is printed with, checked to be installed."""
    families = ([CJK_FONT] if language == "zh-hans" else []) + LATIN_FONTS
    installed = [f for f in families if font_file(f)]
    if language == "zh-hans" and CJK_FONT not in installed:
        raise FontMissing(_(
            "The Chinese font “%(font)s” is not installed, so Chinese text would print as empty "
            "boxes. Install the Debian package %(package)s and render again."
        ) % {"font": CJK_FONT, "package": CJK_PACKAGE})
    if not any(f in installed for f in LATIN_FONTS):
        raise FontMissing(_("No Latin serif font (%(fonts)s) is installed.")
                          % {"fonts": ", ".join(LATIN_FONTS)})
    return installed


def missing_characters(text, families):
    """Characters of `text` that none of the fonts can draw."""
    drawable = set()
    for family in families:
        drawable |= _characters(font_file(family), family)
    return sorted({c for c in text if not c.isspace() and ord(c) not in drawable})


def plain_text(markup):
    return html.unescape(re.sub(r"<(style|title)[^>]*>.*?</\1>|<[^>]+>", " ", markup,
                                flags=re.S))


def url_fetcher():
    """WeasyPrint's fetcher limited to inline data: URLs: never a file or a remote address."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, timeout=5)


def render(markup, language, base_url=None):
    """PDF bytes of an HTML document; refuses when a character would print as an empty box."""
    from weasyprint import HTML

    families = fonts_for(language)
    missing = missing_characters(plain_text(markup), tuple(families))
    if missing:
        raise FontMissing(_("These characters have no glyph in the PDF fonts: %(chars)s")
                          % {"chars": " ".join(missing[:40])})
    return HTML(string=markup, base_url=base_url, url_fetcher=url_fetcher()).write_pdf()
