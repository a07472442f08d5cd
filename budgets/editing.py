"""Editing a budget one line or subtotal at a time: the one write path of the workspace's
budget page. A new budget may come with its first lines, all made in one go or none at all
(create_budget).

Every change checks, as workplans/editing.py does for a plan's rows:
- scope: the user works for the plan's convention (another convention's budget is a 404);
- lock: the plan is a draft (lib/records.py refuses the same writes at the model layer);
- ownership: the row is a line or subtotal of this budget (any other id is a 404), and a rule, a
  line's subtotal or a subtotal's parent names a row of this budget only;
- conflicts: each row carries the version it had when it was opened (a digest of its values).
  Two people saving different lines both succeed; the second of two saving the same line gets a
  `Conflict` with both values, and nothing of either is lost.

Lines and subtotals under one parent (a subtotal, or the budget itself) share one order, read as
budgets/figures.py reads it: by position, a subtotal before a line at the same position. A write
fetches the budget once with its lines and subtotals (three queries, the plan and budget rows
locked) and resolves every choice, rule and loop check from those rows.
"""

import hashlib
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from budgets.models import Budget, Category, Group, Line
from isu.roles import may_edit
from lib.editing import RowForm, reordered
from lib.forms import bilingual
from lib.languages import LANGUAGE_CODES, series
from lib.money import format_money
from lib.params import whole_number
from lib.translated_fields import localized
from workplans import editing as plan_editing
from workplans.models import why_locked

KINDS = {"line": Line, "group": Group}


def model_of(kind):
    try:
        return KINDS[kind]
    except KeyError:
        raise Http404 from None


def kind_of(row):
    return row._meta.model_name


def anchor_of(row):
    return f"{kind_of(row)}-{row.pk}"


def version_of(row):
    """The row's version: a digest of its stored values. Its position is left out: a row moved
    aside by a neighbour's insertion or move has not changed."""
    values = []
    for field in row._meta.concrete_fields:
        if field.name == "position":
            continue
        value = getattr(row, field.attname)
        values.append(f"{value.normalize():f}" if isinstance(value, Decimal) else str(value))
    return hashlib.sha256("\x1f".join(values).encode()).hexdigest()[:16]


class Conflict(plan_editing.Conflict):
    """The line or subtotal was changed by someone else since it was opened: their values are
    shown, the user's stay in the form, nothing is saved."""

    def __init__(self, row, form):  # the parent words its message for plan rows
        Exception.__init__(self, _(
            "This %(row)s was changed by someone else since you opened it: their values are "
            "shown here, and yours are kept in the form. Nothing was saved. Save again to keep "
            "yours, or cancel to keep theirs.") % {"row": row._meta.verbose_name})
        self.row, self.form = row, form


# -- reading ----------------------------------------------------------------------------------

def row_prefetches(in_kind=False):
    prefetches = [Prefetch("lines", Line.objects.select_related("category")),
                  Prefetch("groups", Group.objects.all())]
    return prefetches + (["in_kind"] if in_kind else [])


def fetch(user, plan_id, budget_id, for_update=False, in_kind=False):
    """The budget of this plan with its lines and subtotals, if the user works for the plan's
    convention; a 404 otherwise (another convention's budget is as good as missing)."""
    budget = scoped_budget(user, (Budget.objects.select_related("plan__convention")
                                  .prefetch_related(*row_prefetches(in_kind))),
                           plan_id, budget_id, for_update)
    _link(budget)
    return budget


def scoped_budget(user, budgets, plan_id, budget_id, for_update=False):
    """The budget of `budgets` under this plan, locked with its plan for the transaction if
    asked, if the user works for the plan's convention; a 404 otherwise."""
    if for_update:
        budgets = budgets.select_for_update(of=("self", "plan"))
    budget = budgets.filter(pk=budget_id, plan_id=plan_id).first()
    if budget is None or not may_edit(user, budget.plan.convention_id):
        raise Http404
    return budget


def _link(budget):
    """Point each row at the fetched rows it names (its budget, subtotal, parent, rule), so that
    the models' checks follow them without a query."""
    lines = {line.pk: line for line in budget.lines.all()}
    groups = {group.pk: group for group in budget.groups.all()}
    for line in lines.values():
        line.budget = budget
        if line.group_id in groups:
            line.group = groups[line.group_id]
        if line.rule_base_id in lines:
            line.rule_base = lines[line.rule_base_id]
    for group in groups.values():
        group.budget = budget
        if group.parent_id in groups:
            group.parent = groups[group.parent_id]


def editable_budget(user, plan_id, budget_id):
    """The budget, if the user may change it now; its plan and itself locked for the rest of the
    transaction, so that writes to one plan follow one another."""
    budget = fetch(user, plan_id, budget_id, for_update=True)
    if budget.plan.is_locked:
        raise PermissionDenied(why_locked(budget.plan))
    return budget


def own_row(budget, kind, row_id):
    """A line or subtotal of this budget (fetched with it), or a 404."""
    rows = budget.lines.all() if model_of(kind) is Line else budget.groups.all()
    row = next((row for row in rows if row.pk == row_id), None)
    if row is None:
        raise Http404
    return row


def parent_id_of(row):
    return row.group_id if isinstance(row, Line) else row.parent_id


def _set_parent(row, group):
    if isinstance(row, Line):
        row.group = group
    else:
        row.parent = group


def siblings(budget, parent_id):
    """The lines and subtotals directly under a subtotal (or the budget, for None), in order."""
    members = [(g.position, 0, g.pk, g) for g in budget.groups.all() if g.parent_id == parent_id]
    members += [(ln.position, 1, ln.pk, ln) for ln in budget.lines.all()
                if ln.group_id == parent_id]
    return [member[-1] for member in sorted(members, key=lambda m: m[:3])]


def groups_in_order(budget):
    """[(group, depth)] of the budget's subtotals, each followed by those within it."""
    result = []

    def walk(parent_id, depth):
        for row in siblings(budget, parent_id):
            if isinstance(row, Group):
                result.append((row, depth))
                walk(row.pk, depth + 1)

    walk(None, 0)
    return result


def within(budget, group):
    """The ids of the subtotals within `group`, at any depth."""
    found, pending = set(), [group.pk]
    while pending:
        parent = pending.pop()
        for child in budget.groups.all():
            if child.parent_id == parent and child.pk not in found:
                found.add(child.pk)
                pending.append(child.pk)
    return found


def derived_from(budget, line):
    """The lines whose rule is a percentage of `line`."""
    return [other for other in budget.lines.all() if other.rule_base_id == line.pk]


# -- forms ------------------------------------------------------------------------------------

class RowChoiceField(forms.ChoiceField):
    """A line or subtotal of this budget, chosen among the rows fetched with it. A posted id of
    any other row (another budget's, or one that does not exist) is refused with `refused`;
    naming the row itself with `itself_refused`. Rows in `hidden` are accepted but not offered
    (the model's own check then explains why they are refused). A `required` field refuses no
    choice at all."""

    def __init__(self, rows, *, refused, label_of, itself=None, itself_refused=None,
                 hidden=(), required=False, **kwargs):
        self.rows = {str(row.pk): row for row in rows}
        self.refused, self.itself, self.itself_refused = refused, itself, itself_refused
        choices = [("", "—")] + [(str(row.pk), label_of(row)) for row in rows
                                 if row is not itself and row.pk not in hidden]
        super().__init__(choices=choices, required=required, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value)
        if self.itself is not None and value == str(self.itself.pk):
            raise ValidationError(self.itself_refused, code="itself")
        if value not in self.rows:
            raise ValidationError(self.refused, code="not_own_row")
        return self.rows[value]

    def validate(self, value):
        """to_python has checked the choice."""
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data):
        return str(initial or "") != str(data or "")


SEPARATED = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d*)?")


class AmountField(forms.DecimalField):
    """CHF as people type it: 345054, 345'054, 345,054.50 or CHF 345 054."""

    widget = forms.TextInput

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s'’]", "", value.strip().removeprefix("CHF"))
            if SEPARATED.fullmatch(value):
                value = value.replace(",", "")
        return super().to_python(value)

    def widget_attrs(self, widget):
        return {"inputmode": "decimal", "autocomplete": "off", "size": 14}


class BudgetRowForm(RowForm):
    def __init__(self, *args, budget, **kwargs):
        self.budget = budget
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 2

    def current_version(self):
        return version_of(self.instance)  # a budget row's version ignores its position

    # The rows these fields name were checked among the budget's own rows (RowChoiceField) or
    # by the category's choice: the model need not look each of them up again.
    CHECKED_LINKS = {"category", "group", "rule_base", "parent"}

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() | self.CHECKED_LINKS

    def subtotal_field(self, name, refused, itself_refused=None, hidden=()):
        groups = groups_in_order(self.budget)
        depths = {group.pk: depth for group, depth in groups}
        itself = self.instance if isinstance(self.instance, Group) and self.instance.pk else None
        return RowChoiceField(
            [group for group, _depth in groups], refused=refused, itself=itself,
            itself_refused=itself_refused, hidden=hidden,
            label_of=lambda group: "— " * depths[group.pk] + str(group),
            label=self._meta.model._meta.get_field(name).verbose_name.capitalize())


def line_choice_label(line):
    if line.amount is None:
        return str(line)
    return f"{line} ({format_money(line.amount, get_language())})"


class LineForm(BudgetRowForm):
    """A line: its category and label, an amount or a rule (a percentage of another line of
    this budget), its note, its subtotal."""

    class Meta:
        model = Line
        fields = ["category", *bilingual("label"), "amount", "rule_rate", "rule_base",
                  *bilingual("note"), "group"]
        field_classes = {"amount": AmountField}
        widgets = {"rule_rate": forms.TextInput(attrs={"inputmode": "decimal", "size": 6,
                                                       "autocomplete": "off"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        itself = self.instance if self.instance.pk else None
        self.fields["rule_base"] = RowChoiceField(
            list(self.budget.lines.all()), itself=itself, label_of=line_choice_label,
            refused=_("A rule refers to a line of the same budget."),
            itself_refused=_("A line cannot be derived from itself."),
            label=Line._meta.get_field("rule_base").verbose_name.capitalize())
        self.fields["group"] = self.subtotal_field(
            "group", refused=_("Choose a subtotal of this budget."))
        if self.instance.pk:
            self.fields["category"].empty_label = None

    def clean(self):
        """The model's two checks of a rule (its constraints), made here without a query."""
        data = super().clean()
        if {"amount", "rule_rate", "rule_base"} & set(self.errors):
            return data
        rate, base = data.get("rule_rate"), data.get("rule_base")
        if (rate is None) != (base is None):
            raise ValidationError(_("A rule needs both its percentage and its line."))
        if data.get("amount") is None and base is None:
            raise ValidationError(_("Enter an amount, or a percentage of another line."))
        return data


class GroupForm(BudgetRowForm):
    """A subtotal: its title, and the subtotal it is within, if any."""

    class Meta:
        model = Group
        fields = [*bilingual("title"), "parent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hidden = within(self.budget, self.instance) if self.instance.pk else set()
        self.fields["parent"] = self.subtotal_field(
            "parent", refused=_("A subtotal belongs to a subtotal of the same budget."),
            itself_refused=_("A subtotal cannot contain itself."), hidden=hidden)


FORMS = {"line": LineForm, "group": GroupForm}

# A new budget's form offers this many blank rows for its first lines, and as many more each
# time more are asked for, up to MOST_NEW_ROWS.
NEW_ROWS = 6
MOST_NEW_ROWS = 60


class NewLineForm(RowForm):
    """Row `number` (counted from 1) of a new budget's first lines: its category, its label
    where the category's name is not the one printed, and an amount or a rule (a percentage of
    an earlier row of the same form, by its number). `names` are what the rows are called so
    far, for choosing a rule's row."""

    version = None  # the line is not stored yet
    use_required_attribute = False  # a blank row is left out, not refused
    rule_row = forms.IntegerField(required=False, min_value=1, widget=forms.Select)

    class Meta:
        model = Line
        fields = ["category", *bilingual("label"), "amount", "rule_rate"]
        field_classes = {"amount": AmountField}
        widgets = {"rule_rate": forms.TextInput(attrs={"inputmode": "decimal", "size": 6,
                                                       "autocomplete": "off"})}

    def __init__(self, *args, number, categories, names=(), **kwargs):
        self.number = number
        super().__init__(*args, prefix=f"line-{number}", **kwargs)
        self.fields["category"] = RowChoiceField(
            categories, required=True, label_of=str,
            refused=_("Select a valid choice. That choice is not one of the available choices."),
            label=Line._meta.get_field("category").verbose_name.capitalize())
        rule_row = self.fields["rule_row"]
        rule_row.label = Line._meta.get_field("rule_base").verbose_name.capitalize()
        rule_row.widget.choices = [("", "—")] + [
            (str(earlier), f"{earlier} · {name}" if name else str(earlier))
            for earlier, name in enumerate(names[:number - 1], start=1)]
        for name, field in self.fields.items():
            field.widget.attrs["aria-labelledby"] = f"new-lines-{name} new-line-{number}"

    def _get_validation_exclusions(self):
        # The category was chosen among those fetched for the form.
        return super()._get_validation_exclusions() | {"category"}

    def clean(self):
        """A rule names an earlier row, and has both its percentage and its row; a line without
        a rule has an amount."""
        data = super().clean()
        row = data.get("rule_row")
        if row is not None and row >= self.number:
            self.add_error("rule_row", _("A rule refers to an earlier row of this form."))
        if {"amount", "rule_rate", "rule_row"} & set(self.errors):
            return data
        if (data.get("rule_rate") is None) != (row is None):
            raise ValidationError(_("A rule needs both its percentage and its line."))
        if data.get("amount") is None and row is None:
            raise ValidationError(_("Enter an amount, or a percentage of another line."))
        return data


def is_blank(row):
    """Whether a row of a new budget's lines was left empty (it is then ignored)."""
    return not any(str(value).strip() for value in row.values() if value is not None)


def _row_name(row, categories):
    """A row as typed: its label in the user's language (else in another), else its category's
    name; "" for a row without either."""
    codes = [get_language(), *LANGUAGE_CODES]
    labels = [str(row.get(localized("label", code)) or "").strip()
              for code in codes if code in LANGUAGE_CODES]
    category = categories.get(str(row.get("category") or ""))
    return next((label for label in labels if label), str(category) if category else "")


def posted_lines(data):
    """The rows of a new budget's lines as its form posts them ("rows" of them, at most
    MOST_NEW_ROWS): for each, {field name: value}."""
    count = min(whole_number(data.get("rows"), 1) or NEW_ROWS, MOST_NEW_ROWS)
    return [{name: data.get(f"line-{number}-{name}", "") for name in NewLineForm.base_fields}
            for number in range(1, count + 1)]


def new_line_forms(rows, checked=True):
    """A form for each row of a new budget's lines, numbered from 1: bound to what was typed,
    to be checked, or (a blank row, or every row where not `checked`) showing it unchecked."""
    categories = list(Category.objects.all())
    by_pk = {str(category.pk): category for category in categories}
    names = [_row_name(row, by_pk) for row in rows]
    forms_ = []
    for number, row in enumerate(rows, start=1):
        shared = {"number": number, "categories": categories, "names": names}
        if checked and not is_blank(row):
            data = {f"line-{number}-{name}": value for name, value in row.items()}
            forms_.append(NewLineForm(data, **shared))
        else:
            forms_.append(NewLineForm(initial=dict(row), **shared))
    return forms_


class BadLines(ValidationError):
    """Rows of a new budget's lines are wrong; `forms` has each row's form, with its errors."""

    def __init__(self, forms_):
        super().__init__(_("Nothing was saved: some lines have errors, shown on their rows."),
                         code="bad_lines")
        self.forms = forms_


def form_class(kind):
    model_of(kind)
    return FORMS[kind]


def parent_field(kind):
    return "group" if kind == "line" else "parent"


# -- writes -----------------------------------------------------------------------------------

def stored_row(kind, row_id):
    """The row as it is stored now, with what it names (for a conflict's "their values")."""
    model = model_of(kind)
    related = ["category", "rule_base__category", "group"] if model is Line else ["parent"]
    return model.objects.select_related(*related).get(pk=row_id)


@transaction.atomic
def save_row(user, plan_id, budget_id, kind, row_id, data):
    """Save one line's or subtotal's form; returns (row, form). Invalid data gives the form with
    its errors and saves nothing; a row changed since it was opened raises Conflict. A row put
    under another subtotal goes last in it. The saved row stays among the budget's fetched rows
    (row.budget), so the figures can be computed again without a query."""
    budget = editable_budget(user, plan_id, budget_id)
    row = own_row(budget, kind, row_id)
    stored = version_of(row)  # before the form puts the posted values on the row
    form = form_class(kind)(data, instance=row, budget=budget)
    if not form.is_valid():
        return row, form
    if form.cleaned_data.get("version") != stored:
        raise Conflict(stored_row(kind, row_id), form)
    row = form.save(commit=False)
    if parent_field(kind) in form.changed_data:
        others = [r for r in siblings(budget, parent_id_of(row)) if r is not row]
        row.position = max((r.position for r in others), default=0) + 1
    row.save()
    return row, form


def parse_place(place):
    """("after" | "before", kind, id), ("in", "group", id) or ("end", None, None)."""
    where, _sep, anchor = (place or "").partition(":")
    kind, _sep, row_id = anchor.partition("-")
    if where in ("after", "before", "in") and kind in KINDS and whole_number(row_id, 1) is not None:
        if where == "in" and kind != "group":
            raise Http404
        return where, kind, whole_number(row_id, 1)
    return "end", None, None


def new_row(budget, kind, place):
    """An unsaved row of `kind` under the parent the place names, and its reference row."""
    where, ref_kind, ref_id = parse_place(place)
    reference = own_row(budget, ref_kind, ref_id) if ref_kind else None
    if where == "in":
        parent = reference
    elif reference is not None:
        parent_id = parent_id_of(reference)
        parent = own_row(budget, "group", parent_id) if parent_id else None
    else:
        parent = None
    row = model_of(kind)(budget=budget)
    _set_parent(row, parent)
    return row, where, reference


@transaction.atomic
def add_row(user, plan_id, budget_id, kind, data, place=""):
    """Add a line or subtotal where it was asked for: "after:line-5", "before:line-5",
    "in:group-2" (last in that subtotal) or "" (last in the budget); returns (row or None,
    form). A row put under another subtotal than the place's goes last in that subtotal."""
    budget = editable_budget(user, plan_id, budget_id)
    row, where, reference = new_row(budget, kind, place)
    asked_parent = parent_id_of(row)
    form = form_class(kind)(data, instance=row, budget=budget)
    if not form.is_valid():
        return None, form
    row = form.save(commit=False)
    ordered = siblings(budget, parent_id_of(row))
    if where in ("after", "before") and parent_id_of(row) == asked_parent:
        index = ordered.index(reference) + (1 if where == "after" else 0)
    else:
        index = len(ordered)
    ordered.insert(index, row)
    _renumber(ordered, changed=[row])
    return row, form


def _renumber(ordered, changed=()):
    """Positions 1, 2, 3… in the given order; saves the rows in `changed` and those whose
    position changed."""
    for position, row in enumerate(ordered, start=1):
        if any(row is other for other in changed) or row.pk is None:
            row.position = position
            row.save()
        elif row.position != position:
            row.position = position
            row.save(update_fields=["position"])


@transaction.atomic
def move_row(user, plan_id, budget_id, kind, row_id, direction):
    """Move a line or subtotal one place up or down among the rows of its parent."""
    budget = editable_budget(user, plan_id, budget_id)
    row = own_row(budget, kind, row_id)
    moved = reordered(siblings(budget, parent_id_of(row)), row, direction)
    if moved is not None:
        _renumber(moved)
    return row


def has_spending(line):
    """Whether any expenditure or reallocation names the line (a correction or revision copies
    them with the budget)."""
    return (line.expenditures.exists() or line.reallocations_out.exists()
            or line.reallocations_in.exists())


def what_goes_with(budget, row):
    """What a deletion does besides removing the row: {"derived": [lines whose rule names
    it]} for a line (it cannot go while they do), {"kept": [rows directly in it]} for a
    subtotal (they stay, in its place)."""
    if isinstance(row, Line):
        return {"derived": derived_from(budget, row), "kept": []}
    return {"derived": [], "kept": siblings(budget, row.pk)}


@transaction.atomic
def delete_row(user, plan_id, budget_id, kind, row_id, version):
    """Delete a line, or a subtotal (its lines and subtotals take its place), if it is still as
    the user saw it. A line that another line's rule names is not deleted."""
    budget = editable_budget(user, plan_id, budget_id)
    row = own_row(budget, kind, row_id)
    if version != version_of(row):
        raise Conflict(row, None)
    parent_id = parent_id_of(row)
    ordered = siblings(budget, parent_id)
    index = ordered.index(row)
    if isinstance(row, Line):
        derived = derived_from(budget, row)
        if derived:
            raise ValidationError(
                _("“%(line)s” cannot be deleted: the rule of %(lines)s is a percentage of it. "
                  "Change that rule first.")
                % {"line": row, "lines": series(f"“{line}”" for line in derived)},
                code="derived")
        if has_spending(row):
            raise ValidationError(
                _("“%(line)s” cannot be deleted: spending or a reallocation is recorded "
                  "against it.") % {"line": row}, code="spending")
        row.delete()
        _renumber(ordered[:index] + ordered[index + 1:])
        return
    kept = siblings(budget, row.pk)
    parent = row.parent if parent_id else None
    for child in kept:
        _set_parent(child, parent)
    _renumber(ordered[:index] + kept + ordered[index + 1:], changed=kept)
    row.delete()


@transaction.atomic
def set_layout(user, plan_id, budget_id, layout):
    """How the plan's official document prints this budget's table: one of Budget.Layout.
    Only a draft's budget changes, as its lines do."""
    plan_editing.editable_plan(user, plan_id)
    budget = Budget.objects.filter(pk=budget_id, plan_id=plan_id).first()
    if budget is None:
        raise Http404
    if layout not in Budget.Layout.values:
        raise ValidationError(_("Choose how the document prints the table."))
    budget.layout = layout
    budget.full_clean()
    budget.save(update_fields=["layout", "updated_at"])
    return budget


@transaction.atomic
def create_budget(user, plan_id, year, lines=()):
    """A new budget for a year of the plan that has none, with its first `lines` in the order
    given: each row's values as NewLineForm takes them, blank rows ignored. A rule names an
    earlier, filled-in row by its number (counted from 1 among all the rows) and becomes a
    percentage of the line made from that row. Any wrong row raises BadLines, with the errors
    on each row's form: nothing is saved."""
    plan = plan_editing.editable_plan(user, plan_id)
    if year is None or not plan.start_year <= year <= plan.end_year:
        raise ValidationError(_("The year must fall within the work plan's period "
                                "(%(period)s).") % {"period": plan.period})
    # The table is printed as the convention's latest budget printed it, until staff choose.
    latest = (Budget.objects.filter(plan__convention=plan.convention_id)
              .order_by("-year", "-pk").values_list("layout", flat=True).first())
    budget = Budget(plan=plan, year=year, layout=latest or Budget.Layout.NOTES)
    budget.full_clean()
    rows = list(lines)
    forms_ = new_line_forms(rows) if rows else []
    filled = {form.number: form for form in forms_ if form.is_bound}
    for form in filled.values():
        form.is_valid()
        row = form.cleaned_data.get("rule_row")
        if row is not None and row not in filled:
            form.add_error("rule_row", _("Row %(number)s is blank: a rule refers to a filled-in "
                                         "row.") % {"number": row})
    if any(form.errors for form in filled.values()):
        raise BadLines(forms_)
    budget.save()
    made = {}
    for position, (number, form) in enumerate(filled.items(), start=1):
        line = form.save(commit=False)
        line.budget, line.position = budget, position
        row = form.cleaned_data.get("rule_row")
        line.rule_base = made[row] if row is not None else None
        line.save()
        made[number] = line
    return budget
