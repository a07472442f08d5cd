"""Work plans: summary, narrative chapters, results framework and the APMBC matrix.

Numbers (chapter I., paragraph 12, activity 1.2.3) are never stored: they follow from
the order of the rows, so reordering, adding or deleting renumbers everything.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from isu.models import Action, Convention
from lib.models import (
    TITLE_LENGTH,
    YEAR_VALIDATORS,
    OrderedText,
    OrderedTitle,
    exactly_one_parent,
    long_text,
    position_field,
)
from lib.records import RecordKind
from lib.translated_fields import require_text_in_one_language
from lib.validators import PrintableText
from meetings.models import Document, Meeting
from workplans.workflow import EDITABLE, LOCKED, Status, status_label


class WorkPlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=WorkPlan.Status.PUBLISHED)

    def locked(self):
        """Plans under review, adopted or published: their rows and document change no more."""
        return self.filter(status__in=LOCKED)

    def latest_versions(self):
        """The newest version of each convention's plan for each period."""
        newer = WorkPlan.objects.filter(
            convention=models.OuterRef("convention"), start_year=models.OuterRef("start_year"),
            end_year=models.OuterRef("end_year"), version__gt=models.OuterRef("version"),
            status=WorkPlan.Status.PUBLISHED,
        )
        return self.exclude(models.Exists(newer))

    def covering(self, year):
        return self.filter(start_year__lte=year, end_year__gte=year)

    def visible_to(self, user):
        """Published plans for everyone; drafts only to the staff of their convention."""
        visible = Q(status=WorkPlan.Status.PUBLISHED)
        if user.is_authenticated:
            visible |= Q(convention__in=Convention.objects.for_user(user))
        return self.filter(visible)

    def editable_by(self, user):
        return self.filter(convention__in=Convention.objects.for_user(user))


class WorkPlan(PrintableText, models.Model):
    Status = Status  # the publication workflow of workplans/workflow.py

    convention = models.ForeignKey(
        Convention, on_delete=models.PROTECT, related_name="work_plans",
        verbose_name=_("convention"),
    )
    start_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    main_objective = long_text(_("main objective"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    document = models.OneToOneField(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="work_plan",
        verbose_name=_("official document"), limit_choices_to={"body": Document.Body.WORK_PLAN},
        help_text=_("The document under whose symbol the plan is issued."),
    )
    version = models.PositiveSmallIntegerField(
        _("version"), default=1, editable=False,
        help_text=_("1 for the plan as first adopted; each Corr. or Rev. adds one."),
    )
    revises = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="revisions",
        verbose_name=_("revises"), editable=False,
    )
    adopted_at = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="adopted_plans",
        verbose_name=_("adopted at"), editable=False,
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True, editable=False)
    cloned_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="clones",
        verbose_name=_("cloned from"), editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = WorkPlanQuerySet.as_manager()

    class Meta:
        ordering = ["convention", "-start_year", "end_year"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="work_plan_period_not_reversed",
                violation_error_message=_("The last year cannot come before the first year."),
            ),
            models.UniqueConstraint(
                fields=["convention", "start_year", "end_year", "version"],
                name="one_work_plan_version_per_convention_and_period",
                violation_error_message=_(
                    "This convention already has a work plan for this period."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.convention} {self.period}"

    # What the workflow changes on a locked plan; everything else of it is frozen.
    WORKFLOW_FIELDS = frozenset({"status", "adopted_at", "adopted_on", "updated_at"})

    def save(self, *args, **kwargs):
        problem = self._document_problem()
        if problem:
            raise ValidationError({"document": problem}, code="document")
        if self.pk is not None:
            stored = WorkPlan.objects.filter(pk=self.pk).first()
            if stored is not None and stored.is_locked and any(
                getattr(stored, f.attname) != getattr(self, f.attname)
                for f in self._meta.concrete_fields if f.name not in self.WORKFLOW_FIELDS
            ):
                raise ValidationError(why_locked(stored), code="locked")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_locked:
            raise ValidationError(why_locked(self), code="locked")
        return super().delete(*args, **kwargs)

    def get_status_display(self):
        """The status in the words of the plan's convention: "Endorsed by the Coordinating
        Committee"."""
        return status_label(self.status, self.convention)

    @property
    def period_slug(self):
        """The period in addresses: 2018, 2025-2029."""
        return self.period.replace("–", "-")

    @property
    def is_locked(self):
        """Only drafts change; a plan under review or published is locked."""
        return self.status not in EDITABLE

    @property
    def period(self) -> str:
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"

    def _document_problem(self):
        """A Corr. or Rev. of a document belongs to the correction or revision of the plan
        issued under it (started from that plan's Workflow page), and to no other plan."""
        if not self.document_id:
            return None
        amended = self.document.amends_id
        if amended is None:
            return None
        chain, document = set(), self.revises.document if self.revises_id else None
        while document is not None:
            chain.add(document.pk)
            document = document.amends
        if amended not in chain:
            return _("A corrigendum or revision of a document belongs to the correction or "
                     "revision of its plan, started from that plan's Workflow page.")
        return None

    def clean(self):
        require_text_in_one_language(self, "title")
        problem = self._document_problem()
        if problem:
            raise ValidationError({"document": problem})
        if self.document_id:
            document = self.document
            if document.body != Document.Body.WORK_PLAN:
                raise ValidationError({"document": _("This document is not a work plan.")})
            if self.convention_id and document.meeting.convention_id != self.convention_id:
                raise ValidationError(
                    {"document": _("Choose a document of this plan's convention.")}
                )


class SummaryItem(OrderedText):
    """A bullet of the summary: a specific objective or an expected result."""

    class Kind(models.TextChoices):
        SPECIFIC_OBJECTIVE = "specific_objective", _("Specific objective")
        EXPECTED_RESULT = "expected_result", _("Expected result")

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="summary_items",
        verbose_name=_("work plan"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["kind", "position", "id"]
        verbose_name = _("summary item")
        verbose_name_plural = _("summary items")


class Chapter(OrderedTitle):
    class Kind(models.TextChoices):
        NARRATIVE = "narrative", _("Narrative")
        RESULTS_FRAMEWORK = "results_framework", _("Results framework")
        ASSUMPTIONS = "assumptions", _("Assumptions")
        BUDGET = "budget", _("Budget")

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="chapters", verbose_name=_("work plan")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NARRATIVE)
    numbered = models.BooleanField(_("numbered"), default=True)

    class Meta(OrderedTitle.Meta):
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")


class Section(OrderedTitle):
    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, related_name="sections", verbose_name=_("chapter")
    )
    lettered = models.BooleanField(_("lettered (A., B.…)"), default=True)

    class Meta(OrderedTitle.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")


class Paragraph(OrderedText):
    """A paragraph, numbered consecutively through the whole document unless unnumbered."""

    class SubparagraphStyle(models.TextChoices):
        LETTERS = "letters", _("(a), (b)…")
        BULLETS = "bullets", _("Bullets")

    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, null=True, blank=True, related_name="paragraphs",
        verbose_name=_("chapter"),
    )
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, null=True, blank=True, related_name="paragraphs",
        verbose_name=_("section"),
    )
    numbered = models.BooleanField(_("numbered"), default=True)
    bullet = models.BooleanField(
        _("bullet"), default=False,
        help_text=_("Printed with a bullet instead of a number, as the notes under a budget "
                    "table are."),
    )
    subparagraph_style = models.CharField(
        _("sub-paragraph style"), max_length=10, choices=SubparagraphStyle.choices,
        default=SubparagraphStyle.LETTERS,
    )

    class Meta(OrderedText.Meta):
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        constraints = [
            exactly_one_parent(
                "paragraph_in_chapter_or_section", "chapter", "section",
                _("A paragraph belongs either directly to a chapter or to one of its sections."),
            ),
            models.CheckConstraint(
                condition=Q(bullet=False) | Q(numbered=False), name="a_bullet_is_not_numbered",
                violation_error_message=_("A paragraph printed with a bullet has no number: "
                                          "untick “numbered”."),
            ),
        ]


class SubParagraph(OrderedText):
    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, related_name="subparagraphs",
        verbose_name=_("paragraph"),
    )

    class Meta(OrderedText.Meta):
        verbose_name = _("sub-paragraph")
        verbose_name_plural = _("sub-paragraphs")


class ThematicArea(OrderedTitle):
    """A row of the APMBC matrix: activities | outputs | outcomes | impact."""

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="thematic_areas",
        verbose_name=_("work plan"),
    )

    class Meta(OrderedTitle.Meta):
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")


class Impact(OrderedText):
    thematic_area = models.ForeignKey(
        ThematicArea, on_delete=models.CASCADE, related_name="impacts",
        verbose_name=_("thematic area"),
    )
    text = long_text(_("impact"))

    class Meta(OrderedText.Meta):
        verbose_name = _("impact statement")
        verbose_name_plural = _("impact statements")


class Outcome(OrderedText):
    """Numbered 1, 2… in the results framework, or a statement of a thematic area."""

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, null=True, blank=True, related_name="outcomes",
        verbose_name=_("work plan"),
    )
    thematic_area = models.ForeignKey(
        ThematicArea, on_delete=models.CASCADE, null=True, blank=True, related_name="outcomes",
        verbose_name=_("thematic area"),
    )
    text = long_text(_("outcome"))
    actions = models.ManyToManyField(
        Action, blank=True, related_name="outcomes", verbose_name=_("action-plan actions cited")
    )

    class Meta(OrderedText.Meta):
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            exactly_one_parent(
                "outcome_in_plan_or_thematic_area", "plan", "thematic_area",
                _("An outcome belongs either to the results framework or to a thematic area."),
            )
        ]


class Output(OrderedText):
    outcome = models.ForeignKey(
        Outcome, on_delete=models.CASCADE, null=True, blank=True, related_name="outputs",
        verbose_name=_("outcome"),
    )
    thematic_area = models.ForeignKey(
        ThematicArea, on_delete=models.CASCADE, null=True, blank=True, related_name="outputs",
        verbose_name=_("thematic area"),
    )
    text = long_text(_("output"))

    class Meta(OrderedText.Meta):
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        constraints = [
            exactly_one_parent(
                "output_under_outcome_or_thematic_area", "outcome", "thematic_area",
                _("An output belongs either to an outcome or to a thematic area."),
            )
        ]


class Activity(OrderedText):
    output = models.ForeignKey(
        Output, on_delete=models.CASCADE, null=True, blank=True, related_name="activities",
        verbose_name=_("output"),
    )
    thematic_area = models.ForeignKey(
        ThematicArea, on_delete=models.CASCADE, null=True, blank=True, related_name="activities",
        verbose_name=_("thematic area"),
    )
    text = long_text(_("activity"))
    actions = models.ManyToManyField(
        Action, blank=True, related_name="activities", verbose_name=_("action-plan actions cited")
    )

    class Meta(OrderedText.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            exactly_one_parent(
                "activity_under_output_or_thematic_area", "output", "thematic_area",
                _("An activity belongs to an output (or, in the matrix, to a thematic area)."),
            )
        ]


class Indicator(PrintableText, models.Model):
    """A measure of an outcome or output: 'up to 60 committee meetings'."""

    class Qualifier(models.TextChoices):
        EXACTLY = "exactly", _("exactly")
        UP_TO = "up_to", _("up to")
        AT_LEAST = "at_least", _("at least")

    class Counts(models.TextChoices):
        # What the ISU records and the plan counts, within the plan's years, as progress.
        NOTHING = "", _("Nothing: progress is reported by hand")
        COMMITTEE_MEETINGS = "committee_meetings", _("Committee meetings supported")
        MISSIONS = "missions", _("Missions of the ISU")
        WORKSHOPS = "workshops", _("Workshops of the ISU")

    outcome = models.ForeignKey(
        Outcome, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators",
        verbose_name=_("outcome"),
    )
    output = models.ForeignKey(
        Output, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators",
        verbose_name=_("output"),
    )
    position = position_field()
    description = models.CharField(_("indicator"), max_length=TITLE_LENGTH)
    unit = models.CharField(_("unit"), max_length=100, help_text=_("For example: committee meetings."))
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    qualifier = models.CharField(
        _("target qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACTLY
    )
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    original_target = models.DecimalField(
        _("original target"), max_digits=12, decimal_places=2, editable=False,
        help_text=_("The target as first set; kept when the target is revised."),
    )
    revision_reason = models.CharField(_("reason for revising the target"), max_length=500, blank=True)
    counts = models.CharField(
        _("progress counted from"), max_length=20, choices=Counts.choices, blank=True,
        help_text=_("Records of the convention that count towards the target, so far."),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            exactly_one_parent(
                "indicator_measures_outcome_or_output", "outcome", "output",
                _("An indicator measures either an outcome or an output."),
            )
        ]

    def __str__(self):
        return self.description

    def save(self, *args, **kwargs):
        # The first target is the baseline of accountability: it never changes afterwards.
        if self.original_target is None:
            self.original_target = self.target
        super().save(*args, **kwargs)

    def progress_text(self):
        """'up to 60 committee meetings — 37 so far' once actuals are attached (see progress.py)."""
        target = _("%(qualifier)s %(target)s %(unit)s") % {
            "qualifier": self.get_qualifier_display() if self.qualifier != self.Qualifier.EXACTLY
            else "", "target": f"{self.target.normalize():f}", "unit": self.unit,
        }
        actual = getattr(self, "actual", None)
        if actual is None:
            return target.strip()
        return _("%(target)s — %(actual)d so far") % {"target": target.strip(), "actual": actual}

    @property
    def is_revised(self):
        return self.original_target is not None and self.target != self.original_target

    def clean(self):
        require_text_in_one_language(self, "description", "unit")
        if self.pk and self.target is not None and self.original_target is not None:
            if self.target != self.original_target and not self.revision_reason.strip():
                raise ValidationError(
                    {"revision_reason": _("Say why the target was revised.")}
                )


class Transition(models.Model):
    """A step of the workflow taken on a plan: who, when, why."""

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("work plan")
    )
    step = models.CharField(_("step"), max_length=20)
    from_status = models.CharField(_("status before"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("status after"), max_length=20, choices=Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_transitions",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self):
        return f"{self.plan}: {self.from_status} → {self.to_status}"

    # The statuses in the words of the plan's convention.
    def get_from_status_display(self):
        return status_label(self.from_status, self.plan.convention)

    def get_to_status_display(self):
        return status_label(self.to_status, self.plan.convention)


class Waiver(models.Model):
    """Something a plan lacks (workplans/completeness.py), let through the workflow knowingly by
    the head of the ISU, with the reason written down. Its step in the plan's workflow record
    is `transition`."""

    class What(models.TextChoices):
        BUDGET = "budget", _("Budget")
        RESULTS_FRAMEWORK = "results_framework", _("Results framework")
        DOCUMENT = "document", _("official document")
        LANGUAGE = "language", _("Translation")
        SUBMISSION_DATE = "submission_date", _("date of submission")

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="waivers", verbose_name=_("work plan")
    )
    what = models.CharField(_("what is missing"), max_length=20, choices=What.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_waivers",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    transition = models.OneToOneField(
        Transition, on_delete=models.CASCADE, related_name="waiver",
        verbose_name=_("workflow step"),
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("waiver")
        verbose_name_plural = _("waivers")
        constraints = [
            models.UniqueConstraint(fields=["plan", "what"], name="one_waiver_per_plan_and_item",
                                    violation_error_message=_("This is already waived.")),
        ]

    def __str__(self):
        return f"{self.plan}: {self.get_what_display()}"


def why_locked(plan):
    return _(
        "%(plan)s is “%(status)s”: only a draft work plan can be changed. A published plan is "
        "changed by starting a correction or revision."
    ) % {"plan": plan, "status": plan.get_status_display()}


# A work plan and its rows: rows never move to another plan, and a locked plan keeps its rows.
# The rows and their paths up to the plan are declared by workplans/tree.py, which describes
# the shape of a plan.
PLAN = RecordKind(WorkPlan, locked=lambda prefix: Q(**{f"{prefix}status__in": LOCKED}),
                  why_locked=why_locked)
