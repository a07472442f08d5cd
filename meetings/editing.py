"""Editing an official document one row at a time: the one write path of the workspace's
document pages (its masthead, its masthead footnotes, its body blocks with their footnotes).

Every change checks, here and for every caller:
- scope: the user works for the convention of the document's meeting (else a 404);
- lock: the document is a narrative document not yet issued; an issued document never changes
  (lib/records.py refuses the same writes at the model layer): a change is issued as its
  Corr. or Rev.;
- ownership: a block, footnote or masthead footnote of this document only; any other id is a
  404;
- conflicts: a row carries the version it had when it was opened; a block's version covers its
  footnotes, which are edited with it. The second of two saves of the same row gets a
  `Conflict` with both texts;
- the body's order (meetings/body.py) after every change: a change that would put a
  sub-paragraph after a heading, an (i) after a paragraph… is refused with the rule's message.
  A section A. without its B. is shown as a warning only (a body is written one block at a
  time, and an A. comes before its B.); the document cannot be issued with one;
- the footnote markers: each language's text of a block marks all of its footnotes with [^],
  or none of them.

Invalid input gives the form back with its errors, and nothing is saved: every write runs in one
transaction, after every check.
"""

from types import SimpleNamespace

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isu.roles import may_edit
from lib.editing import (
    Conflict,
    RowForm,
    renumber,
    reordered,
    row_form_class,
    text_fields,
    version_of,
)
from lib.params import whole_number
from lib.translated_fields import LANGUAGE_CODES, localized, values_by_language
from meetings import body
from meetings.forms import LanguagesField
from meetings.models import DOCUMENT, Block, Document, Footnote, MastheadNote, why_issued

ROW_MODELS = {"block": Block, "note": MastheadNote}
ORDER_FIELDS = ("kind", "level", "numbered")


# -- checks ---------------------------------------------------------------------------------

def visible_document(user, document_id, queryset=None):
    """The document if it belongs to one of the user's conventions, else a 404."""
    documents = queryset if queryset is not None else Document.objects.all()
    document = (documents.select_related("meeting__convention")
                .filter(pk=document_id).first())
    if document is None or not may_edit(user, document.meeting.convention_id):
        raise Http404
    return document


def why_not_editable(document):
    """Why the document's text cannot be changed here, or None."""
    if document.issued:
        return why_issued(document)
    if document.body == Document.Body.WORK_PLAN:
        return _("The text of %(symbol)s is its work plan's: edit the plan.") % {
            "symbol": document.symbol}
    if document.body != Document.Body.NARRATIVE:
        return _("%(symbol)s is recorded by its symbol only: it has no text to edit.") % {
            "symbol": document.symbol}
    return None


def editable_document(user, document_id, for_update=True):
    """The document, if the user may change its text now; locked for the rest of the
    transaction."""
    documents = Document.objects.all()
    if for_update:
        documents = documents.select_for_update(of=("self",))
    document = visible_document(user, document_id, documents)
    refusal = why_not_editable(document)
    if refusal:
        raise PermissionDenied(refusal)
    return document


def model_of(kind):
    try:
        return ROW_MODELS[kind]
    except KeyError:
        raise Http404 from None


def own_row(document, kind, row_id, for_update=False):
    """A block or masthead footnote of this document, or a 404 (a row of another document is
    as good as missing)."""
    model = model_of(kind)
    rows = model.objects.filter(DOCUMENT.rows_of(model, document.pk), pk=row_id)
    if for_update:
        rows = rows.select_for_update(of=("self",))
    if model is Block:
        rows = rows.prefetch_related("footnotes")
    row = rows.first()
    if row is None:
        raise Http404
    return row


def editable_row(user, document_id, kind, row_id):
    """(document, row), fetched together and locked for the rest of the transaction: a row of
    this document, which the user may change now. Any other row is a 404."""
    model = model_of(kind)
    rows = (model.objects.select_related("document__meeting")
            .select_for_update(of=("self", "document"))
            .filter(DOCUMENT.rows_of(model, document_id), pk=row_id))
    if model is Block:
        rows = rows.prefetch_related("footnotes")
    row = rows.first()
    if row is None or not may_edit(user, row.document.meeting.convention_id):
        raise Http404
    refusal = why_not_editable(row.document)
    if refusal:
        raise PermissionDenied(refusal)
    return row.document, row


def row_version(row):
    """A block's version covers its footnotes (edited with it); other rows are their own."""
    if isinstance(row, Block) and row.pk is not None:
        return version_of(row, row.footnotes.all())
    return version_of(row)


# -- forms ----------------------------------------------------------------------------------

class BlockForm(RowForm):
    def current_version(self):
        return row_version(self.instance)


class FootnoteForm(RowForm):
    DELETE = forms.BooleanField(label=gettext_lazy("Delete this footnote"), required=False)


class MastheadForm(RowForm):
    """The masthead: title, subtitle and "submitted by" in both languages, the date it prints
    and the languages the document is issued in."""

    languages = LanguagesField()

    class Meta:
        widgets = {"submitted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def _update_errors(self, errors):
        # The document's own checks may speak of fields this form does not show: say them at
        # the top of the form.
        if hasattr(errors, "error_dict"):
            shown = {name: messages for name, messages in errors.error_dict.items()
                     if name in self.fields or name == NON_FIELD_ERRORS}
            hidden = [m for name, messages in errors.error_dict.items() if name not in shown
                      for m in messages]
            errors = ValidationError({**shown, **({NON_FIELD_ERRORS: hidden} if hidden else {})})
        super()._update_errors(errors)


def block_form_class():
    return row_form_class(Block, skipped={"document"}, form=BlockForm)


def note_form_class():
    return row_form_class(MastheadNote, skipped={"document"})


MASTHEAD_SETTINGS = ("submitted_on", "job_number", "languages")


def masthead_form_class():
    return row_form_class(Document, fields=[*text_fields(Document), *MASTHEAD_SETTINGS],
                          form=MastheadForm)


def _footnote_form_class():
    return row_form_class(Footnote, skipped={"block"}, form=FootnoteForm)


class BlockEdit:
    """A block's form with the forms of its footnotes: they are saved together, since the [^]
    markers of the block's text must match its footnotes. A new footnote is added last."""

    NEW = "fn-new"

    def __init__(self, block, data=None):
        self.block = block
        self.form = block_form_class()(data, instance=block)
        footnote_form = _footnote_form_class()
        self.footnotes = [footnote_form(data, instance=note, prefix=f"fn-{note.pk}")
                          for note in (block.footnotes.all() if block.pk else [])]
        self.new_footnote = footnote_form(data, instance=Footnote(), prefix=self.NEW,
                                          empty_permitted=True, use_required_attribute=False)
        self.new_footnote.fields.pop("DELETE")

    @property
    def is_bound(self):
        return self.form.is_bound

    @staticmethod
    def deleted(form):
        return form.is_bound and bool(form["DELETE"].data)

    def kept_footnotes(self):
        return [form for form in self.footnotes if not self.deleted(form)]

    def adds_footnote(self):
        return self.new_footnote.is_bound and self.new_footnote.has_changed()

    def is_valid(self):
        valid = self.form.is_valid()
        for form in self.kept_footnotes():
            valid = form.is_valid() and valid
        if self.adds_footnote():
            valid = self.new_footnote.is_valid() and valid
        if valid:
            count = len(self.kept_footnotes()) + (1 if self.adds_footnote() else 0)
            for code, name in _language_names().items():
                field = localized("text", code)
                problem = body.footnote_marker_problem(
                    {name: self.form.cleaned_data.get(field) or ""}, count)
                if problem:
                    self.form.add_error(field, problem)
                    valid = False
        return valid

    @property
    def errors(self):
        return bool(self.form.errors or any(f.errors for f in self.kept_footnotes())
                    or (self.adds_footnote() and self.new_footnote.errors))

    @property
    def changed_data(self):
        """The block's fields changed, and "footnotes" when a footnote is added or deleted
        (the numbers of the following footnotes change)."""
        changed = [name for name in self.form.changed_data if name != "version"]
        if self.adds_footnote() or len(self.kept_footnotes()) != len(self.footnotes):
            changed.append("footnotes")
        return changed

    def save(self):
        """Save the block (stored only if something changed) and its footnotes; the caller has
        put the block in its place."""
        block = self.form.instance
        if block.pk is None or set(self.changed_data) - {"footnotes"}:
            block.save()
        self.save_footnotes(block)
        return block

    def save_footnotes(self, block):
        """Delete, change and add the block's footnotes, numbered 1, 2… in the block."""
        for form in self.footnotes:
            if self.deleted(form):
                form.instance.delete()
        kept = [(form.instance, form.has_changed()) for form in self.kept_footnotes()]
        if self.adds_footnote():
            note = self.new_footnote.save(commit=False)
            note.block = block
            kept.append((note, True))
        for position, (note, changed) in enumerate(kept, start=1):
            if changed or note.position != position:
                note.position = position
                note.save()


def _language_names():
    return {code: str(name) for code, name in settings.LANGUAGES}


# -- the body's order -----------------------------------------------------------------------

def _order_of(block):
    return (block.kind, block.level or 1, block.numbered)


def _breaking_problems(entries):
    """{(key, message)} of the order rules a change must not break: every rule of
    meetings/body.py but a lone section A. (a section is added before its B.)."""
    rows = [order for _key, order in entries]
    lone = set(body._lone_sections(rows))
    return {(entries[index][0], message) for index, message in body.body_problems(rows)
            if (index, message) not in lone}


def order_refusal(before, after):
    """The messages of the order rules that `after` breaks and `before` did not, or []
    (entries are (key, (kind, level, numbered)) in reading order)."""
    return sorted({message for _key, message in
                   _breaking_problems(after) - _breaking_problems(before)})


def body_warnings(blocks):
    """{block id: [message]} of what is wrong with the order of the body as it is."""
    warnings = {}
    blocks = list(blocks)
    for index, message in body.body_problems([_order_of(b) for b in blocks]):
        warnings.setdefault(blocks[index].pk, []).append(message)
    return warnings


def _blocks_of(document):
    return list(Block.objects.filter(document=document).order_by("position", "id"))


def block_numbers(document_id):
    """{block id: ({language: label}, number of its first footnote)} as meetings/body.py
    numbers the body, in one query."""
    rows = (Block.objects.filter(document=document_id).order_by("position", "id")
            .annotate(notes=Count("footnotes"))
            .values_list("pk", "kind", "level", "numbered", "notes"))
    shells = [SimpleNamespace(pk=pk, kind=kind, level=level, numbered=numbered,
                              footnotes=SimpleNamespace(all=lambda n=notes: [
                                  SimpleNamespace() for _i in range(n)]))
              for pk, kind, level, numbered, notes in rows]
    body.number_blocks(shells)
    numbers, first = {}, 1
    for shell in shells:
        notes = shell.footnotes.all()
        numbers[shell.pk] = (body.block_labels(shell), first)
        first += len(notes)
    return numbers


# -- writes ---------------------------------------------------------------------------------

@transaction.atomic
def save_masthead(user, document_id, data):
    """Save the masthead's texts; returns (document, form). Invalid data gives the form with its
    errors and saves nothing; a masthead changed since it was opened raises Conflict."""
    document = editable_document(user, document_id)
    stored = version_of(document)
    form = masthead_form_class()(data, instance=document)
    if not form.is_valid():
        return document, form
    if form.cleaned_data.get("version") != stored:
        fresh = _fresh_document(document.pk)
        raise Conflict(fresh, _with_version(form, stored, fresh))
    form.save()
    return document, form


def _fresh_document(document_id):
    return Document.objects.select_related("meeting__convention").get(pk=document_id)


def _with_version(form, version, instance):
    """The user's form on the row as it now is, carrying the version now stored: saving it
    again keeps the user's text over the other person's."""
    data = form.data.copy()
    data["version"] = version
    return type(form)(data, instance=instance)


@transaction.atomic
def save_row(user, document_id, kind, row_id, data):
    """Save a block (with its footnotes) or a masthead footnote; returns (row, form), the form
    being a BlockEdit for a block. Invalid data gives the form with its errors and saves
    nothing; a row changed since it was opened raises Conflict."""
    document, row = editable_row(user, document_id, kind, row_id)
    stored = row_version(row)  # before the form puts the posted values on the row
    if kind == "note":
        form = note_form_class()(data, instance=row)
        if not form.is_valid():
            return row, form
        if form.cleaned_data.get("version") != stored:
            fresh = own_row(document, kind, row_id)
            raise Conflict(fresh, _with_version(form, stored, fresh))
        form.save()
        return row, form
    _check_posted_footnotes(row, data)
    if data.get("version") != stored:
        # Checked before the form: the block's footnotes may have changed meanwhile, and what
        # the user typed for them is carried over, never lost to a validation error.
        fresh = own_row(document, kind, row_id)
        raise Conflict(fresh, BlockEdit(fresh, _carried_over(data, row, fresh)))
    edit = BlockEdit(row, data)
    if not edit.is_valid():
        return row, edit
    if set(ORDER_FIELDS) & set(edit.changed_data):
        blocks = _blocks_of(document)
        before = [(b.pk, _order_of(b)) for b in blocks]
        after = [(b.pk, _order_of(row if b.pk == row.pk else b)) for b in blocks]
        refusal = order_refusal(before, after)
        if refusal:
            for message in refusal:
                edit.form.add_error(None, message)
            return row, edit
    block = edit.save()
    return block, edit


def _check_posted_footnotes(block, data):
    """The footnotes a block's form lists must be the block's own: the id of a footnote of any
    other block is a 404 (one deleted since the form was opened is a conflict)."""
    own = {note.pk for note in block.footnotes.all()}
    values = data.getlist("footnote") if hasattr(data, "getlist") else data.get("footnote", [])
    posted = {number for value in values if (number := whole_number(str(value), 1)) is not None}
    foreign = posted - own
    if foreign and Footnote.objects.filter(pk__in=foreign).exists():
        raise Http404


def _carried_over(data, seen, fresh):
    """The user's data for the block as it now is: footnotes added meanwhile keep their text,
    the text typed for a footnote deleted meanwhile goes to the new footnote."""
    data = data.copy()
    data["version"] = row_version(fresh)
    fresh_ids = {note.pk for note in fresh.footnotes.all()}
    for note in fresh.footnotes.all():
        for code in LANGUAGE_CODES:
            key = f"fn-{note.pk}-{localized('text', code)}"
            if key not in data:
                data[key] = getattr(note, localized("text", code)) or ""
    new_empty = not any(data.get(f"{BlockEdit.NEW}-{localized('text', code)}")
                        for code in LANGUAGE_CODES)
    for note in seen.footnotes.all():
        if note.pk not in fresh_ids and new_empty:
            for code in LANGUAGE_CODES:
                field = localized("text", code)
                data[f"{BlockEdit.NEW}-{field}"] = data.get(f"fn-{note.pk}-{field}", "")
            break
    if hasattr(data, "setlist"):
        data.setlist("footnote", [str(pk) for pk in fresh_ids])
    return data


@transaction.atomic
def add_row(user, document_id, kind, data, *, after=None, before=None):
    """Add a block (with a footnote if one is given) or a masthead footnote after or before a
    row of the same kind, or last; returns (row or None, form)."""
    document = editable_document(user, document_id)
    model = model_of(kind)
    sibling = own_row(document, kind, after or before) if (after or before) else None
    ordered = list(model.objects.filter(document=document).order_by("position", "id"))
    index = len(ordered) if sibling is None else (
        [r.pk for r in ordered].index(sibling.pk) + (1 if after else 0))
    row = model(document=document)
    if kind == "note":
        form = note_form_class()(data, instance=row)
        if not form.is_valid():
            return None, form
        ordered.insert(index, form.instance)
        renumber(ordered, new=form.instance)
        return form.instance, form
    edit = BlockEdit(row, data)
    if not edit.is_valid():
        return None, edit
    before_order = [(b.pk, _order_of(b)) for b in ordered]
    ordered.insert(index, row)
    refusal = order_refusal(before_order, [(b.pk or "new", _order_of(b)) for b in ordered])
    if refusal:
        for message in refusal:
            edit.form.add_error(None, message)
        return None, edit
    renumber(ordered, new=row)
    edit.save_footnotes(row)
    return row, edit


@transaction.atomic
def move_row(user, document_id, kind, row_id, direction):
    """Move a block or masthead footnote one place up or down; a move that breaks the body's
    order is refused with the rule's message (ValidationError)."""
    document = editable_document(user, document_id)
    row = own_row(document, kind, row_id)
    ordered = list(type(row).objects.filter(document=document).order_by("position", "id"))
    moved = reordered(ordered, row, direction)
    if moved is None:
        return row
    before = [(b.pk, _order_of(b)) for b in ordered] if kind == "block" else []
    ordered = moved
    if kind == "block":
        refusal = order_refusal(before, [(b.pk, _order_of(b)) for b in ordered])
        if refusal:
            raise ValidationError(refusal, code="body_out_of_order")
    renumber(ordered)
    return row


@transaction.atomic
def delete_row(user, document_id, kind, row_id, version):
    """Delete a block (and its footnotes) or a masthead footnote, if it is still as the user
    saw it and the body stays in order."""
    document = editable_document(user, document_id)
    row = own_row(document, kind, row_id)
    if version != row_version(row):
        raise Conflict(row, None)
    ordered = list(type(row).objects.filter(document=document).order_by("position", "id"))
    rest = [r for r in ordered if r.pk != row.pk]
    if kind == "block":
        refusal = order_refusal([(b.pk, _order_of(b)) for b in ordered],
                                [(b.pk, _order_of(b)) for b in rest])
        if refusal:
            raise ValidationError(refusal, code="body_out_of_order")
    row.delete()
    renumber(rest)


def row_texts(row):
    """{language: text} of a row, for confirmations and conflicts."""
    return values_by_language(row, "text")
