"""Recording what a budget spends: expenditure by line and period, the carry-forward from the
year before and reallocations between lines. The one write path of spending (the workspace's
spending page, the demo); the figures that follow are computed by budgets/figures.py.

Every write checks:
- scope: the user works for the plan's convention (another convention's budget is a 404);
- lock, the opposite of the budget's lines: spending is recorded against the budget of the plan
  in force, adopted or published, from which no correction or revision has been started. A
  draft or a plan under review may still change its budget. A correction or revision starts
  with a copy of the spending recorded so far (budgets/services.py) and takes the spending that
  follows once it is adopted in its turn;
- ownership: the row is one of this budget's (any other id is a 404), and the lines it names are
  this budget's lines;
- periods: a month or a quarter of the budget's year that has begun, which no other record of
  the same line covers (a month of a recorded quarter, or a quarter with a recorded month);
- amounts: committed, spent, a forecast and a carry-forward are zero or more; a reallocation
  moves more than zero from one line to another, never more than the first line's revised
  budget, and no change to the reallocations may leave a line with a revised budget below zero;
- conflicts: each row carries the version it had when it was opened (a digest of its values);
  correcting or deleting a row changed since raises `Conflict` with both values, and nothing
  of either is lost.

Each write is one transaction, with the plan and the budget locked for its length. A write
fetches the budget with its lines, spending and reallocations (fetch(): six queries) and checks
everything from those rows.
"""

from datetime import date

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from budgets.editing import (
    AmountField,
    BudgetRowForm,
    Conflict,
    RowChoiceField,
    scoped_budget,
    version_of,
)
from budgets.figures import compute, line_amounts
from budgets.models import Budget, CarryForward, Expenditure, Group, Line, Reallocation
from lib.forms import bilingual
from lib.money import format_money
from lib.periods import LAST, Period, PeriodKind
from workplans.models import WorkPlan

# The plans whose budget takes spending: adopted or published.
OPEN = (WorkPlan.Status.ADOPTED, WorkPlan.Status.PUBLISHED)


# -- reading ----------------------------------------------------------------------------------

def prefetches():
    """What the spending page and budgets/figures.py read of a budget's spending: its lines
    with their sums (Line.objects.with_spending()), their records by period, the subtotals, the
    reallocations and the carry-forwards. Five queries after the budget's, whatever its size."""
    return [
        Prefetch("lines", Line.objects.with_spending().select_related("category")),
        Prefetch("lines__expenditures",
                 Expenditure.objects.select_related("recorded_by").order_by(
                     "year", "period_kind", "period_number")),
        Prefetch("groups", Group.objects.all()),
        Prefetch("reallocations", Reallocation.objects.select_related("recorded_by")),
        Prefetch("carry_forwards", CarryForward.objects.select_related("recorded_by")),
    ]


def budgets_with_spending():
    """Budgets with their plan, whether a correction or revision of the plan was started, and
    their spending prefetched: filter it to the budgets wanted (six queries in all)."""
    return (Budget.objects.select_related("plan__convention")
            .annotate(revision_started=Exists(WorkPlan.objects.filter(revises=OuterRef("plan"))))
            .prefetch_related(*prefetches()))


def plan_figures(plan_id):
    """The figures of each budget of a plan, by year, with their spending (budgets/figures.py:
    revised budget, committed, spent, variance, forecast, carry-forward…): six queries, whatever
    the number of budgets, lines and records. Each BudgetFigures keeps its budget, whose
    reallocations, carry-forwards and lines' records (line.expenditures) are fetched with it.
    It checks no scope: the caller decides who may see them."""
    budgets = list(budgets_with_spending().filter(plan_id=plan_id).order_by("year"))
    for budget in budgets:
        link_rows(budget)
    return [compute(budget) for budget in budgets]


def fetch(user, plan_id, budget_id, for_update=False):
    """The budget of this plan with its spending, if the user works for the plan's convention;
    a 404 otherwise (another convention's budget is as good as missing)."""
    budget = scoped_budget(user, budgets_with_spending(), plan_id, budget_id, for_update)
    link_rows(budget)
    return budget


def link_rows(budget):
    """Point each fetched row at the fetched rows it names, so that checks cost no query."""
    lines = {line.pk: line for line in budget.lines.all()}
    for line in lines.values():
        line.budget = budget
        for expenditure in line.expenditures.all():
            expenditure.line = line
    for row in [*budget.reallocations.all(), *budget.carry_forwards.all()]:
        row.budget = budget
    for reallocation in budget.reallocations.all():
        if reallocation.from_line_id in lines:
            reallocation.from_line = lines[reallocation.from_line_id]
        if reallocation.to_line_id in lines:
            reallocation.to_line = lines[reallocation.to_line_id]


def why_closed(budget):
    """Why spending cannot be recorded against the budget now, or None where it can."""
    plan = budget.plan
    if plan.status not in OPEN:
        return _("Spending is recorded against the budget of an adopted work plan: %(plan)s is "
                 "“%(status)s”, and its budget may still change.") % {
            "plan": plan, "status": plan.get_status_display()}
    started = getattr(budget, "revision_started", None)
    if started is None:
        started = plan.revisions.exists()
    if started:
        return _("A correction or revision of %(plan)s has been started: the spending recorded "
                 "here was copied into it, and it takes what follows once it is adopted.") % {
            "plan": plan}
    return None


def is_open(budget):
    return why_closed(budget) is None


def open_budget(user, plan_id, budget_id):
    """The budget, if the user may record its spending now; its plan and itself locked for the
    rest of the transaction, so that writes to one budget follow one another."""
    budget = fetch(user, plan_id, budget_id, for_update=True)
    closed = why_closed(budget)
    if closed:
        raise PermissionDenied(closed)
    return budget


def expenditures(budget):
    """Every expenditure record of the budget, line by line in the table's order."""
    return [e for line in budget.lines.all() for e in line.expenditures.all()]


def rows_of(budget, kind):
    if kind == "expenditure":
        return expenditures(budget)
    if kind == "reallocation":
        return list(budget.reallocations.all())
    return list(budget.carry_forwards.all())


def own_row(budget, kind, row_id):
    """A record of this budget (fetched with it), or a 404."""
    model_of(kind)
    row = next((row for row in rows_of(budget, kind) if row.pk == row_id), None)
    if row is None:
        raise Http404
    return row


def periods_of(year, today=None):
    """The quarters, then the months, of a year that have begun by `today`."""
    today = today or timezone.localdate()
    every = [Period(year, kind, number) for kind in (PeriodKind.QUARTER, PeriodKind.MONTH)
             for number in range(1, LAST[kind] + 1)]
    return [period for period in every if period.start <= today]


def period_value(period):
    return f"{period.year}-{period.kind}-{period.number}"


def recorded_periods(budget):
    """The periods recorded for any line of the budget, in order."""
    return sorted({e.period for e in expenditures(budget)}, key=lambda p: (p.start, -p.end.month))


# -- forms ------------------------------------------------------------------------------------

def line_label(line):
    return str(line)


class PeriodField(forms.ChoiceField):
    """A month or a quarter, offered among those of the budget's year that have begun; any
    period posted is read, and the form says what is wrong with it."""

    def __init__(self, periods, **kwargs):
        super().__init__(choices=[(period_value(p), p.label()) for p in periods], **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        year, _sep, rest = str(value).partition("-")
        kind, _sep, number = rest.partition("-")
        try:
            return Period(int(year), kind, int(number))
        except ValueError:
            raise ValidationError(_("Choose a month or a quarter."), code="invalid") from None

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data):
        return str(initial or "") != str(data or "")


class SpendingForm(BudgetRowForm):
    """A record of a budget's spending; `budget` is fetched with its lines."""

    CHECKED_LINKS = {"line", "from_line", "to_line", "budget", "recorded_by"}

    def lines_field(self, name, **kwargs):
        return RowChoiceField(
            list(self.budget.lines.all()), required=True, label_of=line_label,
            refused=_("Choose a line of this budget."),
            label=self._meta.model._meta.get_field(name).verbose_name.capitalize(), **kwargs)


class ExpenditureForm(SpendingForm):
    """What a line committed and spent in a period, its forecast and a note."""

    class Meta:
        model = Expenditure
        fields = ["line", "committed", "spent", "forecast", *bilingual("note")]
        field_classes = {"committed": AmountField, "spent": AmountField,
                         "forecast": AmountField}

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["line"] = self.lines_field("line")
        offered = periods_of(self.budget.year, self.today)
        period = PeriodField(offered, label=_("Period"), required=True)
        if self.instance.pk:
            period.initial = period_value(self.instance.period)
        elif offered:  # the latest quarter begun, the one most often recorded next
            period.initial = period_value(max(
                (p for p in offered if p.kind == PeriodKind.QUARTER), key=lambda p: p.number))
        self.fields = {"line": self.fields.pop("line"), "period": period, **self.fields}

    def clean_period(self):
        """A month or quarter of the budget's year that has begun."""
        period = self.cleaned_data.get("period")
        if period is None:
            return period
        if period.year != self.budget.year:
            raise ValidationError(
                _("The spending of the %(year)s budget is recorded for a month or a quarter of "
                  "%(year)s.") % {"year": self.budget.year}, code="other_year")
        if period.start > self.today:
            raise ValidationError(_("%(period)s has not begun yet: record it once it has.")
                                  % {"period": period.label()}, code="future")
        return period

    def clean(self):
        data = super().clean()
        period = data.get("period")
        if period is not None:
            self.instance.year, self.instance.period_kind = period.year, period.kind
            self.instance.period_number = period.number
        return data


class CarryForwardForm(SpendingForm):
    """The balance brought from the year before, and why."""

    class Meta:
        model = CarryForward
        fields = ["amount", *bilingual("reason")]
        field_classes = {"amount": AmountField}


class ReallocationForm(SpendingForm):
    """An amount moved from one line to another, when and why."""

    class Meta:
        model = Reallocation
        fields = ["from_line", "to_line", "amount", "decided_on", *bilingual("reason")]
        field_classes = {"amount": AmountField}
        widgets = {"decided_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["from_line"] = self.lines_field("from_line")
        self.fields["to_line"] = self.lines_field("to_line")
        if not self.instance.pk:  # today, or the last day of a year that is over
            self.initial["decided_on"] = min(self.today, date(self.budget.year, 12, 31))

    def clean_decided_on(self):
        day = self.cleaned_data.get("decided_on")
        if day is None:
            return day
        if day > self.today:
            raise ValidationError(_("The date of the decision cannot be in the future."),
                                  code="future")
        if day < date(self.budget.year, 1, 1):
            raise ValidationError(
                _("A reallocation of the %(year)s budget is decided in %(year)s or later.")
                % {"year": self.budget.year}, code="before_the_year")
        return day

    def clean(self):
        data = super().clean()
        if data.get("from_line") is not None and data.get("from_line") == data.get("to_line"):
            self.add_error("to_line", _("A reallocation moves an amount from one line to "
                                        "another line."))
        return data


KINDS = {"expenditure": Expenditure, "carry-forward": CarryForward,
         "reallocation": Reallocation}
FORMS = {"expenditure": ExpenditureForm, "carry-forward": CarryForwardForm,
         "reallocation": ReallocationForm}


def model_of(kind):
    try:
        return KINDS[kind]
    except KeyError:
        raise Http404 from None


def kind_of(row):
    return next(kind for kind, model in KINDS.items() if isinstance(row, model))


def anchor_of(row):
    return f"{kind_of(row)}-{row.pk}"


def form_class(kind):
    model_of(kind)
    return FORMS[kind]


def new_form(budget, kind, data=None, today=None):
    """A form for a new record of `kind` (bound to `data` if given)."""
    row = model_of(kind)(budget=budget) if kind != "expenditure" else Expenditure()
    return _form(budget, kind, row, data, today)


def _form(budget, kind, row, data=None, today=None):
    extra = {"today": today} if kind != "carry-forward" else {}
    return form_class(kind)(data, instance=row, budget=budget, **extra)


def edit_form(budget, row, data=None, today=None):
    return _form(budget, kind_of(row), row, data, today)


# -- the checks across records -----------------------------------------------------------------

def _overlap(expenditure):
    """The record of the same line whose period overlaps the expenditure's, if any."""
    period = expenditure.period
    for other in expenditure.line.expenditures.all():
        if other.pk != expenditure.pk and other.period.start <= period.end \
                and period.start <= other.period.end:
            return other
    return None


def _check_expenditure(budget, form):
    row = form.instance
    other = _overlap(row)
    if other is None:
        return
    if other.period == row.period:
        message = _("Spending of “%(line)s” is already recorded for %(period)s: correct that "
                    "record instead.")
    else:
        message = _("Spending of “%(line)s” is already recorded for %(other)s, which overlaps "
                    "%(period)s: record the line by month or by quarter, not both.")
    form.add_error("period", message % {"line": row.line, "period": row.period.label(),
                                        "other": other.period.label()})


def revised_budgets(budget, reallocations):
    """{line id: revised budget} of the budget's lines under the given reallocations."""
    amounts, _rules = line_amounts(list(budget.lines.all()))
    revised = dict(amounts)
    for reallocation in reallocations:
        revised[reallocation.from_line_id] -= reallocation.amount
        revised[reallocation.to_line_id] += reallocation.amount
    return revised


def _money(amount):
    return format_money(amount, get_language())


def _check_reallocations(budget, changed=None, removed=None, form=None):
    """Refuse a reallocation (`changed`, new or corrected; or `removed`) that moves more than
    the first line's revised budget, or that leaves any line below zero."""
    others = [r for r in budget.reallocations.all()
              if r.pk not in {getattr(changed, "pk", None), getattr(removed, "pk", None)}]
    if changed is not None:
        before = revised_budgets(budget, others)[changed.from_line_id]
        if changed.amount > before:
            form.add_error("amount", _(
                "“%(line)s” has a revised budget of %(revised)s: no more than that can be "
                "moved from it.") % {"line": changed.from_line, "revised": _money(before)})
            return
        others.append(changed)
    revised = revised_budgets(budget, others)
    below = [line for line in budget.lines.all() if revised[line.pk] < 0]
    if below:
        message = _("This would leave “%(line)s” with a revised budget of %(revised)s, below "
                    "zero: amounts were moved from it in other reallocations.") % {
            "line": below[0], "revised": _money(revised[below[0].pk])}
        if form is None:
            raise ValidationError(message, code="below_zero")
        form.add_error(None, message)


CHECKS = {"expenditure": _check_expenditure,
          "reallocation": lambda budget, form: _check_reallocations(budget, form.instance,
                                                                     form=form),
          "carry-forward": lambda budget, form: None}


# -- writes -----------------------------------------------------------------------------------

def _stamp(row, user):
    row.recorded_by, row.recorded_at = user, timezone.now()
    row._history_user = user  # the history names who wrote it, in requests or not


@transaction.atomic
def record(user, plan_id, budget_id, kind, data, today=None):
    """Record a new expenditure, carry-forward or reallocation from its form's `data`;
    returns (row or None, form). Invalid data gives the form with its errors, nothing saved."""
    budget = open_budget(user, plan_id, budget_id)
    form = new_form(budget, kind, data, today)
    if form.is_valid():
        CHECKS[kind](budget, form)
    if not form.errors and kind != "expenditure" and _already_recorded(budget, kind, form):
        # A form sent twice (a double click, a reload) records its carry-forward or
        # reallocation once. An expenditure is one per line and period already.
        form.add_error(None, _("The same %(kind)s is already recorded: it is not recorded "
                               "twice. Correct the one recorded if it must change.")
                       % {"kind": model_of(kind)._meta.verbose_name})
    if form.errors:
        return None, form
    row = form.save(commit=False)
    if kind != "expenditure":
        row.budget = budget
    _stamp(row, user)
    row.save()
    return row, form


def _already_recorded(budget, kind, form):
    values = {name: form.cleaned_data.get(name) for name in form.Meta.fields}
    return model_of(kind).objects.filter(budget=budget, **values).exists()


def stored_row(kind, row_id):
    """The record as it is stored now, with the lines it names (a conflict's "their values")."""
    related = {"expenditure": ["line__category"],
               "reallocation": ["from_line__category", "to_line__category"]}.get(kind, [])
    return model_of(kind).objects.select_related("recorded_by", *related).get(pk=row_id)


@transaction.atomic
def correct(user, plan_id, budget_id, kind, row_id, data, today=None):
    """Correct a record from its form's `data` (which carries the version the record had when
    it was opened); returns (row, form). Invalid data gives the form with its errors; a record
    changed since it was opened raises Conflict, and nothing is saved."""
    budget = open_budget(user, plan_id, budget_id)
    row = own_row(budget, kind, row_id)
    stored = version_of(row)  # before the form puts the posted values on the row
    form = edit_form(budget, row, data, today)
    if form.is_valid():
        if form.cleaned_data.get("version") != stored:
            raise Conflict(stored_row(kind, row_id), form)
        CHECKS[kind](budget, form)
    if form.errors:
        return row, form
    row = form.save(commit=False)
    _stamp(row, user)
    row.save()
    return row, form


@transaction.atomic
def delete(user, plan_id, budget_id, kind, row_id, version):
    """Delete a record, if it is still as the user saw it. A reallocation whose removal would
    leave a line below zero (amounts moved on from the line it fed) stays."""
    budget = open_budget(user, plan_id, budget_id)
    row = own_row(budget, kind, row_id)
    if version != version_of(row):
        raise Conflict(row, None)
    if kind == "reallocation":
        _check_reallocations(budget, removed=row)
    row._history_user = user
    row.delete()


def spent_by_period(budget):
    """{(line id, period): expenditure} of the budget's records."""
    return {(e.line_id, e.period): e for e in expenditures(budget)}
