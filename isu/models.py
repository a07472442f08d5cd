from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from lib.translated_fields import LANGUAGE_CODES, localized, require_text_in_one_language


class ConventionQuerySet(models.QuerySet):
    def for_user(self, user):
        """The conventions whose work a user may see and change."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(staff_roles__user=user).distinct()


class Convention(models.Model):
    """A convention whose ISU uses the product. What differs between conventions is data: their
    names, document series, the bodies their work plans go to (here) and how their meetings are
    named and numbered (meetings.MeetingPattern)."""

    code = models.CharField(
        _("code"), max_length=8, unique=True,
        validators=[RegexValidator(r"^[A-Z]+$", _("Use capital Latin letters only, as in APLC."))],
    )
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=120)
    isu_host = models.CharField(_("ISU host"), max_length=200)
    document_series = models.CharField(
        _("document symbol series"),
        max_length=20,
        help_text=_("First part of the official document symbols, for example CCM or APLC."),
        validators=[RegexValidator(r"^[A-Z]+$", _("Use capital Latin letters only, as in APLC."))],
    )
    endorsing_body = models.CharField(
        _("endorsing body"), max_length=120, blank=True,
        help_text=_("The body that endorses the ISU's work plans before their adoption, for "
                    "example the Coordination Committee. Empty if a draft goes straight to "
                    "adoption."),
    )
    adopting_body = models.CharField(
        _("adopting body"), max_length=120, blank=True,
        help_text=_("The body that adopts the ISU's work plans, for example the Meeting of States "
                    "Parties."),
    )
    masthead_name = models.CharField(
        _("name in the masthead"), max_length=400, blank=True,
        help_text=_("What the first page of its documents prints at the top left, for example "
                    "Meeting of the States Parties to the Convention on …. Empty: the "
                    "convention's name."),
    )

    objects = ConventionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("convention")
        verbose_name_plural = _("conventions")

    def __str__(self):
        return self.code

    # What its issued documents print of it: the short name (in the names of its meetings) and
    # the series of their symbols.
    PRINTED_FIELDS = ("document_series",
                      *(localized("short_name", code) for code in LANGUAGE_CODES))

    def save(self, *args, **kwargs):
        # Checked on every save: an issued document prints the convention as it was.
        errors = self._frozen_errors()
        if errors:
            raise ValidationError(errors, code="printed")
        super().save(*args, **kwargs)

    def clean(self):
        require_text_in_one_language(self, "name", "short_name", "isu_host")
        errors = self._frozen_errors()
        if errors:
            raise ValidationError(errors)

    def _frozen_errors(self):
        """Once a document of one of its meetings is issued, its short name and series stay."""
        if self.pk is None or not self.meetings.filter(documents__issued=True).exists():
            return {}
        stored = type(self).objects.get(pk=self.pk)
        changed = [name for name in self.PRINTED_FIELDS
                   if getattr(stored, name) != getattr(self, name)]
        message = gettext("Documents of this convention are issued and print its short name and "
                          "symbol series as they were: these no longer change.")
        return {name: message for name in changed}


class ParticipationQuerySet(models.QuerySet):
    def parties_on(self, day):
        return self.filter(joined_on__lte=day)

    def signatories_on(self, day):
        return self.filter(signed_on__lte=day).exclude(joined_on__lte=day)


class Participation(models.Model):
    """A state's signature of and adherence to a convention; its status follows from the dates."""

    class Status(models.TextChoices):
        STATE_PARTY = "state_party", _("State party")
        SIGNATORY = "signatory", _("Signatory")
        NONE = "none", _("Not yet a signatory")

    class Instrument(models.TextChoices):
        RATIFICATION = "ratification", _("Ratification")
        ACCESSION = "accession", _("Accession")
        ACCEPTANCE = "acceptance", _("Acceptance")
        APPROVAL = "approval", _("Approval")
        SUCCESSION = "succession", _("Succession")

    convention = models.ForeignKey(
        Convention, on_delete=models.PROTECT, related_name="participations",
        verbose_name=_("convention"),
    )
    country = CountryField(_("state"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    joined_on = models.DateField(
        _("ratified or acceded on"), null=True, blank=True,
        help_text=_("Date the instrument of ratification, accession, acceptance or approval "
                    "was deposited."),
    )
    instrument = models.CharField(
        _("instrument"), max_length=20, choices=Instrument.choices, blank=True
    )

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["convention", "country"]
        verbose_name = _("state participation")
        verbose_name_plural = _("state participations")
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "country"], name="one_participation_per_state_and_convention",
                violation_error_message=_("This state is already recorded for this convention."),
            ),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=False) | Q(joined_on__isnull=False),
                name="participation_has_a_date",
                violation_error_message=_("Enter the date of signature or of adherence."),
            ),
            models.CheckConstraint(
                condition=Q(joined_on__isnull=True) | Q(instrument__gt=""),
                name="adherence_names_its_instrument",
                violation_error_message=_(
                    "Say whether the state ratified, acceded, accepted or approved."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.country.name} — {self.convention}"

    def clean(self):
        if self.signed_on and self.joined_on and self.joined_on < self.signed_on:
            raise ValidationError(
                {"joined_on": _("A state cannot ratify before it signs.")}
            )

    def status_on(self, day):
        if self.joined_on and self.joined_on <= day:
            return self.Status.STATE_PARTY
        if self.signed_on and self.signed_on <= day:
            return self.Status.SIGNATORY
        return self.Status.NONE


class StaffRole(models.Model):
    """What a user does for one convention; roles drive every permission in the product."""

    class Role(models.TextChoices):
        ISU_OFFICER = "isu_officer", _("ISU officer")
        HEAD_OF_ISU = "head_of_isu", _("Head of the ISU")
        COORDINATOR = "coordinator", _("Coordinator")
        SPONSORSHIP_STAFF = "sponsorship_staff", _("Sponsorship staff")
        FINANCE = "finance", _("Finance")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_roles",
        verbose_name=_("user"),
    )
    convention = models.ForeignKey(
        Convention, on_delete=models.PROTECT, related_name="staff_roles",
        verbose_name=_("convention"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["convention", "role", "user"]
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "convention", "role"], name="one_role_per_user_and_convention",
                violation_error_message=_("This user already has this role for this convention."),
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} ({self.convention})"


class ActionPlan(models.Model):
    """An action plan adopted by a review conference (Dubrovnik, Lausanne, Siem Reap–Angkor…)."""

    convention = models.ForeignKey(
        Convention, on_delete=models.PROTECT, related_name="action_plans",
        verbose_name=_("convention"),
    )
    name = models.CharField(_("name"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))

    class Meta:
        ordering = ["convention", "start_year"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="action_plan_period_not_reversed",
                violation_error_message=_("The last year cannot come before the first year."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.start_year}–{self.end_year})"

    def clean(self):
        require_text_in_one_language(self, "name")


class Action(models.Model):
    action_plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="actions",
        verbose_name=_("action plan"),
    )
    number = models.CharField(_("number"), max_length=12, help_text=_("As printed: 7, 12 (a)."))
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.TextField(_("text"), max_length=4000)

    class Meta:
        ordering = ["action_plan", "position", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.UniqueConstraint(
                fields=["action_plan", "number"], name="action_number_unique_in_plan",
                violation_error_message=_("This action plan already has an action with this number."),
            )
        ]

    def __str__(self):
        return f"{self.action_plan.name} #{self.number}"

    def clean(self):
        require_text_in_one_language(self, "text")
