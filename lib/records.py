"""Records and their rows: the rules every write obeys, whoever writes.

A record (a work plan, a budget, an official document) owns a tree of rows. Whatever writes
them (the admin, a service, the API, the demo loader, a script using the ORM), two rules hold:

- **Ownership**: a row belongs to one record for good. A save that would move an existing row
  to another record (or to no record) is refused.
- **Lock**: a locked record (a plan under review or published, and its budgets; an issued
  document) keeps its rows: creating, changing or deleting one of them is refused.

A record kind is declared once, with its model, the condition that locks it, and every path
from each of its row models up to it (a row may hang from one parent or another). The same
paths select a record's rows (`rows_of`), so the admin's formsets and the checks here agree.

The checks run in pre_save and pre_delete signals, so they cover every ORM save and delete.
Bulk `QuerySet.update()` and `bulk_create()` do not send signals: the project uses neither on
record rows.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Case, Q, Value, When
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext as _


@dataclass
class RecordKind:
    """A kind of record: its model, what locks it, and the paths from its rows up to it."""

    model: type
    locked: object  # callable: prefix -> Q selecting the locked records, from a row's model
    why_locked: object  # callable: record -> the message that explains the lock
    paths: dict = field(default_factory=dict)  # row model -> ["chapter__plan", …]

    def add_rows(self, model, *paths):
        """Declare `model` as rows of this record, reached through `paths`; guard their writes."""
        self.paths[model] = list(paths)
        uid = f"lib.records:{self.model._meta.label}:{model._meta.label}"
        pre_save.connect(self._before_save, sender=model, weak=False, dispatch_uid=uid)
        pre_delete.connect(self._before_delete, sender=model, weak=False, dispatch_uid=uid)
        return model

    def rows_of(self, model, record_id):
        """A condition selecting the rows of `model` that belong to the record."""
        condition = Q()
        for path in self.paths[model]:
            condition |= Q(**{path: record_id})
        return condition

    # -- resolving a row's record ---------------------------------------------------------

    def _lock_flag(self, prefix):
        return Case(When(self.locked(prefix), then=Value(True)), default=Value(False),
                    output_field=BooleanField())

    def record_of(self, row):
        """(record id, locked) of a row as it is in memory (None, False where it has none)."""
        for path in self.paths[type(row)]:
            first, _sep, rest = path.partition("__")
            parent = type(row)._meta.get_field(first)
            parent_id = getattr(row, parent.attname)
            if parent_id is None:
                continue
            model = parent.related_model
            if rest:
                found = (model._default_manager.filter(pk=parent_id)
                         .values_list(rest, self._lock_flag(f"{rest}__")).first())
            else:
                found = (model._default_manager.filter(pk=parent_id)
                         .values_list("pk", self._lock_flag("")).first())
            if found and found[0] is not None:
                return found
        return None, False

    def stored_record_of(self, row):
        """(record id, locked) of a row as it is stored (None, False for a row not stored)."""
        if row.pk is None:
            return None, False
        for path in self.paths[type(row)]:
            found = (type(row)._default_manager.filter(pk=row.pk)
                     .values_list(path, self._lock_flag(f"{path}__")).first())
            if found is None:
                return None, False
            if found[0] is not None:
                return found
        return None, False

    def _refuse_locked(self, record_id):
        record = self.model._default_manager.get(pk=record_id)
        raise ValidationError(self.why_locked(record), code="locked")

    # -- the guards -----------------------------------------------------------------------

    def _before_save(self, sender, instance, raw=False, **kwargs):
        if raw:  # loading a fixture or a backup restores rows exactly as they were
            return
        record_id, locked = self.record_of(instance)
        stored_id, stored_locked = self.stored_record_of(instance)
        if stored_id is not None and stored_id != record_id:
            raise ValidationError(
                _("This %(row)s belongs to another record and cannot be moved to this one.")
                % {"row": sender._meta.verbose_name}, code="not_own_row",
            )
        if stored_locked:
            self._refuse_locked(stored_id)
        if locked:
            self._refuse_locked(record_id)

    def _before_delete(self, sender, instance, **kwargs):
        stored_id, stored_locked = self.stored_record_of(instance)
        if stored_locked:
            self._refuse_locked(stored_id)
