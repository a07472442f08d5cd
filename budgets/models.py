"""Budgets in CHF: one per work plan and year, its lines grouped under subtotals.

Only lines hold amounts. Subtotals, totals, derived lines, variances and conversions are
computed (budgets/figures.py), so changing one line changes every figure that depends on it.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isu.models import Convention
from lib.models import (
    TITLE_LENGTH,
    YEAR_VALIDATORS,
    OrderedTitle,
    long_text,
    not_reversed,
    position_field,
)
from lib.money import CURRENCIES, MAX_AMOUNT
from lib.periods import Periodic, period_constraints
from lib.records import RecordKind
from lib.translated_fields import require_text_in_one_language, values_by_language
from lib.validators import PrintableText
from workplans.models import PLAN, WorkPlan, why_locked
from workplans.workflow import LOCKED

AMOUNT_VALIDATORS = [
    MinValueValidator(Decimal(0), _("An amount cannot be negative.")),
    MaxValueValidator(MAX_AMOUNT, _("An amount over CHF 100 million is surely a typing error.")),
]


def amount_field(verbose_name, null=False, **kwargs):
    """CHF with centimes: Decimal, never float; at most two decimals."""
    return models.DecimalField(
        verbose_name, max_digits=12, decimal_places=2, null=null, blank=null,
        validators=AMOUNT_VALIDATORS, **kwargs,
    )


class BudgetQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(plan__in=WorkPlan.objects.visible_to(user))


class Budget(PrintableText, models.Model):
    class Layout(models.TextChoices):
        NOTES = "notes", _("Costs, amounts and a column of notes, in-kind support below the total")
        CAPTIONED = "captioned", _("Costs and amounts in the currency, under a caption")

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="budgets", verbose_name=_("work plan")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    source = models.CharField(
        _("source of the figures"), max_length=300, blank=True,
        help_text=_("The document the figures come from, or that they are illustrative."),
    )
    layout = models.CharField(
        _("table in the official document"), max_length=10, choices=Layout.choices,
        default=Layout.NOTES,
        help_text=_("How the plan's official document prints this budget's table."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["plan__convention", "-year"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year"], name="one_budget_per_plan_and_year",
                violation_error_message=_("This work plan already has a budget for this year."),
            )
        ]

    def __str__(self):
        return f"{self.plan.convention} {self.year}"

    @property
    def convention(self):
        return self.plan.convention

    def clean(self):
        if self.plan_id and self.year and not (
                self.plan.start_year <= self.year <= self.plan.end_year):
            raise ValidationError({"year": _(
                "The year must fall within the work plan's period (%(period)s)."
            ) % {"period": self.plan.period}})


class Category(OrderedTitle):
    """What a line pays for: salaries, social security, travel… ISUs may add their own."""

    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta(OrderedTitle.Meta):
        verbose_name = _("budget category")
        verbose_name_plural = _("budget categories")

    def save(self, *args, **kwargs):
        # A published budget prints its categories' names as they were.
        if self.pk is not None:
            stored = Category.objects.filter(pk=self.pk).first()
            printed = [f.attname for f in self._meta.concrete_fields if f.name != "position"]
            if stored and any(getattr(stored, name) != getattr(self, name) for name in printed) \
                    and self.lines.filter(budget__plan__status__in=LOCKED).exists():
                raise ValidationError(_("Budgets under review or published use this category: "
                                        "its name no longer changes. Add a new category."),
                                      code="locked")
        super().save(*args, **kwargs)


class Group(OrderedTitle):
    """A subtotal of a budget: staff costs = salaries + social security."""

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="groups", verbose_name=_("budget")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children",
        verbose_name=_("within the subtotal"),
    )

    class Meta(OrderedTitle.Meta):
        verbose_name = _("subtotal")
        verbose_name_plural = _("subtotals")

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        if self.parent.budget_id != self.budget_id:
            raise ValidationError({"parent": _("A subtotal belongs to a subtotal of the same budget.")})
        self._refuse_loop()

    def _refuse_loop(self):
        seen, group = {self.pk}, self.parent
        while group is not None:
            if group.pk in seen:
                raise ValidationError({"parent": _("A subtotal cannot contain itself.")})
            seen.add(group.pk)
            group = group.parent

    def save(self, *args, **kwargs):
        # Checked on every save, not only in forms: a loop would make the subtotals endless.
        if self.parent_id is not None and self.pk is not None:
            self.parent = Group.objects.get(pk=self.parent_id)
            self._refuse_loop()
        super().save(*args, **kwargs)


SUM_FIELD = models.DecimalField(max_digits=14, decimal_places=2)


def _summed(model, link, expression, **filters):
    """A subquery: the sum of `expression` over the rows of `model` whose `link` is the line."""
    rows = (model.objects.filter(**{link: models.OuterRef("pk")}, **filters).order_by()
            .values(link).annotate(total=models.Sum(expression)).values("total"))
    return Coalesce(models.Subquery(rows), Decimal(0), output_field=SUM_FIELD)


def last_month():
    """The last month of a recorded period: its number for a month, three times it for a
    quarter."""
    return models.Case(
        models.When(period_kind="month", then=models.F("period_number")),
        default=models.F("period_number") * 3, output_field=models.PositiveSmallIntegerField())


class LineQuerySet(models.QuerySet):
    def with_spending(self):
        """Each line with what is recorded against it, for budgets/figures.py, in the same
        query: spent and committed to date, the number of periods recorded and the last month
        they reach, the forecast given with the latest period, and the amounts reallocated to
        and from it."""
        latest = (Expenditure.objects.filter(line=models.OuterRef("pk"))
                  .annotate(month=last_month()).order_by("-month"))
        return self.annotate(
            spent_to_date=_summed(Expenditure, "line", "spent"),
            committed_to_date=_summed(Expenditure, "line", "committed"),
            periods_recorded=Coalesce(models.Subquery(
                Expenditure.objects.filter(line=models.OuterRef("pk")).order_by()
                .values("line").annotate(n=models.Count("pk")).values("n")), 0),
            last_month_recorded=models.Subquery(latest.values("month")[:1]),
            forecast_given=models.Subquery(latest.values("forecast")[:1]),
            moved_in=_summed(Reallocation, "to_line", "amount"),
            moved_out=_summed(Reallocation, "from_line", "amount"),
        )


class Line(PrintableText, models.Model):
    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="lines", verbose_name=_("budget")
    )
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, null=True, blank=True, related_name="lines",
        verbose_name=_("subtotal"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="lines", verbose_name=_("category")
    )
    position = position_field()
    label = models.CharField(
        _("label"), max_length=TITLE_LENGTH, blank=True,
        help_text=_("As the table prints it, where it differs from the category's name."),
    )
    amount = amount_field(
        _("amount (CHF)"), null=True,
        help_text=_("Leave empty to take the amount from the rule below."),
    )
    rule_rate = models.DecimalField(
        _("rule: percentage"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("For example 20 for social security at 20 per cent of salaries."),
    )
    rule_base = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="derived_lines",
        verbose_name=_("rule: of the line"),
    )
    actual = amount_field(
        _("actual expenditure (CHF)"), null=True,
        help_text=_("For a year whose spending is not recorded by period: once any is, the "
                    "actual expenditure is what was spent."),
    )
    note = long_text(_("note"), blank=True, max_length=1000)

    objects = LineQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=False)
                | (Q(rule_rate__isnull=False) & Q(rule_base__isnull=False)),
                name="line_has_an_amount_or_a_rule",
                violation_error_message=_("Enter an amount, or a percentage of another line."),
            ),
            models.CheckConstraint(
                condition=(Q(rule_rate__isnull=True) & Q(rule_base__isnull=True))
                | (Q(rule_rate__isnull=False) & Q(rule_base__isnull=False)),
                name="line_rule_names_rate_and_base",
                violation_error_message=_("A rule needs both its percentage and its line."),
            ),
        ]

    def __str__(self):
        return self.label or str(self.category)

    def titles(self):
        """The line's name in each language: its own label, else its category's."""
        own, category = values_by_language(self, "label"), values_by_language(self.category, "title")
        return {code: own[code] or category[code] for code in own}

    def clean(self):
        errors = {}
        if self.group_id and self.budget_id and self.group.budget_id != self.budget_id:
            errors["group"] = _("Choose a subtotal of this budget.")
        if self.rule_base_id:
            if self.rule_base.budget_id != self.budget_id:
                errors["rule_base"] = _("A rule refers to a line of the same budget.")
            else:
                seen, line = {self.pk}, self.rule_base
                while line is not None:
                    if line.pk in seen:
                        errors["rule_base"] = _("A line cannot be derived from itself.")
                        break
                    seen.add(line.pk)
                    line = line.rule_base
        if errors:
            raise ValidationError(errors)


class StaffPosition(OrderedTitle):
    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="staff_positions", verbose_name=_("budget")
    )
    fte = models.DecimalField(
        _("full-time equivalent"), max_digits=3, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.05")), MaxValueValidator(Decimal(1))],
        help_text=_("1 for full time, 0.6 for 60%."),
    )

    class Meta(OrderedTitle.Meta):
        verbose_name = _("staff position")
        verbose_name_plural = _("staff positions")


class TravelPurpose(OrderedTitle):
    """Missions planned for a purpose: up to 10 Article 5 missions."""

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="travel", verbose_name=_("budget")
    )
    missions = models.PositiveSmallIntegerField(
        _("missions (at most)"), validators=[MaxValueValidator(500)]
    )
    at_least = models.PositiveSmallIntegerField(
        _("missions (at least)"), null=True, blank=True,
        help_text=_("Where a range is planned: 5 for '5–6 missions a year'."),
    )

    class Meta(OrderedTitle.Meta):
        verbose_name = _("travel purpose")
        verbose_name_plural = _("travel plan")
        constraints = [
            models.CheckConstraint(
                condition=Q(at_least__isnull=True) | Q(at_least__lte=models.F("missions")),
                name="travel_range_not_reversed",
                violation_error_message=_("The least number of missions cannot exceed the most."),
            )
        ]


class InKindSupport(OrderedTitle):
    """The host's support (offices, IT, HR…): described, valued where known, never in the cash total."""

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="in_kind", verbose_name=_("budget")
    )
    provider = models.CharField(_("provided by"), max_length=200)
    description = long_text(_("what it covers"), max_length=1000)
    value = amount_field(_("estimated value (CHF)"), null=True)

    class Meta(OrderedTitle.Meta):
        verbose_name = _("in-kind support")
        verbose_name_plural = _("in-kind support")

    def clean(self):
        super().clean()
        require_text_in_one_language(self, "provider", "description")


class ReserveFund(PrintableText, models.Model):
    """A convention's reserve: CCM capital reserve of CHF 400,000; APMBC one year of expenditure."""

    class Target(models.TextChoices):
        FIXED = "fixed", _("A fixed amount")
        YEARS_OF_EXPENDITURE = "years", _("Years of ISU expenditure")

    convention = models.ForeignKey(
        Convention, on_delete=models.PROTECT, related_name="reserve_funds",
        verbose_name=_("convention"),
    )
    name = models.CharField(_("name"), max_length=TITLE_LENGTH)
    target_kind = models.CharField(_("target"), max_length=10, choices=Target.choices)
    target_amount = amount_field(_("target amount (CHF)"), null=True)
    target_years = models.DecimalField(
        _("target in years of expenditure"), max_digits=3, decimal_places=1, null=True,
        blank=True, validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal(5))],
    )
    decided_by = models.CharField(_("decided by"), max_length=300, blank=True)

    class Meta:
        ordering = ["convention", "id"]
        verbose_name = _("reserve fund")
        verbose_name_plural = _("reserve funds")
        constraints = [
            models.CheckConstraint(
                condition=(Q(target_kind="fixed") & Q(target_amount__isnull=False))
                | (Q(target_kind="years") & Q(target_years__isnull=False)),
                name="reserve_target_is_complete",
                violation_error_message=_(
                    "Enter the target amount, or the number of years of expenditure."
                ),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        require_text_in_one_language(self, "name")


class ReserveBalance(models.Model):
    fund = models.ForeignKey(
        ReserveFund, on_delete=models.CASCADE, related_name="balances", verbose_name=_("fund")
    )
    on_date = models.DateField(_("on"))
    balance = amount_field(_("balance (CHF)"))

    class Meta:
        ordering = ["fund", "-on_date"]
        verbose_name = _("reserve balance")
        verbose_name_plural = _("reserve balances")
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "on_date"], name="one_reserve_balance_per_day",
                violation_error_message=_("A balance is already recorded for this day."),
            )
        ]

    def __str__(self):
        return f"{self.fund} {self.on_date.isoformat()}"


class ForeignFunding(PrintableText, models.Model):
    """Funding in another currency (EU Council Decision 2025/781: EUR 2,700,000), kept in its
    currency with the exchange rate used; its CHF equivalent is computed, never mixed in."""

    convention = models.ForeignKey(
        Convention, on_delete=models.PROTECT, related_name="foreign_funding",
        verbose_name=_("convention"),
    )
    source = models.CharField(_("source"), max_length=TITLE_LENGTH)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2,
        validators=[MinValueValidator(Decimal(0), _("An amount cannot be negative."))],
    )
    start_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)
    exchange_rate = models.DecimalField(
        _("CHF per unit"), max_digits=12, decimal_places=6,
        validators=[MinValueValidator(Decimal("0.000001"),
                                      _("An exchange rate must be greater than zero."))],
    )
    rate_date = models.DateField(_("rate of"))

    class Meta:
        ordering = ["convention", "-start_year"]
        verbose_name = _("funding in another currency")
        verbose_name_plural = _("funding in other currencies")
        constraints = [
            not_reversed("foreign_funding_period_not_reversed", "start_year", "end_year",
                         _("The last year cannot come before the first year.")),
            models.CheckConstraint(
                condition=Q(exchange_rate__gt=0), name="exchange_rate_positive",
                violation_error_message=_("An exchange rate must be greater than zero."),
            ),
        ]

    def __str__(self):
        return self.source

    def clean(self):
        require_text_in_one_language(self, "source")


# -- spending ---------------------------------------------------------------------------------
# What the ISU spends against the budget of its adopted plan, recorded by period through
# budgets/spending.py (the rules of scope, lock, periods and amounts are there), and the
# figures that follow from it in budgets/figures.py. These rows are written while the plan is
# locked: they are not the budget's own rows of lib/records.py, which change only in drafts.

def _recorded_by():
    return models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("recorded by"))


def _recorded_at():
    # Set by the service on each save, and kept when a correction or revision copies the row.
    return models.DateTimeField(_("recorded at"), default=timezone.now)


class Expenditure(PrintableText, Periodic):
    """What a line committed and spent in one month or quarter of its budget's year: amounts
    committed in the period (obligations entered into), amounts paid out in it, and where the
    officer gives one, the line's year-end forecast as seen at the end of the period."""

    line = models.ForeignKey(
        Line, on_delete=models.CASCADE, related_name="expenditures", verbose_name=_("budget line")
    )
    committed = amount_field(_("committed (CHF)"), default=Decimal(0))
    spent = amount_field(_("spent (CHF)"), default=Decimal(0))
    forecast = amount_field(
        _("year-end forecast (CHF)"), null=True,
        help_text=_("Leave empty to extrapolate the spending to date to the whole year."),
    )
    note = long_text(_("note"), blank=True, max_length=1000)
    recorded_by = _recorded_by()
    recorded_at = _recorded_at()

    class Meta:
        ordering = ["line", "year", "period_kind", "period_number"]
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditure")
        constraints = [
            *period_constraints("expenditure"),
            models.UniqueConstraint(
                fields=["line", "year", "period_kind", "period_number"],
                name="one_expenditure_per_line_and_period",
                violation_error_message=_("Spending is already recorded for this line and "
                                          "period: correct it instead."),
            ),
            models.CheckConstraint(
                condition=Q(committed__gte=0), name="expenditure_committed_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(spent__gte=0), name="expenditure_spent_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(forecast__isnull=True) | Q(forecast__gte=0),
                name="expenditure_forecast_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.line} · {self.period}"

    def clean(self):
        super().clean()
        if self.line_id and self.year:
            year = self.line.budget.year
            self.clean_period(year, year)


class CarryForward(PrintableText, models.Model):
    """The unspent balance brought into a budget from the year before (the previous year's
    budget of the same convention), with the reason it is carried."""

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="carry_forwards", verbose_name=_("budget")
    )
    amount = amount_field(_("amount (CHF)"))
    reason = long_text(_("reason"), max_length=2000)
    recorded_by = _recorded_by()
    recorded_at = _recorded_at()

    class Meta:
        ordering = ["budget", "recorded_at", "id"]
        verbose_name = _("carry-forward")
        verbose_name_plural = _("carry-forwards")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="carry_forward_not_negative",
                violation_error_message=_("A carry-forward is the unspent balance of the year "
                                          "before: it cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.budget} · {self.amount}"

    def clean(self):
        require_text_in_one_language(self, "reason")


class Reallocation(PrintableText, models.Model):
    """An amount moved from one line of a budget to another, with its reason: the first line's
    revised budget loses it, the second's gains it, the total stays."""

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="reallocations", verbose_name=_("budget")
    )
    from_line = models.ForeignKey(
        Line, on_delete=models.CASCADE, related_name="reallocations_out",
        verbose_name=_("from the line"),
    )
    to_line = models.ForeignKey(
        Line, on_delete=models.CASCADE, related_name="reallocations_in",
        verbose_name=_("to the line"),
    )
    amount = amount_field(_("amount (CHF)"))
    reason = long_text(_("reason"), max_length=2000)
    decided_on = models.DateField(_("decided on"), default=timezone.localdate)
    recorded_by = _recorded_by()
    recorded_at = _recorded_at()

    class Meta:
        ordering = ["budget", "decided_on", "id"]
        verbose_name = _("reallocation")
        verbose_name_plural = _("reallocations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_line=models.F("to_line")), name="reallocation_between_two_lines",
                violation_error_message=_("A reallocation moves an amount from one line to "
                                          "another line."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="reallocation_amount_positive",
                violation_error_message=_("The amount moved must be greater than zero."),
            ),
        ]

    def __str__(self):
        return f"{self.from_line} → {self.to_line} · {self.amount}"

    def clean(self):
        errors = {}
        for name in ("from_line", "to_line"):
            line_id = getattr(self, f"{name}_id")
            if line_id and self.budget_id and getattr(self, name).budget_id != self.budget_id:
                errors[name] = _("Choose a line of this budget.")
        if self.from_line_id and self.from_line_id == self.to_line_id:
            errors["to_line"] = _("A reallocation moves an amount from one line to another "
                                  "line.")
        try:
            require_text_in_one_language(self, "reason")
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)


# A budget belongs to its plan and is locked with it; its rows belong to the budget.
PLAN.add_rows(Budget, "plan")
BUDGET = RecordKind(Budget, locked=lambda prefix: Q(**{f"{prefix}plan__status__in": LOCKED}),
                    why_locked=lambda budget: why_locked(budget.plan))
for _row in (Group, Line, StaffPosition, TravelPurpose, InKindSupport):
    BUDGET.add_rows(_row, "budget")
