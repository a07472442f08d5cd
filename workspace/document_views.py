"""The workspace's page of an official document: its masthead, masthead footnotes and body
blocks, numbered as they will read, edited in place one row per request.

As on the plan page (workspace/views.py), every action works as an ordinary form and redirect;
with htmx (a static file) a row is edited in place and only that row travels. All writes go
through meetings/editing.py.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.languages import UN_LANGUAGES, series
from lib.params import whole_number
from lib.translated_fields import (
    LANGUAGE_CODES,
    localized,
    missing_languages,
    values_by_language,
)
from meetings import editing
from meetings.body import block_labels, number_blocks
from meetings.models import Block, Document, MastheadNote, table_rows
from workplans.models import WorkPlan
from workspace.views import refused, staff_only

KINDS = tuple(editing.ROW_MODELS)
MASTHEAD = ("title", "subtitle", "submitted_by")  # in the masthead's order
MARKER = Block.FOOTNOTE_MARKER


# -- what the page shows --------------------------------------------------------------------

@dataclass
class Footnote:
    number: int
    row: object
    texts: dict  # language → text
    missing: list


@dataclass
class BlockNode:
    row: Block
    numbers: dict  # language → number as printed ("I." / "一.", "A.", "12.", "(a)", "(i)")
    texts: dict  # language → {"text": markup} or, for a table, {"cells": rows, "after": markup}
    missing: list
    footnotes: list
    first_footnote: int = 1  # the number a footnote added to the block would take
    warnings: list = field(default_factory=list)
    kind = "block"

    @property
    def anchor(self):
        return f"block-{self.row.pk}"

    @property
    def label(self):
        return self.row.get_kind_display()

    @property
    def translated(self):
        return not self.missing and not any(note.missing for note in self.footnotes)

    @property
    def noun(self):
        return Block._meta.verbose_name

    @property
    def number_text(self):
        """The number as each language prints it, once where they agree: "I. / 一.", "3."."""
        return " / ".join(dict.fromkeys(n for n in self.numbers.values() if n))

    @property
    def plain(self):
        return values_by_language(self.row, "text")


@dataclass
class NoteNode:
    row: MastheadNote
    mark: str  # *, **, ***
    texts: dict
    missing: list
    kind = "note"

    @property
    def anchor(self):
        return f"note-{self.row.pk}"

    @property
    def label(self):
        return MastheadNote._meta.verbose_name

    @property
    def translated(self):
        return not self.missing

    @property
    def noun(self):
        return MastheadNote._meta.verbose_name

    @property
    def plain(self):
        return self.texts


def _sup(number):
    return format_html('<sup class="fnref">{}</sup>', number)


def _mark(text, numbers):
    """The text with the next footnote numbers at its [^] markers (a marker left without a
    footnote stays as it is)."""
    pieces = text.split(MARKER)
    out = [escape(pieces[0])]
    for piece in pieces[1:]:
        number = next(numbers, None)
        out += [_sup(number) if number is not None else escape(MARKER), escape(piece)]
    return mark_safe("".join(str(part) for part in out))


def _block_texts(block, numbers):
    """{language: markup}: footnote numbers at the markers, or after the text where it has
    none; a table as rows of cells."""
    texts = {}
    for code in LANGUAGE_CODES:
        text = getattr(block, localized("text", code)) or ""
        left = iter(numbers)
        if block.kind == Block.Kind.TABLE:
            cells = [[_mark(cell, left) for cell in row] for row in table_rows(text)]
            after = list(left) if text else []
            texts[code] = {"cells": cells,
                           "after": mark_safe("".join(str(_sup(n)) for n in after))}
        else:
            markup = _mark(text, left)
            after = list(left) if text else []
            texts[code] = {"text": mark_safe(markup + "".join(str(_sup(n)) for n in after))}
    return texts


def block_node(block, numbers, first_footnote, warnings=()):
    notes = [Footnote(first_footnote + index, note, values_by_language(note, "text"),
                      missing_languages(note, "text"))
             for index, note in enumerate(block.footnotes.all())]
    return BlockNode(block, numbers, _block_texts(block, [n.number for n in notes]),
                     missing_languages(block, "text"), notes, first_footnote, list(warnings))


def body_nodes(document):
    """The document's blocks numbered as meetings/body.py numbers them, with the problems of
    the body's order at the blocks they concern."""
    blocks = number_blocks(document.blocks.all())
    warnings = editing.body_warnings(blocks)
    nodes, first = [], 1
    for block in blocks:
        nodes.append(block_node(block, block_labels(block), first, warnings.get(block.pk, ())))
        first += len(block.footnotes.all())
    return nodes


def note_node(note, index):
    return NoteNode(note, "*" * index, values_by_language(note, "text"),
                    missing_languages(note, "text"))


def one_block_node(document_id, block):
    """One block's node, numbered as the document now numbers it (one query)."""
    numbers, first = editing.block_numbers(document_id).get(block.pk, ({}, 1))
    return block_node(block, numbers, first)


def one_note_node(document_id, note):
    ids = list(MastheadNote.objects.filter(document=document_id).order_by("position", "id")
               .values_list("pk", flat=True))
    return note_node(note, ids.index(note.pk) + 1 if note.pk in ids else 1)


def masthead_texts(document):
    """[(label, {language: text}, missing languages)] of the masthead."""
    return [(Document._meta.get_field(name).verbose_name, values_by_language(document, name),
             missing_languages(document, name))
            for name in MASTHEAD]


def masthead_settings(document):
    """[(label, text)] of the masthead's date and the languages the document is issued in, as
    the page's language writes them; "" where there is none."""
    names = dict(UN_LANGUAGES)
    return [
        (Document._meta.get_field("submitted_on").verbose_name,
         formats.date_format(document.submitted_on, "DATE_FORMAT")
         if document.submitted_on else ""),
        (Document._meta.get_field("languages").verbose_name,
         series(names.get(code, code) for code in document.languages or [])),
    ]


def their_texts(row):
    """[(label, {language: text})] of a row as someone else saved it."""
    if isinstance(row, Document):
        return [(label, values) for label, values, _missing in masthead_texts(row)]
    texts = [(type(row)._meta.get_field("text").verbose_name, values_by_language(row, "text"))]
    if isinstance(row, Block):
        texts += [(_("Footnote"), values_by_language(note, "text"))
                  for note in row.footnotes.all()]
    return texts


# -- forms as the templates show them ---------------------------------------------------------

def block_form_parts(edit, first_footnote=1):
    """A BlockEdit's fields grouped as the form shows them: settings, the text in each language,
    each footnote in each language, a new footnote."""
    form = edit.form

    def pair(one, name):
        return [(code, one[localized(name, code)]) for code in LANGUAGE_CODES]

    return {
        "edit": edit, "form": form, "settings": [form[name] for name in editing.ORDER_FIELDS],
        "texts": pair(form, "text"),
        "footnotes": [(first_footnote + index, one.instance.pk, pair(one, "text"), one["DELETE"])
                      for index, one in enumerate(edit.footnotes)],
        "new_footnote": pair(edit.new_footnote, "text"),
        "next": first_footnote + len(edit.footnotes),
        "text_label": Block._meta.get_field("text").verbose_name,
    }


def text_pairs(form, names):
    """[(label, [(language, bound field)])] of a form's translated texts."""
    model = form._meta.model
    return [(model._meta.get_field(name).verbose_name,
             [(code, form[localized(name, code)]) for code in LANGUAGE_CODES])
            for name in names]


# -- the page ---------------------------------------------------------------------------------

def _page_url(document_id, anchor=""):
    return reverse("workspace:document-page", args=[document_id]) + (
        f"#{anchor}" if anchor else "")


def _visible(request, document_id):
    return editing.visible_document(request.user, document_id)


def _load(document_id):
    return (Document.objects.select_related("meeting__convention",
                                            "agenda_item__parent__parent")
            .prefetch_related("masthead_notes",
                              Prefetch("blocks", Block.objects.prefetch_related("footnotes")))
            .get(pk=document_id))


@staff_only
@require_GET
def page(request, document_id):
    """The whole document as it will read, numbered; one row open for editing (?edit=block-1,
    ?edit=note-1, ?edit=masthead), a new row's form (?add=block&after=1) or a deletion to
    confirm (?delete=block-1), without JavaScript."""
    _visible(request, document_id)
    return _page(request, document_id, opened=True)


def _page(request, document_id, status=200, opened=False, **extra):
    document = _load(document_id)
    refusal = editing.why_not_editable(document)
    narrative = document.body == Document.Body.NARRATIVE
    context = {
        "document": document, "document_id": document.pk, "codes": LANGUAGE_CODES,
        "editable": refusal is None,
        "narrative": narrative, "masthead": masthead_texts(document),
        "masthead_settings": masthead_settings(document),
        "notes": [note_node(note, index) for index, note in
                  enumerate(document.masthead_notes.all(), start=1)],
        "blocks": body_nodes(document) if narrative else [],
        "plan": (WorkPlan.objects.filter(document=document).order_by("-version").first()
                 if document.body == Document.Body.WORK_PLAN else None),
    }
    if opened and refusal is None:
        context |= _open_forms(request, document)
    context |= extra
    if context.get("editing"):
        kind, pk, form = context["editing"]
        if kind == "block":
            node = next((n for n in context["blocks"] if n.row.pk == pk), None)
            context["editing_parts"] = block_form_parts(form, node.first_footnote if node else 1)
        else:
            context["editing_pairs"] = text_pairs(form, ["text"])
    if context.get("editing_masthead"):
        context["masthead_pairs"] = text_pairs(context["editing_masthead"], MASTHEAD)
    return render(request, "workspace/document.html", context, status=status)


def _open_forms(request, document):
    """The form asked for in the address: the masthead or a row to edit, a row to add, a row
    to delete."""
    opened = {}
    what = request.GET.get("edit", "")
    if what == "masthead":
        opened["editing_masthead"] = editing.masthead_form_class()(instance=document)
    kind, _sep, row_id = what.partition("-")
    if kind in KINDS and whole_number(row_id, 1) is not None:
        row = editing.own_row(document, kind, whole_number(row_id, 1))
        opened["editing"] = (kind, row.pk, _form_of(kind, row))
    kind, _sep, row_id = request.GET.get("delete", "").partition("-")
    if kind in KINDS and whole_number(row_id, 1) is not None:
        row = editing.own_row(document, kind, whole_number(row_id, 1))
        opened["deleting"] = (kind, row.pk, _goes_with(row), editing.row_version(row))
    if request.GET.get("add") in KINDS:
        opened["adding"] = _adding(request.GET, document)
    return opened


def _form_of(kind, row, data=None):
    if kind == "block":
        return editing.BlockEdit(row, data)
    return editing.note_form_class()(data, instance=row)


def _goes_with(row):
    return len(row.footnotes.all()) if isinstance(row, Block) else 0


def _number(params, name):
    value = params.get(name, "")
    return whole_number(value, 1)


def _adding(params, document, kind=None, form=None):
    """A new row's form and where it goes: after or before a row of its kind, or last."""
    kind = kind or params.get("add")
    after, before = _number(params, "after"), _number(params, "before")
    if form is None:
        form = (editing.BlockEdit(Block(document=document)) if kind == "block"
                else editing.note_form_class()(instance=MastheadNote(document=document)))
    where = "after" if after else "before" if before else "end"
    place = f"{where}:{kind}-{after or before}" if after or before else f"end:{kind}"
    return {"kind": kind, "after": after, "before": before, "form": form, "place": place,
            "label": editing.model_of(kind)._meta.verbose_name,
            "anchor": f"{kind}-{after or before}" if after or before else f"{kind}s",
            "parts": block_form_parts(form) if kind == "block" else None,
            "pairs": text_pairs(form, ["text"]) if kind == "note" else None,
            "url": reverse(f"workspace:document-{kind}-add", args=[document.pk])}


# -- rows -------------------------------------------------------------------------------------

def _row_id(kwargs):
    return kwargs.get("block_id") or kwargs.get("note_id")


def _row_url(document_id, kind, row_id, action=""):
    name = f"workspace:document-{kind}" + (f"-{action}" if action else "")
    return reverse(name, args=[document_id, row_id])


def _row_response(request, document_id, kind, row, editable=True):
    if kind == "block":
        return render(request, "workspace/_block.html", {
            "node": one_block_node(document_id, row), "document_id": document_id,
            "editable": editable, "codes": LANGUAGE_CODES})
    return render(request, "workspace/document_note.html", {
        "node": one_note_node(document_id, row), "document_id": document_id,
        "editable": editable, "codes": LANGUAGE_CODES})


def _form_response(request, document_id, kind, row, form, conflict=None, status=200):
    """A row's form (with its errors, or with the other person's text beside the user's)."""
    context = {"document_id": document_id, "conflict": conflict,
               "theirs": their_texts(conflict.row) if conflict else None,
               "codes": LANGUAGE_CODES}
    if kind == "block":
        node = one_block_node(document_id, row)
        context |= {"node": node, "parts": block_form_parts(form, node.first_footnote)}
        template = "workspace/_block_form.html"
    else:
        context |= {"node": one_note_node(document_id, row), "form": form,
                    "pairs": text_pairs(form, ["text"])}
        template = "workspace/document_note_form.html"
    if request.htmx:
        return render(request, template, context, status=status)
    return _page(request, document_id, status=status, editing=(kind, row.pk, form),
                 conflict=conflict, theirs=context["theirs"])


def _refused(request, document_id, refusal):
    return refused(request, _page_url(document_id), refusal)


@staff_only
@require_GET
def edit_row(request, document_id, kind, **ids):
    """The form of one block (with its footnotes) or masthead footnote: htmx swaps it in place
    of the row."""
    document = _visible(request, document_id)
    refusal = editing.why_not_editable(document)
    if refusal:
        return _refused(request, document_id, refusal)
    row = editing.own_row(document, kind, _row_id(ids))
    return _form_response(request, document_id, kind, row, _form_of(kind, row))


@staff_only
@require_http_methods(["GET", "POST"])
def row(request, document_id, kind, **ids):
    """GET: the row as shown (cancel). POST: save it; htmx gets the row's new HTML, a plain form
    a redirect to the document."""
    row_id = _row_id(ids)
    if request.method == "GET":
        document = _visible(request, document_id)
        found = editing.own_row(document, kind, row_id)
        return _row_response(request, document_id, kind, found,
                             editable=editing.why_not_editable(document) is None)
    try:
        saved, form = editing.save_row(request.user, document_id, kind, row_id, request.POST)
    except editing.Conflict as conflict:
        return _form_response(request, document_id, kind, conflict.row, conflict.form,
                              conflict=conflict)
    except PermissionDenied as refusal:
        return _refused(request, document_id, refusal)
    except ValidationError as error:  # refused by the model layer (lib/records.py)
        return _refused(request, document_id, " ".join(error.messages))
    if form.errors:
        return _form_response(request, document_id, kind, saved, form)
    anchor = f"{kind}-{row_id}"
    if not request.htmx:
        return redirect(_page_url(document_id, anchor))
    if {*editing.ORDER_FIELDS, "footnotes"} & set(form.changed_data):
        # The numbers of other blocks or footnotes follow from this one: show the page again.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return _row_response(request, document_id, kind, saved)


@staff_only
@require_http_methods(["GET", "POST"])
def add_row(request, document_id, kind):
    """GET: a new row's form. POST: add the row where it was asked for."""
    document = _visible(request, document_id)
    refusal = editing.why_not_editable(document)
    if refusal:
        return _refused(request, document_id, refusal)
    params = request.POST if request.method == "POST" else request.GET
    if request.method == "GET":
        return render(request, "workspace/_block_add.html", {
            "adding": _adding(params, document, kind), "codes": LANGUAGE_CODES})
    try:
        new, form = editing.add_row(request.user, document_id, kind, request.POST,
                                    after=_number(params, "after"),
                                    before=_number(params, "before"))
    except PermissionDenied as refusal:
        return _refused(request, document_id, refusal)
    except ValidationError as error:
        return _refused(request, document_id, " ".join(error.messages))
    if new is None:
        adding = _adding(params, document, kind, form=form)
        if request.htmx:
            return render(request, "workspace/_block_add.html",
                          {"adding": adding, "codes": LANGUAGE_CODES})
        return _page(request, document_id, adding=adding)
    return redirect(_page_url(document_id, f"{kind}-{new.pk}"))


@staff_only
@require_POST
def move_row(request, document_id, kind, **ids):
    row_id = _row_id(ids)
    try:
        editing.move_row(request.user, document_id, kind, row_id, request.POST.get("direction"))
    except PermissionDenied as refusal:
        return _refused(request, document_id, refusal)
    except ValidationError as error:
        messages.error(request, _("Not moved: %(reason)s") % {"reason": " ".join(error.messages)})
    return redirect(_page_url(document_id, f"{kind}-{row_id}"))


@staff_only
@require_http_methods(["GET", "POST"])
def delete_row(request, document_id, kind, **ids):
    """GET: what goes with the row, to confirm. POST: delete it."""
    row_id = _row_id(ids)
    if request.method == "GET":
        document = _visible(request, document_id)
        refusal = editing.why_not_editable(document)
        if refusal:
            return _refused(request, document_id, refusal)
        found = editing.own_row(document, kind, row_id)
        node = (one_block_node(document_id, found) if kind == "block"
                else one_note_node(document_id, found))
        return render(request, "workspace/document_delete.html", {
            "node": node, "document_id": document_id, "goes_with": _goes_with(found),
            "version": editing.row_version(found)})
    try:
        editing.delete_row(request.user, document_id, kind, row_id, request.POST.get("version", ""))
    except editing.Conflict:
        messages.error(request, _("It was changed since you saw it: it was not deleted. Look at "
                                  "it again before deleting it."))
        return redirect(_page_url(document_id, f"{kind}-{row_id}"))
    except PermissionDenied as refusal:
        return _refused(request, document_id, refusal)
    except ValidationError as error:
        messages.error(request, _("Not deleted: %(reason)s") % {"reason": " ".join(error.messages)})
        return redirect(_page_url(document_id, f"{kind}-{row_id}"))
    messages.success(request, _("Deleted."))
    return redirect(_page_url(document_id, f"{kind}s"))


# -- the masthead -----------------------------------------------------------------------------

def _masthead_response(request, document, form=None, conflict=None, status=200):
    if form is None:
        return render(request, "workspace/document_masthead.html", {
            "document": document, "masthead": masthead_texts(document),
            "masthead_settings": masthead_settings(document),
            "editable": editing.why_not_editable(document) is None})
    context = {"document": document, "form": form, "conflict": conflict,
               "pairs": text_pairs(form, MASTHEAD),
               "theirs": their_texts(conflict.row) if conflict else None}
    if request.htmx:
        return render(request, "workspace/document_masthead_form.html", context, status=status)
    return _page(request, document.pk, status=status, editing_masthead=form, conflict=conflict,
                 theirs=context["theirs"])


@staff_only
@require_GET
def edit_masthead(request, document_id):
    document = _visible(request, document_id)
    refusal = editing.why_not_editable(document)
    if refusal:
        return _refused(request, document_id, refusal)
    return _masthead_response(request, document, editing.masthead_form_class()(instance=document))


@staff_only
@require_http_methods(["GET", "POST"])
def masthead(request, document_id):
    """GET: the masthead as shown (cancel). POST: save its texts."""
    if request.method == "GET":
        return _masthead_response(request, _visible(request, document_id))
    try:
        document, form = editing.save_masthead(request.user, document_id, request.POST)
    except editing.Conflict as conflict:
        return _masthead_response(request, conflict.row, conflict.form, conflict=conflict)
    except PermissionDenied as refusal:
        return _refused(request, document_id, refusal)
    except ValidationError as error:
        return _refused(request, document_id, " ".join(error.messages))
    if form.errors:
        return _masthead_response(request, document, form)
    if not request.htmx:
        return redirect(_page_url(document_id, "masthead"))
    return _masthead_response(request, document)
