from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from isu.forms import StaffLoginForm, TranslationMarkerForm
from isu.models import Action, ActionPlan, Convention, Participation, StaffRole
from isu.roles import ConventionScopedAdminMixin, RoleInlineMixin

admin.site.site_header = _("ISU work plans")
admin.site.site_title = _("ISU work plans")
admin.site.index_title = _("Implementation Support Units")
admin.site.login_form = StaffLoginForm


@admin.register(Convention)
class ConventionAdmin(admin.ModelAdmin):
    form = TranslationMarkerForm
    list_display = ["code", "short_name", "isu_host", "document_series"]
    fields = [
        "code", "name_zh_hans", "name_en", "short_name_zh_hans", "short_name_en",
        "isu_host_zh_hans", "isu_host_en", "document_series", "meeting_style",
    ]


@admin.register(Participation)
class ParticipationAdmin(ConventionScopedAdminMixin, admin.ModelAdmin):
    list_display = ["country", "convention", "signed_on", "joined_on", "instrument"]
    list_filter = ["convention", "instrument"]
    search_fields = ["country"]


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "convention", "role"]
    list_filter = ["convention", "role"]


class ActionInline(RoleInlineMixin, admin.TabularInline):
    model = Action
    form = TranslationMarkerForm
    fields = ["position", "number", "text_zh_hans", "text_en"]
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(ConventionScopedAdminMixin, admin.ModelAdmin):
    form = TranslationMarkerForm
    list_display = ["name", "convention", "start_year", "end_year"]
    fields = ["convention", "name_zh_hans", "name_en", "start_year", "end_year"]
    inlines = [ActionInline]
