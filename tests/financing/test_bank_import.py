"""Payments that arrive by bank: a bank statement file (camt.053 or CSV) imported, its credits
matched to the statements the ISU issued, and what does not match resolved by hand."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from financing import banking, figures, services
from financing.models import (
    Assessment,
    BankImport,
    BankLine,
    Contributor,
    Fund,
    Payment,
    Scale,
    Statement,
    StatementRun,
)
from financing.statements import generate_statements
from tests import factories
from tests.financing.statement_world import formula_world
from tests.queries import queries_on_second_visit

D = Decimal
DATA = Path(__file__).parent / "data"
CAMT = (DATA / "camt053_001_08.xml").read_bytes()
SWISS_CSV = (DATA / "swiss_export.csv").read_bytes()

CAMT_04 = b"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04">
 <BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId><CreDtTm>2018-04-03T17:00:00</CreDtTm></GrpHdr>
  <Stmt><Id>S1</Id><Acct><Id><IBAN>CH9300762011623852957</IBAN></Id></Acct>
   <Ntry><NtryRef>PF-0403-17</NtryRef><Amt Ccy="CHF">3000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
    <Sts>BOOK</Sts><BookgDt><Dt>2018-04-03</Dt></BookgDt><ValDt><Dt>2018-04-03</Dt></ValDt>
    <NtryDtls>
     <TxDtls><Refs><EndToEndId>E2E-1</EndToEndId></Refs>
      <AmtDtls><TxAmt><Amt Ccy="CHF">1000.00</Amt></TxAmt></AmtDtls>
      <RltdPties><Dbtr><Nm>Embassy of Japan</Nm></Dbtr></RltdPties>
      <RmtInf><Ustrd>First part</Ustrd></RmtInf></TxDtls>
     <TxDtls><Refs><EndToEndId>E2E-2</EndToEndId></Refs><Amt Ccy="CHF">2000.00</Amt>
      <RltdPties><Dbtr><Nm>Embassy of Japan</Nm></Dbtr></RltdPties>
      <RmtInf><Ustrd>Second part</Ustrd></RmtInf></TxDtls>
    </NtryDtls></Ntry>
   <Ntry><NtryRef>PF-0403-18</NtryRef><Amt Ccy="CHF">50.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
    <Sts>PDNG</Sts><ValDt><Dt>2018-04-04</Dt></ValDt></Ntry>
  </Stmt>
 </BkToCstmrStmt>
</Document>"""


@pytest.fixture
def core(ccm):
    return Fund.objects.create(convention=ccm, kind=Fund.Kind.CORE, name_en="Core budget")


@pytest.fixture
def world(ccm, ccm_finance, core):
    """Three statements of CCM's core budget for 2018 in the set numbered 7: Norway assessed
    and owing CHF 25,000 (…-001), Austria assessed and owing CHF 8,500 (…-002), Switzerland
    pledging CHF 12,000 (…-003)."""
    plan = factories.plan("CCM", 2018)
    budget = factories.budget(plan, lines=[("staff", "45500")])
    scale = Scale.objects.create(convention=ccm, source_en="UN scale", dated=date(2015, 12, 23))
    run = StatementRun.objects.create(pk=7, fund=core, year=2018, issued_on=date(2018, 1, 15),
                                      recorded_by=ccm_finance)
    made = {}
    for seq, (state, owed) in enumerate([("NO", "25000"), ("AT", "8500"), ("CH", "12000")],
                                        start=1):
        contributor = Contributor.objects.create(state=state)
        if state == "CH":
            services.record_pledge(ccm_finance, contributor=contributor, fund=core,
                                   first_year=2017, last_year=2019, amount="36000")
        else:
            Assessment.objects.create(contributor=contributor, fund=core, year=2018,
                                      amount=D(owed), budget=budget, scale=scale)
        made[state] = Statement.objects.create(
            run=run, contributor=contributor, reference=f"CCM-2018-7-{seq:03d}",
            requested=D(owed), paid=D(0), outstanding=D(owed))
    return made


# -- reading files ----------------------------------------------------------------------------

def test_a_camt_053_001_08_gives_its_credits_and_leaves_out_its_debit():
    entries = banking.parse_camt053(CAMT)
    assert [entry.bank_reference for entry in entries] == ["UBS-20180316-000114",
                                                           "UBS-20180316-000127"]
    norway, austria = entries
    assert norway.amount == D("25000.00") and norway.currency == "CHF"
    assert norway.value_date == date(2018, 3, 16)
    assert norway.debtor == "Royal Norwegian Ministry of Foreign Affairs"
    assert "ccm-2018-7-001" in norway.remittance
    assert austria.remittance == "CCM 2018 7 002"  # the structured creditor reference
    assert austria.value_date == date(2018, 3, 15)


def test_a_camt_053_001_04_entry_with_two_transactions_gives_two_entries_and_pending_none():
    first, second = banking.parse_camt053(CAMT_04)
    assert (first.bank_reference, first.amount) == ("PF-0403-17/1", D("1000.00"))
    assert (second.bank_reference, second.amount) == ("PF-0403-17/2", D("2000.00"))
    assert first.debtor == "Embassy of Japan" and second.remittance == "Second part"


def test_xml_that_is_not_a_camt_053_statement_is_refused():
    with pytest.raises(ValidationError, match="not an ISO 20022 camt.053"):
        banking.parse_camt053(b"<?xml version='1.0'?><Document><CstmrCdtTrfInitn/></Document>")
    with pytest.raises(ValidationError, match="not well-formed XML"):
        banking.parse_camt053(b"<Document><BkToCstmrStmt></Document>")


def test_a_document_type_declaration_is_refused_before_parsing():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaa">]>'
            b"<Document><BkToCstmrStmt/></Document>")
    with pytest.raises(ValidationError, match="not an ISO 20022 camt.053"):
        banking.parse_camt053(bomb)


def test_a_swiss_csv_export_with_german_headers_is_read_and_its_debit_left_out():
    norway, france, switzerland = banking.parse_csv(SWISS_CSV)
    assert norway.amount == D("25000.00") and norway.value_date == date(2018, 3, 16)
    assert (france.amount, france.currency) == (D("1250.50"), "EUR")
    assert france.debtor == "Ministère de l'Europe et des Affaires étrangères"
    assert switzerland.amount == D("12000.00")


def test_a_french_csv_with_commas_quotes_and_iso_dates_is_read():
    content = ('Date valeur,Montant,Monnaie,Référence,Donneur d\'ordre,Communication\n'
               '2018-05-02,"1 000,50",chf,PF-1,Mission du Canada,"Contribution, 2018"\n'
               ).encode()
    (entry,) = banking.parse_csv(content)
    assert (entry.amount, entry.currency, entry.value_date) == (D("1000.50"), "CHF",
                                                               date(2018, 5, 2))
    assert entry.remittance == "Contribution, 2018"


def test_a_csv_with_a_column_of_credits_leaves_out_the_rows_without_one():
    content = ("Datum;Valuta;Buchungstext;Belastung;Gutschrift;Referenz\n"
               "20.03.2018;20.03.2018;Gebühren;120.00;;UBS-1\n"
               "21.03.2018;20.03.2018;Beitrag CCM-2018-7-003;;12'000.00;UBS-2\n").encode()
    (entry,) = banking.parse_csv(content)
    assert entry.value_date == date(2018, 3, 20)  # the value date, not the booking date
    assert (entry.bank_reference, entry.amount, entry.currency) == ("UBS-2", D("12000.00"),
                                                                    "CHF")
    assert entry.remittance == "Beitrag CCM-2018-7-003"


@pytest.mark.parametrize("written, amount", [("1'000.50", "1000.50"), ("1 000,50", "1000.50"),
                                             ("1.000,50", "1000.50"), ("1,000.50", "1000.50"),
                                             ("250", "250"), ("-20.00", "-20.00"),
                                             ("12,5", "12.5"), ("abc", None), ("1.2.3", None),
                                             ("1'250,50", "1250.50"), ("12 000.00", "12000.00"),
                                             ("1.250,50", "1250.50"), ("1'000,500", "1000.500"),
                                             ("1,000,000", "1000000"), ("1.000.000", "1000000"),
                                             ("0,500", "0.500"), ("1000,500", "1000.500"),
                                             ("-1,000", "-1.000")])
def test_amounts_are_read_in_the_swiss_and_european_ways(written, amount):
    assert banking.parse_amount(written) == (None if amount is None else D(amount))


@pytest.mark.parametrize("written", ["1,000", "25,000", "25.000", "+1,500", " 999,999 "])
def test_a_lone_comma_or_point_before_three_digits_could_be_either_and_is_refused(written):
    with pytest.raises(banking.AmbiguousAmount):
        banking.parse_amount(written)


def test_an_ambiguous_credit_is_refused_with_its_line_and_both_readings():
    content = (b"date;amount;reference\n"
               b"2018-03-01;100.00;A-1\n"
               b"2018-03-02;25,000;A-2\n"
               b"2018-03-03;-1,000;A-3\n")  # a debit is left out however it reads
    with pytest.raises(ValidationError) as refusal:
        banking.parse_csv(content)
    assert refusal.value.messages == [
        "Line 3: “25,000” could be 25 or 25,000: write the amount with its centimes (25.00 or "
        "25000.00)."]


def test_a_value_date_that_cannot_be_is_named_by_its_line():
    with pytest.raises(ValidationError, match="Line 3: .*its value date, 2108-03-01, is not "
                                              "between 1990 and 2100"):
        banking.parse_csv(b"date;amount;currency;reference\n2018-03-01;100.00;CHF;A-1\n"
                          b"2108-03-01;100.00;CHF;A-2\n")


def test_each_bad_csv_row_is_named_by_its_line_and_the_file_refused():
    content = (b"date;amount;currency;reference\n"
               b"2018-03-01;100.00;CHF;A-1\n"
               b"31.02.2018;100.00;CHF;A-2\n"
               b"\n"
               b"2018-03-02;cent;CHF;A-3\n"
               b"2018-03-02;100.00;XYZ;A-4\n"
               b"2018-03-02;1000.001;CHF;A-5\n"
               b"2018-03-02;100.00;CHF;A-1\n")
    with pytest.raises(ValidationError) as refusal:
        banking.parse_csv(content)
    messages = refusal.value.messages
    assert messages[0].startswith("Line 3:") and "is not a date" in messages[0]
    assert messages[1].startswith("Line 5:") and "“cent” is not an amount" in messages[1]
    assert messages[2].startswith("Line 6:") and "XYZ" in messages[2]
    assert messages[3].startswith("Line 7:") and "centimes" in messages[3]
    assert messages[4].startswith("Line 8:") and "appears twice" in messages[4]


def test_a_csv_without_the_needed_columns_says_which_are_missing():
    with pytest.raises(ValidationError, match="Missing: reference"):
        banking.parse_csv(b"date,amount\n2018-03-01,5\n")


def test_a_csv_not_in_utf8_is_refused():
    with pytest.raises(ValidationError, match="not in UTF-8"):
        banking.parse_csv("date;amount;reference;W\xe4hrung\n".encode("latin-1"))


# -- matching ---------------------------------------------------------------------------------

def test_a_credit_naming_its_statement_for_the_exact_amount_is_recorded_as_its_payment(
        ccm, ccm_finance, core, world):
    bank_import = banking.import_bank_file(ccm_finance, ccm, "2018-03-16.xml", CAMT)
    assert (bank_import.format, bank_import.entries, bank_import.skipped) == ("camt053", 2, 0)
    matched = BankLine.objects.get(bank_reference="UBS-20180316-000114")
    assert matched.status == BankLine.Status.MATCHED and matched.statement == world["NO"]
    payment = matched.payment
    assert (payment.fund, payment.year, payment.contributor) == (core, 2018,
                                                                  world["NO"].contributor)
    assert payment.assessment == Assessment.objects.get(contributor__state="NO")
    assert (payment.amount, payment.reference, payment.value_date) == (
        D("25000.00"), "UBS-20180316-000114", date(2018, 3, 16))
    assert payment.recorded_by == ccm_finance
    assert banking.summary(bank_import) == ("2 credits in the file: 1 matched, 1 to resolve, "
                                            "0 already imported.")


def test_a_credit_for_another_amount_waits_with_its_statement_as_a_suggestion(ccm, ccm_finance,
                                                                              world):
    banking.import_bank_file(ccm_finance, ccm, "2018-03-16.xml", CAMT)
    austria = BankLine.objects.get(bank_reference="UBS-20180316-000127")
    assert austria.status == BankLine.Status.UNMATCHED and austria.payment is None
    assert austria.statement == world["AT"]  # CHF 8,000 against 8,500 outstanding
    assert Payment.objects.count() == 1  # the debit is not a payment either
    assert not BankLine.objects.filter(bank_reference="UBS-20180316-000131").exists()


def test_a_payment_settles_the_contributors_one_pledge_when_it_is_not_assessed(
        ccm, ccm_finance, world):
    banking.import_bank_file(ccm_finance, ccm, "export.csv", SWISS_CSV)
    switzerland = BankLine.objects.get(bank_reference="UBS-20180320-000015")
    assert switzerland.status == BankLine.Status.MATCHED  # "CCM - 2018 - 7 - 003"
    assert switzerland.payment.pledge.contributor.state == "CH"
    assert switzerland.payment.assessment is None


def test_a_foreign_currency_credit_is_not_matched_even_naming_a_statement(ccm, ccm_finance,
                                                                          world):
    content = (b"date,amount,currency,reference,remittance\n"
               b"2018-03-20,25000,EUR,X-1,CCM-2018-7-001\n")
    banking.import_bank_file(ccm_finance, ccm, "eur.csv", content)
    line = BankLine.objects.get()
    assert line.status == BankLine.Status.UNMATCHED and line.statement == world["NO"]


def test_a_credit_naming_two_statements_is_left_to_resolve_without_suggestion(ccm, ccm_finance,
                                                                              world):
    content = (b"date,amount,reference,remittance\n"
               b"2018-03-20,25000,X-1,CCM-2018-7-001 and CCM-2018-7-002\n")
    banking.import_bank_file(ccm_finance, ccm, "two.csv", content)
    line = BankLine.objects.get()
    assert line.status == BankLine.Status.UNMATCHED and line.statement is None


def test_a_statement_paid_once_by_bank_is_not_matched_again(ccm, ccm_finance, world):
    banking.import_bank_file(ccm_finance, ccm, "2018-03-16.xml", CAMT)
    again = (b"date,amount,reference,remittance\n"
             b"2018-04-02,25000.00,UBS-20180402-000001,CCM-2018-7-001\n")
    banking.import_bank_file(ccm_finance, ccm, "april.csv", again)
    second = BankLine.objects.get(bank_reference="UBS-20180402-000001")
    assert second.status == BankLine.Status.UNMATCHED and second.statement == world["NO"]
    assert Payment.objects.filter(contributor__state="NO").count() == 1


def test_a_reference_already_recorded_by_hand_leaves_the_entry_to_resolve(ccm, ccm_finance,
                                                                          core, world):
    services.record_payment(ccm_finance, contributor=world["NO"].contributor, fund=core,
                            year=2018, value_date=date(2018, 3, 16), amount="25000",
                            reference="UBS-20180316-000114")
    banking.import_bank_file(ccm_finance, ccm, "2018-03-16.xml", CAMT)
    line = BankLine.objects.get(bank_reference="UBS-20180316-000114")
    assert line.status == BankLine.Status.UNMATCHED
    assert Payment.objects.count() == 1


def switzerlands_statement(ccm, ccm_finance):
    """CCM under a formula, its 2018 statements generated: Switzerland's, and its fund."""
    fund = formula_world(ccm, ccm_finance)["core"]
    run = generate_statements(ccm_finance, fund, 2018)
    return run.statements.get(contributor__state="CH"), fund


def credit(amount, reference, remittance):
    return f"date,amount,reference,remittance\n2018-03-20,{amount},{reference},{remittance}\n"


def test_a_payment_recorded_by_hand_is_not_counted_again_when_the_bank_file_comes_in(
        ccm, ccm_finance):
    switzerland, fund = switzerlands_statement(ccm, ccm_finance)
    services.record_payment(ccm_finance, contributor=switzerland.contributor, fund=fund,
                            year=2018, value_date=date(2018, 3, 19),
                            amount=switzerland.outstanding, reference="Swiss letter of 19 March")
    banking.import_bank_file(ccm_finance, ccm, "march.csv", credit(
        switzerland.outstanding, "UBS-1", switzerland.reference).encode())
    line = BankLine.objects.get()
    assert line.status == BankLine.Status.UNMATCHED and line.payment is None
    assert line.statement == switzerland  # to resolve, with the statement as a suggestion
    assert [p.amount for p in Payment.objects.filter(contributor=switzerland.contributor,
                                                     fund=fund)] == [switzerland.outstanding]
    assert figures.outstanding(switzerland.contributor, fund, 2018) == 0


def test_a_credit_for_what_is_left_after_a_payment_by_hand_is_matched(ccm, ccm_finance):
    switzerland, fund = switzerlands_statement(ccm, ccm_finance)
    services.record_payment(ccm_finance, contributor=switzerland.contributor, fund=fund,
                            year=2018, value_date=date(2018, 3, 1), amount="40000",
                            reference="Swiss first instalment")
    left = switzerland.outstanding - D("40000")
    assert figures.outstanding(switzerland.contributor, fund, 2018) == left
    content = (credit(switzerland.outstanding, "UBS-1", switzerland.reference)
               + f"2018-03-21,{left},UBS-2,{switzerland.reference}\n"
               + f"2018-03-22,{left},UBS-3,{switzerland.reference}\n")
    banking.import_bank_file(ccm_finance, ccm, "march.csv", content.encode())
    statuses = dict(BankLine.objects.values_list("bank_reference", "status"))
    assert statuses == {"UBS-1": "unmatched", "UBS-2": "matched", "UBS-3": "unmatched"}
    assert figures.outstanding(switzerland.contributor, fund, 2018) == 0


def test_a_reference_past_999_is_matched(ccm, ccm_finance, world):
    Statement.objects.filter(pk=world["AT"].pk).update(reference="CCM-2018-7-1000")
    banking.import_bank_file(ccm_finance, ccm, "march.csv",
                             credit("8500.00", "UBS-1", "ccm 2018 7 1000").encode())
    line = BankLine.objects.get()
    assert line.status == BankLine.Status.MATCHED and line.statement == world["AT"]
    assert banking.statements_named(ccm, "CCM-2018-7-10000") == []


# -- importing twice --------------------------------------------------------------------------

def test_the_same_file_twice_adds_nothing_and_says_so(ccm, ccm_finance, world):
    banking.import_bank_file(ccm_finance, ccm, "2018-03-16.xml", CAMT)
    with pytest.raises(ValidationError, match="already imported on .* nothing was added"):
        banking.import_bank_file(ccm_finance, ccm, "copy of 2018-03-16.xml", CAMT)
    assert (BankImport.objects.count(), BankLine.objects.count(), Payment.objects.count()) == (
        1, 2, 1)


def test_an_overlapping_file_skips_the_entries_already_imported(ccm, ccm_finance, world):
    banking.import_bank_file(ccm_finance, ccm, "2018-03-16.xml", CAMT)
    later = banking.import_bank_file(ccm_finance, ccm, "march.csv", SWISS_CSV)
    assert (later.entries, later.skipped, later.lines.count()) == (3, 1, 2)
    assert Payment.objects.filter(reference="UBS-20180316-000114").count() == 1
    assert banking.summary(later) == ("3 credits in the file: 1 matched, 1 to resolve, "
                                      "1 already imported.")


def test_a_bad_file_saves_nothing(ccm, ccm_finance, world):
    content = SWISS_CSV + b"21.03.2018;lots;CHF;UBS-X;Someone;CCM-2018-7-002\n"
    with pytest.raises(ValidationError, match="Line 6:"):
        banking.import_bank_file(ccm_finance, ccm, "bad.csv", content)
    assert not BankImport.objects.exists() and not BankLine.objects.exists()
    assert not Payment.objects.exists()


# -- resolving by hand ------------------------------------------------------------------------

def test_an_unmatched_entry_is_resolved_by_hand_and_cannot_be_resolved_again(
        ccm, ccm_finance, core, world):
    banking.import_bank_file(ccm_finance, ccm, "2018-03-16.xml", CAMT)
    line = BankLine.objects.get(status=BankLine.Status.UNMATCHED)
    austria = world["AT"].contributor
    banking.resolve_line(ccm_finance, line, contributor=austria, fund=core, year=2018,
                         statement=world["AT"])
    line.refresh_from_db()
    assert line.status == BankLine.Status.RESOLVED
    assert (line.payment.contributor, line.payment.amount, line.payment.reference) == (
        austria, D("8000.00"), "UBS-20180316-000127")
    assert line.payment.assessment.contributor == austria
    with pytest.raises(ValidationError, match="already settled"):
        banking.resolve_line(ccm_finance, line, contributor=austria, fund=core, year=2018)
    assert Payment.objects.filter(contributor=austria).count() == 1


def test_an_entry_in_euros_is_resolved_at_its_exchange_rate(ccm, ccm_finance, core, world):
    banking.import_bank_file(ccm_finance, ccm, "march.csv", SWISS_CSV)
    line = BankLine.objects.get(currency="EUR")
    france = Contributor.objects.create(state="FR")
    banking.resolve_line(ccm_finance, line, contributor=france, fund=core, year=2018,
                         exchange_rate=D("1.1725"))
    line.refresh_from_db()
    assert (line.payment.currency, line.payment.amount_chf) == ("EUR", D("1466.21"))
    assert line.payment.assessment is None and line.payment.pledge is None


def test_an_entry_is_resolved_only_for_a_fund_of_its_convention(ccm, apmbc, ccm_finance, world):
    banking.import_bank_file(ccm_finance, ccm, "2018-03-16.xml", CAMT)
    line = BankLine.objects.get(status=BankLine.Status.UNMATCHED)
    elsewhere = Fund.objects.create(convention=apmbc, kind=Fund.Kind.CORE, name_en="APMBC core")
    with pytest.raises(ValidationError, match="fund of this convention"):
        banking.resolve_line(ccm_finance, line, contributor=world["AT"].contributor,
                             fund=elsewhere, year=2018)
    with pytest.raises(ValidationError, match="another contributor, fund or year"):
        banking.resolve_line(ccm_finance, line, contributor=world["NO"].contributor,
                             fund=world["AT"].run.fund, year=2018, statement=world["AT"])
    assert BankLine.objects.get(pk=line.pk).status == BankLine.Status.UNMATCHED


def test_an_entry_that_is_not_a_contribution_is_set_aside_with_a_note(ccm, ccm_finance, world):
    banking.import_bank_file(ccm_finance, ccm, "2018-03-16.xml", CAMT)
    line = BankLine.objects.get(status=BankLine.Status.UNMATCHED)
    with pytest.raises(ValidationError, match="Say why"):
        banking.ignore_line(ccm_finance, line, "  ")
    banking.ignore_line(ccm_finance, line, "Refund of a travel advance")
    line.refresh_from_db()
    assert (line.status, line.note, line.payment) == (BankLine.Status.IGNORED,
                                                      "Refund of a travel advance", None)
    matched = BankLine.objects.get(status=BankLine.Status.MATCHED)
    with pytest.raises(ValidationError, match="already settled"):
        banking.ignore_line(ccm_finance, matched, "Oops")


def test_a_match_undone_deletes_its_payment_and_the_entry_waits_to_be_resolved(
        ccm, ccm_finance, core, world):
    banking.import_bank_file(ccm_finance, ccm, "2018-03-16.xml", CAMT)
    line = BankLine.objects.get(status=BankLine.Status.MATCHED)
    with pytest.raises(ValidationError, match="bank entry: undo it on the bank page"):
        services.delete_payment(ccm_finance, core, line.payment_id)
    banking.undo_line(ccm_finance, line)
    line.refresh_from_db()
    assert (line.status, line.payment, line.statement) == (BankLine.Status.UNMATCHED, None,
                                                           world["NO"])
    assert not Payment.objects.exists()
    with pytest.raises(ValidationError, match="nothing to undo"):
        banking.undo_line(ccm_finance, line)
    banking.resolve_line(ccm_finance, line, contributor=world["NO"].contributor, fund=core,
                         year=2018)
    assert Payment.objects.get().reference == "UBS-20180316-000114"


def test_an_entry_set_aside_can_be_taken_back(ccm, ccm_finance, world):
    banking.import_bank_file(ccm_finance, ccm, "2018-03-16.xml", CAMT)
    line = BankLine.objects.get(status=BankLine.Status.UNMATCHED)
    banking.ignore_line(ccm_finance, line, "Bank interest")
    banking.undo_line(ccm_finance, line)
    line.refresh_from_db()
    assert (line.status, line.note) == (BankLine.Status.UNMATCHED, "")


# -- scope ------------------------------------------------------------------------------------

def test_an_officer_may_not_import_and_another_conventions_staff_do_not_see(
        ccm, ccm_officer, apmbc_finance, world):
    with pytest.raises(PermissionDenied):
        banking.import_bank_file(ccm_officer, ccm, "s.xml", CAMT)
    with pytest.raises(Http404):
        banking.import_bank_file(apmbc_finance, ccm, "s.xml", CAMT)
    assert not BankImport.objects.exists()


def test_the_head_of_the_isu_imports_too(ccm, ccm_head, world):
    assert banking.import_bank_file(ccm_head, ccm, "s.xml", CAMT).lines.count() == 2


def test_an_officer_may_not_resolve_or_set_aside(ccm, ccm_finance, ccm_officer, core, world):
    banking.import_bank_file(ccm_finance, ccm, "2018-03-16.xml", CAMT)
    line = BankLine.objects.get(status=BankLine.Status.UNMATCHED)
    with pytest.raises(PermissionDenied):
        banking.resolve_line(ccm_officer, line, contributor=world["AT"].contributor, fund=core,
                             year=2018)
    with pytest.raises(PermissionDenied):
        banking.ignore_line(ccm_officer, line, "no")


# -- the pages --------------------------------------------------------------------------------

def bank_url(name="bank", *args):
    return reverse(f"workspace:{name}", args=["CCM", *args])


def upload(client, content, name):
    return client.post(bank_url("bank-import"), {"file": SimpleUploadedFile(name, content)},
                       follow=True)


def test_staff_import_resolve_and_set_aside_entries_on_the_bank_page(as_user, ccm_finance,
                                                                     core, world):
    client = as_user(ccm_finance)
    financing = client.get(reverse("workspace:financing")).content.decode()
    assert bank_url() in financing
    response = upload(client, CAMT, "2018-03-16.xml")
    page = response.content.decode()
    assert "2 credits in the file: 1 matched, 1 to resolve, 0 already imported." in page
    assert "2018-03-16.xml" in page and "UBS-20180316-000127" in page
    assert "It names the statement CCM-2018-7-002" in page
    line = BankLine.objects.get(status=BankLine.Status.UNMATCHED)
    prefix = f"resolve-{line.pk}"
    assert f'name="{prefix}-year" value="2018"' in page  # prefilled from the suggestion

    response = client.post(bank_url("bank-resolve", line.pk), {
        f"{prefix}-state": "AT", f"{prefix}-fund": core.pk, f"{prefix}-year": "2018"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.status == BankLine.Status.RESOLVED and line.statement == world["AT"]

    response = upload(client, CAMT, "again.xml")
    assert response.status_code == 400
    assert "nothing was added" in response.content.decode()

    response = upload(client, SWISS_CSV, "march.csv")
    assert "3 credits in the file: 1 matched, 1 to resolve, 1 already imported." in (
        response.content.decode())
    euros = BankLine.objects.get(currency="EUR")
    assert f'name="resolve-{euros.pk}-exchange_rate"' in response.content.decode()
    response = client.post(bank_url("bank-ignore", euros.pk),
                           {f"ignore-{euros.pk}-note": "Returned to the sender"})
    assert response.status_code == 302
    assert BankLine.objects.get(pk=euros.pk).status == BankLine.Status.IGNORED
    assert "Nothing to resolve." in client.get(bank_url()).content.decode()
    response = client.post(bank_url("bank-undo", euros.pk), follow=True)
    assert "is to resolve again" in response.content.decode()
    assert BankLine.objects.get(pk=euros.pk).status == BankLine.Status.UNMATCHED


def test_a_resolution_with_errors_comes_back_with_them(as_user, ccm_finance, core, world):
    client = as_user(ccm_finance)
    upload(client, SWISS_CSV, "march.csv")
    euros = BankLine.objects.get(currency="EUR")
    prefix = f"resolve-{euros.pk}"
    response = client.post(bank_url("bank-resolve", euros.pk), {
        f"{prefix}-state": "FR", f"{prefix}-fund": core.pk, f"{prefix}-year": "2018"})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()  # the exchange rate
    assert BankLine.objects.get(pk=euros.pk).status == BankLine.Status.UNMATCHED


def test_a_bad_upload_names_its_lines_and_saves_nothing(as_user, ccm_finance, world):
    response = upload(as_user(ccm_finance),
                      b"date;amount;reference\n2018-13-01;5;A\n2018-03-01;x;B\n", "bad.csv")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Line 2: “2018-13-01” is not a date" in page and "Line 3: “x” is not an amount" in page
    assert not BankImport.objects.exists()


def test_an_officer_is_refused_the_bank_page_and_another_convention_is_not_found(
        as_user, ccm_officer, apmbc_finance, world):
    assert as_user(ccm_officer).get(bank_url()).status_code == 403
    assert upload(as_user(ccm_officer), CAMT, "s.xml").status_code == 403
    assert as_user(ccm_officer).post(bank_url("bank-undo", 1)).status_code == 403
    assert as_user(apmbc_finance).get(bank_url()).status_code == 404
    assert as_user(apmbc_finance).get(reverse("workspace:bank", args=["NOPE"])).status_code == 404
    assert bank_url() not in as_user(ccm_officer).get(
        reverse("workspace:financing")).content.decode()
    assert not BankImport.objects.exists()


def test_an_entry_of_another_convention_is_not_found_on_this_page(as_user, ccm, apmbc,
                                                                  ccm_finance, world):
    banking.import_bank_file(ccm_finance, ccm, "2018-03-16.xml", CAMT)
    line = BankLine.objects.get(status=BankLine.Status.UNMATCHED)
    apmbc_page = reverse("workspace:bank-ignore", args=["APMBC", line.pk])
    head = factories.user("both.head", ("CCM", "head_of_isu"), ("APMBC", "head_of_isu"))
    response = as_user(head).post(apmbc_page, {f"ignore-{line.pk}-note": "x"})
    assert response.status_code == 404


def test_the_page_runs_as_many_queries_for_many_entries_as_for_few(as_user, ccm, ccm_finance,
                                                                   world):
    client = as_user(ccm_finance)
    banking.import_bank_file(ccm_finance, ccm, "one.csv", b"date,amount,reference\n"
                                                         b"2018-05-01,10,R-0\n")
    few = queries_on_second_visit(client, bank_url())
    rows = "".join(f"2018-05-02,{n},R-{n}\n" for n in range(1, 8)).encode()
    banking.import_bank_file(ccm_finance, ccm, "many.csv", b"date,amount,reference\n" + rows)
    assert queries_on_second_visit(client, bank_url()) == few

