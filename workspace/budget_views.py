"""The workspace's budget page: a plan's budget for a year, as its document prints it, edited
one line or subtotal at a time, with and without JavaScript.

All writes go through budgets/editing.py. With htmx a line's form opens in place of its row and
a save answers the row alone, with the figures that follow from it (subtotals, the total, the
lines following a rule) as out-of-band swaps of their cells. A save that puts the row under
another subtotal changes the table's shape: it answers HX-Refresh and the page is shown again.
Adding, moving and deleting rows are ordinary forms followed by the page. A new budget is
created with its first lines from one form (on the plan's page, or its own page when it is
shown again with more rows or with errors).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from budgets import editing, worksheet
from budgets.models import Budget
from lib.params import whole_number
from lib.translated_fields import LANGUAGE_CODES
from workplans import editing as plan_editing
from workspace.views import staff_only

STRUCTURE_FIELDS = {"group", "parent"}


def _page_url(plan_id, budget_id, anchor=""):
    return (reverse("workspace:budget-page", args=[plan_id, budget_id])
            + (f"#{anchor}" if anchor else ""))


def _rows_url(plan_id, budget_id):
    return _page_url(plan_id, budget_id) + "rows/"


def _parse_anchor(value):
    kind, _sep, row_id = (value or "").partition("-")
    number = whole_number(row_id, 1)
    return (kind, number) if kind in editing.KINDS and number is not None else (None, None)


@staff_only
@require_GET
def page(request, plan_id, budget_id):
    """The budget's table; one row open for editing (?edit=line-5), a new row's form
    (?add=line&place=after:line-5) or a deletion to confirm (?delete=group-2), without
    JavaScript."""
    return _page(request, plan_id, budget_id, opened=True)


def _page(request, plan_id, budget_id, status=200, opened=False, **extra):
    budget = editing.fetch(request.user, plan_id, budget_id, in_kind=True)
    plan = budget.plan
    context = {
        "plan": plan, "budget": budget, "sheet": worksheet.build(budget),
        "editable": not plan.is_locked, "languages": LANGUAGE_CODES,
        "rows_url": _rows_url(plan_id, budget_id),
        "years": Budget.objects.filter(plan=plan).order_by("year").values_list("pk", "year"),
        "layouts": Budget.Layout.choices,
    }
    if opened and not plan.is_locked:
        context |= _open_forms(request, budget)
    return render(request, "workspace/budget.html", context | extra, status=status)


def _open_forms(request, budget):
    """The form asked for in the address: a row to edit, a row to add, a row to delete."""
    opened = {}
    kind, row_id = _parse_anchor(request.GET.get("edit"))
    if kind:
        row = editing.own_row(budget, kind, row_id)
        opened["editing"] = {"anchor": editing.anchor_of(row),
                             "form": editing.form_class(kind)(instance=row, budget=budget)}
    kind, row_id = _parse_anchor(request.GET.get("delete"))
    if kind:
        row = editing.own_row(budget, kind, row_id)
        opened["deleting"] = _deleting(budget, row)
    if request.GET.get("add") in editing.KINDS:
        opened["adding"] = _adding(budget, request.GET["add"], request.GET.get("place", ""))
    return opened


def _deleting(budget, row):
    return {"anchor": editing.anchor_of(row), "version": editing.version_of(row),
            **editing.what_goes_with(budget, row)}


def _adding(budget, kind, place, form=None):
    row, where, _reference = editing.new_row(budget, kind, place)
    place = place if where != "end" else "end"
    return {"kind": kind, "place": place, "label": type(row)._meta.verbose_name,
            "form": form or editing.form_class(kind)(instance=row, budget=budget),
            "anchor": place.partition(":")[2]}


def _context(request, budget, **extra):
    plan_id, budget_id = budget.plan_id, budget.pk
    return {"plan": budget.plan, "budget": budget, "editable": not budget.plan.is_locked,
            "rows_url": _rows_url(plan_id, budget_id), **extra}


@staff_only
@require_GET
def edit_row(request, plan_id, budget_id, kind, row_id):
    """The form of one line or subtotal (htmx swaps it in place of the row)."""
    budget = editing.fetch(request.user, plan_id, budget_id)
    if budget.plan.is_locked:
        raise PermissionDenied
    row = editing.own_row(budget, kind, row_id)
    sheet = worksheet.build(budget)
    return render(request, "workspace/_budget_form.html", _context(
        request, budget, item=sheet.row(editing.anchor_of(row)),
        form=editing.form_class(kind)(instance=row, budget=budget)))


@staff_only
@require_http_methods(["GET", "POST"])
def row(request, plan_id, budget_id, kind, row_id):
    """GET: the row as shown (cancel). POST: save the row; htmx gets the row's new HTML and
    the figures that follow from it, a plain form a redirect to the page."""
    if request.method == "GET":
        budget = editing.fetch(request.user, plan_id, budget_id)
        found = editing.own_row(budget, kind, row_id)
        return render(request, "workspace/_budget_row.html", _context(
            request, budget, item=worksheet.build(budget).row(editing.anchor_of(found))))
    try:
        saved, form = editing.save_row(request.user, plan_id, budget_id, kind, row_id,
                                       request.POST)
    except editing.Conflict as conflict:
        return _answer_form(request, plan_id, budget_id, kind, row_id, conflict.form,
                            conflict=conflict)
    except PermissionDenied as refusal:
        return _refused(request, plan_id, budget_id, refusal)
    anchor = editing.anchor_of(saved)
    if form.errors:
        return _answer_form(request, plan_id, budget_id, kind, row_id, form)
    if not request.htmx:
        return redirect(_page_url(plan_id, budget_id, anchor))
    if STRUCTURE_FIELDS & set(form.changed_data):
        # The row now sits under another subtotal: the table's shape changes.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    budget = saved.budget  # fetched with its rows, the saved one among them
    sheet = worksheet.build(budget)
    context = _context(request, budget, item=sheet.row(anchor),
                       computed=[r for r in sheet.computed if r.anchor != anchor])
    return HttpResponse(render_to_string("workspace/_budget_row.html", context, request)
                        + render_to_string("workspace/_budget_figures.html", context, request))


def _answer_form(request, plan_id, budget_id, kind, row_id, form, conflict=None):
    """The row's form again, with its errors or with the other person's values; what the user
    typed is kept in the form."""
    extra = {"conflict": conflict}
    if conflict is not None:
        # Saving again keeps this person's values over the other's: the version is the new one.
        data = form.data.copy()
        data["version"] = editing.version_of(conflict.row)
        form.data = data
        extra["theirs"] = _values(conflict.row)
    if request.htmx:
        budget = editing.fetch(request.user, plan_id, budget_id)
        row = editing.own_row(budget, kind, row_id)
        return render(request, "workspace/_budget_form.html", _context(
            request, budget, item=worksheet.build(budget).row(editing.anchor_of(row)),
            form=form, **extra))
    return _page(request, plan_id, budget_id,
                 editing={"anchor": f"{kind}-{row_id}", "form": form}, **extra)


def _values(row):
    """[(label, value)] of a row as stored, for a conflict: what the other person saved."""
    shown = []
    for name in editing.form_class(editing.kind_of(row))._meta.fields:
        field = row._meta.get_field(name)
        value = getattr(row, name)
        shown.append((field.verbose_name, "—" if value in (None, "") else value))
    return shown


def _refused(request, plan_id, budget_id, refusal):
    messages.error(request, str(refusal))
    url = _page_url(plan_id, budget_id)
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@staff_only
@require_POST
def layout(request, plan_id, budget_id):
    """Choose how the plan's official document prints the table."""
    try:
        editing.set_layout(request.user, plan_id, budget_id, request.POST.get("layout"))
    except PermissionDenied as refusal:
        return _refused(request, plan_id, budget_id, refusal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect(_page_url(plan_id, budget_id))


@staff_only
@require_http_methods(["GET", "POST"])
def add_row(request, plan_id, budget_id):
    """GET: a new line's or subtotal's form (htmx puts it where the row goes). POST: add the
    row there."""
    params = request.POST if request.method == "POST" else request.GET
    kind, place = params.get("kind") or params.get("add", ""), params.get("place", "")
    editing.model_of(kind)
    if request.method == "GET":
        budget = editing.fetch(request.user, plan_id, budget_id)
        if budget.plan.is_locked:
            raise PermissionDenied
        return render(request, "workspace/_budget_add.html", _context(
            request, budget, adding=_adding(budget, kind, place)))
    try:
        new, form = editing.add_row(request.user, plan_id, budget_id, kind, request.POST,
                                    place)
    except PermissionDenied as refusal:
        return _refused(request, plan_id, budget_id, refusal)
    if new is None:
        budget = editing.fetch(request.user, plan_id, budget_id)
        return _page(request, plan_id, budget_id, adding=_adding(budget, kind, place, form))
    return redirect(_page_url(plan_id, budget_id, editing.anchor_of(new)))


@staff_only
@require_POST
def move_row(request, plan_id, budget_id, kind, row_id):
    try:
        editing.move_row(request.user, plan_id, budget_id, kind, row_id,
                         request.POST.get("direction"))
    except PermissionDenied as refusal:
        return _refused(request, plan_id, budget_id, refusal)
    return redirect(_page_url(plan_id, budget_id, f"{kind}-{row_id}"))


@staff_only
@require_http_methods(["GET", "POST"])
def delete_row(request, plan_id, budget_id, kind, row_id):
    """GET: what the deletion does, to confirm. POST: delete the row."""
    if request.method == "GET":
        budget = editing.fetch(request.user, plan_id, budget_id)
        if budget.plan.is_locked:
            raise PermissionDenied
        found = editing.own_row(budget, kind, row_id)
        return render(request, "workspace/_budget_delete.html", _context(
            request, budget, item=worksheet.build(budget).row(editing.anchor_of(found)),
            deleting=_deleting(budget, found)))
    anchor = f"{kind}-{row_id}"
    try:
        editing.delete_row(request.user, plan_id, budget_id, kind, row_id,
                           request.POST.get("version", ""))
    except editing.Conflict:
        messages.error(request, _("The row was changed since you saw it: it was not deleted. "
                                  "Look at it again before deleting it."))
        return redirect(_page_url(plan_id, budget_id, anchor))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_page_url(plan_id, budget_id, anchor))
    except PermissionDenied as refusal:
        return _refused(request, plan_id, budget_id, refusal)
    messages.success(request, _("Deleted."))
    return redirect(_page_url(plan_id, budget_id))


@staff_only
@require_http_methods(["GET", "POST"])
def create(request, plan_id):
    """GET: a new budget's form, for a year of the plan that has none, with blank rows for its
    first lines. POST: create it with the lines of the rows filled in; "More rows" shows the
    form again with more blank rows, what was typed kept. Bad input shows the form again with
    its errors, what was typed kept; nothing is saved."""
    try:
        if request.method == "GET" or "more" in request.POST:
            return _new_budget(request, plan_id, more=request.method == "POST")
        rows = editing.posted_lines(request.POST)
        budget = editing.create_budget(request.user, plan_id,
                                       whole_number(request.POST.get("year", ""), 1),
                                       lines=rows)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return redirect(reverse("workspace:plan", args=[plan_id]))
    except editing.BadLines as error:
        return _new_budget(request, plan_id, lines=error.forms, error=error)
    except ValidationError as error:
        return _new_budget(request, plan_id, error=error,
                           lines=editing.new_line_forms(rows, checked=False))
    if any(not editing.is_blank(row) for row in rows):
        message = _("The budget for %(year)s is ready, with its first lines.")
    else:
        message = _("The budget for %(year)s is ready: add its lines.")
    messages.success(request, message % {"year": budget.year})
    return redirect(_page_url(plan_id, budget.pk))


def _new_budget(request, plan_id, lines=None, error=None, more=False):
    """The new budget's page: its form with the given rows (blank ones by default, or what was
    posted and more blank rows for "More rows"), and what was wrong."""
    plan = plan_editing.editable_plan(request.user, plan_id, for_update=False)
    if more:
        rows = editing.posted_lines(request.POST)
        rows += [{}] * max(0, min(editing.NEW_ROWS, editing.MOST_NEW_ROWS - len(rows)))
        lines = editing.new_line_forms(rows, checked=False)
    new_budget = {"year": whole_number(request.POST.get("year", ""), 1), "lines": lines or [],
                  "error": " ".join(error.messages) if error else ""}
    return render(request, "workspace/budget_new.html", {"plan": plan, "new_budget": new_budget},
                  status=400 if error else 200)
