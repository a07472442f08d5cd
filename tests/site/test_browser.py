"""In a real browser: an officer builds part of a plan in the workspace and submits it, a
coordinator endorses, the head of the ISU records the adoption and publishes, and a visitor reads
it in Chinese and downloads the PDF; two officers editing one row see the conflict and lose
nothing. The main public and workspace pages pass axe-core with no serious or critical
violation."""

import io
import os
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from isu.models import StaffRole
from tests import factories
from workplans.models import Activity, WorkPlan

CHROMIUM = Path("/usr/bin/chromium")
# CI sets REQUIRE_BROWSER so that a missing browser fails instead of skipping.
if not CHROMIUM.exists() and not os.environ.get("REQUIRE_BROWSER"):
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")
NEW_ACTIVITY_ZH = "为缔约国举办一次关于第四条的区域讲习班"
NEW_ACTIVITY_EN = "Organize a regional workshop on Article 4 for States Parties"


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls stay
    # synchronous and safe, so Django is told so for the test's duration only.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def scene(transactional_db):
    ccm = factories.convention("CCM")
    users = {
        "officer": factories.user("officer", ("CCM", StaffRole.Role.ISU_OFFICER)),
        "coordinator": factories.user("coordinator", ("CCM", StaffRole.Role.COORDINATOR)),
        "head": factories.user("head", ("CCM", StaffRole.Role.HEAD_OF_ISU)),
    }
    meeting = factories.meeting("CCM", "msp", 7, start=date(2017, 9, 4), end=date(2017, 9, 6))
    plan = factories.complete(
        factories.plan("CCM", 2018, outcomes=1, outputs=1, activities=1),
        factories.document(meeting, number=4, body="work_plan",
                           title_en="ISU 2018 work plan and budget",
                           title_zh_hans="执行支助股 2018 年工作计划和预算"))
    return {"convention": ccm, "users": users, "meeting": meeting, "plan": plan}


def signed_in(browser, base, username):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", factories.PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/workspace/")  # staff land in their workspace
    return page


def take_step(page, base, plan, step, **fields):
    """Take a workflow step from the plan's page in the workspace."""
    page.goto(f"{base}/workspace/plans/{plan.pk}/")
    page.check(f"input[name=step][value={step}]")
    for name, value in fields.items():
        if name == "meeting":
            page.select_option("select[name=meeting]", value)
        else:
            page.fill(f"[name={name}]", value)
    page.click("text=Take this step")
    page.wait_for_load_state()


def test_a_plan_is_built_in_the_workspace_and_goes_to_the_public_site_and_its_pdf(
        browser, live_server, scene):
    base, plan = live_server.url, scene["plan"]
    officer = signed_in(browser, base, "officer")
    officer.click(f"a[href='/workspace/plans/{plan.pk}/']")
    activity = Activity.objects.get(output__outcome__plan=plan)
    # A new activity after the first one, typed in with the keyboard.
    officer.click(f"#activity-{activity.pk} >> text=Add after")
    officer.focus("textarea[name=text_zh_hans]")
    officer.keyboard.type(NEW_ACTIVITY_ZH)
    officer.keyboard.press("Tab")
    officer.keyboard.type(NEW_ACTIVITY_EN)
    officer.click("button:has-text('Add')")
    officer.wait_for_load_state()
    new = Activity.objects.get(text_en=NEW_ACTIVITY_EN)
    assert officer.locator(f"#activity-{new.pk} .number").first.inner_text() == "1.1.2"
    # The first activity edited in place (htmx): the page is not reloaded.
    officer.evaluate("window.notReloaded = true")
    officer.click(f"#activity-{activity.pk} >> text=Edit")
    officer.wait_for_selector(f"#activity-{activity.pk} textarea[name=text_en]")
    officer.fill(f"#activity-{activity.pk} textarea[name=text_en]", "Support the Presidency")
    officer.click(f"#activity-{activity.pk} button:has-text('Save')")
    officer.wait_for_selector(f"#activity-{activity.pk}:not(.editing)")
    assert officer.evaluate("window.notReloaded") is True
    assert "Support the Presidency" in officer.inner_text(f"#activity-{activity.pk}")
    take_step(officer, base, plan, "submit")
    assert "cannot be changed" in officer.content() or "only a draft" in officer.content()
    assert officer.locator("#outline textarea, #outline button").count() == 0

    coordinator = signed_in(browser, base, "coordinator")
    take_step(coordinator, base, plan, "endorse")

    head = signed_in(browser, base, "head")
    take_step(head, base, plan, "adopt", meeting=str(scene["meeting"].pk), on="2017-09-06")
    take_step(head, base, plan, "publish")
    assert WorkPlan.objects.get(pk=plan.pk).status == WorkPlan.Status.PUBLISHED

    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/en/ccm/work-plans/2018/")
    assert NEW_ACTIVITY_EN in visitor.content()
    visitor.click("a[hreflang=zh-hans][lang=zh-hans]")
    visitor.wait_for_url(f"{base}/zh-hans/ccm/work-plans/2018/")
    assert NEW_ACTIVITY_ZH in visitor.content()
    pdf_url = visitor.locator("a:has-text('中文 PDF')").get_attribute("href")
    response = visitor.request.get(f"{base}{pdf_url}")
    assert response.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert NEW_ACTIVITY_ZH in text.replace("\n", "").replace(" ", "")


def test_two_officers_editing_one_row_see_the_conflict_and_lose_nothing(
        browser, live_server, scene):
    base, plan = live_server.url, scene["plan"]
    second = factories.user("second", ("CCM", StaffRole.Role.ISU_OFFICER))
    assert second
    activity = Activity.objects.get(output__outcome__plan=plan)
    pages = [signed_in(browser, base, name) for name in ("officer", "second")]
    for page in pages:
        page.goto(f"{base}/workspace/plans/{plan.pk}/")
        page.click(f"#activity-{activity.pk} >> text=Edit")
        page.wait_for_selector(f"#activity-{activity.pk} textarea[name=text_en]")
    first, other = pages
    first.fill(f"#activity-{activity.pk} textarea[name=text_en]", "First officer's words")
    first.click(f"#activity-{activity.pk} button:has-text('Save')")
    first.wait_for_selector(f"#activity-{activity.pk}:not(.editing)")
    other.fill(f"#activity-{activity.pk} textarea[name=text_en]", "Second officer's words")
    other.click(f"#activity-{activity.pk} button:has-text('Save')")
    other.wait_for_selector(".conflict")
    assert "First officer's words" in other.inner_text(".conflict")
    assert other.input_value(f"#activity-{activity.pk} textarea[name=text_en]") == (
        "Second officer's words")
    assert Activity.objects.get(pk=activity.pk).text_en == "First officer's words"
    other.click(f"#activity-{activity.pk} button:has-text('Save')")  # keep the second text
    other.wait_for_selector(f"#activity-{activity.pk}:not(.editing)")
    assert Activity.objects.get(pk=activity.pk).text_en == "Second officer's words"


def test_the_workspace_pages_pass_axe(browser, live_server, scene):
    from axe_playwright_python.sync_playwright import Axe

    base, plan = live_server.url, scene["plan"]
    page = signed_in(browser, base, "officer")
    activity = Activity.objects.get(output__outcome__plan=plan)
    axe = Axe()
    for path in ["/workspace/", f"/workspace/plans/{plan.pk}/",
                 f"/workspace/plans/{plan.pk}/?edit=activity-{activity.pk}",
                 f"/workspace/plans/{plan.pk}/translation/", f"/workspace/plans/{plan.pk}/clone/"]:
        page.goto(f"{base}{path}")
        results = axe.run(page)
        serious = [v for v in results.response["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert not serious, (path, [(v["id"], v["help"], v["nodes"][0]["html"])
                                    for v in serious])


def test_the_main_public_pages_pass_axe(browser, live_server, scene):
    from axe_playwright_python.sync_playwright import Axe

    plan = scene["plan"]
    WorkPlan.objects.filter(pk=plan.pk).update(status=WorkPlan.Status.PUBLISHED)
    plan.document.issued = True
    plan.document.save()
    axe = Axe()
    page = browser.new_context().new_page()
    for path in ["/en/", "/zh-hans/ccm/", "/en/ccm/work-plans/2018/",
                 "/zh-hans/ccm/work-plans/2018/", f"/en/ccm/meetings/{scene['meeting'].pk}/",
                 "/en/documents/CCM/MSP/2017/4/", "/zh-hans/search/?q=2018"]:
        page.goto(f"{live_server.url}{path}")
        results = axe.run(page)
        serious = [v for v in results.response["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert not serious, (path, [(v["id"], v["help"], v["nodes"][0]["html"])
                                    for v in serious])


def test_on_a_phone_budget_rows_and_documents_read_as_labelled_blocks(browser, live_server,
                                                                     scene):
    plan = scene["plan"]
    WorkPlan.objects.filter(pk=plan.pk).update(status=WorkPlan.Status.PUBLISHED)
    plan.document.issued = True
    plan.document.save()
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    for path in ["/zh-hans/ccm/work-plans/2018/", f"/zh-hans/ccm/meetings/{scene['meeting'].pk}/",
                 "/zh-hans/"]:
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.goto(f"{live_server.url}/zh-hans/ccm/work-plans/2018/")
    amount = page.locator(".budget-table td.amount").first
    box = amount.bounding_box()
    assert box["x"] + box["width"] <= 390 and box["width"] > 300  # the row's full width
    label = amount.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"2018 年(瑞郎)"'
    page.goto(f"{live_server.url}/en/ccm/meetings/{scene['meeting'].pk}/")
    author = page.locator("table.documents td[data-label='Submitted by']").first
    assert author.evaluate("cell => getComputedStyle(cell, '::before').content") == (
        '"Submitted by"')


def test_a_row_is_dragged_to_another_place_among_its_siblings(browser, live_server, scene):
    from workplans.models import Paragraph

    base, plan = live_server.url, scene["plan"]
    chapter = factories.chapter(plan, "Mandate", paragraphs=3)
    first, _second, third = Paragraph.objects.filter(chapter=chapter).order_by("position")
    page = signed_in(browser, base, "officer")
    page.goto(f"{base}/workspace/plans/{plan.pk}/")
    page.locator(f"li:has(> #paragraph-{third.pk})").drag_to(
        page.locator(f"li:has(> #paragraph-{first.pk})"))
    page.wait_for_load_state()
    page.wait_for_timeout(500)
    order = list(Paragraph.objects.filter(chapter=chapter).order_by("position")
                 .values_list("text_en", flat=True))
    assert order == ["Mandate ¶3", "Mandate ¶1", "Mandate ¶2"]


def test_on_a_phone_the_wide_financing_tables_scroll_in_their_frame(browser, live_server, scene):
    from financing.models import Contributor, Fund, Statement, StatementRun

    finance = factories.user("finance", ("CCM", StaffRole.Role.FINANCE))
    fund = Fund.objects.create(convention=scene["convention"], kind=Fund.Kind.CORE,
                               name_en="Core budget")
    run = StatementRun.objects.create(fund=fund, year=2018, issued_on=date(2017, 9, 15),
                                      recorded_by=finance)
    Statement.objects.create(run=run, contributor=Contributor.objects.create(state="NO"),
                             reference="CCM-2018-1-001", requested=25000, paid=0,
                             outstanding=25000)
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "finance")
    page.fill("#id_password", factories.PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/workspace/")
    for path in [f"/workspace/financing/statements/{run.pk}/", "/workspace/financing/bank/CCM/",
                 f"/workspace/financing/{fund.pk}/?year=2018"]:
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
