"""The workspace's financing pages: the funds of the user's conventions, and for each fund and
year the status of contributions (financing/figures.py), with plain forms to record a pledge, a
payment or a reserve movement (no JavaScript needed). All writes go through
financing/services.py; its staff who do not keep its accounts read the page only."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from financing import exports, services
from financing.figures import status_of_contributions
from financing.forms import FORMS
from financing.models import Assessment, Fund, Payment, Pledge
from isu.models import Convention
from isu.roles import convention_ids_for, may_keep_accounts, may_see
from lib.params import whole_number
from workspace.views import staff_only

RECORD = {"pledge": services.record_pledge, "payment": services.record_payment,
          "movement": services.record_reserve_movement}


def _fund(request, fund_id):
    fund = Fund.objects.select_related("convention").filter(pk=fund_id).first()
    if fund is None or not may_see(request.user, fund.convention_id):
        raise Http404
    return fund


def _year(request):
    year = whole_number(request.GET.get("year"), 1900)
    return year if year is not None and year <= 2100 else timezone.localdate().year


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
    fund = _fund(request, fund_id)
    return _page(request, fund, _year(request))


def _page(request, fund, year, status=200, posted=None):
    editor = may_keep_accounts(request.user, fund.convention_id)
    forms = {}
    if editor:
        kinds = ["pledge", "payment"] + (["movement"] if fund.is_reserve else [])
        initial = {"first_year": year, "year": year}
        forms = ({kind: FORMS[kind](fund=fund, prefix=kind, initial=initial) for kind in kinds}
                 | (posted or {}))
    return render(request, "workspace/financing_fund.html", {
        "fund": fund, "year": year, "years": _years(fund, year),
        "status": status_of_contributions(fund, year), "forms": forms, "editor": editor,
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
        _add_errors(form, error)
    if form.errors:
        return _page(request, fund, year, status=400, posted={kind: form})
    messages.success(request, _("Recorded: %(row)s.") % {"row": row})
    return redirect(_page_url(fund, year, "status"))


def _add_errors(form, error):
    """The service's refusal shown on the form's fields, or above them."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, problems in error.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)


@staff_only
@require_GET
def export(request, fund_id, year, extension):
    """The status of contributions as CSV or XLSX, for the convention's staff only."""
    fund = _fund(request, fund_id)
    status = status_of_contributions(fund, year)
    content_type, render_as = exports.FORMATS[extension]
    response = HttpResponse(render_as(status), content_type=content_type)
    name = f"{fund.convention.code}-contributions-{fund.pk}-{year}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
