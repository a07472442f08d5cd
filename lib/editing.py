"""Editing a record one row at a time: what every record's write path shares.

A record's rows are edited one per request (workplans/editing.py for a plan, meetings/editing.py
for an official document). Each of them checks scope, lock and ownership itself; what they
share is here:

- a row's *version*: a digest of its stored values (and of rows edited with it, such as a
  block's footnotes), carried by the form that opened it;
- `Conflict`: the row changed since it was opened; both texts are kept;
- `RowForm` and `row_form_class`: a row's texts in both languages and its own settings, with
  each text's limit shown rather than cut off by a maxlength;
- `renumber`: positions 1, 2, 3… after an insertion, a move or a deletion.
"""

import hashlib

from django import forms
from django.utils.translation import gettext as _

from lib.forms import TranslationMarkerForm
from lib.translated_fields import LANGUAGE_CODES, localized, translated_field_names


def _values(row):
    values = [str(getattr(row, f.attname)) for f in row._meta.concrete_fields]
    if row.pk is not None:
        for field in row._meta.many_to_many:  # prefetch them where it matters
            values.append(str(sorted(related.pk for related in getattr(row, field.name).all())))
    return values


def version_of(row, children=()):
    """The row's version: a digest of its stored values, and of the `children` edited with it,
    so that a save can tell whether any of them changed since the row was opened."""
    values = _values(row)
    for child in children:
        values += ["\x1e", *_values(child)]
    return hashlib.sha256("\x1f".join(values).encode()).hexdigest()[:16]


class Conflict(Exception):
    """The row was changed by someone else since it was opened: both versions are kept."""

    def __init__(self, row, form):
        self.row, self.form = row, form
        super().__init__(_("This row was changed by someone else since you opened it: their "
                           "text is shown here, and yours is kept in the form. Nothing was "
                           "saved. Save again to keep yours, or cancel to keep theirs."))


class RowForm(TranslationMarkerForm):
    """A row's form: it carries the version the row had when it was opened; a limit on a text
    is shown as the user types and longer text is refused with a message, never cut."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.current_version()
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
            if getattr(field, "max_length", None):
                # The limit is shown as the user types (workspace.js) and longer text is refused
                # with a message; a maxlength attribute would silently cut pasted text.
                field.widget.attrs.pop("maxlength", None)
                field.widget.attrs["data-limit"] = field.max_length

    def current_version(self):
        """The version of the row as stored (a form editing more than the row says so)."""
        return version_of(self.instance)


def text_fields(model):
    """The form fields of a model's translated texts, each text in every language."""
    return [localized(name, code) for name in translated_field_names(model)
            for code in LANGUAGE_CODES]


def row_form_class(model, *, skipped=(), form=RowForm, fields=None):
    """A form for one row: its texts in both languages and its own settings, never its parent
    (`skipped`) or position (moves and numbering are separate actions)."""
    if fields is None:
        texts = text_fields(model)
        left_out = {"id", "position", *skipped, *translated_field_names(model), *texts}
        own = [field.name for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
               if field.editable and field.name not in left_out]
        fields = texts + own
    return forms.modelform_factory(model, form=form, fields=list(fields))


def reordered(ordered, row, direction, position=None):
    """The siblings `ordered` with `row` moved one place "up" or "down", or ("to") to
    `position` (1 first); None where it does not move."""
    ordered = list(ordered)
    index = ordered.index(row)  # rows are equal by model and id
    if direction == "to" and isinstance(position, int):
        ordered.insert(min(max(position, 1), len(ordered)) - 1, ordered.pop(index))
        return ordered
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(ordered):
        return None
    ordered[index], ordered[other] = ordered[other], ordered[index]
    return ordered


def renumber(ordered, new=None):
    """Positions 1, 2, 3… in the given order, saving only the rows whose position changed (and
    `new`, a row not stored yet)."""
    for position, row in enumerate(ordered, start=1):
        if row is new or row.position != position:
            row.position = position
            row.save()
