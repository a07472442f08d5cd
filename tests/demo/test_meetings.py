"""The demo holds all five seed documents as official documents of their real meetings."""

import re
from datetime import date

import pytest

from meetings.body import number_blocks
from meetings.models import Block, CommitteeMeeting, Document, Meeting
from tests.seeds import load_demo, seed
from workplans.models import WorkPlan
from workplans.outline import number_tree, tree_prefetches

NARRATIVE_SEEDS = {
    "CCM/CONF/2015/PM.1/WP.8": "004_14f0be7e581ef332.txt",
    "CCM/CONF/2020/PM.2/2": "001_4957f8dcaaf8c704.txt",
    "CCW/MSP/2014/3": "003_956bdc1b419702ac.txt",
}


def test_each_seed_is_a_document_of_its_meeting_under_its_agenda_item(demo):
    documents = Document.objects.select_related("meeting__convention",
                                                "agenda_item__parent__parent")
    found = {d.symbol: (d.meeting.names["en"], d.meeting.names["zh-hans"],
                        d.agenda_item and d.agenda_item.labels["zh-hans"], d.body)
             for d in documents}
    assert found == {
        "CCM/MSP/2017/4": ("Seventh Meeting of States Parties", "缔约国第七次会议", "8(j)",
                           "work_plan"),
        "CCM/CONF/2015/PM.1/WP.8": ("First Preparatory Meeting of the First Review Conference",
                                    "第一次审议会议第一次筹备会议", "5", "narrative"),
        "CCM/CONF/2020/PM.2/2": ("Second Preparatory Meeting of the Second Review Conference",
                                 "第二次审议会议第二次筹备会议", "5(a)", "narrative"),
        "APLC/MSP.22/2025/5": ("Twenty-second Meeting of the States Parties", "第二十二届会议",
                               "9(h)(一)", "work_plan"),
        "CCW/MSP/2014/3": ("2014 Meeting of the High Contracting Parties", "2014年会议", "13",
                           "narrative"),
        "CCW/MSP/2014/3/Add.1": ("2014 Meeting of the High Contracting Parties", "2014年会议",
                                 "13", "none"),
        # The demo's own: the APMBC's drafted 2026 report and the papers its progress cites.
        **{symbol: ("Twenty-third Meeting of the States Parties", "第二十三届会议", None,
                    "narrative")
           for symbol in ("APLC/MSP.23/2026/1", "APLC/MSP.23/2026/WP.1",
                          "APLC/MSP.23/2026/WP.2")},
    }


def test_meetings_hold_their_true_dates(demo):
    dates = {m.document_prefix: (m.start_date, m.end_date) for m in Meeting.objects.all()}
    assert dates["CCM/MSP/2017"] == (date(2017, 9, 4), date(2017, 9, 6))
    assert dates["APLC/MSP.22/2025"] == (date(2025, 12, 1), date(2025, 12, 5))
    assert dates["CCW/MSP/2014"] == (date(2014, 11, 13), date(2014, 11, 14))


def test_the_work_plans_are_issued_as_their_documents_with_the_masthead_notes(demo):
    plans = {str(p): p.document.symbol for p in WorkPlan.objects.select_related(
        "convention", "document").filter(document__isnull=False)}
    assert plans == {"CCM 2018": "CCM/MSP/2017/4", "APMBC 2026": "APLC/MSP.22/2025/5"}
    notes = Document.objects.get(symbol="APLC/MSP.22/2025/5").masthead_notes.all()
    assert [n.text_zh_hans for n in notes] == ["本文件逾期提交，以反映最新信息。",
                                              "本文件印发前未经正式编辑。"]


@pytest.mark.parametrize("symbol, paragraphs, footnotes", [
    ("CCM/CONF/2015/PM.1/WP.8", 15, 0),
    ("CCM/CONF/2020/PM.2/2", 21, 0),
    ("CCW/MSP/2014/3", 21, 2),
])
def test_narrative_bodies_number_like_the_seeds(demo, symbol, paragraphs, footnotes):
    blocks = number_blocks(Block.objects.filter(document__symbol=symbol)
                           .prefetch_related("footnotes"))
    numbers = [b.number for b in blocks if b.kind == "paragraph" and b.number]
    assert numbers == list(range(1, paragraphs + 1))
    assert sum(len(b.footnotes.all()) for b in blocks) == footnotes
    assert all(b.text_zh_hans and b.text_en for b in blocks)


@pytest.mark.seeds(*NARRATIVE_SEEDS.values())
@pytest.mark.parametrize("symbol", NARRATIVE_SEEDS)
def test_every_chinese_text_is_verbatim_from_its_seed(demo, symbol):
    seed_text = re.sub(r"\s+", "", seed(NARRATIVE_SEEDS[symbol]).read_text(encoding="utf-8"))
    blocks = Block.objects.filter(document__symbol=symbol).prefetch_related("footnotes")
    texts = [b.text_zh_hans for b in blocks] + [n.text_zh_hans for b in blocks
                                                for n in b.footnotes.all()]
    for text in texts:
        for piece in re.sub(r"\s+", "", text).split(Block.FOOTNOTE_MARKER):
            assert piece in seed_text, piece


def test_a_year_of_apmbc_committee_meetings_meets_the_plans_target(demo):
    assert CommitteeMeeting.objects.of_convention(
        Meeting.objects.filter(convention__code="APMBC").first().convention_id
    ).in_years(2026, 2026).count() == 43
    plan = WorkPlan.objects.prefetch_related(*tree_prefetches()).get(convention__code="APMBC",
                                                                     start_year=2026)
    progress = {i.counts: i for i in number_tree(plan, as_of=date(2026, 11, 25)).indicators}
    assert progress["committee_meetings"].progress_text() == (
        "up to 60 committee meetings — 39 so far")
    assert progress["missions"].actual == 6


def test_loading_the_demo_again_changes_nothing(demo):
    counts = (Meeting.objects.count(), Document.objects.count(), Block.objects.count(),
              CommitteeMeeting.objects.count())
    load_demo()
    assert (Meeting.objects.count(), Document.objects.count(), Block.objects.count(),
            CommitteeMeeting.objects.count()) == counts
