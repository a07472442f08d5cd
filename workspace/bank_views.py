"""The bank page of a convention's financing: import a bank statement file (CSV or camt.053),
see the imports, and resolve the credits that matched no statement, each with a plain form: the
payment recorded by hand (contributor, fund, year, and the exchange rate of an amount in another
currency) or the entry set aside as not a contribution. Its finance staff and the head of the
ISU only; all writes go through financing/banking.py."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from financing import banking, services
from financing.forms import ContributorChoice
from financing.models import CHF, BankImport, BankLine, Fund, Payment
from isu.models import Convention
from isu.roles import may_see
from lib.forms import show_refusal
from workspace.views import staff_only


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("bank statement file"),
                           help_text=gettext_lazy("CSV or ISO 20022 camt.053 (XML), as the bank "
                                                  "exports it."))


class ResolveForm(ContributorChoice):
    """Who paid, for which fund and year; the exchange rate when the entry is not in CHF."""

    class Meta:
        model = Payment
        fields = ["fund", "year", "exchange_rate"]

    def __init__(self, *args, line, **kwargs):
        super().__init__(*args, fund=None, **kwargs)
        self.fields["fund"].queryset = Fund.objects.filter(convention=line.convention_id)
        self.fields["fund"].empty_label = None
        self.fields["fund"].label_from_instance = lambda fund: fund.name
        self.initial["year"] = self.initial.get("year") or line.value_date.year
        if line.currency == CHF:
            del self.fields["exchange_rate"]
        else:
            self.initial.pop("exchange_rate", None)  # typed, never assumed to be 1
            self.fields["exchange_rate"].label = _("CHF per %(currency)s") % {
                "currency": line.currency}


class IgnoreForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("why it is not a contribution"),
                           max_length=BankLine._meta.get_field("note").max_length)


def _convention(request, code):
    """The convention, for its finance staff and head: 404 for another, refused for its other
    staff."""
    convention = Convention.objects.filter(code__iexact=code).first()
    if convention is None or not may_see(request.user, convention.pk):
        raise Http404
    services.check_scope(request.user, convention.pk)
    return convention


def _line(convention, line_id):
    line = BankLine.objects.select_related("statement__run__fund", "statement__contributor").filter(
        pk=line_id, convention=convention).first()
    if line is None:
        raise Http404
    return line


def _initial(line):
    """The form's first values: the statement the remittance names, if any."""
    statement = line.statement
    if statement is None:
        return {}
    contributor = statement.contributor
    return {"state": contributor.state.code or "", "organization": contributor.organization_id,
            "fund": statement.run.fund_id, "year": statement.run.year}


def _page(request, convention, status=200, upload=None, posted=None):
    imports = (BankImport.objects.filter(convention=convention).select_related("recorded_by")
               .annotate(matched=Count("lines", filter=Q(lines__status=BankLine.Status.MATCHED))))
    lines = (BankLine.objects.filter(convention=convention, status=BankLine.Status.UNMATCHED)
             .select_related("statement__run__fund", "statement__contributor__organization"))
    posted = posted or {}
    rows = [{"line": line,
             "resolve": posted.get(("resolve", line.pk)) or ResolveForm(
                 line=line, prefix=f"resolve-{line.pk}", initial=_initial(line)),
             "ignore": posted.get(("ignore", line.pk)) or IgnoreForm(prefix=f"ignore-{line.pk}")}
            for line in lines]
    _share_choices([row["resolve"] for row in rows])
    set_aside = (BankLine.objects.filter(convention=convention)
                 .exclude(status=BankLine.Status.UNMATCHED)
                 .select_related("payment__fund", "payment__contributor__organization")
                 .order_by("-bank_import__recorded_at", "-value_date", "-id")[:50])
    return render(request, "workspace/bank.html", {
        "convention": convention, "upload": upload or UploadForm(), "imports": imports,
        "rows": rows, "settled": set_aside,
    }, status=status)


def _share_choices(forms_shown):
    """The lists of funds and organizations read once for all the forms of the page."""
    shared = {}
    for form in forms_shown:
        for name in ("fund", "organization"):
            if name not in shared:
                shared[name] = list(form.fields[name].choices)
            form.fields[name].widget.choices = shared[name]


def _url(convention, anchor=""):
    return (reverse("workspace:bank", args=[convention.code])
            + (f"#{anchor}" if anchor else ""))


@staff_only
@require_GET
def bank_page(request, code):
    return _page(request, _convention(request, code))


@staff_only
@require_POST
def upload(request, code):
    """Import a file; its summary, or why it was refused (nothing saved), comes back."""
    convention = _convention(request, code)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        sent = form.cleaned_data["file"]
        if sent.size > banking.MAX_FILE_SIZE:
            form.add_error("file", _("The file is too large: a bank statement file is at most "
                                     "5 MB."))
        else:
            try:
                bank_import = banking.import_bank_file(request.user, convention, sent.name,
                                                       sent.read())
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("file", message)
            else:
                messages.success(request, banking.summary(bank_import))
                return redirect(_url(convention, "to-resolve"))
    return _page(request, convention, status=400, upload=form)


@staff_only
@require_POST
def resolve(request, code, line_id):
    """Record the payment of an entry by hand."""
    convention = _convention(request, code)
    line = _line(convention, line_id)
    form = ResolveForm(request.POST, line=line, prefix=f"resolve-{line.pk}")
    if form.is_valid():
        contributor = form.contributor()
        fund, year = form.cleaned_data["fund"], form.cleaned_data["year"]
        statement = line.statement
        if statement is not None and (statement.contributor_id != contributor.pk
                                      or statement.run.fund_id != fund.pk
                                      or statement.run.year != year):
            statement = None
        try:
            banking.resolve_line(request.user, line, contributor=contributor, fund=fund, year=year,
                                 exchange_rate=form.cleaned_data.get("exchange_rate") or 1,
                                 statement=statement)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Recorded: %(line)s.") % {"line": line})
            return redirect(_url(convention, "to-resolve"))
    return _page(request, convention, status=400, posted={("resolve", line.pk): form})


@staff_only
@require_POST
def ignore(request, code, line_id):
    """Set an entry aside as not a contribution."""
    convention = _convention(request, code)
    line = _line(convention, line_id)
    form = IgnoreForm(request.POST, prefix=f"ignore-{line.pk}")
    if form.is_valid():
        try:
            banking.ignore_line(request.user, line, form.cleaned_data["note"])
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Set aside as not a contribution: %(line)s.")
                             % {"line": line})
            return redirect(_url(convention, "to-resolve"))
    return _page(request, convention, status=400, posted={("ignore", line.pk): form})


@staff_only
@require_POST
def undo(request, code, line_id):
    """Put a settled or set-aside entry back to resolve (its payment deleted)."""
    convention = _convention(request, code)
    line = _line(convention, line_id)
    try:
        banking.undo_line(request.user, line)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Undone: %(line)s is to resolve again.") % {"line": line})
    return redirect(_url(convention, "to-resolve"))


