"""The budget as the official document prints it: what was adopted, in the layout of the
budget, without charts or actual expenditure (those are for the public page)."""

from decimal import Decimal

from budgets.figures import compute
from budgets.models import Budget, InKindSupport
from budgets.table import document_table
from tests import factories
from workplans.models import Chapter
from workplans.rendering import fetch_plan, plan_body_html


def budget_of(plan, layout=Budget.Layout.NOTES):
    factories.chapter(plan, "Budget", kind=Chapter.Kind.BUDGET)
    budget = factories.budget(plan, lines=[("salaries", "345054"), ("travel", "37000")])
    budget.layout = layout
    budget.save()
    budget.lines.filter(category__code="salaries").update(
        note_en="Head of the unit full time", note_zh_hans="股长全职", actual=Decimal("340000"))
    InKindSupport.objects.create(budget=budget, position=1, title_en="Administrative costs",
                                 title_zh_hans="行政费用", provider_en="GICHD",
                                 provider_zh_hans="日内瓦国际人道主义排雷中心")
    return budget


def table(budget, language):
    return document_table(compute(Budget.objects.get(pk=budget.pk)), language)


def test_the_notes_layout_has_a_year_column_bare_amounts_notes_and_in_kind_below_the_total(ccm):
    budget = budget_of(factories.plan("CCM", 2018))
    chinese = table(budget, "zh-hans")
    assert chinese.header == ["费用", "2018 年", "注"] and not chinese.caption
    assert [(r.kind, r.amount) for r in chinese.rows] == [
        ("line", "345,054"), ("line", "37,000"), ("total", "382,054"),
        ("in_kind", "日内瓦国际人道主义排雷中心实物")]
    assert [r.label for r in chinese.rows[2:]] == ["合计", "行政费用"]
    assert chinese.rows[0].note == "股长全职"


def test_the_captioned_layout_names_the_currency_once_and_prints_no_notes_or_in_kind(ccm):
    budget = budget_of(factories.plan("CCM", 2018), Budget.Layout.CAPTIONED)
    chinese = table(budget, "zh-hans")
    assert chinese.caption == "执行支助股 2018 年预算(瑞郎)" and chinese.header == []
    assert [(r.kind, r.amount) for r in chinese.rows] == [
        ("line", "345,054 瑞郎"), ("line", "37,000 瑞郎"), ("total", "382,054 瑞郎")]
    assert not chinese.with_notes
    assert table(budget, "en").caption == "ISU budget for 2018 (CHF)"


def test_the_document_prints_no_chart_and_no_actual_expenditure(ccm):
    plan = factories.plan("CCM", 2018)
    budget_of(plan)
    document_body = plan_body_html(fetch_plan(pk=plan.pk), "en", for_pdf=True)
    page = plan_body_html(fetch_plan(pk=plan.pk), "en")
    assert "<svg" not in document_body and "340,000" not in document_body
    assert "Actual" not in document_body
    assert "<svg" in page and "Budget and actual expenditure" in page


def test_the_summary_of_a_one_year_plan_prints_its_budget(ccm):
    plan = factories.plan("CCM", 2018)
    plan.main_objective_en = "To support the States Parties."
    plan.save()
    budget_of(plan)
    assert "Budget:</dt><dd>CHF 382,054</dd>" in plan_body_html(fetch_plan(pk=plan.pk), "en",
                                                              for_pdf=True)
    assert "预算：</dt><dd>382,054 瑞郎</dd>" in plan_body_html(fetch_plan(pk=plan.pk), "zh-hans",
                                                            for_pdf=True)
