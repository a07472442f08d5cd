"""Budgets of seeds 000 (CCM 2018) and 002 (APMBC 2026) exactly, and one more year of each
convention with illustrative figures so that comparisons have something to show.

Budgets, their lines and subtotals are written through the budget service (budgets/editing.py)
as the head of the ISU writes them in the workspace. What no service writes (a budget's source,
actual expenditure, staffing, travel, in-kind support, reserves, funding in other currencies; the
admin keeps them) is created directly, validated as the admin validates it. The CCM's 2018
spending is recorded through the spending service (budgets/spending.py) once its plan is
published."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

from budgets import editing, models
from budgets import spending as spending_service
from demo.accounts import head_of_isu
from demo.helpers import added, create, texts
from isu.models import Convention
from workplans.models import WorkPlan
from workplans.services import clone_into_next_period

GICHD = {"provider_zh_hans": "日内瓦国际人道主义排雷中心",
         "provider_en": "Geneva International Centre for Humanitarian Demining (GICHD)"}

ILLUSTRATIVE = {"source_zh_hans": "示例数字，仅供演示，非公布数字。",
                "source_en": "Illustrative figures for the demonstration, not published figures."}

# (category, amount, actual, {texts}); amounts as printed in the seed.
CCM_2018 = {
    "source_zh_hans": "预算：CCM/MSP/2017/4，第八章。实际支出（按季度支出、经费调拨和结转）：示例数字，"
                      "仅供演示。",
    "source_en": "Budget: CCM/MSP/2017/4, chapter VIII. Actual expenditure (spending by "
                 "quarter, the reallocation and the carry-forward): illustrative figures for "
                 "the demonstration.",
    "lines": [
        ("salaries", "345054", "338912", {
            "note_zh_hans": "股长和一名执行支助专家全职工作，由半职工作的一名执行支助助理从旁协助。",
            "note_en": "The Director and one Implementation Support Specialist full-time, "
                       "assisted by one Implementation Support Assistant working half-time."}),
        ("social_security", "63386", "62140", {
            "note_zh_hans": "年薪的 20%，包括强制性意外和旅行保险。",
            "note_en": "20% of annual salaries, including mandatory accident and travel "
                       "insurance.",
            # The note states the rule; the seed's amount is kept as printed beside it.
            "rule": ("20", "salaries")}),
        ("communication", "10000", "8450", {
            "label_zh_hans": "宣传", "label_en": "Communication",
            "note_zh_hans": "网站维护、《集束弹药公约》宣传材料、出版物、咨询等。",
            "note_en": "Website maintenance, Convention on Cluster Munitions outreach "
                       "materials, publications, consultancies, etc."}),
        ("travel", "37000", "39870", {
            "note_zh_hans": "参加《公约》会议，加上工作人员应要求到《公约》最后期限将至的缔约国出差。"
                            "年均旅行 5-6 次，经济舱。",
            "note_en": "Attendance at meetings of the Convention, plus staff travel on request "
                       "to States Parties with approaching deadlines under the Convention. On "
                       "average 5–6 trips a year, economy class."}),
        ("other_support", "10000", "9215", {
            "note_zh_hans": "咨询、房间租金、讲习班、餐饮等。",
            "note_en": "Consultancies, room rental, workshops, catering, etc."}),
    ],
    "staff": [("股长", "Director", "1"), ("执行支助专家", "Implementation Support Specialist", "1"),
              ("执行支助助理", "Implementation Support Assistant", "0.5")],
    "travel": [("参加《公约》会议和到最后期限将至的缔约国出差（3 次长程、3 次短程，经济舱）",
                "Meetings of the Convention and travel to States Parties with approaching "
                "deadlines (3 long-haul and 3 short-haul, economy class)", 5, 6)],
    "in_kind": [("行政费用", "Administrative costs",
                 "包括租用办公室、内部控制系统、赞助方案管理、人力资源管理等费用。",
                 "Including office rental, internal control systems, management of the "
                 "sponsorship programme, human resources management, etc.")],
}

APMBC_2026 = {
    "layout": "captioned",
    "source_zh_hans": "APLC/MSP.22/2025/5，第五章。",
    "source_en": "APLC/MSP.22/2025/5, chapter V.",
    "groups": [("工作人员费用小计", "Subtotal staff costs"),
               ("差旅和其他支助小计", "Subtotal travel and other support")],
    "lines": [
        (0, "salaries", "568386", {}),
        (0, "social_security", "110835", {"label_zh_hans": "社保费用",
                                          "label_en": "Social security costs"}),
        (1, "travel", "50000", {"label_zh_hans": "工作人员差旅费", "label_en": "Staff travel"}),
        (1, "other_support", "40000", {"label_zh_hans": "其他支助费用",
                                       "label_en": "Other support costs"}),
    ],
    "staff": [("股长", "Director", "1"), ("专业干事", "Implementation Support Specialist", "1"),
              ("专业干事", "Implementation Support Specialist", "1"),
              ("专业干事（60%）", "Implementation Support Specialist (60%)", "0.6")],
    "travel": [("第 5 条执行支助任务", "Article 5 implementation support missions", None, 10),
               ("支持缔约国履行受害者援助承诺的任务",
                "Missions supporting States Parties' victim assistance commitments", None, 5),
               ("开展联络和/或参加与执行《公约》有关的大会、联合国会议或类似活动的任务",
                "Liaison missions and participation in conferences, United Nations meetings or "
                "similar events relating to the implementation of the Convention", None, 5)],
    "in_kind": [
        ("基础设施、后勤和行政服务", "Infrastructure, logistics and administrative services",
         "办公场地租金和办公用品、信息技术和电信、差旅服务、人力资源管理、保险、财务管理、网站日常费用、"
         "合同及文件管理，由日内瓦国际人道主义排雷中心总预算负担，相关资金由瑞士提供。",
         "Office rent and supplies, information technology and telecommunications, travel "
         "services, human resources management, insurance, financial management, routine "
         "website costs, contract and document management: borne by the GICHD's general "
         "budget, funded by Switzerland."),
        ("赞助方案的实施", "Implementation of the sponsorship programme",
         "差旅费和住宿费以及报告和审计费，由日内瓦国际人道主义排雷中心承担，相关资金由瑞士提供。",
         "Travel and accommodation, reporting and audit costs: borne by the GICHD, funded by "
         "Switzerland."),
    ],
}

# The CCM's 2018 spending by quarter, illustrative: (category, [(committed, spent) for each
# quarter], {quarter: note}). Each line's quarters sum to its illustrative actual expenditure
# above, so that the budget's actuals are the same whether typed or recorded.
CCM_2018_SPENDING = [
    ("salaries", [("84500", "84500"), ("84500", "84500"), ("84956", "84956"),
                  ("84956", "84956")], {}),
    ("social_security", [("15500", "15500"), ("15500", "15500"), ("15570", "15570"),
                         ("15570", "15570")], {}),
    ("communication", [("2400", "1200"), ("2500", "2950"), ("1800", "1800"), ("1750", "2500")],
     {2: ("《公约》十周年宣传材料（示例）", "Outreach materials for the Convention's tenth "
                                           "anniversary (illustrative)")}),
    ("travel", [("7000", "6400"), ("14600", "8900"), ("9800", "14200"), ("8470", "10370")],
     {3: ("第八次缔约国会议（示例）", "Eighth Meeting of States Parties (illustrative)")}),
    ("other_support", [("1100", "1100"), ("4300", "1900"), ("2400", "4800"), ("1415", "1415")],
     {3: ("第八次缔约国会议的会议室和餐饮（示例）",
          "Rooms and catering for the Eighth Meeting of States Parties (illustrative)")}),
]
CCM_2018_REALLOCATION = {
    "from": "salaries", "to": "travel", "amount": "3000", "decided_on": "2018-09-14",
    "reason_zh_hans": "出席第八次缔约国会议和相关出差的费用高于预算，由薪金节余调剂（示例）。",
    "reason_en": "Travel to the Eighth Meeting of States Parties and related missions cost more "
                 "than budgeted; covered from savings on salaries (illustrative).",
}
CCM_2018_CARRY_FORWARD = {
    "amount": "18400",
    "reason_zh_hans": "2017 年预算的未用余额（示例）。",
    "reason_en": "Unspent balance of the 2017 budget (illustrative).",
}

CCM_2019_LINES = [("salaries", "352000"), ("social_security", "64700"),
                  ("communication", "10000"), ("travel", "37000"), ("other_support", "12000")]
APMBC_2025_LINES = [(0, "salaries", "556000"), (0, "social_security", "108400"),
                    (1, "travel", "50000"), (1, "other_support", "40000")]


def _categories():
    """The budget categories by code: reference data, written by the migrations
    (budgets/migrations/0002_budget_categories.py)."""
    return {category.code: category for category in models.Category.objects.all()}


def _add(user, budget, kind, /, **values):
    """A line or subtotal added last in the budget, or in the subtotal its form names."""
    return added(editing.add_row(user, budget.plan_id, budget.pk, kind, values))


def _budget(plan, year, data, categories, with_actuals=False):
    user = head_of_isu(plan.convention.code)
    budget = editing.create_budget(user, plan.pk, year)
    budget.source_zh_hans, budget.source_en = data["source_zh_hans"], data["source_en"]
    budget.layout = data.get("layout", models.Budget.Layout.NOTES)
    budget.full_clean()
    budget.save()
    groups = [_add(user, budget, "group", **texts("title", title))
              for title in data.get("groups", [])]
    lines = {}
    for entry in data["lines"]:
        group = groups[entry[0]] if groups else None
        code, amount, *rest = entry[1:] if groups else entry
        actual = rest[0] if with_actuals and rest and isinstance(rest[0], str) else None
        line_texts = dict(next((r for r in rest if isinstance(r, dict)), {}))
        rule = line_texts.pop("rule", None)
        lines[code] = line = _add(
            user, budget, "line", category=categories[code].pk, amount=Decimal(amount),
            rule_rate=Decimal(rule[0]) if rule else None,
            rule_base=lines[rule[1]].pk if rule else None, group=group and group.pk,
            **line_texts)
        if actual:
            line.actual = Decimal(actual)
            line.full_clean()
            line.save()
    for position, (zh, en, fte) in enumerate(data.get("staff", []), start=1):
        create(models.StaffPosition, budget=budget, position=position, title_zh_hans=zh,
               title_en=en, fte=Decimal(fte))
    for position, (zh, en, least, most) in enumerate(data.get("travel", []), start=1):
        create(models.TravelPurpose, budget=budget, position=position, title_zh_hans=zh,
               title_en=en, at_least=least, missions=most)
    for position, (title_zh, title_en, zh, en) in enumerate(data.get("in_kind", []), start=1):
        create(models.InKindSupport, budget=budget, position=position, title_zh_hans=title_zh,
               title_en=title_en, description_zh_hans=zh, description_en=en, **GICHD)
    return budget


def _reserves_and_funding(conventions):
    ccm, apmbc = conventions["CCM"], conventions["APMBC"]
    if not models.ReserveFund.objects.exists():
        create(models.ReserveFund, convention=ccm, name_zh_hans="资本储备金",
               name_en="Capital reserve", target_kind="fixed", target_amount=Decimal(400000),
               decided_by_zh_hans="缔约国第七次会议", decided_by_en="Seventh Meeting of States Parties")
        buffer = create(models.ReserveFund, convention=apmbc, name_zh_hans="缓冲基金",
                        name_en="Buffer fund", target_kind="years", target_years=Decimal(1),
                        decided_by_zh_hans="缔约国第十四届会议",
                        decided_by_en="Fourteenth Meeting of the States Parties")
        # "At the time of drafting this work plan and budget" (seed 002, paragraph 5).
        create(models.ReserveBalance, fund=buffer, on_date=date(2025, 10, 8),
               balance=Decimal(758655))
    if not models.ForeignFunding.objects.exists():
        # The seed gives the amount in euros; the rate of the day of the agreement is
        # approximate and marked as such in the README.
        create(models.ForeignFunding, convention=apmbc,
               source_zh_hans="欧盟理事会第 2025/781 号决定",
               source_en="Council of the European Union Decision 2025/781", currency="EUR",
               amount=Decimal(2700000), start_year=2025, end_year=2029,
               exchange_rate=Decimal("0.94"), rate_date=date(2025, 6, 16))


def _recorded(result):
    """The record a spending service made; the form's errors are raised if it refused."""
    row, form = result
    if row is None:
        raise ValidationError(form.errors.as_text())
    return row


def spending(stdout):
    """The CCM's 2018 spending against its published budget, recorded by quarter through the
    spending service as the head of the ISU records it in the workspace, with a reallocation
    and the carry-forward from 2017 (all illustrative)."""
    budget = models.Budget.objects.filter(plan__convention__code="CCM", year=2018,
                                          plan__status=WorkPlan.Status.PUBLISHED).first()
    if budget is None or models.Expenditure.objects.filter(line__budget=budget).exists():
        return
    user, plan_id = head_of_isu("CCM"), budget.plan_id
    lines = {line.category.code: line for line in budget.lines.select_related("category")}
    for code, quarters, notes in CCM_2018_SPENDING:
        for quarter, (committed, spent) in enumerate(quarters, start=1):
            _recorded(spending_service.record(user, plan_id, budget.pk, "expenditure", {
                "line": lines[code].pk, "period": f"2018-quarter-{quarter}",
                "committed": committed, "spent": spent, **texts("note", notes.get(quarter))}))
    moved = CCM_2018_REALLOCATION
    _recorded(spending_service.record(user, plan_id, budget.pk, "reallocation", {
        "from_line": lines[moved["from"]].pk, "to_line": lines[moved["to"]].pk,
        **{name: value for name, value in moved.items() if name not in ("from", "to")}}))
    _recorded(spending_service.record(user, plan_id, budget.pk, "carry-forward",
                                      CCM_2018_CARRY_FORWARD))
    stdout.write(f"Spending: {models.Expenditure.objects.filter(line__budget=budget).count()} "
                 f"records of the CCM's 2018 budget.")


def _plan(code, year):
    return WorkPlan.objects.get(convention__code=code, start_year=year, end_year=year)


def load(stdout):
    if models.Budget.objects.exists():
        return
    categories = _categories()
    conventions = {c.code: c for c in Convention.objects.all()}
    ccm_2018, apmbc_2026 = _plan("CCM", 2018), _plan("APMBC", 2026)
    # Cloned before 2018 has a budget: the 2019 draft gets its own, illustrative one.
    ccm_2019 = (WorkPlan.objects.filter(convention__code="CCM", start_year=2019).first()
                or clone_into_next_period(ccm_2018, head_of_isu("CCM")))
    _budget(ccm_2018, 2018, CCM_2018, categories, with_actuals=True)
    _budget(apmbc_2026, 2026, APMBC_2026, categories)
    _budget(ccm_2019, 2019, {**ILLUSTRATIVE, "lines": CCM_2019_LINES}, categories)
    # No service creates a plan (the admin does, or a clone of another plan).
    apmbc_2025 = WorkPlan.objects.filter(convention__code="APMBC", start_year=2025).first() or (
        create(WorkPlan, convention=conventions["APMBC"], start_year=2025, end_year=2025,
               title_zh_hans="执行支助股 2025 年预算和工作计划（示例）",
               title_en="2025 Budget and Work Plan of the Implementation Support Unit "
                        "(illustrative)"))
    _budget(apmbc_2025, 2025, {**ILLUSTRATIVE, "groups": APMBC_2026["groups"],
                               "lines": APMBC_2025_LINES}, categories)
    _reserves_and_funding(conventions)
    stdout.write(f"Budgets: {models.Budget.objects.count()}")
