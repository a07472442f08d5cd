"""Official documents: their symbols, narrative bodies (blocks, footnotes, masthead notes) and
stored PDFs."""


from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from isu.models import Convention
from lib.languages import LANGUAGE_CODES, UN_LANGUAGES, WORKING_LANGUAGE
from lib.models import (
    TITLE_LENGTH,
    OrderedText,
    long_text,
)
from lib.records import RecordKind
from lib.translated_fields import (
    localized,
    require_text_in_one_language,
    values_by_language,
)
from lib.validators import PrintableText
from meetings import symbols
from meetings.body import FOOTNOTE_MARKER, BlockKind, body_problems
from meetings.models.meetings import AgendaItem, Meeting


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Issued documents of general distribution for everyone; the others for their ISU's
        staff."""
        visible = Q(distribution=Document.Distribution.GENERAL, issued=True)
        if user.is_authenticated:
            visible |= Q(meeting__convention__in=Convention.objects.for_user(user))
        return self.filter(visible)


def _languages_help():
    return gettext("Language codes of the versions issued, for example %(first)s and %(second)s."
                   ) % {"first": LANGUAGE_CODES[0], "second": LANGUAGE_CODES[-1]}


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
    job_number = models.CharField(
        _("job number"), max_length=20, blank=True,
        validators=[RegexValidator(
            r"\A[A-Z]{1,3}\.[0-9]{2}-[0-9]{5}\Z",
            _("Write the conference services' job number as they give it, for example "
              "GE.17-09152."))],
        help_text=_("The conference services' number for this document, printed with the letter "
                    "of each language at the foot of its first page, for example GE.17-09152(C). "
                    "Empty until they give it."),
    )
    distribution = models.CharField(
        _("distribution"), max_length=12, choices=Distribution.choices,
        default=Distribution.GENERAL,
    )
    original_language = models.CharField(
        _("original language"), max_length=8, choices=UN_LANGUAGES, default=WORKING_LANGUAGE
    )
    languages = models.JSONField(
        _("languages available"), default=list, validators=[validate_languages],
        help_text=lazy(_languages_help, str)(),
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
            problems = body_problems(list(self.blocks.order_by("position", "id")
                                          .values_list("kind", "level", "numbered")))
            if problems:
                raise ValidationError(sorted({message for _index, message in problems}),
                                      code="body_out_of_order")
        plans = _work_plans()
        if self.body != self.Body.WORK_PLAN and not (
                self.pk and plans.filter(document=self.pk).exists()):
            return
        if self.pk is None or not plans.published().filter(document=self.pk).exists():
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
        plans = _work_plans()
        if not plans.locked().filter(document=self.pk).exists():
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
        plans = _work_plans()
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
        issuing = self.issued and not (self.pk and Document.objects.filter(pk=self.pk,
                                                                             issued=True).exists())
        if issuing:
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
        if issuing:
            for name, message in self.issue_problems().items():
                errors.setdefault(name, message)
        if errors:
            raise ValidationError(errors)
        self.symbol = self.build_symbol()
        # The symbol is not a form field, so the form cannot check its uniqueness itself.
        if Document.objects.filter(symbol=self.symbol).exclude(pk=self.pk).exists():
            raise ValidationError(
                _("A document with the symbol %(symbol)s already exists.") % {"symbol": self.symbol}
            )

    def issue_problems(self):
        """What the document lacks to be issued, {field: message}: its meeting, the date of its
        masthead, its symbol, its title in every language it is issued in (of those the product
        writes), and its agenda item where its meeting has an agenda."""
        if not self.meeting_id:
            return {"meeting": gettext("Choose the meeting the document is issued for.")}
        problems = {}
        if self.submitted_on is None:
            problems["submitted_on"] = gettext("Enter the date printed in the masthead.")
        if not (self.amends_id or (self.number and self.meeting.document_prefix)):
            problems["number"] = gettext(
                "Give the document its symbol: its number, or the document it changes.")
        names = dict(UN_LANGUAGES)
        issued_in = self.languages if isinstance(self.languages, list) else []
        for code in LANGUAGE_CODES:
            field = localized("title", code)
            if code in issued_in and not (getattr(self, field) or "").strip():
                problems[field] = gettext(
                    "Enter the title in %(language)s: the document is issued in it."
                ) % {"language": names[code]}
        if not self.agenda_item_id and self.meeting.agenda_items.exists():
            problems["agenda_item"] = gettext(
                "Choose the agenda item the document is issued under: its meeting has an agenda.")
        return problems

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

    Kind = BlockKind  # meetings/body.py: the kinds, their numbers and their order

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

    FOOTNOTE_MARKER = FOOTNOTE_MARKER
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
def _work_plans():
    """The work plans (an app that builds on this one) whose document this may be."""
    return Document.work_plan.related.related_model.objects


DOCUMENT = RecordKind(Document, locked=lambda prefix: Q(**{f"{prefix}issued": True}) | Q(
    **{f"{prefix}work_plan__in": _work_plans().locked()}), why_locked=why_issued)
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
