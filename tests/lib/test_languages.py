"""A language's conventions: the one asked for, else the page's, else the default language's."""

from django.conf import settings
from django.utils import translation

from lib.languages import LANGUAGE_CODES, conventions, language_name


def test_without_a_language_the_active_one_is_taken():
    for code in LANGUAGE_CODES:
        with translation.override(code):
            assert conventions().code == code


def test_a_regional_variant_takes_its_languages_conventions():
    assert conventions("en-gb").code == "en"


def test_a_language_the_product_does_not_have_takes_the_default_languages():
    assert conventions("tlh").code == settings.LANGUAGE_CODE
    with translation.override(None):
        assert conventions().code == settings.LANGUAGE_CODE


def test_a_language_is_named_as_its_speakers_name_it():
    assert [language_name(code) for code in LANGUAGE_CODES] == ["中文", "English"]
    assert language_name("tlh") == "tlh"
