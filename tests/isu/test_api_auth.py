"""Two-factor authentication holds everywhere: a password alone opens nothing that is not public,
in the API as in the admin; API clients use personal tokens that only a verified user creates;
sign-in failures are counted per user name and client address, read correctly behind the proxy."""

import base64
import importlib
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from sponsorship.models import Application, Programme, Round
from tests import factories
from tests.project.test_settings import manage

APPLICATIONS = "/api/sponsorship/applications/"
DELEGATE = "Amina Diallo"


@pytest.fixture
def delegate(ccm):
    programme = Programme.objects.create(convention=ccm, administered_by_en="ISU",
                                         governing_body_en="Donors")
    round_ = Round.objects.create(programme=programme, meeting=factories.meeting("CCM", "msp", 7),
                                  application_deadline=date(2017, 7, 1), envelope=Decimal(9000))
    return Application.objects.create(round=round_, state="SN", delegate_name=DELEGATE)


def basic(username, password):
    credentials = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {credentials}"}


def authenticator(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def sign_in(client, username, password=factories.PASSWORD, device=None, **headers):
    code = f"{TOTP(device.bin_key).token():06d}" if device else ""
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password,
                                                      "otp_token": code}, **headers)


def test_a_password_alone_over_http_basic_opens_no_personal_data(anonymous, ccm_sponsorship,
                                                                delegate, settings):
    settings.STAFF_REQUIRE_2FA = True
    response = anonymous.get(APPLICATIONS, **basic("ccm.sponsorship", factories.PASSWORD))
    assert response.status_code == 401
    assert DELEGATE not in response.content.decode()


def test_a_user_with_an_authenticator_is_not_let_in_without_its_code(anonymous, as_user,
                                                                     ccm_sponsorship, delegate):
    authenticator(ccm_sponsorship)
    assert anonymous.get(APPLICATIONS, **basic("ccm.sponsorship",
                                               factories.PASSWORD)).status_code == 401
    unverified = as_user(ccm_sponsorship)  # a session opened with the password only
    assert DELEGATE not in unverified.get(APPLICATIONS).content.decode()
    assert unverified.get("/admin/sponsorship/application/").status_code == 302


def test_a_session_opened_before_two_factor_was_required_must_sign_in_again_with_a_code(
        as_user, ccm_sponsorship, delegate, settings):
    session = as_user(ccm_sponsorship)
    assert DELEGATE in session.get(APPLICATIONS).content.decode()
    settings.STAFF_REQUIRE_2FA = True
    assert session.get(APPLICATIONS).status_code == 401
    admin_page = session.get("/admin/sponsorship/application/")
    assert admin_page.status_code == 302 and admin_page["Location"].startswith("/admin/login/")
    device = authenticator(ccm_sponsorship)
    assert sign_in(session, "ccm.sponsorship", device=device).status_code == 302
    assert DELEGATE in session.get(APPLICATIONS).content.decode()
    assert session.get("/admin/sponsorship/application/").status_code == 200


def created_token(client):
    response = client.post("/admin/knox/authtoken/add/", {}, follow=True)
    messages = [str(message) for message in response.context["messages"]]
    return next(re.search(r"shown only this once: (\w+)", m)[1] for m in messages
                if "shown only this once" in m)


def test_a_verified_user_creates_an_api_token_shown_once_stored_as_a_hash_and_revocable(
        ccm_sponsorship, delegate, settings):
    from knox.models import AuthToken

    settings.STAFF_REQUIRE_2FA = True
    client = Client()
    sign_in(client, "ccm.sponsorship", device=authenticator(ccm_sponsorship))
    token = created_token(client)
    stored = AuthToken.objects.get(user=ccm_sponsorship)
    assert token not in (stored.digest, stored.token_key)
    assert token not in client.get("/admin/knox/authtoken/").content.decode()
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    assert DELEGATE in api.get(APPLICATIONS).content.decode()
    client.post(f"/admin/knox/authtoken/{stored.pk}/delete/", {"post": "yes"})
    assert api.get(APPLICATIONS).status_code == 401


def test_a_user_not_verified_with_a_code_cannot_create_an_api_token(as_user, ccm_sponsorship):
    from knox.models import AuthToken

    assert as_user(ccm_sponsorship).get("/admin/knox/authtoken/add/").status_code == 403
    assert not AuthToken.objects.exists()


@pytest.fixture
def behind_one_proxy(monkeypatch, settings):
    """The settings that TRUSTED_PROXY_COUNT=1 gives, as the README's proxy needs."""
    import project.settings as production

    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "1")
    configured = importlib.reload(production)
    for name in ("AXES_IPWARE_PROXY_COUNT", "AXES_IPWARE_META_PRECEDENCE_ORDER", "IPWARE_STRICT"):
        setattr(settings, name, getattr(configured, name))
    monkeypatch.delenv("TRUSTED_PROXY_COUNT")
    importlib.reload(production)
    cache.clear()


def through_proxy(forwarded_for):
    """A request as the proxy passes it on: from its own address, the client's appended."""
    return {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": forwarded_for}


def test_behind_the_proxy_wrong_passwords_from_elsewhere_do_not_lock_the_user_out(
        behind_one_proxy, ccm_officer):
    attacker = Client()
    for attempt in range(5):
        # Whatever the attacker writes in X-Forwarded-For, the proxy appends its real address.
        forwarded = "198.51.100.7, 203.0.113.9" if attempt % 2 else "203.0.113.9"
        response = sign_in(attacker, "ccm.officer", "wrong", **through_proxy(forwarded))
    assert response.status_code == 429  # the attacker's address is locked out
    officer = sign_in(Client(), "ccm.officer", **through_proxy("198.51.100.7"))
    assert officer.status_code == 302


def test_wrong_passwords_sent_to_the_api_do_not_lock_anyone_out(anonymous, ccm_officer, ccm):
    for _attempt in range(6):
        assert anonymous.get("/api/conventions/", **basic("ccm.officer", "wrong")).status_code == 200
    assert sign_in(anonymous, "ccm.officer").status_code == 302


def test_a_bad_trusted_proxy_count_stops_start_up_naming_the_variable():
    result = manage("check", TRUSTED_PROXY_COUNT="-1")
    assert result.returncode != 0 and "TRUSTED_PROXY_COUNT" in result.stderr
