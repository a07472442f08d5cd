"""The seeds' budgets come out of the demo exactly, from their lines."""

from decimal import Decimal

from budgets.figures import compute, fetch, reserve_status
from budgets.models import Budget, ForeignFunding, ReserveFund
from budgets.table import budget_table


def figures(code, year):
    return compute(fetch(Budget.objects.get(plan__convention__code=code, year=year).pk))


def test_seed_000_ccm_2018_totals_465_440_from_its_five_lines(demo):
    ccm = figures("CCM", 2018)
    assert [line.amount for line in ccm.lines] == [Decimal(n) for n in
                                                   (345054, 63386, 10000, 37000, 10000)]
    assert ccm.total == Decimal(465440)
    assert (ccm.fte, ccm.missions) == (Decimal("2.5"), (5, 6))
    _header, rows = budget_table(ccm, "zh-hans")
    assert [r.label for r in rows] == ["薪金", "社保", "宣传", "差旅", "其他执行支助费用", "合计",
                                       "行政费用"]
    assert rows[5].amount == "465,440 瑞郎"
    assert rows[6].amount == "日内瓦国际人道主义排雷中心实物"  # in kind: never in the total


def test_seed_002_apmbc_2026_subtotals_and_total(demo):
    apmbc = figures("APMBC", 2026)
    assert [(g.amount, [line.amount for line in g.items]) for g in apmbc.items] == [
        (Decimal(679221), [Decimal(568386), Decimal(110835)]),
        (Decimal(90000), [Decimal(50000), Decimal(40000)])]
    assert apmbc.total == Decimal(769221)
    assert apmbc.fte == Decimal("3.6")
    buffer = ReserveFund.objects.get(convention__code="APMBC")
    status = reserve_status(buffer, apmbc)
    assert (status.balance.balance, status.target) == (Decimal(758655), Decimal(769221))
    funding = ForeignFunding.objects.get()
    assert (funding.currency, funding.amount) == ("EUR", Decimal(2700000))


def test_the_extra_years_are_marked_illustrative(demo):
    for code, year in (("CCM", 2019), ("APMBC", 2025)):
        assert "Illustrative" in Budget.objects.get(plan__convention__code=code,
                                                    year=year).source_en


def test_the_ccm_2018_spending_is_recorded_by_quarter_and_sums_to_its_actuals(demo):
    ccm = figures("CCM", 2018)
    assert [line.spent for line in ccm.lines] == [Decimal(n) for n in
                                                  (338912, 62140, 8450, 39870, 9215)]
    assert [line.actual for line in ccm.lines] == [line.line.actual for line in ccm.lines]
    assert ccm.months_recorded == 12 and all(line.periods == 4 for line in ccm.lines)
    assert (ccm.lines[0].revised, ccm.lines[3].revised) == (Decimal(342054), Decimal(40000))
    assert (ccm.spent_total, ccm.carried_forward) == (Decimal(458587), Decimal(18400))
    assert ccm.forecast_total == ccm.spent_total  # the year is recorded to December
    budget = Budget.objects.get(plan__convention__code="CCM", year=2018)
    assert "illustrative" in budget.source_en and "示例" in budget.source_zh_hans
    assert "illustrative" in budget.reallocations.get().reason_en
    assert "illustrative" in budget.carry_forwards.get().reason_en
