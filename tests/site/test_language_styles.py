"""Each language writes dates and punctuation its own way: English dates as the United Nations
writes them (5 September 2018, never Sept. 5, 2018), Chinese with full-width punctuation
(2017年9月4日，日内瓦; 新国家：最多 3 个国家)."""

from datetime import date, datetime

import pytest
from django.template import Context, Template
from django.utils import formats, translation

from lib.languages import UN_LANGUAGES, series
from tests import factories
from workplans.models import Indicator, WorkPlan

PUBLISHED = WorkPlan.Status.PUBLISHED


def test_english_dates_are_written_day_month_year():
    with translation.override("en"):
        assert formats.date_format(date(2018, 9, 5)) == "5 September 2018"
        assert formats.date_format(date(2018, 9, 5), "SHORT_DATE_FORMAT") == "05/09/2018"
        moment = datetime(2018, 9, 5, 14, 30)
        assert formats.date_format(moment, "DATETIME_FORMAT") == "5 September 2018, 14:30"
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "05/09/2018 14:30"
        assert formats.date_format(moment, "TIME_FORMAT") == "14:30"


def test_a_typed_english_date_is_read_day_first():
    from django import forms

    with translation.override("en"):
        assert forms.DateField().clean("05/09/2018") == date(2018, 9, 5)


def test_meeting_pages_write_dates_and_places_in_each_languages_way(anonymous, ccm):
    meeting = factories.meeting("CCM", "msp", 7, start=date(2017, 9, 4), end=date(2017, 9, 6))
    english = anonymous.get(f"/en/ccm/meetings/{meeting.pk}/").content.decode()
    assert "4 September 2017" in english and "Sept." not in english
    assert "6 September 2017, Geneva" in english
    chinese = anonymous.get(f"/zh-hans/ccm/meetings/{meeting.pk}/").content.decode()
    assert "2017年9月6日，日内瓦" in chinese and "日, 日内瓦" not in chinese
    listed = anonymous.get("/zh-hans/ccm/meetings/").content.decode()
    assert "2017年9月4日，日内瓦" in listed


def test_an_indicator_is_labelled_with_a_full_width_colon_in_chinese(anonymous, ccm):
    plan = factories.plan("CCM", 2018, outcomes=1, outputs=0, status=PUBLISHED)
    Indicator.objects.filter(outcome__plan=plan).update(
        description_en="New countries", description_zh_hans="新国家", unit_en="countries",
        unit_zh_hans="个国家", qualifier=Indicator.Qualifier.UP_TO, target=3)
    assert "新国家：最多 3 个国家" in anonymous.get("/zh-hans/ccm/work-plans/2018/").content.decode()
    assert "New countries: up to 3 countries" in anonymous.get(
        "/en/ccm/work-plans/2018/").content.decode()


def test_the_adoption_of_a_published_plan_reads_in_both_languages(anonymous, ccm):
    meeting = factories.meeting("CCM", "msp", 7, start=date(2017, 9, 4), end=date(2017, 9, 6))
    factories.plan("CCM", 2018, status=PUBLISHED, adopted_at=meeting,
                   adopted_on=date(2017, 9, 6))
    english = anonymous.get("/en/ccm/work-plans/2018/").content.decode()
    assert "by the Seventh Meeting of States Parties on 6 September 2017" in english
    chinese = anonymous.get("/zh-hans/ccm/work-plans/2018/").content.decode()
    assert "缔约国第七次会议" in chinese and "2017年9月6日" in chinese


@pytest.mark.parametrize("language, punctuated, listed", [
    ("en", "Status: draft, Geneva, Arabic, Chinese", "Arabic, Chinese"),
    ("zh-hans", "Status：draft，Geneva、Arabic、Chinese", "阿拉伯文、中文"),
])
def test_labels_phrases_and_lists_are_punctuated_as_each_language_does(
        language, punctuated, listed):
    template = Template("{% load translated %}Status{% colon %}draft{% comma %}Geneva"
                        "{% enumeration %}Arabic{% enumeration %}Chinese")
    with translation.override(language):
        assert template.render(Context()) == punctuated
        names = dict(UN_LANGUAGES)
        assert series([names["ar"], names["zh-hans"]]) == listed
