"""The history kept of a work plan and of every row under it (`register`), and every recorded
change to them, deleted rows included, in readable values: choices by their labels, Yes/No,
related rows by their text. Positions are not shown (numbers follow from the order of the
rows), and the rows created by copying a plan (a clone, a correction or a revision:
tree.copy_row marks them with COPY_REASON) are one entry "Copied from <plan>" instead of one
entry per row."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import simple_history
from django.db import models as db
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isu.models import Convention
from lib.translated_fields import translated_field_names
from workplans import models, tree
from workplans.workflow import status_label


def register():
    """Keep the history of plans and of every kind of row, with the actions a row cites. Called
    by the app's ready(), after modeltranslation has added the language columns, so that the
    historical tables keep both languages (a HistoricalRecords() declared on the model would be
    built before the language columns exist)."""
    for model in [models.WorkPlan, *tree.row_models()]:
        cites = any(field.name == "actions" for field in model._meta.many_to_many)
        simple_history.register(model, m2m_fields=["actions"] if cites else ())


# The history change reason of every row saved by tree.copy_row.
COPY_REASON = "copy"

_SKIPPED = {"id", "history_id", "history_date", "history_change_reason", "history_type",
            "history_user", "history_user_id", "created_at", "updated_at",
            # Numbers follow from the order of the rows: a position is not a change to show.
            "position"}

EMPTY = "—"
_LONGEST = 80


@dataclass
class Change:
    field: str  # the field's name: "target qualifier", "activity [en]"
    before: object  # readable value; None in a row's creation (nothing before), "—" if empty
    after: object


@dataclass
class Entry:
    when: datetime
    user: object  # the user, or None
    kind: str  # the kind of row: "activity"
    change_type: str  # "Created", "Changed", "Deleted", "Copied from CCM 2018"…
    row: str  # the row's text, at most 80 characters
    changes: list = field(default_factory=list)  # [Change]
    model: type = None  # the row's model (WorkPlan for the plan itself)
    row_id: int = None
    copied: bool = False  # the entry stands for a copy (rows created by a clone or a revision)
    _order: tuple = field(default=(), repr=False, compare=False)


def _ids(records):
    return {record.id for record in records}


def _records(model, condition):
    return list(
        model.history.filter(condition).select_related("history_user").order_by("id", "history_date",
                                                                                  "history_id")
    )


def plan_history_records(plan_id):
    """Historical records of the plan's tree, one list per kind of row (workplans/tree.py), one
    query per branch of the tree."""
    by_model = {}

    def collect(branches, parent_ids):
        for branch in branches:
            parent = branch.model._meta.get_field(branch.parent).attname
            records = _records(branch.model, Q(**{f"{parent}__in": parent_ids}))
            found = by_model.setdefault(branch.model, {})
            found.update((record.history_id, record) for record in records)
            collect(branch.children, _ids(records))

    plan = _records(models.WorkPlan, Q(id=plan_id))
    collect(tree.plan_tree(), {plan_id})
    return [plan, *(sorted(found.values(), key=lambda r: (r.id, r.history_date, r.history_id))
                     for found in by_model.values())]


def _tracked_fields(record):
    # The untranslated column only mirrors one language: show the language columns instead.
    mirrored = set(translated_field_names(record.instance_type))
    return [f for f in record._meta.concrete_fields
            if f.attname not in _SKIPPED and f.name not in _SKIPPED and f.name not in mirrored]


def _is_copy(record):
    return record.history_type == "+" and record.history_change_reason == COPY_REASON


def readable(model_field, value, related=None):
    """A field's value as a reader reads it: a choice by its label, a boolean as Yes/No, a
    related row by its text (from `related`, {(model, id): row}), an amount without trailing
    zeros, a date in the active language's format; "—" for an empty value."""
    if value is None or value == "":
        return EMPTY
    if model_field.is_relation and model_field.many_to_one:
        model = model_field.related_model
        row = (related or {}).get((model, value))
        return f"{model._meta.verbose_name} #{value}" if row is None else str(row)[:_LONGEST]
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(model_field, db.BooleanField):
        return gettext_lazy("Yes") if value else gettext_lazy("No")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, datetime | date):
        return formats.localize(value)
    return value


def _raw_changes(record, previous):
    """[(field, before, after)] in stored values: every filled field of a created row, the
    fields that differ from the previous record of a changed one."""
    found = []
    if record.history_type == "~" and previous is not None:
        for model_field in _tracked_fields(record):
            before = getattr(previous, model_field.attname)
            after = getattr(record, model_field.attname)
            if before != after:
                found.append((model_field, before, after))
    elif record.history_type == "+":
        for model_field in _tracked_fields(record):
            value = getattr(record, model_field.attname)
            if value not in (None, ""):
                found.append((model_field, None, value))
    return found


def _related_rows(wanted):
    """{(model, id): row} of the related rows, live or deleted (their last recorded state): one
    query per related model, and one more for the deleted ones of a model with a history."""
    rows = {}
    for model, ids in wanted.items():
        for row in model._base_manager.select_related().filter(pk__in=ids):
            rows[(model, row.pk)] = row
        missing = {pk for pk in ids if (model, pk) not in rows}
        history = getattr(model, "history", None)
        if missing and history is not None:
            for record in history.filter(id__in=missing).order_by("id", "-history_date",
                                                                   "-history_id"):
                rows.setdefault((model, record.id), record.instance)
    return rows


def _source_text(plan_record, related):
    """The plan a copied plan was copied from: the version it corrects or revises, or the plan
    it was cloned from."""
    if plan_record.revises_id:
        source = related.get((models.WorkPlan, plan_record.revises_id))
        if source is not None:
            return _("%(plan)s, version %(version)s") % {"plan": source,
                                                          "version": source.version}
    source = related.get((models.WorkPlan, plan_record.cloned_from_id))
    return None if source is None else str(source)


def _entries(record_lists):
    """Entries of the records (lists of one model's records, ordered by row and date), newest
    first. Created rows of a copy are one entry per copied plan."""
    pending = []  # (record, [(field, before, after)])
    copies = []  # records of rows created by a copy
    wanted = {}
    for records in record_lists:
        previous_by_row = {}
        for record in records:
            previous = previous_by_row.get(record.id)
            previous_by_row[record.id] = record
            if _is_copy(record):
                copies.append(record)
                continue
            changes = _raw_changes(record, previous)
            if record.history_type == "~" and not changes:
                continue
            pending.append((record, changes))
            for model_field, before, after in changes:
                if model_field.is_relation and model_field.many_to_one:
                    ids = wanted.setdefault(model_field.related_model, set())
                    ids.update(value for value in (before, after) if value is not None)
    copied_plans = [record for record in copies if record.instance_type is models.WorkPlan]
    for record in copied_plans:
        ids = wanted.setdefault(models.WorkPlan, set())
        ids.update(pk for pk in (record.revises_id, record.cloned_from_id) if pk)
    related = _related_rows(wanted)
    conventions = Convention.objects.in_bulk(
        {record.convention_id for record, _changes in pending
         if record.instance_type is models.WorkPlan})

    def shown(record, model_field, value):
        if record.instance_type is models.WorkPlan and model_field.name == "status":
            # The status in the words of the plan's convention (workplans/workflow.py).
            return status_label(value, conventions[record.convention_id])
        return readable(model_field, value, related)

    entries = []
    for record, changes in pending:
        entries.append(Entry(
            when=record.history_date,
            user=record.history_user,
            kind=record.instance_type._meta.verbose_name,
            change_type=record.get_history_type_display(),
            row=str(record.instance)[:_LONGEST],
            changes=[Change(model_field.verbose_name,
                            None if before is None else shown(record, model_field, before),
                            shown(record, model_field, after))
                     for model_field, before, after in changes],
            model=record.instance_type, row_id=record.id,
            _order=(record.history_date, record.history_id),
        ))
    entries.extend(_copy_entries(copies, copied_plans, related))
    entries.sort(key=lambda entry: entry._order, reverse=True)
    return entries


def _copy_entries(copies, copied_plans, related):
    if not copies:
        return []
    if not copied_plans:
        # The rows of one row's history (row_history): the row was copied with its plan.
        record = copies[0]
        return [Entry(when=record.history_date, user=record.history_user,
                      kind=record.instance_type._meta.verbose_name,
                      change_type=_("Copied with its plan"), row=str(record.instance)[:_LONGEST],
                      model=record.instance_type, row_id=record.id, copied=True,
                      _order=(record.history_date, record.history_id))]
    # A plan's history holds one copied plan (the plan itself): its rows are counted in.
    entries = []
    for plan_record in copied_plans:
        source = _source_text(plan_record, related)
        rows = sum(1 for record in copies if record.instance_type is not models.WorkPlan)
        entries.append(Entry(
            when=plan_record.history_date, user=plan_record.history_user,
            kind=models.WorkPlan._meta.verbose_name,
            change_type=(_("Copied from %(plan)s") % {"plan": source} if source
                         else _("Copied")),
            row=str(plan_record.instance)[:_LONGEST],
            changes=[Change(_("rows copied"), None, rows)] if rows else [],
            model=models.WorkPlan, row_id=plan_record.id, copied=True,
            _order=(plan_record.history_date, plan_record.history_id),
        ))
    return entries


def plan_history(plan_id):
    """The plan's entries, newest first: every change to the plan and to any row under it
    (deleted rows included), each with the fields it changed in readable values (before →
    after); the creation of a copied plan is one entry, "Copied from <plan>"."""
    return _entries(plan_history_records(plan_id))


def row_history(model, row_id):
    """The entries of one row (of a model of workplans/tree.py, or the plan), newest first; a row
    created by a copy of its plan opens with one entry, "Copied with its plan"."""
    return _entries([_records(model, Q(id=row_id))])
