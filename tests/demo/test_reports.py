"""The demo's year of APMBC progress (illustrative, January to September 2026) and the ISU's
2026 report drafted from it as a draft document of the Twenty-third Meeting."""

from meetings.body import number_blocks
from meetings.models import Block, Document
from reporting.models import AnnualReport, IndicatorValue, ProgressUpdate
from tests.seeds import load_demo
from workplans.models import WorkPlan


def apmbc_plan():
    return WorkPlan.objects.get(convention__code="APMBC", start_year=2026)


def test_the_apmbc_plan_has_three_quarters_of_illustrative_progress_with_evidence(demo):
    updates = ProgressUpdate.objects.for_plan(apmbc_plan()).with_evidence()
    assert updates.count() >= 20
    assert {(u.year, u.period_kind) for u in updates} == {(2026, "quarter")}
    assert {u.period_number for u in updates} == {1, 2, 3}
    assert all("（示例）" in u.account_zh_hans and "(illustrative)" in u.account_en
               for u in updates)
    cited = {name for u in updates for name in ProgressUpdate.EVIDENCE
             if getattr(u, name).all()}
    assert cited == set(ProgressUpdate.EVIDENCE)
    assert IndicatorValue.objects.for_plan(apmbc_plan()).count() == 2


def test_its_2026_report_is_drafted_as_a_draft_of_the_twenty_third_meeting(demo):
    report = AnnualReport.objects.select_related("document__meeting").get(
        convention__code="APMBC", year=2026)
    document = report.document
    assert (document.symbol, document.issued, document.meeting.ordinal) == (
        "APLC/MSP.23/2026/1", False, 23)
    blocks = number_blocks(Block.objects.filter(document=document).order_by("position")
                           .prefetch_related("footnotes"))
    chapters = [b for b in blocks if b.kind == "chapter"]
    assert len(chapters) == 12  # the introduction, the nine areas, functioning, finances
    assert [b.kind for b in blocks].count("table") == 1
    texts = " ".join(b.text_en for b in blocks)
    assert "The Unit carried out Article 5 implementation support missions to Angola" in texts
    assert "执行支助股对安哥拉和柬埔寨开展了第 5 条执行支助任务（示例）。" in " ".join(
        b.text_zh_hans for b in blocks)
    assert any("APLC/MSP.23/2026/WP.1" in note.text_en for b in blocks
               for note in b.footnotes.all())


def test_loading_again_changes_no_progress_and_no_report(demo):
    counts = (ProgressUpdate.objects.count(), Document.objects.count(), Block.objects.count())
    load_demo()
    assert (ProgressUpdate.objects.count(), Document.objects.count(),
            Block.objects.count()) == counts
