"""The workspace's plan page: the whole plan numbered, rows edited one at a time, with and
without JavaScript; locked plans read-only; a fixed number of queries."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from financing.models import Fund
from isu.models import StaffRole
from tests import factories
from tests.queries import queries_on_second_visit
from workplans import editing, models
from workplans.models import WorkPlan

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(ccm):
    plan = factories.plan("CCM", 2018, outcomes=2)
    chapter = factories.chapter(plan, "Mandate", position=1, paragraphs=2)
    models.Paragraph.objects.filter(chapter=chapter).update(text_zh_hans="段落")
    return plan


def url(plan, suffix=""):
    return f"/workspace/plans/{plan.pk}/{suffix}"


def opened_form(client, plan, kind, row):
    """The row's form as the page gives it, as a dict to post back."""
    page = client.get(url(plan), {"edit": f"{kind}-{row.pk}"}).content.decode()
    form = re.search(rf'<div class="row editing" id="{kind}-{row.pk}">.*?</form>', page, re.S)
    assert form, "the row opens as a form"
    data = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"',
                                  form.group(0)):
        data[name] = value
    for name, value in re.findall(r'<textarea name="([^"]+)"[^>]*>\n?(.*?)</textarea>',
                                  form.group(0), re.S):
        data[name] = value
    for name, value in re.findall(r'<input type="(?:text|number)" name="([^"]+)"[^>]*value="'
                                  r'([^"]*)"', form.group(0)):
        data[name] = value
    for select in re.findall(r'<select name="[^"]+".*?</select>', form.group(0), re.S):
        name = re.match(r'<select name="([^"]+)"', select).group(1)
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', select)
        data[name] = chosen if "multiple" in select.split(">")[0] else (chosen or [""])[0]
    for name, attributes in re.findall(r'<input type="checkbox" name="([^"]+)"([^>]*)>',
                                       form.group(0)):
        if "checked" in attributes:
            data[name] = "on"
    return data


def test_staff_land_in_their_workspace_after_signing_in(as_user, ccm_officer, plan):
    client = as_user(ccm_officer)
    assert client.get("/admin/")["Location"] == "/workspace/"
    page = client.get("/workspace/").content.decode()
    assert f'href="/workspace/plans/{plan.pk}/"' in page


def test_editors_start_a_plan_or_record_a_document_from_their_workspace(
        as_user, ccm_officer, coordinator):
    page = as_user(ccm_officer).get("/workspace/").content.decode()
    assert 'href="/workspace/plans/new/"' in page
    assert 'href="/admin/meetings/document/add/"' in page
    page = as_user(coordinator).get("/workspace/").content.decode()
    assert "/add/" not in page and "/plans/new/" not in page


def test_the_workspace_tells_two_versions_of_one_period_apart(as_user, ccm_officer, ccm):
    factories.published_plan_and_its_revision("CCM", 2018)
    page = as_user(ccm_officer).get("/workspace/").content.decode()
    rows = [row.split("</tr>")[0] for row in page.split("<tr>")[1:] if "CCM 2018" in row]
    assert ["<td>2</td>" in row and "CCM/MSP/2017/4/Rev.1" in row and "Draft" in row
            for row in rows] == [True, False]
    assert "<td>1</td>" in rows[1] and "CCM/MSP/2017/4<" in rows[1] and "Published" in rows[1]


def test_visitors_are_sent_to_sign_in_and_other_conventions_find_nothing(
        anonymous, as_user, apmbc_officer, plan):
    assert "/admin/login/" in anonymous.get(url(plan))["Location"]
    assert as_user(apmbc_officer).get(url(plan)).status_code == 404


def test_the_plan_reads_numbered_in_both_languages(as_user, ccm_officer, plan):
    page = as_user(ccm_officer).get(url(plan)).content.decode()
    assert '<span class="number">I.</span>' in page and '<span class="number">一.</span>' in page
    assert '<span class="number">1.2.3</span> Activity 1.2.3' in page
    assert '<span class="number">2.</span> Mandate ¶2' in page
    assert "Translation missing" not in page.split("Mandate ¶1")[1].split("</div>")[0]


def test_a_row_is_saved_without_javascript(as_user, ccm_officer, plan):
    client = as_user(ccm_officer)
    row = models.Activity.objects.get(text_en="Activity 1.2.3")
    data = opened_form(client, plan, "activity", row) | {"text_en": "Hold a regional workshop"}
    response = client.post(url(plan, f"rows/activity/{row.pk}/"), data)
    assert response.status_code == 302 and response["Location"].endswith(f"#activity-{row.pk}")
    assert models.Activity.objects.get(pk=row.pk).text_en == "Hold a regional workshop"


def test_with_htmx_a_save_answers_the_row_alone_in_few_queries(as_user, ccm_officer, plan):
    client = as_user(ccm_officer)
    row = models.Activity.objects.get(text_en="Activity 1.2.3")
    data = opened_form(client, plan, "activity", row) | {"text_en": "Hold a regional workshop"}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url(plan, f"rows/activity/{row.pk}/"), data, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and body.startswith('<div class="row')
    assert "Hold a regional workshop" in body and '<span class="number">1.2.3</span>' in body
    assert len(response.content) < 10_000
    assert len(queries) <= 15


def test_a_conflict_shows_both_texts_and_keeps_the_users(as_user, ccm_officer, plan):
    client = as_user(ccm_officer)
    row = models.Activity.objects.get(text_en="Activity 1.1.1")
    mine = opened_form(client, plan, "activity", row) | {"text_en": "Mine"}
    theirs = opened_form(client, plan, "activity", row) | {"text_en": "Theirs"}
    client.post(url(plan, f"rows/activity/{row.pk}/"), theirs)
    response = client.post(url(plan, f"rows/activity/{row.pk}/"), mine, **HTMX)
    body = response.content.decode()
    assert "changed by someone else" in body and "Theirs" in body and "\nMine</textarea>" in body
    assert models.Activity.objects.get(pk=row.pk).text_en == "Theirs"
    again = opened_form(client, plan, "activity", row)  # the version shown is now the latest
    assert client.post(url(plan, f"rows/activity/{row.pk}/"),
                       again | {"text_en": "Mine"}).status_code == 302


def test_overlong_text_is_refused_with_its_limit_and_kept(as_user, ccm_officer, plan):
    client = as_user(ccm_officer)
    row = models.Activity.objects.get(text_en="Activity 1.1.1")
    long_text = "x" * 50_000
    data = opened_form(client, plan, "activity", row) | {"text_en": long_text}
    body = client.post(url(plan, f"rows/activity/{row.pk}/"), data).content.decode()
    assert "at most 5000 characters (it has 50000)" in body and long_text in body
    row_form = body.split(f'id="activity-{row.pk}"')[1].split("</form>")[0]
    assert "maxlength=" not in row_form  # a browser would cut pasted text without a word
    assert models.Activity.objects.get(pk=row.pk).text_en == "Activity 1.1.1"


def test_rows_are_added_moved_and_deleted_without_javascript(as_user, ccm_officer, plan):
    client = as_user(ccm_officer)
    first = models.Paragraph.objects.get(text_en="Mandate ¶1")
    page = client.get(url(plan), {"add": "paragraph", "after": first.pk}).content.decode()
    assert "New paragraph" in page
    response = client.post(url(plan, "add/"), {"kind": "paragraph", "after": first.pk,
                                                "text_en": "Inserted", "text_zh_hans": "",
                                                "numbered": "on",
                                                "subparagraph_style": "letters"})
    assert response.status_code == 302
    inserted = models.Paragraph.objects.get(text_en="Inserted")
    client.post(url(plan, f"rows/paragraph/{inserted.pk}/move/"), {"direction": "up"})
    order = list(models.Paragraph.objects.filter(chapter__plan=plan).order_by("position")
                 .values_list("text_en", flat=True))
    assert order == ["Inserted", "Mandate ¶1", "Mandate ¶2"]
    outcome = models.Outcome.objects.filter(plan=plan).first()
    confirm = client.get(url(plan), {"delete": f"outcome-{outcome.pk}"}).content.decode()
    assert "With it go:" in confirm and "6 activities" in confirm
    client.post(url(plan, f"rows/outcome/{outcome.pk}/delete/"),
                {"version": editing.version_of(outcome)})
    assert not models.Outcome.objects.filter(pk=outcome.pk).exists()


def test_a_locked_plan_offers_no_editable_control_and_refuses_posts(as_user, ccm_officer, plan):
    factories.set_status(plan, WorkPlan.Status.SUBMITTED)
    client = as_user(ccm_officer)
    page = client.get(url(plan), {"edit": "x"}).content.decode()
    assert "only a draft can be changed" in page
    outline = page.split('id="outline"')[1]
    assert "<textarea" not in outline and 'form="moves"' not in page and "?edit=" not in outline
    row = models.Activity.objects.get(text_en="Activity 1.1.1")
    response = client.post(url(plan, f"rows/activity/{row.pk}/"), {"text_en": "x"}, follow=True)
    assert "only a draft work plan can be changed" in response.content.decode()
    assert models.Activity.objects.get(pk=row.pk).text_en == "Activity 1.1.1"


def test_the_workflow_is_taken_from_the_plan_page(as_user, ccm_officer, plan):
    models.Chapter.objects.filter(plan=plan).update(title_zh_hans="任务")
    factories.complete(plan)
    client = as_user(ccm_officer)
    response = client.post(url(plan, "workflow/"), {"step": "submit"}, follow=True)
    assert "The plan is now" in response.content.decode()
    assert WorkPlan.objects.get(pk=plan.pk).status == WorkPlan.Status.SUBMITTED


@pytest.fixture
def ccw_draft(db):
    """A complete draft of a convention without an endorsing body, and the meeting it goes to."""
    meeting = factories.meeting("CCW", "msp", None, start=date(2017, 11, 22))
    plan = factories.complete(factories.plan("CCW", 2018, outcomes=1),
                              official=factories.document(meeting, number=4, body="work_plan",
                                                          issued=False))
    return plan, meeting


ADOPT_AND_PUBLISH = {"step": "adopt", "on": "2017-11-22", "publish": "on"}


def test_the_head_adopts_and_publishes_in_one_submission_from_the_plan_page(as_user, ccw_draft):
    plan, meeting = ccw_draft
    head = factories.user("ccw.head", ("CCW", StaffRole.Role.HEAD_OF_ISU))
    officer = factories.user("ccw.officer", ("CCW", StaffRole.Role.ISU_OFFICER))
    assert 'name="publish"' not in as_user(officer).get(url(plan)).content.decode()
    client = as_user(head)
    page = client.get(url(plan)).content.decode()
    assert 'name="publish"' in page and "and publish it at once" in page
    response = client.post(url(plan, "workflow/"), ADOPT_AND_PUBLISH | {"meeting": meeting.pk},
                           follow=True)
    assert "The plan is now “Published”." in response.content.decode()
    plan = WorkPlan.objects.get(pk=plan.pk)
    assert (plan.status, plan.adopted_at, plan.adopted_on) == (
        WorkPlan.Status.PUBLISHED, meeting, date(2017, 11, 22))
    assert [t.step for t in plan.transitions.reverse()] == ["adopt", "publish"]


def test_after_the_adoption_the_head_is_told_the_statements_can_be_issued(as_user, ccw_draft):
    plan, meeting = ccw_draft
    head = factories.user("ccw.head", ("CCW", StaffRole.Role.HEAD_OF_ISU))
    Fund.objects.create(convention=plan.convention, kind=Fund.Kind.CORE, name_en="Core budget")
    response = as_user(head).post(url(plan, "workflow/"),
                                  ADOPT_AND_PUBLISH | {"meeting": meeting.pk}, follow=True)
    assert "invoices and personalised statements of its years can now be issued" in \
        response.content.decode()


def test_a_refused_publication_at_once_says_why_and_adopts_nothing(as_user, ccw_draft):
    plan, meeting = ccw_draft
    head = factories.user("ccw.head", ("CCW", StaffRole.Role.HEAD_OF_ISU))
    # Text saved before the printable-text check: its PDF cannot be made.
    models.Activity.objects.filter(output__outcome__plan=plan).update(text_en="Done ✓ 😀")
    response = as_user(head).post(url(plan, "workflow/"),
                                  ADOPT_AND_PUBLISH | {"meeting": meeting.pk}, follow=True)
    page = response.content.decode()
    assert "The adoption was not recorded either, since the plan cannot be published." in page
    assert "its PDF cannot be made" in page
    plan = WorkPlan.objects.get(pk=plan.pk)
    assert (plan.status, plan.adopted_at) == (WorkPlan.Status.DRAFT, None)


def test_the_page_runs_a_fixed_number_of_queries(as_user, ccm_officer, ccm):
    client = as_user(ccm_officer)
    small = factories.plan("CCM", 2018, outcomes=1)
    factories.chapter(small, "Chapter", paragraphs=1)
    large = factories.plan("CCM", 2019, outcomes=5)
    factories.chapter(large, "Chapter", paragraphs=10)
    counts = queries_on_second_visit(client, url(small), url(large))
    assert counts[0] == counts[1] <= 25


def test_the_workspace_works_in_chinese(as_user, ccm_officer, plan):
    client = as_user(ccm_officer)
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": url(plan)})
    page = client.get(url(plan)).content.decode()
    assert '<html lang="zh-hans">' in page and "工作流程" in page


def test_a_revision_shows_its_changes_since_the_published_version(as_user, ccm_officer, ccm):
    from workplans.services import start_revision

    document = factories.document(factories.meeting("CCM", "msp", 7), number=4,
                                  body="work_plan")
    published = factories.plan("CCM", 2018, outcomes=1, status=WorkPlan.Status.PUBLISHED,
                               document=document)
    revision = start_revision(published, "Corr", ccm_officer)
    changed = models.Activity.objects.get(output__outcome__plan=revision,
                                          text_en="Activity 1.1.2")
    changed.text_en = "Activity 1.1.2 with a workshop"
    changed.save()
    page = as_user(ccm_officer).get(url(revision, "changes/")).content.decode()
    assert "<ins> with a workshop</ins>" in page or "<ins>with a workshop</ins>" in page
    assert "1.1.2 → 1.1.2" in page


def test_the_translation_view_lists_rows_missing_a_language(as_user, ccm_officer, plan):
    row = models.Activity.objects.get(text_en="Activity 1.2.3")
    models.Activity.objects.filter(pk=row.pk).update(text_zh_hans="")
    page = as_user(ccm_officer).get(url(plan, "translation/")).content.decode()
    assert "rows are missing a language." in page and "Activity 1.2.3" in page
    assert "Activity 1.2.2" not in page
    assert f"?edit=activity-{row.pk}#activity-{row.pk}" in page


def test_a_rows_history_reads_in_labels(as_user, ccm_officer, plan):
    indicator = models.Indicator.objects.filter(outcome__plan=plan).first()
    indicator.qualifier = "up_to"
    indicator.save()
    page = as_user(ccm_officer).get(
        url(plan, f"rows/indicator/{indicator.pk}/history/")).content.decode()
    assert "up to" in page and "up_to" not in page


def test_a_plan_is_cloned_with_choices_and_the_old_years_are_listed(as_user, ccm_officer, plan):
    models.Paragraph.objects.filter(text_en="Mandate ¶1").update(
        text_en="The 2018 work plan", text_zh_hans="2018年工作计划")
    client = as_user(ccm_officer)
    chapter = models.Chapter.objects.get(plan=plan)
    response = client.post(url(plan, "clone/"), {"chapters": [chapter.pk],
                                                 "indicators": "none", "budget": ""})
    new = WorkPlan.objects.get(start_year=2019)
    assert response["Location"] == f"/workspace/plans/{new.pk}/old-years/"
    assert not models.Indicator.objects.filter(outcome__plan=new).exists()
    page = client.get(response["Location"]).content.decode()
    assert "The 2018 work plan" in page and "2018年工作计划" in page


@pytest.mark.parametrize("kind", sorted(editing.kinds()))
def test_every_kind_of_row_opens_and_saves_in_place(as_user, ccm_officer, ccm, kind):
    plan = factories.plan_with_every_kind_of_row()
    model = editing.kinds()[kind]
    row = model.objects.filter(models.PLAN.rows_of(model, plan.pk)).first()
    client = as_user(ccm_officer)
    data = opened_form(client, plan, kind, row)
    text_field = next(name for name in data if name.endswith("_en"))
    data[text_field] = f"Changed {kind}"
    response = client.post(url(plan, f"rows/{kind}/{row.pk}/"), data, **HTMX)
    assert response.status_code == 200, response.content.decode()[:500]
    body = response.content.decode()
    assert 'class="row editing"' not in body, re.findall(r'errorlist.*?</ul>', body)
    assert f"Changed {kind}" in body
    assert f"Changed {kind}" in str(vars(model.objects.get(pk=row.pk)))


def test_a_paragraph_set_as_a_bullet_reads_with_its_bullet(as_user, ccm_officer, plan):
    client = as_user(ccm_officer)
    row = models.Paragraph.objects.get(text_en="Mandate ¶2")
    data = opened_form(client, plan, "paragraph", row)
    data.pop("numbered")
    response = client.post(url(plan, f"rows/paragraph/{row.pk}/"), data | {"bullet": "on"})
    assert response.status_code == 302
    page = client.get(url(plan)).content.decode()
    assert '<span class="number">•</span> Mandate ¶2' in page


def test_making_an_unnumbered_paragraph_a_bullet_shows_the_outline_again(
        as_user, ccm_officer, plan):
    client = as_user(ccm_officer)
    row = models.Paragraph.objects.get(text_en="Mandate ¶2")
    models.Paragraph.objects.filter(pk=row.pk).update(numbered=False)
    data = opened_form(client, plan, "paragraph", row) | {"bullet": "on"}
    response = client.post(url(plan, f"rows/paragraph/{row.pk}/"), data, **HTMX)
    assert response.status_code == 204 and response["HX-Refresh"] == "true"
