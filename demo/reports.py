"""A plausible year of progress and spending against the APMBC's published 2026 plan (January
to September, illustrative and marked so), and its report on the ISU's activities, functioning and finances
in 2026, drafted from those records as a draft document of the Twenty-third Meeting of the
States Parties. Safe to run again: what exists is left as it is.

Progress and indicator values are recorded through the progress service (reporting/services.py)
as the APMBC's ISU officer records them in the workspace, spending through the spending service
(budgets/spending.py) as its head of the ISU records it; the report is drafted through
reporting/report.py as its head of the ISU drafts it. The two working papers that progress cites
are illustrative documents of the demonstration, created as the admin creates documents, their
bodies written through the document service.
"""

from datetime import date
from decimal import Decimal

from budgets import spending as spending_service
from budgets.models import Budget, Expenditure
from demo.accounts import head_of_isu, staff_member
from demo.helpers import added, create, texts
from isu.models import StaffRole
from lib.periods import Period, PeriodKind
from meetings import editing
from meetings.models import CommitteeMeeting, Document, IsuActivity, Meeting
from reporting import report, services
from reporting.models import AnnualReport, ProgressUpdate
from workplans.models import Indicator, WorkPlan

YEAR = 2026

# Working papers of the Twenty-third Meeting that the progress cites (illustrative):
# (number, submitted on, title, submitted by, paragraph).
PAPERS = [
    (1, date(2026, 6, 5),
     ("第 5 条执行委员会的初步意见（示例）",
      "Preliminary observations of the Committee on Article 5 Implementation (illustrative)"),
     ("第 5 条执行委员会", "Committee on Article 5 Implementation"),
     ("本文件为演示用示例文件，载有委员会对第 5 条执行情况的初步意见。",
      "The present document is an illustrative document of the demonstration, setting out the "
      "Committee's preliminary observations on the implementation of Article 5.")),
    (2, date(2026, 9, 30),
     ("第 5 条延期请求的分析（示例）", "Analysis of the Article 5 extension requests (illustrative)"),
     ("第 5 条执行委员会", "Committee on Article 5 Implementation"),
     ("本文件为演示用示例文件，载有委员会对 2026 年提交的第 5 条延期请求的分析。",
      "The present document is an illustrative document of the demonstration, setting out the "
      "Committee's analysis of the Article 5 extension requests submitted in 2026.")),
]

SITE = "https://www.apminebanconvention.org/"

# The progress of the plan's matrix: (thematic area, activity, [(quarter, status, (zh, en),
# evidence)]), areas and activities counted from 0 in the plan's order. Evidence names records:
# "committee_meetings": the quarter's; "missions"/"workshops": countries; "meetings": kinds;
# "documents": working paper numbers; "url".
PROGRESS = [
    (0, 1, [
        (1, "ongoing", ("执行支助股为协调委员会和四个专题委员会第一季度的会议做了准备、"
                        "提供了支持并开展了后续工作（示例）。",
                        "The Unit prepared, supported and followed up on the first-quarter "
                        "meetings of the Coordinating Committee and the four thematic "
                        "committees (illustrative)."), {"committee_meetings": True}),
        (2, "ongoing", ("执行支助股支持了第二季度的委员会会议，包括闭会期间会议期间举行的会议（示例）。",
                        "The Unit supported the committees' second-quarter meetings, including "
                        "those held during the intersessional meetings (illustrative)."),
         {"committee_meetings": True}),
        (3, "ongoing", ("执行支助股支持了第三季度的委员会会议（示例）。",
                        "The Unit supported the committees' third-quarter meetings "
                        "(illustrative)."), {"committee_meetings": True}),
    ]),
    (0, 2, [
        (2, "under_way", ("执行支助股协助各委员会为闭会期间会议编写了四份初步意见（示例）。",
                          "The Unit assisted the Committees in preparing four sets of "
                          "preliminary observations for the intersessional meetings "
                          "(illustrative)."),
         {"meetings": ["intersessional"], "documents": [1]}),
        (3, "under_way", ("执行支助股开始为第二十三届会议起草意见和建议（示例）。",
                          "The Unit began drafting the observations and recommendations for the "
                          "Twenty-third Meeting (illustrative)."), {}),
    ]),
    (0, 3, [
        (2, "under_way", ("执行支助股支持受害者援助委员会在闭会期间会议期间举办了"
                          "一次关于心理支持的专家小组讨论（示例）。",
                          "The Unit supported the Committee on Victim Assistance in holding an "
                          "expert panel on psychological support during the intersessional "
                          "meetings (illustrative)."), {"meetings": ["intersessional"]}),
    ]),
    (0, 5, [
        (1, "under_way", ("执行支助股支持两个委员会审议 2026 年提交的第 5 条延期请求（示例）。",
                          "The Unit supported the two Committees in considering the Article 5 "
                          "extension requests submitted in 2026 (illustrative)."), {}),
        (3, "done", ("执行支助股起草了两个委员会对延期请求的分析（示例）。",
                     "The Unit drafted the Committees' analyses of the extension requests "
                     "(illustrative)."), {"documents": [2]}),
    ]),
    (1, 0, [
        (1, "under_way", ("执行支助股协助主席筹备了第十一次年度认捐会议（示例）。",
                          "The Unit assisted the President in preparing the Eleventh Annual "
                          "Pledging Conference (illustrative)."), {}),
        (2, "done", ("执行支助股支持主席和各委员会筹备并举行了"
                     "2026 年 6 月 16 日至 19 日的闭会期间会议（示例）。",
                     "The Unit supported the President and the Committees in preparing and "
                     "holding the intersessional meetings of 16 to 19 June 2026 "
                     "(illustrative)."), {"meetings": ["intersessional"]}),
    ]),
    (1, 1, [
        (3, "under_way", ("执行支助股就第二十三届会议的筹备工作，包括临时议程和工作方案，"
                          "向主席提供了咨询意见（示例）。",
                          "The Unit advised the President of the Twenty-third Meeting on its "
                          "preparations, including the provisional agenda and programme of work "
                          "(illustrative)."), {}),
    ]),
    (2, 0, [
        (1, "ongoing", ("执行支助股支持受害者援助委员会向有地雷受害者的缔约国提供咨询意见（示例）。",
                        "The Unit supported the Committee on Victim Assistance in advising "
                        "States Parties with mine victims (illustrative)."), {}),
    ]),
    (2, 3, [
        (2, "under_way", ("执行支助股支持塞内加尔举办了一次关于受害者援助的国家利益攸关方对话（示例）。",
                          "The Unit supported a national stakeholder dialogue on victim "
                          "assistance in Senegal (illustrative)."), {"workshops": ["SN"]}),
    ]),
    (3, 2, [
        (1, "ongoing", ("执行支助股对安哥拉和柬埔寨开展了第 5 条执行支助任务（示例）。",
                        "The Unit carried out Article 5 implementation support missions to "
                        "Angola and Cambodia (illustrative)."), {"missions": ["AO", "KH"]}),
        (2, "ongoing", ("执行支助股对塔吉克斯坦开展了一次第 5 条执行支助任务（示例）。",
                        "The Unit carried out an Article 5 implementation support mission to "
                        "Tajikistan (illustrative)."), {"missions": ["TJ"]}),
        (3, "ongoing", ("执行支助股对伊拉克和斯里兰卡开展了第 5 条执行支助任务（示例）。",
                        "The Unit carried out Article 5 implementation support missions to Iraq "
                        "and Sri Lanka (illustrative)."), {"missions": ["IQ", "LK"]}),
    ]),
    (4, 0, [
        (1, "ongoing", ("执行支助股向新任命的缔约国代表介绍了其根据《公约》承担的义务（示例）。",
                        "The Unit briefed newly appointed representatives of States Parties on "
                        "their obligations under the Convention (illustrative)."), {}),
    ]),
    (5, 2, [
        (2, "under_way", ("执行支助股支持主席与非缔约国举行了双边会议（示例）。",
                          "The Unit supported the President's bilateral meetings with States "
                          "not party (illustrative)."), {}),
    ]),
    (6, 0, [
        (1, "done", ("执行支助股为赞助方案协调员制定了 2026 年战略计划（示例）。",
                     "The Unit developed the Sponsorship Programme Coordinator's strategic plan "
                     "for 2026 (illustrative)."), {}),
    ]),
    (7, 0, [
        (2, "postponed", ("关于第 7 条报告的区域讲习班因缺乏资金推迟至 2027 年（示例）。",
                          "The regional workshop on Article 7 reporting was postponed to 2027 "
                          "for want of funds (illustrative)."), {}),
    ]),
    (8, 3, [
        (1, "ongoing", ("执行支助股不断更新《公约》网站和社交媒体账户（示例）。",
                        "The Unit kept the Convention's website and social media accounts up to "
                        "date (illustrative)."), {"url": SITE}),
        (3, "ongoing", ("执行支助股在《公约》网站上发布了闭会期间会议的全部发言（示例）。",
                        "The Unit published all statements of the intersessional meetings on "
                        "the Convention's website (illustrative)."), {"url": SITE}),
    ]),
    (8, 4, [
        (3, "ongoing", ("执行支助股将闭会期间会议的文件收入文献中心（示例）。",
                        "The Unit added the documents of the intersessional meetings to the "
                        "Documentation Centre (illustrative)."), {"documents": [1]}),
    ]),
]

# Values of the indicator reported by hand: (quarter, value).
SPECIAL_INITIATIVES = [(2, "1"), (3, "1")]
SOURCE = ("各委员会的记录（示例）", "Records of the Committees (illustrative)")


# The 2026 spending by quarter, illustrative: (category, [(committed, spent) for each quarter],
# {quarter: (zh, en) note}).
SPENDING = [
    ("salaries", [("142100", "142100"), ("142100", "142100"), ("142100", "142100")], {}),
    ("social_security", [("27700", "27700"), ("27700", "27700"), ("27700", "27700")], {}),
    ("travel", [("11200", "9800"), ("14300", "14300"), ("13400", "11900")],
     {2: ("塔吉克斯坦任务和闭会期间会议（示例）",
          "Mission to Tajikistan and the intersessional meetings (illustrative)")}),
    ("other_support", [("6200", "6200"), ("12400", "12400"), ("5100", "5100")],
     {2: ("闭会期间会议的会议室和口译（示例）",
          "Rooms and interpretation for the intersessional meetings (illustrative)")}),
]
REALLOCATION = {
    "from": "salaries", "to": "travel", "amount": "4000", "decided_on": "2026-09-15",
    "reason_zh_hans": "应请求增加的第 5 条执行支助任务，由薪金节余调剂（示例）。",
    "reason_en": "Additional Article 5 support missions on request, covered from savings on "
                 "salaries (illustrative).",
}
CARRY_FORWARD = {
    "amount": "21500",
    "reason_zh_hans": "2025 年预算的未用余额（示例）。",
    "reason_en": "Unspent balance of the 2025 budget (illustrative).",
}


def _spending(plan):
    budget = Budget.objects.filter(plan=plan, year=YEAR).first()
    if budget is None or Expenditure.objects.filter(line__budget=budget).exists():
        return
    user = head_of_isu("APMBC")
    lines = {line.category.code: line for line in budget.lines.select_related("category")}
    for code, quarters, notes in SPENDING:
        for quarter, (committed, spent) in enumerate(quarters, start=1):
            added(spending_service.record(user, plan.pk, budget.pk, "expenditure", {
                "line": lines[code].pk, "period": f"{YEAR}-quarter-{quarter}",
                "committed": Decimal(committed), "spent": Decimal(spent),
                **texts("note", notes.get(quarter))}))
    moved = REALLOCATION
    added(spending_service.record(user, plan.pk, budget.pk, "reallocation", {
        "from_line": lines[moved["from"]].pk, "to_line": lines[moved["to"]].pk,
        **{name: value for name, value in moved.items() if name not in ("from", "to")}}))
    added(spending_service.record(user, plan.pk, budget.pk, "carry-forward", CARRY_FORWARD))


def _papers(meeting):
    head = head_of_isu("APMBC")
    found = {}
    for number, submitted_on, title, sender, paragraph in PAPERS:
        document = Document.objects.filter(meeting=meeting, component="WP",
                                           number=number).first()
        if document is None:
            document = create(Document, meeting=meeting, component="WP", number=number,
                              body=Document.Body.NARRATIVE, submitted_on=submitted_on,
                              original_language="en", languages=["zh-hans", "en"],
                              **texts("title", title), **texts("submitted_by", sender))
            added(editing.add_row(head, document.pk, "block",
                                  {"kind": "paragraph", "numbered": True, "level": 1,
                                   **texts("text", paragraph)}))
            document.issued = True
            document.full_clean()  # as the admin issues it: with its body in order
            document.save()
        found[number] = document
    return found


def _evidence(evidence, quarter, records):
    period = Period(YEAR, PeriodKind.QUARTER, quarter)
    values = {}
    if evidence.get("committee_meetings"):
        values["committee_meetings"] = [m.pk for m in records["committee_meetings"]
                                        if period.contains(m.held_on)]
    activities = [a.pk for kind in ("missions", "workshops")
                  for a in records["isu_activities"] if a.kind == kind[:-1]
                  and a.country.code in evidence.get(kind, []) and period.contains(a.starts_on)]
    if activities:
        values["isu_activities"] = activities
    if evidence.get("meetings"):
        values["meetings"] = [m.pk for m in records["meetings"] if m.kind in evidence["meetings"]]
    if evidence.get("documents"):
        values["documents"] = [records["papers"][n].pk for n in evidence["documents"]]
    if evidence.get("url"):
        values["evidence_url"] = evidence["url"]
    return values


def _progress(plan, officer, records):
    areas = list(plan.thematic_areas.order_by("position", "pk"))
    for area, index, updates in PROGRESS:
        activity = list(areas[area].activities.order_by("position", "pk"))[index]
        for quarter, status, account, evidence in updates:
            services.record_progress(officer, plan.pk, "activity", activity.pk, {
                "status": status, "year": YEAR, "period_kind": PeriodKind.QUARTER,
                "period_number": quarter, **texts("account", account),
                **_evidence(evidence, quarter, records)})
    indicator = Indicator.objects.filter(output__thematic_area__plan=plan, counts="").first()
    if indicator is not None:
        for quarter, value in SPECIAL_INITIATIVES:
            services.record_indicator_value(officer, plan.pk, indicator.pk, {
                "year": YEAR, "period_kind": PeriodKind.QUARTER, "period_number": quarter,
                "value": value, **texts("source", SOURCE)})


def load(stdout):
    plan = WorkPlan.objects.filter(convention__code="APMBC", start_year=YEAR, end_year=YEAR,
                                   status=WorkPlan.Status.PUBLISHED).first()
    meeting = Meeting.objects.filter(convention__code="APMBC", kind="msp", ordinal=23).first()
    if plan is None or meeting is None:
        return
    if not ProgressUpdate.objects.for_plan(plan).exists():
        records = {
            "committee_meetings": list(CommitteeMeeting.objects.of_convention(
                plan.convention_id).filter(held_on__year=YEAR)),
            "isu_activities": list(IsuActivity.objects.of_convention(plan.convention_id)
                                   .filter(starts_on__year=YEAR)),
            "meetings": list(Meeting.objects.filter(convention=plan.convention_id,
                                                    start_date__year=YEAR)),
            "papers": _papers(meeting),
        }
        _progress(plan, staff_member("APMBC", StaffRole.Role.ISU_OFFICER), records)
    _spending(plan)
    if not AnnualReport.objects.filter(convention=plan.convention_id, year=YEAR).exists():
        draft = report.draft_annual_report(head_of_isu("APMBC"), plan.pk, YEAR, meeting.pk)
        stdout.write(f"Drafted the APMBC's {YEAR} report as {draft.document.symbol}.")
