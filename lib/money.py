"""Money as the seeds write it, and the rounding rules of the product.

Rounding rules (written down here, tested in tests/lib/test_money.py):
- Amounts are Decimal with two decimals (centimes); sums are exact, never floats.
- A line derived by a stated rule (20% of salaries) is rounded to whole francs, half up.
- A conversion from another currency is rounded to centimes, half up.
- Amounts are printed in whole francs, half up: CHF 769,221 / 769,221 瑞郎.
- Percentages are printed with one decimal, half up: 12.5%.
"""

from decimal import ROUND_HALF_UP, Decimal

from lib.languages import conventions

CENTIME = Decimal("0.01")
FRANC = Decimal("1")
TENTH = Decimal("0.1")
MAX_AMOUNT = Decimal("100000000")  # CHF 100 million: far above any ISU budget line


def to_centimes(value):
    return Decimal(value).quantize(CENTIME, rounding=ROUND_HALF_UP)


def to_francs(value):
    return Decimal(value).quantize(FRANC, rounding=ROUND_HALF_UP)


def grouped(value):
    """1234567.5 → '1,234,568' (whole francs, comma thousands, as both seeds print them)."""
    francs = to_francs(value)
    return f"{francs:,.0f}" if francs >= 0 else f"-{-francs:,.0f}"


def format_money(value, language, currency="CHF", centimes=False):
    """'CHF 769,221' in English, '769,221 瑞郎' in Chinese: the language's order, and its name of
    the currency where it has one (lib/languages.py), else the currency's code. With
    `centimes`, to the centime: 'CHF 1,234.50' / '1,234.50 瑞郎' (invoices, the ledger)."""
    if value is None:
        return "—"
    style = conventions(language)
    if centimes:
        exact = to_centimes(value)
        amount = f"{exact:,.2f}" if exact >= 0 else f"-{-exact:,.2f}"
    else:
        amount = grouped(value)
    return style.money.format(amount=amount, currency=style.currency_name(currency))


def percent(part, whole):
    """part / whole × 100 with one decimal, or None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def format_percent(value, language):
    if value is None:
        return "—"
    return f"{value:.1f}%"


# Currencies in which contributions and funding arrive besides CHF.
CURRENCIES = [("EUR", "EUR"), ("USD", "USD"), ("GBP", "GBP"), ("JPY", "JPY"), ("AUD", "AUD"),
              ("CAD", "CAD"), ("NOK", "NOK"), ("SEK", "SEK"), ("DKK", "DKK")]


def to_chf(amount, exchange_rate):
    """An amount in another currency, at `exchange_rate` CHF per unit, to the centime."""
    return to_centimes(Decimal(amount) * Decimal(exchange_rate))
