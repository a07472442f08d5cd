"""The languages come from settings.LANGUAGES and one table of conventions (lib/languages.py):
every language has its row and its formats, and no other code names a language."""

import re
from pathlib import Path

from django.conf import settings
from django.utils import formats

from lib.languages import CONVENTIONS, LANGUAGE_CODES

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ["lib", "isu", "meetings", "workplans", "budgets", "reporting", "sponsorship",
           "workspace", "templates"]
# Where languages are named on purpose: the table, and what is written per language.
EXEMPT_FILES = {"lib/languages.py"}
EXEMPT_FOLDERS = {"migrations", "locale"}
# A language's code as a literal, or a column of a translated field in one language.
LANGUAGE_LITERAL = re.compile(r"""zh[-_]hans|["'](en|zh)["']|\w_en\b""", re.IGNORECASE)


def test_the_table_has_a_row_for_every_language_and_nothing_else():
    assert set(CONVENTIONS) == set(LANGUAGE_CODES)
    assert all(CONVENTIONS[code].code == code for code in CONVENTIONS)


def test_the_translated_columns_follow_the_languages():
    assert list(settings.MODELTRANSLATION_LANGUAGES) == LANGUAGE_CODES
    assert sorted(settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]) == sorted(
        LANGUAGE_CODES)


def test_every_language_has_the_date_formats_of_its_documents():
    for code in LANGUAGE_CODES:
        modules = [module for module in formats.get_format_modules(code)
                   if module.__name__.startswith("project.formats.")]
        assert [hasattr(m, "UN_DAY_FORMAT") and hasattr(m, "UN_RANGE_FORMATS")
                for m in modules] == [True], code


def scanned_files():
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*")):
            relative = path.relative_to(ROOT)
            if path.suffix not in {".py", ".html", ".txt"} or str(relative) in EXEMPT_FILES:
                continue
            if any(p in EXEMPT_FOLDERS or p.startswith("demo") for p in relative.parts):
                continue
            yield relative, path


def test_the_pattern_finds_codes_and_columns_but_not_other_words():
    named = ['title_en', 'name_zh_hans', '"zh-hans"', "'en'", '"zh"', "lang == 'ZH-HANS'"]
    assert all(LANGUAGE_LITERAL.search(text) for text in named)
    other = ['"end"', "LANGUAGE_CODES", "token", "open_entry", '"enabled"', "hidden"]
    assert not any(LANGUAGE_LITERAL.search(text) for text in other)


def test_no_code_or_template_names_a_language_outside_the_table():
    found = [f"{relative}:{number}: {line.strip()}"
             for relative, path in scanned_files()
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if LANGUAGE_LITERAL.search(line)]
    assert found == []
