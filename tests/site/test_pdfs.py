"""Official PDFs: UN layout text in both languages, stored once, served byte for byte."""

import io
import re
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from pypdf import PdfReader

from lib import pdf
from meetings.models import Rendition
from meetings.rendering import pdf_filename
from tests import factories


def text_of(content):
    pages = PdfReader(io.BytesIO(content)).pages
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in pages))


def squeezed(text):
    return re.sub(r"\s+", "", text)


def test_without_the_chinese_font_the_render_stops_with_a_clear_error(monkeypatch):
    real = pdf.font_file
    monkeypatch.setattr(pdf, "font_file", lambda family: None if family == pdf.CJK_FONT
                        else real(family))
    with pytest.raises(pdf.FontMissing) as error:
        pdf.render("<p>执行支助股</p>", "zh-hans")
    assert "fonts-arphic-uming" in str(error.value)


@pytest.fixture
def issued(ccm):
    meeting = factories.meeting("CCM", "msp", 7)
    document = factories.document(meeting, number=4, title_en="Report",
                                  title_zh_hans="报告")
    return document


def test_an_issued_pdf_is_stored_once_and_served_with_its_etag(anonymous, issued):
    url = "/en/documents/CCM/MSP/2017/4/zh-hans.pdf"
    first = anonymous.get(url)
    assert first["Content-Type"] == "application/pdf"
    assert 'filename="CCM_MSP_2017_4_zh.pdf"' in first["Content-Disposition"]
    issued.title_zh_hans = "改过的标题"
    with pytest.raises(ValidationError):
        issued.save()  # an issued document never changes
    again = anonymous.get(url)
    assert again.content == first.content  # byte for byte, whatever changed since
    assert Rendition.objects.count() == 1
    assert anonymous.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_document_not_yet_issued_is_a_watermarked_pdf_for_staff_only(anonymous, as_user,
                                                                      ccm_officer, ccm):
    meeting = factories.meeting("CCM", "msp", 7)
    factories.document(meeting, number=4, issued=False)
    url = "/en/documents/CCM/MSP/2017/4/en.pdf"
    assert anonymous.get(url).status_code == 404
    response = as_user(ccm_officer).get(url)
    assert "DRAFT" in text_of(response.content)
    assert response["Cache-Control"] == "private, no-store"
    assert not Rendition.objects.exists()


def test_the_api_gives_each_documents_pdf_per_language(anonymous, issued):
    data = anonymous.get("/api/documents/").json()["results"][0]
    assert data["pdf"] == {
        "zh-hans": "http://testserver/zh-hans/documents/CCM/MSP/2017/4/zh-hans.pdf",
        "en": "http://testserver/en/documents/CCM/MSP/2017/4/en.pdf"}


def test_file_names_come_from_the_symbol(issued):
    assert pdf_filename(issued, "zh-hans") == "CCM_MSP_2017_4_zh.pdf"
    assert pdf_filename(issued, "en") == "CCM_MSP_2017_4_en.pdf"


def test_the_export_commands_write_one_document_or_a_whole_meeting(tmp_path, issued):
    call_command("export_pdf", "CCM/MSP/2017/4", "--language", "zh-hans", "--output",
                 str(tmp_path / "one.pdf"), stdout=StringIO())
    assert "报告" in text_of((tmp_path / "one.pdf").read_bytes())
    call_command("export_pdfs", "--meeting", str(issued.meeting_id), "--output-dir",
                 str(tmp_path / "all"), "--no-progress", stdout=StringIO())
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == [
        "CCM_MSP_2017_4_en.pdf", "CCM_MSP_2017_4_zh.pdf"]
    assert not Rendition.objects.exists()  # the commands never use or fill the store


def test_a_limited_documents_pdf_stays_out_of_shared_caches(as_user, ccm_officer, ccm):
    factories.document(factories.meeting("CCM", "msp", 7), number=4, distribution="limited")
    response = as_user(ccm_officer).get("/en/documents/CCM/MSP/2017/4/en.pdf")
    assert response["Cache-Control"].startswith("private")
