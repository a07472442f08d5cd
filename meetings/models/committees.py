"""Committees, their members and meetings, and the ISU's recorded missions and workshops."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from isu.models import Convention
from lib.languages import conventions
from lib.models import (
    TITLE_LENGTH,
    long_text,
    not_reversed,
    position_field,
    state_or_organization,
)
from lib.translated_fields import (
    require_text_in_one_language,
)


class Organization(models.Model):
    """A member that is not a state: ICBL, ICRC, the United Nations…"""

    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["acronym", "id"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.acronym or self.name

    def clean(self):
        require_text_in_one_language(self, "name")


class Committee(models.Model):
    class Kind(models.TextChoices):
        COORDINATION = "coordination", _("Coordination committee")
        COMMITTEE = "committee", _("Thematic committee")
        COORDINATORS = "coordinators", _("Thematic coordinators")
        WORKING_GROUP = "working_group", _("Working group")

    convention = models.ForeignKey(
        Convention, on_delete=models.PROTECT, related_name="committees",
        verbose_name=_("convention"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=TITLE_LENGTH)
    position = position_field()

    class Meta:
        ordering = ["convention", "position", "id"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self):
        return self.name

    def clean(self):
        require_text_in_one_language(self, "name")


class CommitteeMembership(models.Model):
    class Role(models.TextChoices):
        PRESIDENT = "president", _("President")
        PRESIDENT_DESIGNATE = "president_designate", _("President-designate")
        CHAIR = "chair", _("Chair")
        COORDINATOR = "coordinator", _("Coordinator")
        MEMBER = "member", _("Member")
        INVITED = "invited", _("Invited")

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="memberships",
        verbose_name=_("committee"),
    )
    state = CountryField(_("state"), blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True,
        related_name="memberships", verbose_name=_("organization"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["committee", "starts_on", "id"]
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")
        constraints = [
            state_or_organization("member_is_a_state_or_an_organization",
                                  _("A member is either a state or an organization.")),
            not_reversed("membership_period_not_reversed", "starts_on", "ends_on",
                         _("A membership cannot end before it starts.")),
        ]

    def __str__(self):
        member = self.state.name if self.state else str(self.organization)
        return f"{member}{conventions().colon}{self.get_role_display()}"

    def is_current_on(self, day):
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class DatedRecordQuerySet(models.QuerySet):
    """Records with a date that work plans count against their targets."""

    date_field = "held_on"

    def of_convention(self, convention_id):
        return self.filter(**{self.convention_path: convention_id})

    def between(self, first_day, last_day):
        return self.filter(**{f"{self.date_field}__range": (first_day, last_day)})

    def in_years(self, start_year, end_year, as_of=None):
        """Held in the years, up to `as_of` (today by default): what has been done so far."""
        last_day = date(end_year, 12, 31)
        if as_of is not None:
            last_day = min(last_day, as_of)
        return self.between(date(start_year, 1, 1), last_day)


class CommitteeMeetingQuerySet(DatedRecordQuerySet):
    convention_path = "committee__convention"


class CommitteeMeeting(models.Model):
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("committee")
    )
    held_on = models.DateField(_("held on"))
    record = long_text(_("short record"), blank=True, max_length=1000)
    supported_by_isu = models.BooleanField(_("supported by the ISU"), default=True)

    objects = CommitteeMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "committee"]
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")

    def __str__(self):
        return f"{self.committee} — {self.held_on.isoformat()}"


class IsuActivityQuerySet(DatedRecordQuerySet):
    convention_path = "convention"
    date_field = "starts_on"


class IsuActivity(models.Model):
    """A mission or workshop of the ISU, counted against the work plan's targets."""

    class Kind(models.TextChoices):
        MISSION = "mission", _("Mission")
        WORKSHOP = "workshop", _("Workshop")

    convention = models.ForeignKey(
        Convention, on_delete=models.PROTECT, related_name="isu_activities",
        verbose_name=_("convention"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    country = CountryField(_("country"), blank=True)
    description = long_text(_("description"), max_length=1000)

    objects = IsuActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("ISU mission or workshop")
        verbose_name_plural = _("ISU missions and workshops")
        constraints = [
            not_reversed("isu_activity_dates_not_reversed", "starts_on", "ends_on",
                         _("The last day cannot come before the first day.")),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_on.isoformat()}"

    def clean(self):
        require_text_in_one_language(self, "description")
