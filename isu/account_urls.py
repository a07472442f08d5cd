"""Choosing a password: Django's password-reset views, for a forgotten password and for the link
of an invitation (isu/staff.py). Signing in itself is the admin's sign-in page."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from isu.forms import StaffPasswordResetForm

urlpatterns = [
    path("password_reset/", auth_views.PasswordResetView.as_view(
        form_class=StaffPasswordResetForm,
        email_template_name="registration/password_reset_email.txt",
        extra_email_context={"site_name": _("ISU work plans")}), name="password_reset"),
    path("password_reset/done/", auth_views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    # Choosing the password signs the person in and takes them to their workspace: the link
    # proved they hold the address. Where two-factor authentication applies, the session still
    # counts only once verified with a code (project/middleware.py).
    path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        post_reset_login=True, post_reset_login_backend="django.contrib.auth.backends.ModelBackend",
        success_url=reverse_lazy("workspace:home")), name="password_reset_confirm"),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]
