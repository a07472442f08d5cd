from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from lib.translated_fields import (
    LANGUAGE_CODES,
    localized,
    missing_languages,
    translated_field_names,
)

MISSING_CLASS = "translation-missing"


class TranslationMarkerForm(forms.ModelForm):
    """Marks every language field left empty while the other language is filled."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for field in translated_field_names(type(self.instance)):
            for code in missing_languages(self.instance, field):
                form_field = self.fields.get(localized(field, code))
                if form_field is None:
                    continue
                classes = form_field.widget.attrs.get("class", "")
                form_field.widget.attrs["class"] = f"{classes} {MISSING_CLASS}".strip()
                form_field.help_text = _("Translation missing")


COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 48})}}


def bilingual(*fields):
    """Form field names of each translated field in every language, in the order of
    settings.LANGUAGES."""
    return [localized(name, code) for name in fields for code in LANGUAGE_CODES]


class StaffLoginForm(AdminAuthenticationForm):
    """The admin's sign-in: staff with a TOTP device give its code; with STAFF_REQUIRE_2FA, a
    staff member without a device cannot sign in."""

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"), required=False, max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("Only if two-factor authentication is set up for you."),
    )

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        from django.conf import settings
        from django_otp import devices_for_user, match_token

        if not any(devices_for_user(user, confirmed=True)):
            if settings.STAFF_REQUIRE_2FA:
                raise ValidationError(_("Two-factor authentication is required: ask an "
                                        "administrator to set up your authenticator."),
                                      code="no_device")
            return
        token = (self.cleaned_data.get("otp_token") or "").strip()
        # An empty code is not tried: a failed try would slow the next one down.
        device = match_token(user, token) if token else None
        if device is None:
            raise ValidationError(_("Enter the current code from your authenticator app."),
                                  code="bad_token")
        # Recorded in the session once the user is signed in (isu.auth.record_verified_device).
        self.request.verified_device = device


def _version_token(moment):
    return moment.isoformat() if moment else ""


class OptimisticLockForm(TranslationMarkerForm):
    """Refuses to save over a newer save by someone else ("changed by X at T — reload").

    The form carries the record's `updated_at` as it was when the page was opened; on save the
    row is locked and compared, so of two officers saving the same record the second is told,
    and nothing of the first is lost.
    """

    edited_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edited_version"].initial = _version_token(self.instance.updated_at)

    def clean(self):
        data = super().clean()
        if not self.instance.pk:
            return data
        model = type(self.instance)
        current = (model.objects.select_for_update().filter(pk=self.instance.pk)
                   .values_list("updated_at", flat=True).first())
        if data.get("edited_version", "") != _version_token(current):
            last = self.instance.history.select_related("history_user").first()
            who = getattr(last, "history_user", None) or _("someone else")
            raise ValidationError(
                _("This %(record)s was changed by %(user)s at %(time)s, after you opened it. "
                  "Reload the page to see their changes; nothing of yours was saved.")
                % {"record": model._meta.verbose_name, "user": who,
                   "time": formats.date_format(timezone.localtime(current), "DATETIME_FORMAT")},
                code="stale",
            )
        return data


def show_refusal(form, error):
    """A service's ValidationError shown on the form: each message on the field it names, or
    above the fields when it names none the form has."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, problems in error.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)
