"""What an issued document prints stays as it was issued: its meeting, its agenda item, and a
work plan's document is issued only by publishing its plan, whatever else is tried."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from isu.models import Convention
from meetings.models import AgendaItem, Document, Meeting, Rendition
from tests import factories
from tests.admin_pages import page_data
from workplans.models import WorkPlan

DOCUMENTS = "/admin/meetings/document/"


@pytest.fixture
def seventh_msp(ccm):
    return factories.meeting("CCM", "msp", 7, start=date(2017, 9, 4), end=date(2017, 9, 6))


@pytest.fixture
def published_plan(seventh_msp):
    document = factories.document(seventh_msp, number=4, body="work_plan")
    return factories.plan("CCM", 2018, outcomes=1, status=WorkPlan.Status.PUBLISHED,
                          document=document)


def test_a_narrative_change_of_a_work_plan_document_is_refused(published_plan, seventh_msp):
    fake = Document(meeting=seventh_msp, amends=published_plan.document, change="Rev",
                    change_number=2, body="narrative", title_en="Rev", languages=["en"],
                    submitted_by_en="ISU")
    with pytest.raises(ValidationError, match="started from the plan's Workflow page"):
        fake.full_clean()
    with pytest.raises(ValidationError, match="started from the plan's Workflow page"):
        fake.save()


def test_an_officer_cannot_issue_a_fake_revision_in_the_admin(as_user, ccm_officer,
                                                            published_plan, seventh_msp,
                                                            anonymous):
    from tests.meetings.test_admin import document_post

    response = as_user(ccm_officer).post(f"{DOCUMENTS}add/", document_post(
        seventh_msp, "CCM/MSP/2017/4/Rev.2", issued="on"))
    assert response.status_code == 200
    assert not Document.objects.filter(symbol="CCM/MSP/2017/4/Rev.2").exists()
    data = anonymous.get(f"/api/documents/{published_plan.document_id}/").json()
    assert data["current_version"] == "CCM/MSP/2017/4"


def test_a_plans_document_keeps_its_body_and_is_not_issued_before_the_plan(as_user, ccm_officer,
                                                                         seventh_msp,
                                                                         anonymous):
    document = factories.document(seventh_msp, number=4, body="work_plan")
    factories.plan("CCM", 2018, document=document)
    document.body = "narrative"
    with pytest.raises(ValidationError, match="stays the work plan's"):
        document.save()
    client = as_user(ccm_officer)
    url = f"{DOCUMENTS}{document.pk}/change/"
    client.post(url, page_data(client.get(url)) | {"body": "narrative"})
    client.post(url, page_data(client.get(url)) | {"body": "narrative", "issued": "on"})
    stored = Document.objects.get(pk=document.pk)
    assert (stored.body, stored.issued) == ("work_plan", False)
    assert anonymous.get("/en/documents/CCM/MSP/2017/4/").status_code == 404


def test_the_meeting_of_an_issued_document_keeps_what_it_prints(seventh_msp):
    factories.document(seventh_msp, number=3)
    meeting = Meeting.objects.get(pk=seventh_msp.pk)
    meeting.venue_en = "Elsewhere"
    with pytest.raises(ValidationError, match="no longer change"):
        meeting.full_clean()
    with pytest.raises(ValidationError, match="no longer change"):
        meeting.save()
    meeting.refresh_from_db()
    meeting.presidency = "FR"  # not printed: may change
    meeting.save()


def test_the_convention_of_an_issued_document_keeps_its_short_name_and_series(seventh_msp):
    factories.document(seventh_msp, number=3)
    convention = Convention.objects.get(pk=seventh_msp.convention_id)
    convention.short_name_en = "Oslo Convention"
    with pytest.raises(ValidationError, match="no longer change"):
        convention.full_clean()
    with pytest.raises(ValidationError, match="no longer change"):
        convention.save()
    convention.refresh_from_db()
    convention.document_series = "CM"
    with pytest.raises(ValidationError, match="no longer change"):
        convention.save()
    convention.refresh_from_db()
    convention.isu_host_en = "Another host"  # not printed in meeting names or symbols
    convention.save()


def test_the_admin_says_why_an_issued_conventions_short_name_stays(as_user, superuser,
                                                                   seventh_msp):
    factories.document(seventh_msp, number=3)
    admin = as_user(superuser)
    address = f"/admin/isu/convention/{seventh_msp.convention_id}/change/"
    data = page_data(admin.get(address)) | {"short_name_en": "Oslo Convention"}
    response = admin.post(address, data)
    assert response.status_code == 200 and "no longer change" in response.content.decode()
    assert Convention.objects.get(pk=seventh_msp.convention_id).short_name_en != "Oslo Convention"


def test_the_agenda_item_of_an_issued_document_keeps_its_number_and_title(seventh_msp):
    item = AgendaItem.objects.create(meeting=seventh_msp, number=8, title_en="Other matters")
    sub = AgendaItem.objects.create(meeting=seventh_msp, parent=item, number=10,
                                    title_en="Implementation support")
    factories.document(seventh_msp, number=3, agenda_item=sub)
    for row in (item, sub):
        row.title_en = "Renamed"
        with pytest.raises(ValidationError, match="no longer change"):
            row.save()
    assert AgendaItem.objects.get(pk=item.pk).title_en == "Other matters"


def test_a_document_issued_in_the_admin_stores_its_pdfs_then(as_user, ccm_officer, seventh_msp):

    document = factories.document(seventh_msp, number=4, issued=False, title_zh_hans="一份文件",
                                  submitted_on=date(2017, 6, 1), blocks=[("Said.", [])])
    client = as_user(ccm_officer)
    url = f"{DOCUMENTS}{document.pk}/change/"
    response = client.post(url, page_data(client.get(url)) | {"issued": "on"})
    assert response.status_code == 302
    assert Rendition.objects.filter(document=document).count() == 2


def test_a_symbol_prefix_has_no_dot_parts_and_is_its_meetings_own(seventh_msp, ccm):
    other = factories.meeting("CCM", "msp", 8, start=date(2018, 9, 3))
    for prefix, message in [("CCM/../APLC/MSP.22/2025", "only dots"),
                            ("CCM/MSP/2017", "already numbers its documents")]:
        other.symbol_prefix = prefix
        with pytest.raises(ValidationError, match=message):
            other.full_clean()
        with pytest.raises(ValidationError, match=message):
            other.save()
