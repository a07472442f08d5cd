"""The first page of a document: who it is issued for at the top left, and the conference
services' job number at its foot once they give it."""

import pytest
from django.core.exceptions import ValidationError

from meetings.rendering import pdf_markup
from tests import factories


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


@pytest.mark.parametrize("job_number", ["17-09152", "GE.17-0915", 'GE.17-09152"); x', "ge.17-09152"])
def test_a_job_number_not_in_the_conference_services_form_is_refused(db, job_number):
    with pytest.raises(ValidationError) as refused:
        factories.document(factories.meeting("CCM", "msp", 7), number=4, job_number=job_number)
    assert "job_number" in refused.value.message_dict
