"""A meeting's documents bound in one PDF per language: a contents page giving each document's
first page, then the documents in symbol order, each with a bookmark; the public gets the issued
documents of general distribution, and each document is rendered once. A background job binds
the volume; the tests' backend runs it at once, so the first request serves it, while without a
worker the visitor is asked to wait and one job is enqueued."""

import io
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import override_settings
from django_tasks import default_task_backend
from pypdf import PdfReader

from lib import pdf
from meetings import binding, pdfs, tasks
from meetings.models import Document, Rendition
from tests import factories
from tests.queries import queries_on_second_visit

LONG = [("The States Parties reviewed the operation of the Convention. " * 40, [])] * 6
ISU = {"submitted_by_en": "ISU", "submitted_by_zh_hans": "执行支助股"}


@pytest.fixture
def seventh_msp(ccm):
    return factories.meeting("CCM", "msp", 7, start=date(2017, 9, 4), end=date(2017, 9, 6))


@pytest.fixture
def documents(seventh_msp):
    """Issued in an order that is not the symbols' own: …/10 before …/2, a WP. before both."""
    working_paper = factories.document(seventh_msp, component="WP", number=1,
                                       title_en="Working paper", **ISU)
    tenth = factories.document(seventh_msp, number=10, title_en="Tenth", blocks=LONG, **ISU)
    second = factories.document(seventh_msp, number=2, title_en="Second", blocks=LONG[:2],
                                title_zh_hans="第二份文件", **ISU)
    corrigendum = factories.document(seventh_msp, amends=tenth, change="Corr", change_number=1,
                                     title_en="Tenth corrected", **ISU)
    return [second, tenth, corrigendum, working_paper]


def volume_url(meeting, language="en"):
    return f"/en/ccm/meetings/{meeting.pk}/{language}.pdf"


def pages_of(content):
    return PdfReader(io.BytesIO(content)).pages


def stored_pages(document, language="en"):
    return pages_of(bytes(Rendition.objects.get(document=document, language=language).content))


def bookmarks(content):
    """The volume's bookmarks of the first level (a document's own headings are under its)."""
    return [item.title for item in PdfReader(io.BytesIO(content)).outline
            if not isinstance(item, list)]


def contents_lines(reader_pages):
    return reader_pages[0].extract_text().splitlines()


def start_page_listed(lines, symbol):
    """The page the contents gives for `symbol` (its line ends with it)."""
    line = next(line for line in lines if line.startswith(f"{symbol} "))
    return int(line.split()[-1])


def test_the_volume_is_a_contents_page_then_every_document_in_symbol_order(anonymous,
                                                                           seventh_msp,
                                                                           documents):
    response = anonymous.get(volume_url(seventh_msp))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="CCM_MSP_2017_documents_en.pdf"' in response["Content-Disposition"]
    volume = pages_of(response.content)
    counts = [len(stored_pages(document)) for document in documents]
    assert counts[1] > 1  # the tenth document runs over several pages
    assert len(volume) == 1 + sum(counts)

    lines = contents_lines(volume)
    assert "Seventh Meeting of States Parties" in lines
    assert "Geneva, 4–6 September 2017" in lines
    assert "Contents" in lines
    listed = [line.split()[0] for line in lines if line.startswith("CCM/")]
    assert listed == ["CCM/MSP/2017/2", "CCM/MSP/2017/10", "CCM/MSP/2017/10/Corr.1",
                      "CCM/MSP/2017/WP.1"]
    start = 2
    for document, count in zip(documents, counts, strict=True):
        assert start_page_listed(lines, document.symbol) == start
        first_page = volume[start - 1].extract_text()
        assert document.symbol in first_page
        assert first_page == stored_pages(document)[0].extract_text()
        start += count


def test_each_document_has_a_bookmark_at_its_first_page(anonymous, seventh_msp, documents):
    reader = PdfReader(io.BytesIO(anonymous.get(volume_url(seventh_msp)).content))
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [item.title for item in top] == [
        "Contents", "CCM/MSP/2017/2 Second", "CCM/MSP/2017/10 Tenth",
        "CCM/MSP/2017/10/Corr.1 Tenth corrected", "CCM/MSP/2017/WP.1 Working paper"]
    lines = contents_lines(reader.pages)
    for item, document in zip(top[1:], documents, strict=True):
        assert reader.get_destination_page_number(item) + 1 == start_page_listed(
            lines, document.symbol)


def test_the_chinese_volume_speaks_chinese(anonymous, seventh_msp, documents):
    lines = contents_lines(pages_of(anonymous.get(volume_url(seventh_msp, "zh-hans")).content))
    assert "缔约国第七次会议" in lines
    assert "2017 年 9 月 4 日至 6 日，日内瓦" in lines
    assert "目录" in lines
    assert any(line.startswith("CCM/MSP/2017/2 第二份文件 执行支助股") for line in lines)


def test_restricted_and_unissued_documents_are_left_out_for_the_public(anonymous, as_user,
                                                                      ccm_officer, seventh_msp):
    factories.document(seventh_msp, number=1, title_en="Public", **ISU)
    factories.document(seventh_msp, number=2, title_en="Restricted", distribution="restricted",
                       **ISU)
    factories.document(seventh_msp, number=3, title_en="Draft", issued=False, **ISU)

    public = anonymous.get(volume_url(seventh_msp))
    assert bookmarks(public.content) == ["Contents", "CCM/MSP/2017/1 Public"]
    assert public["Cache-Control"].startswith("public")

    staff = as_user(ccm_officer).get(volume_url(seventh_msp))
    assert bookmarks(staff.content) == [
        "Contents", "CCM/MSP/2017/1 Public", "CCM/MSP/2017/2 Restricted"]
    assert staff["Cache-Control"].startswith("private")
    assert not Rendition.objects.filter(document__number=3).exists()


def test_a_meeting_without_issued_documents_has_no_volume_and_no_link(anonymous, seventh_msp):
    factories.document(seventh_msp, number=3, issued=False)
    assert anonymous.get(volume_url(seventh_msp)).status_code == 404
    assert binding.bound_pdf(seventh_msp, "en", AnonymousUser()) is None
    page = anonymous.get(f"/en/ccm/meetings/{seventh_msp.pk}/").content.decode()
    assert "All documents in one PDF" not in page


def test_the_meeting_page_links_the_volume_in_each_language(anonymous, seventh_msp):
    factories.document(seventh_msp, number=1, languages=["en"])
    page = anonymous.get(f"/en/ccm/meetings/{seventh_msp.pk}/").content.decode()
    assert "All documents in one PDF" in page
    assert f'href="/en/ccm/meetings/{seventh_msp.pk}/en.pdf"' in page
    assert f"/{seventh_msp.pk}/zh-hans.pdf" not in page  # no document in Chinese


def test_each_document_is_rendered_once_and_the_volume_bound_again_when_one_is_rerendered(
        anonymous, seventh_msp, documents, monkeypatch):
    rendered = []
    real = pdfs.render_pdf
    monkeypatch.setattr(pdfs, "render_pdf", lambda document, language: rendered.append(
        document.symbol) or real(document, language))
    first = anonymous.get(volume_url(seventh_msp))
    again = anonymous.get(volume_url(seventh_msp))
    assert sorted(rendered) == sorted(document.symbol for document in documents)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert anonymous.get(volume_url(seventh_msp),
                         HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    content = pdf.render("<p>CCM/MSP/2017/2 as rendered again</p>", "en")
    Rendition.objects.filter(document=documents[0], language="en").update(
        content=content, etag="rendered-again")
    rebound = anonymous.get(volume_url(seventh_msp))
    assert rebound["ETag"] != first["ETag"]
    assert "as rendered again" in pages_of(rebound.content)[1].extract_text()
    assert len(rendered) == len(documents)


def test_the_volume_takes_as_many_queries_for_one_document_as_for_four(anonymous, ccm,
                                                                       seventh_msp, documents):
    eighth = factories.meeting("CCM", "msp", 8, start=date(2018, 9, 3))
    factories.document(eighth, number=1, **ISU)
    assert queries_on_second_visit(anonymous, volume_url(eighth)) == queries_on_second_visit(
        anonymous, volume_url(seventh_msp))


def test_the_export_command_also_writes_the_volumes(tmp_path, seventh_msp):
    factories.document(seventh_msp, number=1, title_en="Bound", **ISU)
    factories.document(seventh_msp, number=2, issued=False)
    call_command("export_pdfs", "--meeting", str(seventh_msp.pk), "--output-dir", str(tmp_path),
                 "--no-progress", "--bound", stdout=StringIO())
    volume = (tmp_path / "CCM_MSP_2017_documents_en.pdf").read_bytes()
    assert bookmarks(volume) == ["Contents", "CCM/MSP/2017/1 Bound"]
    assert (tmp_path / "CCM_MSP_2017_documents_zh.pdf").exists()
    assert not Rendition.objects.exists()  # the command never uses or fills the store


def test_a_contents_running_over_two_pages_moves_every_start_page(seventh_msp):
    one_page = pdf.render("<p>A page</p>", "en")
    rendered = [(Document(meeting=seventh_msp, symbol=f"CCM/MSP/2017/{number}",
                          title_en=f"Document {number}", submitted_by_en="ISU"), one_page)
                for number in range(1, 61)]
    volume = pages_of(binding.bind_rendered(seventh_msp, "en", rendered))
    contents_pages = len(volume) - 60
    assert contents_pages > 1
    lines = [line for page in volume[:contents_pages] for line in page.extract_text().splitlines()]
    assert start_page_listed(lines, "CCM/MSP/2017/1") == contents_pages + 1
    assert start_page_listed(lines, "CCM/MSP/2017/60") == contents_pages + 60
    assert "A page" in volume[contents_pages].extract_text()


NO_WORKER = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@override_settings(TASKS=NO_WORKER)
def test_without_a_worker_the_visitor_is_asked_to_wait_and_one_job_is_enqueued(
        anonymous, seventh_msp, documents):
    first = anonymous.get(volume_url(seventh_msp))
    assert first.status_code == 202
    page = first.content.decode()
    assert '<meta http-equiv="refresh" content="5">' in page
    assert "The bound PDF is being prepared" in page
    assert "Seventh Meeting of States Parties" in page
    assert first["Cache-Control"] == "no-store"
    assert [(job.task, job.args) for job in default_task_backend.results] == [
        (tasks.bind_volume, [seventh_msp.pk, "en", [d.pk for d in documents]])]
    assert not Rendition.objects.exists()  # nothing is rendered in the request

    assert anonymous.get(volume_url(seventh_msp)).status_code == 202
    assert len(default_task_backend.results) == 1  # the job pending is not enqueued again

    job = default_task_backend.results[0]
    etag = job.task.call(*job.args)
    ready = anonymous.get(volume_url(seventh_msp))
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"
    assert ready["ETag"] == f'"{etag}"'
    assert bookmarks(ready.content)[0] == "Contents"
    assert len(default_task_backend.results) == 1


@override_settings(TASKS=NO_WORKER)
def test_a_document_rendered_again_has_the_volume_bound_again_in_the_background(
        anonymous, seventh_msp):
    only = factories.document(seventh_msp, number=1, title_en="Only", **ISU)
    anonymous.get(volume_url(seventh_msp))
    job = default_task_backend.results[0]
    job.task.call(*job.args)
    assert anonymous.get(volume_url(seventh_msp)).status_code == 200

    Rendition.objects.filter(document=only, language="en").update(
        content=pdf.render("<p>Rendered again</p>", "en"), etag="rendered-again")
    assert anonymous.get(volume_url(seventh_msp)).status_code == 202
    assert len(default_task_backend.results) == 2
    job = default_task_backend.results[1]
    job.task.call(*job.args)
    rebound = anonymous.get(volume_url(seventh_msp))
    assert "Rendered again" in pages_of(rebound.content)[1].extract_text()


@override_settings(TASKS=NO_WORKER)
def test_the_public_and_the_staff_wait_for_different_volumes(anonymous, as_user, ccm_officer,
                                                            seventh_msp):
    factories.document(seventh_msp, number=1, title_en="Public", **ISU)
    restricted = factories.document(seventh_msp, number=2, title_en="Restricted",
                                    distribution="restricted", **ISU)
    assert anonymous.get(volume_url(seventh_msp)).status_code == 202
    assert as_user(ccm_officer).get(volume_url(seventh_msp)).status_code == 202
    public, staff = (job.args[2] for job in default_task_backend.results)
    assert restricted.pk not in public and restricted.pk in staff


def test_a_volume_that_cannot_be_bound_is_explained_and_not_tried_again_at_once(
        anonymous, seventh_msp, monkeypatch):
    factories.document(seventh_msp, number=1, **ISU)
    attempts = []

    def no_font(*args):
        attempts.append(args)
        raise pdf.FontMissing("The Chinese font is not installed.")

    monkeypatch.setattr(binding, "bind_pdfs", no_font)
    for _visit in range(2):
        response = anonymous.get(volume_url(seventh_msp))
        assert response.status_code == 503
        assert "The Chinese font is not installed." in response.content.decode()
    assert len(attempts) == 1
