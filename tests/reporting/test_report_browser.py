"""In a real browser: an officer records progress on three activities of an adopted plan in the
workspace, with the evidence of a committee meeting, then drafts the year's annual report from
the progress page and finds the draft open in the document editor, telling what was recorded."""

import pytest

from isu.models import StaffRole
from reporting.models import AnnualReport
from tests import factories
from tests.reporting.plans import THIS_YEAR, activities, committee_meeting
from tests.reporting.report_scene import adopted_plan_with_budget, next_meeting

# The same browser, and the same rule where chromium is missing, as the site's browser tests.
from tests.site.test_browser import browser, signed_in  # noqa: F401  (browser is a fixture)

ACCOUNTS = [("执行支助股支持了协调委员会的会议。", "The Unit supported the Coordination Committee."),
            ("执行支助股编写了普遍加入情况介绍。", "The Unit prepared a briefing on universalization."),
            ("执行支助股举办了一次区域讲习班。", "The Unit held a regional workshop.")]


@pytest.fixture
def scene(transactional_db):
    factories.user("officer", ("CCM", StaffRole.Role.ISU_OFFICER))
    plan = adopted_plan_with_budget()
    return {"plan": plan, "meeting": next_meeting(), "committee_meeting": committee_meeting()}


def record(page, base, plan, activity, account, evidence=None):
    page.goto(f"{base}/workspace/plans/{plan.pk}/progress/?record=activity-{activity.pk}")
    form = page.locator("form.progress-form")
    form.locator("select[name=status]").select_option("under_way")
    form.locator("textarea[name=account_zh_hans]").fill(account[0])
    form.locator("textarea[name=account_en]").fill(account[1])
    if evidence is not None:
        form.locator(f"input[name=committee_meetings][value='{evidence.pk}']").check()
    form.locator("button:has-text('Save')").click()
    page.wait_for_selector(f"#activity-{activity.pk} .recorded")


def test_an_officer_records_three_activities_and_drafts_the_annual_report(
        browser, live_server, scene):  # noqa: F811
    base, plan = live_server.url, scene["plan"]
    officer = signed_in(browser, base, "officer")
    recorded = activities(plan)[:3]
    for index, (activity, account) in enumerate(zip(recorded, ACCOUNTS, strict=True)):
        record(officer, base, plan, activity, account,
               scene["committee_meeting"] if index == 0 else None)

    officer.click("text=Draft the annual report")
    officer.wait_for_url(f"{base}/workspace/plans/{plan.pk}/annual-report/")
    officer.select_option("select[name=year]", str(THIS_YEAR))
    officer.select_option("select[name=meeting]", str(scene["meeting"].pk))
    officer.click("button:has-text('Draft the report')")
    report = AnnualReport.objects.get()
    officer.wait_for_url(f"{base}/workspace/documents/{report.document.pk}/")
    page = officer.inner_text("body")
    assert f"The {THIS_YEAR} report is drafted as {report.document.symbol}" in page
    assert ("Report on the activities, functioning and finances of the Implementation Support "
            f"Unit in {THIS_YEAR}") in page
    for zh, en in ACCOUNTS:
        assert en in page and zh in page
    assert "For this work the Unit supported 1 committee meeting." in page
    assert "Functioning of the Implementation Support Unit" in page
    assert "Budget line" in page  # the financial chapter's table
