"""The meetings and official documents of the five seed documents, the committees' members, and a
year of APMBC committee work (2026) for the work plan's targets. Safe to run again.

No service creates meetings, agenda items, documents, committee members or the ISU's activities (the
admin does): they are created directly and validated as the admin validates them. The bodies of
the narrative documents are written through the document service (meetings/editing.py), as the
head of the ISU writes them in the workspace, and then issued as the admin issues them.
"""

from datetime import date, timedelta

from demo.accounts import head_of_isu
from demo.helpers import added, create, read, texts
from isu.models import Convention
from meetings import editing, models

GENEVA = {"venue_en": "Geneva", "venue_zh_hans": "日内瓦"}
ISU = {"submitted_by_en": "Implementation Support Unit", "submitted_by_zh_hans": "执行支助股"}
ALL_LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]

# Each meeting with the agenda item its document answers to, outermost item first:
# (number, title_zh_hans, title_en).
MEETINGS = [
    {
        "meeting": {"convention": "CCM", "kind": "msp", "ordinal": 7, "presidency": "DE",
                    "start_date": date(2017, 9, 4), "end_date": date(2017, 9, 6)},
        "agenda": [
            (8, "审查《公约》现况和实施情况以及对于实现《公约》目标至关重要的其他事项",
             "Review of the status and operation of the Convention and other matters important "
             "for achieving the aims of the Convention"),
            (10, "执行支助", "Implementation support"),
        ],
        "documents": [{
            "number": 4, "body": "work_plan", "submitted_on": date(2017, 6, 1), **ISU,
            "title_zh_hans": "执行支助股 2018 年工作计划和预算",
            "title_en": "Implementation Support Unit 2018 work plan and budget",
            "languages": ALL_LANGUAGES,
        }],
    },
    {
        "meeting": {"convention": "CCM", "kind": "preparatory", "ordinal": 1,
                    "conference_ordinal": 1, "presidency": "CR",
                    "start_date": date(2015, 2, 5), "end_date": date(2015, 2, 5)},
        "agenda": [(5, "介绍《万象行动计划》的审议情况",
                    "Presentation of the review of the Vientiane Action Plan")],
        "documents": [{
            "component": "WP", "number": 8, "body": "narrative",
            "blocks": "ccm_2015_pm1_vientiane_cooperation.json",
        }],
    },
    {
        "meeting": {"convention": "CCM", "kind": "preparatory", "ordinal": 2,
                    "conference_ordinal": 2, "presidency": "CH",
                    "start_date": date(2020, 9, 4), "end_date": date(2020, 9, 4)},
        "agenda": [
            (5, "就第二次审议会议的文件筹备工作交换意见",
             "Exchange of views on the documentary preparations for the Second Review "
             "Conference"),
            (1, "审议 2016-2020 年《公约》实施情况和现况",
             "Review of the implementation and status of the Convention 2016–2020"),
        ],
        "documents": [{
            "number": 2, "body": "narrative",
            "blocks": "ccm_2020_pm2_implementation_support.json",
        }],
    },
    {
        "meeting": {"convention": "APMBC", "kind": "msp", "ordinal": 22,
                    "start_date": date(2025, 12, 1), "end_date": date(2025, 12, 5)},
        "agenda": [
            (9, "审议《公约》的一般状况和实施情况",
             "Consideration of the general status and operation of the Convention"),
            (8, "执行支助", "Implementation support"),
            (1, "报告执行支助股活动、运作和财务情况，以及为执行支助股 2026 年的活动提出工作计划和预算",
             "Report on the activities, functioning and finances of the Implementation Support "
             "Unit and presentation of the work plan and budget of the Implementation Support "
             "Unit for 2026"),
        ],
        "documents": [{
            "number": 5, "body": "work_plan", "submitted_on": date(2025, 10, 8),
            "title_zh_hans": "执行支助股 2026 年预算和工作计划",
            "title_en": "2026 Budget and Work Plan of the Implementation Support Unit",
            "submitted_by_zh_hans": "执行支助股股长",
            "submitted_by_en": "Director of the Implementation Support Unit",
            "languages": ALL_LANGUAGES,
            "notes": [
                ("本文件逾期提交，以反映最新信息。",
                 "The present document was submitted late so as to reflect the most recent "
                 "information."),
                ("本文件印发前未经正式编辑。",
                 "The present document is being issued without formal editing."),
            ],
        }],
    },
    {
        "meeting": {"convention": "CCW", "kind": "msp",
                    "start_date": date(2014, 11, 13), "end_date": date(2014, 11, 14)},
        "agenda": [(13, "审议执行支助股的报告",
                    "Consideration of the report of the Implementation Support Unit")],
        "documents": [
            {"number": 3, "body": "narrative", "blocks": "ccw_2014_isu_report.json", **ISU},
            # Announced in paragraph 21 of the report: the tables of costs are its addendum.
            {"amends": 3, "change": "Add", "change_number": 1, "body": "none", **ISU,
             "title_zh_hans": "执行支助股的报告", "title_en": "Report of the Implementation Support Unit",
             "subtitle_zh_hans": "增编：《公约》2013年会议估计费用和最后开支",
             "subtitle_en": "Addendum: estimated costs and final expenditure of the 2013 meetings "
                            "of the Convention"},
        ],
    },
]

# Meetings the sponsorship rounds of the demo are for. The APMBC 2026 dates are illustrative.
MEETINGS += [
    {"meeting": {"convention": "CCM", "kind": "msp", "ordinal": ordinal, "start_date": start,
                 "end_date": end}, "agenda": [], "documents": []}
    for ordinal, start, end in [(6, date(2016, 9, 5), date(2016, 9, 7)),
                                (8, date(2018, 9, 3), date(2018, 9, 5)),
                                (9, date(2019, 9, 2), date(2019, 9, 4))]
] + [
    {"meeting": {"convention": "APMBC", "kind": "intersessional", "start_date": date(2026, 6, 16),
                 "end_date": date(2026, 6, 19)}, "agenda": [], "documents": []},
    {"meeting": {"convention": "APMBC", "kind": "msp", "ordinal": 23,
                 "start_date": date(2026, 11, 30), "end_date": date(2026, 12, 4)},
     "agenda": [], "documents": []},
]

ORGANIZATIONS = [
    ("ICBL", "国际禁止地雷运动", "International Campaign to Ban Landmines"),
    ("CMC", "集束弹药联盟", "Cluster Munition Coalition"),
    ("ICRC", "红十字国际委员会", "International Committee of the Red Cross"),
    ("UN", "联合国", "United Nations"),
]

# The members and 2026 meeting days of the committees (reference data, written by the
# migrations: meetings/migrations/0005_reference_data.py), by convention and English name:
# (convention, name, [(state or organization, role, from, until)], 2026 meeting days)
COMMITTEES = [
    ("APMBC", "Coordinating Committee",
     [("ICBL", "invited", date(2025, 12, 5), None), ("ICRC", "invited", date(2025, 12, 5), None)],
     ["01-22", "02-19", "03-19", "04-23", "05-21", "06-16", "07-16", "09-17", "10-15",
      "11-19", "12-10"]),
    ("APMBC", "Committee on Article 5 Implementation",
     [], ["01-28", "02-25", "03-25", "04-29", "05-27", "06-17", "09-23", "10-21", "11-25",
          "12-03"]),
    ("APMBC", "Committee on Victim Assistance",
     [], ["02-03", "03-10", "04-14", "05-12", "06-18", "09-08", "10-13", "12-01"]),
    ("APMBC", "Committee on Cooperative Compliance",
     [], ["02-10", "04-07", "06-18", "09-15", "11-10"]),
    ("APMBC", "Committee on the Enhancement of Cooperation and Assistance",
     [], ["01-29", "03-05", "04-16", "05-14", "06-19", "09-10", "10-08", "11-12", "12-08"]),
    ("CCM", "Coordination Committee",
     [("DE", "president", date(2016, 9, 7), date(2017, 9, 6)),
      ("LK", "president_designate", date(2016, 9, 7), date(2017, 9, 6)),
      ("LK", "president", date(2017, 9, 6), None),
      ("CMC", "invited", date(2016, 9, 7), None), ("ICRC", "invited", date(2016, 9, 7), None)],
     []),
    ("CCM", "Coordinators on International Cooperation and Assistance",
     [("AU", "coordinator", date(2016, 9, 7), None),
      ("IQ", "coordinator", date(2016, 9, 7), date(2017, 9, 6)),
      ("PE", "coordinator", date(2017, 9, 6), None)],
     []),
]

# APMBC 2026 missions and workshops of the ISU: (kind, first day, days, country, zh, en).
ISU_ACTIVITIES = [
    ("mission", "2026-02-09", 4, "AO", "第 5 条执行支助任务", "Article 5 implementation support mission"),
    ("mission", "2026-03-16", 5, "KH", "第 5 条执行支助任务", "Article 5 implementation support mission"),
    ("mission", "2026-04-20", 4, "TJ", "第 5 条执行支助任务", "Article 5 implementation support mission"),
    ("workshop", "2026-05-05", 2, "SN", "受害者援助国家讲习班", "National workshop on victim assistance"),
    ("mission", "2026-07-06", 5, "IQ", "第 5 条执行支助任务", "Article 5 implementation support mission"),
    ("mission", "2026-09-28", 4, "LK", "第 5 条执行支助任务", "Article 5 implementation support mission"),
    ("workshop", "2026-10-19", 3, "KH", "第 5 条延期请求讲习班",
     "Workshop on preparing Article 5 extension requests"),
    ("mission", "2026-11-09", 4, "ET", "第 5 条执行支助任务", "Article 5 implementation support mission"),
    ("mission", "2026-12-07", 4, "BA", "第 5 条执行支助任务", "Article 5 implementation support mission"),
]


def _agenda_item(meeting, chain):
    parent = None
    for number, zh, en in chain:
        parent = (models.AgendaItem.objects.filter(meeting=meeting, parent=parent, number=number)
                  .first() or create(models.AgendaItem, meeting=meeting, parent=parent,
                                     number=number, title_zh_hans=zh, title_en=en))
    return parent


def _document(meeting, item, spec, documents_by_number):
    spec = dict(spec)
    blocks = []
    if "blocks" in spec:
        data = read(f"documents/{spec.pop('blocks')}")
        masthead, blocks = data["masthead"], data["blocks"]
        for field in ("title", "subtitle", "submitted_by"):
            if masthead[field]["en"]:
                for name, value in texts(field, masthead[field]).items():
                    spec.setdefault(name, value)
    notes = spec.pop("notes", [])
    if "amends" in spec:
        spec["amends"] = documents_by_number[spec["amends"]]
    spec.setdefault("original_language", "en")
    # The seeds were all issued; a work plan's document is issued when its plan is published.
    spec.setdefault("issued", spec.get("body") != "work_plan")
    spec.setdefault("languages", ["zh-hans", "en"])
    # An issued document prints its date: where the seed does not print it, the demo dates the
    # document on the first day of its meeting.
    spec.setdefault("submitted_on", meeting.start_date)
    issued = spec.pop("issued")
    document = models.Document(meeting=meeting, agenda_item=item, **spec)
    existing = models.Document.objects.filter(symbol=document.build_symbol()).first()
    if existing:
        return existing
    document.full_clean()
    document.save()  # issued once its body is in place: an issued document no longer changes
    for position, note in enumerate(notes, start=1):
        # The document service edits the text of narrative documents only: the masthead
        # footnotes of a work plan's document are entered in the admin, which saves them so.
        create(models.MastheadNote, document=document, position=position, **texts("text", note))
    _body(document, blocks)
    if issued:
        document.issued = True
        document.full_clean()  # as the admin issues it: with its body in order
        document.save()
    return document


def _body(document, blocks):
    """The document's blocks, each with its footnote, added one after the other."""
    editor = head_of_isu(document.meeting.convention.code)
    for position, block in enumerate(blocks, start=1):
        values = {"kind": block["kind"], "numbered": block.get("numbered", True),
                  "level": block.get("level", 1), **texts("text", block["text"])}
        notes = block.get("footnotes", [])
        if editor is None:
            # The demo has no staff for this convention (CCW), and the document service acts
            # for its staff: the blocks are created directly. Each is validated, the record
            # rules (lib/records.py) apply on save, and issuing checks the body's order.
            row = create(models.Block, document=document, position=position, **values)
            for note_position, note in enumerate(notes, start=1):
                create(models.Footnote, block=row, position=note_position,
                       **texts("text", note))
            continue
        if len(notes) > 1:
            raise ValueError("A block is added with one footnote at most.")
        footnote = {f"{editing.BlockEdit.NEW}-{name}": value for note in notes
                    for name, value in texts("text", note).items()}
        added(editing.add_row(editor, document.pk, "block", values | footnote))


def _committees(conventions):
    organizations = {}
    for acronym, zh, en in ORGANIZATIONS:
        organizations[acronym], _new = models.Organization.objects.get_or_create(
            acronym=acronym, defaults={"name_zh_hans": zh, "name_en": en}
        )
    for code, name, members, days in COMMITTEES:
        committee = models.Committee.objects.get(convention=conventions[code], name_en=name)
        if not committee.memberships.exists():
            for member, role, starts_on, ends_on in members:
                who = ({"organization": organizations[member]} if member in organizations
                       else {"state": member})
                create(models.CommitteeMembership, committee=committee, role=role,
                       starts_on=starts_on, ends_on=ends_on, **who)
        if not committee.meetings.exists():
            for day in days:
                create(models.CommitteeMeeting, committee=committee,
                       held_on=date.fromisoformat(f"2026-{day}"))


def _isu_activities(apmbc):
    if apmbc.isu_activities.exists():
        return
    for kind, first_day, days, country, zh, en in ISU_ACTIVITIES:
        starts_on = date.fromisoformat(first_day)
        create(models.IsuActivity, convention=apmbc, kind=kind, starts_on=starts_on,
               ends_on=starts_on + timedelta(days=days - 1), country=country,
               description_zh_hans=zh, description_en=en)


def load(stdout):
    conventions = {c.code: c for c in Convention.objects.all()}
    for entry in MEETINGS:
        values = dict(entry["meeting"])
        convention = conventions[values.pop("convention")]
        meeting = models.Meeting.objects.filter(
            convention=convention, kind=values["kind"], start_date=values["start_date"]
        ).first() or create(models.Meeting, convention=convention, **GENEVA, **values)
        item = _agenda_item(meeting, entry["agenda"])
        documents_by_number = {}
        for spec in entry["documents"]:
            document = _document(meeting, item, spec, documents_by_number)
            documents_by_number[document.number] = document
    _committees(conventions)
    _isu_activities(conventions["APMBC"])
    stdout.write(f"Meetings: {models.Meeting.objects.count()}; "
                 f"documents: {models.Document.objects.count()}; "
                 f"committee meetings: {models.CommitteeMeeting.objects.count()}")
