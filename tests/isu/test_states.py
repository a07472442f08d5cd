from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from isu.models import Convention, Participation


def test_a_status_follows_from_the_dates(ccm):
    benin = Participation(convention=ccm, country="BJ", signed_on=date(2008, 12, 3),
                          joined_on=date(2017, 7, 10), instrument="ratification")
    assert benin.status_on(date(2017, 6, 1)) == Participation.Status.SIGNATORY
    assert benin.status_on(date(2018, 1, 1)) == Participation.Status.STATE_PARTY
    assert benin.status_on(date(2008, 1, 1)) == Participation.Status.NONE


def test_country_names_come_in_both_languages_from_django_countries(ccm):
    state = Participation.objects.create(convention=ccm, country="FR", signed_on=date(2008, 12, 3))
    with translation.override("zh-hans"):
        assert state.country.name == "法国"
    with translation.override("en"):
        assert state.country.name == "France"


def test_a_ratification_before_signature_is_refused(ccm):
    state = Participation(convention=ccm, country="FR", signed_on=date(2009, 1, 1),
                          joined_on=date(2008, 1, 1), instrument="ratification")
    with pytest.raises(ValidationError) as refused:
        state.full_clean()
    assert "joined_on" in refused.value.message_dict


def test_conventions_of_a_user_are_those_of_their_roles(ccm_officer, apmbc, ccm):
    assert list(Convention.objects.for_user(ccm_officer)) == [ccm]


UN_SHORT_NAMES = [
    ("NR", "Nauru", "瑙鲁"),
    ("BO", "Bolivia (Plurinational State of)", "多民族玻利维亚国"),
    ("IR", "Iran (Islamic Republic of)", "伊朗伊斯兰共和国"),
    ("KR", "Republic of Korea", "大韩民国"),
    ("TR", "Türkiye", "土耳其"),
    ("CI", "Côte d'Ivoire", "科特迪瓦"),
    ("VN", "Viet Nam", "越南"),
    ("LA", "Lao People's Democratic Republic", "老挝人民民主共和国"),
    ("GB", "United Kingdom of Great Britain and Northern Ireland", "大不列颠及北爱尔兰联合王国"),
    ("PS", "State of Palestine", "巴勒斯坦国"),
    ("VA", "Holy See", "教廷"),
]


@pytest.mark.parametrize("code, english, chinese", UN_SHORT_NAMES)
def test_states_are_named_as_the_united_nations_names_them(ccm, code, english, chinese):
    state = Participation(convention=ccm, country=code, signed_on=date(2008, 12, 3))
    with translation.override("en"):
        assert state.country.name == english
    with translation.override("zh-hans"):
        assert state.country.name == chinese


def test_the_list_of_states_to_choose_from_uses_the_same_names(ccm):
    with translation.override("zh-hans"):
        choices = dict(Participation._meta.get_field("country").choices)
    assert choices["KR"] == "大韩民国" and choices["KP"] == "朝鲜民主主义人民共和国"
    with translation.override("en"):
        choices = dict(Participation._meta.get_field("country").choices)
    assert choices["NR"] == "Nauru" and "Naoero" not in choices.values()
