"""The first page of a document: who it is issued for at the top left, and the conference
services' job number at its foot once they give it."""

import pytest
from django.core.exceptions import ValidationError

from meetings.models import AgendaItem
from meetings.rendering import pdf_markup, render_pdf
from tests import factories
from tests.pdfcheck import Pdf


def test_the_masthead_prints_the_conventions_masthead_name_else_its_name(db):
    mine_ban = factories.document(factories.meeting("APMBC", "msp", 22), number=5)
    assert "《关于禁止使用、储存、生产和转让杀伤人员地雷及销毁此种地雷的公约》缔约国会议" in \
        pdf_markup(mine_ban, "zh-hans")
    assert "Meeting of the States Parties to the Convention on the Prohibition" in \
        pdf_markup(mine_ban, "en")
    cluster = factories.document(factories.meeting("CCM", "msp", 7), number=4)
    assert '<div class="body">Convention on Cluster Munitions</div>' in pdf_markup(cluster, "en")


def test_the_job_number_prints_with_the_letter_of_each_language(db):
    document = factories.document(factories.meeting("CCM", "msp", 7), number=4,
                                  job_number="GE.17-09152")
    assert 'content: "GE.17-09152(C)"' in pdf_markup(document, "zh-hans")
    assert 'content: "GE.17-09152(E)"' in pdf_markup(document, "en")


def test_without_a_job_number_the_foot_of_the_first_page_is_empty(db):
    document = factories.document(factories.meeting("CCM", "msp", 7), number=4)
    assert 'content: "";' in pdf_markup(document, "en")


@pytest.mark.parametrize("job_number", ["17-09152", "GE.17-0915", 'GE.17-09152"); x', "ge.17-09152",
                                        "GE.17-09152\n", "GE.١٧-٠٩١٥٢"])
def test_a_job_number_not_in_the_conference_services_form_is_refused(db, job_number):
    with pytest.raises(ValidationError) as refused:
        factories.document(factories.meeting("CCM", "msp", 7), number=4, job_number=job_number)
    assert "job_number" in refused.value.message_dict


def test_the_meeting_and_agenda_lines_are_set_flush_left_not_stretched(db):
    meeting = factories.meeting("APMBC", "msp", 22)
    item = AgendaItem.objects.create(
        meeting=meeting, number=9,
        title_en="Report on the activities, functioning and finances of the Implementation "
                 "Support Unit and presentation of the work plan and budget of the "
                 "Implementation Support Unit for 2026")
    document = factories.document(meeting, number=5, agenda_item=item, body="narrative",
                                  issued=False)
    pdf = Pdf(render_pdf(document, "en"))
    [first_line] = [line for line in pdf.pages[0].lines if line.text.startswith("Report on the")]
    chars = first_line.chars
    widest = max(right["x0"] - left["x1"] for left, right in zip(chars, chars[1:], strict=False))
    # A space of the face is a quarter of an em; a justified line stretches it.
    assert widest < 0.27 * first_line.size, f"{widest / first_line.size:.2f} em in {first_line}"


def test_a_version_in_its_original_language_has_no_language_line(db):
    document = factories.document(factories.meeting("CCM", "msp", 7), number=4)
    assert "<p>English</p>" not in pdf_markup(document, "en")
    assert "<p>Chinese</p>\n  <p>Original: English</p>" in pdf_markup(document, "zh-hans")
