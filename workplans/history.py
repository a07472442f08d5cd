"""Every recorded change to a work plan and to any row under it, deleted rows included."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q

from isu.translation_checks import translated_field_names
from workplans import models, tree

_SKIPPED = {"id", "history_id", "history_date", "history_change_reason", "history_type",
            "history_user", "history_user_id", "created_at", "updated_at"}


@dataclass
class Change:
    field: str
    before: object
    after: object


@dataclass
class Entry:
    when: datetime
    user: object
    kind: str
    change_type: str
    row: str
    changes: list = field(default_factory=list)


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


def plan_history(plan_id):
    """Entries newest first, each with the fields it changed (before → after)."""
    entries = []
    for records in plan_history_records(plan_id):
        previous_by_row = {}
        for record in records:
            previous = previous_by_row.get(record.id)
            changes = []
            if record.history_type == "~" and previous is not None:
                for model_field in _tracked_fields(record):
                    before = getattr(previous, model_field.attname)
                    after = getattr(record, model_field.attname)
                    if before != after:
                        changes.append(Change(model_field.verbose_name, before, after))
            elif record.history_type == "+":
                for model_field in _tracked_fields(record):
                    value = getattr(record, model_field.attname)
                    if value not in (None, ""):
                        changes.append(Change(model_field.verbose_name, None, value))
            previous_by_row[record.id] = record
            if record.history_type == "~" and not changes:
                continue
            entries.append(Entry(
                when=record.history_date,
                user=record.history_user,
                kind=record.instance_type._meta.verbose_name,
                change_type=record.get_history_type_display(),
                row=str(record.instance)[:80],
                changes=changes,
            ))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries
