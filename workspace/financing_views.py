"""The workspace's financing pages: the funds of the user's conventions, and for each fund and
year the status of contributions (financing/figures.py), with plain forms to record a pledge, a
payment or a reserve movement (no JavaScript needed), the year's ledger with each row's
correction and deletion, the assessment of the states parties under a formula, the year's cash
flow (also as CSV) and the publication of the status on the public site by the head of the ISU
(financing/publishing.py checks scope and role). All writes go through financing's services; its
staff who do not keep its accounts read the page only."""

from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from budgets.editing import version_of
from financing import exports, publishing, services
from financing.figures import adopted_budget, cash_flow, status_of_contributions
from financing.forms import FORMS
from financing.models import (
    Assessment,
    ContributionMethod,
    Fund,
    Payment,
    Pledge,
    ReserveMovement,
    StatusPublication,
)
from isu.models import Convention
from isu.roles import convention_ids_for, may_keep_accounts, may_see
from lib.forms import show_refusal
from lib.models import YEAR_VALIDATORS
from lib.money import format_money
from lib.params import whole_number
from workspace.views import staff_only

RECORD = {"pledge": services.record_pledge, "payment": services.record_payment,
          "movement": services.record_reserve_movement}


def _fund(request, fund_id):
    fund = Fund.objects.select_related("convention").filter(pk=fund_id).first()
    if fund is None or not may_see(request.user, fund.convention_id):
        raise Http404
    return fund


def _kept_fund(request, fund_id):
    """The fund, for its finance staff and head only: the live figures are theirs until the
    head publishes them (the convention's other staff are refused, another convention's are a
    404)."""
    fund = _fund(request, fund_id)
    if not may_keep_accounts(request.user, fund.convention_id):
        raise PermissionDenied(_("The live figures of the ISU's financing are kept by its finance "
                                 "staff and its head; the other staff read what is published."))
    return fund


FIRST_YEAR, LAST_YEAR = (validator.limit_value for validator in YEAR_VALIDATORS)


def _plausible(year):
    """`year` if it is a year the ledger can hold (lib.models.YEAR_VALIDATORS); a 404 if not."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


def _year(request):
    """The year asked for: the current year without one; a 404 for one that is not a plausible
    year (rather than another year's figures under a wrong address)."""
    text = request.GET.get("year")
    if text is None or text == "":
        return timezone.localdate().year
    year = whole_number(text, FIRST_YEAR, LAST_YEAR)
    if year is None:
        raise Http404
    return year


def _years(fund, year):
    """The years the selector offers: those of the fund's ledger, the year shown and the
    current year, without a gap."""
    bounds = [Pledge.objects.filter(fund=fund).aggregate(low=Min("first_year"),
                                                          high=Max("last_year")),
              Payment.objects.filter(fund=fund).aggregate(low=Min("year"), high=Max("year")),
              Assessment.objects.filter(fund=fund).aggregate(low=Min("year"), high=Max("year"))]
    known = [value for row in bounds for value in row.values() if value is not None]
    known += [year, timezone.localdate().year]
    return range(max(known), min(known) - 1, -1)


def _page_url(fund, year, anchor=""):
    return (reverse("workspace:financing-fund", args=[fund.pk]) + f"?year={year}"
            + (f"#{anchor}" if anchor else ""))


@staff_only
@require_GET
def index(request):
    """The funds of the user's conventions."""
    ids = convention_ids_for(request.user)
    funds = Fund.objects.filter(convention__in=ids).select_related("convention")
    conventions = [{"convention": convention,
                    "keeps_accounts": may_keep_accounts(request.user, convention.pk)}
                   for convention in Convention.objects.filter(pk__in=ids)]
    return render(request, "workspace/financing.html",
                  {"funds": funds, "conventions": conventions, "year": timezone.localdate().year})


@staff_only
@require_GET
def fund_page(request, fund_id):
    """The fund's page for the year asked for; without one, the latest year up to this one
    with anything recorded (the current year for a fund with nothing yet)."""
    fund = _fund(request, fund_id)
    return _page(request, fund, _year(request) if request.GET.get("year") else _latest_year(fund))


def _latest_year(fund):
    this_year = timezone.localdate().year
    latest = [
        Payment.objects.filter(fund=fund, year__lte=this_year).aggregate(y=Max("year"))["y"],
        Assessment.objects.filter(fund=fund, year__lte=this_year).aggregate(y=Max("year"))["y"],
        Pledge.objects.filter(fund=fund, first_year__lte=this_year)
        .aggregate(y=Max("last_year"))["y"],
    ]
    known = [min(year, this_year) for year in latest if year is not None]
    return max(known) if known else this_year


def _page(request, fund, year, status=200, posted=None, publication=None):
    editor = may_keep_accounts(request.user, fund.convention_id)
    if not editor:  # the convention's other staff: what the head published, no live figures
        return render(request, "workspace/financing_fund_published.html", {
            "fund": fund, "year": year, "years": _years(fund, year),
            "shown": StatusPublication.objects.filter(fund=fund, year=year,
                                                      withdrawn_at__isnull=True).first()},
            status=status)
    forms = {}
    if editor:
        kinds = ["pledge", "payment"] + (["movement"] if fund.is_reserve else [])
        initial = {"first_year": year, "year": year}
        forms = ({kind: FORMS[kind](fund=fund, prefix=kind, initial=initial) for kind in kinds}
                 | (posted or {}))
    figures = status_of_contributions(fund, year)
    return render(request, "workspace/financing_fund.html", {
        "fund": fund, "year": year, "years": _years(fund, year),
        "status": figures, "forms": forms, "editor": editor,
        "ledger": _ledger(fund, year) if editor else None,
        "offers_assessment": editor and _offers_assessment(fund, year),
        **publication_context(request, figures, **(publication or {})),
    }, status=status)


@staff_only
@require_POST
def record(request, fund_id, kind):
    """Record a pledge, a payment or a reserve movement; its form comes back with its errors
    and what was typed if anything is wrong."""
    fund = _fund(request, fund_id)
    if kind not in RECORD or (kind == "movement" and not fund.is_reserve):
        raise Http404
    year = _year(request)
    form = FORMS[kind](request.POST, fund=fund, prefix=kind)
    try:
        services.check_scope(request.user, fund.convention_id)
        if form.is_valid():
            with transaction.atomic():
                values = {name: form.cleaned_data[name] for name in form._meta.fields}
                if kind == "movement":
                    row = RECORD[kind](request.user, fund=fund, **values)
                else:
                    row = RECORD[kind](request.user, fund=fund, contributor=form.contributor(),
                                       **values)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return redirect(_page_url(fund, year))
    except ValidationError as error:
        show_refusal(form, error)
    if form.errors:
        return _page(request, fund, year, status=400, posted={kind: form})
    messages.success(request, _("Recorded: %(row)s.") % {"row": row})
    return redirect(_page_url(fund, year, "status"))



@staff_only
@require_GET
def export(request, fund_id, year, extension):
    """The status of contributions as CSV or XLSX, for its finance staff and head only."""
    fund = _kept_fund(request, fund_id)
    status = status_of_contributions(fund, _plausible(year))
    content_type, render_as = exports.FORMATS[extension]
    response = HttpResponse(render_as(status), content_type=content_type)
    name = f"{fund.convention.code}-contributions-{fund.pk}-{year}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# -- the ledger's rows: corrections, deletions and the assessment ------------------------------

LEDGER = {
    "pledge": (Pledge, services.update_pledge, services.delete_pledge),
    "payment": (Payment, services.update_payment, services.delete_payment),
    "movement": (ReserveMovement, services.update_reserve_movement,
                 services.delete_reserve_movement),
}


def _ledger(fund, year):
    """The year's pledges, payments and reserve movements of the fund, each with its version
    (three queries)."""
    related = ["contributor__organization"]
    pledges = (Pledge.objects.filter(fund=fund, first_year__lte=year, last_year__gte=year)
               .select_related(*related).order_by("contributor__state", "id"))
    payments = (Payment.objects.filter(fund=fund, year=year)
                .select_related(*related, "pledge", "assessment", "bank_line")
                .order_by("value_date", "id"))
    movements = (ReserveMovement.objects.filter(fund=fund, date__year=year)
                 .order_by("date", "id") if fund.is_reserve else [])
    ledger = {kind: [{"row": row, "version": version_of(row)} for row in rows]
              for kind, rows in [("pledge", pledges), ("payment", payments),
                                 ("movement", movements)]}
    for item in ledger["payment"]:
        item["settles"] = _settles(item["row"])
        item["bank"] = hasattr(item["row"], "bank_line")
    return ledger


def _settles(payment):
    """What the payment settles, in words."""
    if payment.pledge_id:
        pledge = payment.pledge
        years = (str(pledge.first_year) if pledge.first_year == pledge.last_year
                 else f"{pledge.first_year}–{pledge.last_year}")
        return _("the pledge of %(years)s") % {"years": years}
    if payment.assessment_id:
        return _("the assessment of %(year)s") % {"year": payment.assessment.year}
    return ""


def _offers_assessment(fund, year):
    """Whether the page offers to assess the states parties: the core fund of a convention
    whose method is a formula, in a year with an adopted budget."""
    if fund.kind != Fund.Kind.CORE:
        return False
    formula = ContributionMethod.objects.filter(
        convention_id=fund.convention_id, kind=ContributionMethod.Kind.FORMULA).exists()
    return formula and adopted_budget(fund.convention_id, year) is not None


def _ledger_row(request, fund, kind, row_id):
    if kind not in LEDGER or (kind == "movement" and not fund.is_reserve):
        raise Http404
    model = LEDGER[kind][0]
    row = model.objects.filter(pk=row_id, fund=fund).select_related("contributor").first() \
        if kind != "movement" else model.objects.filter(pk=row_id, fund=fund).first()
    if row is None:
        messages.error(request, _("This %(row)s no longer exists: someone deleted it since you "
                                  "opened it. Nothing was saved.")
                       % {"row": model._meta.verbose_name})
    return row


def _correction_form(kind, fund, row, data=None):
    form = FORMS[kind](data, fund=fund, instance=row, prefix=kind)
    if kind == "payment" and Payment.objects.filter(pk=row.pk, bank_line__isnull=False).exists():
        for name in ("amount", "currency"):
            form.fields[name].disabled = True
            form.fields[name].help_text = _("From the bank entry: undo it on the bank page to "
                                            "change it.")
    return form


@staff_only
def correct(request, fund_id, kind, row_id):
    """A row of the ledger in its form, to correct it; the form carries the row's version, so
    that a row changed by someone else since it was opened is refused (services)."""
    fund = _fund(request, fund_id)
    year = _year(request)
    services.check_scope(request.user, fund.convention_id)
    row = _ledger_row(request, fund, kind, row_id)
    if row is None:
        return redirect(_page_url(fund, year, "ledger"))
    version = version_of(row)
    if request.method == "POST":
        version = request.POST.get("version", "")
        form = _correction_form(kind, fund, row, request.POST)
        try:
            if form.is_valid():
                with transaction.atomic():
                    values = {name: form.cleaned_data[name] for name in form._meta.fields}
                    if kind != "movement":
                        values["contributor"] = form.contributor()
                    row = LEDGER[kind][1](request.user, fund, row_id, version=version, **values)
        except ValidationError as error:
            show_refusal(form, error)
        if not form.errors:
            messages.success(request, _("Corrected: %(row)s.") % {"row": row})
            return redirect(_page_url(fund, year, "ledger"))
    else:
        form = _correction_form(kind, fund, row)
    return render(request, "workspace/financing_correct.html", {
        "fund": fund, "year": year, "kind": kind, "row": row, "form": form,
        "version": version, "label": row._meta.verbose_name,
    }, status=400 if form.errors else 200)


@staff_only
@require_POST
def delete(request, fund_id, kind, row_id):
    """Delete a row of the ledger, if it is still as the user saw it."""
    fund = _fund(request, fund_id)
    year = _year(request)
    if kind not in LEDGER or (kind == "movement" and not fund.is_reserve):
        raise Http404
    try:
        services.check_scope(request.user, fund.convention_id)
        LEDGER[kind][2](request.user, fund, row_id, version=request.POST.get("version"))
    except (PermissionDenied, ValidationError) as refusal:
        messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
    else:
        messages.success(request, _("Deleted: the %(row)s.") % {"row": LEDGER[kind][0]._meta
                                                                   .verbose_name})
    return redirect(_page_url(fund, year, "ledger"))


@staff_only
@require_POST
def assess(request, fund_id):
    """Assess the states parties for the year: the adopted budget shared by the formula
    (financing.services.assess); what it did, or why it refused, is said above the page."""
    fund = _fund(request, fund_id)
    year = _year(request)
    if fund.kind != Fund.Kind.CORE:
        raise Http404
    budget = adopted_budget(fund.convention_id, year)
    try:
        services.check_scope(request.user, fund.convention_id)
        if budget is None:
            raise ValidationError(_("No budget is adopted for %(year)s: there is nothing to "
                                    "assess.") % {"year": year})
        made = services.assess(request.user, fund.convention, fund, year, budget)
    except (PermissionDenied, ValidationError) as refusal:
        messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
    else:
        total = sum((row.amount for row in made), Decimal(0))
        messages.success(request, _(
            "%(count)s states parties assessed for %(year)s, %(total)s in all.") % {
            "count": len(made), "year": year,
            "total": format_money(total, get_language())})
    return redirect(_page_url(fund, year, "status"))


# -- publication on the public site, and the cash flow ----------------------------------------

def publication_context(request, status, as_at=None, error=None):
    """What the fund page shows of the year's publications and its cash flow (`status`: the
    page's status of contributions, whose adopted budget the cash flow spreads)."""
    fund, year = status.fund, status.year
    publications = list(StatusPublication.objects.filter(fund=fund, year=year)
                        .select_related("published_by"))
    shown = next((p for p in publications if p.withdrawn_at is None), None)
    return {"publications": publications, "shown_publication": shown,
            "publishes": publishing.may_publish(request.user, fund.convention_id),
            "publish_as_at": as_at or min(timezone.localdate(), date(year, 12, 31)), "publish_error": error,
            "cash_flow": cash_flow(fund, year, budget_total=status.budget_total)}


def _as_at(text):
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        return None


@staff_only
@require_POST
def publish(request, fund_id):
    """Publish the year's status of contributions as at the date given (the head of the ISU);
    the page comes back with the error if the date is wrong."""
    fund = _fund(request, fund_id)
    year = _year(request)
    typed = request.POST.get("as_at", "")
    as_at = _as_at(typed)
    try:
        if as_at is None:
            publishing.check_role(request.user, fund.convention_id)
            raise ValidationError(_("Enter the date as YYYY-MM-DD."))
        publishing.publish_status(request.user, fund, year, as_at)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return redirect(_page_url(fund, year, "publication"))
    except ValidationError as error:
        return _page(request, fund, year, status=400,
                           publication={"as_at": as_at or typed, "error": " ".join(error.messages)})
    messages.success(request, _("Published on the public site: the status of contributions in "
                                "%(year)s as at %(date)s.") % {"year": year,
                                                               "date": as_at.isoformat()})
    return redirect(_page_url(fund, year, "publication"))


@staff_only
@require_POST
def withdraw(request, fund_id, publication_id):
    """Take a publication off the public site (the head of the ISU)."""
    fund = _fund(request, fund_id)
    publication = StatusPublication.objects.filter(pk=publication_id, fund=fund).first()
    if publication is None:
        raise Http404
    try:
        publishing.withdraw(request.user, publication)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Withdrawn from the public site."))
    return redirect(_page_url(fund, publication.year, "publication"))


@staff_only
@require_GET
def cash_flow_export(request, fund_id, year):
    """The fund's cash flow of the year as CSV, for its finance staff and head only."""
    fund = _kept_fund(request, fund_id)
    response = HttpResponse(exports.cash_flow_csv(fund, _plausible(year)),
                            content_type="text/csv; charset=utf-8")
    name = f"{fund.convention.code}-cash-flow-{fund.pk}-{year}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
