"""Hostile input stays text, sign-ins are throttled, pages carry their security headers."""

import io
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from pypdf import PdfReader

from lib import pdf
from meetings.rendering import render_pdf
from tests import factories
from workplans.models import WorkPlan

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_text_with_html_is_shown_as_text_on_pages_and_in_pdfs(anonymous, ccm):
    document = factories.document(factories.meeting("CCM", "msp", 7), number=4,
                                  body="work_plan", title_en=f"Report {HOSTILE}")
    factories.plan("CCM", 2018, outcomes=1, status=WorkPlan.Status.PUBLISHED,
                   title_en=f"Plan {HOSTILE}", document=document)
    page = anonymous.get("/en/ccm/work-plans/2018/").content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(
        render_pdf(document, "en"))).pages)
    assert '<script>alert("x")</script>' in re.sub(r"\n", "", text)


def test_the_pdf_renderer_fetches_no_file_or_remote_address():
    fetcher = pdf.url_fetcher()
    for url in ["file:///etc/passwd", "http://example.org/style.css", "https://example.org/x.png"]:
        with pytest.raises(ValueError, match="disallowed"):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"
    markup = ('<link rel="stylesheet" href="http://example.org/x.css">'
              '<img src="file:///etc/passwd"><p>Text</p>')
    assert pdf.render(markup, "en").startswith(b"%PDF")


def test_pages_carry_a_content_security_policy(anonymous, ccm):
    policy = anonymous.get("/en/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy


@pytest.fixture
def login_page():
    cache.clear()
    return Client()


def sign_in(client, username, password, token=""):
    return client.post("/admin/login/?next=/admin/",
                       {"username": username, "password": password, "otp_token": token})


def test_repeated_failed_sign_ins_lock_the_account_out(login_page, ccm_officer):
    for _attempt in range(4):
        assert sign_in(login_page, "ccm.officer", "wrong").status_code == 200
    assert sign_in(login_page, "ccm.officer", "wrong").status_code == 429  # the fifth
    locked = sign_in(login_page, "ccm.officer", factories.PASSWORD)
    assert locked.status_code == 429


def test_staff_with_an_authenticator_give_its_code(login_page, ccm_officer):
    device = TOTPDevice.objects.create(user=ccm_officer, name="phone", confirmed=True)
    response = sign_in(login_page, "ccm.officer", factories.PASSWORD)
    assert "Enter the current code" in response.content.decode()
    code = f"{TOTP(device.bin_key).token():06d}"
    response = sign_in(login_page, "ccm.officer", factories.PASSWORD, code)
    assert response.status_code == 302, response.context["form"].errors


def test_two_factor_can_be_required_of_every_staff_member(login_page, ccm_officer, settings):
    settings.STAFF_REQUIRE_2FA = True
    response = sign_in(login_page, "ccm.officer", factories.PASSWORD)
    assert "Two-factor authentication is required" in response.content.decode()


def test_a_sign_in_without_two_factor_set_up_goes_through(login_page, ccm_officer):
    assert sign_in(login_page, "ccm.officer", factories.PASSWORD).status_code == 302


def test_oversized_posts_are_refused(as_user, ccm_officer):
    response = as_user(ccm_officer).post("/admin/workplans/workplan/add/",
                                         {"title_en": "x" * 3_000_000})
    assert response.status_code == 413


