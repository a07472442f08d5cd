"""Reporting periods: a month or a quarter of a year, as progress and spending are recorded.

`Periodic` is the abstract model of a row that covers one period: its year, its kind (month or
quarter) and its number within the year (1–12 or 1–4), with named constraints that refuse a
month 13 or a quarter 5 in the database itself. `Period` is the same as a value, for code
that compares, orders and prints periods without a row.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lib.languages import conventions
from lib.models import YEAR_VALIDATORS
from lib.numbering import chinese


class PeriodKind(models.TextChoices):
    MONTH = "month", gettext_lazy("Month")
    QUARTER = "quarter", gettext_lazy("Quarter")


LAST = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4}


@dataclass(frozen=True, order=True)
class Period:
    """A month or a quarter: Period(2026, "quarter", 1) is January to March 2026."""

    year: int
    kind: str
    number: int

    def __post_init__(self):
        if self.kind not in LAST or not 1 <= self.number <= LAST[self.kind]:
            raise ValueError(f"no {self.kind} {self.number}")

    @property
    def first_month(self):
        return self.number if self.kind == PeriodKind.MONTH else 3 * self.number - 2

    @property
    def last_month(self):
        return self.number if self.kind == PeriodKind.MONTH else 3 * self.number

    @property
    def start(self):
        return date(self.year, self.first_month, 1)

    @property
    def end(self):
        return date(self.year, self.last_month,
                    calendar.monthrange(self.year, self.last_month)[1])

    @property
    def quarter(self):
        """The quarter this period falls in (itself, for a quarter)."""
        return Period(self.year, PeriodKind.QUARTER, (self.first_month - 1) // 3 + 1)

    def contains(self, day):
        return self.start <= day <= self.end

    def label(self, language=None):
        """'2026 年第一季度' / 'Q1 2026', '2026 年 3 月' / 'March 2026', by each language's
        patterns (lib/languages.py)."""
        language = language or translation.get_language()
        style = conventions(language)
        if self.kind == PeriodKind.QUARTER:
            return style.quarter.format(year=self.year, number=self.number,
                                        chinese=chinese(self.number))
        with translation.override(language):
            month_name = str(MONTHS[self.number])
        return style.month.format(year=self.year, number=self.number, month_name=month_name)

    def __str__(self):
        return self.label()


def quarter_of(day):
    return Period(day.year, PeriodKind.QUARTER, (day.month - 1) // 3 + 1)


def current_quarter():
    return quarter_of(timezone.localdate())


def months_of(year):
    return [Period(year, PeriodKind.MONTH, number) for number in range(1, 13)]


def quarters_of(year):
    return [Period(year, PeriodKind.QUARTER, number) for number in range(1, 5)]


class Periodic(models.Model):
    """A row that covers one month or one quarter. Subclasses add their own constraints to
    `Meta.constraints` with `period_constraints(prefix)`, whose names must be unique."""

    year = models.PositiveSmallIntegerField(gettext_lazy("year"), validators=YEAR_VALIDATORS)
    period_kind = models.CharField(gettext_lazy("period"), max_length=7,
                                   choices=PeriodKind.choices, default=PeriodKind.QUARTER)
    period_number = models.PositiveSmallIntegerField(
        gettext_lazy("month or quarter"),
        help_text=gettext_lazy("1 to 12 for a month, 1 to 4 for a quarter."),
    )

    class Meta:
        abstract = True

    @property
    def period(self):
        return Period(self.year, self.period_kind, self.period_number)

    def clean_period(self, first_year=None, last_year=None, today=None):
        """Refuse a period that does not exist, lies outside first_year..last_year (a plan's
        years) or has not begun yet."""
        if self.period_kind not in LAST or not self.period_number or not self.year:
            return
        if not 1 <= self.period_number <= LAST[self.period_kind]:
            raise ValidationError({"period_number": gettext_lazy(
                "A month is numbered 1 to 12 and a quarter 1 to 4.")})
        if first_year and last_year and not first_year <= self.year <= last_year:
            raise ValidationError({"year": _(
                "The period must fall within the plan's years (%(first)s–%(last)s)."
            ) % {"first": first_year, "last": last_year}})
        if self.period.start > (today or timezone.localdate()):
            raise ValidationError({"period_number": gettext_lazy(
                "This period has not begun yet: record it once it has.")})


def period_constraints(prefix):
    """Named checks that refuse a month outside 1–12 and a quarter outside 1–4."""
    return [models.CheckConstraint(
        condition=(Q(period_kind=PeriodKind.MONTH, period_number__gte=1, period_number__lte=12)
                   | Q(period_kind=PeriodKind.QUARTER, period_number__gte=1,
                       period_number__lte=4)),
        name=f"{prefix}_period_exists",
        violation_error_message=gettext_lazy("A month is numbered 1 to 12 and a quarter 1 to 4."),
    )]
