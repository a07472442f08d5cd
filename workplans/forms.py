from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
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

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            convention=plan.convention_id).select_related("convention")
        # The meeting the plan's document is for adopts it, as a rule; adoption is never dated
        # after today (workplans/services.py refuses it too).
        if plan.document_id:
            self.fields["meeting"].initial = plan.document.meeting_id
        self.fields["on"].widget.attrs["max"] = timezone.localdate().isoformat()
