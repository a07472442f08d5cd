from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken, get_digest_token, get_expiry
from knox.settings import CONSTANTS, knox_settings

from isu.auth import is_verified
from isu.invitations import invite_page
from isu.models import Action, ActionPlan, Convention, Participation, StaffRole
from isu.roles import ConventionScopedAdminMixin, RoleInlineMixin
from lib.forms import StaffLoginForm, TranslationMarkerForm, bilingual

admin.site.site_header = _("ISU work plans")
admin.site.site_title = _("ISU work plans")
admin.site.index_title = _("Implementation Support Units")
admin.site.login_form = StaffLoginForm


@admin.register(Convention)
class ConventionAdmin(admin.ModelAdmin):
    form = TranslationMarkerForm
    list_display = ["code", "short_name", "isu_host", "document_series"]
    fields = ["code", *bilingual("name", "short_name", "isu_host"), "document_series",
              *bilingual("endorsing_body", "adopting_body", "masthead_name")]


@admin.register(Participation)
class ParticipationAdmin(ConventionScopedAdminMixin, admin.ModelAdmin):
    list_display = ["country", "convention", "signed_on", "joined_on", "instrument"]
    list_filter = ["convention", "instrument"]
    search_fields = ["country"]


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    """A role given or removed here opens or closes the sign-in (isu/staff.py); new staff are
    invited from the "Invite a staff member" page."""

    list_display = ["user", "convention", "role"]
    list_filter = ["convention", "role"]

    def get_urls(self):
        invite = self.admin_site.admin_view(partial(invite_page, self))
        return [path("invite/", invite, name="isu_staffrole_invite"), *super().get_urls()]


class ActionInline(RoleInlineMixin, admin.TabularInline):
    model = Action
    form = TranslationMarkerForm
    fields = ["position", "number", *bilingual("text")]
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(ConventionScopedAdminMixin, admin.ModelAdmin):
    form = TranslationMarkerForm
    list_display = ["name", "convention", "start_year", "end_year"]
    fields = ["convention", *bilingual("name"), "start_year", "end_year"]
    inlines = [ActionInline]


# Personal API tokens (django-rest-knox): stored as hashes. A user whose session is verified
# with an authenticator code creates their own, shown once; each user sees and revokes
# (deletes) their own, a superuser anyone's.
admin.site.unregister(AuthToken)


class NewTokenForm(forms.ModelForm):
    """Nothing to fill in: the token is the user's own, with the standard lifetime."""

    class Meta:
        model = AuthToken
        fields = []


@admin.register(AuthToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = NewTokenForm
    list_display = ["token_key", "user", "created", "expiry"]

    def get_readonly_fields(self, request, obj=None):
        return ["token_key", "user", "created", "expiry"] if obj else []

    def get_queryset(self, request):
        tokens = super().get_queryset(request).select_related("user")
        return tokens if request.user.is_superuser else tokens.filter(user=request.user)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (
            obj is None or obj.user_id == request.user.pk or request.user.is_superuser)

    has_delete_permission = has_view_permission

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return self.has_module_permission(request) and is_verified(request.user)

    def save_model(self, request, obj, form, change):
        obj.digest, token = get_digest_token()
        obj.token_key = token[:CONSTANTS.TOKEN_KEY_LENGTH]
        obj.user, obj.expiry = request.user, get_expiry(knox_settings.TOKEN_TTL)
        obj.save()
        messages.warning(request, _("Your new API token, shown only this once: %(token)s — send "
                                    "it as the header “Authorization: Token …”.") % {"token": token})

    def response_add(self, request, obj, post_url_continue=None):
        return HttpResponseRedirect(reverse("admin:knox_authtoken_changelist"))


class UserAdmin(DjangoUserAdmin):
    """Staff status is not ticked by hand: it follows the user's staff roles (isu/staff.py),
    and a superuser always has it."""

    readonly_fields = ["is_staff", "last_login", "date_joined"]


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), UserAdmin)
