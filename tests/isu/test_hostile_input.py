"""Hostile input is refused as a client error before it reaches a form, a parser or the database:
oversized bodies of any kind (413), NUL characters (400), numbers too long to convert (404)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.exception import convert_exception_to_response
from django.http import HttpResponse
from django.test import RequestFactory

from meetings.models import Document
from tests import factories
from workplans.models import WorkPlan

OVER_THE_LIMIT = 3_000_000  # bytes; the limit is 2.5 MB


def test_an_anonymous_file_upload_over_the_limit_is_refused(anonymous):
    upload = SimpleUploadedFile("big.bin", b"x" * OVER_THE_LIMIT)
    response = anonymous.post("/admin/login/", {"username": "someone", "password": "x",
                                                "file": upload})
    assert response.status_code == 413


def test_a_body_announced_as_too_large_is_refused_before_it_is_read(anonymous):
    # The body is small: reading past it, as a parser believing the header would, is an error.
    response = anonymous.generic("POST", "/admin/login/", b"--x--",
                                 content_type="multipart/form-data; boundary=x",
                                 CONTENT_LENGTH=str(100_000_000))
    assert response.status_code == 413


def test_a_body_without_a_stated_length_is_refused_once_it_passes_the_limit():
    from project.middleware import RequestLimitsMiddleware

    request = RequestFactory().post("/api/conventions/", b"", content_type="text/plain")
    assert "CONTENT_LENGTH" not in request.META
    request._stream = io.BytesIO(b"x" * OVER_THE_LIMIT)  # chunked: no Content-Length

    @convert_exception_to_response  # as Django's handler wraps every view
    def view_reading_the_body(request):
        return HttpResponse(len(request.body))

    response = RequestLimitsMiddleware(view_reading_the_body)(request)
    assert response.status_code == 413


@pytest.fixture
def issued_document(ccm):
    return factories.document(factories.meeting("CCM", "msp", 7), number=4)


@pytest.mark.parametrize("url", [
    "/en/documents/%00/",
    "/en/search/?q=%00",
    "/en/documents/CCM/MSP/2017/4%00/en.pdf",
    "/zh-hans/ccm%00/meetings/",
    "/admin/meetings/document/?q=%00",
])
def test_a_nul_character_in_the_address_is_a_bad_request(anonymous, issued_document, url):
    assert anonymous.get(url).status_code == 400


def test_the_api_answers_a_nul_character_in_json(anonymous):
    response = anonymous.get("/api/documents/?symbol=%00")
    assert response.status_code == 400 and "NUL" in response.json()["detail"]


def test_a_version_number_of_thousands_of_digits_is_not_found(anonymous, ccm):
    factories.plan("CCM", 2018, status=WorkPlan.Status.PUBLISHED)
    huge = "9" * 4301  # beyond what Python converts
    assert anonymous.get(f"/en/ccm/work-plans/2018/?version={huge}").status_code == 404
    assert anonymous.get("/en/ccm/work-plans/2018/?version=99999999999").status_code == 404
    assert anonymous.get("/en/ccm/work-plans/2018/?version=1").status_code == 200


def test_api_filters_refuse_numbers_that_are_not_plain_whole_numbers(anonymous, issued_document):
    for query in [f"meeting={'9' * 4301}", "meeting=1.0", "meeting=%C2%B9"]:
        assert anonymous.get(f"/api/documents/?{query}").status_code == 400, query
    for query in ["year=2018.0", "year=1e3", "year=0"]:
        assert anonymous.get(f"/api/workplans/?{query}").status_code == 400, query
    meeting = Document.objects.get().meeting_id
    assert anonymous.get(f"/api/documents/?meeting={meeting}").json()["count"] == 1
