"""The forms staff fill in to record (or correct) a pledge, a payment or a reserve movement of
one fund, and to set up a convention's financing (funds, method, scales, contacts).

A contributor is chosen as a state or an organization; the record itself is written by
financing/services.py, which validates it again in full."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from financing.models import (
    Assessment,
    ContributionMethod,
    Contributor,
    Fund,
    Payment,
    Pledge,
    ReserveMovement,
    Scale,
)
from meetings.models import Organization


def state_choices():
    """The states by their names in the language of the page (a callable: evaluated at each
    rendering, not once at import in the language of the process)."""
    return [("", "---------"), *countries]


class ContributorChoice(forms.ModelForm):
    """A state or an organization, exactly one."""

    state = LazyTypedChoiceField(label=_("state"), required=False,
                                 choices=state_choices)
    organization = forms.ModelChoiceField(label=_("organization"), required=False,
                                          queryset=Organization.objects.all())

    def __init__(self, *args, fund, **kwargs):
        kwargs.setdefault("instance", self._meta.model(fund=fund))
        super().__init__(*args, **kwargs)
        self.order_fields(["state", "organization"])
        if self.instance.contributor_id:  # a correction: the row's contributor to start with
            self.initial.setdefault("state", self.instance.contributor.state.code or "")
            self.initial.setdefault("organization", self.instance.contributor.organization_id)

    def chosen(self):
        """The chosen contributor as recorded, or a new one not yet saved."""
        state = self.cleaned_data.get("state") or ""
        organization = self.cleaned_data.get("organization")
        return (Contributor.objects.filter(state=state, organization=organization).first()
                or Contributor(state=state, organization=organization))

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


class RateTyped:
    """The exchange rate of an amount is typed, never assumed: empty to start with, and empty
    for an amount in CHF (the rate 1); financing.models.rate_not_given() refuses an amount in
    another currency without its rate."""

    def typed_rate(self):
        field = self.fields["exchange_rate"]
        field.required = False
        field.initial = None
        field.help_text = _("The rate to CHF used for this amount; empty for an amount in CHF.")
        if not self.instance.pk:
            self.initial.pop("exchange_rate", None)


class PledgeForm(RateTyped, ContributorChoice):
    class Meta:
        model = Pledge
        fields = ["first_year", "last_year", "amount", "currency", "exchange_rate", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_year"].required = False
        self.fields["last_year"].help_text = _("Empty for a pledge of one year.")
        self.typed_rate()

    def _post_clean(self):
        if self.cleaned_data.get("first_year") and not self.cleaned_data.get("last_year"):
            self.cleaned_data["last_year"] = self.cleaned_data["first_year"]
        super()._post_clean()


class SettledChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if isinstance(obj, Pledge):
            years = (str(obj.first_year) if obj.first_year == obj.last_year
                     else f"{obj.first_year}–{obj.last_year}")
            return f"{obj.contributor} · {years} · {obj.currency} {obj.amount:,.2f}"
        return f"{obj.contributor} · {obj.year} · CHF {obj.amount:,.2f}"


class PaymentForm(RateTyped, ContributorChoice):
    """A payment and what it settles: a pledge or an assessment of this fund (the choices are
    the fund's; Payment.clean() refuses another contributor's)."""

    class Meta:
        model = Payment
        fields = ["year", "value_date", "amount", "currency", "exchange_rate", "reference",
                  "pledge", "assessment"]
        widgets = {"value_date": forms.DateInput(attrs={"type": "date"})}
        field_classes = {"pledge": SettledChoice, "assessment": SettledChoice}

    def __init__(self, *args, fund, **kwargs):
        super().__init__(*args, fund=fund, **kwargs)
        related = ["contributor__organization"]
        self.fields["pledge"].queryset = Pledge.objects.filter(fund=fund).select_related(*related)
        self.fields["assessment"].queryset = (Assessment.objects.filter(fund=fund)
                                              .select_related(*related))
        self.fields["pledge"].help_text = _("Optional: the contributor's pledge it pays.")
        self.fields["assessment"].help_text = _("Optional: the contributor's assessment it "
                                                "pays.")
        self.typed_rate()

    def _post_clean(self):
        if self.cleaned_data.get("pledge") or self.cleaned_data.get("assessment"):
            self.instance.contributor = self.chosen()
        super()._post_clean()


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


# -- setting up a convention's financing (financing/setup.py) ---------------------------------

class FundForm(forms.ModelForm):
    class Meta:
        model = Fund
        fields = ["kind", "name_en", "name_zh_hans", "currency", "target_amount",
                  "draws_only_for_cash_flow"]

    def __init__(self, *args, convention, **kwargs):
        kwargs.setdefault("instance", Fund(convention=convention))
        super().__init__(*args, **kwargs)


class MethodForm(forms.ModelForm):
    class Meta:
        model = ContributionMethod
        fields = ["kind", "scale", "floor", "ceiling"]

    def __init__(self, *args, convention, **kwargs):
        kwargs.setdefault("instance", ContributionMethod.objects.filter(
            convention=convention).first() or ContributionMethod(convention=convention))
        super().__init__(*args, **kwargs)
        self.fields["scale"].queryset = Scale.objects.filter(convention=convention)
        self.fields["scale"].help_text = _("Needed for a formula.")


class ScaleForm(forms.ModelForm):
    class Meta:
        model = Scale
        fields = ["source_en", "source_zh_hans", "dated"]
        widgets = {"dated": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, convention, **kwargs):
        kwargs.setdefault("instance", Scale(convention=convention))
        super().__init__(*args, **kwargs)


class PasteForm(forms.Form):
    lines = forms.CharField(label=_("lines"), widget=forms.Textarea(attrs={"rows": 10, "cols": 60}),
                            max_length=200_000)


class ContactForm(forms.Form):
    """A contact of a state or an organization."""

    state = LazyTypedChoiceField(label=_("state"), required=False,
                                 choices=state_choices)
    organization = forms.ModelChoiceField(label=_("organization"), required=False,
                                          queryset=Organization.objects.all())
    name = forms.CharField(label=_("name"), required=False, max_length=200)
    email = forms.EmailField(label=_("e-mail address"))

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("state")) == bool(cleaned.get("organization")):
            raise forms.ValidationError(_("Choose a state or an organization, not both."),
                                        code="contributor")
        return cleaned

    contributor = ContributorChoice.contributor
