"""The forms staff fill in to record a pledge, a payment or a reserve movement of one fund.

A contributor is chosen as a state or an organization; the record itself is written by
financing/services.py, which validates it again in full."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from financing.models import Contributor, Payment, Pledge, ReserveMovement
from meetings.models import Organization


class ContributorChoice(forms.ModelForm):
    """A state or an organization, exactly one."""

    state = LazyTypedChoiceField(label=_("state"), required=False,
                                 choices=[("", "---------"), *countries])
    organization = forms.ModelChoiceField(label=_("organization"), required=False,
                                          queryset=Organization.objects.all())

    def __init__(self, *args, fund, **kwargs):
        kwargs.setdefault("instance", self._meta.model(fund=fund))
        super().__init__(*args, **kwargs)
        self.order_fields(["state", "organization"])

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("state")) == bool(cleaned.get("organization")) and not (
                self.has_error("state") or self.has_error("organization")):
            raise forms.ValidationError(_("Choose a state or an organization, not both."),
                                        code="contributor")
        return cleaned

    def contributor(self):
        """The chosen contributor, recorded on first use."""
        state = self.cleaned_data.get("state") or ""
        organization = self.cleaned_data.get("organization")
        found, _created = Contributor.objects.get_or_create(
            state=state, organization=organization)
        return found


class PledgeForm(ContributorChoice):
    class Meta:
        model = Pledge
        fields = ["first_year", "last_year", "amount", "currency", "exchange_rate", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_year"].required = False
        self.fields["last_year"].help_text = _("Empty for a pledge of one year.")

    def _post_clean(self):
        if self.cleaned_data.get("first_year") and not self.cleaned_data.get("last_year"):
            self.cleaned_data["last_year"] = self.cleaned_data["first_year"]
        super()._post_clean()


class PaymentForm(ContributorChoice):
    class Meta:
        model = Payment
        fields = ["year", "value_date", "amount", "currency", "exchange_rate", "reference"]
        widgets = {"value_date": forms.DateInput(attrs={"type": "date"})}


class ReserveMovementForm(forms.ModelForm):
    class Meta:
        model = ReserveMovement
        fields = ["date", "kind", "amount", "purpose", "reason_en", "reason_zh_hans"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, fund, **kwargs):
        kwargs.setdefault("instance", ReserveMovement(fund=fund))
        super().__init__(*args, **kwargs)

    def contributor(self):
        return None


FORMS = {"pledge": PledgeForm, "payment": PaymentForm, "movement": ReserveMovementForm}
