"""A staff role is all it takes to sign in; new staff are invited by e-mail and choose their own
password, and a forgotten password is reset the same way."""

import re
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, RequestFactory, override_settings

from isu import staff
from isu.models import StaffRole
from tests import factories

OFFICER = StaffRole.Role.ISU_OFFICER
HEAD = StaffRole.Role.HEAD_OF_ISU
NEW_PASSWORD = "Quokka-river-1864"
INVITE = "/admin/isu/staffrole/invite/"
MAIL_SERVER_DOWN = "tests.mail.DownBackend"


def newcomer(username="new.officer", **fields):
    """An account nobody has given a role yet."""
    return get_user_model().objects.create_user(username=username,
                                                password=factories.PASSWORD, **fields)


def sign_in(username, password=factories.PASSWORD):
    """The admin's sign-in form, followed to where it lands."""
    return Client().post("/admin/login/", {"username": username, "password": password},
                         follow=True)


def signed_in(response):
    return response.wsgi_request.user.is_authenticated


def lands_in_the_workspace(response):
    return signed_in(response) and response.wsgi_request.path == "/workspace/"


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


AMINA = {"first_name": "Amina", "last_name": "Diallo", "email": "amina.diallo@example.org",
         "role": OFFICER}
BRUNO = {"first_name": "Bruno", "last_name": "Costa", "email": "bruno.costa@example.org",
         "role": HEAD}


def invitation(ccm, *people, language=settings.LANGUAGE_CODE, rows=3, **fields):
    """The invitation page's form: a row for each person (Amina, with `fields`, by default), of
    `ccm` unless they say otherwise, and empty rows up to `rows`."""
    people = [{"convention": ccm.pk, **person} for person in people or [AMINA | fields]]
    data = {"staff-TOTAL_FORMS": max(rows, len(people)), "staff-INITIAL_FORMS": 0,
            "language": language}
    for place, person in enumerate(people):
        data |= {f"staff-{place}-{name}": value for name, value in person.items()}
    return data


@pytest.fixture
def inviter(superuser):
    """A superuser's request, as the invitation service receives it."""
    request = RequestFactory().post(INVITE)
    request.user = superuser
    return request


def of(convention, *people):
    return [{"convention": convention, **person} for person in people]


def invited():
    return set(get_user_model().objects.filter(staff_roles__isnull=False)
               .values_list("username", flat=True))


# Roles open and close the sign-in.

def test_without_a_role_nobody_signs_in(ccm):
    newcomer()
    assert not signed_in(sign_in("new.officer"))


def test_granting_the_first_role_lets_the_user_sign_in_and_land_in_the_workspace(ccm):
    user = newcomer()
    staff.grant_role(user, ccm, OFFICER)
    assert user.is_staff
    assert lands_in_the_workspace(sign_in("new.officer"))


def test_removing_the_last_role_closes_the_door_and_ends_nothing_else(ccm, ccm_head):
    user = newcomer()
    staff.grant_role(user, ccm, OFFICER)
    staff.remove_role(user, ccm, OFFICER)
    assert not user.is_staff
    assert not signed_in(sign_in("new.officer"))
    user.refresh_from_db()
    assert user.is_active and user.check_password(factories.PASSWORD)
    ccm_head.refresh_from_db()
    assert ccm_head.is_staff and ccm_head.staff_roles.count() == 1


def test_removing_one_of_two_roles_keeps_the_door_open(ccm, apmbc):
    user = newcomer()
    staff.grant_role(user, ccm, OFFICER)
    staff.grant_role(user, apmbc, OFFICER)
    staff.remove_role(user, ccm, OFFICER)
    assert user.is_staff
    assert lands_in_the_workspace(sign_in("new.officer"))


def test_every_write_of_a_role_keeps_the_status_right(ccm):
    first, second = newcomer("first"), newcomer("second")
    role = StaffRole.objects.create(user=first, convention=ccm, role=OFFICER)
    assert get_user_model().objects.get(pk=first.pk).is_staff
    role.user = second  # the role moves: its previous holder had no other
    role.save()
    assert not get_user_model().objects.get(pk=first.pk).is_staff
    assert get_user_model().objects.get(pk=second.pk).is_staff
    StaffRole.objects.filter(user=second).delete()
    assert not get_user_model().objects.get(pk=second.pk).is_staff


def test_a_role_given_and_removed_in_the_admin_opens_and_closes_the_door(as_user, superuser,
                                                                          ccm):
    user = newcomer()
    admin = as_user(superuser)
    admin.post("/admin/isu/staffrole/add/", {"user": user.pk, "convention": ccm.pk,
                                             "role": OFFICER})
    assert lands_in_the_workspace(sign_in("new.officer"))
    role = StaffRole.objects.get(user=user)
    admin.post(f"/admin/isu/staffrole/{role.pk}/delete/", {"post": "yes"})
    assert not signed_in(sign_in("new.officer"))


def test_a_superuser_keeps_their_status_without_a_role(superuser, ccm):
    staff.grant_role(superuser, ccm, HEAD)
    staff.remove_role(superuser, ccm, HEAD)
    assert superuser.is_staff
    assert signed_in(sign_in("root"))



def test_staff_status_cannot_be_ticked_by_hand_in_the_user_admin(as_user, superuser):
    user = newcomer()
    page = as_user(superuser).get(f"/admin/auth/user/{user.pk}/change/")
    assert 'name="is_staff"' not in page.content.decode()
    assert 'name="is_superuser"' in page.content.decode()


def test_whoever_is_made_a_superuser_may_sign_in(db):
    user = newcomer()
    user.is_superuser = True
    user.save()
    assert signed_in(sign_in("new.officer"))

# Invitations.

def test_an_invited_staff_member_chooses_a_password_and_signs_in_to_their_workspace(
        as_user, superuser, ccm):
    factories.plan("CCM", 2018, title_en="The plan Amina works on")
    response = as_user(superuser).post(INVITE, invitation(ccm, email="Amina.Diallo@example.org"))
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["Amina.Diallo@example.org"]
    assert "ISU officer, CCM" in message.subject
    assert "ISU officer, Convention on Cluster Munitions (CCM)" in message.body
    assert "Your user name: amina.diallo@example.org" in message.body

    newcomer_client = Client()
    form = newcomer_client.get(link_in(message), follow=True)
    assert b"new_password1" in form.content
    done = newcomer_client.post(form.wsgi_request.path, {
        "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True)
    # Choosing the password signs them in, straight into their workspace.
    assert lands_in_the_workspace(done)
    assert "The plan Amina works on" in done.content.decode()

    landed = sign_in("amina.diallo@example.org", NEW_PASSWORD)
    assert lands_in_the_workspace(landed)
    assert "The plan Amina works on" in landed.content.decode()


def test_the_invitation_is_in_the_inviters_language(superuser, ccm):
    admin = Client()
    admin.force_login(superuser)
    admin.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    form = admin.get(INVITE)
    chosen = form.context["form"]["language"].value()
    admin.post(INVITE, invitation(ccm, language=chosen))
    [message] = mail.outbox
    assert "执行支助股干事" in message.subject
    assert "《集束弹药公约》" in message.body and "执行支助股干事" in message.body


def test_a_used_or_expired_link_is_refused_with_a_clear_message(as_user, superuser, ccm,
                                                                monkeypatch):
    as_user(superuser).post(INVITE, invitation(ccm))
    link = link_in(mail.outbox[0])
    later = datetime.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    with monkeypatch.context() as patched:
        patched.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
        expired = Client().get(link, follow=True).content.decode()
    assert "This link no longer works: it has expired or has already been used." in expired

    client = Client()
    form = client.get(link, follow=True)
    client.post(form.wsgi_request.path, {"new_password1": NEW_PASSWORD,
                                         "new_password2": NEW_PASSWORD})
    used = Client().get(link, follow=True).content.decode()
    assert "This link no longer works" in used and "new_password1" not in used


def test_only_a_superuser_invites(as_user, ccm_head, ccm, anonymous):
    assert as_user(ccm_head).get(INVITE).status_code == 403
    assert as_user(ccm_head).post(INVITE, invitation(ccm)).status_code == 403
    assert anonymous.get(INVITE)["Location"].startswith("/admin/login/")
    assert mail.outbox == [] and not get_user_model().objects.filter(
        email="amina.diallo@example.org").exists()


def test_an_address_already_known_is_not_invited_again(as_user, superuser, ccm):
    newcomer(email="Amina.Diallo@example.org")
    response = as_user(superuser).post(INVITE, invitation(ccm))
    assert "already exists" in response.content.decode()
    assert mail.outbox == []


@override_settings(EMAIL_BACKEND=MAIL_SERVER_DOWN)
def test_an_invitation_that_cannot_be_sent_creates_nobody(as_user, superuser, ccm):
    response = as_user(superuser).post(INVITE, invitation(ccm))
    assert "could not be sent" in response.content.decode()
    assert not get_user_model().objects.filter(email="amina.diallo@example.org").exists()


def test_several_people_are_invited_at_once_each_with_their_role_and_e_mail(inviter, ccm):
    roles = staff.invite_many(inviter, of(ccm, AMINA, BRUNO))
    assert [(role.user.username, role.role) for role in roles] == [
        ("amina.diallo@example.org", OFFICER), ("bruno.costa@example.org", HEAD)]
    assert all(role.user.is_staff and not role.user.has_usable_password() for role in roles)
    assert [message.to for message in mail.outbox] == [["amina.diallo@example.org"],
                                                      ["bruno.costa@example.org"]]
    assert "Head of the ISU, Convention on Cluster Munitions (CCM)" in mail.outbox[1].body


@pytest.mark.parametrize("taken", ["Bruno.Costa@example.org", "BRUNO.COSTA@example.org"])
def test_an_address_already_known_invites_nobody_of_the_group(inviter, ccm, taken):
    newcomer(email=taken)
    with pytest.raises(ValidationError) as refused:
        staff.invite_many(inviter, of(ccm, AMINA, BRUNO))
    assert refused.value.messages == [
        "bruno.costa@example.org: A user with this e-mail address already exists: give them "
        "the role under Staff roles."]
    assert invited() == set() and mail.outbox == []


def test_the_same_address_given_twice_invites_nobody(inviter, ccm):
    with pytest.raises(ValidationError) as refused:
        staff.invite_many(inviter, of(ccm, AMINA, BRUNO | {"email": "Amina.Diallo@example.org"}))
    assert refused.value.messages == [
        "Amina.Diallo@example.org: This e-mail address is given twice: invite each person once."]
    assert invited() == set() and mail.outbox == []


@override_settings(EMAIL_BACKEND=MAIL_SERVER_DOWN)
def test_a_mail_server_that_is_down_e_mails_nobody_and_creates_nobody_of_the_group(inviter, ccm):
    with pytest.raises(OSError):
        staff.invite_many(inviter, of(ccm, AMINA, BRUNO))
    assert invited() == set() and mail.outbox == []
    assert not get_user_model().objects.filter(username="amina.diallo@example.org").exists()


def test_only_a_superuser_may_use_the_invitation_service(inviter, ccm_head, ccm):
    inviter.user = ccm_head
    with pytest.raises(PermissionDenied):
        staff.invite(inviter, **of(ccm, AMINA)[0])
    assert invited() == {"ccm.head"} and mail.outbox == []


def test_one_person_is_still_invited_alone(inviter, ccm):
    role = staff.invite(inviter, **of(ccm, AMINA)[0], language="zh-hans")
    assert role.user.username == "amina.diallo@example.org"
    [message] = mail.outbox
    assert "执行支助股干事" in message.subject


def test_the_page_invites_everyone_of_its_filled_rows_in_one_submission(as_user, superuser,
                                                                         ccm, apmbc):
    page = as_user(superuser).get(INVITE).content.decode()
    assert page.count('name="staff-0-email"') == 1 and 'name="staff-2-email"' in page
    response = as_user(superuser).post(
        INVITE, invitation(ccm, AMINA, BRUNO | {"convention": apmbc.pk}), follow=True)
    assert invited() == {"amina.diallo@example.org", "bruno.costa@example.org"}
    assert StaffRole.objects.get(user__username="bruno.costa@example.org").convention == apmbc
    assert sorted(message.to[0] for message in mail.outbox) == [
        "amina.diallo@example.org", "bruno.costa@example.org"]
    shown = response.content.decode()
    assert "Amina Diallo is invited" in shown and "Bruno Costa is invited" in shown


def test_a_row_in_error_shows_its_error_and_nobody_is_invited(as_user, superuser, ccm):
    twice = BRUNO | {"email": "AMINA.DIALLO@example.org"}
    response = as_user(superuser).post(INVITE, invitation(ccm, AMINA, twice))
    rows = response.context["rows"]
    assert rows[1].errors == {"email": [
        "This e-mail address is given twice: invite each person once."]}
    assert not rows[0].errors
    assert "given twice" in response.content.decode()
    assert invited() == set() and mail.outbox == []


def test_a_row_left_half_filled_is_an_error_not_left_out(as_user, superuser, ccm):
    response = as_user(superuser).post(INVITE, invitation(ccm, AMINA, {"first_name": "Bruno"}))
    assert "last_name" in response.context["rows"][1].errors
    assert invited() == set() and mail.outbox == []


def test_more_rows_keep_what_was_typed_and_invite_nobody(as_user, superuser, ccm):
    response = as_user(superuser).post(INVITE, invitation(ccm, AMINA, {"first_name": "Bruno"})
                                       | {"more": "1"})
    page = response.content.decode()
    assert 'name="staff-5-email"' in page and 'name="staff-6-email"' not in page
    assert 'value="amina.diallo@example.org"' in page and 'value="Bruno"' in page
    assert "errorlist" not in page and "errornote" not in page
    assert invited() == set() and mail.outbox == []


def test_the_staff_roles_page_leads_to_the_invitation(as_user, superuser):
    assert INVITE in as_user(superuser).get("/admin/isu/staffrole/").content.decode()


# Forgotten passwords.

def test_the_sign_in_page_offers_a_password_reset(anonymous):
    assert "/accounts/password_reset/" in anonymous.get("/admin/login/").content.decode()


def test_a_forgotten_password_is_reset_by_e_mail(ccm):
    user = newcomer(email="officer@example.org")
    staff.grant_role(user, ccm, OFFICER)
    client = Client()
    response = client.post("/accounts/password_reset/", {"email": "OFFICER@example.org"})
    assert response["Location"] == "/accounts/password_reset/done/"
    [message] = mail.outbox
    assert "ISU officer, Convention on Cluster Munitions (CCM)" in message.body
    form = client.get(link_in(message), follow=True)
    client.post(form.wsgi_request.path, {"new_password1": NEW_PASSWORD,
                                         "new_password2": NEW_PASSWORD})
    assert lands_in_the_workspace(sign_in("new.officer", NEW_PASSWORD))


@pytest.mark.parametrize("address", ["nobody@example.org", "no.role@example.org"])
def test_the_reset_answers_alike_whether_or_not_the_address_may_sign_in(db, anonymous, address):
    newcomer(email="no.role@example.org")
    response = anonymous.post("/accounts/password_reset/", {"email": address})
    assert response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []


def test_someone_invited_whose_link_expired_asks_for_a_new_one(as_user, superuser, ccm):
    as_user(superuser).post(INVITE, invitation(ccm))
    Client().post("/accounts/password_reset/", {"email": "amina.diallo@example.org"})
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["amina.diallo@example.org"]


def test_an_address_taken_a_moment_ago_by_another_invitation_is_refused_on_its_row(
        inviter, ccm, monkeypatch):
    # The check found the address free; another superuser's invitation took it just after.
    monkeypatch.setattr(staff, "address_problems", lambda emails: {})
    get_user_model().objects.create_user(username=AMINA["email"].lower(), email=AMINA["email"])
    with pytest.raises(ValidationError) as refused:
        staff.invite_many(inviter, of(ccm, BRUNO, AMINA))
    assert "already exists" in str(refused.value) and mail.outbox == []
    assert not get_user_model().objects.filter(email__iexact=BRUNO["email"]).exists()


def test_a_name_with_a_line_break_is_refused_by_the_service_and_on_its_row(
        inviter, as_user, superuser, ccm):
    with pytest.raises(ValidationError, match="control characters"):
        staff.invite_many(inviter, of(ccm, AMINA | {"first_name": "Eve\r\nBcc: x@example.org"}))
    response = as_user(superuser).post(INVITE, invitation(ccm, first_name="Eve\nBcc: x@example.org"))
    assert "control characters" in response.content.decode()
    assert invited() == set() and mail.outbox == []


def test_an_invitation_takes_a_bounded_number_of_rows(as_user, superuser, ccm):
    from isu.forms import MOST_INVITEES

    admin = as_user(superuser)
    refused = admin.post(INVITE, invitation(ccm) | {"staff-TOTAL_FORMS": 100000})
    assert invited() == set() and mail.outbox == []
    assert len(refused.content) < 200_000
    more = admin.post(INVITE, invitation(ccm) | {"staff-TOTAL_FORMS": MOST_INVITEES, "more": "1"})
    rows = re.findall(r'name="staff-\d+-email"', more.content.decode())
    assert len(rows) == MOST_INVITEES
