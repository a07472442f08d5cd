"""Invoices and personalised statements of contributions: generated for a fund and a year in one
action once the year's budget is adopted, sent by e-mail in the background, re-sent one by one,
and downloaded together as a ZIP.

Who gets one. For a fund with assessments for the year (the core budget's, under a formula:
ContributionMethod kind "formula"), every state assessed for it, and every contributor that
pledged or paid anything to the fund for the year. For a fund without any (a project's, the
sponsorship programme's, a reserve, or any fund under voluntary contributions), every state that
was a party on the date the budget was adopted, and every contributor that pledged or paid
anything to the fund for the year. The core budget's fund under a formula is refused until the
year is assessed.

Generating again. A double click must not give two sets sent twice: the fund's row is locked
while a set is generated, so that two requests follow one another, and generating for a fund
and a year replaces (deletes, in the same transaction) each earlier set of them that was never
sent, that is one with no dispatch at all and none of whose statements a bank entry names. A
set with any dispatch stays as it is, and the new set is generated beside it (the page lists
the sets newest first).

What it says. Its figures are the status of contributions (financing/figures.py) as it stood
when the set was generated, in CHF: requested is the larger of the assessment and the pledge,
then paid and outstanding; `history` holds the contributor's figures for the fund in up to five
previous years in which it had any.

Reference numbers. Each statement has a reference that the payment is asked to quote:

    {convention code}-{year}-{set}-{sequence}     e.g. CCM-2018-12-007

the convention's code (capital letters), the budget year, the set's number (its id) and the
statement's place in the set on three digits (or more past 999), contributors in a fixed order
(states by their English name, then organizations). Only capital letters, digits and hyphens, and
short: they survive every bank's remittance field (SWIFT MT103 field 70, ISO 20022 <Ustrd>)
unchanged. They are unique (the database refuses a second one), so bank matching finds a
statement by searching the remittance text for its reference (REFERENCE_PATTERN).

Sending. A set is sent once: "Send all" queues one Dispatch per statement never dispatched
(a unique constraint makes a second one with its set impossible), and queues again, on the same
Dispatch row (its error cleared), the latest dispatch of each statement whose sending failed or
found no address, unless the statement was sent since (by a re-send) or is queued; a sent
dispatch is never touched, and a second click adds nothing and says how many were already sent.
Re-sending one statement queues a new Dispatch marked resend; it is refused while a dispatch of
the statement is still queued. The background job
(send_statements, below) is enqueued once the transaction commits and delivers the queued
dispatches (deliver()); each is claimed under a row lock, re-read as still queued, so that two
workers never send the same one. Progress is the share of a set's dispatches no longer queued.

Every write checks the user's scope (financing.services.check_scope), validates in full and is
one transaction.
"""

import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from budgets.figures import compute
from financing import letters
from financing.figures import ZERO, adopted_budget, status_of_contributions
from financing.models import (
    Assessment,
    BankLine,
    Contact,
    ContributionMethod,
    Contributor,
    Dispatch,
    Fund,
    Payment,
    Pledge,
    Statement,
    StatementRun,
)
from financing.services import check_scope
from isu.models import Participation
from lib.languages import LANGUAGE_CODES, WORKING_LANGUAGE
from lib.money import to_centimes
from lib.validators import FIRST_PLAUSIBLE_DATE, LAST_PLAUSIBLE_DATE

HISTORY_YEARS = 5
REFERENCE_PATTERN = re.compile(r"\b[A-Z]+-\d{4}-\d+-\d{3,}\b")


def reference(convention, year, run, sequence):
    """The module's format: CCM-2018-12-007."""
    return f"{convention.code}-{year}-{run.pk}-{sequence:03d}"


# -- generating -------------------------------------------------------------------------------

def _order(contributor):
    """States by their English name, then organizations: the same order whatever the user's
    language."""
    with translation.override(WORKING_LANGUAGE):
        return (not contributor.is_state, str(contributor), contributor.pk)


def _contributors(fund, year, adopted_on):
    """Who gets a statement (the module's rule), in the order of their sequence numbers."""
    method = ContributionMethod.objects.filter(convention_id=fund.convention_id).first()
    formula = method is not None and method.kind == ContributionMethod.Kind.FORMULA
    donors = (Q(pledges__fund=fund, pledges__first_year__lte=year, pledges__last_year__gte=year)
              | Q(payments__fund=fund, payments__year=year))
    assessed = Q(assessments__fund=fund, assessments__year=year)
    if formula and Assessment.objects.filter(fund=fund, year=year).exists():
        return sorted(Contributor.objects.filter(assessed | donors)
                      .select_related("organization").distinct(), key=_order)
    if formula and fund.kind == Fund.Kind.CORE:
        raise ValidationError(_("No state is assessed for %(year)s yet: assess the adopted "
                                "budget first.") % {"year": year})
    parties = set(Participation.objects.filter(convention_id=fund.convention_id)
                  .parties_on(adopted_on).values_list("country", flat=True))
    contributors = {c.pk: c for c in Contributor.objects.filter(
        Q(state__in=parties) | donors).select_related("organization").distinct()}
    known = {str(c.state) for c in contributors.values() if c.is_state}
    for country in sorted(str(c) for c in parties if str(c) not in known):
        created = Contributor(state=country)
        created.full_clean()
        created.save()
        contributors[created.pk] = created
    return sorted(contributors.values(), key=_order)


def _past_years(fund, year):
    """The years before `year` in which the fund has any assessment, pledge or payment, latest
    first."""
    years = set(Assessment.objects.filter(fund=fund, year__lt=year).values_list("year", flat=True))
    years |= set(Payment.objects.filter(fund=fund, year__lt=year).values_list("year", flat=True))
    for first, last in Pledge.objects.filter(fund=fund, first_year__lt=year).values_list(
            "first_year", "last_year"):
        years |= set(range(first, min(last, year - 1) + 1))
    return sorted(years, reverse=True)


def _histories(fund, year, contributors):
    """{contributor id: [{"year", "requested", "paid"}, …]}: up to HISTORY_YEARS previous years
    in which the contributor had any figure in the fund, latest first."""
    wanted = {c.pk for c in contributors}
    histories = {pk: [] for pk in wanted}
    for past in _past_years(fund, year):
        if all(len(rows) >= HISTORY_YEARS for rows in histories.values()):
            break
        for row in status_of_contributions(fund, past).rows:
            rows = histories.get(row.contributor.pk)
            if rows is None or len(rows) >= HISTORY_YEARS:
                continue
            if row.expected or row.paid:
                rows.append({"year": past, "requested": str(row.expected), "paid": str(row.paid)})
    return histories


@transaction.atomic
def generate_statements(user, fund, year, issued_on=None):
    """The set of statements of the fund and the year (the module's rule); refused until the
    year's budget is adopted."""
    check_scope(user, fund.convention_id)
    if issued_on is not None and not FIRST_PLAUSIBLE_DATE <= issued_on <= LAST_PLAUSIBLE_DATE:
        raise ValidationError(_("The date of issue, %(date)s, is surely a typing error: give a "
                                "date between 1990-01-01 and 2100-12-31.")
                              % {"date": issued_on.isoformat()})
    Fund.objects.select_for_update().filter(pk=fund.pk).first()  # two clicks, one by one
    budget = adopted_budget(fund.convention_id, year)
    if budget is None:
        raise ValidationError(_("No budget for %(year)s is adopted yet: invoices and statements "
                                "are generated once its adoption is recorded.") % {"year": year})
    try:
        letters.bank_details(fund.convention)
    except letters.BankDetailsMissing as error:
        raise ValidationError(str(error)) from None
    issued_on = issued_on or timezone.localdate()
    adopted_on = budget.plan.adopted_on or issued_on
    contributors = _contributors(fund, year, adopted_on)
    if not contributors:
        raise ValidationError(_("No state or contributor is there to write to for %(year)s.")
                              % {"year": year})
    never_sent(fund, year).delete()
    run = StatementRun(fund=fund, year=year, issued_on=issued_on, budget=budget,
                       budget_total=to_centimes(compute(budget).total), recorded_by=user)
    run.full_clean()
    run.save()
    figures = {row.contributor.pk: row for row in status_of_contributions(fund, year).rows}
    histories = _histories(fund, year, contributors)
    convention = fund.convention
    for sequence, contributor in enumerate(contributors, start=1):
        row = figures.get(contributor.pk)
        statement = Statement(
            run=run, contributor=contributor,
            reference=reference(convention, year, run, sequence),
            requested=row.expected if row else ZERO, paid=row.paid if row else ZERO,
            outstanding=row.outstanding if row else ZERO,
            history=histories[contributor.pk])
        statement.full_clean()
        statement.save()
    return run


def never_sent(fund, year):
    """The fund's sets for the year that a new set replaces (the module's rule): no dispatch,
    and no bank entry naming one of their statements."""
    return StatementRun.objects.filter(fund=fund, year=year).exclude(
        statements__dispatches__isnull=False).exclude(
        pk__in=BankLine.objects.filter(statement__run__fund=fund, statement__run__year=year)
        .values("statement__run_id"))


# -- sending ----------------------------------------------------------------------------------

def _enqueue(run_id, dispatch_id=None):
    transaction.on_commit(lambda: send_statements.enqueue(run_id, dispatch_id))


@dataclass(frozen=True)
class Sending:
    """What "Send all" did: statements queued now, those already sent, those still queued
    from before."""

    queued: int
    already_sent: int
    already_queued: int


@transaction.atomic
def send_run(user, run):
    """Queue the set's statements that were never dispatched, queue again those whose
    sending failed or found no address (the module's rule), and the job that sends them."""
    check_scope(user, run.fund.convention_id)
    run = StatementRun.objects.select_for_update().get(pk=run.pk)
    latest, sent, queued = {}, set(), set()
    for dispatch in Dispatch.objects.filter(statement__run=run).order_by("requested_at", "id"):
        latest[dispatch.statement_id] = dispatch
        if dispatch.status == Dispatch.Status.SENT:
            sent.add(dispatch.statement_id)
        elif dispatch.status == Dispatch.Status.QUEUED:
            queued.add(dispatch.statement_id)
    queued -= sent
    created = 0
    for statement in run.statements.order_by("reference"):
        if statement.pk in sent or statement.pk in queued:
            continue
        dispatch = latest.get(statement.pk)
        if dispatch is None:
            dispatch = Dispatch(statement=statement, resend=False, requested_by=user)
        else:  # failed, or no address: the same row goes back to the queue
            dispatch.status, dispatch.error, dispatch.recipients = Dispatch.Status.QUEUED, "", ""
            dispatch.sent_at, dispatch.requested_by = None, user
        dispatch.full_clean()
        dispatch.save()
        created += 1
    if created:
        run.sending_requested_at = timezone.now()
        run.full_clean()
        run.save(update_fields=["sending_requested_at"])
        _enqueue(run.pk)
    return Sending(queued=created, already_sent=len(sent), already_queued=len(queued))


@transaction.atomic
def resend(user, statement):
    """Queue the statement alone again, and the job that sends it; refused while a dispatch
    of the statement is still queued."""
    check_scope(user, statement.run.fund.convention_id)
    StatementRun.objects.select_for_update().filter(pk=statement.run_id).first()
    if statement.dispatches.filter(status=Dispatch.Status.QUEUED).exists():
        raise ValidationError(_("%(reference)s is already queued to be sent: it goes out in a "
                                "moment, and can be re-sent once it has.")
                              % {"reference": statement.reference})
    dispatch = Dispatch(statement=statement, resend=True, requested_by=user)
    dispatch.full_clean()
    dispatch.save()
    _enqueue(statement.run_id, dispatch.pk)
    return dispatch


def message_texts(statement):
    """(subject, body): English then Chinese, each in its own words."""
    run = statement.run
    convention = run.fund.convention
    subjects, bodies = [], []
    for language in (WORKING_LANGUAGE, *[c for c in LANGUAGE_CODES if c != WORKING_LANGUAGE]):
        with translation.override(language):
            values = {"code": convention.code, "year": run.year,
                      "reference": statement.reference,
                      "title": letters.title(statement, language),
                      "name": letters.addressee(statement.contributor, language),
                      "outstanding": letters.exact_money(statement.outstanding, language)}
            subjects.append(_("%(code)s: %(title)s for %(year)s") % values)
            body = _("To %(name)s:\n\nAttached: %(title)s for %(year)s, reference "
                     "%(reference)s, as PDF files in English and in Chinese.") % values
            if statement.is_invoice:
                body += "\n" + _("Outstanding: %(outstanding)s. Please quote the reference "
                                 "%(reference)s with your payment.") % values
            bodies.append(body)
    subject = f"{subjects[0]} [{statement.reference}]"
    if subjects[1] != subjects[0]:
        subject = f"{subjects[0]} / {subjects[1]} [{statement.reference}]"
    return subject, "\n\n——————\n\n".join(bodies)


def contact_addresses(statement):
    return list(Contact.objects.filter(
        convention_id=statement.run.fund.convention_id,
        contributor_id=statement.contributor_id).order_by("email").values_list("email",
                                                                              flat=True))


def _claimed(dispatch_id):
    """The dispatch locked for this worker if it is still queued, else None: a row another
    worker holds is skipped where the database can skip it, and is re-read after it elsewhere
    (SQLite serialises writers, so the second one reads it as sent)."""
    rows = Dispatch.objects.filter(pk=dispatch_id, status=Dispatch.Status.QUEUED)
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True)
    else:
        rows = rows.select_for_update()
    return rows.first()


def _finish(dispatch, status, recipients="", error="", sent_at=None):
    dispatch.status = status
    dispatch.recipients = recipients
    dispatch.error = error[:500]
    dispatch.sent_at = sent_at
    dispatch.full_clean()
    dispatch.save(update_fields=["status", "recipients", "error", "sent_at"])


def deliver_one(dispatch_id):
    """Send one queued dispatch (the module's rule); its status afterwards, or None if another
    worker had it."""
    dispatch = (Dispatch.objects.filter(pk=dispatch_id, status=Dispatch.Status.QUEUED)
                .select_related("statement__run__fund__convention",
                                "statement__contributor__organization").first())
    if dispatch is None:
        return None
    statement = dispatch.statement
    addresses = contact_addresses(statement)
    attachments, problem = [], ""
    if addresses:
        try:
            attachments = [(letters.pdf_filename(statement, language),
                            letters.render_statement_pdf(statement, language), "application/pdf")
                           for language in LANGUAGE_CODES]
        except Exception as error:  # noqa: BLE001 - kept on the dispatch for staff to read
            problem = str(error) or type(error).__name__
    with transaction.atomic():
        dispatch = _claimed(dispatch_id)
        if dispatch is None:
            return None
        if not addresses:
            _finish(dispatch, Dispatch.Status.NO_ADDRESS)
            return dispatch.status
        if problem:
            _finish(dispatch, Dispatch.Status.FAILED, ", ".join(addresses), problem)
            return dispatch.status
        subject, body = message_texts(statement)
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to=addresses,
                               attachments=attachments)
        try:
            message.send()
        except OSError as error:  # refused, unreachable, or an SMTP error
            _finish(dispatch, Dispatch.Status.FAILED, ", ".join(addresses),
                    str(error) or type(error).__name__)
        else:
            _finish(dispatch, Dispatch.Status.SENT, ", ".join(addresses), sent_at=timezone.now())
        return dispatch.status


def deliver(run_id, dispatch_id=None):
    """Send the set's queued dispatches (or only `dispatch_id`); {status: count} of what this
    worker sent."""
    if dispatch_id is not None:
        ids = [dispatch_id]
    else:
        ids = list(Dispatch.objects.filter(statement__run_id=run_id,
                                           status=Dispatch.Status.QUEUED)
                   .order_by("statement__reference", "id").values_list("pk", flat=True))
    done = {}
    for pk in ids:
        status = deliver_one(pk)
        if status is not None:
            done[str(status)] = done.get(str(status), 0) + 1
    return done


@task()
def send_statements(run_id, dispatch_id=None):
    """The background job: send the set's queued statements, or the one re-sent; {status:
    count} of what was sent."""
    return deliver(run_id, dispatch_id)


# -- progress ---------------------------------------------------------------------------------

@dataclass
class Progress:
    """How far the sending of a set has gone: dispatches no longer queued, of all of them."""

    done: int
    total: int
    sent: int
    failed: int
    no_address: int

    @property
    def queued(self):
        return self.total - self.done

    @property
    def sending(self):
        return self.queued > 0

    @property
    def percent(self):
        return 100 if not self.total else round(100 * self.done / self.total)


def progress(run):
    counts = {status: 0 for status in Dispatch.Status.values}
    for status in Dispatch.objects.filter(statement__run=run).values_list("status", flat=True):
        counts[status] += 1
    total = sum(counts.values())
    return Progress(done=total - counts[Dispatch.Status.QUEUED], total=total,
                    sent=counts[Dispatch.Status.SENT], failed=counts[Dispatch.Status.FAILED],
                    no_address=counts[Dispatch.Status.NO_ADDRESS])


# -- the ZIP ----------------------------------------------------------------------------------

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def statements_zip(run):
    """Every statement's PDF in every language, named by reference and language, in the order
    of the references, with fixed dates: the same set gives the same file names and order."""
    buffer = io.BytesIO()
    statements = run.statements.select_related(
        "run__fund__convention", "contributor__organization").order_by("reference")
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for statement in statements:
            for language in LANGUAGE_CODES:
                info = zipfile.ZipInfo(letters.pdf_filename(statement, language), ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, letters.render_statement_pdf(statement, language))
    return buffer.getvalue()


def zip_filename(run):
    return f"{run.fund.convention.code}-statements-{run.year}-{run.pk}.zip"


def last_dispatches(run):
    """{statement id: its latest dispatch} for the set's page."""
    latest = {}
    for dispatch in Dispatch.objects.filter(statement__run=run).order_by("requested_at", "id"):
        latest[dispatch.statement_id] = dispatch
    return latest
