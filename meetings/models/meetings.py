"""Meetings and their agendas: names and symbol prefixes built from the data."""


from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from isu.models import Convention
from lib.caching import new_publication
from lib.languages import conventions
from lib.models import (
    TITLE_LENGTH,
    not_reversed,
)
from lib.numbering import sub_item_label
from lib.translated_fields import (
    LANGUAGE_CODES,
    localized,
    require_text_in_one_language,
    translated_value,
)
from lib.validators import PrintableText
from meetings import patterns, symbols

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
        return self._name_in(language, self.pattern)

    @property
    def names(self):
        return {language: self.name_in(language) for language in LANGUAGE_CODES}

    @property
    def pattern(self):
        """The convention's pattern for meetings of this kind (MeetingPattern.data), or None:
        the generic pattern of the kind applies."""
        if not self.convention_id:
            return None
        return MeetingPattern.patterns_of(self.convention_id).get(self.kind)

    @property
    def numbered(self):
        """Whether meetings of this kind carry a number (Seventh, 22) in their name."""
        pattern = self.pattern or GENERIC.get(self.kind)
        return bool(pattern and pattern["numbered"])

    def _name_in(self, language, pattern):
        """The name in a language by a pattern (None: the generic one); a language without its
        pattern shows the name in a language that has one."""
        if pattern is None:
            generic = GENERIC.get(self.kind)
            if generic is None:
                return ""
            printed = patterns.values(self.ordinal, self.conference_ordinal, self.year, language)
            with translation.override(language):
                return str(generic["name"]) % {"ordinal": printed["ordinal"], "year": self.year,
                                               "conference": printed["conference_ordinal"]}
        text, used = _in_language(pattern["names"], language)
        short_name = translated_value(self.convention, "short_name", used)[0]
        printed = patterns.values(self.ordinal, self.conference_ordinal, self.year, used,
                                  convention=short_name)
        return patterns.render(text, printed)

    def default_symbol_prefix(self):
        return self._prefix_by(self.pattern)

    def _prefix_by(self, pattern):
        """The prefix a pattern (None: the generic one) gives; empty where it gives none, or
        where it needs a number the meeting does not have: the meeting's own prefix is
        entered."""
        symbol = (pattern or GENERIC.get(self.kind) or {}).get("symbol", "")
        if not symbol or not self.convention_id:
            return ""
        printed = patterns.values(self.ordinal, self.conference_ordinal, self.year,
                                  series=self.convention.document_series)
        if patterns.needs_missing(symbol, printed):
            return ""
        return patterns.render(symbol, printed)

    def printed_by(self, pattern):
        """Its names and document prefix by a pattern: what issued documents print of it."""
        return ({language: self._name_in(language, pattern) for language in LANGUAGE_CODES},
                self.symbol_prefix or self._prefix_by(pattern))

    @property
    def document_prefix(self):
        return self.symbol_prefix or self.default_symbol_prefix()

    def clean(self):
        require_text_in_one_language(self, "venue")
        errors = {}
        if self.numbered and not self.ordinal:
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


def _in_language(texts, language):
    """(text, its language): the language's text, else the first language that has one."""
    for code in [language, *(code for code in LANGUAGE_CODES if code != language)]:
        if (texts.get(code) or "").strip():
            return texts[code], code
    return "", language


# The pattern of a kind of meeting for a convention without its own: the name is the catalog's,
# in each language's word order.
GENERIC = {
    Meeting.Kind.MEETING_OF_STATES_PARTIES: {
        "name": _("%(ordinal)s Meeting of States Parties"),
        "symbol": "{series}/MSP/{year}", "numbered": True},
    Meeting.Kind.REVIEW_CONFERENCE: {
        "name": _("%(ordinal)s Review Conference"),
        "symbol": "{series}/CONF/{year}", "numbered": True},
    Meeting.Kind.PREPARATORY_MEETING: {
        "name": _("%(ordinal)s Preparatory Meeting of the %(conference)s Review Conference"),
        "symbol": "{series}/CONF/{year}/PM.{number}", "numbered": True},
    Meeting.Kind.INTERSESSIONAL_MEETING: {
        "name": _("%(year)s Intersessional Meetings"), "symbol": "", "numbered": False},
    Meeting.Kind.PLEDGING_CONFERENCE: {
        "name": _("%(year)s Pledging Conference"), "symbol": "", "numbered": False},
    Meeting.Kind.INFORMAL_MEETING: {
        "name": pgettext_lazy("meeting name", "%(year)s Informal Meeting"), "symbol": "",
        "numbered": False},
}


class MeetingPattern(PrintableText, models.Model):
    """How a convention names its meetings of one kind, in each language, and numbers their
    documents. A kind without a pattern takes the generic one (GENERIC). Once documents of a
    meeting are issued, no pattern changes what they print of it."""

    convention = models.ForeignKey(
        Convention, on_delete=models.CASCADE, related_name="meeting_patterns",
        verbose_name=_("convention"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Meeting.Kind.choices)
    name = models.CharField(
        _("name pattern"), max_length=200,
        help_text=_("The name of a meeting of this kind, with placeholders: {ordinal} (Seventh, "
                    "第七), {number} (7), {roman} (VII), {year}, {convention} (the convention's "
                    "short name) and, for a preparatory meeting, {conference_ordinal}. For "
                    "example: {ordinal} Meeting of States Parties."),
    )
    symbol_prefix = models.CharField(
        _("symbol prefix pattern"), max_length=60, blank=True,
        help_text=_("The first part of its documents' symbols, with placeholders: {series}, "
                    "{number}, {roman}, {year} and, for a preparatory meeting, "
                    "{conference_number} and {conference_roman}. For example: "
                    "{series}/MSP.{number}/{year} or {series}/CONF.{roman}. Empty: each "
                    "meeting's prefix is entered with the meeting."),
    )
    numbered = models.BooleanField(
        _("numbered"), default=True,
        help_text=_("Meetings of this kind carry a number (Seventh, 22); otherwise they are "
                    "told apart by their year."),
    )

    class Meta:
        ordering = ["convention", "kind"]
        verbose_name = _("meeting name pattern")
        verbose_name_plural = _("meeting name patterns")
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "kind"], name="one_meeting_pattern_per_convention_and_kind",
                violation_error_message=_(
                    "This convention already has a pattern for this kind of meeting."),
            ),
        ]

    def __str__(self):
        return f"{self.convention} — {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        # Checked on every save, not only in forms: a pattern that cannot be read would leave
        # the convention's meetings without names.
        errors = self._pattern_errors()
        if errors:
            raise ValidationError(errors, code="pattern")
        frozen = self._frozen_error()
        if frozen:
            raise ValidationError(frozen, code="locked")
        stored = MeetingPattern.objects.filter(pk=self.pk).values_list(
            "convention_id", flat=True).first() if self.pk else None
        super().save(*args, **kwargs)
        self._forget(stored, self.convention_id)

    def delete(self, *args, **kwargs):
        frozen = self._frozen_error(deleting=True)
        if frozen:
            raise ValidationError(frozen, code="locked")
        result = super().delete(*args, **kwargs)
        self._forget(self.convention_id)
        return result

    @staticmethod
    def _cache_key(convention_id):
        return f"meeting-patterns:{convention_id}"

    # How long a convention's patterns are kept in the cache; a save or delete forgets them.
    CACHE_SECONDS = 600

    @classmethod
    def patterns_of(cls, convention_id):
        """{kind: data} of a convention's patterns, kept in the cache until one changes."""
        key = cls._cache_key(convention_id)
        found = cache.get(key)
        if found is None:
            found = {row.kind: row.data for row in cls.objects.filter(convention=convention_id)}
            cache.set(key, found, cls.CACHE_SECONDS)
        return found

    @property
    def data(self):
        """What a meeting is named and numbered by: names by language, symbol, numbered."""
        return {"names": {code: getattr(self, localized("name", code)) or ""
                          for code in LANGUAGE_CODES},
                "symbol": self.symbol_prefix.strip(), "numbered": self.numbered}

    def _pattern_errors(self):
        """Unknown placeholders, malformed patterns, and prefixes outside the series."""
        errors = {}
        preparatory = self.kind == Meeting.Kind.PREPARATORY_MEETING
        for code in LANGUAGE_CODES:
            field = localized("name", code)
            found = patterns.problems(getattr(self, field) or "", patterns.NAME_PLACEHOLDERS,
                                      self.numbered, preparatory)
            if found:
                errors[field] = found
        symbol = self.symbol_prefix.strip()
        if symbol:
            found = patterns.problems(symbol, patterns.SYMBOL_PLACEHOLDERS, self.numbered,
                                      preparatory)
            # The convention may be a new one, not saved yet (its admin page with its
            # patterns).
            convention = self.convention if (
                self.convention_id or MeetingPattern.convention.is_cached(self)) else None
            if not found and convention is not None and convention.document_series:
                series = convention.document_series
                example = patterns.render(symbol, patterns.values(7, 2, 2017, series=series))
                if not symbols.is_valid_prefix(example):
                    found = [gettext("Write the prefix as in CCM/MSP/2017: capital letters, "
                                     "digits and dots, parts separated by /.")]
                elif not symbols.in_series(example, series):
                    found = [gettext(
                        "The symbols of %(convention)s documents start with %(series)s/: write "
                        "the prefix as %(series)s/…, not %(prefix)s.") % {
                        "convention": convention.code, "series": series, "prefix": example}]
            if found:
                errors["symbol_prefix"] = found
        return errors

    def _frozen_error(self, deleting=False):
        """A change that would rename a meeting whose documents are issued, or change its
        prefix."""
        stored = MeetingPattern.objects.filter(pk=self.pk).first() if self.pk else None
        pairs = {(stored.convention_id, stored.kind)} if stored else set()
        if not deleting:
            pairs.add((self.convention_id, self.kind))
        for convention_id, kind in pairs:
            after = None if deleting or (convention_id, kind) != (
                self.convention_id, self.kind) else self.data
            issued = Meeting.objects.filter(convention=convention_id, kind=kind,
                                            documents__issued=True).distinct()
            for meeting in issued.select_related("convention"):
                if meeting.printed_by(meeting.pattern) != meeting.printed_by(after):
                    return gettext(
                        "Documents of %(meeting)s are issued and print its name and symbols as "
                        "they are: this pattern would change them.") % {"meeting": meeting.name}
        return None

    def clean(self):
        require_text_in_one_language(self, "name")
        errors = self._pattern_errors()
        if errors:
            raise ValidationError(errors)
        frozen = self._frozen_error()
        if frozen:
            raise ValidationError(frozen)

    def _forget(self, *convention_ids):
        """Forget the conventions' cached patterns now and again on commit: a page read in
        between would have cached the old ones."""
        keys = [self._cache_key(pk) for pk in convention_ids if pk]
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))
        new_publication()


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
