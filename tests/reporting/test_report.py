"""The ISU's annual report is drafted in one action from the year's records as an official
narrative document of the next meeting: a summary, an introduction with the mandate, a chapter
for each outcome (or thematic area) telling what was done with its evidence counted, the ISU's
functioning and a financial chapter with its table, in both languages, numbered as every
document is. Drafting it again follows the records and never overwrites what a person edited
unless asked; an issued report never changes."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext

from meetings import editing
from meetings.body import block_label, number_blocks
from meetings.models import Block, Document
from reporting.models import AnnualReport, GeneratedBlock
from reporting.report import draft_annual_report, where
from reporting.services import record_indicator_value
from tests import factories
from tests.reporting.plans import THIS_YEAR, activities, hand_indicator, value
from tests.reporting.report_scene import (
    YEAR_END,
    adopted_plan_with_budget,
    committee_meetings,
    mission,
    next_meeting,
    record,
    spend,
)
from workplans.models import Outcome, WorkPlan


@pytest.fixture
def plan(ccm):
    return adopted_plan_with_budget()


@pytest.fixture
def meeting(ccm):
    return next_meeting()


def draft(user, plan, meeting=None, **options):
    return draft_annual_report(user, plan.pk, THIS_YEAR, meeting and meeting.pk,
                               today=YEAR_END, **options)


def body(document, code="en"):
    """[(kind, number as printed, text, [footnotes])] in reading order."""
    field = f"text_{code.replace('-', '_')}"
    blocks = number_blocks(Block.objects.filter(document=document).order_by("position", "id")
                           .prefetch_related("footnotes"))
    return [(b.kind, block_label(b, code), getattr(b, field),
             [getattr(note, field) for note in b.footnotes.all()]) for b in blocks]


def block(document, key):
    return GeneratedBlock.objects.select_related("block").get(
        report__document=document, key=key).block


def in_each_language(message, **values):
    """A fixed phrase as each language prints it."""
    found = {}
    for code in ("zh-hans", "en"):
        with translation.override(code):
            found[code] = gettext(message) % values
    return found


def test_the_report_is_a_narrative_document_of_the_meeting_numbered_in_both_languages(
        ccm_officer, plan, meeting):
    factories.document(meeting, number=1)
    result = draft(ccm_officer, plan, meeting)
    document = Document.objects.get(pk=result.document.pk)
    assert result.created and document.meeting == meeting and not document.issued
    assert document.symbol == f"CCM/MSP/{THIS_YEAR}/2"  # after the meeting's other documents
    assert document.body == "narrative" and document.languages == ["zh-hans", "en"]
    titles = in_each_language("Report on the activities, functioning and finances of the "
                              "Implementation Support Unit in %(year)s", year=THIS_YEAR)
    assert (document.title_zh_hans, document.title_en) == (titles["zh-hans"], titles["en"])
    assert document.submitted_by_en == "Director of the Implementation Support Unit"
    english = body(document)
    assert [(kind, number) for kind, number, _text, _notes in english[:3]] == [
        ("heading", ""), ("paragraph", ""), ("chapter", "I.")]
    chapters = [(number, text) for kind, number, text, _notes in english if kind == "chapter"]
    assert chapters == [("I.", "Introduction"), ("II.", "Outcome 1"), ("III.", "Outcome 2"),
                        ("IV.", "Functioning of the Implementation Support Unit"),
                        ("V.", "Finances")]
    assert [number for kind, number, _t, _n in body(document, "zh-hans")
            if kind == "chapter"] == ["一.", "二.", "三.", "四.", "五."]
    numbers = [number for kind, number, _t, _n in english if kind == "paragraph" and number]
    assert numbers == [f"{n}." for n in range(1, len(numbers) + 1)]
    assert english[-2][0] == "table" and english[-1][0] == "paragraph"
    # Every block is remembered with what it was drafted as.
    assert GeneratedBlock.objects.filter(report__document=document).count() == len(english)


def test_the_introduction_names_the_plan_its_adoption_and_its_mandate(ccm_officer, plan,
                                                                      meeting):
    document = draft(ccm_officer, plan, meeting).document
    _kind, _number, text, notes = body(document)[3]
    assert "adopted by the Seventh Meeting of States Parties" in text
    assert notes == [f"ISU work plan and budget, {plan.document.symbol}."]
    assert "To support States Parties in implementing the Convention." in body(document)[4][2]
    assert "支持缔约国执行《公约》。" in body(document, "zh-hans")[4][2]


def test_an_activity_tells_its_accounts_with_its_evidence_counted_and_its_documents_cited(
        ccm_officer, plan, meeting):
    paper = factories.document(meeting, number=1, title_en="Universalization report",
                               title_zh_hans="普遍加入报告")
    held = committee_meetings(3)
    trips = [mission(country="SN"), mission(country="KH")]
    record(ccm_officer, plan, committee_meetings=[m.pk for m in held],
           isu_activities=[t.pk for t in trips], documents=[paper.pk])
    record(ccm_officer, plan, period_number=2, status="done",
           account_en="Completed the review.", account_zh_hans="完成了审查。",
           committee_meetings=[held[0].pk])
    document = draft(ccm_officer, plan, meeting).document
    paragraph = block(document, f"activity-{activities(plan)[0].pk}")
    assert paragraph.text_en == (
        "Activity 1.1.1: Supported the Coordination Committee. Completed the review. For this "
        "work the Unit supported 3 committee meetings, carried out 2 missions and prepared 1 "
        "official document.[^]")
    assert paragraph.text_zh_hans.startswith("活动 1.1.1：")
    assert "支持了协调委员会。完成了审查。" in paragraph.text_zh_hans
    [note] = paragraph.footnotes.all()
    assert note.text_en == f"Universalization report, {paper.symbol}."
    assert "普遍加入报告" in note.text_zh_hans and paper.symbol in note.text_zh_hans
    silent = block(document, f"outcome-{Outcome.objects.get(plan=plan, position=1).pk}-silent")
    assert silent.text_en == f"No progress was recorded in {THIS_YEAR} on activity 1.1.2."


def test_an_activity_postponed_says_so_and_a_source_without_records_is_a_footnote(
        ccm_officer, plan, meeting):
    record(ccm_officer, plan, index=1, status="postponed", account_en="Funds ran short.",
           account_zh_hans="", evidence_url="https://example.org/news")
    paragraph = block(draft(ccm_officer, plan, meeting).document,
                      f"activity-{activities(plan)[1].pk}")
    assert paragraph.text_en == (
        "Activity 1.1.2: Funds ran short. “Activity 1.1.2” was postponed.[^]")
    assert "Funds ran short." in paragraph.text_zh_hans  # the other language stands in
    assert [n.text_en for n in paragraph.footnotes.all()] == ["See https://example.org/news."]


def test_the_summary_and_the_functioning_count_the_records_of_the_year(ccm_officer, plan,
                                                                       meeting):
    committee_meetings(4)
    mission()
    factories.meeting("CCM", "msp", 6, start=date(THIS_YEAR - 2, 9, 5))  # another year
    record(ccm_officer, plan, status="done")
    record(ccm_officer, plan, index=1, status="ongoing")
    document = draft(ccm_officer, plan, meeting).document
    summary = body(document)[1][2]
    assert ("the plan's 4 activities stood as follows: completed, 1; under way or ongoing, 1; "
            "postponed or cancelled, 0; not started or without recorded progress, 2.") in summary
    assert (f"In {THIS_YEAR} the Unit supported 4 committee meetings, serviced 1 meeting of the "
            "Convention and carried out 1 mission.") in summary
    staff = block(document, "functioning-staff").text_en
    assert staff == (f"In {THIS_YEAR} the Unit's staff amounted to 1.5 full-time equivalents: "
                     "Director (1); Assistant (0.5).")
    assert "股长" in block(document, "functioning-staff").text_zh_hans
    assert block(document, "functioning-host").text_en.startswith(
        "The Unit is hosted by the Geneva International Centre for Humanitarian Demining")
    assert block(document, "functioning-meetings").text_en.startswith(
        f"In {THIS_YEAR} the Unit supported 4 meetings of the Convention's committees: "
        "Coordination Committee (4).")
    assert block(document, "functioning-missions").text_en == (
        f"In {THIS_YEAR} the Unit carried out 1 mission, to Senegal.")


def test_the_financial_chapter_tables_the_budget_against_expenditure_by_line(
        ccm_officer, plan, meeting):
    spend(ccm_officer, plan, "salaries", 1, "75000")
    spend(ccm_officer, plan, "travel", 1, "12500.40")
    document = draft(ccm_officer, plan, meeting).document
    table = block(document, "finances-table")
    assert table.kind == "table"
    assert table.text_en.splitlines() == [
        "Budget line | Budget | Revised budget | Expenditure | Variance",
        "Salaries | 300,000 | 300,000 | 75,000 | -225,000",
        "Travel | 40,000 | 40,000 | 12,500 | -27,500",
        "Total | 340,000 | 340,000 | 87,500 | -252,500"]
    assert table.text_zh_hans.splitlines()[0].split(" | ")[1] == in_each_language(
        "Budget")["zh-hans"]
    totals = block(document, "finances-totals").text_en
    assert totals.startswith(f"The revised budget for {THIS_YEAR} totals CHF 340,000. By 31 "
                             f"December {THIS_YEAR} the Unit had spent CHF 87,500 (25.7%), "
                             "leaving CHF 252,500 of the CHF 340,000 available.")
    assert f"Nothing was carried forward from {THIS_YEAR - 1}." in totals
    assert "87,500 瑞郎" in block(document, "finances-totals").text_zh_hans


def test_drafted_again_the_figures_follow_the_records(ccm_officer, plan, meeting):
    mission()
    spend(ccm_officer, plan, "travel", 1, "10000")
    first = draft(ccm_officer, plan, meeting)
    summary = block(first.document, "summary")
    assert "carried out 1 mission." in summary.text_en
    assert "had spent CHF 10,000, 2.9%" in summary.text_en
    mission(starts_on=date(THIS_YEAR, 5, 4), country="KH")
    spend(ccm_officer, plan, "travel", 2, "7000")
    again = draft(ccm_officer, plan)  # the report keeps its meeting
    assert not again.created and again.document == first.document
    assert again.kept == [] and again.updated >= 3 and again.added == 0
    summary.refresh_from_db()
    assert "carried out 2 missions." in summary.text_en
    assert "had spent CHF 17,000, 5.0%" in summary.text_en
    assert "Travel | 40,000 | 40,000 | 17,000 | -23,000" in block(
        first.document, "finances-table").text_en
    assert block(first.document, "functioning-missions").text_en.endswith(
        "carried out 2 missions, to Senegal and Cambodia.")


def test_progress_recorded_later_adds_its_paragraph_in_its_place(ccm_officer, plan, meeting):
    document = draft(ccm_officer, plan, meeting).document
    record(ccm_officer, plan, index=2, account_en="Held a workshop.",
           account_zh_hans="举办了讲习班。")
    result = draft(ccm_officer, plan)
    assert result.added == 1
    english = body(document)
    texts = [text for _kind, _number, text, _notes in english]
    added = texts.index("Activity 2.1.1: Held a workshop.")
    assert english[added - 1][2] == "Outcome 2"
    assert [number for kind, number, _t, _n in english if kind == "paragraph" and number] == [
        f"{n}." for n in range(1, sum(1 for k, n, _t, _x in english
                                      if k == "paragraph" and n) + 1)]


def edit(user, block_row, **texts):
    """A person edits a block in the document editor."""
    data = {"kind": block_row.kind, "numbered": block_row.numbered, "level": block_row.level,
            "text_zh_hans": block_row.text_zh_hans, "text_en": block_row.text_en,
            "version": editing.row_version(block_row), **texts}
    row, form = editing.save_row(user, block_row.document_id, "block", block_row.pk, data)
    assert not form.errors, form.errors
    return row


def test_drafted_again_it_keeps_what_a_person_edited_and_says_where(ccm_officer, plan, meeting):
    record(ccm_officer, plan)
    first = draft(ccm_officer, plan, meeting)
    activity = block(first.document, f"activity-{activities(plan)[0].pk}")
    edit(ccm_officer, activity, text_en="Our own words on the Coordination Committee.")
    mission()
    record(ccm_officer, plan, period_number=2, account_en="Supported the Committee twice.")
    again = draft(ccm_officer, plan)
    activity.refresh_from_db()
    assert activity.text_en == "Our own words on the Coordination Committee."
    assert again.kept == [activity]
    assert "carried out 1 mission" in block(first.document, "summary").text_en
    numbers = editing.block_numbers(first.document.pk)
    assert where(first.document.pk, again.kept) == f"paragraph {numbers[activity.pk][0]['en'][:-1]}"
    # Kept once, it stays kept: drafting again still leaves it alone.
    assert draft(ccm_officer, plan).kept == [activity]


def test_with_overwrite_the_edited_text_is_replaced(ccm_officer, plan, meeting):
    record(ccm_officer, plan)
    document = draft(ccm_officer, plan, meeting).document
    activity = block(document, f"activity-{activities(plan)[0].pk}")
    edit(ccm_officer, activity, text_en="Our own words.")
    again = draft(ccm_officer, plan, overwrite=True)
    activity.refresh_from_db()
    assert activity.text_en == "Activity 1.1.1: Supported the Coordination Committee."
    assert again.replaced == [activity] and again.kept == []


def test_a_block_a_person_deleted_is_written_again_only_with_overwrite(ccm_officer, plan,
                                                                       meeting):
    document = draft(ccm_officer, plan, meeting).document
    host = block(document, "functioning-host")
    editing.delete_row(ccm_officer, document.pk, "block", host.pk, editing.row_version(host))
    assert draft(ccm_officer, plan).left_out == 1
    assert block(document, "functioning-host") is None
    assert draft(ccm_officer, plan, overwrite=True).added == 1
    assert block(document, "functioning-host").text_en.startswith("The Unit is hosted by")


def test_blocks_a_person_added_are_never_touched(ccm_officer, plan, meeting):
    document = draft(ccm_officer, plan, meeting).document
    summary = block(document, "summary")
    own, form = editing.add_row(ccm_officer, document.pk, "block", {
        "kind": "paragraph", "numbered": True, "level": 1, "text_en": "A paragraph of ours."},
        after=summary.pk)
    assert own is not None, form.errors
    draft(ccm_officer, plan, overwrite=True)
    own.refresh_from_db()
    assert own.text_en == "A paragraph of ours."
    assert [text for _k, _n, text, _f in body(document)].count("A paragraph of ours.") == 1


def test_a_report_issued_is_never_drafted_again(ccm_officer, plan, meeting):
    document = draft(ccm_officer, plan, meeting).document
    document.submitted_on = date(THIS_YEAR, 8, 1)
    document.issued = True
    document.full_clean()
    document.save()
    before = body(document)
    mission()
    with pytest.raises(PermissionDenied) as refusal:
        draft(ccm_officer, plan)
    assert str(refusal.value.args[0]) == (
        f"The {THIS_YEAR} report is issued as {document.symbol} and never changes: issue a "
        "corrigendum or a revision instead.")
    assert body(document) == before


def test_only_the_conventions_editors_draft_its_report(ccm_officer, apmbc_officer, coordinator,
                                                       plan, meeting):
    with pytest.raises(Http404):
        draft(apmbc_officer, plan, meeting)
    with pytest.raises(PermissionDenied):
        draft(coordinator, plan, meeting)
    assert not AnnualReport.objects.exists() and not Document.objects.filter(
        meeting=meeting).exists()


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_a_plan_not_adopted_has_no_report_yet(ccm_officer, ccm, meeting, status):
    plan = adopted_plan_with_budget()
    WorkPlan.objects.filter(pk=plan.pk).update(status=status)
    with pytest.raises(PermissionDenied, match="adopted plan"):
        draft(ccm_officer, plan, meeting)


def test_the_meeting_must_be_the_conventions_and_held_from_the_year_on(ccm_officer, apmbc,
                                                                       plan, meeting):
    other = factories.meeting("APMBC", "msp", 23, start=date(THIS_YEAR, 11, 30))
    with pytest.raises(ValidationError) as refusal:
        draft(ccm_officer, plan, other)
    assert refusal.value.message_dict == {"meeting": ["Choose a meeting of the CCM."]}
    earlier = factories.meeting("CCM", "msp", 6, start=date(THIS_YEAR - 1, 3, 1))
    with pytest.raises(ValidationError) as refusal:
        draft(ccm_officer, plan, earlier)
    assert refusal.value.message_dict == {"meeting": [
        f"The report of {THIS_YEAR} goes to a meeting held from {THIS_YEAR} on."]}
    with pytest.raises(ValidationError) as refusal:
        draft_annual_report(ccm_officer, plan.pk, THIS_YEAR + 1, meeting.pk, today=YEAR_END)
    assert "year" in refusal.value.message_dict
    assert not AnnualReport.objects.exists()


def test_a_report_drafted_stays_with_its_meeting(ccm_officer, plan, meeting):
    draft(ccm_officer, plan, meeting)
    later = factories.meeting("CCM", "msp", 9, start=date(THIS_YEAR, 11, 2))
    with pytest.raises(ValidationError) as refusal:
        draft(ccm_officer, plan, later)
    assert "already drafted as" in refusal.value.message_dict["meeting"][0]
    assert AnnualReport.objects.get().document.meeting == meeting


def test_the_matrix_takes_a_chapter_for_each_thematic_area(ccm_officer, ccm, meeting):
    plan = adopted_plan_with_budget(outcomes=0, areas=2)
    matrix = activities(plan)
    record(ccm_officer, plan, index=0)
    document = draft(ccm_officer, plan, meeting).document
    chapters = [text for kind, _n, text, _f in body(document) if kind == "chapter"]
    assert chapters[1:3] == ["Area 1", "Area 2"]
    assert block(document, f"activity-{matrix[0].pk}").text_en == (
        "Supported the Coordination Committee.")
    area = matrix[2].thematic_area_id
    assert block(document, f"area-{area}-silent").text_en == (
        f"No progress was recorded in {THIS_YEAR} on the 2 activities of this area.")


def test_an_indicator_reads_against_its_target_with_the_values_of_the_year(ccm_officer, plan,
                                                                         meeting):
    indicator = hand_indicator(plan)
    record_indicator_value(ccm_officer, plan.pk, indicator.pk, value(value="3"))
    record_indicator_value(ccm_officer, plan.pk, indicator.pk, value(value="2",
                                                                     period_number=2))
    text = block(draft(ccm_officer, plan, meeting).document, f"indicator-{indicator.pk}").text_en
    assert text == (f"Indicator “Meetings supported” (target: 10 meetings): 5 meetings in "
                    f"{THIS_YEAR}.")


def test_what_the_records_no_longer_call_for_is_removed(ccm_officer, plan, meeting):
    document = draft(ccm_officer, plan, meeting).document
    silent = [key for key in GeneratedBlock.objects.values_list("key", flat=True)
              if key.endswith("-silent")]
    assert len(silent) == 2
    for index in range(4):  # progress on every activity of both outcomes
        record(ccm_officer, plan, index=index)
    result = draft(ccm_officer, plan)
    assert (result.added, result.removed) == (4, 2)
    assert not GeneratedBlock.objects.filter(key__in=silent).exists()
    assert not any("No progress was recorded" in text for _k, _n, text, _f in body(document))
