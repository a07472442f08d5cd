"""Meetings, their agendas and official documents; committees and the ISU's recorded work.

Meeting names ("Seventh Meeting of States Parties", "缔约国第七次会议") and document symbols
("CCM/MSP/2017/4/Corr.1") are built from the data, never typed, so that both languages and
every listing agree.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from isu.fields import (
    TITLE_LENGTH,
    OrderedText,
    long_text,
    not_reversed,
    position_field,
    state_or_organization,
)
from isu.models import Convention
from isu.numbering import ordinal, sub_item_label
from isu.records import RecordKind
from isu.translation_checks import (
    LANGUAGE_CODES,
    localized,
    require_text_in_one_language,
    values_by_language,
)
from isu.validators import PrintableText
from isu.workflow import LOCKED, Status
from meetings import symbols

ORDINAL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(99)]


class Meeting(PrintableText, models.Model):
    class Kind(models.TextChoices):
        MEETING_OF_STATES_PARTIES = "msp", _("Meeting of States Parties")
        REVIEW_CONFERENCE = "review_conference", _("Review Conference")
        PREPARATORY_MEETING = "preparatory", _("Preparatory meeting of a Review Conference")
        INTERSESSIONAL_MEETING = "intersessional", _("Intersessional meeting")
        PLEDGING_CONFERENCE = "pledging", _("Pledging conference")
        INFORMAL_MEETING = "informal", _("Informal meeting")

    convention = models.ForeignKey(
        Convention, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("convention")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    ordinal = models.PositiveSmallIntegerField(
        _("ordinal"), null=True, blank=True, validators=ORDINAL_VALIDATORS,
        help_text=_("7 for the Seventh Meeting of States Parties; 2 for a Second Preparatory "
                    "Meeting. Empty for meetings named by their year."),
    )
    conference_ordinal = models.PositiveSmallIntegerField(
        _("of the Review Conference"), null=True, blank=True, validators=ORDINAL_VALIDATORS,
        help_text=_("For a preparatory meeting: 2 if it prepares the Second Review Conference."),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    venue = models.CharField(_("venue"), max_length=200)
    presidency = CountryField(_("presidency"), blank=True)
    symbol_prefix = models.CharField(
        _("symbol prefix"), max_length=40, blank=True,
        help_text=_("Only where the usual prefix does not apply, for example CCM/MSP/2017/ISM."),
    )

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            not_reversed("meeting_dates_not_reversed", "start_date", "end_date",
                         _("The last day cannot come before the first day.")),
            models.UniqueConstraint(
                fields=["convention", "kind", "ordinal"],
                condition=Q(ordinal__isnull=False) & ~Q(kind="preparatory"),
                name="one_meeting_per_convention_kind_and_ordinal",
                violation_error_message=_("This convention already has a meeting with this number."),
            ),
            models.UniqueConstraint(
                fields=["convention", "conference_ordinal", "ordinal"],
                condition=Q(kind="preparatory"),
                name="one_preparatory_meeting_per_number",
                violation_error_message=_(
                    "This Review Conference already has a preparatory meeting with this number."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.convention} — {self.name}"

    def save(self, *args, **kwargs):
        # Checked on every save, not only in forms: a prefix of another series would give this
        # meeting's documents another convention's symbols, and an issued document prints
        # what it says of its meeting as it was.
        errors = self._prefix_series_errors() or self._frozen_errors()
        if errors:
            raise ValidationError(errors, code="prefix_series")
        super().save(*args, **kwargs)

    # What an issued document prints of its meeting (masthead and symbol).
    PRINTED_FIELDS = ("convention", "kind", "ordinal", "conference_ordinal", "start_date",
                      "end_date", "symbol_prefix", *(f"venue_{code.replace('-', '_')}"
                                                     for code in LANGUAGE_CODES))

    def _frozen_errors(self):
        """Once a document of the meeting is issued, what it prints of the meeting is kept."""
        if self.pk is None or not self.documents.filter(issued=True).exists():
            return {}
        stored = Meeting.objects.get(pk=self.pk)
        changed = [name for name in self.PRINTED_FIELDS if getattr(stored, self._meta.get_field(
            name).attname) != getattr(self, self._meta.get_field(name).attname)]
        if not changed:
            return {}
        message = gettext("Documents of this meeting are issued and print it as it was: its "
                          "name, dates, venue and symbol prefix no longer change.")
        return {name: message for name in changed}

    @property
    def year(self):
        return self.start_date.year

    @property
    def name(self):
        """The name in the active language."""
        return self.name_in(translation.get_language())

    def name_in(self, language):
        with translation.override(language):
            return _meeting_name(self)

    @property
    def names(self):
        return {language: self.name_in(language) for language in LANGUAGE_CODES}

    def default_symbol_prefix(self):
        series, year = self.convention.document_series, self.year
        if self.kind == self.Kind.MEETING_OF_STATES_PARTIES:
            if self.convention.meeting_style == Convention.MeetingStyle.NUMBERED_SESSION:
                return f"{series}/MSP.{self.ordinal}/{year}"
            return f"{series}/MSP/{year}"
        if self.kind == self.Kind.REVIEW_CONFERENCE:
            return f"{series}/CONF/{year}"
        if self.kind == self.Kind.PREPARATORY_MEETING:
            return f"{series}/CONF/{year}/PM.{self.ordinal}"
        return ""  # no standard: the meeting's own prefix is entered

    @property
    def document_prefix(self):
        return self.symbol_prefix or self.default_symbol_prefix()

    def clean(self):
        require_text_in_one_language(self, "venue")
        errors = {}
        numbered = self.kind in (self.Kind.REVIEW_CONFERENCE, self.Kind.PREPARATORY_MEETING) or (
            self.kind == self.Kind.MEETING_OF_STATES_PARTIES and self.convention_id
            and self.convention.meeting_style != Convention.MeetingStyle.ANNUAL
        )
        if numbered and not self.ordinal:
            errors["ordinal"] = _("This meeting is named by its number: enter it.")
        if self.kind == self.Kind.PREPARATORY_MEETING and not self.conference_ordinal:
            errors["conference_ordinal"] = _("Say which Review Conference this meeting prepares.")
        if self.kind != self.Kind.PREPARATORY_MEETING and self.conference_ordinal:
            errors["conference_ordinal"] = _("Only a preparatory meeting prepares a Review Conference.")
        if self.symbol_prefix and not symbols.is_valid_prefix(self.symbol_prefix):
            errors["symbol_prefix"] = _("Write the prefix as in CCM/MSP/2017: capital letters, "
                                        "digits and dots, parts separated by /.")
        if "symbol_prefix" not in errors:
            errors.update(self._prefix_series_errors())
        errors.update({k: v for k, v in self._frozen_errors().items() if k not in errors})
        if errors:
            raise ValidationError(errors)

    def _prefix_series_errors(self):
        """A prefix outside the convention's series would take another convention's symbols."""
        if not self.symbol_prefix or not self.convention_id:
            return {}
        if any(set(part) == {"."} for part in self.symbol_prefix.split("/")):
            return {"symbol_prefix": gettext("A part of a symbol cannot be only dots.")}
        same = next((meeting for meeting in Meeting.objects.filter(
            convention=self.convention_id).exclude(pk=self.pk).select_related("convention")
            if meeting.document_prefix == self.symbol_prefix), None)
        if same is not None:
            return {"symbol_prefix": gettext(
                "%(meeting)s already numbers its documents %(prefix)s/…: each meeting has its "
                "own prefix.") % {"meeting": same.name, "prefix": self.symbol_prefix}}
        series = self.convention.document_series
        if symbols.in_series(self.symbol_prefix, series):
            return {}
        return {"symbol_prefix": gettext(
            "The symbols of %(convention)s documents start with %(series)s/: write the prefix "
            "as %(series)s/…, not %(prefix)s."
        ) % {"convention": self.convention.code, "series": series, "prefix": self.symbol_prefix}}


def _meeting_name(meeting):
    """The name in the active language; the word order of each language lives in the catalog."""
    kind, n, year = meeting.Kind, meeting.ordinal, meeting.year
    language = translation.get_language()
    number = ordinal(n, language) if n else ""
    if meeting.kind == kind.MEETING_OF_STATES_PARTIES:
        style = meeting.convention.meeting_style
        if style == Convention.MeetingStyle.NUMBERED_SESSION:
            return gettext("%(ordinal)s Meeting of the States Parties") % {"ordinal": number}
        if style == Convention.MeetingStyle.ANNUAL or not n:
            return gettext("%(year)s Meeting of the High Contracting Parties") % {"year": year}
        return gettext("%(ordinal)s Meeting of States Parties") % {"ordinal": number}
    if meeting.kind == kind.REVIEW_CONFERENCE:
        return gettext("%(ordinal)s Review Conference") % {"ordinal": number}
    if meeting.kind == kind.PREPARATORY_MEETING:
        conference = ordinal(meeting.conference_ordinal, language)
        return gettext("%(ordinal)s Preparatory Meeting of the %(conference)s Review Conference") % {
            "ordinal": number, "conference": conference}
    if meeting.kind == kind.INTERSESSIONAL_MEETING:
        return gettext("%(year)s Intersessional Meetings") % {"year": year}
    if meeting.kind == kind.PLEDGING_CONFERENCE:
        return gettext("%(year)s Pledging Conference") % {"year": year}
    return pgettext("meeting name", "%(year)s Informal Meeting") % {"year": year}


class AgendaItem(PrintableText, models.Model):
    """An item of a meeting's agenda: 8, 8 (j), 9 (h) (i); the number is the one adopted."""

    MAX_DEPTH = 3

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="sub_items",
        verbose_name=_("sub-item of"),
    )
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("8 for item 8; 10 for sub-item (j); 1 for sub-item (i)."),
    )
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)

    class Meta:
        ordering = ["meeting", "parent_id", "number"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], condition=Q(parent__isnull=True),
                name="agenda_item_number_unique_in_meeting",
                violation_error_message=_("The agenda already has an item with this number."),
            ),
            models.UniqueConstraint(
                fields=["parent", "number"], name="agenda_sub_item_number_unique_in_item",
                violation_error_message=_("This item already has a sub-item with this number."),
            ),
        ]

    def __str__(self):
        return f"{self.label} {self.title}"

    def save(self, *args, **kwargs):
        problem = self._frozen_problem()
        if problem:
            raise ValidationError(problem, code="locked")
        super().save(*args, **kwargs)

    def chain(self):
        """The item and its parents, outermost first (fetch with select_related)."""
        items, item = [], self
        while item is not None:
            items.insert(0, item)
            item = item.parent
        return items

    def label_in(self, language):
        """'9 (h) (i)' in English, '9(h)(一)' in Chinese (as in seed 002)."""
        parts = [
            str(item.number) if depth == 1 else sub_item_label(item.number, depth, language)
            for depth, item in enumerate(self.chain(), start=1)
        ]
        return ("" if language == "zh-hans" else " ").join(parts)

    @property
    def label(self):
        return self.label_in(translation.get_language())

    @property
    def labels(self):
        return {language: self.label_in(language) for language in LANGUAGE_CODES}

    def _frozen_problem(self):
        """An item printed in an issued document's masthead (itself or an item under it) keeps
        its number, title and place."""
        if self.pk is None:
            return None
        stored = AgendaItem.objects.filter(pk=self.pk).first()
        if stored is None:
            return None
        printed = ["number", "parent_id", "meeting_id",
                   *(localized("title", code) for code in LANGUAGE_CODES)]
        if all(getattr(stored, name) == getattr(self, name) for name in printed):
            return None
        cited = Q(agenda_item=self.pk) | Q(agenda_item__parent=self.pk) | Q(
            agenda_item__parent__parent=self.pk)
        if Document.objects.filter(cited, issued=True).exists():
            return gettext("Issued documents print this agenda item as it is: its number and "
                           "title no longer change.")
        return None

    def clean(self):
        require_text_in_one_language(self, "title")
        problem = self._frozen_problem()
        if problem:
            raise ValidationError(problem)
        if self.parent_id:
            if self.parent.meeting_id != self.meeting_id:
                raise ValidationError(
                    {"parent": _("A sub-item belongs to an item of the same meeting.")}
                )
            if len(self.parent.chain()) >= self.MAX_DEPTH:
                raise ValidationError(
                    {"parent": _("Agenda items go three levels deep at most: 9 (h) (i).")}
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
        return f"{member}: {self.get_role_display()}"

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


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Issued documents of general distribution for everyone; the others for their ISU's
        staff."""
        visible = Q(distribution=Document.Distribution.GENERAL, issued=True)
        if user.is_authenticated:
            visible |= Q(meeting__convention__in=Convention.objects.for_user(user))
        return self.filter(visible)


UN_LANGUAGES = [
    ("ar", _("Arabic")), ("zh-hans", _("Chinese")), ("en", _("English")),
    ("fr", _("French")), ("ru", _("Russian")), ("es", _("Spanish")),
]


def validate_languages(value):
    known = {code for code, _label in UN_LANGUAGES}
    if not isinstance(value, list) or not value or set(value) - known:
        raise ValidationError(_("Choose one or more of the six official languages."))


class Document(PrintableText, models.Model):
    """An official document of a meeting, one symbol for all its language versions."""

    class Component(models.TextChoices):
        NONE = "", _("None")
        WORKING_PAPER = "WP", _("Working paper (WP.)")
        INFORMATION = "INF", _("Information document (INF.)")
        CONFERENCE_ROOM_PAPER = "CRP", _("Conference room paper (CRP.)")
        LIMITED = "L", _("Limited distribution draft (L.)")

    class Change(models.TextChoices):
        ADDENDUM = "Add", _("Addendum")
        CORRIGENDUM = "Corr", _("Corrigendum")
        REVISION = "Rev", _("Revision")
        AMENDMENT = "Amend", _("Amendment")

    class Distribution(models.TextChoices):
        GENERAL = "general", _("General")
        LIMITED = "limited", _("Limited")
        RESTRICTED = "restricted", _("Restricted")

    class Body(models.TextChoices):
        WORK_PLAN = "work_plan", _("Work plan and budget")
        NARRATIVE = "narrative", _("Narrative document")
        NONE = "none", _("Recorded by its symbol only")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="documents", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="documents",
        verbose_name=_("agenda item"),
    )
    component = models.CharField(
        _("special component"), max_length=4, choices=Component.choices, blank=True
    )
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    amends = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="changes",
        verbose_name=_("changes the document"),
    )
    change = models.CharField(_("change"), max_length=6, choices=Change.choices, blank=True)
    change_number = models.PositiveSmallIntegerField(
        _("change number"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    symbol = models.CharField(_("symbol"), max_length=80, editable=False)
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    subtitle = models.CharField(_("subtitle"), max_length=TITLE_LENGTH, blank=True)
    submitted_by = models.CharField(
        _("submitted by"), max_length=200, help_text=_("Implementation Support Unit; President "
                                                       "of the Second Review Conference…"),
    )
    submitted_on = models.DateField(
        _("date of submission"), null=True, blank=True,
        help_text=_("The date printed in the masthead; empty where it is not known."),
    )
    distribution = models.CharField(
        _("distribution"), max_length=12, choices=Distribution.choices,
        default=Distribution.GENERAL,
    )
    original_language = models.CharField(
        _("original language"), max_length=8, choices=UN_LANGUAGES, default="en"
    )
    languages = models.JSONField(
        _("languages available"), default=list, validators=[validate_languages],
        help_text=_("Language codes of the versions issued, for example zh-hans and en."),
    )
    body = models.CharField(_("body"), max_length=12, choices=Body.choices, default=Body.NARRATIVE)
    issued = models.BooleanField(
        _("issued"), default=False,
        help_text=_("Issued documents are on the public site. A work plan's document is issued "
                    "when the plan is published."),
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["symbol"]
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")
        constraints = [
            models.UniqueConstraint(
                fields=["symbol"], name="document_symbol_unique",
                violation_error_message=_("A document with this symbol already exists."),
            ),
            models.CheckConstraint(
                condition=(Q(amends__isnull=True) & Q(number__isnull=False) & Q(change="")
                           & Q(change_number__isnull=True))
                | (Q(amends__isnull=False) & ~Q(change="") & Q(change_number__isnull=False)),
                name="document_is_numbered_or_changes_another",
                violation_error_message=_(
                    "A document has its own number, or is an Add., Corr., Rev. or Amend. of "
                    "another document with the change's number."
                ),
            ),
        ]

    def __str__(self):
        return self.symbol

    def save(self, *args, **kwargs):
        stored = (Document.objects.filter(pk=self.pk).values_list("issued", flat=True).first()
                  if self.pk is not None else None)
        if stored:
            raise ValidationError(why_issued(self, issued=True), code="locked")
        self._refuse_change_of_locked_plan()
        errors = self._work_plan_problems()
        if errors:
            raise ValidationError(errors, code="work_plan_document")
        if self.issued:
            self._check_issue()
        self.symbol = self.build_symbol()
        super().save(*args, **kwargs)

    def _check_issue(self):
        """A document is issued with its body in order. A work plan's document is issued by the
        publication of its plan, and by nothing else: the head of the ISU publishes what was
        adopted."""
        if self.pk is not None:
            from meetings.body import body_problems

            problems = body_problems(list(self.blocks.order_by("position", "id")
                                          .values_list("kind", "level", "numbered")))
            if problems:
                raise ValidationError(sorted({message for _index, message in problems}),
                                      code="body_out_of_order")
        plans = type(self).work_plan.related.related_model.objects
        if self.body != self.Body.WORK_PLAN and not (
                self.pk and plans.filter(document=self.pk).exists()):
            return
        if self.pk is None or not plans.filter(document=self.pk, status=Status.PUBLISHED).exists():
            raise ValidationError(_(
                "A work plan's document is issued when the head of the ISU publishes the plan, "
                "on the plan's Workflow page."
            ), code="issued_by_publication")

    def build_symbol(self):
        if self.amends_id:
            base = symbols.parse(self.amends.symbol)
            return str(symbols.Symbol(
                base.prefix, base.number, base.component,
                base.suffixes + ((self.change, self.change_number),),
            ))
        return str(symbols.Symbol(self.meeting.document_prefix, self.number, self.component))

    def _refuse_change_of_locked_plan(self):
        """The document of a plan under review or adopted is what was reviewed: it changes no
        more, except to be issued when the plan is published."""
        if self.pk is None:
            return
        plans = type(self).work_plan.related.related_model.objects
        if not plans.filter(document=self.pk, status__in=LOCKED).exists():
            return
        stored = Document.objects.get(pk=self.pk)
        if any(getattr(stored, f.attname) != getattr(self, f.attname)
               for f in self._meta.concrete_fields if f.name not in ("issued", "symbol")):
            raise ValidationError(why_issued(self, issued=False), code="locked")

    def _work_plan_problems(self):
        """A plan's document stays a work plan's document, and a change of one is a work plan's
        document too (started from the plan's Workflow page): both are issued only by
        publishing their plan."""
        errors = {}
        plans = type(self).work_plan.related.related_model.objects
        if self.body != self.Body.WORK_PLAN and self.pk and plans.filter(document=self.pk).exists():
            errors["body"] = gettext("This is the official document of a work plan: its body "
                                     "stays the work plan's.")
        if (self.body != self.Body.WORK_PLAN and self.amends_id
                and self.amends.body == self.Body.WORK_PLAN):
            errors["body"] = gettext("A correction or revision of a work plan's document is "
                                     "started from the plan's Workflow page.")
        return errors

    def clean(self):
        require_text_in_one_language(self, "title", "submitted_by")
        errors = self._work_plan_problems()
        if errors:
            raise ValidationError(errors)
        if self.issued and not (self.pk and Document.objects.filter(pk=self.pk, issued=True)
                                .exists()):
            self._check_issue()
        if not self.meeting_id:
            return  # the form already says that the meeting is missing
        errors = {}
        if self.amends_id:
            if self.amends.meeting_id != self.meeting_id:
                errors["amends"] = _("A change is issued for the meeting of the document it changes.")
            if self.number or self.component:
                errors["number"] = _("A change takes the number of the document it changes.")
            if not (self.change and self.change_number):
                errors["change"] = _("Say whether this is an Add., Corr., Rev. or Amend., and its number.")
        elif not self.meeting.document_prefix:
            errors["meeting"] = _("This meeting has no standard symbol: enter its symbol prefix.")
        elif self.number is None:
            errors["number"] = _("Enter the document's number.")
        if self.agenda_item_id and self.agenda_item.meeting_id != self.meeting_id:
            errors["agenda_item"] = _("Choose an item of this meeting's agenda.")
        if errors:
            raise ValidationError(errors)
        self.symbol = self.build_symbol()
        # The symbol is not a form field, so the form cannot check its uniqueness itself.
        if Document.objects.filter(symbol=self.symbol).exclude(pk=self.pk).exists():
            raise ValidationError(
                _("A document with the symbol %(symbol)s already exists.") % {"symbol": self.symbol}
            )

    def delete(self, *args, **kwargs):
        # An issued document is part of the record: it is corrected or revised, never deleted.
        if self.issued:
            raise models.ProtectedError(
                _("%(symbol)s is issued and cannot be deleted.") % {"symbol": self.symbol},
                {self},
            )
        return super().delete(*args, **kwargs)

    def current_version(self):
        """The latest Rev. of the document (itself if never revised); a Corr. or Add. is its own."""
        if self.change == self.Change.REVISION:
            return self.amends.current_version()
        revisions = [d for d in self.changes.all() if d.change == self.Change.REVISION]
        return max(revisions, key=lambda d: d.change_number, default=self)


def why_issued(document, issued=None):
    if not (document.issued if issued is None else issued):
        return _("%(symbol)s is the document of a work plan under review or adopted: it changes "
                 "no more, unless the plan is returned for revision.") % {
                     "symbol": document.symbol}
    return _(
        "%(symbol)s is issued and never changes: issue a corrigendum or a revision instead."
    ) % {"symbol": document.symbol}


class MastheadNote(OrderedText):
    """A footnote of the masthead, marked *, ** (late submission, not formally edited)."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="masthead_notes",
        verbose_name=_("document"),
    )
    text = models.CharField(_("text"), max_length=500)

    class Meta(OrderedText.Meta):
        verbose_name = _("masthead footnote")
        verbose_name_plural = _("masthead footnotes")


class Block(OrderedText):
    """A piece of a narrative document's body, in reading order; numbers follow from the order."""

    class Kind(models.TextChoices):
        CHAPTER = "chapter", _("Chapter heading (I.)")
        SECTION = "section", _("Section heading (A.)")
        HEADING = "heading", _("Unnumbered heading")
        PARAGRAPH = "paragraph", _("Paragraph (1.)")
        SUBPARAGRAPH = "subparagraph", _("Sub-paragraph ((a), (i))")
        BULLET = "bullet", _("Bullet")
        TABLE = "table", _("Table")

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="blocks", verbose_name=_("document")
    )
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices, default=Kind.PARAGRAPH)
    numbered = models.BooleanField(_("numbered"), default=True)
    level = models.PositiveSmallIntegerField(
        _("level"), default=1, validators=[MinValueValidator(1), MaxValueValidator(2)],
        help_text=_("Sub-paragraphs: 1 for (a), 2 for (i)."),
    )
    text = long_text(_("text"), max_length=20000)

    FOOTNOTE_MARKER = "[^]"
    CELL_SEPARATOR = "|"

    class Meta(OrderedText.Meta):
        verbose_name = _("body block")
        verbose_name_plural = _("body blocks")

    def clean(self):
        super().clean()
        if self.kind == self.Kind.TABLE:
            for text in values_by_language(self, "text").values():
                widths = {len(row) for row in table_rows(text)}
                if len(widths) > 1:
                    raise ValidationError(_(
                        "Every row of a table needs the same number of cells, separated by |."
                    ))


def table_rows(text):
    """A table block's text as rows of cells: one row per line, cells separated by |; the first
    row is the header."""
    return [[cell.strip() for cell in line.split(Block.CELL_SEPARATOR)]
            for line in text.splitlines() if line.strip()]


class Footnote(OrderedText):
    """A footnote of a block, numbered through the document; [^] marks its place in the text."""

    block = models.ForeignKey(
        Block, on_delete=models.CASCADE, related_name="footnotes", verbose_name=_("block")
    )
    text = long_text(_("text"), max_length=2000)

    class Meta(OrderedText.Meta):
        verbose_name = _("footnote")
        verbose_name_plural = _("footnotes")



# An official document and the rows of its body: rows never move to another document, and an
# issued document keeps them.
DOCUMENT = RecordKind(Document, locked=lambda prefix: Q(**{f"{prefix}issued": True}) | Q(
    **{f"{prefix}work_plan__status__in": LOCKED}), why_locked=why_issued)
DOCUMENT.add_rows(MastheadNote, "document")
DOCUMENT.add_rows(Block, "document")
DOCUMENT.add_rows(Footnote, "block__document")


class Rendition(models.Model):
    """A stored PDF of an issued document in one language: rendered once, served as it is."""

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="renditions", verbose_name=_("document")
    )
    language = models.CharField(_("language"), max_length=8, choices=UN_LANGUAGES)
    content = models.BinaryField(_("PDF"))
    etag = models.CharField(_("ETag"), max_length=64)
    rendered_at = models.DateTimeField(_("rendered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stored PDF")
        verbose_name_plural = _("stored PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"], name="one_stored_pdf_per_document_and_language",
                violation_error_message=_("This document already has a PDF in this language."),
            )
        ]

    def __str__(self):
        return f"{self.document} ({self.language})"
