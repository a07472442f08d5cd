"""The workspace's spending page: what a budget of an adopted plan has committed and spent, line
by line against its revised budget, with the forecast to the year's end; the records by period,
the reallocations and the carry-forward, each recorded, corrected or deleted through a plain
form (no JavaScript needed). All writes go through budgets/spending.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from budgets import spending
from budgets.figures import compute
from budgets.models import Expenditure, Reallocation
from lib.money import format_money
from lib.params import whole_number
from lib.periods import Period, PeriodKind
from workspace.views import staff_only


def _page_url(plan_id, budget_id, anchor=""):
    return (reverse("workspace:budget-spending", args=[plan_id, budget_id])
            + (f"#{anchor}" if anchor else ""))


def _parse_anchor(value):
    kind, _sep, row_id = (value or "").rpartition("-")
    number = whole_number(row_id, 1)
    return (kind, number) if kind in spending.KINDS and number is not None else (None, None)


@staff_only
@require_GET
def page(request, plan_id, budget_id):
    """The spending of the budget; a record opened for correction (?edit=expenditure-5) or a
    deletion to confirm (?delete=reallocation-2), without JavaScript."""
    return _page(request, plan_id, budget_id, opened=True)


def _page(request, plan_id, budget_id, status=200, opened=False, posted=None, **extra):
    """The page; `posted` is {kind: form} of a new record's form shown again with its errors."""
    budget = spending.fetch(request.user, plan_id, budget_id)
    closed = spending.why_closed(budget)
    figures = compute(budget)
    context = {"plan": budget.plan, "budget": budget, "figures": figures, "closed": closed,
               "table": table_rows(figures), "records": _records(budget),
               "labels": {kind: model._meta.verbose_name
                          for kind, model in spending.KINDS.items()},
               "through": (Period(budget.year, PeriodKind.MONTH, figures.months_recorded)
                           if figures.months_recorded else None)}
    if not closed:
        context["adding"] = {kind: spending.new_form(budget, kind)
                             for kind in spending.KINDS} | (posted or {})
    if opened and not closed:
        context |= _opened(request, budget)
    return render(request, "workspace/budget_spending.html", context | extra, status=status)


def table_rows(figures):
    """[(kind, depth, figure)] of the budget's lines and subtotals as the table prints them:
    each subtotal after its lines."""
    rows = []

    def walk(items, depth):
        for item in items:
            if item.is_group:
                walk(item.items, depth + 1)
                rows.append(("group", depth, item))
            else:
                rows.append(("line", depth, item))

    walk(figures.items, 0)
    return rows


def _records(budget):
    """[(line, [its records by period])] in the table's order, for lines with any."""
    return [(line, list(line.expenditures.all())) for line in budget.lines.all()
            if line.expenditures.all()]


def _opened(request, budget):
    opened = {}
    kind, row_id = _parse_anchor(request.GET.get("edit"))
    if kind:
        row = spending.own_row(budget, kind, row_id)
        opened["editing"] = {"kind": kind, "pk": row.pk,
                             "form": spending.edit_form(budget, row)}
    kind, row_id = _parse_anchor(request.GET.get("delete"))
    if kind:
        row = spending.own_row(budget, kind, row_id)
        opened["deleting"] = {"kind": kind, "pk": row.pk, "summary": describe(row),
                              "version": spending.version_of(row)}
    return opened


def describe(row):
    """A record in a line, to confirm its deletion."""
    language = get_language()
    if isinstance(row, Expenditure):
        return _("“%(line)s”, %(period)s: %(committed)s committed, %(spent)s spent") % {
            "line": row.line, "period": row.period.label(),
            "committed": format_money(row.committed, language),
            "spent": format_money(row.spent, language)}
    if isinstance(row, Reallocation):
        return _("%(amount)s from “%(from)s” to “%(to)s”") % {
            "amount": format_money(row.amount, language), "from": row.from_line,
            "to": row.to_line}
    return format_money(row.amount, language)


def _refused(request, plan_id, budget_id, refusal):
    messages.error(request, str(refusal))
    return redirect(_page_url(plan_id, budget_id))


@staff_only
@require_POST
def record(request, plan_id, budget_id, kind):
    """Record a new expenditure, reallocation or carry-forward; its form is shown again with
    its errors, what was typed kept, if anything is wrong."""
    spending.model_of(kind)
    try:
        row, form = spending.record(request.user, plan_id, budget_id, kind, request.POST)
    except PermissionDenied as refusal:
        return _refused(request, plan_id, budget_id, refusal)
    if row is None:
        return _page(request, plan_id, budget_id, status=400, posted={kind: form})
    messages.success(request, _("Recorded."))
    return redirect(_page_url(plan_id, budget_id, spending.anchor_of(row)))


@staff_only
@require_POST
def correct(request, plan_id, budget_id, kind, row_id):
    """Save a record's correction; its form is shown again with its errors, or with the values
    someone else saved meanwhile (what this user typed kept in the form)."""
    spending.model_of(kind)
    try:
        row, form = spending.correct(request.user, plan_id, budget_id, kind, row_id,
                                     request.POST)
    except spending.Conflict as conflict:
        form = conflict.form
        data = form.data.copy()  # saving again keeps this person's values over the other's
        data["version"] = spending.version_of(conflict.row)
        form.data = data
        return _page(request, plan_id, budget_id, status=409, editing={
            "kind": kind, "pk": row_id, "form": form, "conflict": conflict,
            "theirs": _values(conflict.row, form)})
    except PermissionDenied as refusal:
        return _refused(request, plan_id, budget_id, refusal)
    if form.errors:
        return _page(request, plan_id, budget_id, status=400,
                     editing={"kind": kind, "pk": row_id, "form": form})
    messages.success(request, _("Saved."))
    return redirect(_page_url(plan_id, budget_id, spending.anchor_of(row)))


def _values(row, form):
    """[(label, value)] of a record as stored, for a conflict: what the other person saved."""
    shown = []
    for name, field in form.fields.items():
        if name == "version":
            continue
        value = row.period.label() if name == "period" else getattr(row, name, None)
        shown.append((field.label, "—" if value in (None, "") else value))
    return shown


@staff_only
@require_POST
def delete(request, plan_id, budget_id, kind, row_id):
    spending.model_of(kind)
    try:
        spending.delete(request.user, plan_id, budget_id, kind, row_id,
                        request.POST.get("version", ""))
    except spending.Conflict:
        messages.error(request, _("The record was changed since you saw it: it was not "
                                  "deleted. Look at it again before deleting it."))
        return redirect(_page_url(plan_id, budget_id, f"{kind}-{row_id}"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_page_url(plan_id, budget_id, f"{kind}-{row_id}"))
    except PermissionDenied as refusal:
        return _refused(request, plan_id, budget_id, refusal)
    messages.success(request, _("Deleted."))
    return redirect(_page_url(plan_id, budget_id))
