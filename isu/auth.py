"""Who must show a second factor, and the API's authentication.

Two-factor authentication applies to a user who has a confirmed authenticator, and to everyone
once STAFF_REQUIRE_2FA is set. Where it applies, a session counts only once it has been verified
with a code (project.middleware.TwoFactorMiddleware); until then the user is anonymous, on the site,
in the admin and in the API. A password alone never opens the API: it takes a verified session
or a personal API token, which only a verified user can create (the admin's "API tokens").
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django_otp import login as otp_login
from django_otp import user_has_device
from rest_framework import authentication


def requires_two_factor(user):
    return settings.STAFF_REQUIRE_2FA or user_has_device(user, confirmed=True)


def is_verified(user):
    """Whether the user's session was verified with an authenticator code."""
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def session_counts(user):
    """Whether a signed-in user's session may act for them: verified, or 2FA does not apply."""
    return is_verified(user) or not requires_two_factor(user)


@receiver(user_logged_in)
def record_verified_device(sender, request, user, **kwargs):
    """The sign-in form checked the code before the user was signed in; the session records the
    device only now, once it is the user's (django-otp ties it to request.user)."""
    device = getattr(request, "verified_device", None)
    if device is not None and device.user_id == user.pk:
        otp_login(request, device)


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    """The session, only once verified where two-factor authentication applies."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and not session_counts(result[0]):
            return None
        return result
