from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import DecimalField, Sum
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_countries.fields import LazyTypedChoiceField

from financing.forms import state_choices
from financing.models import ALL_CURRENCIES, CHF, Contributor
from isu.models import StaffRole
from isu.roles import ConventionScopedAdminMixin, convention_ids_with_role
from lib.forms import TranslationMarkerForm, bilingual
from lib.models import TITLE_LENGTH
from lib.money import to_centimes
from meetings.models import Meeting, Organization
from sponsorship import models
from sponsorship.funds import funds_for_rounds, round_funds
from sponsorship.reports import round_report
from sponsorship.services import (
    FundsRefused,
    decide,
    delete_contribution,
    refusal_of,
    refusal_of_call,
    save_application,
    save_contribution,
    save_round,
)

SPONSORSHIP = StaffRole.Role.SPONSORSHIP_STAFF


class SponsorshipAdmin(ConventionScopedAdminMixin, admin.ModelAdmin):
    """Everything of the programme is for its convention's sponsorship staff only."""

    required_role = SPONSORSHIP
    convention_field = "programme__convention"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Every choice of programme, round or meeting is one of the user's conventions.
        scoped = {
            "programme": (models.Programme.objects.all(), "convention"),
            "round": (models.Round.objects.select_related("meeting__convention"),
                      "programme__convention"),
            "earmarked_for": (models.Round.objects.select_related("meeting__convention"),
                              "programme__convention"),
            "meeting": (Meeting.objects.select_related("convention"), "convention"),
        }
        if db_field.name in scoped and not request.user.is_superuser:
            queryset, path = scoped[db_field.name]
            kwargs["queryset"] = queryset.filter(
                **{f"{path}__in": self.convention_ids(request.user)})
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class FundsGuardedAdmin(SponsorshipAdmin):
    """Saves go through `write`, a service of sponsorship/services.py that checks the funds under
    the programme's lock. The form tries that write first, undone, and shows a refusal on the
    form; should the funds change in between, the save is refused all the same, rolled back
    whole, and the reason shown as a message."""

    write = None  # staticmethod(a service of sponsorship/services.py)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        write = self.write

        class FundsCheckedForm(form):
            def _post_clean(self):
                super()._post_clean()
                refusal = None if self.errors else refusal_of(write, self.instance)
                if refusal is None:
                    return
                errors = refusal.error_dict if hasattr(refusal, "error_dict") else {
                    None: refusal.error_list}
                for field, messages_ in errors.items():
                    self.add_error(field if field in self.fields else None, messages_)

        return FundsCheckedForm

    def save_model(self, request, obj, form, change):
        self.write(obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except FundsRefused as refusal:
            for message in refusal.messages:
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


@admin.register(models.Programme)
class ProgrammeAdmin(SponsorshipAdmin):
    form = TranslationMarkerForm
    convention_field = "convention"
    list_display = ["__str__", "administered_by", "governing_body", "coordinator"]
    fields = ["convention", *bilingual("administered_by", "governing_body"), "coordinator",
              "fund_in_the_ledger"]
    readonly_fields = ["fund_in_the_ledger"]  # opened with the programme's first contribution

    @admin.display(description=_("fund"))
    def fund_in_the_ledger(self, programme):
        return str(programme.fund.name) if programme.fund_id else "—"


# The ledger's names of the contribution's fields, as the form shows them.
LEDGER_FIELDS = {"amount": "pledged", "first_year": "year", "round": "earmarked_for"}


class ContributionForm(forms.ModelForm):
    """A donor's contribution as the programme's staff record it; it is written to the
    financing ledger by sponsorship.services.save_contribution, which is tried on the form
    (undone) so that a refusal shows here."""

    programme = forms.ModelChoiceField(label=_("programme"), queryset=models.Programme.objects)
    year = forms.IntegerField(label=_("year"), min_value=1900, max_value=2100)
    state = LazyTypedChoiceField(label=_("donor state"), required=False,
                                 choices=state_choices)
    organization = forms.ModelChoiceField(label=_("donor organization"), required=False,
                                          queryset=Organization.objects.all())
    currency = forms.ChoiceField(label=_("currency"), choices=ALL_CURRENCIES, initial=CHF)
    exchange_rate = forms.DecimalField(label=_("CHF per unit"), required=False, max_digits=12,
                                       decimal_places=6, min_value=Decimal("0.000001"),
                                       help_text=_("Empty for a contribution in CHF."))
    pledged = forms.DecimalField(label=_("pledged"), max_digits=14, decimal_places=2)
    received = forms.DecimalField(label=_("received"), max_digits=14, decimal_places=2,
                                  initial=Decimal(0))
    value_date = forms.DateField(
        label=_("value date"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("When more was received; empty for the year's last day (or today)."))
    earmarked_for = forms.ModelChoiceField(
        label=_("earmarked for the round"), required=False,
        queryset=models.Round.objects.select_related("meeting"),
        help_text=_("Empty: for any round of the year."))
    note = forms.CharField(label=_("note"), required=False, max_length=TITLE_LENGTH)

    class Meta:
        model = models.ProgrammePledge
        fields = []

    user = None  # set by the admin

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        conventions = convention_ids_with_role(self.user, SPONSORSHIP)
        self.fields["programme"].queryset = models.Programme.objects.filter(
            convention__in=conventions)
        self.fields["earmarked_for"].queryset = self.fields["earmarked_for"].queryset.filter(
            programme__convention__in=conventions)
        pledge = self.instance
        if pledge.pk:
            earmark = models.Earmark.objects.filter(pledge=pledge).first()
            self.initial.update({
                "programme": getattr(pledge.fund, "sponsorship_programme", None),
                "year": pledge.first_year, "state": pledge.contributor.state,
                "organization": pledge.contributor.organization, "currency": pledge.currency,
                "exchange_rate": None if pledge.currency == CHF else pledge.exchange_rate,
                "pledged": pledge.amount, "note": pledge.note,
                "received": sum((p.amount for p in pledge.payments.all()), Decimal(0)),
                "earmarked_for": earmark.round if earmark else None})

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("state")) == bool(cleaned.get("organization")) and not (
                self.has_error("state") or self.has_error("organization")):
            raise forms.ValidationError(_("A donor is either a state or an organization."))
        return cleaned

    def write(self):
        """The contribution written through the service; its donor recorded on first use."""
        data = self.cleaned_data
        contributor, _created = Contributor.objects.get_or_create(
            state=data.get("state") or "", organization=data.get("organization"))
        return save_contribution(
            self.user, data["programme"], year=data["year"], contributor=contributor,
            pledged=data["pledged"], received=data["received"], currency=data["currency"],
            exchange_rate=data.get("exchange_rate"), earmarked_for=data.get("earmarked_for"),
            note=data.get("note", ""), value_date=data.get("value_date"),
            pledge=self.instance if self.instance.pk else None)

    def _post_clean(self):
        if self.errors:
            return
        refusal = refusal_of_call(self.write)
        if isinstance(refusal, PermissionDenied):
            self.add_error(None, str(refusal))
        elif refusal is not None:
            errors = refusal.error_dict if hasattr(refusal, "error_dict") else {
                None: refusal.error_list}
            for field, messages_ in errors.items():
                field = LEDGER_FIELDS.get(field, field)
                self.add_error(field if field in self.fields else None, messages_)


@admin.register(models.ProgrammePledge)
class ContributionAdmin(SponsorshipAdmin):
    """Donors' contributions to the programme: pledges on its fund in the financing ledger,
    with what was received and the round they are earmarked for."""

    form = ContributionForm
    convention_field = "fund__convention"
    list_display = ["__str__", "year", "currency", "pledged", "received", "earmarked_for"]
    list_filter = ["fund__convention", "first_year"]
    list_select_related = ["fund__convention", "contributor__organization",
                           "sponsorship_earmark__round__meeting"]
    fields = ["programme", "year", ("state", "organization"), ("currency", "exchange_rate"),
              ("pledged", "received"), "value_date", "earmarked_for", "note"]

    def get_queryset(self, request):
        return (super().get_queryset(request).filter(fund__sponsorship_programme__isnull=False)
                .annotate(received_total=Sum("payments__amount", default=Decimal(0),
                                             output_field=DecimalField(max_digits=14,
                                                                       decimal_places=2))))

    @admin.display(description=_("year"), ordering="first_year")
    def year(self, pledge):
        return pledge.first_year

    @admin.display(description=_("pledged"), ordering="amount")
    def pledged(self, pledge):
        return pledge.amount

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["fields"] = []
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    @admin.display(description=_("received"), ordering="received_total")
    def received(self, pledge):
        return to_centimes(pledge.received_total)

    @admin.display(description=_("earmarked for the round"))
    def earmarked_for(self, pledge):
        earmark = getattr(pledge, "sponsorship_earmark", None)
        return earmark.round if earmark else "—"

    def save_model(self, request, obj, form, change):
        obj.pk = form.write().pk
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        pass  # written whole by save_model

    def delete_model(self, request, obj):
        delete_contribution(request.user, obj.fund.sponsorship_programme, obj)

    def get_deleted_objects(self, objs, request):
        # The contribution goes with its payments and earmark, all checked by the service.
        return [str(obj) for obj in objs], {}, set(), []

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (FundsRefused, ValidationError) as refusal:
            for message in refusal.messages:
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as refusal:
            for message in refusal.messages:
                self.message_user(request, message, messages.ERROR)
            return redirect("admin:sponsorship_programmepledge_change", object_id)

    def get_actions(self, request):
        # Contributions are deleted one by one, each checked against what its rounds committed.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class CriteriaField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class RoundForm(forms.ModelForm):
    criteria = CriteriaField(label=_("selection criteria"), choices=models.Criterion.choices,
                             required=False)

    class Meta:
        model = models.Round
        fields = ["criteria"]  # the admin's own field list completes it


@admin.register(models.Round)
class RoundAdmin(FundsGuardedAdmin):
    form = RoundForm
    list_display = ["__str__", "programme", "application_deadline", "envelope", "closed"]
    list_filter = ["programme", "closed"]
    list_select_related = ["meeting__convention", "programme__convention"]
    fields = ["programme", "meeting", "application_deadline", "envelope", "criteria", "closed"]
    write = staticmethod(save_round)

    def get_list_display(self, request):
        # The funds of the whole page are worked out at once, not round by round.
        funds = {}

        @admin.display(description=_("funds available (CHF)"))
        def funds_available(round_):
            if round_.pk not in funds:
                page = self.get_queryset(request).filter(
                    programme=round_.programme_id, meeting__start_date__year=round_.year)
                funds.update(funds_for_rounds(page.select_related("meeting")))
            return funds[round_.pk].available

        return [*self.list_display, funds_available]

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None:
            context["report"] = round_report(
                models.Round.objects.prefetch_related("applications").get(pk=obj.pk))
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


class ApplicationForm(forms.ModelForm):
    criteria_met = CriteriaField(label=_("criteria met"), choices=models.Criterion.choices,
                                 required=False)

    class Meta:
        model = models.Application
        fields = ["criteria_met"]  # the admin's own field list completes it


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[
        (value, label) for value, label in models.Application.Decision.choices
        if value != models.Application.Decision.PENDING])
    reason = forms.CharField(label=_("Reason"), max_length=500)
    on = forms.DateField(label=_("Decided on"), required=False,
                         widget=forms.DateInput(attrs={"type": "date"}))


@admin.register(models.Application)
class ApplicationAdmin(FundsGuardedAdmin):
    form = ApplicationForm
    convention_field = "round__programme__convention"
    list_display = ["delegate_name", "state", "round", "decision", "taken_up", "cost"]
    list_filter = ["round", "decision", "gender"]
    list_select_related = ["round__meeting__convention"]
    search_fields = ["delegate_name", "ministry"]
    readonly_fields = ["decision", "decision_reason", "decided_on"]
    write = staticmethod(save_application)
    fieldsets = [
        (None, {"fields": ["round", "state", "delegate_name", "function", "ministry", "gender",
                           "first_time", "criteria_met", "justification"]}),
        (_("Decision"), {"fields": ["decision", "decision_reason", "decided_on", "taken_up"]}),
        (_("Costs"), {"fields": ["cost_currency",
                                 ("ticket_estimate", "allowance_estimate", "terminal_estimate"),
                                 ("ticket_actual", "allowance_actual", "terminal_actual")]}),
    ]

    @admin.display(description=_("cost (CHF)"))
    def cost(self, application):
        return application.cost

    def get_urls(self):
        return [path("<int:object_id>/decide/", self.admin_site.admin_view(self.decide_view),
                     name="sponsorship_application_decide"), *super().get_urls()]

    def decide_view(self, request, object_id):
        """The Donors' Group's decision, checked against the round's funds."""
        application = get_object_or_404(self.get_queryset(request), pk=object_id)
        form = DecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                decide(application, form.cleaned_data["decision"], form.cleaned_data["reason"],
                       request.user, form.cleaned_data["on"])
            except (ValidationError, PermissionDenied) as error:
                for message in getattr(error, "messages", [str(error)]):
                    form.add_error(None, message)
            else:
                self.message_user(request, _("The decision is recorded."), messages.SUCCESS)
                return redirect("admin:sponsorship_application_change", application.pk)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                   "title": _("Decision on %(application)s") % {"application": application},
                   "object": application, "form": form,
                   "funds": round_funds(application.round)}
        return TemplateResponse(request, "admin/sponsorship/application/decide.html", context)
