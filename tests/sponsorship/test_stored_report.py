"""The yearly report's PDF is printed once per language and stored; it is printed again only
when what it shows changes."""

from datetime import date
from decimal import Decimal
from unittest import mock

import pytest

from lib import pdf
from sponsorship.models import Application, Round, YearReportPdf
from sponsorship.services import decide
from tests import factories
from tests.sponsorship.money import apply, give

REPORT_2017 = "/en/ccm/sponsorship/2017/report.pdf"


@pytest.fixture
def printer():
    """The PDF renderer, counting its calls."""
    with mock.patch("lib.pdf.render", wraps=pdf.render) as spy:
        yield spy


def test_two_visitors_get_the_same_pdf_printed_once(anonymous, programme, seventh, printer):
    give(programme, 5000)
    first = anonymous.get(REPORT_2017)
    second = anonymous.get(REPORT_2017)
    assert printer.call_count == 1
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    assert first["Content-Length"] == str(len(first.content))
    assert anonymous.get(REPORT_2017, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert bytes(YearReportPdf.objects.get().content) == first.content


def test_a_change_to_the_figures_prints_the_report_again(anonymous, programme, seventh,
                                                         ccm_sponsorship, printer):
    give(programme, 5000)
    before = anonymous.get(REPORT_2017)
    decide(apply(seventh), Application.Decision.OFFERED, "Priority.", ccm_sponsorship)
    after = anonymous.get(REPORT_2017)
    assert printer.call_count == 2
    assert after["ETag"] != before["ETag"]
    assert bytes(YearReportPdf.objects.get().content) == after.content
    assert anonymous.get(REPORT_2017).content == after.content
    assert printer.call_count == 2


def test_a_past_years_report_is_not_printed_again_for_the_years_after_it(
        anonymous, programme, seventh, printer):
    give(programme, 5000)
    before = anonymous.get(REPORT_2017)
    Round.objects.create(programme=programme, meeting=factories.meeting(
        "CCM", "msp", 8, start=date(2018, 9, 3)), application_deadline=date(2018, 7, 1),
        envelope=Decimal(1))
    give(programme, 7000, year=2018)
    assert anonymous.get(REPORT_2017).content == before.content
    assert printer.call_count == 1
    assert anonymous.get("/en/ccm/sponsorship/2018/report.pdf").status_code == 200
    assert printer.call_count == 2


def test_each_language_is_stored_apart(anonymous, programme, seventh, printer):
    give(programme, 5000)
    anonymous.get(REPORT_2017)
    anonymous.get("/zh-hans/ccm/sponsorship/2017/report.pdf")
    assert sorted(YearReportPdf.objects.values_list("language", flat=True)) == ["en", "zh-hans"]
    assert printer.call_count == 2
