"""Editing a document's masthead and body one row at a time, without any view: scope, lock,
ownership, conflicts, the body's order, the footnote markers, nothing half-saved."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from lib import editing as generic
from meetings import editing
from meetings.models import Block, Document, Footnote, MastheadNote
from tests import factories
from workplans import editing as plan_editing


def opened(row, **changes):
    """A row's form as it was opened (a block with its footnotes), with some fields changed."""
    if isinstance(row, Block):
        edit = editing.BlockEdit(row)
        forms = [edit.form, *edit.footnotes, edit.new_footnote]
    elif isinstance(row, Document):
        forms = [editing.masthead_form_class()(instance=row)]
    else:
        forms = [editing.note_form_class()(instance=row)]
    values = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if isinstance(value, bool):
                value = "on" if value else ""
            values[form[name].html_name] = "" if value is None else value
    if isinstance(row, Block):
        values["footnote"] = [str(note.pk) for note in row.footnotes.all()]
    return values | changes


def add(document, kind, text, level=1, notes=(), numbered=True):
    """A block put at the end of a document not yet issued (as the admin would)."""
    position = document.blocks.count() + 1
    block = Block.objects.create(document=document, kind=kind, level=level, text_en=text,
                                 position=position, numbered=numbered)
    for index, note in enumerate(notes, start=1):
        Footnote.objects.create(block=block, position=index, text_en=note)
    return block


def texts(document):
    return list(Block.objects.filter(document=document).order_by("position", "id")
                .values_list("text_en", flat=True))


@pytest.fixture
def document(ccm):
    meeting = factories.meeting("CCM", "msp", 8)
    document = factories.document(meeting, number=3, issued=False)
    add(document, "chapter", "Introduction")
    add(document, "paragraph", "The ISU reports.[^]", notes=["Footnote one"])
    add(document, "subparagraph", "first point")
    add(document, "subparagraph", "second point")
    add(document, "paragraph", "Closing[^] words[^]", notes=["Two", "Three"])
    MastheadNote.objects.create(document=document, position=1, text_en="Late submission")
    return document


def block(document, text):
    return Block.objects.get(document=document, text_en=text)


def test_an_officer_saves_a_block_and_its_footnotes(document, ccm_officer):
    row = block(document, "The ISU reports.[^]")
    note = row.footnotes.get()
    data = opened(row, text_en="The ISU reported.[^]", text_zh_hans="执行支助股报告。[^]")
    data[f"fn-{note.pk}-text_zh_hans"] = "脚注一"
    saved, edit = editing.save_row(ccm_officer, document.pk, "block", row.pk, data)
    assert not edit.errors
    row.refresh_from_db()
    assert (row.text_en, row.text_zh_hans) == ("The ISU reported.[^]", "执行支助股报告。[^]")
    assert Footnote.objects.get(pk=note.pk).text_zh_hans == "脚注一"


def test_another_conventions_officer_finds_nothing(document, apmbc_officer):
    row = block(document, "first point")
    with pytest.raises(Http404):
        editing.save_row(apmbc_officer, document.pk, "block", row.pk, opened(row, text_en="x"))
    with pytest.raises(Http404):
        editing.move_row(apmbc_officer, document.pk, "block", row.pk, "up")
    with pytest.raises(Http404):
        editing.save_masthead(apmbc_officer, document.pk, opened(document, title_en="x"))
    assert block(document, "first point")


def test_rows_of_another_document_are_not_found_through_this_one(document, ccm_officer):
    other = factories.document(document.meeting, number=4, issued=False)
    foreign = add(other, "paragraph", "Not yours", notes=["Theirs"])
    note = MastheadNote.objects.create(document=other, position=1, text_en="Their note")
    with pytest.raises(Http404):
        editing.save_row(ccm_officer, document.pk, "block", foreign.pk,
                         opened(foreign, text_en="Hijacked"))
    with pytest.raises(Http404):
        editing.delete_row(ccm_officer, document.pk, "note", note.pk, editing.row_version(note))
    with pytest.raises(Http404):
        editing.add_row(ccm_officer, document.pk, "block", {"kind": "paragraph",
                        "text_en": "x", "level": 1}, after=foreign.pk)
    # A footnote of another block listed in this block's form is as good as missing too.
    mine = block(document, "first point")
    with pytest.raises(Http404):
        editing.save_row(ccm_officer, document.pk, "block", mine.pk,
                         opened(mine, footnote=[str(foreign.footnotes.get().pk)]))
    assert Block.objects.get(pk=foreign.pk).text_en == "Not yours"
    assert MastheadNote.objects.filter(pk=note.pk).exists()


def test_an_issued_document_takes_no_change(document, ccm_officer):
    row = block(document, "first point")
    factories.issue(document)
    with pytest.raises(PermissionDenied, match="is issued"):
        editing.save_row(ccm_officer, document.pk, "block", row.pk, opened(row, text_en="x"))
    with pytest.raises(PermissionDenied, match="is issued"):
        editing.add_row(ccm_officer, document.pk, "note", {"text_en": "x"})
    with pytest.raises(PermissionDenied, match="is issued"):
        editing.save_masthead(ccm_officer, document.pk, opened(document, title_en="x"))
    assert Block.objects.get(pk=row.pk).text_en == "first point"


def test_a_work_plans_document_has_no_body_to_edit_here(ccm, ccm_officer):
    meeting = factories.meeting("CCM", "msp", 8)
    document = factories.document(meeting, number=4, body="work_plan")
    with pytest.raises(PermissionDenied, match="work plan"):
        editing.add_row(ccm_officer, document.pk, "block", {"kind": "paragraph", "text_en": "x",
                                                            "level": 1})
    assert not document.blocks.exists()


def test_the_second_of_two_saves_of_a_block_is_a_conflict_with_both_texts(document,
                                                                         ccm_officer):
    row = block(document, "first point")
    mine, theirs = opened(row, text_en="Mine"), opened(row, text_en="Theirs")
    editing.save_row(ccm_officer, document.pk, "block", row.pk, theirs)
    with pytest.raises(editing.Conflict) as conflict:
        editing.save_row(ccm_officer, document.pk, "block", row.pk, mine)
    assert conflict.value.row.text_en == "Theirs"
    assert conflict.value.form.form["text_en"].value() == "Mine"
    assert Block.objects.get(pk=row.pk).text_en == "Theirs"
    # The form kept carries the version now stored: saving it again keeps the user's text.
    editing.save_row(ccm_officer, document.pk, "block", row.pk, conflict.value.form.form.data)
    assert Block.objects.get(pk=row.pk).text_en == "Mine"


def test_a_footnote_changed_meanwhile_makes_its_block_a_conflict(document, ccm_officer):
    row = block(document, "The ISU reports.[^]")
    seen = opened(row, text_en="Changed.[^]")
    Footnote.objects.filter(block=row).update(text_en="Someone else's note")
    with pytest.raises(editing.Conflict) as conflict:
        editing.save_row(ccm_officer, document.pk, "block", row.pk, seen)
    assert [n.text_en for n in conflict.value.row.footnotes.all()] == ["Someone else's note"]
    assert Block.objects.get(pk=row.pk).text_en == "The ISU reports.[^]"


def test_two_people_editing_different_blocks_both_succeed(document, ccm_officer, ccm_head):
    first, second = block(document, "first point"), block(document, "second point")
    one, two = opened(first, text_en="One"), opened(second, text_en="Two")
    editing.save_row(ccm_officer, document.pk, "block", first.pk, one)
    editing.save_row(ccm_head, document.pk, "block", second.pk, two)
    assert texts(document)[2:4] == ["One", "Two"]


def test_a_sub_paragraph_must_follow_a_paragraph(document, ccm_officer):
    chapter = block(document, "Introduction")
    new, edit = editing.add_row(ccm_officer, document.pk, "block",
                                {"kind": "subparagraph", "level": "1", "numbered": "on",
                                 "text_en": "Orphan", "text_zh_hans": ""}, after=chapter.pk)
    assert new is None
    assert "A sub-paragraph or bullet must follow a paragraph." in edit.form.non_field_errors()
    assert "Orphan" not in texts(document)


def test_moving_a_paragraph_away_from_its_sub_paragraphs_is_refused(document, ccm_officer):
    paragraph = block(document, "The ISU reports.[^]")
    with pytest.raises(ValidationError) as refusal:
        editing.move_row(ccm_officer, document.pk, "block", paragraph.pk, "down")
    assert "A sub-paragraph or bullet must follow a paragraph." in refusal.value.messages
    assert texts(document)[1:3] == ["The ISU reports.[^]", "first point"]
    # A move that keeps the order is taken.
    editing.move_row(ccm_officer, document.pk, "block", block(document, "second point").pk, "up")
    assert texts(document)[2:4] == ["second point", "first point"]


def test_a_change_of_kind_that_breaks_the_order_is_refused(document, ccm_officer):
    paragraph = block(document, "The ISU reports.[^]")
    _row, edit = editing.save_row(ccm_officer, document.pk, "block", paragraph.pk,
                                  opened(paragraph, kind="heading"))
    assert "A sub-paragraph or bullet must follow a paragraph." in edit.form.non_field_errors()
    assert Block.objects.get(pk=paragraph.pk).kind == "paragraph"
    second = block(document, "second point")
    _row, edit = editing.save_row(ccm_officer, document.pk, "block", second.pk,
                                  opened(second, level="2"))
    assert not edit.errors  # (i) after (a)
    first = block(document, "first point")
    _row, edit = editing.save_row(ccm_officer, document.pk, "block", first.pk,
                                  opened(first, level="2"))
    assert "A sub-paragraph (i) must follow a sub-paragraph (a)." in edit.form.non_field_errors()


def test_deleting_a_paragraph_that_leads_sub_paragraphs_is_refused(document, ccm_officer):
    paragraph = block(document, "The ISU reports.[^]")
    with pytest.raises(ValidationError, match="must follow a paragraph"):
        editing.delete_row(ccm_officer, document.pk, "block", paragraph.pk,
                           editing.row_version(paragraph))
    assert Footnote.objects.filter(block=paragraph).exists()
    last = block(document, "Closing[^] words[^]")
    editing.delete_row(ccm_officer, document.pk, "block", last.pk, editing.row_version(last))
    assert not Footnote.objects.filter(text_en__in=["Two", "Three"]).exists()
    assert list(Block.objects.filter(document=document).order_by("position")
                .values_list("position", flat=True)) == [1, 2, 3, 4]


def test_a_section_a_is_written_before_its_b_but_not_issued_without_it(document, ccm_officer):
    chapter = block(document, "Introduction")
    new, edit = editing.add_row(ccm_officer, document.pk, "block",
                                {"kind": "section", "level": "1", "numbered": "on",
                                 "text_en": "Background"}, after=chapter.pk)
    assert new is not None and not edit.errors
    warnings = editing.body_warnings(Block.objects.filter(document=document)
                                     .order_by("position", "id"))
    assert warnings == {new.pk: ["A section A. needs a section B."]}
    with pytest.raises(ValidationError):
        factories.issue(Document.objects.get(pk=document.pk))


def test_footnote_markers_must_match_the_footnotes_in_each_language(document, ccm_officer):
    row = block(document, "The ISU reports.[^]")
    _row, edit = editing.save_row(ccm_officer, document.pk, "block", row.pk,
                                  opened(row, text_en="Two markers[^][^]"))
    assert "2 footnote markers [^] for 1 footnotes" in str(edit.form.errors["text_en"])
    # Deleting the footnote while its marker stays is refused too.
    note = row.footnotes.get()
    _row, edit = editing.save_row(ccm_officer, document.pk, "block", row.pk,
                                  opened(row, **{f"fn-{note.pk}-DELETE": "on"}))
    assert "footnote markers" in str(edit.form.errors["text_en"])
    assert Footnote.objects.filter(pk=note.pk).exists()
    # A Chinese text that marks none of them is fine: the numbers follow it.
    _row, edit = editing.save_row(ccm_officer, document.pk, "block", row.pk,
                                  opened(row, text_zh_hans="执行支助股报告。"))
    assert not edit.errors
    # Adding a footnote with its marker.
    row = block(document, "The ISU reports.[^]")
    _row, edit = editing.save_row(ccm_officer, document.pk, "block", row.pk, opened(
        row, text_en="The ISU reports.[^] More.[^]", **{"fn-new-text_en": "A new note"}))
    assert not edit.errors and "footnotes" in edit.changed_data
    assert list(row.footnotes.order_by("position").values_list("text_en", "position")) == [
        ("Footnote one", 1), ("A new note", 2)]


def test_bad_input_is_explained_and_nothing_is_half_saved(document, ccm_officer):
    row = block(document, "Closing[^] words[^]")
    first, second = row.footnotes.order_by("position")
    data = opened(row, text_en="Closing[^] remarks[^]", **{
        f"fn-{first.pk}-text_en": "Changed", f"fn-{second.pk}-text_en": "x" * 2001})
    _row, edit = editing.save_row(ccm_officer, document.pk, "block", row.pk, data)
    assert edit.errors
    assert "at most 2000 characters" in str(edit.footnotes[1].errors)
    assert Block.objects.get(pk=row.pk).text_en == "Closing[^] words[^]"
    assert Footnote.objects.get(pk=first.pk).text_en == "Two"
    # A block left without text in either language is refused, with the model's message.
    _row, edit = editing.save_row(ccm_officer, document.pk, "block", row.pk,
                                  opened(row, text_en="", text_zh_hans=""))
    assert "in Chinese or in English" in str(edit.form.errors)
    # A table's rows need the same number of cells.
    new, edit = editing.add_row(ccm_officer, document.pk, "block",
                                {"kind": "table", "level": "1", "text_en": "a | b\nc"})
    assert new is None and "same number of cells" in str(edit.form.errors)
    assert Block.objects.filter(document=document).count() == 5


def test_a_block_is_added_before_a_sibling_with_its_footnote(document, ccm_officer):
    closing = block(document, "Closing[^] words[^]")
    new, edit = editing.add_row(ccm_officer, document.pk, "block", {
        "kind": "paragraph", "level": "1", "numbered": "on", "text_en": "Inserted[^]",
        "text_zh_hans": "插入[^]", "fn-new-text_en": "Its note"}, before=closing.pk)
    assert not edit.errors
    assert texts(document)[4:] == ["Inserted[^]", "Closing[^] words[^]"]
    assert [n.text_en for n in new.footnotes.all()] == ["Its note"]
    numbers = editing.block_numbers(document.pk)
    assert numbers[new.pk] == ({"zh-hans": "2.", "en": "2."}, 2)
    assert numbers[closing.pk] == ({"zh-hans": "3.", "en": "3."}, 3)


def test_the_masthead_is_saved_as_one_form_and_conflicts_are_kept(document, ccm_officer):
    data = opened(document, title_en="Annual report", title_zh_hans="年度报告",
                  submitted_by_zh_hans="执行支助股")
    _document, form = editing.save_masthead(ccm_officer, document.pk, data)
    assert not form.errors
    document.refresh_from_db()
    assert (document.title_en, document.title_zh_hans) == ("Annual report", "年度报告")
    with pytest.raises(editing.Conflict):
        editing.save_masthead(ccm_officer, document.pk, data | {"title_en": "Stale"})
    _document, form = editing.save_masthead(ccm_officer, document.pk, opened(
        document, title_en="", title_zh_hans=""))
    assert "in Chinese or in English" in str(form.errors)
    assert Document.objects.get(pk=document.pk).title_en == "Annual report"


def test_masthead_footnotes_are_added_moved_and_deleted(document, ccm_officer):
    first = MastheadNote.objects.get(document=document)
    new, form = editing.add_row(ccm_officer, document.pk, "note",
                                {"text_en": "Not formally edited"}, before=first.pk)
    assert not form.errors
    editing.move_row(ccm_officer, document.pk, "note", new.pk, "down")
    assert list(document.masthead_notes.values_list("text_en", flat=True)) == [
        "Late submission", "Not formally edited"]
    editing.delete_row(ccm_officer, document.pk, "note", first.pk, editing.row_version(first))
    assert list(document.masthead_notes.values_list("text_en", "position")) == [
        ("Not formally edited", 1)]


def test_a_row_changed_since_it_was_shown_is_not_deleted(document, ccm_officer):
    row = block(document, "second point")
    seen = editing.row_version(row)
    editing.save_row(ccm_officer, document.pk, "block", row.pk, opened(row, text_en="Changed"))
    with pytest.raises(editing.Conflict):
        editing.delete_row(ccm_officer, document.pk, "block", row.pk, seen)
    assert Block.objects.filter(pk=row.pk).exists()


def test_the_generic_pieces_are_shared_with_work_plans():
    assert plan_editing.version_of is generic.version_of
    assert plan_editing.Conflict is generic.Conflict is editing.Conflict
    assert issubclass(plan_editing.RowForm, generic.RowForm)
    assert plan_editing.renumber is generic.renumber
