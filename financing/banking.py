"""Payments that arrive by bank: a bank statement file imported, its credits matched to the
statements the ISU issued, and what does not match resolved by hand.

Files. Two formats, told apart by their content (XML or not):
- ISO 20022 camt.053 (the end-of-day statement Swiss banks issue, versions .001.04 to .001.08;
  the namespace is not checked, only the names of the elements). Credits only (CdtDbtInd
  CRDT), booked entries only. An entry with several transactions (NtryDtls/TxDtls) gives one
  entry per transaction. The reference is the transaction's own bank reference (AcctSvcrRef),
  else the entry's (AcctSvcrRef, else NtryRef; followed by /1, /2… when the entry has several
  transactions), else the payer's end-to-end id; the remittance is the unstructured text
  (RmtInf/Ustrd) and the creditor's reference (RmtInf/Strd/CdtrRefInf/Ref). A file with a
  document type declaration is refused: a statement has none, and entities are a way to attack
  the parser.
- CSV in UTF-8 (with or without a byte order mark), comma or semicolon separated, with a header
  naming its columns: date, amount, currency, reference, debtor, remittance (date, amount and
  reference are required; without a currency column amounts are in CHF). German and French
  names of the columns as banks export them are understood (Valuta, Betrag, Währung, Referenz,
  Auftraggeber, Mitteilung; Date valeur, Montant, Monnaie, Référence, Donneur d'ordre,
  Communication). Dates are 2018-03-01, 01.03.2018 or 01/03/2018; amounts use a point or a
  comma for the decimals and an apostrophe or a space between thousands (1'000.50, 1 000,50);
  with both a point and a comma, the last one marks the decimals (1,000.50, 1.000,50), and the
  same one repeated in groups of three separates thousands (1,000,000). An amount whose only
  separator is a point or a comma followed by exactly three digits (1,000, 25.000) could be
  read either way and is refused, the line named: the bank's amounts have two decimals, so such
  an amount is written 1000.00 or 1'000 instead. A debit is left out whatever its reading.
  Rows with a negative amount (debits) are left out, and so are rows with an empty cell in a
  column of credits (Credit, Gutschrift, Crédit) beside the column of debits.
A file with any bad row is refused as a whole, each bad row named by its line; nothing is saved.

Import (import_bank_file). The same file twice is refused (its SHA-256 digest); an entry
already imported, from this file or another, is skipped by its bank reference and counted. Each
new credit is matched when its remittance names exactly one statement of the convention (a
reference such as CCM-2018-7-003, in any case, with spaces around or instead of the hyphens,
the sequence with or without its leading zeros and past 999), it is in CHF, and its amount is
exactly what the statement's contributor still owes for the statement's fund and year at the
time of the import (financing.figures.outstanding: the larger of its assessment and its year's
pledges, less all its payments for the year, whether recorded by hand, by an earlier bank
entry or by an earlier line of the same file), which must be more than zero. What the statement
showed outstanding when it was issued does not count: a payment recorded since (by hand, or by
bank) would otherwise be counted twice. The payment is then recorded
(financing.services.record_payment, the bank reference as its reference, for the statement's
fund and year, settling the contributor's assessment for them, or else its one pledge that
covers the year). Anything else is left to resolve, with the statement it names as a
suggestion. The whole import is one transaction.

Resolution: staff record the payment of an entry by hand (contributor, fund, year, and the
exchange rate of an amount in another currency), or set it aside as not a contribution (a
refund, bank interest) with a note. An entry settled by a payment is never settled again; to
correct a match or a resolution, staff undo it (its payment is deleted, and the entry waits to
be resolved again). The payment of a bank entry is undone only here, never in the ledger
(financing.services.delete_payment refuses it), so that the entry and its payment stay one.
"""

import csv
import hashlib
import io
import re
import unicodedata
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from financing import figures, guards, services
from financing.models import (
    ALL_CURRENCIES,
    CHF,
    Assessment,
    BankImport,
    BankLine,
    Fund,
    Pledge,
    Statement,
)
from isu.models import Convention
from lib.money import CENTIME, MAX_AMOUNT
from lib.validators import FIRST_PLAUSIBLE_DATE, LAST_PLAUSIBLE_DATE

MAX_FILE_SIZE = 5 * 1024 * 1024
KNOWN_CURRENCIES = {code for code, _name in ALL_CURRENCIES}
REFERENCE_LENGTH = BankLine._meta.get_field("bank_reference").max_length
DEBTOR_LENGTH = BankLine._meta.get_field("debtor").max_length
REMITTANCE_LENGTH = BankLine._meta.get_field("remittance").max_length


@dataclass(frozen=True)
class Entry:
    """A credit as the bank reported it."""

    bank_reference: str
    value_date: date
    amount: Decimal
    currency: str
    debtor: str = ""
    remittance: str = ""


# -- reading a file ---------------------------------------------------------------------------

def detect_format(content):
    """camt053 for XML, csv for anything else."""
    start = content.lstrip(b"\xef\xbb\xbf \t\r\n")
    return BankImport.Format.CAMT053 if start.startswith(b"<") else BankImport.Format.CSV


def parse(content):
    """(format, entries) of a file in either format."""
    kind = detect_format(content)
    parser = parse_camt053 if kind == BankImport.Format.CAMT053 else parse_csv
    return kind, parser(content)


def _refuse_duplicates(entries, where):
    """The same reference twice in one file is a broken file, not two payments."""
    seen, errors = set(), []
    for place, entry in zip(where, entries, strict=True):
        if entry.bank_reference in seen:
            errors.append(_("%(place)s: the reference %(reference)s appears twice in the file.")
                          % {"place": place, "reference": entry.bank_reference})
        seen.add(entry.bank_reference)
    return errors


def _line(number):
    return _("Line %(line)s") % {"line": number}


def _clip(text, length):
    return " ".join(text.split())[:length]


# camt.053

def _name(element):
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _child(element, *path):
    """The first descendant along `path` (names without namespace), or None."""
    for step in path:
        if element is None:
            return None
        element = next((child for child in element if _name(child) == step), None)
    return element


def _children(element, name):
    return [child for child in element if _name(child) == name] if element is not None else []


def _text(element, *path):
    found = _child(element, *path)
    return (found.text or "").strip() if found is not None else ""


def parse_camt053(content):
    """The credits of an ISO 20022 camt.053 statement (the module's rules)."""
    not_camt = _("This file is not an ISO 20022 camt.053 bank statement.")
    upper = content.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        raise ValidationError(not_camt)
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as error:
        raise ValidationError(_("This file is not well-formed XML (%(error)s).")
                              % {"error": error}) from None
    statement = _child(root, "BkToCstmrStmt")
    if _name(root) != "Document" or statement is None:
        raise ValidationError(not_camt)
    entries, places, errors = [], [], []
    for account_statement in _children(statement, "Stmt"):
        for number, entry in enumerate(_children(account_statement, "Ntry"), start=1):
            for place, parsed in _camt_entry(entry, number, errors):
                entries.append(parsed)
                places.append(place)
    errors += _refuse_duplicates(entries, places)
    if errors:
        raise ValidationError(errors)
    return entries


def _camt_status(entry):
    status = _child(entry, "Sts")
    if status is None:
        return "BOOK"
    return (_text(status, "Cd") or (status.text or "")).strip().upper()


def _camt_date(element):
    if element is None:
        return None
    value = _text(element, "Dt") or _text(element, "DtTm")[:10]
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _camt_amount(element):
    """(amount, currency) of an Amt element, or (None, "")."""
    if element is None:
        return None, ""
    try:
        amount = Decimal((element.text or "").strip())
    except InvalidOperation:
        return None, element.get("Ccy", "")
    return amount, element.get("Ccy", "").strip().upper()


def _camt_entry(entry, number, errors):
    """[(place, Entry)] for the credits of one Ntry; problems go to `errors`."""
    indicator = _text(entry, "CdtDbtInd").upper()
    if indicator != "CRDT" or _camt_status(entry) != "BOOK":
        return []
    transactions = [tx for details in _children(entry, "NtryDtls")
                    for tx in _children(details, "TxDtls")]
    several = len(transactions) > 1
    entry_reference = _text(entry, "AcctSvcrRef") or _text(entry, "NtryRef")
    value_date = _camt_date(_child(entry, "ValDt")) or _camt_date(_child(entry, "BookgDt"))
    found = []
    for position, tx in enumerate(transactions or [None], start=1):
        if tx is not None and _text(tx, "CdtDbtInd").upper() not in ("", "CRDT"):
            continue
        refs = _child(tx, "Refs")
        end_to_end = _text(refs, "EndToEndId")
        if end_to_end.upper() == "NOTPROVIDED":
            end_to_end = ""
        reference = _text(refs, "AcctSvcrRef")
        if not reference and entry_reference:
            reference = f"{entry_reference}/{position}" if several else entry_reference
        reference = reference or end_to_end
        place = (_("Entry %(number)s") % {"number": number} if not several
                 else _("Entry %(number)s, transaction %(position)s")
                 % {"number": number, "position": position})
        amount, currency = _camt_amount(_child(tx, "Amt"))
        if amount is None:
            amount, currency = _camt_amount(_child(tx, "AmtDtls", "TxAmt", "Amt"))
        if amount is None and not several:
            amount, currency = _camt_amount(_child(entry, "Amt"))
        problems = _entry_problems(reference, value_date, amount, currency)
        if problems:
            errors.append(f"{place}: {problems}")
            continue
        parties = _child(tx, "RltdPties")
        debtor = _text(parties, "Dbtr", "Nm") or _text(parties, "Dbtr", "Pty", "Nm")
        remittance = _child(tx, "RmtInf")
        texts = [(line.text or "").strip() for line in _children(remittance, "Ustrd")]
        for structured in _children(remittance, "Strd"):
            texts.append(_text(structured, "CdtrRefInf", "Ref"))
            texts += [(line.text or "").strip() for line in _children(structured, "AddtlRmtInf")]
        found.append((place, Entry(
            bank_reference=reference, value_date=value_date, amount=amount, currency=currency,
            debtor=_clip(debtor, DEBTOR_LENGTH),
            remittance=_clip(" ".join(text for text in texts if text), REMITTANCE_LENGTH))))
    return found


def _entry_problems(reference, value_date, amount, currency):
    """What is wrong with an entry's essentials, in a sentence, or ""."""
    if not reference:
        return _("it has no reference.")
    if len(reference) > REFERENCE_LENGTH:
        return _("its reference is longer than %(length)s characters.") % {
            "length": REFERENCE_LENGTH}
    if value_date is None:
        return _("it has no valid value date.")
    if not FIRST_PLAUSIBLE_DATE <= value_date <= LAST_PLAUSIBLE_DATE:
        return _("its value date, %(date)s, is not between 1990 and 2100.") % {
            "date": value_date.isoformat()}
    if amount is None:
        return _("it has no valid amount.")
    if amount != amount.quantize(CENTIME) or amount <= 0 or amount > MAX_AMOUNT:
        return _("its amount, %(amount)s, is not an amount in centimes between 0.01 and "
                 "100,000,000.") % {"amount": amount}
    if currency not in KNOWN_CURRENCIES:
        return _("the currency “%(currency)s” is not one in which the ISU receives "
                 "contributions.") % {"currency": currency}
    return ""


# CSV

COLUMNS = {
    "date": {"date", "value date", "valuedate", "valuta", "valutadatum", "valuta datum",
             "date valeur", "date de valeur", "datum", "buchungsdatum", "booking date"},
    "amount": {"amount", "credit", "betrag", "gutschrift", "montant", "credit chf",
               "betrag chf", "montant chf"},
    "currency": {"currency", "ccy", "wahrung", "waehrung", "monnaie", "devise"},
    "reference": {"reference", "bank reference", "transaction id", "referenz",
                  "referenznummer", "transaktions-id", "reference bancaire", "ref"},
    "debtor": {"debtor", "ordering party", "payer", "name", "auftraggeber", "zahler",
               "donneur d'ordre", "donneur d’ordre", "debiteur", "payeur"},
    "remittance": {"remittance", "remittance information", "message", "description",
                   "mitteilung", "zahlungszweck", "verwendungszweck", "buchungstext",
                   "communication", "motif", "motif du paiement", "texte", "libelle"},
}
REQUIRED = ("date", "amount", "reference")
CREDIT_COLUMNS = {"credit", "gutschrift", "credit chf"}  # a row without a credit is a debit
BOOKING_DATES = {"datum", "buchungsdatum", "booking date"}  # a value date, if any, comes first


def _plain(header):
    """'Währung ' → 'wahrung': lower case, without accents or surrounding spaces."""
    decomposed = unicodedata.normalize("NFKD", header.strip().strip('"').lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _columns(header):
    """{column: index} from the header row; a missing required column is refused."""
    found, booking_date = {}, False
    for index, title in enumerate(header):
        plain = _plain(title)
        for column, names in COLUMNS.items():
            if plain in names and column == "date" and booking_date and plain not in BOOKING_DATES:
                found["date"], booking_date = index, False
            elif plain in names and column not in found:
                booking_date = booking_date or plain in BOOKING_DATES
                found[column] = index
                if column == "amount":
                    found["credits only"] = plain in CREDIT_COLUMNS
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        raise ValidationError(_(
            "The first line of the file must name its columns: date, amount, currency, "
            "reference, debtor, remittance (date, amount and reference at least). Missing: "
            "%(missing)s.") % {"missing": ", ".join(missing)})
    return found


DATE_PATTERNS = [re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
                 re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")]


def parse_date(text):
    """2018-03-01, 01.03.2018 or 01/03/2018 as a date, or None."""
    text = text.strip()
    for number, pattern in enumerate(DATE_PATTERNS):
        match = pattern.match(text)
        if match:
            parts = [int(part) for part in match.groups()]
            year, month, day = parts if number == 0 else reversed(parts)
            try:
                return date(year, month, day)
            except ValueError:
                return None
    return None


AMOUNT = re.compile(r"^[+-]?\d+(\.\d+)?$")
AMBIGUOUS = re.compile(r"^\+?([1-9]\d{0,2})[.,](\d{3})$")
GROUPED = re.compile(r"^[+-]?\d{1,3}([.,])\d{3}(\1\d{3})+$")


class AmbiguousAmount(ValueError):
    """An amount that reads as decimals or as thousands: '25,000' is 25 or 25000."""

    def __init__(self, text, small, large):
        super().__init__(text)
        self.text, self.small, self.large = text, small, large


def parse_amount(text):
    """'1'000.50', '1 000,50', '-20.00' as a Decimal, or None (the module's rule). A point or a
    comma marks the decimals; apostrophes and spaces separate thousands; when both a point and a
    comma appear, the last one marks the decimals; the same one repeated in groups of three
    separates thousands. A credit whose only separator is a point or a comma followed by exactly
    three digits ('1,000', '25.000') raises AmbiguousAmount."""
    ambiguous = AMBIGUOUS.match(text.strip())
    if ambiguous:
        whole, part = ambiguous.groups()
        raise AmbiguousAmount(text.strip(), Decimal(f"{whole}.{part}"), Decimal(whole + part))
    text = re.sub(r"[\s'’\u00a0\u202f]", "", text)
    if GROUPED.match(text):
        text = text.replace(GROUPED.match(text).group(1), "")
    if "," in text and "." in text:
        thousands = "," if text.rfind(",") < text.rfind(".") else "."
        text = text.replace(thousands, "")
    text = text.replace(",", ".")
    if not AMOUNT.match(text):
        return None
    return Decimal(text)


def parse_csv(content):
    """The credits of a CSV bank export (the module's rules)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("The file is not in UTF-8: export it from the bank again as "
                                "UTF-8, or save it as “CSV UTF-8”.")) from None
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise ValidationError(_("The file is empty."))
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next((row for row in reader if any(cell.strip() for cell in row)), None)
    columns = _columns(header)
    entries, places, errors = [], [], []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        place = _line(reader.line_num)
        problem, entry = _csv_row(row, columns)
        if problem:
            errors.append(f"{place}: {problem}")
        elif entry is not None:
            entries.append(entry)
            places.append(place)
    errors += _refuse_duplicates(entries, places)
    if errors:
        raise ValidationError(errors)
    return entries


def _csv_row(row, columns):
    """(problem, entry): the entry of a credit row, None for a debit, or what is wrong."""
    def cell(column):
        index = columns.get(column)
        return row[index].strip() if index is not None and index < len(row) else ""

    raw_amount = cell("amount")
    if not raw_amount:
        return ("", None) if columns["credits only"] else (_("the amount is missing."), None)
    try:
        amount = parse_amount(raw_amount)
    except AmbiguousAmount as ambiguous:
        return _("“%(amount)s” could be %(small)s or %(large)s: write the amount with its "
                 "centimes (%(small_centimes)s or %(large_centimes)s).") % {
            "amount": ambiguous.text, "small": f"{ambiguous.small.normalize():f}",
            "large": f"{ambiguous.large:,}", "small_centimes": f"{ambiguous.small:.2f}",
            "large_centimes": f"{ambiguous.large:.2f}"}, None
    if amount is None:
        return _("“%(amount)s” is not an amount.") % {"amount": raw_amount}, None
    if amount <= 0:
        return "", None  # a debit, or nothing
    value_date = parse_date(cell("date"))
    if value_date is None:
        return _("“%(date)s” is not a date (write 2018-03-01 or 01.03.2018).") % {
            "date": cell("date")}, None
    currency = (cell("currency") or CHF).upper()
    reference = cell("reference")
    problem = _entry_problems(reference, value_date, amount, currency)
    if problem:
        return problem, None
    return "", Entry(bank_reference=reference, value_date=value_date, amount=amount,
                     currency=currency, debtor=_clip(cell("debtor"), DEBTOR_LENGTH),
                     remittance=_clip(cell("remittance"), REMITTANCE_LENGTH))


# -- matching ---------------------------------------------------------------------------------

SEPARATOR = r"(?:\s*[-‐‑–—_/]\s*|\s+)"


def reference_pattern(convention):
    """A statement reference of the convention in free text: CCM-2018-7-003, ccm 2018 7 003,
    CCM - 2018 - 7 - 3, CCM-2018-7-1000 (the sequence has three digits, or more past 999)."""
    return re.compile(
        rf"(?<![A-Za-z0-9]){re.escape(convention.code)}{SEPARATOR}(\d{{4}}){SEPARATOR}(\d+)"
        rf"{SEPARATOR}(\d+)(?![0-9])", re.IGNORECASE)


def statements_named(convention, text):
    """The convention's statements whose references appear in `text`."""
    references = {f"{convention.code}-{year}-{int(run)}-{int(seq):03d}"
                  for year, run, seq in reference_pattern(convention).findall(text or "")}
    if not references:
        return []
    return list(Statement.objects.filter(reference__in=references,
                                         run__fund__convention=convention)
                .select_related("run__fund", "contributor"))


def settles(contributor, fund, year):
    """What a payment of the contributor to the fund for the year settles: its assessment,
    else its one pledge that covers the year: {"assessment": …} or {"pledge": …} or {}."""
    assessment = Assessment.objects.filter(contributor=contributor, fund=fund, year=year).first()
    if assessment is not None:
        return {"assessment": assessment}
    pledges = list(Pledge.objects.filter(contributor=contributor, fund=fund,
                                         first_year__lte=year, last_year__gte=year)[:2])
    return {"pledge": pledges[0]} if len(pledges) == 1 else {}


def _match(user, line):
    """Record the payment of a new line when it matches a statement exactly (the module's
    rule); otherwise keep the statement it names, if one, as a suggestion."""
    named = statements_named(line.convention, line.remittance)
    if len(named) != 1:
        return
    statement = named[0]
    line.statement = statement
    fund, year = statement.run.fund, statement.run.year
    if line.currency != CHF:
        return
    Fund.objects.select_for_update().filter(pk=fund.pk).first()  # no payment meanwhile
    owed = figures.outstanding(statement.contributor, fund, year)
    if (owed <= 0 or line.amount != owed
            or fund.payments.filter(reference=line.bank_reference).exists()):
        return
    line.payment = services.record_payment(
        user, contributor=statement.contributor, fund=fund, year=year,
        value_date=line.value_date, amount=line.amount, reference=line.bank_reference,
        **settles(statement.contributor, fund, year))
    line.status = BankLine.Status.MATCHED


# -- the services -----------------------------------------------------------------------------

def _saved(row):
    row.full_clean()
    row.save()
    return row


def digest(content):
    return hashlib.sha256(content).hexdigest()


@transaction.atomic
def import_bank_file(user, convention, name, content):
    """Import a bank statement file for the convention (the module's rules). Returns the
    BankImport, its lines created and matched; refuses the whole file if anything is wrong."""
    services.check_scope(user, convention.pk)
    if len(content) > MAX_FILE_SIZE:
        raise ValidationError(_("The file is too large: a bank statement file is at most 5 MB."))
    Convention.objects.select_for_update().filter(pk=convention.pk).first()
    fingerprint = digest(content)
    earlier = BankImport.objects.filter(convention=convention, digest=fingerprint).first()
    if earlier is not None:
        raise ValidationError(_(
            "This file was already imported on %(date)s (as %(name)s): nothing was added."
        ) % {"date": earlier.recorded_at.date().isoformat(), "name": earlier.file_name})
    kind, entries = parse(content)
    known = set(BankLine.objects.filter(
        convention=convention, bank_reference__in=[entry.bank_reference for entry in entries],
    ).values_list("bank_reference", flat=True))
    new = [entry for entry in entries if entry.bank_reference not in known]
    bank_import = _saved(BankImport(
        convention=convention, file_name=(name or "")[:255] or "statement", format=kind,
        digest=fingerprint, entries=len(entries), skipped=len(entries) - len(new),
        recorded_by=user))
    for entry in new:
        line = BankLine(bank_import=bank_import, convention=convention,
                        bank_reference=entry.bank_reference, value_date=entry.value_date,
                        amount=entry.amount, currency=entry.currency, debtor=entry.debtor,
                        remittance=entry.remittance)
        _match(user, line)
        _saved(line)
    return bank_import


def summary(bank_import):
    """The sentence staff read after an import."""
    counts = {status: 0 for status in BankLine.Status.values}
    for status in bank_import.lines.values_list("status", flat=True):
        counts[status] += 1
    return _("%(entries)s credits in the file: %(matched)s matched, %(unmatched)s to resolve, "
             "%(skipped)s already imported.") % {
        "entries": bank_import.entries, "matched": counts[BankLine.Status.MATCHED],
        "unmatched": counts[BankLine.Status.UNMATCHED], "skipped": bank_import.skipped}


def _open_line(user, line):
    """The line, locked, once the user may settle it and it is not settled yet."""
    services.check_scope(user, line.convention_id)
    line = BankLine.objects.select_for_update().select_related("convention").get(pk=line.pk)
    if line.status in (BankLine.Status.MATCHED, BankLine.Status.RESOLVED):
        raise ValidationError(_("This bank entry is already settled by a payment."))
    return line


@transaction.atomic
def resolve_line(user, line, *, contributor, fund, year, exchange_rate=1, statement=None):
    """Record by hand the payment a bank entry brought, and mark the entry resolved."""
    line = _open_line(user, line)
    if fund.convention_id != line.convention_id:
        raise ValidationError({"fund": _("Choose a fund of this convention.")})
    if statement is not None and (statement.run.fund_id != fund.pk or statement.run.year != year
                                  or statement.contributor_id != contributor.pk):
        raise ValidationError(_("The statement is for another contributor, fund or year than "
                                "the payment."))
    rate = Decimal(1) if line.currency == CHF else Decimal(exchange_rate)
    line.payment = services.record_payment(
        user, contributor=contributor, fund=fund, year=year, value_date=line.value_date,
        amount=line.amount, currency=line.currency, exchange_rate=rate,
        reference=line.bank_reference, **settles(contributor, fund, year))
    line.status = BankLine.Status.RESOLVED
    line.statement = statement
    return _saved(line)


@transaction.atomic
def ignore_line(user, line, note):
    """Set a bank entry aside as not a contribution (a refund, bank interest…)."""
    line = _open_line(user, line)
    note = " ".join((note or "").split())
    if not note:
        raise ValidationError({"note": _("Say why this entry is not a contribution.")})
    line.status = BankLine.Status.IGNORED
    line.note = note
    return _saved(line)


@transaction.atomic
def undo_line(user, line):
    """Put a settled or set-aside entry back to resolve: its payment, if any, is deleted."""
    services.check_scope(user, line.convention_id)
    line = BankLine.objects.select_for_update().get(pk=line.pk)
    if line.status == BankLine.Status.UNMATCHED:
        raise ValidationError(_("This bank entry is still to resolve: there is nothing to "
                                "undo."))
    payment = line.payment
    if payment is not None:
        Fund.objects.select_for_update().filter(pk=payment.fund_id).first()
    line.status = BankLine.Status.UNMATCHED
    line.payment = None
    line.note = ""
    _saved(line)
    if payment is not None:
        with guards.kept(payment.fund, [payment.year]):
            payment.delete()
    return line
