"""The official documents' PDFs follow the UN layout, measured on the PDFs themselves (positions,
fonts and how full the pages are, tests/pdfcheck.py): the demo's five seed documents, each
rendered once in Chinese and in English."""

import importlib
import re
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import pytest
from django.core.management import call_command

from lib.translated_fields import translated_value
from meetings.models import Block, Document
from meetings.rendering import render_pdf
from tests import factories, seeds
from tests.pdfcheck import Pdf, is_cjk, squeezed

SEEDS = {
    "000": "CCM/MSP/2017/4",
    "001": "CCM/CONF/2020/PM.2/2",
    "002": "APLC/MSP.22/2025/5",
    "003": "CCW/MSP/2014/3",
    "004": "CCM/CONF/2015/PM.1/WP.8",
}
SEED_FILES = {
    "000": "000_127e1d19d1ba6ee9.txt",
    "001": "001_4957f8dcaaf8c704.txt",
    "002": "002_82be94468a695432.txt",
    "003": "003_956bdc1b419702ac.txt",
    "004": "004_14f0be7e581ef332.txt",
}
WORK_PLANS = ("000", "002")
LANGUAGES = ("zh-hans", "en")
LANGUAGE_NAMES = {"zh-hans": "Chinese", "en": "English"}

# Runs of a seed's text that its Chinese PDF may leave out because the seed itself is wrong there
# (a typo of the original, words run together by its conversion to text): {seed prefix: [run]},
# each run as the coverage measure reports it (white space and digit grouping removed).
KNOWN_SEED_ERRORS = {}

LEAST_COVERAGE = 0.99
LONGEST_MISSING_RUN = 20
LEAST_PAGE_FILL = 0.33
ALIGNMENT = 3  # points: how far two right-aligned texts may end apart
WIDEST_GAP = 0.6  # em: the widest gap between two characters of a justified Chinese line
# A heading's number before its title: 一. / A. / IV.
HEADING_LABEL = r"\S{1,5}[.．、]"
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December")
CHINESE_PUNCTUATION = "“”‘’—"


def each_seed(*prefixes):
    return [pytest.param(prefix, id=prefix) for prefix in prefixes or SEEDS]


def each_seed_and_language(*prefixes):
    return [pytest.param(prefix, language, id=f"{prefix}-{language}")
            for prefix in prefixes or SEEDS for language in LANGUAGES]


def with_its_seed(*prefixes):
    return [pytest.param(prefix, id=prefix, marks=pytest.mark.seeds(SEED_FILES[prefix]))
            for prefix in prefixes or SEEDS]


@dataclass
class Printed:
    """A document's PDF in one language, with the texts it must print."""

    symbol: str
    language: str
    data: bytes = field(repr=False)
    title: str = ""
    meeting_name: str = ""
    agenda_titles: list = field(default_factory=list)
    headings: list = field(default_factory=list)  # chapters, sections and headings of the body
    paragraphs: list = field(default_factory=list)  # the body's running text
    path: Path | None = None  # the PDF written to a file, for pdftotext

    @cached_property
    def pdf(self):
        return Pdf(self.data)


def _text(row, name, language):
    return translated_value(row, name, language)[0] or ""


def body_texts(document, language):
    """(headings, paragraphs) of the document's body in `language`, in reading order."""
    plan = getattr(document, "work_plan", None) if document.body == Document.Body.WORK_PLAN else None
    headings, paragraphs = [], []
    if plan is not None:
        if _text(plan, "main_objective", language):
            headings.append({"zh-hans": "概要", "en": "Summary"}[language])
        for chapter in plan.chapters.all():
            headings.append(_text(chapter, "title", language))
            sections = list(chapter.sections.all())
            for section in sections:
                headings.append(_text(section, "title", language))
            for paragraph in [*chapter.paragraphs.all(),
                              *(p for s in sections for p in s.paragraphs.all())]:
                paragraphs.append(_text(paragraph, "text", language))
                paragraphs.extend(_text(sub, "text", language)
                                  for sub in paragraph.subparagraphs.all())
    else:
        for block in document.blocks.all():
            text = _text(block, "text", language)
            if block.kind in (Block.Kind.CHAPTER, Block.Kind.SECTION, Block.Kind.HEADING):
                headings.append(text)
            elif block.kind in (Block.Kind.PARAGRAPH, Block.Kind.SUBPARAGRAPH, Block.Kind.BULLET):
                paragraphs.append(text)
    return [h for h in headings if h.strip()], [p for p in paragraphs if p.strip()]


def printed_document(document, language):
    headings, paragraphs = body_texts(document, language)
    item = document.agenda_item
    return Printed(
        symbol=document.symbol, language=language, data=render_pdf(document, language),
        title=_text(document, "title", language),
        meeting_name=document.meeting.name_in(language),
        agenda_titles=[_text(i, "title", language) for i in item.chain()] if item else [],
        headings=headings, paragraphs=paragraphs,
    )


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seed documents of the demo printed in both languages, once for the module:
    {(seed prefix, language): Printed}; each PDF is also written to a file, `.path`."""
    folder = tmp_path_factory.mktemp("official_pdfs")
    found = {}
    with django_db_blocker.unblock():
        seeds.load_demo()
        try:
            for prefix, symbol in SEEDS.items():
                document = Document.objects.select_related(
                    "meeting__convention", "agenda_item__parent__parent").get(symbol=symbol)
                for language in LANGUAGES:
                    found[prefix, language] = printed_document(document, language)
        finally:
            call_command("flush", interactive=False, verbosity=0)
            factories.reference_data()  # what the migrations wrote, for the tests that follow
    for (prefix, language), document in found.items():
        document.path = folder / f"{prefix}_{language}.pdf"
        document.path.write_bytes(document.data)
    return found


def seed_tools():
    """The seeds' measuring tools beside the seed folder (seed_coverage.py, seedtext.py),
    required as the seeds are: skipped without them, failed under REQUIRE_SEEDS."""
    folder = seeds.seeds_dir().parent / "tools"
    missing = [name for name in ("seed_coverage.py", "seedtext.py") if not (folder / name).is_file()]
    if not shutil.which("pdftotext"):
        missing.append("pdftotext (poppler-utils)")
    if missing:
        message = f"the seed tools are missing from {folder}: {', '.join(missing)}"
        if seeds.seeds_required():
            pytest.fail(f"{message} (REQUIRE_SEEDS is set: the seed tests must run)", pytrace=False)
        pytest.skip(message)
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    return importlib.import_module("seed_coverage"), importlib.import_module("seedtext")


def cjk_fonts(match):
    return dict(match.fonts(only=is_cjk))


def is_heiti_or_bold(font):
    return "Hei" in font or "Bold" in font


def is_songti(font):
    return ("Ming" in font or "Song" in font) and not is_heiti_or_bold(font)


def sentences(text):
    """A paragraph's text in pieces that each stay on one page: its sentences and clauses, long
    enough to be found where they are printed."""
    pieces = []
    for part in text.split(Block.FOOTNOTE_MARKER):
        pieces.extend(p for p in re.split(r"(?<=[。；：])", part) if len(squeezed(p)) >= 8)
    return pieces


def printed_sentences(document):
    """Where each sentence of the document's paragraphs is printed (those found)."""
    for paragraph in document.paragraphs:
        for piece in sentences(paragraph):
            match = document.pdf.find_first(piece)
            if match is not None:
                yield match


# 1. Coverage -------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix", with_its_seed())
def test_the_chinese_pdf_carries_its_seeds_text(printed, prefix):
    coverage, seedtext = seed_tools()
    allowed = KNOWN_SEED_ERRORS.get(prefix, [])
    text = coverage.pdf_text(str(printed[prefix, "zh-hans"].path))
    share, missing = coverage.coverage(prefix, text)
    length = len(coverage.seed_text(prefix))
    excused = [run for run in missing if any(run in known for known in allowed)]
    lost = [run for run in missing if run not in excused]
    share += sum(len(run) for run in excused) / max(length, 1)
    longest = max((len(run) for run in lost), default=0)
    report = "\n".join(f"  missing ({len(run)}): {run[:100]}" for run in lost[:10])
    assert share >= LEAST_COVERAGE and longest <= LONGEST_MISSING_RUN, (
        f"seed {prefix} ({SEEDS[prefix]}): the Chinese PDF carries {share:.2%} of the seed's "
        f"{length} characters (at least {LEAST_COVERAGE:.0%} wanted) and its longest missing run "
        f"is {longest} characters (at most {LONGEST_MISSING_RUN}); longest missing runs:\n{report}")


# 2. Page fill ------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix, language", each_seed_and_language())
def test_every_page_but_the_last_is_at_least_a_third_full(printed, prefix, language):
    pdf = printed[prefix, language].pdf
    empty = [f"page {page.number} of {len(pdf.pages)}: text ends {page.fill:.0%} down the body "
             f"area (lowest line at {page.lowest_text or 0:.0f} pt of {page.height:.0f})"
             for page in pdf.pages[:-1] if page.fill < LEAST_PAGE_FILL]
    assert not empty, (f"{SEEDS[prefix]} ({language}) has pages less than a third full:\n  "
                       + "\n  ".join(empty))


# 3. Chinese headings in Hei or bold, running text in Song/Ming --------------------------------

def chinese_headings(document):
    """(what, Match or None, text) of the title, meeting name, agenda titles and body headings
    of a Chinese PDF, each printed as lines of its own."""
    pdf = document.pdf
    out = []
    meeting = pdf.find_first(document.meeting_name, whole_line=True)
    out.append(("meeting name", meeting, document.meeting_name))
    after = meeting
    for title in document.agenda_titles:
        found = pdf.find_first(title, whole_line=True, after=after)
        out.append(("agenda item title", found, title))
        after = found or after
    title = pdf.find_first(document.title, whole_line=True, after=after)
    out.append(("document title", title, document.title))
    after = title or after
    for heading in document.headings:
        found = pdf.find_first(heading, whole_line=True, label=HEADING_LABEL, after=after)
        out.append(("heading", found, heading))
        after = found or after
    return out


@pytest.mark.parametrize("prefix", each_seed())
def test_chinese_titles_and_headings_are_in_a_hei_or_bold_face(printed, prefix):
    problems = []
    for what, match, text in chinese_headings(printed[prefix, "zh-hans"]):
        if match is None:
            problems.append(f"{what} {text!r} is not printed as a line of its own")
            continue
        fonts = cjk_fonts(match)
        light = {font: n for font, n in fonts.items() if not is_heiti_or_bold(font)}
        if light:
            problems.append(f"{what} {match}: Chinese characters in {light}")
    assert not problems, (f"{SEEDS[prefix]} (zh-hans): headings not in a Hei or bold face:\n  "
                          + "\n  ".join(problems))


@pytest.mark.parametrize("prefix", each_seed())
def test_chinese_running_text_is_in_a_song_or_ming_face(printed, prefix):
    document = printed[prefix, "zh-hans"]
    problems, checked = [], 0
    for match in printed_sentences(document):
        checked += 1
        other = {font: n for font, n in cjk_fonts(match).items() if not is_songti(font)}
        if other:
            problems.append(f"{match}: Chinese characters in {other}")
    assert checked, f"{SEEDS[prefix]} (zh-hans): none of its paragraphs was found in the PDF"
    assert not problems, (f"{SEEDS[prefix]} (zh-hans): running text not in a Song/Ming face "
                          f"({len(problems)} of {checked} sentences):\n  "
                          + "\n  ".join(problems[:10]))


# 4. Masthead -------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix, language", each_seed_and_language())
def test_the_masthead_has_the_symbol_at_the_top_right(printed, prefix, language):
    document = printed[prefix, language]
    pdf = document.pdf
    symbol = pdf.pages[0].find_first(document.symbol)
    assert symbol is not None, f"{document.symbol} ({language}) is not printed on page 1"
    right_edge = text_area_right_edge(document)
    assert abs(symbol.x1 - right_edge) <= ALIGNMENT, (
        f"{document.symbol} ({language}) ends at x {symbol.x1:.1f}, the text area at "
        f"{right_edge:.1f} (the rightmost end of a body line on the pages of page 1's size): "
        f"{symbol.x1 - right_edge:+.1f} pt")


def text_area_right_edge(document):
    """The rightmost end of a line of the body on the pages of page 1's size (landscape pages
    aside), the symbol's lines aside."""
    pages = [page for page in document.pdf.pages if page.width == document.pdf.pages[0].width]
    return max(line.x1 for page in pages for line in page.body_lines
               if squeezed(document.symbol) not in squeezed(line.text))


def masthead_lines(document):
    """{what: Match} of the distribution, date, language and original lines on page 1. The
    language line is printed by a translation only: a version in its original language has
    "Original: English" alone, as UN documents do."""
    page = document.pdf.pages[0]
    page_one = "\n".join(line.text for line in page.lines)
    wanted = {
        "distribution": r"Distr\.: ?General",
        "date": rf"\d{{1,2}} (?:{MONTHS}) \d{{4}}",
        "original": r"Original: ?[A-Z][a-z]+",
    }
    if LANGUAGE_NAMES[document.language] != "English":  # every seed's original is English
        wanted["language"] = LANGUAGE_NAMES[document.language]
    found = {}
    for what, pattern in wanted.items():
        text = re.search(rf"^\s*{pattern}\s*$", page_one, re.M)
        found[what] = text and page.find_first(text.group(0), whole_line=True)
    return found


@pytest.mark.parametrize("prefix, language", each_seed_and_language())
def test_the_masthead_lines_are_in_english_under_the_symbol(printed, prefix, language):
    document = printed[prefix, language]
    symbol = document.pdf.pages[0].find_first(document.symbol)
    assert symbol is not None, f"{document.symbol} ({language}) is not printed on page 1"
    problems = []
    for what, match in masthead_lines(document).items():
        if match is None:
            problems.append(f"no {what} line in English on page 1")
        elif any(is_cjk(c["text"]) for c in match.chars):
            problems.append(f"the {what} line {match} is not in English")
        elif abs(match.x1 - symbol.x1) > ALIGNMENT:
            problems.append(f"the {what} line {match} ends at x {match.x1:.1f}, "
                            f"{match.x1 - symbol.x1:+.1f} pt from the symbol's end "
                            f"({symbol.x1:.1f}): not right-aligned with it")
    assert not problems, (f"{document.symbol} ({language}) masthead:\n  " + "\n  ".join(problems))


# 5. Running header -------------------------------------------------------------------------

@pytest.mark.parametrize("prefix, language", each_seed_and_language())
def test_every_page_after_the_first_is_headed_by_the_symbol(printed, prefix, language):
    document = printed[prefix, language]
    pages = document.pdf.pages
    symbol = squeezed(document.symbol)
    unheaded = [f"page {p.number}: {p.text_at_top()!r}" for p in pages[1:]
                if symbol not in squeezed(p.text_at_top())]
    assert not unheaded, (f"{document.symbol} ({language}): pages without the symbol in their "
                          f"top 1.8 cm:\n  " + "\n  ".join(unheaded))
    on_page_one = pages[0].find(document.symbol)
    assert len(on_page_one) == 1, (
        f"{document.symbol} ({language}): page 1 prints the symbol {len(on_page_one)} times, "
        f"where its masthead prints it once: " + "; ".join(str(m) for m in on_page_one))


# 6. Job number at the foot of page 1 ---------------------------------------------------------

@pytest.mark.parametrize("language, printed_as", [("zh-hans", "GE.17-09152(C)"),
                                                  ("en", "GE.17-09152(E)")])
def test_the_job_number_is_at_the_foot_of_the_first_page_only(db, language, printed_as):
    if not hasattr(Document, "job_number"):
        pytest.skip("documents have no job number yet")
    meeting = factories.meeting("CCM", "msp", 7)
    document = factories.document(meeting, number=4, issued=False, title_zh_hans="一份文件",
                                  submitted_on=date(2017, 6, 1), job_number="GE.17-09152")
    for position in range(1, 41):
        Block.objects.create(
            document=document, position=position,
            text_en="The Implementation Support Unit will support the President and the "
                    "Coordination Committee in the preparation of the formal and informal "
                    "meetings of the Convention, and follow them up. " * 3,
            text_zh_hans="执行支助股将支持主席和协调委员会筹备《公约》的正式会议和非正式会议，"
                         "并采取后续行动。" * 4)
    pdf = Pdf(render_pdf(document, language))
    assert len(pdf.pages) > 1, "the document needs several pages for this test"
    foot = squeezed(pdf.pages[0].text_at_bottom())
    assert printed_as in foot, (f"page 1's foot ({language}) reads {foot!r}, without "
                                f"{printed_as!r}; page 1 reads at the bottom: "
                                f"{[line.text for line in pdf.pages[0].lines[-3:]]}")
    repeated = [page.number for page in pdf.pages[1:] if "GE.17-09152" in squeezed(page.text())]
    assert not repeated, f"the job number is printed again on pages {repeated} ({language})"


# 7. Nothing the document never said ---------------------------------------------------------

UNSAID = {
    "zh-hans": {"actual expenditure": r"实际支出", "progress so far": r"迄今"},
    "en": {"actual expenditure": r"\bActual\b|\bactual expenditure", "progress so far": r"\bso far\b"},
}


@pytest.mark.parametrize("prefix, language", each_seed_and_language(*WORK_PLANS))
def test_a_work_plan_prints_no_actual_spending_or_progress(printed, prefix, language):
    pdf = printed[prefix, language].pdf
    flags = re.IGNORECASE if language == "en" else 0
    found = [f"{what} on page {line.page}: {line.text!r}"
             for what, pattern in UNSAID[language].items()
             for line in pdf.lines if re.search(pattern, line.text, flags)]
    assert not found, (f"{SEEDS[prefix]} ({language}) prints what its seed never says:\n  "
                       + "\n  ".join(found))


@pytest.mark.parametrize("prefix, language", each_seed_and_language(*WORK_PLANS))
def test_a_work_plan_prints_no_chart(printed, prefix, language):
    pdf = printed[prefix, language].pdf
    charts = []
    for page in pdf.pages:
        shapes = page.coloured_shapes()
        if shapes:
            near = {line.text for line in page.lines for s in shapes
                    if abs((line.top + line.bottom) / 2 - (s["top"] + s["bottom"]) / 2) < 8}
            charts.append(f"page {page.number}: {len(shapes)} coloured bars, beside "
                          f"{sorted(near)[:6]}")
    assert not charts, (f"{SEEDS[prefix]} ({language}) draws charts its seed does not have:\n  "
                        + "\n  ".join(charts))


@pytest.mark.parametrize("language, in_kind, notes", [
    ("zh-hans", r"实物", r"注"), ("en", r"\bin[ -]kind\b", r"Notes?"),
])
def test_the_apmbc_budget_table_has_only_the_seeds_rows_and_columns(printed, language, in_kind,
                                                                      notes):
    """Seed 002's budget table has costs and amounts only: no rows of contributions in kind and
    no notes column."""
    pdf = printed["002", language].pdf
    rows = [f"page {line.page}: {line.text!r}" for line in pdf.lines
            if re.search(in_kind, line.text, re.I)]
    headers = [f"page {line.page}: {line.text!r}" for page in pdf.pages for line in page.lines
               if any(re.fullmatch(notes, word) for word in line.text.split())]
    problems = ([f"an in-kind row, {row}" for row in rows]
                + [f"a notes column its seed does not have, {header}" for header in headers])
    assert not problems, (f"{SEEDS['002']} ({language}) budget table prints:\n  "
                          + "\n  ".join(problems))


# 8. Chinese justification and punctuation ----------------------------------------------------

@pytest.mark.parametrize("prefix", each_seed())
def test_chinese_lines_are_justified_without_wide_gaps(printed, prefix):
    document = printed[prefix, "zh-hans"]
    wide, checked = [], 0
    for match in printed_sentences(document):
        checked += 1
        for left, right, gap, size in match.gaps():
            if gap > WIDEST_GAP * size:
                line = next(line for line in match.lines
                            if any(c["text"] == left for c in line.chars))
                wide.append(f"page {match.page}: {gap / size:.1f} em ({gap:.1f} pt) between "
                            f"{left!r} and {right!r} in {line.text!r}")
    assert checked, f"{SEEDS[prefix]} (zh-hans): none of its paragraphs was found in the PDF"
    assert not wide, (f"{SEEDS[prefix]} (zh-hans): {len(wide)} gaps wider than {WIDEST_GAP} em "
                      "on justified lines:\n  " + "\n  ".join(wide[:12]))


@pytest.mark.parametrize("prefix", each_seed())
def test_chinese_quotation_marks_and_dashes_come_from_the_chinese_font(printed, prefix):
    pdf = printed[prefix, "zh-hans"].pdf
    latin = [f"page {line.page}: {c['text']!r} in {c['fontname'].split('+')[-1]} in {line.text!r}"
             for line in pdf.lines for c in line.chars
             if c["text"] in CHINESE_PUNCTUATION
             and not any(name in c["fontname"] for name in ("Ming", "Song", "Hei"))]
    assert not latin, (f"{SEEDS[prefix]} (zh-hans): Chinese punctuation printed in a Latin "
                       "font:\n  " + "\n  ".join(latin[:12]))


# 9. and 10. The CCM 2018 work plan in Chinese, as its seed prints it -------------------------

RESULT_LABEL = re.compile(r"^\s*(成果|产出|活动)\s*(\d+(?:\.\d+){0,2})\s*([.:：]?)\s*(.*)$")


def seed_result_labels():
    """[(label as the seed prints it, the first characters of its text)] of seed 000's
    results framework (chapter 六)."""
    text = seeds.seed(SEED_FILES["000"]).read_text(encoding="utf-8")
    section = text[text.index("六. 2018 年的活动"):text.index("七. 假设")]
    labels = []
    for line in section.splitlines()[1:]:
        found = RESULT_LABEL.match(line)
        if found:
            kind, number, mark, rest = found.groups()
            labels.append((f"{kind} {number}{mark}", squeezed(rest)[:6]))
    return labels


def printed_label(pdf, label, start):
    """What is printed before the text `start` on its line, where the line reads like a label
    of the kind of `label` (成果, 产出, 活动)."""
    shown = []
    for found in pdf.find(start):
        before = squeezed("".join(c["text"] for c in found.lines[0].chars
                                  if c["x0"] < found.chars[0]["x0"]))
        shown.append(before)
        if label[:2] in before:
            return repr(before)
    return f"nothing like it (the text follows {shown[:3]})" if shown else "nothing: text not found"


@pytest.mark.seeds(SEED_FILES["000"])
def test_the_results_labels_print_as_in_the_seed(printed):
    pdf = printed["000", "zh-hans"].pdf
    labels = seed_result_labels()
    assert len(labels) > 40, labels
    wrong = []
    for label, start in labels:
        if pdf.find_first(label + start) is None:
            wrong.append(f"{label!r} (before {start!r}) is printed as "
                         f"{printed_label(pdf, label, start)}")
    assert not wrong, (f"{SEEDS['000']} (zh-hans): {len(wrong)} of {len(labels)} results labels "
                       "differ from the seed:\n  " + "\n  ".join(wrong[:12]))


@pytest.mark.seeds(SEED_FILES["000"])
def test_outcome_headings_are_not_larger_than_chapter_headings(printed):
    document = printed["000", "zh-hans"]
    chapters = [found for what, found, _text in chinese_headings(document)
                if what == "heading" and found is not None]
    assert chapters, "no chapter heading found"
    chapter_size = min(found.size for found in chapters)
    larger = []
    for label, start in seed_result_labels():
        if label.startswith("成果"):
            found = document.pdf.find_first(start)
            if found is not None and found.size > chapter_size + 0.1:
                larger.append(f"{label} at {found.size:.1f} pt ({found})")
    assert not larger, (f"outcome headings larger than the smallest chapter heading "
                        f"({chapter_size:.1f} pt):\n  " + "\n  ".join(larger))


@pytest.mark.seeds(SEED_FILES["000"])
def test_the_summary_gives_the_budget_as_the_seed_does(printed):
    seed_text = seeds.seed(SEED_FILES["000"]).read_text(encoding="utf-8")
    line = squeezed(re.search(r"预算：\s*[\d,]+\s*瑞郎", seed_text).group(0))
    pdf = printed["000", "zh-hans"].pdf
    found = pdf.find_first(line)
    near = [lined.text for lined in pdf.pages[0].lines if "预算" in lined.text]
    assert found is not None, (f"{SEEDS['000']} (zh-hans) does not print {line!r} in its "
                               f"summary; page 1 lines with 预算: {near}")
    assert found.page == 1, f"{line!r} is printed on page {found.page}, not in the summary"


@pytest.mark.seeds(SEED_FILES["000"])
def test_the_budget_notes_under_the_table_are_printed(printed):
    seed_text = seeds.seed(SEED_FILES["000"]).read_text(encoding="utf-8")
    notes = [note + "。" for note in squeezed(seed_text[seed_text.index("预算说明") + 4:]).split("。")
             if note]
    assert len(notes) == 3, notes
    pdf = printed["000", "zh-hans"].pdf
    missing = [note for note in ["预算说明", *notes] if pdf.find_first(note) is None]
    assert not missing, (f"{SEEDS['000']} (zh-hans) leaves out the budget notes under its "
                         "table:\n  " + "\n  ".join(missing))
