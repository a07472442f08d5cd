"""Financing records in the admin, for superusers and reference data; the ISU's staff record
pledges, payments and reserve movements through financing/services.py."""

from django.contrib import admin

from financing import models


class SuperusersOnly:
    """Only a superuser sees and changes these records here."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    has_change_permission = has_delete_permission = has_view_permission

    def has_add_permission(self, request, *args):
        return request.user.is_active and request.user.is_superuser


@admin.register(models.Fund)
class FundAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["name", "convention", "kind", "currency", "target_amount"]
    list_filter = ["convention", "kind"]


@admin.register(models.Contributor)
class ContributorAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["__str__", "state", "organization"]


@admin.register(models.Pledge)
class PledgeAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["contributor", "fund", "first_year", "last_year", "amount", "currency"]
    list_filter = ["fund__convention", "fund"]
    list_select_related = ["contributor__organization", "fund__convention"]


@admin.register(models.Payment)
class PaymentAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["contributor", "fund", "year", "value_date", "amount", "currency",
                    "amount_chf", "reference"]
    list_filter = ["fund__convention", "fund", "year"]
    list_select_related = ["contributor__organization", "fund__convention"]
    readonly_fields = ["amount_chf"]


@admin.register(models.ReserveMovement)
class ReserveMovementAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["fund", "date", "kind", "amount", "purpose"]
    list_filter = ["fund", "kind"]
    list_select_related = ["fund__convention"]


class ScaleShareInline(SuperusersOnly, admin.TabularInline):
    model = models.ScaleShare
    extra = 0


@admin.register(models.Scale)
class ScaleAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["source", "convention", "dated"]
    inlines = [ScaleShareInline]


@admin.register(models.ContributionMethod)
class ContributionMethodAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["convention", "kind", "scale", "floor", "ceiling"]


@admin.register(models.Assessment)
class AssessmentAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["contributor", "fund", "year", "amount"]
    list_filter = ["fund__convention", "fund", "year"]
    list_select_related = ["contributor__organization", "fund__convention"]
