"""The workspace's pages of invoices and statements of contributions (financing/statements.py):
for a fund and a year, generating a set once the year's budget is adopted and the sets
generated; for a set, its statements with what was sent to whom and when, "Send all" with its
progress, re-sending one, each PDF and the ZIP of them all.

Statements carry the contributors' financial contacts: only the convention's finance staff and
the head of its ISU see these pages (financing.services.check_scope: its other staff are
refused, another convention's get a 404). Plain forms, no JavaScript: while statements are
queued the set's page reloads itself every few seconds.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from financing import letters, statements
from financing.figures import adopted_budget
from financing.models import Fund, Statement, StatementRun
from financing.services import check_scope
from lib import pdf
from lib.languages import LANGUAGE_CODES, language_name
from lib.params import whole_number
from workspace.views import staff_only

REFRESH_SECONDS = 3


def _fund(request, fund_id):
    fund = Fund.objects.select_related("convention").filter(pk=fund_id).first()
    if fund is None:
        raise Http404
    check_scope(request.user, fund.convention_id)
    return fund


def _run(request, run_id):
    run = StatementRun.objects.select_related("fund__convention", "budget__plan",
                                              "recorded_by").filter(pk=run_id).first()
    if run is None:
        raise Http404
    check_scope(request.user, run.fund.convention_id)
    return run


def _statement(request, statement_id):
    statement = (Statement.objects.select_related("run__fund__convention",
                                                  "contributor__organization")
                 .filter(pk=statement_id).first())
    if statement is None:
        raise Http404
    check_scope(request.user, statement.run.fund.convention_id)
    return statement


def _year(value, default=True):
    """The year asked for; the current one when none is asked for (and `default`); a year
    that is not one (abc, 20180) is not found."""
    if default and not value:
        return timezone.localdate().year
    year = whole_number(value, 1900, 2100)
    if year is None:
        raise Http404
    return year


def _run_url(run):
    return reverse("workspace:statement-run", args=[run.pk])


@staff_only
@require_GET
def fund_statements(request, fund_id):
    """The sets of statements of the fund and the year, and the action that generates one."""
    fund = _fund(request, fund_id)
    year = _year(request.GET.get("year"))
    return _fund_page(request, fund, year)


def _fund_page(request, fund, year, status=200):
    runs = (fund.statement_runs.filter(year=year).select_related("recorded_by")
            .annotate(count=Count("statements", distinct=True)))
    return render(request, "workspace/statements.html", {
        "fund": fund, "year": year, "runs": runs,
        "budget": adopted_budget(fund.convention_id, year),
        "today": timezone.localdate(),
    }, status=status)


@staff_only
@require_POST
def generate(request, fund_id):
    fund = _fund(request, fund_id)
    year = _year(request.POST.get("year"), default=False)
    issued_on = None
    if request.POST.get("issued_on"):
        try:
            issued_on = date.fromisoformat(request.POST["issued_on"])
        except ValueError:
            messages.error(request, _("Give the date of issue as a date (YYYY-MM-DD)."))
            return _fund_page(request, fund, year, status=400)
    try:
        run = statements.generate_statements(request.user, fund, year, issued_on=issued_on)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _fund_page(request, fund, year, status=400)
    count = run.statements.count()
    messages.success(request, ngettext(
        "%(count)s statement generated.", "%(count)s statements generated.", count)
        % {"count": count})
    return redirect(_run_url(run))


@staff_only
@require_GET
def run_page(request, run_id):
    run = _run(request, run_id)
    convention_id = run.fund.convention_id
    rows = (run.statements.select_related("contributor__organization").order_by("reference")
            .annotate(contacts=Count("contributor__contacts", distinct=True,
                                     filter=Q(contributor__contacts__convention_id=convention_id))))
    latest = statements.last_dispatches(run)
    sent_counts = dict(run.statements.annotate(n=Count("dispatches")).values_list("pk", "n"))
    progress = statements.progress(run)
    language = get_language()
    response = render(request, "workspace/statements_run.html", {
        "run": run, "fund": run.fund,
        "rows": [{"statement": s, "dispatch": latest.get(s.pk), "dispatches": sent_counts[s.pk],
                  **{name: letters.exact_money(getattr(s, name), language)
                     for name in ("requested", "paid", "outstanding")}}
                 for s in rows],
        "progress": progress, "refresh": REFRESH_SECONDS if progress.sending else None,
        "languages": [(code, language_name(code)) for code in LANGUAGE_CODES],
    })
    if progress.sending:
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@staff_only
@require_POST
def send_all(request, run_id):
    run = _run(request, run_id)
    sending = statements.send_run(request.user, run)
    already = []
    if sending.already_sent:
        already.append(ngettext("%(count)s statement was already sent.",
                                "%(count)s statements were already sent.", sending.already_sent)
                       % {"count": sending.already_sent})
    if sending.already_queued:
        already.append(ngettext("%(count)s statement is still waiting to be sent.",
                                "%(count)s statements are still waiting to be sent.",
                                sending.already_queued) % {"count": sending.already_queued})
    if sending.queued:
        messages.success(request, " ".join([ngettext(
            "%(count)s statement queued for sending.", "%(count)s statements queued for sending.",
            sending.queued) % {"count": sending.queued}, *already]))
    else:
        messages.info(request, " ".join([_("Nothing more was queued."), *already, _(
            "Re-send a statement on its own instead.")]))
    return redirect(_run_url(run))


@staff_only
@require_POST
def resend_one(request, statement_id):
    statement = _statement(request, statement_id)
    try:
        statements.resend(request.user, statement)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(reference)s queued to be sent again.")
                         % {"reference": statement.reference})
    return redirect(_run_url(statement.run) + f"#statement-{statement.pk}")


def _printing_refused(request, run, error):
    messages.error(request, str(error))
    return redirect(_run_url(run))


@staff_only
@require_GET
def statement_pdf(request, statement_id, language):
    statement = _statement(request, statement_id)
    if language not in LANGUAGE_CODES:
        raise Http404
    try:
        content = letters.render_statement_pdf(statement, language)
    except (letters.BankDetailsMissing, pdf.FontMissing) as error:
        return _printing_refused(request, statement.run, error)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{letters.pdf_filename(statement, language)}"')
    return response


@staff_only
@require_GET
def statements_zip(request, run_id):
    run = _run(request, run_id)
    try:
        content = statements.statements_zip(run)
    except (letters.BankDetailsMissing, pdf.FontMissing) as error:
        return _printing_refused(request, run, error)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{statements.zip_filename(run)}"'
    return response
