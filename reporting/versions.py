"""The version of a progress update or an indicator value: a digest of what its form edits
(status, period, texts in each language, value, evidence), carried by the form that opened it
so that a save can tell whether someone else changed the row meanwhile (lib/editing.py does the
same for a plan's rows). Who saved it and when are left out: saving the same values again
changes nothing."""

import hashlib
from decimal import Decimal

from lib.translated_fields import translated_field_names

_LEFT_OUT = {"id", "author", "created_at", "updated_at"}


def version_of(row):
    """The row's version; its evidence is read from what was prefetched with it."""
    mirrored = set(translated_field_names(type(row)))  # the language columns are kept
    values = []
    for field in row._meta.concrete_fields:
        if field.name in _LEFT_OUT or field.name in mirrored:
            continue
        value = getattr(row, field.attname)
        values.append(f"{value.normalize():f}" if isinstance(value, Decimal) else str(value))
    if row.pk is not None:
        for field in row._meta.many_to_many:
            values.append(str(sorted(related.pk for related in getattr(row, field.name).all())))
    return hashlib.sha256("\x1f".join(values).encode()).hexdigest()[:16]
