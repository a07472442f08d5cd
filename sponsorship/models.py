"""The sponsorship programme: rounds per meeting, applications and the Donors' Group's
decisions, and the cost of each sponsored delegate.

The donors' contributions are kept in the financing ledger, on the programme's fund (a
financing.Fund of kind sponsorship): a contribution is a pledge for a year and the payments
received against it (sponsorship.services.save_contribution); an earmark for a round is kept here.

Delegates' personal data (name, function, ministry, gender) are for the sponsorship staff of
their convention only; everything public is an aggregate (sponsorship/reports.py).

The funds of a round are checked where they are written, under the programme's lock
(sponsorship/services.py): the models know nothing of them.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from financing.models import Fund, Pledge
from isu.models import Convention
from lib.languages import conventions
from lib.models import YEAR_VALIDATORS, long_text
from lib.money import CURRENCIES, MAX_AMOUNT
from lib.translated_fields import require_text_in_one_language
from meetings.models import Meeting

NON_NEGATIVE = [MinValueValidator(Decimal(0), _("An amount cannot be negative.")),
                MaxValueValidator(MAX_AMOUNT, _("An amount over 100 million is surely a typing "
                                                "error."))]


def money_field(verbose_name, null=False, default=None):
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, null=null,
                               blank=null, default=default, validators=NON_NEGATIVE)


class Criterion(models.TextChoices):
    """The priorities the programmes give when they choose whom to sponsor."""

    ARTICLE_3 = "article_3", _("Obligations or deadlines under Article 3 in the coming years")
    ARTICLE_4 = "article_4", _("Obligations or deadlines under Article 4 in the coming years")
    ARTICLE_5 = "article_5", _("Obligations or deadlines under Article 5 in the coming years")
    EXTENSION_REQUEST = "extension_request", _("Submitting an extension request")
    FIRST_TIME = "first_time", _("First-time participant")
    LEAST_DEVELOPED = "least_developed", _("Least developed country")


def validate_criteria(value):
    known = set(Criterion.values)
    if not isinstance(value, list) or set(value) - known:
        raise ValidationError(_("Choose criteria from the programme's list."))


class Programme(models.Model):
    convention = models.OneToOneField(
        Convention, on_delete=models.PROTECT, related_name="sponsorship_programme",
        verbose_name=_("convention"),
    )
    administered_by = models.CharField(_("administered by"), max_length=200)
    governing_body = models.CharField(
        _("decided by"), max_length=200,
        help_text=_("The Donors' Group or the steering committee that takes the decisions."),
    )
    coordinator = CountryField(_("coordinator"), blank=True,
                               help_text=_("The state acting as coordinator, if any."))
    fund = models.OneToOneField(
        Fund, on_delete=models.PROTECT, null=True, blank=True,
        related_name="sponsorship_programme", verbose_name=_("fund"),
        limit_choices_to={"kind": Fund.Kind.SPONSORSHIP},
        help_text=_("The fund of the financing ledger that receives the donors' contributions."),
    )

    class Meta:
        ordering = ["convention"]
        verbose_name = _("sponsorship programme")
        verbose_name_plural = _("sponsorship programmes")

    def __str__(self):
        return f"{self.convention} sponsorship programme"

    def clean(self):
        require_text_in_one_language(self, "administered_by", "governing_body")
        if self.fund_id and self.convention_id and (
                self.fund.convention_id != self.convention_id
                or self.fund.kind != Fund.Kind.SPONSORSHIP):
            raise ValidationError({"fund": _(
                "Choose a sponsorship fund of the programme's convention.")})


class Round(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("programme")
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="sponsorship_rounds",
        verbose_name=_("meeting"),
    )
    application_deadline = models.DateField(_("application deadline"))
    envelope = money_field(_("envelope (CHF)"))
    criteria = models.JSONField(_("selection criteria"), default=list,
                                validators=[validate_criteria])
    closed = models.BooleanField(
        _("closed"), default=False,
        help_text=_("A closed round takes no more decisions."),
    )

    class Meta:
        ordering = ["-meeting__start_date"]
        verbose_name = _("sponsorship round")
        verbose_name_plural = _("sponsorship rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "meeting"], name="one_round_per_meeting",
                violation_error_message=_("This meeting already has a sponsorship round."),
            )
        ]

    def __str__(self):
        return str(self.meeting.name)

    @property
    def year(self):
        return self.meeting.start_date.year

    def clean(self):
        if self.programme_id and self.meeting_id:
            if self.meeting.convention_id != self.programme.convention_id:
                raise ValidationError({"meeting": _("Choose a meeting of the programme's "
                                                    "convention.")})
            if self.application_deadline and self.application_deadline > self.meeting.start_date:
                raise ValidationError({"application_deadline": _(
                    "The deadline for applications must come before the meeting.")})


class Earmark(models.Model):
    """A donor's pledge to the programme's fund earmarked for one of the programme's rounds:
    what is paid against it for the round's year serves that round only (sponsorship/funds.py).
    The pledge and its payments are kept in the financing ledger; only the earmark is here."""

    pledge = models.OneToOneField(
        Pledge, on_delete=models.CASCADE, related_name="sponsorship_earmark",
        verbose_name=_("pledge"),
    )
    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="earmarks",
        verbose_name=_("earmarked for the round"),
    )

    class Meta:
        ordering = ["round", "pledge"]
        verbose_name = _("earmark")
        verbose_name_plural = _("earmarks")

    def __str__(self):
        return f"{self.pledge} → {self.round}"

    def clean(self):
        if self.pledge_id and self.round_id:
            pledge, round_ = self.pledge, self.round
            # The programme's fund as stored now: an instance read before a write that was undone
            # may still name a fund that no longer exists.
            same_programme = Programme.objects.filter(pk=round_.programme_id,
                                                      fund_id=pledge.fund_id).exists()
            if not same_programme or round_.year not in pledge.years:
                raise ValidationError({"round": _(
                    "Earmark the contribution for a round of the same programme and year.")})


class ProgrammePledge(Pledge):
    """A pledge to a sponsorship programme's fund as the programme's staff see it in the admin:
    a donor's contribution for a year, with what was received against it and the round it is
    earmarked for (sponsorship.services.save_contribution writes it)."""

    class Meta:
        proxy = True
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")


class Application(models.Model):
    """A state's nomination of a delegate to a round, and the decision on it."""

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("Other or not stated")

    class Decision(models.TextChoices):
        PENDING = "pending", _("Pending")
        OFFERED = "offered", _("Offered")
        WAITLISTED = "waitlisted", _("Waitlisted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="applications", verbose_name=_("round")
    )
    state = CountryField(_("state"))
    delegate_name = models.CharField(_("delegate's name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    ministry = models.CharField(_("ministry or institution"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices,
                              default=Gender.OTHER)
    first_time = models.BooleanField(_("first-time participant"), default=False)
    criteria_met = models.JSONField(_("criteria met"), default=list, blank=True,
                                    validators=[validate_criteria])
    justification = long_text(_("justification"), blank=True, max_length=2000)
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices,
                                default=Decision.PENDING, editable=False)
    decision_reason = models.CharField(_("reason for the decision"), max_length=500,
                                       blank=True, editable=False)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, editable=False)
    taken_up = models.BooleanField(
        _("offer taken up"), null=True, blank=True,
        help_text=_("Whether the delegate came; empty until known."),
    )
    cost_currency = models.CharField(
        _("currency of the costs"), max_length=3, default="CHF",
        choices=[("CHF", "CHF"), *CURRENCIES],
    )
    ticket_estimate = money_field(_("ticket, estimated"), default=Decimal(0))
    allowance_estimate = money_field(_("daily subsistence allowance, estimated"),
                                     default=Decimal(0))
    terminal_estimate = money_field(_("terminal expenses, estimated"), default=Decimal(0))
    ticket_actual = money_field(_("ticket, actual"), null=True)
    allowance_actual = money_field(_("daily subsistence allowance, actual"), null=True)
    terminal_actual = money_field(_("terminal expenses, actual"), null=True)

    class Meta:
        ordering = ["round", "state", "delegate_name"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                Lower("delegate_name"), "state", "round", name="one_application_per_delegate",
                violation_error_message=_("This delegate has already applied to this round."),
            ),
        ]

    def __str__(self):
        return f"{self.state.name}{conventions().colon}{self.delegate_name}"

    @property
    def estimated_cost(self):
        return self.ticket_estimate + self.allowance_estimate + self.terminal_estimate

    @property
    def actual_cost(self):
        parts = [self.ticket_actual, self.allowance_actual, self.terminal_actual]
        return None if any(p is None for p in parts) else sum(parts, Decimal(0))

    @property
    def cost(self):
        """What the delegate costs the programme: the actual cost once known."""
        actual = self.actual_cost
        return self.estimated_cost if actual is None else actual

    @property
    def commits_funds(self):
        """An offer commits funds until it is withdrawn or not taken up."""
        return self.decision == self.Decision.OFFERED and self.taken_up is not False

    def clean(self):
        if self.cost_currency != "CHF":
            raise ValidationError({"cost_currency": _(
                "The programme keeps its costs in CHF: convert the amounts to CHF first.")})
        if self.round_id and set(self.criteria_met) - set(self.round.criteria):
            raise ValidationError({"criteria_met": _(
                "Choose only criteria this round applies.")})


class YearReportPdf(models.Model):
    """The PDF of a programme's report for a year in one language, stored with the fingerprint
    of what it shows (sponsorship/pdfs.py): served as it is until that changes."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="year_report_pdfs",
        verbose_name=_("programme"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    language = models.CharField(_("language"), max_length=8)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    content = models.BinaryField(_("PDF"))
    etag = models.CharField(_("ETag"), max_length=64)
    rendered_at = models.DateTimeField(_("rendered at"), auto_now=True)

    class Meta:
        verbose_name = _("stored sponsorship report")
        verbose_name_plural = _("stored sponsorship reports")
        constraints = [
            models.UniqueConstraint(fields=["programme", "year", "language"],
                                    name="one_stored_report_per_year_and_language"),
        ]

    def __str__(self):
        return f"{self.programme} {self.year} ({self.language})"
