from django import forms
from django.db.models import Max
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from isu.models import Convention
from isu.roles import may_edit
from lib.models import YEAR_VALIDATORS
from lib.translated_fields import LANGUAGE_CODES, localized
from meetings.forms import LanguagesField
from meetings.models import Document, Meeting
from workplans.models import WorkPlan
from workplans.services import NewDocument
from workplans.structure import latest_plan
from workplans.workflow import STEPS


class WorkflowForm(forms.Form):
    step = forms.ChoiceField(choices=[(name, step.label) for name, step in STEPS.items()]
                             + [("Corr", _("Start a correction (Corr.)")),
                                ("Rev", _("Start a revision (Rev.)"))])
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))
    meeting = forms.ModelChoiceField(label=_("Adopted at"), required=False,
                                     queryset=Meeting.objects.none())
    on = forms.DateField(label=_("Adopted on"), required=False,
                         widget=forms.DateInput(attrs={"type": "date"}))
    # Offered with the adoption to a user who may also publish (workflow.publishes_at_once).
    publish = forms.BooleanField(label=_("and publish it at once"), required=False)

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            convention=plan.convention_id).select_related("convention")
        # The meeting the plan's document is for adopts it, as a rule; adoption is never dated
        # after today (workplans/services.py refuses it too).
        if plan.document_id:
            self.fields["meeting"].initial = plan.document.meeting_id
        self.fields["on"].widget.attrs["max"] = timezone.localdate().isoformat()


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


class MeetingChoiceField(forms.ModelChoiceField):
    """A meeting, shown with the prefix of its documents' symbols."""

    def label_from_instance(self, meeting):
        prefix = meeting.document_prefix
        return f"{meeting} ({prefix}/…)" if prefix else str(meeting)


class NewPlanForm(forms.Form):
    """A new plan of one of the conventions whose plans the user writes (isu.roles.may_edit),
    and its official document, for workplans.services.start_plan(). With no meeting chosen the
    document is left out. The form starts with what the user most likely wants: their
    convention, the period after its latest plan, its latest meeting and that meeting's next
    number, its ISU host as the document's sender, the site's languages."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        conventions = Convention.objects.filter(
            pk__in=[pk for pk in Convention.objects.for_user(user).values_list("pk", flat=True)
                    if may_edit(user, pk)])
        self.fields["convention"] = forms.ModelChoiceField(
            label=_label(WorkPlan, "convention"), queryset=conventions)
        for name in ("start_year", "end_year"):
            self.fields[name] = forms.IntegerField(
                label=_label(WorkPlan, name), min_value=YEAR_VALIDATORS[0].limit_value,
                max_value=YEAR_VALIDATORS[1].limit_value)
        self._texts("title", WorkPlan, "title")
        self.fields["meeting"] = MeetingChoiceField(
            label=_label(Document, "meeting"), required=False,
            queryset=Meeting.objects.filter(convention__in=conventions)
            .select_related("convention").order_by("convention__code", "-start_date"),
            empty_label=_("No document yet."),
            help_text=_("Left empty, the document is recorded later: the plan lists it as "
                        "missing."))
        self.fields["number"] = forms.IntegerField(label=_label(Document, "number"),
                                                   required=False, min_value=1)
        self.fields["submitted_on"] = forms.DateField(
            label=_label(Document, "submitted_on"), required=False,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        # Left empty, they are the convention's ISU host and the plan's title (start_plan).
        self._texts("submitted_by", Document, "submitted_by")
        self._texts("document_title", Document, "title")
        self.fields["languages"] = LanguagesField(required=False)
        next_year = timezone.localdate().year + 1
        start = {"start_year": next_year, "end_year": next_year, "languages": LANGUAGE_CODES}
        if conventions.count() == 1:
            start |= self._start_of(conventions.get())
        self.initial = start | self.initial

    def _texts(self, name, model, field):
        """A text field in each language, as long as the model's field."""
        length = model._meta.get_field(localized(field, LANGUAGE_CODES[0])).max_length
        for code in LANGUAGE_CODES:
            self.fields[localized(name, code)] = forms.CharField(
                label=_label(model, field), required=False, max_length=length)

    def _start_of(self, convention):
        """What a plan of the convention most likely starts with."""
        initial = {"convention": convention.pk,
                   **{localized("submitted_by", code): getattr(
                       convention, localized("isu_host", code)) for code in LANGUAGE_CODES}}
        latest = latest_plan(convention.pk)
        if latest is not None:
            start = latest.end_year + 1
            initial |= {"start_year": start, "end_year": start + latest.end_year
                        - latest.start_year}
        meeting = convention.meetings.order_by("-start_date").first()
        if meeting is not None:
            taken = meeting.documents.aggregate(last=Max("number"))["last"] or 0
            initial |= {"meeting": meeting.pk, "number": taken + 1}
        return initial

    def texts(self, name):
        return {code: self.cleaned_data.get(localized(name, code)) or ""
                for code in LANGUAGE_CODES}

    def clean(self):
        data = super().clean()
        if data.get("meeting") is None and data.get("number") and "meeting" not in self.errors:
            self.add_error("meeting", _("Choose the meeting the document is issued for."))
        return data

    def arguments(self):
        """The keyword arguments of start_plan() (but the user) from the valid form."""
        data = self.cleaned_data
        document = None
        if data["meeting"] is not None:
            document = NewDocument(
                meeting=data["meeting"], number=data["number"],
                submitted_on=data["submitted_on"], languages=data["languages"],
                submitted_by=self.texts("submitted_by"), title=self.texts("document_title"))
        return {"convention": data["convention"], "start_year": data["start_year"],
                "end_year": data["end_year"], "title": self.texts("title"),
                "document": document}

    def refuse(self, error):
        """Show start_plan()'s ValidationError on the fields it names."""
        for name, messages in error.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)

    def symbol_prefix(self):
        """The prefix of the symbol the document will get, from the meeting chosen: it is
        followed by the document's number. "" without a meeting, or for one without a
        standard symbol."""
        meeting = str(self["meeting"].value() or "")
        found = (self.fields["meeting"].queryset.filter(pk=meeting).first()
                 if meeting.isdigit() else None)
        return f"{found.document_prefix}/" if found and found.document_prefix else ""
