"""A contributor's invoice and personalised statement as a PDF letter of the ISU, in each
language of the product (templates/pdf/statement.html, printed by lib/pdf.py).

The letter prints what the Statement holds, as it stood on its date of issue: the ISU of the
fund's convention as sender, the reference to quote with the payment, the date of issue as the
language writes dates (lib/dates.py), the state by the name the United Nations gives it
(project/countries.py), the year's figures, the past years' and the bank account into which to
pay (settings.BANK_DETAILS). Amounts are printed to the centime, in the language's order and
name of the currency ("CHF 12,345.60" / "12,345.60 瑞郎"): an invoice asks for an exact amount.

A letter without the bank details of its convention, or with an IBAN or a BIC that is not
valid, is refused (BankDetailsMissing) rather than printed with an empty or a wrong box.
"""


from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from lib import pdf
from lib.dates import day
from lib.languages import LANGUAGE_CODES, conventions
from lib.money import format_money
from lib.translated_fields import translated_value

BANK_FIELDS = ("beneficiary", "bank", "address", "iban", "bic")


class BankDetailsMissing(Exception):
    """The convention has no bank details (or invalid ones) in settings.BANK_DETAILS."""


def bank_details(convention):
    """The convention's bank account from settings.BANK_DETAILS, with its IBAN and BIC checked
    and printed in groups of four; raises BankDetailsMissing naming what is wrong."""
    from schwifty import BIC, IBAN
    from schwifty.exceptions import SchwiftyException

    details = getattr(settings, "BANK_DETAILS", {}).get(convention.code) or {}
    missing = [name for name in BANK_FIELDS if not str(details.get(name, "")).strip()]
    if missing:
        raise BankDetailsMissing(_(
            "The bank details of %(code)s are not set (missing: %(fields)s): its invoices and "
            "statements cannot be printed. Set them in the BANK_DETAILS setting."
        ) % {"code": convention.code, "fields": ", ".join(missing)})
    try:
        iban = IBAN(details["iban"])
    except SchwiftyException as error:
        raise BankDetailsMissing(_("The IBAN of %(code)s in BANK_DETAILS is not valid: %(error)s")
                                 % {"code": convention.code, "error": error}) from None
    try:
        bic = BIC(details["bic"])
    except SchwiftyException as error:
        raise BankDetailsMissing(_("The BIC of %(code)s in BANK_DETAILS is not valid: %(error)s")
                                 % {"code": convention.code, "error": error}) from None
    return {**{name: str(details[name]).strip() for name in BANK_FIELDS},
            "iban": iban.formatted, "bic": str(bic)}


def exact_money(value, language):
    """An amount to the centime as `language` writes money: 'CHF 1,234.50' / '1,234.50 瑞郎'."""
    return format_money(value, language, centimes=True)


def addressee(contributor, language):
    """The state by the name the United Nations gives it in `language`, or the organization."""
    with translation.override(language):
        return str(contributor.state.name) if contributor.is_state else str(contributor)


def title(statement, language):
    with translation.override(language):
        if statement.is_invoice:
            return _("Invoice and statement of contributions")
        return _("Statement of contributions")


def statement_context(statement, language):
    run = statement.run
    fund = run.fund
    convention = fund.convention
    bank = bank_details(convention)
    with translation.override(language):
        return {
            "language": language,
            "pdf_fonts": pdf.template_fonts(language),
            "statement": statement,
            "title": title(statement, language),
            "convention_name": translated_value(convention, "short_name", language)[0],
            "isu_host": translated_value(convention, "isu_host", language)[0],
            "fund_name": translated_value(fund, "name", language)[0],
            "year": run.year,
            "issued_on": day(run.issued_on, language),
            "addressee": addressee(statement.contributor, language),
            "requested": exact_money(statement.requested, language),
            "paid": exact_money(statement.paid, language),
            "outstanding": exact_money(statement.outstanding, language),
            "history": [{"year": row["year"],
                         "requested": exact_money(row["requested"], language),
                         "paid": exact_money(row["paid"], language)}
                        for row in statement.history],
            "bank": bank,
        }


def statement_markup(statement, language):
    context = statement_context(statement, language)
    with translation.override(language):
        return render_to_string("pdf/statement.html", context)


def render_statement_pdf(statement, language):
    """PDF bytes of the statement's letter in `language`. Raises BankDetailsMissing, and
    lib.pdf.FontMissing when a font is missing."""
    if language not in LANGUAGE_CODES:
        raise ValueError(f"Unknown language {language!r}")
    return pdf.render(statement_markup(statement, language), language)


def pdf_filename(statement, language):
    """CCM-2018-12-007 in Chinese → CCM-2018-12-007_zh.pdf."""
    return f"{statement.reference}_{conventions(language).file_suffix}.pdf"
