"""Every seed document as a PDF in both languages: its masthead, numbers and figures."""

import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from lib import pdf
from meetings.models import Document
from meetings.rendering import render_pdf
from tests.seeds import load_demo


def text_of(content):
    pages = PdfReader(io.BytesIO(content)).pages
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in pages))


def squeezed(text):
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seed_pdfs(django_db_setup, django_db_blocker):
    """Every seed document rendered in both languages, once for the module."""
    with django_db_blocker.unblock():
        load_demo()
        rendered = {}
        for document in Document.objects.exclude(body="none"):
            for language in ("zh-hans", "en"):
                rendered[(document.symbol, language)] = text_of(render_pdf(document, language))
        yield rendered
        call_command("flush", interactive=False, verbosity=0)


SEED_TEXTS = {
    ("CCM/MSP/2017/4", "zh-hans"): ["CCM/MSP/2017/4", "缔约国第七次会议", "临时议程项目8(j)",
                                   "执行支助股2018年工作计划和预算", "执行支助股提交", "一.",
                                   "活动1.1.1", "465,440瑞郎", "薪金345,054", "Original:English"],
    ("CCM/MSP/2017/4", "en"): ["SeventhMeetingofStatesParties", "Item8(j)oftheprovisionalagenda",
                               "SubmittedbytheImplementationSupportUnit", "I.", "Activity1.1.1",
                               "CHF465,440", "Geneva,4–6September2017"],
    ("APLC/MSP.22/2025/5", "zh-hans"): ["第二十二届会议", "临时议程项目9(h)(一)", "本文件逾期提交",
                                       "769,221瑞郎", "679,221瑞郎", "8October2025"],
    ("APLC/MSP.22/2025/5", "en"): ["Twenty-secondMeetingoftheStatesParties",
                                   "Item9(h)(i)oftheprovisionalagenda", "CHF769,221",
                                   "Activities", "Impact"],
    ("CCW/MSP/2014/3", "zh-hans"): ["2014年会议", "临时议程项目13", "执行支助股的报告", "A.", "J.",
                                   "21.", "CCW/MSP/2009/5"],
    ("CCW/MSP/2014/3", "en"): ["2014MeetingoftheHighContractingParties",
                               "ReportoftheImplementationSupportUnit", "(f)", "CCW/MSP/2013/10"],
    ("CCM/CONF/2020/PM.2/2", "zh-hans"): ["第二次审议会议第二次筹备会议", "临时议程项目5(a)", "五.",
                                         "第二次审议会议主席提交", "21."],
    ("CCM/CONF/2020/PM.2/2", "en"): ["SecondPreparatoryMeetingoftheSecondReviewConference",
                                     "SubmittedbythePresidentoftheSecondReviewConference"],
    ("CCM/CONF/2015/PM.1/WP.8", "zh-hans"): ["第一次审议会议第一次筹备会议", "八.国际合作与援助",
                                            "15."],
    ("CCM/CONF/2015/PM.1/WP.8", "en"): ["VIII.Internationalcooperationandassistance",
                                        "PresidentoftheFifthMeetingofStatesParties"],
}


@pytest.mark.parametrize("key", SEED_TEXTS)
def test_every_seed_pdf_carries_its_masthead_numbers_and_figures(seed_pdfs, key):
    text = seed_pdfs[key]
    for expected in SEED_TEXTS[key]:
        assert squeezed(expected) in text, expected


def test_no_character_of_the_seeds_lacks_a_glyph(seed_pdfs):
    # Rendering refuses any character without a glyph, so every seed rendering proves it; the
    # check itself does see a character that no PDF font draws.
    # The five seeds, and the demo's drafted APMBC 2026 report with the two papers it cites.
    assert len(seed_pdfs) == 16
    assert pdf.missing_characters("执行支助股 CHF 769,221 🙂", tuple(pdf.fonts_for("zh-hans"))) == [
        "🙂"]


