"""The staff workspace: a plan edited in place, one row per request.

Every action works as an ordinary form and redirect; with htmx (a static file) a row is edited
in place and only that row travels. All writes go through workplans/editing.py and
workplans/services.py.
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from financing.models import Fund
from isu.roles import (
    convention_ids_for,
    edits_any_convention,
    has_any_role,
    may_edit,
    may_keep_accounts,
    may_see,
)
from lib.params import whole_number
from lib.translated_fields import LANGUAGE_CODES, localized
from meetings.models import Document
from workplans import editing
from workplans.compare import compare
from workplans.completeness import may_waive, missing, waive
from workplans.forms import NewPlanForm, WorkflowForm
from workplans.history import row_history
from workplans.models import Waiver, WorkPlan
from workplans.services import (
    INDICATOR_CHOICES,
    clone_into_next_period,
    start_plan,
    start_revision,
    take_step,
)
from workplans.workflow import available_steps, publishes_at_once
from workplans.years import old_year_places
from workspace.outline import find_node, plan_outline, row_node, texts

NUMBER_FIELDS = {"numbered", "bullet", "lettered", "subparagraph_style", "kind"}


def staff_only(view):
    """Signed-in staff with a role; everyone else is sent to sign in (or refused)."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not has_any_role(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _plan_url(plan_id, anchor=""):
    return reverse("workspace:plan", args=[plan_id]) + (f"#{anchor}" if anchor else "")


def _visible_plan(request, plan_id):
    plan = WorkPlan.objects.select_related("convention").filter(pk=plan_id).first()
    if plan is None or not may_see(request.user, plan.convention_id):
        raise Http404
    return plan


@staff_only
@require_GET
def home(request):
    """The user's conventions' plans and documents; their editors start a plan or record a
    document from here."""
    conventions = convention_ids_for(request.user)
    plans = (WorkPlan.objects.filter(convention__in=conventions)
             .select_related("convention", "document").order_by("convention__code",
                                                                  "-start_year", "-version"))
    documents = (Document.objects.filter(meeting__convention__in=conventions)
                 .select_related("meeting__convention").order_by("-meeting__start_date",
                                                                  "symbol")[:50])
    return render(request, "workspace/home.html", {
        "plans": plans, "documents": documents,
        "may_start": edits_any_convention(request.user)})


@staff_only
@require_http_methods(["GET", "POST"])
def new_plan(request):
    """A new plan of one of the user's conventions and its official document, in one form
    (workplans.services.start_plan); then the plan's page."""
    if not edits_any_convention(request.user):
        raise PermissionDenied
    form = NewPlanForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = start_plan(request.user, **form.arguments())
        except ValidationError as error:
            form.refuse(error)
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
        else:
            return redirect(_plan_url(new.pk))
    return render(request, "workspace/new_plan.html", {
        "form": form, "languages": LANGUAGE_CODES,
        "title_pair": _pair(form, "title"), "submitted_by_pair": _pair(form, "submitted_by"),
        "document_title_pair": _pair(form, "document_title")})


def _pair(form, name):
    """[(language, bound field)] of a text asked for in each language."""
    return [(code, form[localized(name, code)]) for code in LANGUAGE_CODES]


def _shown_numbers(request):
    return {code: request.GET.get(f"n-{code}", request.POST.get(f"n-{code}", ""))[:12]
            for code in LANGUAGE_CODES}


@staff_only
@require_GET
def plan(request, plan_id):
    """The whole plan as it will read, numbered; one row open for editing (?edit=kind-id), a
    new row's form (?add=…) or a deletion to confirm (?delete=kind-id), without JavaScript."""
    _visible_plan(request, plan_id)
    return _page(request, plan_id, opened=True)


def _page(request, plan_id, status=200, opened=False, **extra):
    """The plan's page: its numbered outline, its workflow, and any form open in it."""
    plan, slots = plan_outline(plan_id)
    # Every step taken, waivers included: the plan's waivers come with them.
    transitions = list(plan.transitions.select_related("user", "waiver__user"))
    context = {"plan": plan, "slots": slots, "languages": LANGUAGE_CODES,
               "editable": not plan.is_locked and may_edit(request.user, plan.convention_id),
               "rows_url": _rows_url(plan_id),
               "steps": available_steps(request.user, plan.status, plan.convention),
               "publish_at_once": publishes_at_once(request.user, plan.status, plan.convention),
               "may_revise": plan.status == WorkPlan.Status.PUBLISHED and bool(plan.document_id)
               and may_edit(request.user, plan.convention_id),
               "workflow_form": WorkflowForm(plan),
               "transitions": transitions[:10],
               "missing": missing(plan, [t.waiver for t in transitions
                                         if getattr(t, "waiver", None) is not None]),
               "may_waive": plan.status != WorkPlan.Status.PUBLISHED
               and may_waive(request.user, plan.convention_id)}
    if opened and context["editable"]:
        context |= _open_forms(request, plan)
    return render(request, "workspace/plan.html", context | extra, status=status)


def _rows_url(plan_id):
    return reverse("workspace:plan", args=[plan_id]) + "rows/"


def _open_forms(request, plan):
    """The form asked for in the address: a row to edit, a row to add, a row to delete."""
    opened = {}
    kind, _sep, row_id = request.GET.get("edit", "").partition("-")
    if kind and whole_number(row_id, 1) is not None:
        row = editing.own_row(plan, kind, whole_number(row_id, 1))
        opened["editing"] = (kind, row.pk, editing.row_form_class(type(row))(instance=row,
                                                                              plan=plan))
    kind, _sep, row_id = request.GET.get("delete", "").partition("-")
    if kind and whole_number(row_id, 1) is not None:
        row = editing.own_row(plan, kind, whole_number(row_id, 1))
        opened["deleting"] = (kind, row.pk, editing.what_goes_with(row),
                              editing.version_of(row))
    if "add" in request.GET:
        opened["adding"] = _add_form(request.GET, plan)
    return opened


def _add_target(params):
    """Where a new row goes, from the address or the posted form."""
    def number(name):
        value = params.get(name, "")
        return whole_number(value, 1)

    return {"kind": params.get("add") or params.get("kind", ""), "after": number("after"),
            "before": number("before"), "parent_kind": params.get("parent_kind") or None,
            "parent_id": number("parent_id")}


def _add_form(params, plan, form=None):
    target = _add_target(params)
    model = editing.model_of(target["kind"])
    form = form or editing.row_form_class(model)(plan=plan)
    anchor = next((f"{kind}-{target[key]}" for key, kind in
                   (("after", target["kind"]), ("before", target["kind"]),
                    ("parent_id", target["parent_kind"])) if target[key]), "")
    if target["after"] or target["before"]:
        where = "after" if target["after"] else "before"
        place = f"{where}:{target['kind']}-{target[where]}"
    else:
        owner = (f"{target['parent_kind']}-{target['parent_id']}" if target["parent_kind"]
                 else "plan")
        place = f"end:{target['kind']}:{owner}"
    return {"target": target, "form": form, "label": model._meta.verbose_name,
            "anchor": anchor, "place": place}


@staff_only
@require_GET
def edit_row(request, plan_id, kind, row_id):
    """The form of one row (htmx swaps it in place of the row)."""
    plan = _visible_plan(request, plan_id)
    if plan.is_locked or not may_edit(request.user, plan.convention_id):
        raise PermissionDenied
    row = editing.own_row(plan, kind, row_id)
    form = editing.row_form_class(type(row))(instance=row, plan=plan)
    _numbered, slots = plan_outline(plan_id)
    return render(request, "workspace/_row_form.html", {
        "plan": plan, "node": find_node(slots, kind, row_id), "form": form,
        "rows_url": _rows_url(plan_id)})


@staff_only
@require_http_methods(["GET", "POST"])
def row(request, plan_id, kind, row_id):
    """GET: the row as shown (cancel). POST: save the row; htmx gets the row's new HTML,
    a plain form a redirect to the plan."""
    if request.method == "GET":
        plan = _visible_plan(request, plan_id)
        found = editing.own_row(plan, kind, row_id)
        return render(request, "workspace/_row.html", {
            "plan": plan, "node": row_node(found, _shown_numbers(request)),
            "editable": not plan.is_locked and may_edit(request.user, plan.convention_id),
            "rows_url": _rows_url(plan_id)})
    try:
        saved, form = editing.save_row(request.user, plan_id, kind, row_id, request.POST)
    except editing.Conflict as conflict:
        return _answer_form(request, plan_id, conflict.row, conflict.form, conflict=conflict)
    except PermissionDenied as refusal:
        return _refused(request, plan_id, refusal)
    if form.errors:
        return _answer_form(request, plan_id, saved, form)
    if not request.htmx:
        return redirect(_plan_url(plan_id, f"{kind}-{row_id}"))
    if NUMBER_FIELDS & set(form.changed_data):
        # Numbers of other rows may follow from this one: show the whole outline again.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "workspace/_row.html", {
        "node": row_node(saved, _shown_numbers(request)), "editable": True,
        "rows_url": _rows_url(plan_id)})


def _answer_form(request, plan_id, row, form, conflict=None):
    """The row's form again, with its errors or with the other person's text; what the user
    typed is kept in the form."""
    context = {"node": row_node(row, _shown_numbers(request)), "form": form,
               "conflict": conflict, "rows_url": _rows_url(plan_id)}
    if conflict is not None:
        # Saving again keeps this person's text over the other's: the version is the new one.
        data = form.data.copy()
        data["version"] = editing.version_of(row)
        form.data = data
        context["theirs_texts"] = texts(row)
    if request.htmx:
        return render(request, "workspace/_row_form.html", context)
    return _page(request, plan_id, editing=(context["node"].kind, row.pk, form),
                 **{k: v for k, v in context.items() if k in ("conflict", "theirs_texts")})


def refused(request, url, refusal):
    """A refused change: its reason as a message, back on the record's page (htmx follows)."""
    messages.error(request, str(refusal))
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _refused(request, plan_id, refusal):
    return refused(request, _plan_url(plan_id), refusal)


@staff_only
@require_http_methods(["GET", "POST"])
def add_row(request, plan_id):
    """GET: a new row's form. POST: add the row where it was asked for."""
    plan = _visible_plan(request, plan_id)
    if plan.is_locked:
        return _refused(request, plan_id, PermissionDenied(_("Only a draft can be changed.")))
    params = request.POST if request.method == "POST" else request.GET
    if request.method == "GET":
        return render(request, "workspace/_add_form.html", {"plan": plan,
                                                            "adding": _add_form(params, plan)})
    target = _add_target(params)
    try:
        new, form = editing.add_row(request.user, plan_id, target.pop("kind"), request.POST,
                                    **target)
    except PermissionDenied as refusal:
        return _refused(request, plan_id, refusal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_plan_url(plan_id))
    if new is None:
        adding = _add_form(params, plan, form=form)
        if request.htmx:
            return render(request, "workspace/_add_form.html", {"plan": plan, "adding": adding})
        return _page(request, plan_id, adding=adding)
    return _back_to_outline(request, plan_id, f"{new._meta.model_name}-{new.pk}")


def _back_to_outline(request, plan_id, anchor=""):
    """After a change of structure the numbers of other rows change: show the plan again."""
    return redirect(_plan_url(plan_id, anchor))


@staff_only
@require_POST
def move_row(request, plan_id, kind, row_id):
    try:
        position = request.POST.get("position", "")
        editing.move_row(request.user, plan_id, kind, row_id, request.POST.get("direction"),
                         position=whole_number(position, 1))
    except PermissionDenied as refusal:
        return _refused(request, plan_id, refusal)
    return _back_to_outline(request, plan_id, f"{kind}-{row_id}")


@staff_only
@require_http_methods(["GET", "POST"])
def delete_row(request, plan_id, kind, row_id):
    """GET: what goes with the row, to confirm. POST: delete it."""
    if request.method == "GET":
        plan = _visible_plan(request, plan_id)
        found = editing.own_row(plan, kind, row_id)
        return render(request, "workspace/_delete_form.html", {
            "plan": plan, "node": row_node(found, _shown_numbers(request)),
            "goes_with": editing.what_goes_with(found), "version": editing.version_of(found),
            "rows_url": _rows_url(plan_id)})
    try:
        editing.delete_row(request.user, plan_id, kind, row_id, request.POST.get("version", ""))
    except editing.Conflict:
        messages.error(request, _("The row was changed since you saw it: it was not deleted. "
                                  "Look at it again before deleting it."))
        return redirect(_plan_url(plan_id, f"{kind}-{row_id}"))
    except PermissionDenied as refusal:
        return _refused(request, plan_id, refusal)
    messages.success(request, _("Deleted."))
    return _back_to_outline(request, plan_id)


@staff_only
@require_POST
def workflow(request, plan_id):
    """Take a step of the workflow, or start a correction or revision, from the plan's page."""
    plan = _visible_plan(request, plan_id)
    form = WorkflowForm(plan, request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect(_plan_url(plan_id))
    step = form.cleaned_data["step"]
    try:
        if step in ("Corr", "Rev"):
            new = start_revision(plan, step, request.user)
            messages.success(request, _("Version %(version)d is a draft under %(symbol)s.")
                             % {"version": new.version, "symbol": new.document.symbol})
            return redirect(_plan_url(new.pk))
        take_step(plan, step, request.user, reason=form.cleaned_data["reason"],
                  meeting=form.cleaned_data["meeting"], on=form.cleaned_data["on"],
                  publish=form.cleaned_data["publish"])
    except (ValidationError, PermissionDenied) as error:
        problems = error.messages if isinstance(error, ValidationError) else [str(error)]
        messages.error(request, " ".join(problems))
    else:
        after = WorkPlan.objects.get(pk=plan_id)
        messages.success(request, _("The plan is now “%(status)s”.") % {
            "status": after.get_status_display()})
        if after.adopted_on and not plan.adopted_on and may_keep_accounts(
                request.user, after.convention_id) and Fund.objects.filter(
                convention_id=after.convention_id, kind=Fund.Kind.CORE).exists():
            messages.info(request, _(
                "Its budget is adopted: the invoices and personalised statements of its years "
                "can now be issued, from the core budget's fund under Financing of the ISU."))
    return redirect(_plan_url(plan_id))


class WaiverForm(forms.Form):
    what = forms.ChoiceField(choices=Waiver.What.choices)
    # Required by workplans.completeness.waive, which says so in its own words.
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000,
                             widget=forms.Textarea)


@staff_only
@require_POST
def waive_item(request, plan_id):
    """Waive one thing the plan lacks, with a written reason (the head of the ISU)."""
    plan = _visible_plan(request, plan_id)
    form = WaiverForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        waiver = waive(plan, form.cleaned_data["what"], form.cleaned_data["reason"],
                       request.user)
    except (ValidationError, PermissionDenied) as error:
        problems = error.messages if isinstance(error, ValidationError) else [str(error)]
        messages.error(request, " ".join(problems))
    else:
        messages.success(request, _("Waived: %(what)s") % {"what": waiver.get_what_display()})
    return redirect(_plan_url(plan_id, "missing"))


# -- pages about the whole plan -------------------------------------------------------------

@staff_only
@require_GET
def changes(request, plan_id):
    """A correction or revision compared with the published version it changes."""
    plan = _visible_plan(request, plan_id)
    entries = compare(plan.revises_id, plan.pk) if plan.revises_id else None
    return render(request, "workspace/changes.html", {"plan": plan, "entries": entries,
                                                      "languages": LANGUAGE_CODES})


@staff_only
@require_GET
def translation(request, plan_id):
    """Every row missing one language, with a jump to edit it."""
    _visible_plan(request, plan_id)
    plan, slots = plan_outline(plan_id)
    missing = []

    def walk(slot_nodes):
        for slot in slot_nodes:
            for item in slot.nodes:
                if not item.translated:
                    missing.append(item)
                walk(item.slots)

    walk(slots)
    return render(request, "workspace/translation.html", {
        "plan": plan, "missing": missing, "languages": LANGUAGE_CODES,
        "editable": not plan.is_locked and may_edit(request.user, plan.convention_id)})


@staff_only
@require_GET
def row_history_page(request, plan_id, kind, row_id):
    """One row's changes, newest first, in readable values."""
    plan = _visible_plan(request, plan_id)
    found = editing.own_row(plan, kind, row_id)
    return render(request, "workspace/row_history.html", {
        "plan": plan, "node": row_node(found), "entries": row_history(type(found), found.pk)})


class CloneForm(forms.Form):
    chapters = forms.MultipleChoiceField(label=_("Chapters to copy"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    indicators = forms.ChoiceField(label=_("Indicators"), choices=INDICATOR_CHOICES,
                                   widget=forms.RadioSelect, initial="targets")
    budget = forms.BooleanField(label=_("Copy the budget"), required=False, initial=True)

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chapters = [(str(c.pk), c.title or "—") for c in plan.chapters.all()]
        self.fields["chapters"].choices = chapters
        self.fields["chapters"].initial = [pk for pk, _title in chapters]


@staff_only
@require_http_methods(["GET", "POST"])
def clone(request, plan_id):
    """Clone the plan into the next period, with choices; then the places where the old year
    still appears in the copy."""
    plan = _visible_plan(request, plan_id)
    form = CloneForm(plan, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = clone_into_next_period(
                plan, request.user, chapters=[int(pk) for pk in form.cleaned_data["chapters"]],
                indicators=form.cleaned_data["indicators"], budget=form.cleaned_data["budget"])
        except (ValidationError, PermissionDenied) as error:
            problems = error.messages if isinstance(error, ValidationError) else [str(error)]
            form.add_error(None, " ".join(problems))
        else:
            messages.success(request, _("Created the draft %(new)s from %(old)s.")
                             % {"new": new, "old": plan})
            return redirect("workspace:old-years", new.pk)
    return render(request, "workspace/clone.html", {"plan": plan, "form": form})


@staff_only
@require_GET
def old_years(request, plan_id):
    """Where the years of the plan it was cloned from still appear in its text."""
    plan = _visible_plan(request, plan_id)
    places = [(place, "" if isinstance(place.row, WorkPlan)
               else f"{place.row._meta.model_name}-{place.row.pk}")
              for place in old_year_places(plan)]
    return render(request, "workspace/old_years.html", {"plan": plan, "places": places})
