"""The home page lists the meetings on now or coming and those just held, each with its
documents, and the latest documents; a meeting's page lists its documents the same way: symbol,
title, author, type, date and the language versions, linked to their PDFs where the product
makes them. Only what the visitor may see, in a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from meetings.listings import document_type, versions
from meetings.models import Document
from tests import factories
from tests.queries import queries_on_second_visit


def rows(page):
    """The rows of a page's document tables, as their HTML."""
    return [row.split("</tr>")[0] for table in page.split('<table class="documents">')[1:]
            for row in table.split("</thead>")[1].split("<tr>")[1:]]


@pytest.fixture
def seventh_msp(ccm):
    return factories.meeting("CCM", "msp", 7, start=date(2017, 9, 4), end=date(2017, 9, 6))


def test_a_meetings_documents_are_listed_with_symbol_title_author_type_date_and_languages(
        anonymous, seventh_msp):
    factories.document(seventh_msp, number=4, component="WP", title_en="Universalization",
                       submitted_by_en="Chile", submitted_on=date(2017, 8, 1),
                       languages=["en", "zh-hans", "fr", "ar"])
    page = anonymous.get(f"/en/ccm/meetings/{seventh_msp.pk}/").content.decode()
    [row] = rows(page)
    assert '<a href="/en/documents/CCM/MSP/2017/WP.4/">CCM/MSP/2017/WP.4</a>' in row
    assert all(text in row for text in ("Universalization", "Chile", "Working paper",
                                        "1 August 2017"))
    codes = [part.split("</abbr>")[0].split(">")[-1] for part in row.split("<abbr")[1:]]
    assert codes == ["AR", "EN", "FR", "ZH"]
    assert 'data-label="Submitted by"' in row and 'data-label="Languages"' in row


def test_the_language_codes_link_the_pdfs_the_product_makes(seventh_msp):
    document = factories.document(seventh_msp, number=4, languages=["ar", "en", "zh-hans"])
    with translation.override("en"):
        listed = {version.code: version.pdf_url for version in versions(document)}
    assert listed == {"AR": "", "EN": "/en/documents/CCM/MSP/2017/4/en.pdf",
                      "ZH": "/en/documents/CCM/MSP/2017/4/zh-hans.pdf"}
    recorded_only = factories.document(seventh_msp, number=5, body="none")
    assert [version.pdf_url for version in versions(recorded_only)] == ["", ""]


def test_a_documents_type_follows_its_component_or_its_change_or_its_body(seventh_msp):
    with translation.override("en"):
        def kind(**fields):
            return str(document_type(Document(meeting=seventh_msp, **fields)))

        assert kind(component="WP") == "Working paper"
        assert kind(component="INF") == "Information paper"
        assert kind(component="CRP") == "Conference room paper"
        assert kind(body="work_plan") == "Work plan and budget"
        assert kind(body="narrative") == "Official document"
        assert kind(change="Corr", body="narrative") == "Corrigendum"


def test_the_home_page_lists_the_meetings_on_now_and_those_just_held_with_their_documents(
        anonymous, seventh_msp):
    today = timezone.localdate()
    coming = factories.meeting("CCM", "msp", 9, start=today + timedelta(days=30))
    agenda = factories.document(coming, number=1, title_en="Provisional agenda",
                                submitted_on=today).symbol
    factories.document(seventh_msp, number=4, title_en="Sponsorship report",
                       submitted_on=date(2017, 6, 1))
    page = anonymous.get("/en/").content.decode()
    now, held = page.split('id="recent-meetings"')
    assert "Ninth Meeting of States Parties" in now and agenda in now
    assert "Seventh Meeting of States Parties" in held and "CCM/MSP/2017/4" in held
    assert "Seventh" not in now and agenda not in held.split('id="latest-documents"')[0]
    latest = page.split('id="latest-documents"')[1]
    assert latest.index(agenda) < latest.index("CCM/MSP/2017/4")  # the newest first


def test_documents_the_visitor_may_not_see_are_not_listed(anonymous, as_user, ccm_officer,
                                                            seventh_msp):
    factories.document(seventh_msp, number=4, title_en="Issued paper")
    factories.document(seventh_msp, number=5, title_en="Unissued paper", issued=False)
    for url in ("/en/", f"/en/ccm/meetings/{seventh_msp.pk}/"):
        assert "CCM/MSP/2017/5" not in anonymous.get(url).content.decode()
        assert "CCM/MSP/2017/5" in as_user(ccm_officer).get(url).content.decode()


def test_the_home_and_meeting_pages_run_the_same_queries_for_few_and_many_documents(
        as_user, ccm_officer, apmbc, seventh_msp):
    client = as_user(ccm_officer)  # signed in: the pages are not served from the cache
    factories.document(seventh_msp, number=1)
    pages = ("/en/", f"/en/ccm/meetings/{seventh_msp.pk}/")
    few = queries_on_second_visit(client, *pages)
    for number in range(2, 12):
        factories.document(seventh_msp, number=number, component="WP" if number % 2 else "")
    for ordinal in (5, 6, 8):
        held = factories.meeting("CCM", "msp", ordinal, start=date(2010 + ordinal, 9, 1))
        factories.document(held, number=1)
    factories.document(factories.meeting("APMBC", "msp", 22, start=date(2025, 12, 1)),
                       number=1)
    assert queries_on_second_visit(client, *pages) == few
