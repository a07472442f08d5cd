"""Dates as UN documents print them, in each language, whatever the page's language."""

from datetime import date

import pytest
from django.utils import translation

from lib.dates import date_range, dates_and_place, day
from lib.languages import LANGUAGE_CODES

SEPT_4, SEPT_6, OCT_2, JAN_2 = date(2017, 9, 4), date(2017, 9, 6), date(2017, 10, 2), date(2018, 1, 2)

# Each language's dates: one day; within a month; within a year; across years; with the place.
PRINTED = {
    "en": ["4 September 2017", "4–6 September 2017", "4 September – 2 October 2017",
           "4 September 2017 – 2 January 2018", "Geneva, 4–6 September 2017"],
    "zh-hans": ["2017 年 9 月 4 日", "2017 年 9 月 4 日至 6 日", "2017 年 9 月 4 日至 10 月 2 日",
                "2017 年 9 月 4 日至2018 年 1 月 2 日", "2017 年 9 月 4 日至 6 日，日内瓦"],
}


def test_every_language_is_pinned_here():
    assert sorted(PRINTED) == sorted(LANGUAGE_CODES)


@pytest.mark.parametrize("language", sorted(PRINTED))
@pytest.mark.parametrize("page_language", sorted(PRINTED))
def test_a_date_prints_in_each_languages_way(language, page_language):
    place = {"en": "Geneva", "zh-hans": "日内瓦"}[language]
    with translation.override(page_language):
        printed = [day(SEPT_4, language), date_range(SEPT_4, SEPT_6, language),
                   date_range(SEPT_4, OCT_2, language), date_range(SEPT_4, JAN_2, language),
                   dates_and_place(SEPT_4, SEPT_6, place, language)]
    assert printed == PRINTED[language]


def test_a_range_of_one_day_is_that_day():
    assert date_range(SEPT_4, SEPT_4, "en") == "4 September 2017"
