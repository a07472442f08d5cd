"""Staff members: their roles open the sign-in, and new ones are invited by e-mail.

A user's staff status follows their roles: they may sign in while they hold at least one
StaffRole, and no longer once the last one is removed; a superuser's status is left as it is.
The rule holds for every write of a role (isu/receivers.py); bulk writes that send no model
signals (QuerySet.update, bulk_create) must call follow_roles themselves.

An invitation creates the user without a usable password and e-mails them a link, made with
Django's password-reset tokens, to a page where they choose their password. The link stops
working once the password is set, and after PASSWORD_RESET_TIMEOUT.
"""

import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from isu.models import StaffRole


def follow_roles(*user_ids):
    """Give the users staff status while they hold a role and take it away when they hold none;
    superusers keep theirs. Returns nothing; users loaded before keep their old value."""
    get_user_model().objects.filter(pk__in=user_ids, is_superuser=False).update(
        is_staff=Exists(StaffRole.objects.filter(user_id=OuterRef("pk"))))


def refresh_status(user):
    """Read the user's staff status again into a loaded user object."""
    stored = get_user_model().objects.filter(pk=user.pk).values_list("is_staff", flat=True)
    user.is_staff = next(iter(stored), user.is_staff)


def grant_role(user, convention, role):
    """Give the user `role` for the convention (once); they may sign in from now on."""
    staff_role, _created = StaffRole.objects.get_or_create(user=user, convention=convention,
                                                           role=role)
    refresh_status(user)
    return staff_role


def remove_role(user, convention, role):
    """Take the role away; without any role left the user can no longer sign in. The account,
    its password and its history stay."""
    for staff_role in StaffRole.objects.filter(user=user, convention=convention, role=role):
        staff_role.delete()
    refresh_status(user)


def sign_in_link(request, user):
    """The address of the page where the user chooses a new password, valid until it is used
    or PASSWORD_RESET_TIMEOUT has passed."""
    path = reverse("password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user)})
    return request.build_absolute_uri(path)


def invite(request, *, first_name, last_name, email, convention, role, language=None):
    """Invite one staff member (invite_many); returns their role."""
    [staff_role] = invite_many(request, [{
        "first_name": first_name, "last_name": last_name, "email": email,
        "convention": convention, "role": role}], language)
    return staff_role


@transaction.atomic
def invite_many(request, people, language=None):
    """Create staff members, each with a role, and e-mail each their invitation, in `language`
    (the inviter's by default); returns their roles. `people`: dicts of first_name, last_name,
    email, convention and role. A user name is the e-mail address in lower case. Only a
    superuser invites. All or nobody: an address that a user already has, or that is given
    twice, is refused (ValidationError), and nobody is created if an e-mail cannot be sent
    (the error, an OSError, is raised)."""
    if not request.user.is_superuser:
        raise PermissionDenied(_("Only a superuser invites staff members."))
    people = list(people)
    named = [_("%(email)s: %(problem)s") % {"email": person["email"], "problem": problem}
             for person in people for problem in [name_problem(person["first_name"]),
                                                   name_problem(person["last_name"])] if problem]
    if named:
        raise ValidationError(named)
    problems = address_problems([person["email"] for person in people])
    if problems:
        raise ValidationError([
            _("%(email)s: %(problem)s") % {"email": people[place]["email"], "problem": problem}
            for place, problem in problems.items()])
    User = get_user_model()
    roles = []
    for person in people:
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    username=person["email"].lower(), email=person["email"],
                    first_name=person["first_name"], last_name=person["last_name"])
        except IntegrityError:  # the same address, invited by someone else a moment ago
            raise ValidationError(_("%(email)s: %(problem)s") % {
                "email": person["email"], "problem": _(
                    "A user with this e-mail address already exists: give them the role under "
                    "Staff roles.")}) from None
        roles.append(grant_role(user, person["convention"], person["role"]))
    # All the messages go through one connection, opened once everything is written: a mail
    # server that is down refuses before anyone is e-mailed, and nobody is kept.
    send_all([invitation(request, staff_role, language) for staff_role in roles])
    return roles


def send_all(messages):
    """Send the messages through one connection; an unreachable server raises (an OSError)
    before the first is sent."""
    with get_connection() as connection:
        connection.send_messages(messages)


def name_problem(name):
    """Why a name cannot be written into an invitation, or None: it may not hold line breaks or
    other control characters."""
    if any(unicodedata.category(character).startswith("C") for character in name or ""):
        return _("A name cannot contain line breaks or other control characters.")
    return None


def address_problems(emails):
    """Why addresses cannot be invited, by their place in `emails`: a user already has the
    address (as their e-mail address or user name, in any case), or an earlier place gives it."""
    problems, seen = {}, set()
    for place, email in enumerate(emails):
        if get_user_model().objects.filter(
                Q(email__iexact=email) | Q(username__iexact=email)).exists():
            problems[place] = _("A user with this e-mail address already exists: give them the "
                                "role under Staff roles.")
        elif email.lower() in seen:
            problems[place] = _("This e-mail address is given twice: invite each person once.")
        seen.add(email.lower())
    return problems


def send_invitation(request, staff_role, language=None):
    """E-mail the role's user their invitation (see invitation())."""
    send_all([invitation(request, staff_role, language)])


def invitation(request, staff_role, language=None):
    """The e-mail inviting the role's user: which convention and role, their user name and a
    link to choose their password."""
    user = staff_role.user
    with translation.override(language or translation.get_language()):
        context = {"user": user, "staff_role": staff_role, "inviter": request.user,
                   "link": sign_in_link(request, user), "site_name": _("ISU work plans"),
                   "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)}
        subject = "".join(loader.render_to_string(
            "registration/invitation_subject.txt", context).splitlines())
        body = loader.render_to_string("registration/invitation_email.txt", context)
    return EmailMessage(subject, body, None, [user.email])
