"""A PDF as laid out on its pages, for tests of the printed layout: the lines of text with their
positions and fonts, the words, how far down each page the text reaches, and where a given text
is printed.

Positions are PDF points (1/72 inch) measured from the top left corner of the page, as
pdfplumber gives them: x0 and x1 from the left edge, top and bottom from the top edge.

    pdf = Pdf(render_pdf(document, "zh-hans"))
    pdf.pages[1].text_at_top()           # the running header of page 2
    pdf.font_of("执行支助股")             # the fonts its first occurrence is printed in
    [match] = pdf.find("《集束弹药公约》", whole_line=True, label="一[.]")
    pdf.pages[0].find("CCM/MSP/2017/4")  # on page 1, masthead and foot included
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from io import BytesIO

import pdfplumber

CM = 72 / 2.54
# A line that starts this close to the top edge is the running header (the symbol on the pages
# after the first); one that starts this close to the bottom edge is the foot (the page number,
# the job number of page 1), below the body's bottom margin.
HEADER_ZONE = 1.8 * CM
FOOTER_ZONE = 2.4 * CM

# Chinese characters and punctuation: ideographs, CJK symbols and punctuation, full-width forms.
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")
WHITESPACE = re.compile(r"\s+")


def is_cjk(character):
    return bool(_CJK.match(character))


def squeezed(text):
    """The text without white space: how a text is compared with what a PDF prints, where
    spaces are gaps between glyphs rather than characters."""
    return WHITESPACE.sub("", text)


def short_font(fontname):
    """'ABCDEF+WenQuanYiMicroHei' → 'WenQuanYiMicroHei': the name without its subset tag."""
    return fontname.split("+", 1)[-1]


class Extent:
    """Where some characters (`self.chars`) are printed: their box and their largest size."""

    @property
    def x0(self):
        return min(c["x0"] for c in self.chars)

    @property
    def x1(self):
        return max(c["x1"] for c in self.chars)

    @property
    def top(self):
        return min(c["top"] for c in self.chars)

    @property
    def bottom(self):
        return max(c["bottom"] for c in self.chars)

    @property
    def size(self):
        """The largest font size, in points."""
        return max(c["size"] for c in self.chars)


@dataclass
class Line(Extent):
    """A line of text on a page: its characters (white space left out) from left to right."""

    page: int  # from 1
    text: str
    chars: list = field(repr=False)

    @property
    def fonts(self):
        return Counter(short_font(c["fontname"]) for c in self.chars)

    def __str__(self):
        return f"page {self.page}, x {self.x0:.1f}–{self.x1:.1f}, top {self.top:.1f}: {self.text!r}"


@dataclass
class Match(Extent):
    """Where a text is printed: its characters, possibly over several lines."""

    text: str
    chars: list = field(repr=False)
    lines: list = field(repr=False)

    @property
    def page(self):
        return self.lines[0].page

    def fonts(self, only=None):
        """The fonts of its characters (or of those for which `only(character)` is true), with
        how many characters each prints."""
        return Counter(short_font(c["fontname"]) for c in self.chars
                       if only is None or only(c["text"]))

    def gaps(self):
        """(left character, right character, gap in points, font size) for each two characters
        next to each other on one line."""
        out = []
        for left, right in zip(self.chars, self.chars[1:], strict=False):
            same_line = abs(left["top"] - right["top"]) < 0.5 * left["size"]
            if same_line and right["x0"] >= left["x0"]:
                out.append((left["text"], right["text"], right["x0"] - left["x1"],
                            max(left["size"], right["size"])))
        return out

    def __str__(self):
        return f"{self.text!r} on page {self.page} (x {self.x0:.1f}–{self.x1:.1f}, top {self.top:.1f})"


class Page:
    """A page, read when the PDF is opened."""

    def __init__(self, page):
        self.number = page.page_number
        self.width = float(page.width)
        self.height = float(page.height)
        self.lines = []  # every line of text, top to bottom
        for found in page.extract_text_lines(return_chars=True, strip=True):
            chars = [c for c in found["chars"] if not c["text"].isspace()]
            if chars:
                self.lines.append(Line(self.number, found["text"], chars))
        self.words = page.extract_words(extra_attrs=["fontname", "size"])
        self._shapes = [*page.rects, *page.curves]

    def in_header(self, line):
        return line.top < HEADER_ZONE

    def in_footer(self, line):
        return line.top > self.height - FOOTER_ZONE

    @property
    def body_lines(self):
        """The lines between the running header and the footer zones."""
        return [line for line in self.lines if not self.in_header(line) and not self.in_footer(line)]

    @property
    def top_lines(self):
        return [line for line in self.lines if self.in_header(line)]

    @property
    def bottom_lines(self):
        return [line for line in self.lines if self.in_footer(line)]

    def text_at_top(self):
        """The text in the running header's zone, lines separated by new lines."""
        return "\n".join(line.text for line in self.top_lines)

    def text_at_bottom(self):
        """The text in the footer's zone (page number, job number)."""
        return "\n".join(line.text for line in self.bottom_lines)

    @property
    def lowest_text(self):
        """The bottom of the lowest line of the body, or None on a page without body text."""
        return max((line.bottom for line in self.body_lines), default=None)

    @property
    def fill(self):
        """How far down the body area (between the header and footer zones) the text reaches,
        from 0 (empty) to 1 (a page whose body reaches into the foot's zone counts as full)."""
        lowest = self.lowest_text
        if lowest is None:
            return 0.0
        area = self.height - FOOTER_ZONE - HEADER_ZONE
        return min(1.0, max(0.0, (lowest - HEADER_ZONE) / area))

    def coloured_shapes(self):
        """Filled rectangles and curves in a colour (not black, white or grey), larger than a
        rule: what a chart's bars and legend keys are drawn with."""
        return [s for s in self._shapes if s.get("fill") and _coloured(s.get("non_stroking_color"))
                and s["width"] > 2 and s["height"] > 2]

    def text(self):
        return "\n".join(line.text for line in self.lines)

    @cached_property
    def _search(self):
        return Search(self.lines)

    def find(self, text, **options):
        """Where `text` is printed on this page, its header and foot included (Search.find)."""
        return self._search.find(text, **options)

    def find_first(self, text, **options):
        found = self.find(text, **options)
        return found[0] if found else None


def _coloured(colour):
    if not isinstance(colour, list | tuple) or len(colour) != 3:
        return False
    return max(colour) - min(colour) > 0.05


class Pdf:
    """A rendered PDF, read once."""

    def __init__(self, data):
        with pdfplumber.open(BytesIO(data)) as pdf:
            self.pages = [Page(page) for page in pdf.pages]

    @property
    def lines(self):
        return [line for page in self.pages for line in page.lines]

    @property
    def body_lines(self):
        return [line for page in self.pages for line in page.body_lines]

    def text(self):
        """All the text, page after page, lines separated by new lines."""
        return "\n".join(page.text() for page in self.pages)

    def squeezed_text(self):
        """All the text without white space."""
        return squeezed(self.text())

    @cached_property
    def _search(self):
        return Search(self.body_lines)

    def find(self, text, **options):
        """Where `text` is printed in the body of any page (Search.find): across line and page
        breaks, not across the running headers and the feet of the pages."""
        return self._search.find(text, **options)

    def find_first(self, text, **options):
        found = self.find(text, **options)
        return found[0] if found else None

    def font_of(self, text, only=None):
        """The fonts of the first place `text` is printed (Counter of font name → characters),
        or None where it is not printed."""
        match = self.find_first(text)
        return match.fonts(only) if match else None

    def lines_containing(self, text):
        wanted = squeezed(text)
        return [line for line in self.lines if wanted in squeezed(line.text)]


class Search:
    """Texts found in lines of text, read in order as one run of characters."""

    def __init__(self, lines):
        self.chars, self.lines = [], []
        for line in lines:
            for char in line.chars:
                self.chars.append(char)
                self.lines.append(line)
        self.sequence = "".join(c["text"] for c in self.chars)
        self.positions = {id(char): index for index, char in enumerate(self.chars)}

    def find(self, text, whole_line=False, label=None, after=None):
        """Where `text` (white space ignored) is printed, in reading order.

        whole_line: only where it fills its lines: it starts a line, or follows a label that
        starts the line (matched by the regular expression `label`), and it ends a line.
        after: only after that Match.
        """
        wanted = squeezed(text)
        if not wanted:
            return []
        start = self.positions[id(after.chars[-1])] + 1 if after is not None else 0
        found = []
        while (index := self.sequence.find(wanted, start)) != -1:
            start = index + 1
            end = index + len(wanted)
            if whole_line and not self._fills_lines(index, end, label):
                continue
            lines = list({id(line): line for line in self.lines[index:end]}.values())
            found.append(Match(wanted, self.chars[index:end], lines))
        return found

    def _fills_lines(self, index, end, label):
        first, last = self.lines[index], self.lines[end - 1]
        before = [c for c in first.chars if c["x0"] < self.chars[index]["x0"]]
        after = [c for c in last.chars if c["x0"] > self.chars[end - 1]["x0"]]
        if after:
            return False
        if not before:
            return True
        return bool(label) and re.fullmatch(label, "".join(c["text"] for c in before)) is not None
