"""The history of progress updates and indicator values (django-simple-history): every version
of a corrected update, with the evidence it cited then, and the deleted ones.

A write through reporting/services.py is one entry of history, whatever evidence it changes
(`save_with_history`): the row is saved and its evidence set without history, then one entry is
kept of the whole.
"""

import simple_history
from simple_history.models import HistoricalRecords

from reporting import models

_RECORDS = {}


class _Records(HistoricalRecords):
    """Keeps a hand on each model's history, for save_with_history."""

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        _RECORDS[sender] = self


def register():
    """Called by the app's ready(), after modeltranslation has added the language columns, so
    that the historical tables keep both languages."""
    simple_history.register(models.ProgressUpdate, records_class=_Records,
                            m2m_fields=list(models.ProgressUpdate.EVIDENCE))
    simple_history.register(models.IndicatorValue, records_class=_Records)


def save_with_history(row, user, save_related=None):
    """Save `row` and its many-to-many values (`save_related()`, a form's save_m2m) as one entry
    of its history, written by `user`."""
    created = row.pk is None
    row._history_user = user
    row.skip_history_when_saving = True
    try:
        row.save()
        if save_related is not None:
            save_related()
    finally:
        del row.skip_history_when_saving
    _RECORDS[type(row)].create_historical_record(row, "+" if created else "~")
    return row


def delete_with_history(row, user):
    """Delete `row`; its history keeps it, with who deleted it."""
    row._history_user = user
    row.delete()
