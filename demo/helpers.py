"""What every part of the demo shares: its data files, rows created directly, texts in both
languages, and the rows the services add."""

import json
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError

DATA = Path(__file__).parent / "data"


def read(name):
    """The content of a JSON file of demo/data."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def day(value):
    """A date from its ISO text; None for none."""
    return date.fromisoformat(value) if value else None


def create(model, **values):
    """A row created directly, for a record that no service creates: it is validated as the
    admin validates it (full_clean), and the record rules of lib/records.py apply on save."""
    row = model(**values)
    row.full_clean()
    row.save()
    return row


def texts(field, value):
    """Model or form fields for a text in both languages, given as {"zh_hans": …, "en": …}, as
    a (Chinese, English) pair, or as None (no text)."""
    if value is None:
        value = {}
    elif isinstance(value, (tuple, list)):
        value = dict(zip(("zh_hans", "en"), value, strict=True))
    return {f"{field}_zh_hans": value.get("zh_hans", ""), f"{field}_en": value.get("en", "")}


def added(result):
    """The row that a service's add_row added; the form's errors are raised if it refused."""
    row, form = result
    if row is None:
        forms = [getattr(form, "form", form), getattr(form, "new_footnote", None)]
        raise ValidationError([f.errors.as_text() for f in forms if f is not None and f.errors])
    return row
