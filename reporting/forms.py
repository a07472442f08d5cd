"""The forms of a progress update and of an indicator's value, bound to one plan: its years,
and the records of its convention as evidence (any other record is refused)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from lib.editing import RowForm
from lib.forms import bilingual
from lib.periods import LAST, Period, PeriodKind, current_quarter
from meetings.models import CommitteeMeeting, Document, IsuActivity, Meeting
from reporting.models import IndicatorValue, ProgressUpdate
from reporting.versions import version_of

NOT_THE_CONVENTIONS = _("Choose records of this plan's convention.")


def _day(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


class EvidenceField(forms.ModelMultipleChoiceField):
    """Records of the plan's convention, ticked; any other id posted is refused."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, queryset, label_of, **kwargs):
        self.label_of = label_of
        super().__init__(queryset, required=False, **kwargs)
        self.error_messages["invalid_choice"] = NOT_THE_CONVENTIONS
        self.error_messages["invalid_pk_value"] = NOT_THE_CONVENTIONS

    def label_from_instance(self, obj):
        return self.label_of(obj)


def meeting_label(meeting):
    return f"{meeting.name} · {_day(meeting.start_date)}"


def committee_meeting_label(meeting):
    return f"{meeting.committee} · {_day(meeting.held_on)}"


def isu_activity_label(activity):
    where = f" · {activity.country.name}" if activity.country else ""
    return f"{activity.get_kind_display()} · {_day(activity.starts_on)}{where}"


def document_label(document):
    return f"{document.symbol} · {document.title}"[:120]


def evidence_fields(convention_id):
    """{field name: (queryset, label)} of the records an update of the convention may cite,
    newest first: its meetings, its committees' meetings, its missions and workshops, and its
    issued documents."""
    return {
        "meetings": (Meeting.objects.filter(convention=convention_id).order_by("-start_date"),
                     meeting_label),
        "committee_meetings": (CommitteeMeeting.objects.of_convention(convention_id)
                               .select_related("committee").order_by("-held_on", "id"),
                               committee_meeting_label),
        "isu_activities": (IsuActivity.objects.of_convention(convention_id)
                           .order_by("-starts_on", "id"), isu_activity_label),
        "documents": (Document.objects.filter(meeting__convention=convention_id, issued=True)
                      .order_by("-meeting__start_date", "symbol"), document_label),
    }


class PeriodFields:
    """The period a row covers, chosen within the plan's years."""

    def set_up_period(self, plan):
        years = range(plan.start_year, plan.end_year + 1)
        self.fields["year"].widget = forms.Select(choices=[(year, year) for year in years])
        self.fields["period_number"].widget = forms.NumberInput(
            attrs={"min": 1, "max": LAST[PeriodKind.MONTH], "size": 3})


def period_initial(period):
    return {"year": period.year, "period_kind": period.kind, "period_number": period.number}


def _form_field(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class ProgressForm(PeriodFields, RowForm):
    """A progress update of one result of `plan`."""

    class Meta:
        model = ProgressUpdate
        formfield_callback = _form_field
        fields = ["status", "year", "period_kind", "period_number", *bilingual("account"),
                  *ProgressUpdate.EVIDENCE, "evidence_url", "evidence_note"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.set_up_period(plan)
        for name, (queryset, label_of) in evidence_fields(plan.convention_id).items():
            model_field = ProgressUpdate._meta.get_field(name)
            self.fields[name] = EvidenceField(queryset, label_of,
                                              label=model_field.verbose_name.capitalize())

    def current_version(self):
        return version_of(self.instance)


class IndicatorValueForm(PeriodFields, RowForm):
    """A value of one indicator of `plan`."""

    class Meta:
        model = IndicatorValue
        fields = ["year", "period_kind", "period_number", "value", *bilingual("source")]
        widgets = {"value": forms.TextInput(attrs={"inputmode": "decimal", "size": 12,
                                                   "autocomplete": "off"})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.set_up_period(plan)

    def clean_value(self):
        value = self.cleaned_data.get("value")
        if value is not None and value < 0:
            raise ValidationError(_("A value cannot be negative."), code="negative")
        return value

    def current_version(self):
        return version_of(self.instance)


def opened_period(plan, today=None):
    """The period a plan's progress page opens on: the current quarter, or the nearest quarter
    within the plan's years."""
    quarter = current_quarter() if today is None else Period(
        today.year, PeriodKind.QUARTER, (today.month - 1) // 3 + 1)
    if quarter.year > plan.end_year:
        return Period(plan.end_year, PeriodKind.QUARTER, 4)
    if quarter.year < plan.start_year:
        return Period(plan.start_year, PeriodKind.QUARTER, 1)
    return quarter


def evidence_labels(update):
    """[(kind of record, [labels])] of an update's evidence, read from what was prefetched with
    it (ProgressUpdate.objects.with_evidence()); kinds without a record are left out."""
    labels = {"meetings": meeting_label, "committee_meetings": committee_meeting_label,
              "isu_activities": isu_activity_label, "documents": lambda doc: doc.symbol}
    found = []
    for name in ProgressUpdate.EVIDENCE:
        records = list(getattr(update, name).all())
        if records:
            found.append((ProgressUpdate._meta.get_field(name).verbose_name,
                          [labels[name](record) for record in records]))
    return found
