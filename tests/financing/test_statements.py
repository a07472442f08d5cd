"""Invoices and personalised statements: who gets one, their figures and references, the
refusals, and the letters printed in English and Chinese."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import override_settings

from financing import banking, letters, services
from financing.models import (
    Assessment,
    BankImport,
    BankLine,
    ContributionMethod,
    Contributor,
    Dispatch,
    Fund,
    Statement,
    StatementRun,
)
from financing.statements import REFERENCE_PATTERN, generate_statements, statements_zip
from tests.financing.statement_world import D, adopted_budget_2018, formula_world, parties
from tests.pdfcheck import Pdf


@pytest.fixture
def world(ccm, ccm_finance):
    return formula_world(ccm, ccm_finance)


def by_state(run):
    return {str(s.contributor.state): s for s in run.statements.select_related("contributor")}


def test_every_assessed_state_gets_a_statement_with_its_figures(ccm_finance, world):
    run = generate_statements(ccm_finance, world["core"], 2018, issued_on=date(2018, 1, 15))
    statements = by_state(run)
    assert set(statements) == {"NO", "CH", "JP"}
    norway = statements["NO"]
    assert norway.requested == world["assessed"]["NO"]
    assert norway.paid == D("10000.50")
    assert norway.outstanding == world["assessed"]["NO"] - D("10000.50")
    assert statements["JP"].paid == 0 and statements["JP"].outstanding == D("300000.00")
    assert run.budget == world["budget"] and run.budget_total == D("465440.00")
    assert run.recorded_by == ccm_finance and run.issued_on == date(2018, 1, 15)


def test_the_past_years_are_the_contributors_own_latest_first(ccm_finance, world):
    run = generate_statements(ccm_finance, world["core"], 2018)
    statements = by_state(run)
    assert statements["NO"].history == [
        {"year": 2017, "requested": "40000.00", "paid": "32000.25"},
        {"year": 2016, "requested": "0", "paid": "31000.00"},
        {"year": 2015, "requested": "0", "paid": "30000.00"},
    ]
    assert statements["JP"].history == []


def test_the_history_stops_at_five_years(ccm_finance, world):
    for year in range(2008, 2015):
        services.record_payment(ccm_finance, contributor=world["norway"], fund=world["core"],
                                year=year, value_date=date(year, 3, 1), amount="100",
                                reference=f"NO-{year}")
    [norway] = [s for s in generate_statements(ccm_finance, world["core"], 2018).statements.all()
                if s.contributor == world["norway"]]
    assert [row["year"] for row in norway.history] == [2017, 2016, 2015, 2014, 2013]


def test_references_follow_the_documented_format_in_the_order_of_the_states(ccm_finance,
                                                                            world):
    run = generate_statements(ccm_finance, world["core"], 2018)
    references = {state: s.reference for state, s in by_state(run).items()}
    assert references == {"JP": f"CCM-2018-{run.pk}-001", "NO": f"CCM-2018-{run.pk}-002",
                          "CH": f"CCM-2018-{run.pk}-003"}  # Japan, Norway, Switzerland
    remittance = f"CONTRIBUTION 2018 REF {references['NO']} NORWAY MFA"
    assert REFERENCE_PATTERN.search(remittance).group() == references["NO"]
    Dispatch.objects.create(statement=run.statements.first())  # sent: it stays
    second = generate_statements(ccm_finance, world["core"], 2018)
    assert Statement.objects.filter(run__in=[run, second]).values("reference").distinct().count() == 6


def test_nothing_is_generated_before_the_budget_is_adopted(ccm, ccm_finance):
    core = Fund.objects.create(convention=ccm, kind=Fund.Kind.CORE, name_en="Core budget")
    with pytest.raises(ValidationError, match="No budget for 2019 is adopted yet"):
        generate_statements(ccm_finance, core, 2019)
    assert not core.statement_runs.exists()


def test_a_formula_convention_must_assess_its_core_budget_first(ccm, ccm_finance, world):
    Assessment.objects.filter(fund=world["core"]).delete()
    with pytest.raises(ValidationError, match="assess the adopted budget first"):
        generate_statements(ccm_finance, world["core"], 2018)
    assert not world["core"].statement_runs.exists()


def test_voluntary_contributions_go_to_the_parties_on_the_adoption_date_and_the_donors(
        ccm, ccm_finance):
    adopted_budget_2018(ccm)
    parties(ccm, "NO", "CH")
    ContributionMethod.objects.create(convention=ccm, kind="voluntary")
    core = Fund.objects.create(convention=ccm, kind=Fund.Kind.CORE, name_en="Core budget")
    services.record_pledge(ccm_finance, contributor=Contributor.objects.create(state="DE"),
                           fund=core, first_year=2018, amount="25000")
    run = generate_statements(ccm_finance, core, 2018)
    statements = by_state(run)
    assert set(statements) == {"CH", "DE", "NO"}
    assert statements["DE"].requested == D("25000.00") and statements["DE"].is_invoice
    assert statements["NO"].requested == 0 and not statements["NO"].is_invoice


def test_under_a_formula_the_core_budget_writes_to_its_assessed_states_and_its_donors(
        ccm_finance, world):
    germany = Contributor.objects.create(state="DE")
    services.record_pledge(ccm_finance, contributor=germany, fund=world["core"],
                           first_year=2018, amount="5000")
    statements = by_state(generate_statements(ccm_finance, world["core"], 2018))
    assert set(statements) == {"JP", "NO", "CH", "DE"}
    assert statements["DE"].requested == D("5000.00") and statements["DE"].is_invoice


def test_under_a_formula_a_project_fund_writes_to_the_parties_and_its_donors(
        ccm, ccm_finance, world):
    project = Fund.objects.create(convention=ccm, kind=Fund.Kind.PROJECT, name_en="Project")
    germany = Contributor.objects.create(state="DE")
    services.record_payment(ccm_finance, contributor=germany, fund=project, year=2018,
                            value_date=date(2018, 2, 1), amount="7000", reference="DE-1")
    statements = by_state(generate_statements(ccm_finance, project, 2018))
    assert set(statements) == {"JP", "NO", "CH", "DE"}
    assert statements["DE"].paid == D("7000.00") and statements["NO"].requested == 0


def test_generating_again_replaces_the_set_never_sent(ccm_finance, world):
    first = generate_statements(ccm_finance, world["core"], 2018)
    second = generate_statements(ccm_finance, world["core"], 2018)  # a double click
    assert list(world["core"].statement_runs.all()) == [second]
    assert not Statement.objects.filter(run_id=first.pk).exists()
    assert second.statements.count() == 3


def test_a_set_sent_or_named_by_a_bank_entry_stays_beside_the_new_one(ccm, ccm_finance, world):
    sent = generate_statements(ccm_finance, world["core"], 2018)
    Dispatch.objects.create(statement=sent.statements.first(), requested_by=ccm_finance)
    paid = generate_statements(ccm_finance, world["core"], 2018)
    named = paid.statements.first().reference
    banking.import_bank_file(ccm_finance, ccm, "march.csv",
                             f"date,amount,reference,remittance\n2018-03-20,1.00,B-1,{named}\n"
                             .encode())
    assert BankLine.objects.get().statement.run == paid
    newest = generate_statements(ccm_finance, world["core"], 2018)
    assert list(world["core"].statement_runs.all()) == [newest, paid, sent]  # newest first
    assert BankImport.objects.count() == 1 and StatementRun.objects.count() == 3


def test_a_date_of_issue_that_cannot_be_is_refused(ccm_finance, world):
    for day in (date(1989, 12, 31), date(2101, 1, 1)):
        with pytest.raises(ValidationError, match=f"The date of issue, {day.isoformat()}, is "
                                                  "surely a typing error"):
            generate_statements(ccm_finance, world["core"], 2018, issued_on=day)
    assert not world["core"].statement_runs.exists()


def test_only_the_finance_staff_and_the_head_generate(ccm_finance, world, coordinator,
                                                      ccm_officer, apmbc_finance, ccm_head):
    for user in (coordinator, ccm_officer):
        with pytest.raises(PermissionDenied):
            generate_statements(user, world["core"], 2018)
    with pytest.raises(Http404):
        generate_statements(apmbc_finance, world["core"], 2018)
    assert generate_statements(ccm_head, world["core"], 2018).statements.count() == 3


@override_settings(BANK_DETAILS={})
def test_without_bank_details_nothing_is_generated_or_printed(ccm_finance, world):
    with pytest.raises(ValidationError, match="bank details of CCM are not set"):
        generate_statements(ccm_finance, world["core"], 2018)
    with override_settings(BANK_DETAILS={"CCM": {
            "beneficiary": "ISU", "bank": "Bank", "address": "Geneva",
            "iban": "CH9300762011623852957", "bic": "EXMPCHZZXXX"}}):
        run = generate_statements(ccm_finance, world["core"], 2018)
    with pytest.raises(letters.BankDetailsMissing, match="bank details of CCM are not set"):
        letters.render_statement_pdf(run.statements.first(), "en")


def test_a_wrong_iban_is_refused(ccm_finance, world):
    wrong = {"CCM": {"beneficiary": "ISU", "bank": "Bank", "address": "Geneva",
                     "iban": "CH9300762011623852958", "bic": "EXMPCHZZXXX"}}
    with override_settings(BANK_DETAILS=wrong), pytest.raises(ValidationError, match="IBAN"):
        generate_statements(ccm_finance, world["core"], 2018)


def test_an_invoice_asks_for_what_is_outstanding_and_a_statement_thanks(ccm_finance, world):
    statements = by_state(generate_statements(ccm_finance, world["core"], 2018))
    assert letters.title(statements["NO"], "en") == "Invoice and statement of contributions"
    Statement.objects.filter(pk=statements["CH"].pk).update(outstanding=0)
    settled = Statement.objects.get(pk=statements["CH"].pk)
    assert letters.title(settled, "en") == "Statement of contributions"
    markup = letters.statement_markup(settled, "en")
    assert "Thank you for your contribution" in markup and "Please pay" not in markup


def test_the_english_letter_prints_the_state_the_figures_and_the_bank(ccm_finance, world):
    statements = by_state(generate_statements(ccm_finance, world["core"], 2018,
                                              issued_on=date(2018, 1, 15)))
    norway = statements["NO"]
    text = Pdf(letters.render_statement_pdf(norway, "en")).text()
    assert "Invoice and statement of contributions" in text
    assert "To: Norway" in text
    assert "15 January 2018" in text
    assert norway.reference in text
    assert f"CHF {norway.requested:,.2f}" in text and "CHF 10,000.50" in text
    assert f"CHF {norway.outstanding:,.2f}" in text
    assert "CHF 32,000.25" in text  # paid for 2017
    assert "CH93 0076 2011 6238 5295 7" in text and "EXMPCHZZXXX" in text
    assert "Implementation Support Unit of the Convention on Cluster Munitions" in text


def test_the_chinese_letter_prints_the_state_by_its_chinese_name_and_amounts(ccm_finance,
                                                                             world):
    statements = by_state(generate_statements(ccm_finance, world["core"], 2018,
                                              issued_on=date(2018, 1, 15)))
    japan = statements["JP"]
    text = Pdf(letters.render_statement_pdf(japan, "zh-hans")).squeezed_text()
    assert "日本" in text
    assert "2018年1月15日" in text
    assert "300,000.00瑞郎" in text
    assert japan.reference in text
    assert "《集束弹药公约》" in text


def test_the_zip_holds_every_statement_in_both_languages_by_reference(ccm_finance, world,
                                                                      monkeypatch):
    monkeypatch.setattr(letters, "render_statement_pdf",
                        lambda statement, language: f"{statement.reference} {language}".encode())
    run = generate_statements(ccm_finance, world["core"], 2018)
    archive = zipfile.ZipFile(io.BytesIO(statements_zip(run)))
    prefix = f"CCM-2018-{run.pk}"
    assert archive.namelist() == [f"{prefix}-{n:03d}_{suffix}.pdf"
                                  for n in (1, 2, 3) for suffix in ("zh", "en")]
    assert archive.read(f"{prefix}-002_en.pdf") == f"{prefix}-002 en".encode()
    assert statements_zip(run) == statements_zip(run)


def test_amounts_are_decimal_to_the_centime(ccm_finance, world):
    for statement in generate_statements(ccm_finance, world["core"], 2018).statements.all():
        assert isinstance(statement.requested, Decimal)
        assert statement.requested == statement.requested.quantize(D("0.01"))
