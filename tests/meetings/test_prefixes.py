"""A meeting's symbol prefix stays within its convention's series, so that no convention can
take another's document symbols."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from meetings.models import Document, Meeting
from tests import factories

MEETINGS = "/admin/meetings/meeting/"
APMBC_PREFIX = "APLC/MSP.23/2026"


def ccm_meeting(**fields):
    return Meeting(convention=factories.convention("CCM"), kind="informal",
                   start_date=date(2026, 6, 1), end_date=date(2026, 6, 1), venue_en="Geneva",
                   **fields)


def test_a_prefix_of_another_conventions_series_is_refused_by_full_clean(ccm, apmbc):
    with pytest.raises(ValidationError) as error:
        ccm_meeting(symbol_prefix=APMBC_PREFIX).full_clean()
    assert error.value.message_dict["symbol_prefix"] == [
        "The symbols of CCM documents start with CCM/: write the prefix as CCM/…, "
        "not APLC/MSP.23/2026."]


def test_a_prefix_of_another_conventions_series_is_refused_on_save_without_any_form(ccm, apmbc):
    with pytest.raises(ValidationError) as error:
        ccm_meeting(symbol_prefix=APMBC_PREFIX).save()
    assert "symbol_prefix" in error.value.message_dict
    meeting = factories.meeting("CCM", "msp", 7)
    meeting.symbol_prefix = APMBC_PREFIX
    with pytest.raises(ValidationError):
        meeting.save()
    assert Meeting.objects.get(pk=meeting.pk).symbol_prefix == ""


def test_a_series_is_matched_whole_not_by_its_first_letters(ccm):
    assert "symbol_prefix" in _errors(ccm_meeting(symbol_prefix="CCMX/INF/2026"))
    assert "symbol_prefix" not in _errors(ccm_meeting(symbol_prefix="CCM/MSP/2026/ISM"))


def test_the_apmbc_keeps_its_own_symbols(anonymous, ccm, apmbc):
    informal = factories.meeting("CCM", "informal", None, start=date(2026, 6, 1))
    informal.symbol_prefix = APMBC_PREFIX
    with pytest.raises(ValidationError):
        informal.save()
    with pytest.raises(ValidationError):  # still without a prefix, so without symbols
        factories.document(Meeting.objects.get(pk=informal.pk), number=1)
    apmbc_meeting = factories.meeting("APMBC", "msp", 23, start=date(2026, 11, 30))
    document = factories.document(apmbc_meeting, number=1, title_en="APMBC document")
    assert document.symbol == "APLC/MSP.23/2026/1"
    assert Document.objects.get(symbol="APLC/MSP.23/2026/1").meeting.convention.code == "APMBC"
    assert b"APMBC document" in anonymous.get("/en/documents/APLC/MSP.23/2026/1/").content


def test_the_admin_refuses_another_conventions_prefix(as_user, ccm_officer, apmbc):
    data = {
        "convention": ccm_officer.staff_roles.get().convention_id, "kind": "informal",
        "ordinal": "", "conference_ordinal": "", "start_date": "2026-06-01",
        "end_date": "2026-06-01", "venue_zh_hans": "", "venue_en": "Geneva", "presidency": "",
        "symbol_prefix": APMBC_PREFIX, "agenda_items-TOTAL_FORMS": 0,
        "agenda_items-INITIAL_FORMS": 0, "agenda_items-MIN_NUM_FORMS": 0,
        "agenda_items-MAX_NUM_FORMS": 1000,
    }
    client = as_user(ccm_officer)
    response = client.post(f"{MEETINGS}add/", data)
    assert response.status_code == 200
    assert "symbol_prefix" in response.context["adminform"].form.errors
    assert "start with CCM/" in response.content.decode()
    assert not Meeting.objects.exists()
    assert client.post(f"{MEETINGS}add/", data | {"symbol_prefix": "CCM/INF/2026"}
                       ).status_code == 302


def _errors(meeting):
    try:
        meeting.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}
