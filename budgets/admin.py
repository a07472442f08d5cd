from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from budgets import models
from budgets.presentation import budget_overview
from isu.roles import (
    ConventionScopedAdminMixin,
    RoleInlineMixin,
    SharedRecordsAdminMixin,
    convention_ids_for,
)
from lib.forms import COMPACT_TEXT, OptimisticLockForm, TranslationMarkerForm, bilingual
from workplans.models import WorkPlan


def _posted_links(formset, link):
    """{row pk: linked pk} as posted, over what is saved, for the rows of this formset."""
    links = {}
    for form in formset.forms:
        data = form.cleaned_data if hasattr(form, "cleaned_data") else {}
        if not data or data.get("DELETE") or form.instance.pk is None:
            continue
        target = data.get(link)
        links[form.instance.pk] = target.pk if target else None
    return links


def _has_cycle(links, saved):
    """Whether following the links (posted first, then saved) ever comes back to a row."""
    for start in links:
        seen, current = set(), start
        while current is not None:
            if current in seen:
                return True
            seen.add(current)
            current = links[current] if current in links else saved.get(current)
    return False


class BudgetRowsFormSet(forms.BaseInlineFormSet):
    """Refuses links that loop (a subtotal within itself, a line derived from itself)."""

    link = None
    message = None

    def clean(self):
        super().clean()
        saved = dict(self.model.objects.filter(budget=self.instance.pk)
                     .values_list("pk", f"{self.link}_id")) if self.instance.pk else {}
        if _has_cycle(_posted_links(self, self.link), saved):
            raise ValidationError(self.message)


class GroupFormSet(BudgetRowsFormSet):
    link = "parent"
    message = _("A subtotal cannot contain itself.")


class LineFormSet(BudgetRowsFormSet):
    link = "rule_base"
    message = _("A line cannot be derived from itself.")


class BudgetInline(RoleInlineMixin, admin.TabularInline):
    form = TranslationMarkerForm
    extra = 0
    formfield_overrides = COMPACT_TEXT

    def get_formset(self, request, obj=None, **kwargs):
        # Subtotals and rule lines are chosen among the rows of the budget being edited (`obj`,
        # None on a new budget).
        formset = super().get_formset(request, obj, **kwargs)
        budget = obj.pk if obj else None
        own_rows = {"parent": models.Group.objects.filter(budget=budget),
                    "group": models.Group.objects.filter(budget=budget),
                    "rule_base": models.Line.objects.filter(budget=budget)
                    .select_related("category")}
        for name, field in formset.form.base_fields.items():
            if name in own_rows:
                field.queryset = own_rows[name]
        return formset


class GroupInline(BudgetInline):
    model = models.Group
    formset = GroupFormSet
    fk_name = "budget"
    fields = ["position", *bilingual("title"), "parent"]


class LineInline(BudgetInline):
    model = models.Line
    formset = LineFormSet
    fk_name = "budget"
    fields = ["position", "category", *bilingual("label"), "group", "amount", "rule_rate",
              "rule_base", "actual", *bilingual("note")]


class StaffPositionInline(BudgetInline):
    model = models.StaffPosition
    fields = ["position", *bilingual("title"), "fte"]


class TravelInline(BudgetInline):
    model = models.TravelPurpose
    fields = ["position", *bilingual("title"), "at_least", "missions"]


class InKindInline(BudgetInline):
    model = models.InKindSupport
    fields = ["position", *bilingual("title", "provider", "description"), "value"]


@admin.register(models.Budget)
class BudgetAdmin(ConventionScopedAdminMixin, admin.ModelAdmin):
    form = OptimisticLockForm
    convention_field = "plan__convention"
    list_display = ["__str__", "plan", "year", "source"]
    list_filter = ["plan__convention", "year"]
    list_select_related = ["plan__convention"]
    fields = ["plan", "year", "layout", *bilingual("source"), "edited_version"]
    inlines = [GroupInline, LineInline, StaffPositionInline, TravelInline, InKindInline]

    def has_change_permission(self, request, obj=None):
        # The budget of a plan under review or published is locked with its plan.
        return super().has_change_permission(request, obj) and not (obj and obj.plan.is_locked)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.plan.is_locked)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "plan":
            plans = WorkPlan.objects.filter(status=WorkPlan.Status.DRAFT).select_related(
                "convention")
            if not request.user.is_superuser:
                plans = plans.filter(convention__in=convention_ids_for(request.user))
            kwargs["queryset"] = plans
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and obj.pk:
            context["overview"] = budget_overview(obj.pk)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


@admin.register(models.Category)
class CategoryAdmin(SharedRecordsAdminMixin, admin.ModelAdmin):
    form = TranslationMarkerForm
    list_display = ["title", "code", "position"]
    fields = ["code", "position", *bilingual("title")]


class BalanceInline(RoleInlineMixin, admin.TabularInline):
    model = models.ReserveBalance
    extra = 0
    fields = ["on_date", "balance"]


@admin.register(models.ReserveFund)
class ReserveFundAdmin(ConventionScopedAdminMixin, admin.ModelAdmin):
    form = TranslationMarkerForm
    list_display = ["name", "convention", "target_kind", "target_amount", "target_years"]
    fields = ["convention", *bilingual("name"), "target_kind", "target_amount", "target_years",
              *bilingual("decided_by")]
    inlines = [BalanceInline]


@admin.register(models.ForeignFunding)
class ForeignFundingAdmin(ConventionScopedAdminMixin, admin.ModelAdmin):
    form = TranslationMarkerForm
    list_display = ["source", "convention", "currency", "amount", "exchange_rate", "rate_date"]
    fields = ["convention", *bilingual("source"), ("currency", "amount"),
              ("start_year", "end_year"), ("exchange_rate", "rate_date")]
