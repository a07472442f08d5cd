"""Public pages read well on a phone and in Chinese: budget and matrix cells carry their column's
heading for narrow screens, charts have visible captions, conventions are named in the page's
language, a Latin face comes before the Chinese ones, and plan and document pages are titled as
their documents are."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from budgets.models import Line
from tests import factories
from workplans.models import Chapter, Impact, ThematicArea, WorkPlan

PUBLISHED = WorkPlan.Status.PUBLISHED
STYLESHEET = Path(settings.BASE_DIR) / "isu" / "static" / "isu" / "site.css"


@pytest.fixture
def ccm_2018(ccm):
    document = factories.document(
        factories.meeting("CCM", "msp", 7), number=4, body="work_plan",
        title_en="2018 work plan and budget of the Implementation Support Unit",
        title_zh_hans="执行支助股 2018 年工作计划和预算")
    plan = factories.plan("CCM", 2018, document=document, title_en="ISU plan",
                          title_zh_hans="支助股计划")
    factories.chapter(plan, "Budget", kind=Chapter.Kind.BUDGET)
    budget = factories.budget(plan, lines=[("salaries", "345054")])
    Line.objects.filter(budget=budget).update(note_en="The Director full-time",
                                              note_zh_hans="股长全职")
    factories.set_status(plan, PUBLISHED)
    return plan


def heading_and_title(page):
    return (re.search(r"<title>(.*?) · ", page)[1], re.search(r"<h1>(.*?)</h1>", page)[1])


def test_a_plan_page_is_titled_by_its_documents_title(anonymous, ccm_2018):
    english = anonymous.get("/en/ccm/work-plans/2018/").content.decode()
    assert heading_and_title(english) == (
        "2018 work plan and budget of the Implementation Support Unit",
        "2018 work plan and budget of the Implementation Support Unit")
    chinese = anonymous.get("/zh-hans/ccm/work-plans/2018/").content.decode()
    assert heading_and_title(chinese) == ("执行支助股 2018 年工作计划和预算",
                                          "执行支助股 2018 年工作计划和预算")
    convention = anonymous.get("/zh-hans/ccm/").content.decode()
    assert "执行支助股 2018 年工作计划和预算" in convention and "支助股计划" not in convention
    listed = anonymous.get("/zh-hans/ccm/work-plans/").content.decode()
    assert "执行支助股 2018 年工作计划和预算" in listed and "支助股计划" not in listed


def test_a_plan_without_a_document_keeps_its_own_title(anonymous, ccm):
    factories.plan("CCM", 2019, status=PUBLISHED, title_en="ISU 2019 work plan")
    page = anonymous.get("/en/ccm/work-plans/2019/").content.decode()
    assert heading_and_title(page) == ("ISU 2019 work plan", "ISU 2019 work plan")


def test_a_document_page_is_titled_by_the_documents_title(anonymous, ccm):
    factories.document(factories.meeting("CCM", "msp", 7), number=5,
                       title_en="Sponsorship report", title_zh_hans="赞助方案报告")
    page = anonymous.get("/zh-hans/documents/CCM/MSP/2017/5/").content.decode()
    assert "<title>赞助方案报告 · CCM/MSP/2017/5 · " in page


def test_the_navigation_names_conventions_by_short_name_in_chinese_and_by_code_in_english(
        anonymous, ccm, apmbc):
    chinese = anonymous.get("/zh-hans/").content.decode().split("</nav>")[0]
    assert ">《集束弹药公约》</a>" in chinese and ">CCM</a>" not in chinese
    assert 'href="/zh-hans/ccm/"' in chinese  # the code stays in the address
    english = anonymous.get("/en/").content.decode().split("</nav>")[0]
    assert 'title="Convention on Cluster Munitions">CCM</a>' in english
    assert "《集束弹药公约》工作计划" in anonymous.get(
        "/zh-hans/ccm/work-plans/").content.decode().replace(" ", "")


def test_budget_cells_carry_their_columns_heading_for_narrow_screens(anonymous, ccm_2018):
    page = anonymous.get("/en/ccm/work-plans/2018/").content.decode()
    assert '<td class="amount" data-label="2018 (CHF)">CHF 345,054</td>' in page
    assert '<td class="note" data-label="Notes">The Director full-time</td>' in page
    chinese = anonymous.get("/zh-hans/ccm/work-plans/2018/").content.decode()
    assert 'data-label="注">股长全职</td>' in chinese


def test_each_chart_has_a_visible_caption(anonymous, ccm_2018):
    page = anonymous.get("/en/ccm/work-plans/2018/").content.decode()
    figure = page.split('<figure class="chart">')[1].split("</figure>")[0]
    assert "<figcaption>Budget by category</figcaption>" in figure and "<svg" in figure


def test_the_charts_of_a_plan_of_several_years_name_their_year(anonymous, apmbc):
    plan = factories.plan("APMBC", 2025, end_year=2026)
    factories.chapter(plan, "Budget", kind=Chapter.Kind.BUDGET)
    for year in (2025, 2026):
        factories.budget(plan, year=year, lines=[("salaries", "1000")])
    factories.set_status(plan, PUBLISHED)
    page = anonymous.get("/en/apmbc/work-plans/2025-2026/").content.decode()
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", page)
    assert captions == ["Budget by category, 2025", "Budget by category, 2026"]


def test_each_matrix_cell_carries_its_columns_heading(anonymous, apmbc):
    plan = factories.plan("APMBC", 2026)
    area = ThematicArea.objects.create(plan=plan, title_en="Support to the Committees")
    Impact.objects.create(thematic_area=area, text_en="Implementation is facilitated")
    factories.set_status(plan, PUBLISHED)
    page = anonymous.get("/en/apmbc/work-plans/2026/").content.decode()
    assert '<td data-label="Impact"><p>Implementation is facilitated</p></td>' in page
    assert '<td data-label="Activities"></td>' in page  # empty: hidden on a phone


def test_the_site_names_a_latin_face_before_the_chinese_ones():
    stylesheet = STYLESHEET.read_text()
    latin = re.search(r"--latin:([^;]*);", stylesheet)[1]
    chinese = re.search(r"--chinese:([^;]*);", stylesheet)[1]
    assert "Liberation Sans" in latin and "CJK" not in latin and "Hei" not in latin
    assert "Noto Sans CJK SC" in chinese and "Microsoft YaHei" in chinese
    stack = re.search(r"html \{[^}]*font-family: ([^;]*);", stylesheet)[1]
    assert stack.index("var(--latin)") < stack.index("var(--chinese)")
    assert "AR PL UMing" not in stylesheet  # its Latin letters are a typewriter's
