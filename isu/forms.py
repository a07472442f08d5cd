"""The forms that bring staff in: the invitation of new staff members and the password reset."""

import unicodedata

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from isu import staff
from isu.models import Convention, StaffRole


def _same_address(first, second):
    def normal(text):
        return unicodedata.normalize("NFKC", text).casefold()

    return normal(first) == normal(second)


class InviteeForm(forms.Form):
    """One person to invite: their name, e-mail address (also their user name), convention and
    role."""

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
        for field in self.fields.values():  # the page shows them in a table under their labels
            field.widget.attrs["aria-label"] = capfirst(field.label)

    def clean_first_name(self):
        return self._name("first_name")

    def clean_last_name(self):
        return self._name("last_name")

    def _name(self, field):
        problem = staff.name_problem(self.cleaned_data[field])
        if problem:
            raise forms.ValidationError(problem)
        return self.cleaned_data[field]

    def clean_email(self):
        email = get_user_model().objects.normalize_email(self.cleaned_data["email"])
        get_user_model()._meta.get_field("username").run_validators(email)
        return email


class BaseInviteeFormSet(forms.BaseFormSet):
    """The people invited at once, one row each; rows left empty are ignored, the first is
    required. An address that a user already has, or that another row gives, is refused on its
    row (isu.staff.address_problems)."""

    def clean(self):
        filled = [form for form in self.forms
                  if form.has_changed() and form.cleaned_data.get("email")]
        problems = staff.address_problems([form.cleaned_data["email"] for form in filled])
        for place, problem in problems.items():
            filled[place].add_error("email", problem)

    def people(self):
        """The filled rows' cleaned data, for isu.staff.invite_many."""
        return [form.cleaned_data for form in self.forms if form.has_changed()]

    def with_more_rows(self, count=3):
        """The same rows as submitted, followed by `count` empty ones."""
        data = self.data.copy()
        data[f"{self.prefix}-TOTAL_FORMS"] = str(min(self.total_form_count() + count,
                                                     self.absolute_max))
        return type(self)(data, prefix=self.prefix)


# At most MOST_INVITEES people in one invitation; a posted count above it is refused.
MOST_INVITEES = 30
InviteeFormSet = forms.formset_factory(InviteeForm, formset=BaseInviteeFormSet, extra=2,
                                       min_num=1, max_num=MOST_INVITEES,
                                       absolute_max=MOST_INVITEES, validate_max=True)


class InvitationForm(forms.Form):
    """The language of the invitations, the inviter's by default."""

    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language()


class StaffPasswordResetForm(auth_forms.PasswordResetForm):
    """Django's, for everyone who may sign in (staff and superusers), including someone invited
    who has not chosen a password yet. It answers the same whether or not the address is known."""

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(
            Q(is_staff=True) | Q(is_superuser=True), email__iexact=email, is_active=True)
        return (user for user in users if _same_address(email, user.email))
