from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from isu.admin import ConventionAdmin
from isu.models import Convention
from isu.roles import (
    ConventionScopedAdminMixin,
    EditorsAdminMixin,
    RoleInlineMixin,
    SharedRecordsAdminMixin,
    convention_ids_for,
)
from lib.forms import COMPACT_TEXT, TranslationMarkerForm, bilingual
from meetings import models, symbols
from meetings.forms import LanguagesField
from meetings.pdfs import PdfError, store_all


def _locked(document):
    return models.Document.objects.filter(models.DOCUMENT.locked(""), pk=document.pk).exists()


def _of_users_conventions(queryset, path, request):
    """Choices limited to the conventions of the user's roles (all of them for a superuser)."""
    if request.user.is_superuser:
        return queryset
    return queryset.filter(**{f"{path}__in": convention_ids_for(request.user)})


class ScopedInline(RoleInlineMixin):
    form = TranslationMarkerForm
    extra = 0
    formfield_overrides = COMPACT_TEXT


class AgendaItemFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            key = (form.cleaned_data.get("parent"), form.cleaned_data.get("number"))
            if key in seen:
                raise ValidationError(
                    _("Two agenda items have the same number under the same item.")
                )
            seen.add(key)


class AgendaItemInline(ScopedInline, admin.TabularInline):
    model = models.AgendaItem
    formset = AgendaItemFormSet
    fk_name = "meeting"
    fields = ["parent", "number", *bilingual("title")]

    def get_formset(self, request, obj=None, **kwargs):
        # An item hangs under an item of the same meeting (`obj`, None on a new meeting).
        formset = super().get_formset(request, obj, **kwargs)
        if "parent" in formset.form.base_fields:
            formset.form.base_fields["parent"].queryset = models.AgendaItem.objects.filter(
                meeting=obj.pk if obj else None
            ).select_related("parent__parent")
        return formset


@admin.register(models.Meeting)
class MeetingAdmin(ConventionScopedAdminMixin, admin.ModelAdmin):
    form = TranslationMarkerForm
    list_display = ["name", "convention", "start_date", "end_date", "venue", "document_prefix"]
    list_filter = ["convention", "kind"]
    list_select_related = ["convention"]
    date_hierarchy = "start_date"
    search_fields = bilingual("venue")
    fields = ["convention", "kind", ("ordinal", "conference_ordinal"), ("start_date", "end_date"),
              *bilingual("venue"), "presidency", "symbol_prefix"]
    inlines = [AgendaItemInline]

    @admin.display(description=_("name"))
    def name(self, meeting):
        return meeting.name

    @admin.display(description=_("symbol prefix"))
    def document_prefix(self, meeting):
        return meeting.document_prefix or "—"


@admin.register(models.MeetingPattern)
class MeetingPatternAdmin(EditorsAdminMixin, ConventionScopedAdminMixin, admin.ModelAdmin):
    """How the convention names its meetings of each kind and numbers their documents."""

    form = TranslationMarkerForm
    list_display = ["convention", "kind", "name", "symbol_prefix", "numbered"]
    list_filter = ["convention", "kind"]
    list_select_related = ["convention"]
    fields = ["convention", "kind", *bilingual("name"), "symbol_prefix", "numbered"]

    def has_delete_permission(self, request, obj=None):
        # A pattern that issued documents print stays.
        return super().has_delete_permission(request, obj) and not (
            obj is not None and obj._frozen_error(deleting=True))


class MeetingPatternFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        # A pattern that issued documents print stays.
        for form in self.forms:
            if form.instance.pk and self._should_delete_form(form):
                problem = form.instance._frozen_error(deleting=True)
                if problem:
                    raise ValidationError(problem)


class MeetingPatternInline(admin.TabularInline):
    """The convention's patterns, one row per kind of meeting."""

    model = models.MeetingPattern
    formset = MeetingPatternFormSet
    form = TranslationMarkerForm
    fields = ["kind", *bilingual("name"), "symbol_prefix", "numbered"]
    extra = 1


# A new convention is set up on its own page, with the patterns of its meetings.
admin.site.unregister(Convention)


@admin.register(Convention)
class ConventionWithPatternsAdmin(ConventionAdmin):
    inlines = [*ConventionAdmin.inlines, MeetingPatternInline]


class MembershipInline(ScopedInline, admin.TabularInline):
    model = models.CommitteeMembership
    fields = ["state", "organization", "role", "starts_on", "ends_on"]


class CommitteeMeetingInline(ScopedInline, admin.TabularInline):
    model = models.CommitteeMeeting
    fields = ["held_on", "supported_by_isu", *bilingual("record")]


@admin.register(models.Committee)
class CommitteeAdmin(ConventionScopedAdminMixin, admin.ModelAdmin):
    form = TranslationMarkerForm
    list_display = ["name", "convention", "kind"]
    list_filter = ["convention", "kind"]
    fields = ["convention", "kind", "position", *bilingual("name")]
    inlines = [MembershipInline, CommitteeMeetingInline]


@admin.register(models.Organization)
class OrganizationAdmin(SharedRecordsAdminMixin, admin.ModelAdmin):
    form = TranslationMarkerForm
    list_display = ["acronym", "name"]
    fields = ["acronym", *bilingual("name")]
    search_fields = ["acronym", *bilingual("name")]


@admin.register(models.IsuActivity)
class IsuActivityAdmin(ConventionScopedAdminMixin, admin.ModelAdmin):
    form = TranslationMarkerForm
    formfield_overrides = COMPACT_TEXT
    list_display = ["__str__", "convention", "country", "starts_on", "ends_on"]
    list_filter = ["convention", "kind"]
    date_hierarchy = "starts_on"
    fields = ["convention", "kind", ("starts_on", "ends_on"), "country", *bilingual("description")]


class DocumentForm(TranslationMarkerForm):
    typed_symbol = forms.CharField(
        label=_("Symbol"), required=False, max_length=80,
        help_text=_("Type the whole symbol (CCM/MSP/2017/4, CCM/MSP/2017/4/Corr.1) or fill in "
                    "its parts below."),
    )
    languages = LanguagesField()

    class Meta:
        model = models.Document
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["typed_symbol"].initial = self.instance.symbol

    def clean(self):
        data = super().clean()
        typed = (data.get("typed_symbol") or "").strip()
        if not typed or typed == self.instance.symbol:
            return data
        try:
            symbol = symbols.parse(typed)
        except symbols.SymbolError:
            raise ValidationError({"typed_symbol": _(
                "%(symbol)s is not a UN document symbol. Write it as CCM/MSP/2017/4, "
                "CCM/MSP/2017/WP.3 or CCM/MSP/2017/4/Corr.1."
            ) % {"symbol": typed}}) from None
        meeting = data.get("meeting")
        if meeting is not None and symbol.prefix != meeting.document_prefix:
            raise ValidationError({"typed_symbol": _(
                "The documents of %(meeting)s are numbered %(prefix)s/…, not %(typed)s/…."
            ) % {"meeting": meeting.name, "prefix": meeting.document_prefix or "—",
                 "typed": symbol.prefix}})
        if symbol.changed is None:
            data.update(component=symbol.component, number=symbol.number, amends=None,
                        change="", change_number=None)
        else:
            kind, number = symbol.suffixes[-1]
            changed = models.Document.objects.filter(symbol=str(symbol.changed)).first()
            if changed is None:
                raise ValidationError({"typed_symbol": _(
                    "There is no document %(symbol)s for this %(change)s to change: record it "
                    "first."
                ) % {"symbol": symbol.changed,
                     "change": models.Document.Change(kind).label.lower()}})
            data.update(component="", number=None, amends=changed, change=kind,
                        change_number=number)
        for field in ("component", "number", "amends", "change", "change_number"):
            setattr(self.instance, field, data[field])
        return data

    @property
    def issues_the_document(self):
        """Whether this form issues a document that was not issued."""
        return bool(self.cleaned_data.get("issued")) and "issued" in self.changed_data


@admin.register(models.Document)
class DocumentAdmin(EditorsAdminMixin, ConventionScopedAdminMixin, admin.ModelAdmin):
    """The document's own fields: its symbol, masthead and issue. Its body (blocks, footnotes,
    masthead footnotes) is edited in the staff workspace (/workspace/documents/<id>/): this page
    has no row forms, so a POST naming rows changes none of them."""

    form = DocumentForm
    convention_field = "meeting__convention"
    formfield_overrides = COMPACT_TEXT
    list_display = ["symbol", "title", "meeting", "submitted_on", "body"]
    list_filter = ["meeting__convention", "body", "distribution"]
    list_select_related = ["meeting__convention"]
    search_fields = ["symbol", *bilingual("title")]
    fieldsets = [
        (None, {"fields": ["meeting", "typed_symbol", ("component", "number"),
                           ("amends", "change", "change_number"), "agenda_item"]}),
        (_("Masthead"), {"fields": [*bilingual("title", "subtitle", "submitted_by"),
                                    "submitted_on", "job_number", "distribution",
                                    "original_language", "languages", "body"]}),
        (_("Issue"), {"fields": ["issued"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        stored_body = (models.Document.objects.filter(pk=obj.pk).values_list("body", flat=True)
                       .first() if obj is not None else None)
        if stored_body == models.Document.Body.WORK_PLAN:
            fields.append("issued")  # issued by the publication of its plan, on its Workflow page
        return fields

    def save_model(self, request, obj, form, change):
        # A document issued by this POST is issued once the rest of it is saved: an issued
        # document takes no more changes.
        if form.issues_the_document:
            obj.issued = False
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.issues_the_document:
            form.instance.issued = True
            form.instance.save()
            # Its PDFs are stored now, from what is issued, and served as they are.
            try:
                store_all(form.instance)
            except PdfError as error:
                self.message_user(request, str(error), messages.WARNING)

    def has_change_permission(self, request, obj=None):
        # An issued document never changes: a change is issued as its Corr. or Rev.; the
        # document of a plan under review or adopted is what was reviewed.
        return super().has_change_permission(request, obj) and not (obj and _locked(obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and _locked(obj))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scoped = {
            "meeting": (models.Meeting.objects.select_related("convention"), "convention"),
            "agenda_item": (models.AgendaItem.objects.select_related(
                "meeting__convention", "parent__parent"), "meeting__convention"),
            "amends": (models.Document.objects.all(), "meeting__convention"),
        }
        if db_field.name in scoped:
            queryset, path = scoped[db_field.name]
            kwargs["queryset"] = _of_users_conventions(queryset, path, request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
