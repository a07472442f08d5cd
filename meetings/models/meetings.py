"""Meetings and their agendas: names and symbol prefixes built from the data."""


from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from isu.models import Convention
from lib.languages import conventions
from lib.models import (
    TITLE_LENGTH,
    not_reversed,
)
from lib.numbering import ordinal, sub_item_label
from lib.translated_fields import (
    LANGUAGE_CODES,
    localized,
    require_text_in_one_language,
)
from lib.validators import PrintableText
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
                      "end_date", "symbol_prefix", *(localized("venue", code)
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
        return conventions(language).label_separator.join(parts)

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
        if self.documents.model.objects.filter(cited, issued=True).exists():
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
