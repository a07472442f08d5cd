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
