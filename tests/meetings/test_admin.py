"""Officers record meetings and documents in the admin, within their own conventions. A
document's admin page has its own fields only (symbol, masthead, issue): its body is edited in
the workspace, and rows posted to the admin page change nothing."""

from datetime import date

import pytest
from django.conf import settings

from meetings import editing
from meetings.models import AgendaItem, Block, Document, Footnote, MastheadNote
from tests import factories
from tests.admin_pages import page_data

DOCUMENTS = "/admin/meetings/document/"
MEETINGS = "/admin/meetings/meeting/"


def formset(prefix, total=0, initial=0):
    return {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": initial,
            f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}


@pytest.fixture
def seventh_msp(ccm):
    return factories.meeting("CCM", "msp", 7)


def document_post(meeting, symbol="", blocks=(), **fields):
    """An add-page POST. `blocks` ((kind, level, English text, [footnotes])) are posted as the
    nested admin's body forms were: the page has no row forms and ignores them."""
    data = {
        "meeting": meeting.pk, "typed_symbol": symbol, "component": "", "number": "",
        "amends": "", "change": "", "change_number": "", "agenda_item": "",
        "title_zh_hans": "执行支助股 2018 年工作计划和预算",
        "title_en": "Implementation Support Unit 2018 work plan and budget",
        "subtitle_zh_hans": "", "subtitle_en": "",
        "submitted_by_zh_hans": "执行支助股", "submitted_by_en": "Implementation Support Unit",
        "submitted_on": "2017-06-01", "distribution": "general", "original_language": "en",
        "languages": ["zh-hans", "en"], "body": "narrative", "issued": "",
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
    response = as_user(ccm_officer).post(f"{DOCUMENTS}add/",
                                         document_post(seventh_msp, "CCM/MSP/2017/4"))
    assert response.status_code == 302, errors_of(response)
    document = Document.objects.get()
    assert (document.symbol, document.number, document.component) == ("CCM/MSP/2017/4", 4, "")


def test_the_change_page_has_no_body_forms_and_links_to_the_workspace(as_user, ccm_officer,
                                                                      seventh_msp):
    document = factories.document(seventh_msp, number=4, issued=False,
                                  blocks=[("Said.[^]", ["A note."])])
    MastheadNote.objects.create(document=document, position=1, text_en="Late submission")
    response = as_user(ccm_officer).get(f"{DOCUMENTS}{document.pk}/change/")
    page = response.content.decode()
    assert response.context["inline_admin_formsets"] == []
    assert "TOTAL_FORMS" not in page and 'name="blocks-0-text_en"' not in page
    assert 'name="typed_symbol"' in page and 'name="title_en"' in page and 'name="issued"' in page
    assert 'type="checkbox" name="languages" value="zh-hans"' in page
    assert (f'href="/workspace/documents/{document.pk}/">Edit the body in the workspace</a>'
            in page)


def test_blocks_posted_with_a_new_document_are_ignored(as_user, ccm_officer, seventh_msp):
    response = as_user(ccm_officer).post(f"{DOCUMENTS}add/", document_post(
        seventh_msp, "CCM/MSP/2017/4",
        blocks=[("paragraph", 1, "The Convention.[^]", ["Adopted in Dublin."])]))
    assert response.status_code == 302, errors_of(response)
    assert Document.objects.get().symbol == "CCM/MSP/2017/4"
    assert not Block.objects.exists() and not Footnote.objects.exists()


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


def test_a_body_out_of_order_is_not_issued_from_the_admin_page(as_user, ccm_officer,
                                                                seventh_msp):
    document = factories.document(seventh_msp, number=5, issued=False)
    Block.objects.create(document=document, position=1, kind="section", text_en="Introduction")
    Block.objects.create(document=document, position=2, kind="subparagraph", text_en="Orphan")
    client = as_user(ccm_officer)
    url = f"{DOCUMENTS}{document.pk}/change/"
    errors = errors_of(client.post(url, page_data(client.get(url)) | {"issued": "on"}))
    assert "must follow a paragraph" in errors
    assert "A section A. needs a section B." in errors
    assert not Document.objects.get(pk=document.pk).issued


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


def test_an_agenda_item_hangs_under_an_item_of_its_own_meeting(as_user, ccm_officer, seventh_msp):
    ours = AgendaItem.objects.create(meeting=seventh_msp, number=8, title_en="Ours")
    AgendaItem.objects.create(meeting=factories.meeting("CCM", "msp", 8), number=8,
                              title_en="Theirs")
    client = as_user(ccm_officer)

    def parents(page):
        [items] = client.get(page).context["inline_admin_formsets"]
        return list(items.formset.empty_form.fields["parent"].queryset)

    assert parents(f"{MEETINGS}{seventh_msp.pk}/change/") == [ours]
    assert parents(f"{MEETINGS}add/") == []


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


def body_of(document):
    """Every stored value of the document's blocks, footnotes and masthead footnotes."""
    rows = [*Block.objects.filter(document=document).order_by("pk"),
            *Footnote.objects.filter(block__document=document).order_by("pk"),
            *MastheadNote.objects.filter(document=document).order_by("pk")]
    return [(type(row).__name__, {field.attname: getattr(row, field.attname)
                                  for field in row._meta.concrete_fields}) for row in rows]


def test_rows_of_another_document_cannot_be_taken_renamed_or_deleted(as_user, ccm_officer,
                                                                     seventh_msp, apmbc):
    """A regression test of the nested admin's takeover: the page has no row forms, so row data
    posted with their management forms changes no row, another document's or its own."""
    other = factories.document(factories.meeting("APMBC", "msp", 22), number=5, issued=False)
    foreign_block = Block.objects.create(document=other, position=1, text_en="Theirs")
    foreign_note = MastheadNote.objects.create(document=other, position=1, text_en="Their note")
    factories.issue(other)
    own = factories.document(seventh_msp, number=4, issued=False, blocks=[("Ours", [])])
    theirs, ours = body_of(other), body_of(own)
    client = as_user(ccm_officer)
    url = f"{DOCUMENTS}{own.pk}/change/"
    data = page_data(client.get(url)) | formset("blocks", 2, 2) | {
        "blocks-0-id": foreign_block.pk, "blocks-0-document": own.pk, "blocks-0-position": 1,
        "blocks-0-kind": "paragraph", "blocks-0-numbered": "on", "blocks-0-level": 1,
        "blocks-0-text_en": "Hijacked", "blocks-0-text_zh_hans": "",
        **formset("blocks-0-footnotes"),
        "blocks-1-id": own.blocks.get().pk, "blocks-1-document": own.pk,
        "blocks-1-DELETE": "on", **formset("blocks-1-footnotes"),
    } | formset("masthead_notes", 1, 1) | {
        "masthead_notes-0-id": foreign_note.pk, "masthead_notes-0-document": own.pk,
        "masthead_notes-0-position": 1, "masthead_notes-0-text_en": "x",
        "masthead_notes-0-DELETE": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    assert (body_of(other), body_of(own)) == (theirs, ours)


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
    theirs, ours = body_of(issued_ccw_report), body_of(own)
    # The forms the nested admin showed, a new form naming a row of the issued document.
    data = page_data(client.get(url)) | formset("masthead_notes")
    block = issued_ccw_report.blocks.get()
    if depth == "block":
        data |= formset("blocks", 1) | formset("blocks-0-footnotes") | {
            "blocks-0-id": block.pk, "blocks-0-document": own.pk, "blocks-0-position": 2,
            "blocks-0-kind": "paragraph", "blocks-0-numbered": "on", "blocks-0-level": 1,
            "blocks-0-text_en": "Hijacked"}
    else:
        data |= formset("blocks", 1, 1) | formset("blocks-0-footnotes", 1) | {
            "blocks-0-id": own.blocks.get().pk, "blocks-0-document": own.pk,
            "blocks-0-footnotes-0-id": block.footnotes.get().pk,
            "blocks-0-footnotes-0-position": 1, "blocks-0-footnotes-0-text_en": "Hijacked"}
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    assert (body_of(issued_ccw_report), body_of(own)) == (theirs, ours)


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


def test_a_narrative_document_is_issued_from_its_admin_page_with_its_body(
        as_user, ccm_officer, seventh_msp):
    document = factories.document(seventh_msp, number=4, issued=False, title_zh_hans="一份文件",
                                  submitted_on=date(2017, 6, 1))
    _block, edit = editing.add_row(ccm_officer, document.pk, "block", {
        "kind": "paragraph", "level": 1, "numbered": "on", "text_en": "Said.",
        "text_zh_hans": ""})
    assert not edit.errors
    client = as_user(ccm_officer)
    url = f"{DOCUMENTS}{document.pk}/change/"
    response = client.post(url, page_data(client.get(url)) | {"issued": "on"})
    assert response.status_code == 302, errors_of(response)
    document = Document.objects.get()
    assert document.issued and document.blocks.get().text_en == "Said."
    assert client.get(url).status_code == 200
    assert client.post(url, page_data(client.get(url))).status_code == 403


def test_a_document_is_not_issued_from_its_admin_page_without_its_date(as_user, ccm_officer,
                                                                       seventh_msp):
    document = factories.document(seventh_msp, number=4, issued=False, title_zh_hans="一份文件")
    client = as_user(ccm_officer)
    url = f"{DOCUMENTS}{document.pk}/change/"
    errors = errors_of(client.post(url, page_data(client.get(url)) | {"issued": "on"}))
    assert "Enter the date printed in the masthead." in errors
    assert not Document.objects.get(pk=document.pk).issued
