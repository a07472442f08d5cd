"""Officers record meetings and documents in the admin, within their own conventions."""

import pytest
from django.conf import settings

from meetings.models import AgendaItem, Block, Document, Footnote
from tests import factories
from tests.admin_pages import add_form, page_data

DOCUMENTS = "/admin/meetings/document/"
MEETINGS = "/admin/meetings/meeting/"


def formset(prefix, total=0, initial=0):
    return {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": initial,
            f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}


@pytest.fixture
def seventh_msp(ccm):
    return factories.meeting("CCM", "msp", 7)


def document_post(meeting, symbol="", blocks=(), **fields):
    """An add-page POST; blocks are (kind, level, English text, [footnotes])."""
    data = {
        "meeting": meeting.pk, "typed_symbol": symbol, "component": "", "number": "",
        "amends": "", "change": "", "change_number": "", "agenda_item": "",
        "title_zh_hans": "执行支助股 2018 年工作计划和预算",
        "title_en": "Implementation Support Unit 2018 work plan and budget",
        "subtitle_zh_hans": "", "subtitle_en": "",
        "submitted_by_zh_hans": "执行支助股", "submitted_by_en": "Implementation Support Unit",
        "submitted_on": "2017-06-01", "distribution": "general", "original_language": "en",
        "languages": '["zh-hans", "en"]', "body": "narrative", "issued": "",
        **formset("masthead_notes"), **formset("blocks", len(blocks)),
    }
    for index, (kind, level, text, notes) in enumerate(blocks):
        prefix = f"blocks-{index}"
        data |= {f"{prefix}-position": index + 1, f"{prefix}-kind": kind,
                 f"{prefix}-numbered": "on", f"{prefix}-level": level,
                 f"{prefix}-text_en": text, f"{prefix}-text_zh_hans": "",
                 **formset(f"{prefix}-footnotes", len(notes))}
        for note_index, note in enumerate(notes):
            data |= {f"{prefix}-footnotes-{note_index}-position": note_index + 1,
                     f"{prefix}-footnotes-{note_index}-text_en": note}
    return data | fields


def errors_of(response):
    assert response.status_code == 200, "the page should show the form again with errors"
    return " ".join(str(e) for e in response.context["errors"])


def test_an_officer_records_a_document_by_typing_its_symbol(as_user, ccm_officer, seventh_msp):
    response = as_user(ccm_officer).post(f"{DOCUMENTS}add/", document_post(
        seventh_msp, "CCM/MSP/2017/4",
        blocks=[("paragraph", 1, "The Convention.[^]", ["Adopted in Dublin."]),
                ("subparagraph", 1, "First point", [])],
    ))
    assert response.status_code == 302, errors_of(response)
    document = Document.objects.get()
    assert (document.symbol, document.number, document.component) == ("CCM/MSP/2017/4", 4, "")
    assert [b.kind for b in document.blocks.all()] == ["paragraph", "subparagraph"]
    assert document.blocks.first().footnotes.get().text_en == "Adopted in Dublin."


def test_a_typed_corrigendum_is_chained_to_its_document(as_user, ccm_officer, seventh_msp):
    original = factories.document(seventh_msp, number=4)
    response = as_user(ccm_officer).post(
        f"{DOCUMENTS}add/", document_post(seventh_msp, "CCM/MSP/2017/4/Corr.1"))
    assert response.status_code == 302, errors_of(response)
    corrigendum = Document.objects.get(symbol="CCM/MSP/2017/4/Corr.1")
    assert (corrigendum.amends, corrigendum.change, corrigendum.change_number) == (
        original, "Corr", 1)


@pytest.mark.parametrize("symbol, message", [
    ("CCM/MSP/2017/Corr.1", "is not a UN document symbol"),
    ("CCM-MSP-2017-4", "is not a UN document symbol"),
    ("CCM/MSP/2017/9/Corr.1", "There is no document CCM/MSP/2017/9"),
    ("CCM/MSP/2016/4", "are numbered CCM/MSP/2017/"),
])
def test_a_bad_typed_symbol_is_explained_and_nothing_is_saved(as_user, ccm_officer, seventh_msp,
                                                              symbol, message):
    response = as_user(ccm_officer).post(f"{DOCUMENTS}add/", document_post(seventh_msp, symbol))
    assert message in errors_of(response)
    assert not Document.objects.exists()


def test_a_duplicate_typed_symbol_is_refused(as_user, ccm_officer, seventh_msp):
    factories.document(seventh_msp, number=4)
    response = as_user(ccm_officer).post(
        f"{DOCUMENTS}add/", document_post(seventh_msp, "CCM/MSP/2017/4"))
    assert "CCM/MSP/2017/4 already exists" in errors_of(response)
    assert Document.objects.count() == 1


def test_a_sub_paragraph_without_a_paragraph_saves_nothing(as_user, ccm_officer, seventh_msp):
    response = as_user(ccm_officer).post(f"{DOCUMENTS}add/", document_post(
        seventh_msp, "CCM/MSP/2017/5", blocks=[("section", 1, "Introduction", []),
                                               ("subparagraph", 1, "Orphan", [])]))
    errors = errors_of(response)
    assert "must follow a paragraph" in errors
    assert "A section A. needs a section B." in errors
    assert not Document.objects.exists() and not Block.objects.exists()


def test_footnote_markers_must_match_the_footnotes(as_user, ccm_officer, seventh_msp):
    response = as_user(ccm_officer).post(f"{DOCUMENTS}add/", document_post(
        seventh_msp, "CCM/MSP/2017/5",
        blocks=[("paragraph", 1, "One[^] and two[^].", ["Only one note."])]))
    assert "2 footnote markers [^] for 1 footnotes" in errors_of(response)
    assert not Document.objects.exists()


def test_officers_see_only_their_conventions_documents(as_user, apmbc_officer, ccm_officer,
                                                       seventh_msp):
    document = factories.document(seventh_msp, number=4)
    assert as_user(apmbc_officer).get(f"{DOCUMENTS}{document.pk}/change/").status_code == 404
    assert "CCM/MSP/2017/4" not in as_user(apmbc_officer).get(DOCUMENTS).content.decode()
    assert as_user(ccm_officer).get(f"{DOCUMENTS}{document.pk}/change/").status_code == 200


def test_an_officer_cannot_file_a_document_under_another_conventions_meeting(
        as_user, apmbc_officer, seventh_msp):
    response = as_user(apmbc_officer).post(
        f"{DOCUMENTS}add/", document_post(seventh_msp, "CCM/MSP/2017/4"))
    assert "meeting" in response.context["adminform"].form.errors
    assert not Document.objects.exists()


def test_two_agenda_items_with_one_number_are_refused(as_user, ccm_officer, seventh_msp):
    data = {
        "convention": seventh_msp.convention_id, "kind": "msp", "ordinal": 7,
        "conference_ordinal": "", "start_date": "2017-09-04", "end_date": "2017-09-06",
        "venue_zh_hans": "日内瓦", "venue_en": "Geneva", "presidency": "DE", "symbol_prefix": "",
        **formset("agenda_items", 2),
    }
    for index in (0, 1):
        data |= {f"agenda_items-{index}-number": 8, f"agenda_items-{index}-parent": "",
                 f"agenda_items-{index}-title_en": f"Item {index}",
                 f"agenda_items-{index}-title_zh_hans": ""}
    response = as_user(ccm_officer).post(f"{MEETINGS}{seventh_msp.pk}/change/", data)
    assert "Two agenda items have the same number" in errors_of(response)
    assert not AgendaItem.objects.exists()


def test_a_meeting_ending_before_it_starts_is_refused_in_the_admin(as_user, ccm_officer, ccm):
    data = {
        "convention": ccm.pk, "kind": "msp", "ordinal": 9, "conference_ordinal": "",
        "start_date": "2019-09-04", "end_date": "2019-09-02", "venue_zh_hans": "日内瓦",
        "venue_en": "Geneva", "presidency": "", "symbol_prefix": "",
        **formset("agenda_items"),
    }
    response = as_user(ccm_officer).post(f"{MEETINGS}add/", data)
    assert "The last day cannot come before the first day." in errors_of(response)


def test_errors_speak_the_officers_language(as_user, ccm_officer, seventh_msp):
    client = as_user(ccm_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = client.post(f"{DOCUMENTS}add/",
                           document_post(seventh_msp, "CCM/MSP/2017/9/Corr.1"))
    assert "没有可供本更正更改的文件 CCM/MSP/2017/9" in errors_of(response)


def test_any_isu_officer_may_keep_the_shared_list_of_organizations(as_user, apmbc_officer,
                                                                   anonymous):
    assert as_user(apmbc_officer).get("/admin/meetings/organization/add/").status_code == 200
    assert anonymous.get("/admin/meetings/organization/").status_code == 302


def test_an_issued_document_is_read_only(as_user, ccm_officer, seventh_msp):
    issued = factories.document(seventh_msp, number=4, issued=True)
    client = as_user(ccm_officer)
    assert client.get(f"{DOCUMENTS}{issued.pk}/change/").status_code == 200
    response = client.post(f"{DOCUMENTS}{issued.pk}/change/", document_post(seventh_msp))
    assert response.status_code == 403


def test_rows_of_another_document_cannot_be_taken_renamed_or_deleted(as_user, ccm_officer,
                                                                     seventh_msp, apmbc):
    from meetings.models import Block, MastheadNote

    other = factories.document(factories.meeting("APMBC", "msp", 22), number=5, issued=False)
    foreign_block = Block.objects.create(document=other, position=1, text_en="Theirs")
    foreign_note = MastheadNote.objects.create(document=other, position=1, text_en="Their note")
    factories.issue(other)
    own = factories.document(seventh_msp, number=4, issued=False)
    data = document_post(seventh_msp, "CCM/MSP/2017/4") | formset("blocks", 1, 1) | {
        "blocks-0-id": foreign_block.pk, "blocks-0-document": own.pk, "blocks-0-position": 1,
        "blocks-0-kind": "paragraph", "blocks-0-numbered": "on", "blocks-0-level": 1,
        "blocks-0-text_en": "Hijacked", "blocks-0-text_zh_hans": "",
        **formset("blocks-0-footnotes"),
    } | formset("masthead_notes", 1, 1) | {
        "masthead_notes-0-id": foreign_note.pk, "masthead_notes-0-document": own.pk,
        "masthead_notes-0-position": 1, "masthead_notes-0-text_en": "x",
        "masthead_notes-0-DELETE": "on",
    }
    response = as_user(ccm_officer).post(f"{DOCUMENTS}{own.pk}/change/", data)
    assert "does not belong to this record" in errors_of(response)
    assert Block.objects.get(pk=foreign_block.pk).text_en == "Theirs"
    assert Block.objects.get(pk=foreign_block.pk).document == other
    assert MastheadNote.objects.filter(pk=foreign_note.pk).exists()


@pytest.fixture
def issued_ccw_report(db):
    return factories.document(factories.meeting("CCW", "msp", 2014), number=3,
                              blocks=[("Theirs[^]", ["Their note"])])


@pytest.mark.parametrize("depth", ["block", "footnote"])
def test_a_new_form_cannot_take_over_a_row_of_an_issued_document(
        as_user, ccm_officer, seventh_msp, issued_ccw_report, depth):

    own = factories.document(seventh_msp, number=4, issued=False)
    Block.objects.create(document=own, position=1, text_en="Ours")
    client = as_user(ccm_officer)
    url = f"{DOCUMENTS}{own.pk}/change/"
    data = page_data(client.get(url))
    theirs = issued_ccw_report.blocks.get()
    if depth == "block":
        form = add_form(data, "blocks", id=theirs.pk, document=own.pk, position=2,
                        kind="paragraph", numbered="on", level=1, text_en="Hijacked")
        data |= formset(f"{form}-footnotes")
    else:
        add_form(data, "blocks-0-footnotes", id=theirs.footnotes.get().pk, position=1,
                 text_en="Hijacked")
    response = client.post(url, data)
    assert "does not belong to this record" in errors_of(response)
    assert Block.objects.get(pk=theirs.pk).text_en == "Theirs[^]"
    assert Block.objects.get(pk=theirs.pk).document == issued_ccw_report
    assert Footnote.objects.get(block=theirs).text_en == "Their note"


def test_a_work_plan_document_cannot_be_issued_from_its_admin_page(as_user, ccm_officer,
                                                                   seventh_msp):
    document = factories.document(seventh_msp, number=4, body="work_plan")
    client = as_user(ccm_officer)
    url = f"{DOCUMENTS}{document.pk}/change/"
    data = page_data(client.get(url)) | {"issued": "on"}
    client.post(url, data)
    assert not Document.objects.get(pk=document.pk).issued
    response = client.post(f"{DOCUMENTS}add/", document_post(
        seventh_msp, "CCM/MSP/2017/5", body="work_plan", issued="on"))
    assert "publishes the plan" in errors_of(response)


def test_a_narrative_document_is_issued_with_the_body_posted_with_it(as_user, ccm_officer,
                                                                      seventh_msp):
    response = as_user(ccm_officer).post(f"{DOCUMENTS}add/", document_post(
        seventh_msp, "CCM/MSP/2017/4", blocks=[("paragraph", 1, "Said.", [])], issued="on"))
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.issued and document.blocks.get().text_en == "Said."
