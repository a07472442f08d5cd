"""How the ISU is financed: the funds of a convention, who contributes to them, what they
pledge and pay, what a formula asks of each state party, and the movements of a reserve.

One ledger serves every fund (core budget, reserve, sponsorship programme, earmarked projects).
Amounts are Decimal with centimes; an amount in another currency keeps its currency and the
exchange rate used, and its CHF equivalent follows lib/money.py (to the centime, half up).
Writes go through financing/services.py; figures are computed by financing/figures.py.
"""

from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Sum, When
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from isu.models import Convention
from lib.models import TITLE_LENGTH, YEAR_VALIDATORS, not_reversed, state_or_organization
from lib.money import CENTIME, CURRENCIES, MAX_AMOUNT, to_chf
from lib.translated_fields import require_text_in_one_language
from lib.validators import PrintableText, plausible_date
from meetings.models import Organization

CHF = "CHF"
ALL_CURRENCIES = [(CHF, CHF), *CURRENCIES]

POSITIVE = MinValueValidator(Decimal(CENTIME), _("An amount must be greater than zero."))
NOT_NEGATIVE = MinValueValidator(Decimal(0), _("An amount cannot be negative."))
NOT_HUGE = MaxValueValidator(MAX_AMOUNT, _("An amount over 100 million is surely a typing error."))
RATE_POSITIVE = MinValueValidator(Decimal("0.000001"),
                                  _("An exchange rate must be greater than zero."))


def money(verbose_name, null=False, positive=True, **kwargs):
    """An amount with centimes: Decimal, never float."""
    return models.DecimalField(
        verbose_name, max_digits=14, decimal_places=2, null=null, blank=null,
        validators=[POSITIVE if positive else NOT_NEGATIVE, NOT_HUGE], **kwargs,
    )


def exchange_rate():
    return models.DecimalField(
        _("CHF per unit"), max_digits=12, decimal_places=6, default=Decimal(1),
        validators=[RATE_POSITIVE],
        help_text=_("The rate to CHF used for this amount; 1 for an amount in CHF."),
    )


def rate_checks(prefix):
    """A rate above zero, and exactly 1 for an amount in CHF."""
    return [
        models.CheckConstraint(
            condition=Q(exchange_rate__gt=0), name=f"{prefix}_exchange_rate_positive",
            violation_error_message=_("An exchange rate must be greater than zero."),
        ),
        models.CheckConstraint(
            condition=~Q(currency=CHF) | Q(exchange_rate=1), name=f"{prefix}_chf_rate_is_one",
            violation_error_message=_("An amount in CHF has the exchange rate 1."),
        ),
    ]


def rate_not_given(row):
    """Errors of an amount whose exchange rate is not given: an amount in CHF has the rate 1 (set
    here when none is given); one in another currency needs the rate used for it, and a rate
    of exactly 1 (the field's default) counts as not given, since no currency the ISUs receive
    is worth exactly one franc."""
    if row.currency == CHF:
        if row.exchange_rate is None:
            row.exchange_rate = Decimal(1)
        return {}
    if row.currency and (row.exchange_rate is None or row.exchange_rate == 1):
        return {"exchange_rate": _("Enter the exchange rate of %(currency)s to CHF used for "
                                   "this amount.") % {"currency": row.currency}}
    return {}


class InCurrency:
    """A mixin for an amount in a currency with its exchange rate: a rate left empty is not a
    field error but what clean() says of it (rate_not_given())."""

    def clean_fields(self, exclude=None):
        if self.exchange_rate is None:
            exclude = {*(exclude or ()), "exchange_rate"}
        super().clean_fields(exclude=exclude)


def amount_positive(name):
    return models.CheckConstraint(
        condition=Q(amount__gt=0), name=name,
        violation_error_message=_("An amount must be greater than zero."),
    )


class Recorded(models.Model):
    """A row of the ledger: who recorded it and when."""

    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        abstract = True


class FundQuerySet(models.QuerySet):
    def reserves(self):
        return self.filter(kind=Fund.Kind.RESERVE)

    def with_balance(self, on_date=None):
        """Each fund with `balance`: its replenishments less its draws (on or before
        `on_date`), in CHF."""
        movements = Q(movements__isnull=False)
        if on_date is not None:
            movements &= Q(movements__date__lte=on_date)
        signed = Case(
            When(movements & Q(movements__kind=ReserveMovement.Kind.REPLENISHMENT),
                 then=F("movements__amount")),
            When(movements & Q(movements__kind=ReserveMovement.Kind.DRAW),
                 then=-F("movements__amount")),
            default=Decimal(0), output_field=models.DecimalField(max_digits=14, decimal_places=2),
        )
        return self.annotate(balance=Sum(signed, default=Decimal(0)))


class Fund(PrintableText, models.Model):
    """A fund of a convention that receives contributions: the ISU's core budget, its reserve or
    buffer fund, the sponsorship programme, or an earmarked project."""

    class Kind(models.TextChoices):
        CORE = "core", _("Core budget")
        RESERVE = "reserve", _("Reserve")
        SPONSORSHIP = "sponsorship", _("Sponsorship programme")
        PROJECT = "project", _("Earmarked project")

    convention = models.ForeignKey(
        Convention, on_delete=models.PROTECT, related_name="funds", verbose_name=_("convention"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=TITLE_LENGTH)
    currency = models.CharField(_("currency"), max_length=3, choices=ALL_CURRENCIES,
                                default=CHF)
    target_amount = money(_("target amount (CHF)"), null=True, positive=False,
                          help_text=_("A reserve's target balance; empty for other funds."))
    draws_only_for_cash_flow = models.BooleanField(
        _("draws only for cash-flow shortfalls"), default=False,
        help_text=_("The reserve may be drawn on only to cover a cash-flow shortfall."),
    )

    objects = FundQuerySet.as_manager()

    class Meta:
        ordering = ["convention", "kind", "id"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="reserve") | Q(target_amount__isnull=True),
                name="fund_target_only_for_a_reserve",
                violation_error_message=_("Only a reserve has a target amount."),
            ),
            models.CheckConstraint(
                condition=Q(kind="reserve") | Q(draws_only_for_cash_flow=False),
                name="fund_draw_rule_only_for_a_reserve",
                violation_error_message=_("Only a reserve has a rule on what it is drawn for."),
            ),
        ]

    def __str__(self):
        return f"{self.convention} — {self.name}"

    @property
    def is_reserve(self):
        return self.kind == self.Kind.RESERVE

    def clean(self):
        require_text_in_one_language(self, "name")


class Contributor(models.Model):
    """Who contributes: a state, or an organization (the European Union)."""

    state = CountryField(_("state"), blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True,
        related_name="contributors", verbose_name=_("organization"),
    )

    class Meta:
        ordering = ["state", "organization"]
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")
        constraints = [
            state_or_organization("contributor_is_a_state_or_an_organization",
                                  _("A contributor is either a state or an organization.")),
            models.UniqueConstraint(
                fields=["state"], condition=~Q(state=""), name="one_contributor_per_state",
                violation_error_message=_("This state is already a contributor."),
            ),
            models.UniqueConstraint(
                fields=["organization"], condition=Q(organization__isnull=False),
                name="one_contributor_per_organization",
                violation_error_message=_("This organization is already a contributor."),
            ),
        ]

    def __str__(self):
        return str(self.state.name) if self.state else str(self.organization)

    @property
    def is_state(self):
        return bool(self.state)


class Pledge(InCurrency, models.Model):
    """What a contributor promises to a fund for a year or several.

    A pledge over several years is spread evenly over them: each year takes the amount divided
    by the number of years, rounded down to the centime, and the last year takes what remains,
    so that the years add up exactly to the amount (100.00 over 3 years: 33.33, 33.33, 33.34).
    Its CHF equivalent is counted at its exchange rate until it is paid; what payments in its
    own currency settle counts at their CHF equivalents (financing/figures.py).
    """

    contributor = models.ForeignKey(
        Contributor, on_delete=models.PROTECT, related_name="pledges",
        verbose_name=_("contributor"),
    )
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="pledges",
                             verbose_name=_("fund"))
    first_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    last_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)
    amount = money(_("amount"))
    currency = models.CharField(_("currency"), max_length=3, choices=ALL_CURRENCIES,
                                default=CHF)
    exchange_rate = exchange_rate()
    note = models.CharField(_("note"), max_length=TITLE_LENGTH, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["fund", "first_year", "id"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            not_reversed("pledge_period_not_reversed", "first_year", "last_year",
                         _("The last year cannot come before the first year.")),
            amount_positive("pledge_amount_positive"),
            *rate_checks("pledge"),
        ]

    def __str__(self):
        years = (str(self.first_year) if self.first_year == self.last_year
                 else f"{self.first_year}–{self.last_year}")
        return f"{self.contributor} — {self.fund.name} {years}"

    @property
    def years(self):
        return range(self.first_year, self.last_year + 1)

    def yearly_amounts(self):
        """{year: amount in the pledge's currency}, as the class docstring says."""
        count = len(self.years)
        share = (self.amount / count).quantize(CENTIME, rounding=ROUND_DOWN)
        amounts = {year: share for year in self.years}
        amounts[self.last_year] = self.amount - share * (count - 1)
        return amounts

    def amount_for(self, year):
        return self.yearly_amounts().get(year, Decimal(0))

    def chf_for(self, year):
        return to_chf(self.amount_for(year), self.exchange_rate)

    def clean(self):
        errors = rate_not_given(self)
        if errors:
            raise ValidationError(errors)


class Scale(PrintableText, models.Model):
    """A scale of shares the states parties chose (for example the UN scale of assessments
    adapted to the convention's membership), as the ISU enters it with its source and date."""

    convention = models.ForeignKey(
        Convention, on_delete=models.PROTECT, related_name="scales", verbose_name=_("convention"),
    )
    source = models.CharField(_("source"), max_length=TITLE_LENGTH)
    dated = models.DateField(_("date"))

    class Meta:
        ordering = ["convention", "-dated"]
        verbose_name = _("scale of shares")
        verbose_name_plural = _("scales of shares")

    def __str__(self):
        return f"{self.source} ({self.dated.isoformat()})"

    def clean(self):
        require_text_in_one_language(self, "source")


class ScaleShare(models.Model):
    """A state's share in a scale, in percent. The shares need not add up to 100: the formula
    applies them to the parties on the date, whose shares it re-scales to the whole budget."""

    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="shares",
                              verbose_name=_("scale"))
    country = CountryField(_("state"))
    share = models.DecimalField(
        _("share (%)"), max_digits=9, decimal_places=6,
        validators=[MinValueValidator(Decimal("0.000001"), _("A share must be greater than zero.")),
                    MaxValueValidator(Decimal(100), _("A share cannot exceed 100%."))],
    )

    class Meta:
        ordering = ["scale", "country"]
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        constraints = [
            models.UniqueConstraint(
                fields=["scale", "country"], name="one_share_per_state_and_scale",
                violation_error_message=_("This state already has a share in this scale."),
            ),
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=100), name="share_between_0_and_100",
                violation_error_message=_("A share is more than 0% and at most 100%."),
            ),
        ]

    def __str__(self):
        return f"{self.country.name} {self.share}%"


class ContributionMethod(models.Model):
    """How a convention's states parties share its ISU's budget: voluntary contributions
    (nothing is invoiced) or a formula: each party's share of the adopted budget from a scale,
    with a floor and a ceiling.

    Floor and ceiling are amounts in CHF (what the least and the most any one state is asked
    for a year), not percentages: the ISUs' decisions speak of amounts, and an amount reads the
    same whatever the number of parties.
    """

    class Kind(models.TextChoices):
        VOLUNTARY = "voluntary", _("Voluntary contributions")
        FORMULA = "formula", _("A formula: shares of the adopted budget")

    convention = models.OneToOneField(
        Convention, on_delete=models.PROTECT, related_name="contribution_method",
        verbose_name=_("convention"),
    )
    kind = models.CharField(_("method"), max_length=10, choices=Kind.choices,
                            default=Kind.VOLUNTARY)
    scale = models.ForeignKey(Scale, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="methods", verbose_name=_("scale"))
    floor = money(_("floor (CHF)"), null=True, positive=False,
                  help_text=_("The least any one state is asked for a year; empty for none."))
    ceiling = money(_("ceiling (CHF)"), null=True,
                    help_text=_("The most any one state is asked for a year; empty for none."))

    class Meta:
        verbose_name = _("contribution method")
        verbose_name_plural = _("contribution methods")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="voluntary") | Q(scale__isnull=False),
                name="formula_has_its_scale",
                violation_error_message=_("A formula needs its scale of shares."),
            ),
            models.CheckConstraint(
                condition=Q(floor__isnull=True) | Q(ceiling__isnull=True)
                | Q(floor__lte=F("ceiling")),
                name="floor_not_above_ceiling",
                violation_error_message=_("The floor cannot be above the ceiling."),
            ),
        ]

    def __str__(self):
        return f"{self.convention} — {self.get_kind_display()}"

    def clean(self):
        if self.scale_id and self.convention_id and self.scale.convention_id != self.convention_id:
            raise ValidationError({"scale": _("Choose a scale of this convention.")})


class Assessment(models.Model):
    """What the formula asks of a state for a fund and a year, in CHF, from the budget the
    meeting adopted. Written by financing.services.assess()."""

    contributor = models.ForeignKey(
        Contributor, on_delete=models.PROTECT, related_name="assessments",
        verbose_name=_("state"),
    )
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="assessments",
                             verbose_name=_("fund"))
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    amount = money(_("amount (CHF)"), positive=False)
    budget = models.ForeignKey("budgets.Budget", on_delete=models.PROTECT,
                               related_name="assessments", verbose_name=_("budget"))
    scale = models.ForeignKey(Scale, on_delete=models.PROTECT, related_name="assessments",
                              verbose_name=_("scale"))
    assessed_at = models.DateTimeField(_("assessed"), auto_now_add=True)

    class Meta:
        ordering = ["fund", "-year", "contributor"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["contributor", "fund", "year"], name="one_assessment_per_state_and_year",
                violation_error_message=_("This state is already assessed for this fund and "
                                          "year."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="assessment_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.contributor} — {self.fund.name} {self.year}"


class Payment(InCurrency, Recorded):
    """Money received: its value date, amount and currency, the exchange rate to CHF and the
    CHF equivalent (to the centime, half up: lib/money.py), the bank's reference, the year it
    counts for and what it settles (a pledge or an assessment, or neither).

    A payment is never counted twice: a fund takes one payment per reference."""

    contributor = models.ForeignKey(
        Contributor, on_delete=models.PROTECT, related_name="payments",
        verbose_name=_("contributor"),
    )
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="payments",
                             verbose_name=_("fund"))
    year = models.PositiveSmallIntegerField(_("for the year"), validators=YEAR_VALIDATORS)
    value_date = models.DateField(_("value date"), validators=[plausible_date])
    amount = money(_("amount"))
    currency = models.CharField(_("currency"), max_length=3, choices=ALL_CURRENCIES,
                                default=CHF)
    exchange_rate = exchange_rate()
    amount_chf = models.DecimalField(_("amount (CHF)"), max_digits=14, decimal_places=2,
                                     editable=False)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="payments", verbose_name=_("settles the pledge"))
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="payments",
        verbose_name=_("settles the assessment"),
    )

    class Meta:
        ordering = ["fund", "-value_date", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            amount_positive("payment_amount_positive"),
            *rate_checks("payment"),
            models.UniqueConstraint(
                fields=["fund", "reference"], condition=~Q(reference=""),
                name="one_payment_per_reference",
                violation_error_message=_("A payment with this reference is already recorded "
                                          "for this fund."),
            ),
            models.CheckConstraint(
                condition=Q(pledge__isnull=True) | Q(assessment__isnull=True),
                name="payment_settles_one_thing",
                violation_error_message=_("A payment settles a pledge or an assessment, not "
                                          "both."),
            ),
        ]

    def __str__(self):
        return f"{self.contributor} {self.value_date.isoformat()} {self.currency} {self.amount}"

    def save(self, *args, **kwargs):
        self.amount_chf = to_chf(self.amount, self.exchange_rate)
        super().save(*args, **kwargs)

    def clean(self):
        errors = rate_not_given(self)
        for name in ("pledge", "assessment"):
            settled = getattr(self, name)
            if settled is not None and (settled.fund_id != self.fund_id
                                        or settled.contributor_id != self.contributor_id):
                errors[name] = _("A payment settles only what its contributor owes to its fund.")
        if not errors.keys() & {"pledge", "assessment"} and self.year is not None:
            errors.update(self._year_errors())
        if errors:
            raise ValidationError(errors)

    def _year_errors(self):
        """A payment counts for the year of what it settles: the assessment's year, or one of
        the years its pledge covers."""
        if self.assessment is not None and self.assessment.year != self.year:
            return {"assessment": _(
                "This is the assessment of %(assessed)s: a payment for %(year)s cannot settle "
                "it.") % {"assessed": self.assessment.year, "year": self.year}}
        if self.pledge is not None and self.year not in self.pledge.years:
            pledge = self.pledge
            years = (str(pledge.first_year) if pledge.first_year == pledge.last_year
                     else f"{pledge.first_year}–{pledge.last_year}")
            return {"pledge": _(
                "This pledge covers %(years)s: a payment for %(year)s cannot settle it.")
                % {"years": years, "year": self.year}}
        return {}


class ReserveMovement(PrintableText, Recorded):
    """A draw on a reserve or its replenishment, in CHF. A reserve whose rule allows draws only
    for cash-flow shortfalls refuses a draw for another purpose, and no movement may take the
    balance below zero on any day."""

    class Kind(models.TextChoices):
        DRAW = "draw", _("Draw")
        REPLENISHMENT = "replenishment", _("Replenishment")

    class Purpose(models.TextChoices):
        CASH_FLOW = "cash_flow", _("Cash-flow shortfall")
        OTHER = "other", _("Other purpose")

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="movements",
                             verbose_name=_("reserve"),
                             limit_choices_to={"kind": Fund.Kind.RESERVE})
    date = models.DateField(_("date"), validators=[plausible_date])
    kind = models.CharField(_("movement"), max_length=14, choices=Kind.choices)
    amount = money(_("amount (CHF)"))
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices, blank=True,
                               help_text=_("What a draw covers; empty for a replenishment."))
    reason = models.CharField(_("reason"), max_length=TITLE_LENGTH, blank=True)

    class Meta:
        ordering = ["fund", "date", "id"]
        verbose_name = _("reserve movement")
        verbose_name_plural = _("reserve movements")
        constraints = [
            amount_positive("reserve_movement_amount_positive"),
            models.CheckConstraint(
                condition=(Q(kind="draw") & ~Q(purpose=""))
                | (Q(kind="replenishment") & Q(purpose="")),
                name="draw_names_its_purpose",
                violation_error_message=_("A draw names its purpose; a replenishment has none."),
            ),
        ]

    def __str__(self):
        return f"{self.fund.name} {self.date.isoformat()} {self.get_kind_display()}"

    def clean(self):
        if not self.fund_id:
            return
        fund = self.fund
        if not fund.is_reserve:
            raise ValidationError({"fund": _("Movements are recorded only on a reserve.")})
        if (self.kind == self.Kind.DRAW and fund.draws_only_for_cash_flow
                and self.purpose != self.Purpose.CASH_FLOW):
            raise ValidationError({"purpose": _(
                "This reserve may be drawn on only to cover a cash-flow shortfall, as the "
                "states parties decided."
            )})
        if self.amount is not None and self.date is not None and self.kind:
            lowest = lowest_balance(fund, self)
            if lowest < 0:
                raise ValidationError({"amount": _(
                    "This would take the reserve's balance below zero (short by CHF %(short)s)."
                ) % {"short": f"{-lowest:,.2f}"}})


def lowest_balance(fund, movement=None):
    """The reserve's lowest balance on any day, counting `movement` in place of its saved
    version (movements in the order of their dates; on one day, replenishments first)."""
    rows = [(m.date, m.kind, m.amount) for m in fund.movements.exclude(
        pk=movement.pk if movement and movement.pk else None)]
    if movement is not None:
        rows.append((movement.date, movement.kind, movement.amount))
    replenishment = ReserveMovement.Kind.REPLENISHMENT
    rows.sort(key=lambda row: (row[0], row[1] != replenishment))
    balance = lowest = Decimal(0)
    for _date, kind, amount in rows:
        balance += amount if kind == replenishment else -amount
        lowest = min(lowest, balance)
    return lowest


# -- correspondence: contacts, statements and what was sent ------------------------------------

class Contact(models.Model):
    """An address to which a convention's ISU sends a contributor's invoices and statements (a
    mission's or a capital's financial contact). Personal data: never published."""

    convention = models.ForeignKey(Convention, on_delete=models.PROTECT,
                                   related_name="finance_contacts", verbose_name=_("convention"))
    contributor = models.ForeignKey(Contributor, on_delete=models.CASCADE,
                                    related_name="contacts", verbose_name=_("contributor"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"))

    class Meta:
        ordering = ["convention", "contributor", "email"]
        verbose_name = _("financial contact")
        verbose_name_plural = _("financial contacts")
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "contributor", "email"], name="one_contact_per_address",
                violation_error_message=_("This address is already a contact of this "
                                          "contributor."),
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>" if self.name else self.email

    def clean(self):
        # One address however it is typed: mail systems do not tell A@x.org from a@x.org.
        self.email = (self.email or "").strip().lower()


class StatementRun(Recorded):
    """The invoices and personalised statements of a fund and a year, generated in one action
    once the budget's adoption is recorded, and their sending."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="statement_runs",
                             verbose_name=_("fund"))
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    issued_on = models.DateField(_("date of issue"), validators=[plausible_date])
    budget = models.ForeignKey("budgets.Budget", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="statement_runs",
                               verbose_name=_("adopted budget"))
    budget_total = money(_("adopted budget (CHF)"), null=True, positive=False)
    sending_requested_at = models.DateTimeField(_("sending requested"), null=True, blank=True)

    class Meta:
        ordering = ["fund", "-year", "-id"]
        verbose_name = _("set of statements")
        verbose_name_plural = _("sets of statements")

    def __str__(self):
        return f"{self.fund.name} {self.year} ({self.issued_on.isoformat()})"


class Statement(models.Model):
    """One contributor's invoice and personalised statement, with its figures as they stood
    when it was issued (in CHF): what is requested for the year, what it has paid, what is
    outstanding, and its contributions of the past years (`history`: a list of
    {"year", "requested", "paid"} with amounts as strings)."""

    run = models.ForeignKey(StatementRun, on_delete=models.CASCADE, related_name="statements",
                            verbose_name=_("set of statements"))
    contributor = models.ForeignKey(Contributor, on_delete=models.PROTECT,
                                    related_name="statements", verbose_name=_("contributor"))
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    requested = money(_("requested (CHF)"), positive=False)
    paid = money(_("paid (CHF)"), positive=False)
    outstanding = money(_("outstanding (CHF)"), positive=False)
    history = models.JSONField(_("past years"), default=list, blank=True)

    class Meta:
        ordering = ["run", "reference"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "contributor"], name="one_statement_per_contributor_and_run",
                violation_error_message=_("This contributor already has a statement in this "
                                          "set."),
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_invoice(self):
        return self.outstanding > 0


class Dispatch(models.Model):
    """A statement's sending by e-mail: to whom, when, and whether it went. A set is sent once;
    a statement goes again only when a user re-sends it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        NO_ADDRESS = "no_address", _("No address")

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE,
                                  related_name="dispatches", verbose_name=_("statement"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.QUEUED)
    recipients = models.TextField(_("sent to"), blank=True)
    resend = models.BooleanField(_("re-sent"), default=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)

    class Meta:
        ordering = ["statement", "requested_at", "id"]
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")
        constraints = [
            models.UniqueConstraint(
                fields=["statement"], condition=Q(resend=False),
                name="a_statement_is_sent_once_with_its_set",
                violation_error_message=_("This statement was already sent with its set; "
                                          "re-send it instead."),
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="a_sent_dispatch_has_its_time",
                violation_error_message=_("A sent statement has the time it was sent."),
            ),
        ]

    def __str__(self):
        return f"{self.statement} → {self.recipients or '—'}"


# -- the bank ---------------------------------------------------------------------------------

class BankImport(Recorded):
    """A bank statement file imported for a convention (CSV, or ISO 20022 camt.053 XML). The
    same file imported twice is refused by its digest; an entry already imported from another
    file is skipped by its bank reference."""

    class Format(models.TextChoices):
        CSV = "csv", _("CSV")
        CAMT053 = "camt053", _("ISO 20022 camt.053")

    convention = models.ForeignKey(Convention, on_delete=models.PROTECT,
                                   related_name="bank_imports", verbose_name=_("convention"))
    file_name = models.CharField(_("file"), max_length=255)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    digest = models.CharField(_("SHA-256"), max_length=64)
    entries = models.PositiveIntegerField(_("entries in the file"), default=0)
    skipped = models.PositiveIntegerField(_("entries already imported"), default=0)

    class Meta:
        ordering = ["convention", "-recorded_at"]
        verbose_name = _("bank statement import")
        verbose_name_plural = _("bank statement imports")
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "digest"], name="a_bank_file_is_imported_once",
                violation_error_message=_("This file has already been imported."),
            ),
        ]

    def __str__(self):
        return self.file_name


class BankLine(models.Model):
    """A credit on the ISU's bank account, as the bank reported it, and what became of it: a
    payment recorded against the statement it matched, a payment staff recorded by hand, or
    set aside as not a contribution."""

    class Status(models.TextChoices):
        MATCHED = "matched", _("Matched")
        UNMATCHED = "unmatched", _("To resolve")
        RESOLVED = "resolved", _("Resolved by hand")
        IGNORED = "ignored", _("Not a contribution")

    bank_import = models.ForeignKey(BankImport, on_delete=models.CASCADE, related_name="lines",
                                    verbose_name=_("import"))
    convention = models.ForeignKey(Convention, on_delete=models.PROTECT,
                                   related_name="bank_lines", verbose_name=_("convention"))
    bank_reference = models.CharField(_("bank reference"), max_length=100)
    value_date = models.DateField(_("value date"), validators=[plausible_date])
    amount = money(_("amount"))
    currency = models.CharField(_("currency"), max_length=3, choices=ALL_CURRENCIES,
                                default=CHF)
    debtor = models.CharField(_("ordering party"), max_length=300, blank=True)
    remittance = models.CharField(_("remittance information"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.UNMATCHED)
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="bank_lines", verbose_name=_("statement"))
    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="bank_line", verbose_name=_("payment"))
    note = models.CharField(_("note"), max_length=TITLE_LENGTH, blank=True)

    class Meta:
        ordering = ["convention", "value_date", "id"]
        verbose_name = _("bank entry")
        verbose_name_plural = _("bank entries")
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "bank_reference"], name="a_bank_entry_is_imported_once",
                violation_error_message=_("This bank entry has already been imported."),
            ),
            amount_positive("bank_line_amount_positive"),
            models.CheckConstraint(
                condition=Q(status__in=["matched", "resolved"], payment__isnull=False)
                | Q(status__in=["unmatched", "ignored"], payment__isnull=True),
                name="a_settled_bank_entry_has_its_payment",
                violation_error_message=_("A matched or resolved entry has its payment; an "
                                          "entry to resolve or set aside has none."),
            ),
        ]

    def __str__(self):
        return f"{self.value_date.isoformat()} {self.currency} {self.amount} {self.debtor}"


# -- publication ------------------------------------------------------------------------------

class StatusPublication(models.Model):
    """The status of contributions of a fund and a year as the head of the ISU published it: a
    snapshot of the figures as at a date (amounts per contributor, never contact data). The
    public site shows the latest publication of each fund and year."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="publications",
                             verbose_name=_("fund"))
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    as_at = models.DateField(_("as at"), validators=[plausible_date])
    figures = models.JSONField(_("figures"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("published by"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["fund", "-year", "-published_at", "-id"]
        verbose_name = _("published status of contributions")
        verbose_name_plural = _("published statuses of contributions")

    def __str__(self):
        return f"{self.fund.name} {self.year} ({self.as_at.isoformat()})"
