"""The product's languages and the conventions each one prints by, in one table.

The languages are those of settings.LANGUAGES (MODELTRANSLATION_LANGUAGES gives each its
columns); CONVENTIONS has one row for each, keyed by its code. Dates as UN documents print them
are in each language's formats module (project/formats/<locale>/formats.py, lib/dates.py); the
words, in its catalog (locale/).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# The UN Secretariat's working language: a document's masthead prints its distribution, date
# and language lines in it in every version; a document is written in it unless told otherwise;
# a row shown with its texts in every language carries the number printed in it.
WORKING_LANGUAGE = "en"

# The six official languages of the United Nations, in which a document may be issued.
UN_LANGUAGES = [
    ("ar", _("Arabic")), ("zh-hans", _("Chinese")), ("en", _("English")),
    ("fr", _("French")), ("ru", _("Russian")), ("es", _("Spanish")),
]

# PDF font families (lib/pdf.py tells why these).
LATIN_SERIF = "Liberation Serif"
LATIN_FALLBACK = "DejaVu Serif"
CHINESE_SERIF = "AR PL UMing CN"  # Song (Ming): the body of Chinese documents
CHINESE_SANS = "WenQuanYi Micro Hei"  # Hei: their titles and headings


@dataclass(frozen=True)
class Conventions:
    """How one language names itself and prints numbers, money, places and PDFs.

    Numbering patterns name the numerals of lib.numbering.NUMERALS: "{roman}." prints 4 as
    "IV.", "第{chinese}" as "第四"."""

    code: str
    native_name: str  # as its own speakers name it: language switches, fallback notes
    script: str  # ISO 15924; "Hans" needs the Chinese font and has no spaces between words
    file_suffix: str  # of its PDFs' file names: CCM_MSP_2017_4_zh.pdf
    chapter: str  # a chapter's number: I. / 一.
    ordinal: str  # a meeting's ordinal: Seventh / 第七
    sub_item: str  # an agenda item's third level: (i) / (一)
    label_separator: str  # between the levels of an agenda item's number: 9 (h) (i) / 9(h)(一)
    place_and_dates: str  # the line under a meeting's name
    colon: str  # between a label and what it labels: "Status: draft" / "状态：草稿"
    comma: str  # between the parts of a phrase: "Geneva, 4 September" / "9月4日，日内瓦"
    enumeration: str  # between the items of a list: "Arabic, Chinese" / "阿拉伯文、中文"
    money: str  # an amount and its currency
    currency_names: tuple  # (code, name): currencies printed by a name rather than their code
    pdf_fonts: tuple  # the font families of its PDFs' text, first choice first
    pdf_heading_fonts: tuple  # of their titles and headings
    job_letter: str  # after the job number on a document's first page: GE.17-09152(C)
    word_language: str  # Word's tag of the language, for spelling and proofing: zh-CN
    quarter: str  # a quarter of a year: Q1 2026 / 2026 年第一季度
    month: str  # a month of a year: March 2026 / 2026 年 3 月
    export_note_heading: str  # the column of its notes in a budget's CSV and XLSX

    @property
    def spaced(self):
        """Whether words are written apart (English), not run together (Chinese)."""
        return self.script != "Hans"

    def currency_name(self, code):
        return dict(self.currency_names).get(code, code)


CONVENTIONS = {
    "zh-hans": Conventions(
        code="zh-hans",
        native_name="中文",
        script="Hans",
        file_suffix="zh",
        chapter="{chinese}.",
        ordinal="第{chinese}",
        sub_item="({chinese})",
        label_separator="",
        place_and_dates="{dates}，{place}",
        colon="：",
        comma="，",
        enumeration="、",
        money="{amount} {currency}",
        currency_names=(("CHF", "瑞郎"), ("EUR", "欧元"), ("USD", "美元")),
        pdf_fonts=(LATIN_SERIF, CHINESE_SERIF, LATIN_FALLBACK),
        pdf_heading_fonts=(LATIN_SERIF, CHINESE_SANS, CHINESE_SERIF, LATIN_FALLBACK),
        job_letter="C",
        word_language="zh-CN",
        quarter="{year} 年第{chinese}季度",
        month="{year} 年 {number} 月",
        export_note_heading="Note (Chinese) / 注(中文)",
    ),
    "en": Conventions(
        code="en",
        native_name="English",
        script="Latn",
        file_suffix="en",
        chapter="{roman}.",
        ordinal="{ordinal_words}",
        sub_item="({roman_lower})",
        label_separator=" ",
        place_and_dates="{place}, {dates}",
        colon=": ",
        comma=", ",
        enumeration=", ",
        money="{currency} {amount}",
        currency_names=(),
        pdf_fonts=(LATIN_SERIF, LATIN_FALLBACK, CHINESE_SERIF),
        pdf_heading_fonts=(LATIN_SERIF, LATIN_FALLBACK, CHINESE_SERIF),
        job_letter="E",
        word_language="en-GB",
        quarter="Q{number} {year}",
        month="{month_name} {year}",
        export_note_heading="Note (English) / 注(英文)",
    ),
}


def supported(language=None):
    """The code of settings.LANGUAGES that `language` (else the active language) falls to:
    'en-gb' → 'en'; settings.LANGUAGE_CODE for a language the product does not have."""
    code = language or translation.get_language() or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return settings.LANGUAGE_CODE


def conventions(language=None):
    """The conventions of `language`, else of the active language, else of LANGUAGE_CODE."""
    return CONVENTIONS[supported(language)]


def series(items, language=None):
    """Items listed as `language` (else the active language) lists them: "Arabic, Chinese" /
    "阿拉伯文、中文"."""
    return conventions(language).enumeration.join(str(item) for item in items)


def language_name(code):
    """A language as its own speakers name it (中文, English); an unknown code as it is."""
    row = CONVENTIONS.get(code)
    return row.native_name if row else code


def chinese_script_language():
    """The conventions of the product's language written in Chinese characters: East Asian
    text in a Word file is tagged with it."""
    return next(style for style in CONVENTIONS.values() if style.script == "Hans")
