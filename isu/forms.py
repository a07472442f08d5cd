"""The forms that bring staff in: the invitation of a new staff member and the password reset."""

import unicodedata

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from isu.models import Convention, StaffRole


def _same_address(first, second):
    def normal(text):
        return unicodedata.normalize("NFKC", text).casefold()

    return normal(first) == normal(second)


class InviteStaffForm(forms.Form):
    """A new staff member: their name, e-mail address (also their user name), convention and
    role, and the language of their invitation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user_field = get_user_model()._meta.get_field
        role_field = StaffRole._meta.get_field
        self.fields["first_name"] = user_field("first_name").formfield(required=True)
        self.fields["last_name"] = user_field("last_name").formfield(required=True)
        self.fields["email"] = user_field("email").formfield(required=True)
        self.fields["convention"] = role_field("convention").formfield(
            queryset=Convention.objects.all())
        self.fields["role"] = role_field("role").formfield()
        self.fields["language"] = forms.ChoiceField(
            label=_("Language"), choices=settings.LANGUAGES, initial=translation.get_language())

    def clean_email(self):
        email = get_user_model().objects.normalize_email(self.cleaned_data["email"])
        get_user_model()._meta.get_field("username").run_validators(email)
        User = get_user_model()
        if User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists():
            raise forms.ValidationError(
                _("A user with this e-mail address already exists: give them the role under "
                  "Staff roles."), code="exists")
        return email


class StaffPasswordResetForm(auth_forms.PasswordResetForm):
    """Django's, for everyone who may sign in (staff and superusers), including someone invited
    who has not chosen a password yet. It answers the same whether or not the address is known."""

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(
            Q(is_staff=True) | Q(is_superuser=True), email__iexact=email, is_active=True)
        return (user for user in users if _same_address(email, user.email))
