"""The workspace's document page: the masthead and the body numbered in both languages, blocks
edited one at a time with and without JavaScript, the body's order kept, an issued document
read-only, a fixed number of queries."""

import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings import editing
from meetings.models import Block, Document, Footnote, MastheadNote
from tests import factories
from tests.queries import queries_on_second_visit

HTMX = {"HTTP_HX_REQUEST": "true"}


def add(document, kind, text, level=1, notes=(), text_zh_hans="", numbered=True):
    block = Block.objects.create(document=document, kind=kind, level=level, text_en=text,
                                 text_zh_hans=text_zh_hans, numbered=numbered,
                                 position=document.blocks.count() + 1)
    for index, note in enumerate(notes, start=1):
        Footnote.objects.create(block=block, position=index, text_en=note,
                                text_zh_hans=f"脚注{note}")
    return block


@pytest.fixture
def document(ccm):
    meeting = factories.meeting("CCM", "msp", 8)
    document = factories.document(meeting, number=3, issued=False, title_en="Annual report",
                                  title_zh_hans="年度报告")
    MastheadNote.objects.create(document=document, position=1, text_en="Late submission",
                                text_zh_hans="逾期提交")
    add(document, "chapter", "Introduction", text_zh_hans="导言")
    add(document, "paragraph", "The ISU reports[^].", notes=["One"], text_zh_hans="执行支助股报告[^]。")
    add(document, "subparagraph", "first point", text_zh_hans="第一点")
    add(document, "subparagraph", "detail", level=2, text_zh_hans="细节")
    add(document, "bullet", "a bullet", text_zh_hans="要点")
    add(document, "paragraph", "Figures[^] follow[^]:", notes=["Two", "Three"])
    add(document, "table", "Year | Amount\n2018 | 100", text_zh_hans="年份 | 金额\n2018 | 100")
    add(document, "chapter", "Finance", text_zh_hans="财务")
    add(document, "paragraph", "Budget.", notes=["Four"], text_zh_hans="预算。")
    return document


def url(document, suffix=""):
    return f"/workspace/documents/{document.pk}/{suffix}"


def block(document, text):
    return Block.objects.get(document=document, text_en=text)


class FormReader(HTMLParser):
    """The fields of the first form inside the element with the given id, as a browser posts
    them."""

    def __init__(self, element_id):
        super().__init__()
        self.element_id, self.inside, self.depth = element_id, False, 0
        self.data, self.textarea, self.select = {}, None, None

    def put(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if not self.inside:
            self.inside = attrs.get("id") == self.element_id
            return
        if tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind == "checkbox":
                if "checked" in attrs:
                    self.put(attrs["name"], attrs.get("value", "on"))
            elif kind not in ("submit", "button"):
                self.put(attrs["name"], attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea, self.text = attrs["name"], ""
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.put(self.select, attrs.get("value", ""))

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            self.put(self.textarea, self.text[1:] if self.text.startswith("\n") else self.text)
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside = False


def opened_form(client, document, anchor):
    """The row's form as the page gives it (?edit=), as a dict to post back."""
    page = client.get(url(document), {"edit": anchor}).content.decode()
    reader = FormReader(anchor)
    reader.feed(page)
    assert "csrfmiddlewaretoken" in reader.data, "the row opens as a form"
    return {name: values if len(values) > 1 or name == "footnote" else values[0]
            for name, values in reader.data.items()}


def test_visitors_sign_in_and_another_conventions_officer_finds_nothing(
        anonymous, as_user, apmbc_officer, document):
    assert "/admin/login/" in anonymous.get(url(document))["Location"]
    client = as_user(apmbc_officer)
    row = block(document, "Budget.")
    assert client.get(url(document)).status_code == 404
    assert client.get(url(document, f"blocks/{row.pk}/edit/"), **HTMX).status_code == 404
    assert client.post(url(document, f"blocks/{row.pk}/"), {"text_en": "x"}).status_code == 404
    assert Block.objects.get(pk=row.pk).text_en == "Budget."


def test_a_block_of_another_document_is_a_404_through_this_one(as_user, ccm_officer, document):
    other = factories.document(document.meeting, number=4, issued=False)
    foreign = add(other, "paragraph", "Not yours")
    note = MastheadNote.objects.create(document=other, position=1, text_en="Theirs")
    client = as_user(ccm_officer)
    assert client.get(url(document), {"edit": f"block-{foreign.pk}"}).status_code == 404
    assert client.post(url(document, f"blocks/{foreign.pk}/"),
                       {"text_en": "Hijacked"}).status_code == 404
    assert client.post(url(document, f"notes/{note.pk}/delete/"), {}).status_code == 404
    assert client.post(url(document, "blocks/add/"), {"after": foreign.pk, "kind": "paragraph",
                                                      "text_en": "x"}).status_code == 404
    assert Block.objects.get(pk=foreign.pk).text_en == "Not yours"


def test_the_document_reads_numbered_in_both_languages(as_user, ccm_officer, document):
    page = as_user(ccm_officer).get(url(document)).content.decode()
    body = page.split('id="blocks"')[1]
    for number in ("I.", "一.", "II.", "二.", "1.", "(a)", "(i)", "2.", "3."):
        assert f'<span class="number">{number}</span>' in body
    # Footnotes are numbered through the document: at their markers, or after the text.
    assert 'The ISU reports<sup class="fnref">1</sup>.' in body
    assert 'Figures<sup class="fnref">2</sup> follow<sup class="fnref">3</sup>:' in body
    assert 'Budget.<sup class="fnref">4</sup>' in body and '<li value="4">Four</li>' in body
    assert '<th scope="col">Amount</th>' in body and "<td>100</td>" in body
    assert '<span class="bullet-mark" aria-hidden="true">•</span>a bullet' in body
    untranslated = body.split(f'id="block-{block(document, "Figures[^] follow[^]:").pk}"')[1]
    assert "Translation missing" in untranslated.split('class="actions"')[0]
    masthead = page.split('id="masthead"')[1]
    assert "年度报告" in masthead and "Annual report" in masthead
    assert '<span class="number">*</span> Late submission' in page


def test_a_block_is_saved_without_javascript(as_user, ccm_officer, document):
    client = as_user(ccm_officer)
    row = block(document, "first point")
    data = opened_form(client, document, f"block-{row.pk}") | {"text_en": "First point"}
    response = client.post(url(document, f"blocks/{row.pk}/"), data)
    assert response.status_code == 302 and response["Location"].endswith(f"#block-{row.pk}")
    assert Block.objects.get(pk=row.pk).text_en == "First point"


def test_with_htmx_a_save_answers_the_block_alone_in_few_queries(as_user, ccm_officer,
                                                                  document):
    client = as_user(ccm_officer)
    row = block(document, "Figures[^] follow[^]:")
    form = client.get(url(document, f"blocks/{row.pk}/edit/"), **HTMX)
    assert form.content.decode().startswith('<div class="row editing"')
    data = opened_form(client, document, f"block-{row.pk}") | {
        "text_en": "Figures[^] are below[^]:"}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url(document, f"blocks/{row.pk}/"), data, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and body.startswith('<div class="row block')
    assert ('<span class="number">2.</span> Figures<sup class="fnref">2</sup> are below'
            '<sup class="fnref">3</sup>:') in body
    assert len(response.content) < 10_000
    assert len(queries) <= 15


def test_a_change_of_kind_or_footnotes_shows_the_page_again(as_user, ccm_officer, document):
    client = as_user(ccm_officer)
    row = block(document, "a bullet")
    data = opened_form(client, document, f"block-{row.pk}") | {"kind": "subparagraph"}
    response = client.post(url(document, f"blocks/{row.pk}/"), data, **HTMX)
    assert response.status_code == 204 and response["HX-Refresh"] == "true"
    assert Block.objects.get(pk=row.pk).kind == "subparagraph"


def test_a_conflict_shows_both_texts_and_keeps_the_users(as_user, ccm_officer, document):
    client = as_user(ccm_officer)
    row = block(document, "first point")
    mine = opened_form(client, document, f"block-{row.pk}") | {"text_en": "Mine"}
    theirs = opened_form(client, document, f"block-{row.pk}") | {"text_en": "Theirs"}
    client.post(url(document, f"blocks/{row.pk}/"), theirs)
    response = client.post(url(document, f"blocks/{row.pk}/"), mine, **HTMX)
    body = response.content.decode()
    assert "changed by someone else" in body and "Theirs" in body and "\nMine</textarea>" in body
    assert Block.objects.get(pk=row.pk).text_en == "Theirs"
    kept = FormReader(f"block-{row.pk}")
    kept.feed(body)
    again = {name: values[0] for name, values in kept.data.items()}
    assert client.post(url(document, f"blocks/{row.pk}/"), again).status_code == 302
    assert Block.objects.get(pk=row.pk).text_en == "Mine"


def test_without_javascript_a_conflict_shows_the_page_with_both_texts(as_user, ccm_officer,
                                                                     document):
    client = as_user(ccm_officer)
    note = MastheadNote.objects.get(document=document)
    mine = opened_form(client, document, f"note-{note.pk}") | {"text_en": "Mine"}
    client.post(url(document, f"notes/{note.pk}/"),
                opened_form(client, document, f"note-{note.pk}") | {"text_en": "Theirs"})
    page = client.post(url(document, f"notes/{note.pk}/"), mine).content.decode()
    assert '<h1>' in page and "changed by someone else" in page
    assert "Theirs" in page and 'value="Mine"' in page
    assert MastheadNote.objects.get(pk=note.pk).text_en == "Theirs"


def test_saving_a_block_with_a_footnote_costs_a_few_queries_more(as_user, ccm_officer,
                                                                document):
    client = as_user(ccm_officer)
    row = block(document, "Budget.")
    note = row.footnotes.get()
    data = opened_form(client, document, f"block-{row.pk}") | {
        "text_en": "The budget.", f"fn-{note.pk}-text_en": "Four, corrected"}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url(document, f"blocks/{row.pk}/"), data, **HTMX)
    assert "Four, corrected" in response.content.decode()
    assert len(queries) <= 15 + 4  # each further row saved: its two record checks, the
    # update and its history


def test_masthead_footnotes_are_added_and_edited(as_user, ccm_officer, document):
    client = as_user(ccm_officer)
    page = client.get(url(document), {"add": "note"}).content.decode()
    assert "New masthead footnote" in page
    response = client.post(url(document, "notes/add/"), {"text_en": "Not formally edited",
                                                          "text_zh_hans": "未经正式编辑"})
    new = MastheadNote.objects.get(text_en="Not formally edited")
    assert response["Location"].endswith(f"#note-{new.pk}")
    data = opened_form(client, document, f"note-{new.pk}") | {"text_en": "Not edited"}
    body = client.post(url(document, f"notes/{new.pk}/"), data, **HTMX).content.decode()
    assert '<span class="number">**</span> Not edited' in body


def test_footnote_markers_that_do_not_match_are_explained(as_user, ccm_officer, document):
    client = as_user(ccm_officer)
    row = block(document, "Budget.")
    data = opened_form(client, document, f"block-{row.pk}") | {"text_en": "Budget[^] and[^]."}
    body = client.post(url(document, f"blocks/{row.pk}/"), data).content.decode()
    assert "The English text has 2 footnote markers [^] for 1 footnotes." in body
    assert "Budget[^] and[^].</textarea>" in body
    assert Block.objects.get(pk=row.pk).text_en == "Budget."


def test_a_block_is_added_after_another_without_javascript(as_user, ccm_officer, document):
    client = as_user(ccm_officer)
    first = block(document, "The ISU reports[^].")
    detail = block(document, "detail")
    page = client.get(url(document), {"add": "block", "after": detail.pk}).content.decode()
    assert "New body block" in page and '<option value="subparagraph">' in page
    response = client.post(url(document, "blocks/add/"), {
        "after": detail.pk, "kind": "subparagraph", "level": "1", "numbered": "on",
        "text_en": "second point", "text_zh_hans": "第二点"})
    new = block(document, "second point")
    assert response.status_code == 302 and response["Location"].endswith(f"#block-{new.pk}")
    order = list(Block.objects.filter(document=document).order_by("position")
                 .values_list("text_en", flat=True))
    assert order[1:5] == [first.text_en, "first point", "detail", "second point"]
    page = client.get(url(document)).content.decode()
    assert '<span class="number">(b)</span> second point' in page


def test_a_refused_addition_says_why_and_keeps_the_text(as_user, ccm_officer, document):
    client = as_user(ccm_officer)
    chapter = block(document, "Finance")
    body = client.post(url(document, "blocks/add/"), {
        "after": chapter.pk, "kind": "bullet", "level": "1", "text_en": "Misplaced"}
    ).content.decode()
    assert "A sub-paragraph or bullet must follow a paragraph." in body
    assert "Misplaced</textarea>" in body
    assert not Block.objects.filter(text_en="Misplaced").exists()


def test_blocks_move_and_a_refused_move_says_why(as_user, ccm_officer, document):
    client = as_user(ccm_officer)
    paragraph = block(document, "The ISU reports[^].")
    response = client.post(url(document, f"blocks/{paragraph.pk}/move/"),
                           {"direction": "down"}, follow=True)
    assert "A sub-paragraph or bullet must follow a paragraph." in response.content.decode()
    chapter = block(document, "Finance")
    client.post(url(document, f"blocks/{chapter.pk}/move/"), {"direction": "up"})
    order = list(Block.objects.filter(document=document).order_by("position")
                 .values_list("text_en", flat=True))
    assert order[5:8] == ["Figures[^] follow[^]:", "Finance", "Year | Amount\n2018 | 100"]


def test_a_deletion_is_confirmed_with_the_footnotes_that_go(as_user, ccm_officer, document):
    client = as_user(ccm_officer)
    row = block(document, "Figures[^] follow[^]:")
    page = client.get(url(document), {"delete": f"block-{row.pk}"}).content.decode()
    assert "Delete this body block?" in page and "Its 2 footnotes go with it." in page
    version = re.search(r'name="version" value="([0-9a-f]+)"', page).group(1)
    response = client.post(url(document, f"blocks/{row.pk}/delete/"), {"version": version},
                           follow=True)
    assert "Deleted." in response.content.decode()
    assert not Block.objects.filter(pk=row.pk).exists()
    assert not Footnote.objects.filter(text_en__in=["Two", "Three"]).exists()


def test_the_masthead_is_edited_in_place(as_user, ccm_officer, document):
    client = as_user(ccm_officer)
    form = client.get(url(document, "masthead/edit/"), **HTMX).content.decode()
    assert form.startswith('<div class="row editing" id="masthead">')
    data = opened_form(client, document, "masthead") | {"subtitle_en": "Draft for comments"}
    response = client.post(url(document, "masthead/"), data, **HTMX)
    assert "Draft for comments" in response.content.decode()
    assert Document.objects.get(pk=document.pk).subtitle_en == "Draft for comments"


def test_the_masthead_takes_its_date_and_the_languages_ticked(as_user, ccm_officer, document):
    client = as_user(ccm_officer)
    data = opened_form(client, document, "masthead")
    assert data["languages"] == ["zh-hans", "en"]
    data |= {"submitted_on": "2018-06-01", "languages": ["fr", "en", "zh-hans"]}
    shown = client.post(url(document, "masthead/"), data, **HTMX).content.decode()
    assert "1 June 2018" in shown and "Chinese, English, French" in shown
    stored = Document.objects.get(pk=document.pk)
    assert (stored.submitted_on, stored.languages) == (date(2018, 6, 1), ["zh-hans", "en", "fr"])
    with_a_typed_list = data | {"languages": "zh-hans, en"}
    refused = client.post(url(document, "masthead/"), with_a_typed_list, **HTMX).content.decode()
    assert "is not one of the available choices" in refused


def test_an_issued_document_is_read_only(as_user, ccm_officer, document):
    factories.issue(document)
    client = as_user(ccm_officer)
    row = block(document, "Budget.")
    page = client.get(url(document), {"edit": f"block-{row.pk}"}).content.decode()
    assert f"{document.symbol} is issued" in page and "corrigendum (Corr.)" in page
    outline = page.split('id="outline"')[1]
    assert "<textarea" not in outline and 'form="moves"' not in page and "?edit=" not in outline
    assert "hx-get" not in outline and "Add after" not in outline
    response = client.post(url(document, f"blocks/{row.pk}/"), {"text_en": "x"}, follow=True)
    assert "is issued and never changes" in response.content.decode()
    assert Block.objects.get(pk=row.pk).text_en == "Budget."


def test_a_work_plans_document_sends_to_its_plan(as_user, ccm_officer, ccm):
    meeting = factories.meeting("CCM", "msp", 7)
    plan = factories.plan("CCM", 2018, document=factories.document(meeting, number=4,
                                                                   body="work_plan"))
    page = as_user(ccm_officer).get(url(plan.document)).content.decode()
    assert "text is its work plan" in page and f'href="/workspace/plans/{plan.pk}/"' in page
    assert 'id="blocks"' not in page


def test_the_workspace_lists_unissued_narrative_documents_with_a_link(as_user, ccm_officer,
                                                                    document):
    issued = factories.document(document.meeting, number=9)
    page = as_user(ccm_officer).get("/workspace/").content.decode()
    assert f'href="/workspace/documents/{document.pk}/"' in page
    assert f'href="/workspace/documents/{issued.pk}/"' not in page


def test_the_page_runs_a_fixed_number_of_queries(as_user, ccm_officer, ccm):
    client = as_user(ccm_officer)
    meeting = factories.meeting("CCM", "msp", 8)
    small = factories.document(meeting, number=1, issued=False, blocks=[("One", ["n"])])
    large = factories.document(meeting, number=2, issued=False,
                               blocks=[(f"Paragraph {i}[^]", [f"Note {i}"]) for i in range(40)])
    MastheadNote.objects.create(document=large, position=1, text_en="Late")
    counts = queries_on_second_visit(client, url(small), url(large))
    assert counts[0] == counts[1] <= 12


def test_the_page_works_in_chinese(as_user, ccm_officer, document):
    client = as_user(ccm_officer)
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": url(document)})
    page = client.get(url(document)).content.decode()
    assert '<html lang="zh-hans">' in page and "报头" in page and "一." in page


def test_the_order_service_agrees_with_the_page(document):
    numbers = editing.block_numbers(document.pk)
    assert numbers[block(document, "detail").pk][0] == {"zh-hans": "(i)", "en": "(i)"}
    assert numbers[block(document, "Budget.").pk] == ({"zh-hans": "3.", "en": "3."}, 4)
