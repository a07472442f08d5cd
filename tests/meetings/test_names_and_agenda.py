"""Meeting names and agenda numbers are built from data, in the style of each language."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from meetings.models import AgendaItem, Meeting
from tests import factories


def meeting(code, kind, ordinal=None, conference=None, day=date(2017, 9, 4)):
    return Meeting(convention=factories.convention(code), kind=kind, ordinal=ordinal,
                   conference_ordinal=conference, start_date=day, end_date=day,
                   venue_en="Geneva", venue_zh_hans="日内瓦")


@pytest.mark.parametrize("code, kind, ordinal, conference, day, english, chinese", [
    ("CCM", "msp", 7, None, date(2017, 9, 4),
     "Seventh Meeting of States Parties", "缔约国第七次会议"),
    ("CCM", "preparatory", 2, 2, date(2020, 9, 4),
     "Second Preparatory Meeting of the Second Review Conference", "第二次审议会议第二次筹备会议"),
    ("CCM", "preparatory", 1, 1, date(2015, 2, 5),
     "First Preparatory Meeting of the First Review Conference", "第一次审议会议第一次筹备会议"),
    ("CCM", "review_conference", 2, None, date(2020, 11, 25),
     "Second Review Conference", "第二次审议会议"),
    ("APMBC", "msp", 22, None, date(2025, 12, 1),
     "Twenty-second Meeting of the States Parties", "第二十二届会议"),
    ("CCW", "msp", None, None, date(2014, 11, 13),
     "2014 Meeting of the High Contracting Parties", "2014年会议"),
    ("APMBC", "intersessional", None, None, date(2026, 6, 16),
     "2026 Intersessional Meetings", "2026年闭会期间会议"),
])
def test_meeting_names_in_both_languages(db, code, kind, ordinal, conference, day, english,
                                         chinese):
    names = meeting(code, kind, ordinal, conference, day).names
    assert names == {"en": english, "zh-hans": chinese}


@pytest.mark.parametrize("code, kind, ordinal, conference, day, prefix", [
    ("CCM", "msp", 7, None, date(2017, 9, 4), "CCM/MSP/2017"),
    ("APMBC", "msp", 22, None, date(2025, 12, 1), "APLC/MSP.22/2025"),
    ("CCW", "msp", None, None, date(2014, 11, 13), "CCW/MSP/2014"),
    ("CCM", "preparatory", 2, 2, date(2020, 9, 4), "CCM/CONF/2020/PM.2"),
    ("CCM", "review_conference", 1, None, date(2015, 9, 7), "CCM/CONF/2015"),
    ("CCM", "informal", None, None, date(2015, 9, 7), ""),
])
def test_the_symbol_prefix_follows_from_the_meeting(db, code, kind, ordinal, conference, day,
                                                    prefix):
    assert meeting(code, kind, ordinal, conference, day).document_prefix == prefix


def test_a_meeting_cannot_end_before_it_starts(db):
    seventh = meeting("CCM", "msp", 7)
    seventh.end_date = date(2017, 9, 3)
    with pytest.raises(ValidationError) as error:
        seventh.full_clean()
    assert "The last day cannot come before the first day." in str(error.value)


def test_a_numbered_meeting_needs_its_number_and_a_preparatory_meeting_its_conference(db):
    with pytest.raises(ValidationError) as error:
        meeting("CCM", "preparatory").full_clean()
    assert set(error.value.message_dict) == {"ordinal", "conference_ordinal"}


def test_a_ccw_meeting_is_named_by_its_year_and_needs_no_number(db):
    meeting("CCW", "msp", day=date(2014, 11, 13)).full_clean()


def test_the_same_meeting_cannot_be_recorded_twice(db):
    meeting("CCM", "msp", 7).save()
    with pytest.raises(ValidationError) as error:
        meeting("CCM", "msp", 7, day=date(2018, 9, 3)).full_clean()
    assert "already has a meeting with this number" in str(error.value)


@pytest.fixture
def item_9_h_i(db):
    twenty_second = meeting("APMBC", "msp", 22, day=date(2025, 12, 1))
    twenty_second.save()
    nine = AgendaItem.objects.create(meeting=twenty_second, number=9, title_en="General status")
    h = AgendaItem.objects.create(meeting=twenty_second, parent=nine, number=8,
                                  title_en="Implementation support")
    return AgendaItem.objects.create(meeting=twenty_second, parent=h, number=1,
                                     title_en="Report of the ISU")


def test_agenda_numbers_are_printed_the_un_way_in_each_language(item_9_h_i):
    assert item_9_h_i.labels == {"en": "9 (h) (i)", "zh-hans": "9(h)(一)"}
    assert item_9_h_i.parent.labels == {"en": "9 (h)", "zh-hans": "9(h)"}


def test_a_colliding_agenda_number_is_refused(item_9_h_i):
    twin = AgendaItem(meeting=item_9_h_i.meeting, parent=item_9_h_i.parent, number=1,
                      title_en="Another report")
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "already has a sub-item with this number" in str(error.value)
    top = AgendaItem(meeting=item_9_h_i.meeting, number=9, title_en="Again")
    with pytest.raises(ValidationError):
        top.full_clean()


def test_agendas_go_three_levels_deep_at_most(item_9_h_i):
    fourth = AgendaItem(meeting=item_9_h_i.meeting, parent=item_9_h_i, number=1, title_en="x")
    with pytest.raises(ValidationError) as error:
        fourth.full_clean()
    assert "three levels deep" in str(error.value)
