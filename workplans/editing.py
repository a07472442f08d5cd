"""Editing a work plan one row at a time: the one write path of the staff workspace.

Every change checks, here and for every caller:
- scope: the user works for the plan's convention;
- lock: the plan is a draft (lib/records.py refuses the same writes at the model layer);
- ownership: the row belongs to this plan (a posted id of any other row is a 404);
- conflicts: each row carries the version it had when it was opened (a digest of its values).
  Two people editing different rows both succeed; the second of two saving the same row gets a
  `Conflict` with both texts, and nothing of either is lost.

The kinds of row, their parents and the fields a user edits all follow from workplans/tree.py.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from isu.models import Action
from isu.roles import may_edit
from lib import editing as generic
from lib.editing import Conflict, renumber, reordered, version_of
from lib.translated_fields import translated_field_names, values_by_language
from workplans import tree
from workplans.models import PLAN, SummaryItem, WorkPlan, why_locked

# The generic pieces live in lib/editing.py (meetings edits documents with them too); they are
# named here as before for the callers of this module.
__all__ = ["Conflict", "RowForm", "Slot", "add_row", "branch_of", "child_slots", "delete_row",
           "editable_plan", "kinds", "model_of", "move_row", "own_row", "parent_of",
           "renumber", "row_form_class", "row_texts", "save_row", "siblings", "version_of",
           "what_goes_with"]


@dataclass(frozen=True)
class Slot:
    """A place where rows of one kind hang: under the plan or under a row of another kind."""

    branch: tree.Branch

    @property
    def kind(self):
        return self.branch.model._meta.model_name

    @property
    def label(self):
        return self.branch.model._meta.verbose_name

    @property
    def plural(self):
        return self.branch.model._meta.verbose_name_plural


def kinds():
    """{kind: model} for every kind of row ("chapter", "paragraph", "indicator"…)."""
    return {model._meta.model_name: model for model in tree.row_models()}


def model_of(kind):
    try:
        return kinds()[kind]
    except KeyError:
        raise Http404 from None


def branch_of(row):
    """The branch of the tree a row is on, from the parent it hangs from."""
    for branch, _path in tree.walk():
        if type(row) is branch.model and getattr(
                row, row._meta.get_field(branch.parent).attname) is not None:
            return branch
    raise ValueError(f"{row!r} hangs from no parent")


def parent_of(row):
    branch = branch_of(row)
    return getattr(row, branch.parent), branch


def child_slots(parent):
    """The kinds of row that can be added under `parent` (a plan or a row)."""
    branches = tree.plan_tree() if isinstance(parent, WorkPlan) else branch_of(parent).children
    return [Slot(branch) for branch in branches]


def siblings(row_or_model, parent, branch):
    """The rows of a branch under one parent, in order; summary items are one list."""
    model = branch.model
    if model is SummaryItem:
        return SummaryItem.objects.filter(plan=parent).order_by("position", "id")
    return model.objects.filter(**{branch.parent: parent}).order_by("position", "id")


def row_form_class(model):
    """A form for one row: its texts in both languages and its own settings, never its parent
    or position (moves and numbering are separate actions)."""
    parents = {branch.parent for branch, _path in tree.walk() if branch.model is model}
    return generic.row_form_class(model, skipped=parents, form=RowForm)


class RowForm(generic.RowForm):
    """A plan row's form; the actions a row cites are those of its convention's action plans."""

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "actions" in self.fields and plan is not None:
            self.fields["actions"].queryset = Action.objects.filter(
                action_plan__convention=plan.convention_id).select_related("action_plan")
            self.fields["actions"].required = False


# -- checks ---------------------------------------------------------------------------------

def editable_plan(user, plan_id, for_update=True):
    """The plan, if the user may edit it now; locked for the rest of the transaction."""
    plans = WorkPlan.objects.select_related("convention")
    if for_update:
        plans = plans.select_for_update(of=("self",))
    plan = plans.filter(pk=plan_id).first()
    if plan is None or not may_edit(user, plan.convention_id):
        raise Http404
    if plan.is_locked:
        raise PermissionDenied(why_locked(plan))
    return plan


def own_row(plan, kind, row_id, for_update=False):
    """A row of this plan, or a 404 (a row of another plan is as good as missing)."""
    model = model_of(kind)
    rows = model.objects.filter(PLAN.rows_of(model, plan.pk), pk=row_id)
    if for_update:
        rows = rows.select_for_update(of=("self",))
    if any(field.name == "actions" for field in model._meta.many_to_many):
        rows = rows.prefetch_related("actions")
    row = rows.first()
    if row is None:
        raise Http404
    return row


# -- writes ---------------------------------------------------------------------------------

@transaction.atomic
def save_row(user, plan_id, kind, row_id, data):
    """Save one row's form; returns (row, form). Invalid data gives the form with its errors
    and saves nothing; a row changed since it was opened raises Conflict."""
    plan = editable_plan(user, plan_id)
    row = own_row(plan, kind, row_id, for_update=True)
    stored = version_of(row)  # before the form puts the posted values on the row
    form = row_form_class(type(row))(data, instance=row, plan=plan)
    if not form.is_valid():
        return row, form
    if form.cleaned_data.get("version") != stored:
        raise Conflict(own_row(plan, kind, row_id), form)
    row = form.save(commit=False)
    row.save()
    if "actions" in form.changed_data:
        form.save_m2m()
    return row, form


@transaction.atomic
def add_row(user, plan_id, kind, data, *, parent_kind=None, parent_id=None, after=None,
            before=None):
    """Add a row of `kind` under a parent (the plan, or a row of it), after or before a
    sibling, or last; returns (row or None, form)."""
    plan = editable_plan(user, plan_id)
    if after or before:
        sibling = own_row(plan, kind, after or before)
        parent, branch = parent_of(sibling)
    else:
        parent = plan if parent_kind is None else own_row(plan, parent_kind, parent_id)
        branch = next((slot.branch for slot in child_slots(parent) if slot.kind == kind), None)
        if branch is None:
            raise ValidationError(_("A %(kind)s cannot be added here.")
                                  % {"kind": model_of(kind)._meta.verbose_name})
        sibling = None
    model = branch.model
    row = model(**{branch.parent: parent})
    form = row_form_class(model)(data, instance=row, plan=plan)
    if not form.is_valid():
        return None, form
    ordered = list(siblings(model, parent, branch))
    index = len(ordered) if sibling is None else (
        [r.pk for r in ordered].index(sibling.pk) + (1 if after else 0))
    row = form.save(commit=False)
    ordered.insert(index, row)
    renumber(ordered, new=row)
    form.save_m2m()
    return row, form


@transaction.atomic
def move_row(user, plan_id, kind, row_id, direction, position=None):
    """Move a row one place up or down among its siblings, or (direction "to") to a position
    among them, 1 being the first (dragged where JavaScript runs)."""
    plan = editable_plan(user, plan_id)
    row = own_row(plan, kind, row_id)
    parent, branch = parent_of(row)
    ordered = list(siblings(type(row), parent, branch))
    moved = reordered(ordered, row, direction, position)
    if moved is not None:
        renumber(moved)
    return row


def what_goes_with(row):
    """[(kind, count)] of the rows deleted with this one."""
    counts = {}

    def walk(parent, branches):
        for branch in branches:
            for child in getattr(parent, branch.relation).all():
                label = branch.model._meta.verbose_name_plural
                counts[label] = counts.get(label, 0) + 1
                walk(child, branch.children)

    walk(row, branch_of(row).children)
    return sorted(counts.items())


@transaction.atomic
def delete_row(user, plan_id, kind, row_id, version):
    """Delete a row and what hangs from it, if it is still as the user saw it."""
    plan = editable_plan(user, plan_id)
    row = own_row(plan, kind, row_id)
    if version != version_of(row):
        raise Conflict(row, None)
    parent, branch = parent_of(row)
    row.delete()
    renumber(list(siblings(type(row), parent, branch)))


def row_texts(row):
    """{language: text} of a row's main text, for confirmations and conflicts."""
    names = translated_field_names(type(row))
    return values_by_language(row, names[0]) if names else {}
