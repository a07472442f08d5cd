"""Dates as UN documents print them: '4–6 September 2017' / '2017 年 9 月 4 日至 6 日'.

The formats are each language's UN_DAY_FORMAT and UN_RANGE_FORMATS, in its formats module
(settings.FORMAT_MODULE_PATH, found the way Django finds its own formats); month names come from
Django's catalog of that language.
"""

from django.core.exceptions import ImproperlyConfigured
from django.utils import formats, translation

from lib.languages import conventions, supported


def _un_format(name, language):
    for module in formats.get_format_modules(language):
        if hasattr(module, name):
            return getattr(module, name)
    raise ImproperlyConfigured(f"No formats module of {language!r} has {name}.")


def _formatted(value, format_, language):
    with translation.override(language):
        return formats.date_format(value, format_)


def day(value, language):
    language = supported(language)
    return _formatted(value, _un_format("UN_DAY_FORMAT", language), language)


def date_range(start, end, language):
    if start == end:
        return day(start, language)
    language = supported(language)
    if (start.year, start.month) == (end.year, end.month):
        shared = "month"
    else:
        shared = "year" if start.year == end.year else "none"
    first, last = _un_format("UN_RANGE_FORMATS", language)[shared]
    return _formatted(start, first, language) + _formatted(end, last, language)


def dates_and_place(start, end, place, language):
    """The line under a meeting's name: 'Geneva, 4–6 September 2017' / '2017 年 9 月 4 日至 6 日，日内瓦'."""
    return conventions(language).place_and_dates.format(
        dates=date_range(start, end, language), place=place)
