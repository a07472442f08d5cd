"""What the ISU did against an adopted work plan, period by period.

- `ProgressUpdate`: the progress of one result of a plan (an activity, an output or an outcome;
  the activities, outputs and outcomes of the APMBC matrix's thematic areas are the same rows)
  over one month or quarter: its status, a short account in each language, the records that
  show it (meetings, committee meetings, missions and workshops, documents) or an address, and
  who wrote it. There is one update per result and period: a correction changes it, and its
  history keeps every earlier version with its evidence (reporting/history.py).
- `IndicatorValue`: the value an indicator reached in one period, with its source. Indicators
  that count the ISU's records are counted from them (workplans/progress.py); the others are
  entered, and their source is then required.
- `ProgressPublication`: a published plan's progress overview (reporting/overview.py) shown on
  the public site, with the figures up to the end of the quarter it was published as of
  (written by reporting/publishing.py only).
- `AnnualReport` and `GeneratedBlock`: the ISU's yearly report drafted as an official document
  from these records, and what each of its blocks said when it was generated, so that a new
  draft never overwrites what a person edited unless asked (reporting/report.py).

Both are written through reporting/services.py only, which checks the user's convention, the
plan's status, ownership, the period and conflicts. The querysets read them by plan, period and
result: `ProgressUpdate.objects.for_plan(plan).in_period(period).latest_per_row()`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Sum, When
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lib.models import long_text
from lib.periods import Periodic, PeriodKind, period_constraints
from lib.translated_fields import LANGUAGE_CODES, localized, require_text_in_one_language
from lib.validators import PrintableText
from meetings.models import CommitteeMeeting, Document, IsuActivity, Meeting
from workplans.models import PLAN, Activity, Indicator, Outcome, Output, WorkPlan

ACCOUNT_LENGTH = 2000
SOURCE_LENGTH = 500

# The results of a plan that take progress updates, by the name of their field on an update.
RESULTS = {"activity": Activity, "output": Output, "outcome": Outcome}


ONE_RESULT = _("A progress update is about one activity, one output or one outcome.")


def exactly_one_of(name, fields, message):
    """A check that a row names exactly one of several rows (each field a nullable key)."""
    condition = Q()
    for chosen in fields:
        one = Q(**{f"{chosen}__isnull": False})
        for other in fields:
            if other != chosen:
                one &= Q(**{f"{other}__isnull": True})
        condition |= one
    return models.CheckConstraint(condition=condition, name=name,
                                  violation_error_message=message)


def plan_of(row):
    """The work plan a result or indicator belongs to, reached through the parents fetched with
    it (select_related them to spare the queries); None for a row that hangs from nothing."""
    for path in PLAN.paths[type(row)]:
        target = row
        for step in path.split("__"):
            if getattr(target, type(target)._meta.get_field(step).attname) is None:
                break
            target = getattr(target, step)
        else:
            return target
    return None


def plan_paths(prefix, model):
    """The paths from a row that names a `model` in its field `prefix` up to the plan."""
    return [f"{prefix}__{path}" for path in PLAN.paths[model]]


def _plan_condition(paths, plans):
    """Rows reaching one of `plans` (ids or plans) through any of `paths`."""
    ids = [getattr(plan, "pk", plan) for plan in plans]
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{path}__in": ids})
    return condition


# The first and last month a row's period covers, in the database: a month covers itself, a
# quarter its three months.
FIRST_MONTH = Case(When(period_kind=PeriodKind.MONTH, then=F("period_number")),
                   default=F("period_number") * 3 - 2, output_field=IntegerField())
LAST_MONTH = Case(When(period_kind=PeriodKind.MONTH, then=F("period_number")),
                  default=F("period_number") * 3, output_field=IntegerField())
# Newest period first; of a month and the quarter it ends, the month (the narrower) first.
NEWEST_FIRST = [F("year").desc(), LAST_MONTH.desc(), FIRST_MONTH.desc(), F("updated_at").desc(),
                F("id").desc()]


class PeriodQuerySet(models.QuerySet):
    """Rows that cover a month or a quarter (lib.periods.Periodic)."""

    def of_period(self, period):
        """The rows of exactly this period."""
        return self.filter(year=period.year, period_kind=period.kind,
                           period_number=period.number)

    def in_period(self, period):
        """The rows whose period overlaps `period`: for a quarter, the quarter and its months;
        for a month, the month and its quarter."""
        return (self.filter(year=period.year)
                .alias(first_month=FIRST_MONTH, last_month=LAST_MONTH)
                .filter(first_month__lte=period.last_month, last_month__gte=period.first_month))

    def in_years(self, first_year, last_year):
        return self.filter(year__gte=first_year, year__lte=last_year)

    def through(self, period):
        """The rows of periods that end by the end of `period`: what was done up to then."""
        return (self.alias(last_month=LAST_MONTH)
                .filter(Q(year__lt=period.year)
                        | Q(year=period.year, last_month__lte=period.last_month)))

    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)


class ProgressUpdateQuerySet(PeriodQuerySet):
    def for_plan(self, plan):
        """The updates of a plan's results (a plan or its id)."""
        return self.for_plans([plan])

    def for_plans(self, plans):
        return self.filter(_plan_condition(
            [path for field, model in RESULTS.items() for path in plan_paths(field, model)],
            plans))

    def of_result(self, row):
        """The updates of one activity, output or outcome."""
        return self.filter(**{result_field(row): row})

    def latest_per_row(self):
        """Each result's latest update: the one of its newest period. Filter first (by plan,
        by period), then take the latest: the filters apply before the choice."""
        return self.annotate(row_rank=models.Window(
            RowNumber(), partition_by=[F(f"{field}_id") for field in RESULTS],
            order_by=NEWEST_FIRST)).filter(row_rank=1)

    def with_evidence(self):
        """With its author and evidence, in a fixed number of queries."""
        return self.select_related("author").prefetch_related(
            "meetings", "committee_meetings__committee", "isu_activities", "documents")


def result_field(row):
    """The field of an update that names this result: "activity", "output" or "outcome"."""
    for field, model in RESULTS.items():
        if isinstance(row, model):
            return field
    raise TypeError(f"{row!r} takes no progress update")


def http_address(value):
    URLValidator(schemes=["http", "https"])(value)


class ProgressUpdate(PrintableText, Periodic):
    """The progress of one activity, output or outcome of an adopted plan over one period."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")
        ONGOING = "ongoing", _("Ongoing")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, null=True, blank=True,
        related_name="progress_updates", verbose_name=_("activity"))
    output = models.ForeignKey(
        Output, on_delete=models.PROTECT, null=True, blank=True,
        related_name="progress_updates", verbose_name=_("output"))
    outcome = models.ForeignKey(
        Outcome, on_delete=models.PROTECT, null=True, blank=True,
        related_name="progress_updates", verbose_name=_("outcome"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    account = long_text(_("account"), blank=True, max_length=ACCOUNT_LENGTH)
    meetings = models.ManyToManyField(
        Meeting, blank=True, related_name="progress_updates", verbose_name=_("meetings"))
    committee_meetings = models.ManyToManyField(
        CommitteeMeeting, blank=True, related_name="progress_updates",
        verbose_name=_("committee meetings"))
    isu_activities = models.ManyToManyField(
        IsuActivity, blank=True, related_name="progress_updates",
        verbose_name=_("missions and workshops"))
    documents = models.ManyToManyField(
        Document, blank=True, related_name="progress_updates",
        verbose_name=_("official documents"))
    evidence_url = models.URLField(
        _("address of the evidence"), max_length=500, blank=True, validators=[http_address],
        help_text=_("A publication or page that shows the work, where no record does."))
    evidence_note = models.CharField(_("note on the evidence"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_updates",
        verbose_name=_("written by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ProgressUpdateQuerySet.as_manager()

    EVIDENCE = ("meetings", "committee_meetings", "isu_activities", "documents")

    class Meta:
        ordering = ["-year", "-period_number", "-id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [
            exactly_one_of("progress_update_of_one_result", list(RESULTS), ONE_RESULT),
            *period_constraints("progress_update"),
            *[models.UniqueConstraint(
                fields=[field, "year", "period_kind", "period_number"],
                name=f"one_progress_update_per_{field}_and_period",
                violation_error_message=message)
              for field, message in [
                  ("activity", _("This activity already has an update for this period: "
                                 "correct that one.")),
                  ("output", _("This output already has an update for this period: correct "
                               "that one.")),
                  ("outcome", _("This outcome already has an update for this period: correct "
                                "that one."))]],
        ]

    def __str__(self):
        return f"{self.result} · {self.period}"

    @property
    def result(self):
        """The activity, output or outcome the update is about."""
        for field in RESULTS:
            if getattr(self, f"{field}_id") is not None:
                return getattr(self, field)
        return None

    @property
    def result_kind(self):
        return next((field for field in RESULTS if getattr(self, f"{field}_id") is not None),
                    None)

    def clean(self):
        named = [field for field in RESULTS if getattr(self, f"{field}_id") is not None]
        if len(named) != 1:
            raise ValidationError(ONE_RESULT)
        require_text_in_one_language(self, "account")
        plan = plan_of(self.result)
        if plan is not None:
            self.clean_period(plan.start_year, plan.end_year)


class IndicatorValueQuerySet(PeriodQuerySet):
    def for_plan(self, plan):
        return self.for_plans([plan])

    def for_plans(self, plans):
        return self.filter(_plan_condition(plan_paths("indicator", Indicator), plans))

    def latest_per_indicator(self):
        """Each indicator's value of its newest period (filter first, then take the latest)."""
        return self.annotate(row_rank=models.Window(
            RowNumber(), partition_by=[F("indicator_id")], order_by=NEWEST_FIRST)
        ).filter(row_rank=1)

    def totals(self):
        """{indicator id: the sum of its values} over these rows."""
        return dict(self.order_by().values("indicator").annotate(total=Sum("value"))
                    .values_list("indicator", "total"))


class IndicatorValue(PrintableText, Periodic):
    """What an indicator reached in one period, in its unit, and where the figure comes from."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="recorded_values",
        verbose_name=_("indicator"))
    value = models.DecimalField(
        _("value"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)],
        help_text=_("What the period achieved, in the indicator's unit."))
    source = models.CharField(
        _("source"), max_length=SOURCE_LENGTH, blank=True,
        help_text=_("Where the figure comes from. Required where the indicator is not counted "
                    "from the ISU's records."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="indicator_values",
        verbose_name=_("written by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-period_number", "-id"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            *period_constraints("indicator_value"),
            models.CheckConstraint(
                condition=Q(value__gte=0), name="indicator_value_not_negative",
                violation_error_message=_("A value cannot be negative.")),
            models.UniqueConstraint(
                fields=["indicator", "year", "period_kind", "period_number"],
                name="one_indicator_value_per_period",
                violation_error_message=_("This indicator already has a value for this period: "
                                          "correct that one.")),
        ]

    def __str__(self):
        return f"{self.indicator} · {self.period}: {self.value.normalize():f}"

    def clean(self):
        if self.indicator_id is None:
            return
        indicator = self.indicator
        if not indicator.counts and not any(
                (getattr(self, localized("source", code)) or "").strip()
                for code in LANGUAGE_CODES):
            message = gettext("Say where the figure comes from, in Chinese or in English: this "
                              "indicator is not counted from the ISU's records.")
            raise ValidationError({localized("source", code): message
                                   for code in LANGUAGE_CODES})
        plan = plan_of(indicator)
        if plan is not None:
            self.clean_period(plan.start_year, plan.end_year)


class ProgressPublication(Periodic):
    """A published plan's progress overview on the public site, next to the plan: the figures
    up to the end of its period (a quarter; the fourth for the whole year), so that what is
    recorded for later periods shows only once the overview is published again as of a later
    quarter. Removing the row takes the overview off the public site."""

    plan = models.OneToOneField(
        WorkPlan, on_delete=models.PROTECT, related_name="progress_publication",
        verbose_name=_("work plan"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_publications",
        verbose_name=_("published by"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)

    class Meta:
        verbose_name = _("published progress overview")
        verbose_name_plural = _("published progress overviews")
        constraints = [*period_constraints("progress_publication")]

    def __str__(self):
        return f"{self.plan} · {self.period}"


class AnnualReport(models.Model):
    """The ISU's report of one year on its activities, functioning and finances: an official
    narrative document drafted from the year's records (reporting/report.py), one per
    convention and year. Its staff polish it in the document editor; it is issued as any
    document."""

    convention = models.ForeignKey(
        "isu.Convention", on_delete=models.PROTECT, related_name="annual_reports",
        verbose_name=_("convention"))
    year = models.PositiveSmallIntegerField(_("year"))
    plan = models.ForeignKey(
        WorkPlan, on_delete=models.PROTECT, related_name="annual_reports",
        verbose_name=_("work plan"), help_text=_("The plan the report was last drafted from."))
    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, related_name="annual_report",
        verbose_name=_("official document"))
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="annual_reports",
        verbose_name=_("last drafted by"))
    drafted_at = models.DateTimeField(_("last drafted"), auto_now=True)

    class Meta:
        ordering = ["convention", "-year"]
        verbose_name = _("annual report of the ISU")
        verbose_name_plural = _("annual reports of the ISU")
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "year"], name="one_annual_report_per_convention_and_year",
                violation_error_message=_("The ISU's report of this year is already drafted.")),
        ]

    def __str__(self):
        return f"{self.convention} {self.year} · {self.document}"


class GeneratedBlock(models.Model):
    """A block of an annual report as it was last generated: which part of the report it is
    (`key`: "summary", "activity-12"…) and a digest of the text generated for it, so that a
    new draft can tell a block left as generated (updated) from one a person edited (kept
    unless they ask). The block is None once a person deleted it."""

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="generated_blocks",
        verbose_name=_("annual report"))
    block = models.ForeignKey(
        "meetings.Block", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("body block"))
    key = models.CharField(_("part of the report"), max_length=80)
    digest = models.CharField(_("digest of the generated text"), max_length=64)

    class Meta:
        ordering = ["report", "id"]
        verbose_name = _("generated block")
        verbose_name_plural = _("generated blocks")
        constraints = [
            models.UniqueConstraint(fields=["report", "key"],
                                    name="one_generated_block_per_report_and_key"),
        ]

    def __str__(self):
        return f"{self.report} · {self.key}"
