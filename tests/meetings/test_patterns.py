"""Each convention names its meetings and numbers their documents by patterns it keeps as data,
per kind of meeting, in every language; a kind without its pattern takes the generic one."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from isu.models import Convention
from meetings.models import Meeting, MeetingPattern
from tests import factories
from tests.admin_pages import page_data

CSP = {"name_en": "{ordinal} Conference of States Parties", "name_zh_hans": "缔约国{ordinal}次会议",
       "symbol_prefix": "ATT/CSP.{number}/{year}"}


@pytest.fixture
def att(db):
    """A convention set up in the admin alone: no code knows it."""
    treaty = Convention.objects.create(
        code="ATT", name_en="Arms Trade Treaty", name_zh_hans="《武器贸易条约》",
        short_name_en="Arms Trade Treaty", short_name_zh_hans="《武器贸易条约》",
        isu_host_en="ATT Secretariat", document_series="ATT")
    MeetingPattern.objects.create(convention=treaty, kind="msp", **CSP)
    return treaty


def att_meeting(kind="msp", ordinal=7, day=date(2021, 8, 30), **fields):
    meeting = Meeting(convention=Convention.objects.get(code="ATT"), kind=kind, ordinal=ordinal,
                      start_date=day, end_date=day, venue_en="Geneva", venue_zh_hans="日内瓦",
                      **fields)
    meeting.full_clean()
    meeting.save()
    return meeting


def pattern(**fields):
    values = {"convention": Convention.objects.get(code="ATT"), "kind": "review_conference",
              "name_en": "{ordinal} Review Conference", "name_zh_hans": "{ordinal}次审议会议"}
    return MeetingPattern(**(values | fields))


def test_a_new_convention_names_its_meetings_and_numbers_its_documents_by_its_patterns(
        anonymous, att):
    seventh = att_meeting()
    assert seventh.names == {"en": "Seventh Conference of States Parties",
                             "zh-hans": "缔约国第七次会议"}
    document = factories.document(seventh, number=1, title_en="Report of the Secretariat",
                                  title_zh_hans="秘书处的报告", submitted_on=date(2021, 7, 1))
    assert document.symbol == "ATT/CSP.7/2021/1"
    english = anonymous.get(f"/en/att/meetings/{seventh.pk}/").content.decode()
    assert "Seventh Conference of States Parties" in english and "ATT/CSP.7/2021/1" in english
    chinese = anonymous.get(f"/zh-hans/att/meetings/{seventh.pk}/").content.decode()
    assert "缔约国第七次会议" in chinese and "ATT/CSP.7/2021/1" in chinese


def test_a_kind_without_a_pattern_takes_the_generic_one(att):
    first = att_meeting("review_conference", 1, date(2022, 8, 22))
    assert first.names == {"en": "First Review Conference", "zh-hans": "第一次审议会议"}
    assert first.document_prefix == "ATT/CONF/2022"


def test_a_pattern_names_the_convention_and_numbers_in_roman_numerals(att):
    pattern(name_en="{ordinal} Review Conference of the {convention}",
            name_zh_hans="{convention}{ordinal}次审议会议",
            symbol_prefix="{series}/CONF.{roman}").save()
    second = att_meeting("review_conference", 2, date(2026, 8, 24))
    assert second.names == {"en": "Second Review Conference of the Arms Trade Treaty",
                            "zh-hans": "《武器贸易条约》第二次审议会议"}
    assert second.document_prefix == "ATT/CONF.II"


def test_a_pattern_missing_in_a_language_shows_the_name_in_another_never_blank(att):
    csp = MeetingPattern.objects.get(convention__code="ATT", kind="msp")
    csp.name_zh_hans = ""
    csp.save()
    assert att_meeting().name_in("zh-hans") == "Seventh Conference of States Parties"


def test_a_meeting_of_an_unnumbered_kind_needs_no_number(att):
    pattern(kind="msp", name_en="{year} Conference of States Parties",
            name_zh_hans="{year}年缔约国会议", symbol_prefix="{series}/CSP/{year}",
            numbered=False, pk=MeetingPattern.objects.get(convention__code="ATT", kind="msp").pk).save()
    meeting = att_meeting(ordinal=None)
    assert meeting.names == {"en": "2021 Conference of States Parties",
                             "zh-hans": "2021年缔约国会议"}
    assert meeting.document_prefix == "ATT/CSP/2021"


@pytest.mark.parametrize("fields, field, message", [
    ({"name_en": "{nth} Review Conference"}, "name_en",
     "{nth} is not a placeholder: use {ordinal}, {number}, {roman}, {year}, {convention},"),
    ({"name_zh_hans": "{ordinal次审议会议"}, "name_zh_hans", "is not a pattern"),
    ({"name_en": "{year:>6} Review Conference"}, "name_en", "is not a pattern"),
    ({"name_en": "Review Conference }"}, "name_en", "is not a pattern"),
    ({"name_en": "{conference_ordinal} Review Conference"}, "name_en",
     "Only a preparatory meeting prepares a Review Conference"),
    ({"numbered": False}, "name_en", "Meetings of this kind are not numbered"),
    ({"symbol_prefix": "{series}/CONF/{ordinal}"}, "symbol_prefix", "{ordinal} is not a placeholder"),
    ({"symbol_prefix": "{series}/conf/{year}"}, "symbol_prefix", "Write the prefix as in"),
    ({"symbol_prefix": "{series}/CONF"}, "symbol_prefix", "Write the prefix as in"),
    ({"symbol_prefix": "APLC/CONF/{year}"}, "symbol_prefix",
     "The symbols of ATT documents start with ATT/"),
])
def test_a_pattern_that_cannot_be_read_is_refused_on_clean_and_on_save(att, fields, field,
                                                                        message):
    refused = pattern(**fields)
    with pytest.raises(ValidationError) as error:
        refused.full_clean()
    assert message in " ".join(error.value.message_dict[field])
    with pytest.raises(ValidationError):
        refused.save()
    assert not MeetingPattern.objects.filter(convention__code="ATT", kind="review_conference").exists()


def test_a_convention_has_one_pattern_per_kind(att):
    with pytest.raises(ValidationError) as error:
        pattern(kind="msp").full_clean()
    assert "already has a pattern for this kind of meeting" in str(error.value)


def test_a_pattern_no_longer_changes_what_issued_documents_print(att):
    seventh = att_meeting()
    factories.document(seventh, number=1, title_en="Report", title_zh_hans="报告",
                       submitted_on=date(2021, 7, 1))
    csp = MeetingPattern.objects.get(convention__code="ATT", kind="msp")
    csp.name_en = "{ordinal} Conference of the States Parties"
    with pytest.raises(ValidationError) as error:
        csp.full_clean()
    assert "Documents of Seventh Conference of States Parties are issued" in str(error.value)
    with pytest.raises(ValidationError):
        csp.save()
    with pytest.raises(ValidationError):
        MeetingPattern.objects.get(convention__code="ATT", kind="msp").delete()
    assert Meeting.objects.get(pk=seventh.pk).name == "Seventh Conference of States Parties"
    # Meetings without issued documents take the new pattern.
    pattern(kind="informal", name_en="{year} Informal Consultations",
            name_zh_hans="{year}年非正式磋商", numbered=False).save()
    assert att_meeting("informal", None).name == "2021 Informal Consultations"


def test_a_changed_pattern_names_the_meetings_at_once(att):
    meeting = att_meeting()
    csp = MeetingPattern.objects.get(convention__code="ATT", kind="msp")
    csp.name_en = "{ordinal} Conference of the States Parties"
    csp.save()
    assert Meeting.objects.get(pk=meeting.pk).name == "Seventh Conference of the States Parties"


def test_the_shipped_conventions_keep_their_own_names_and_symbols(db):
    ninth = Meeting(convention=factories.convention("BWC"), kind="review_conference", ordinal=9,
                    start_date=date(2022, 11, 28), end_date=date(2022, 12, 16))
    assert ninth.names == {"en": "Ninth Review Conference", "zh-hans": "第九次审议会议"}
    assert ninth.document_prefix == "BWC/CONF.IX"
    sixth = Meeting(convention=factories.convention("CCW"), kind="review_conference", ordinal=6,
                    start_date=date(2021, 12, 13), end_date=date(2021, 12, 17))
    assert sixth.document_prefix == "CCW/CONF.VI"


@pytest.mark.parametrize("code, valid", [("ATT", True), ("TPNW", True), ("att", False),
                                         ("A1", False), ("ABCDEFGHI", False)])
def test_a_convention_code_is_any_word_of_capital_letters(db, code, valid):
    convention = Convention(code=code, name_en="A treaty", short_name_en="A treaty",
                            isu_host_en="Geneva", document_series="TREATY")
    if valid:
        convention.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            convention.full_clean()
        assert "code" in error.value.message_dict


def test_an_officer_sets_up_a_pattern_in_the_admin_and_is_told_what_is_wrong(as_user, apmbc,
                                                                           apmbc_officer):
    client = as_user(apmbc_officer)
    post = {"convention": apmbc.pk, "kind": "pledging", "symbol_prefix": "",
            "name_en": "{year} Pledging Conference of the States Parties",
            "name_zh_hans": "{year}年缔约国认捐会议"}
    refused = client.post("/admin/meetings/meetingpattern/add/",
                          post | {"name_en": "{nth} Pledging Conference"})
    assert refused.status_code == 200 and "{nth} is not a placeholder" in refused.content.decode()
    assert client.post("/admin/meetings/meetingpattern/add/", post).status_code == 302
    pledging = Meeting(convention=apmbc, kind="pledging", start_date=date(2026, 2, 10),
                       end_date=date(2026, 2, 10))
    assert pledging.names == {"en": "2026 Pledging Conference of the States Parties",
                              "zh-hans": "2026年缔约国认捐会议"}


def convention_post(*patterns_posted, **fields):
    """What the convention's admin page posts: its fields and a row per pattern."""
    post = {"code": "ATT", "name_en": "Arms Trade Treaty", "name_zh_hans": "《武器贸易条约》",
            "short_name_en": "Arms Trade Treaty", "short_name_zh_hans": "《武器贸易条约》",
            "isu_host_en": "ATT Secretariat", "document_series": "ATT",
            "adopting_body_en": "Conference of States Parties",
            "adopting_body_zh_hans": "缔约国会议", **fields,
            "meeting_patterns-TOTAL_FORMS": str(len(patterns_posted)),
            "meeting_patterns-INITIAL_FORMS": "0"}
    for index, row in enumerate(patterns_posted):
        post |= {f"meeting_patterns-{index}-{name}": value for name, value in row.items()}
    return post


CSP_ROW = {"kind": "msp", "name_en": CSP["name_en"], "name_zh_hans": CSP["name_zh_hans"],
           "symbol_prefix": "{series}/CSP.{number}/{year}", "numbered": "on"}


def test_a_new_convention_is_set_up_with_its_meeting_patterns_in_one_form(as_user, superuser):
    response = as_user(superuser).post("/admin/isu/convention/add/", convention_post(CSP_ROW))
    assert response.status_code == 302
    assert att_meeting(ordinal=11, day=date(2025, 8, 25)).names == {
        "en": "Eleventh Conference of States Parties", "zh-hans": "缔约国第十一次会议"}
    assert Meeting.objects.get().document_prefix == "ATT/CSP.11/2025"


def test_a_new_conventions_pattern_outside_its_series_is_refused_and_nothing_is_saved(
        as_user, superuser):
    response = as_user(superuser).post("/admin/isu/convention/add/", convention_post(
        CSP_ROW | {"symbol_prefix": "CCM/CSP.{number}/{year}"}))
    assert response.status_code == 200
    assert "The symbols of ATT documents start with ATT/" in response.content.decode()
    assert not Convention.objects.filter(code="ATT").exists()


def test_a_pattern_that_issued_documents_print_is_not_deleted_from_the_conventions_page(
        as_user, superuser, att):
    factories.document(att_meeting(), number=1, title_en="Report", title_zh_hans="报告",
                       submitted_on=date(2021, 7, 1))
    client = as_user(superuser)
    page = client.get(f"/admin/isu/convention/{att.pk}/change/")
    post = page_data(page) | {"meeting_patterns-0-DELETE": "on"}
    response = client.post(f"/admin/isu/convention/{att.pk}/change/", post)
    assert response.status_code == 200
    assert "Documents of Seventh Conference of States Parties are issued" in (
        response.content.decode())
    assert MeetingPattern.objects.filter(convention=att, kind="msp").exists()
