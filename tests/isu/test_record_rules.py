"""The rules of records hold for every write, without any view: rows never move to another
record, locked plans and issued documents keep their rows, a plan's document is issued only by
its publication, bodies are issued in order, subtotals never contain themselves."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from budgets.models import Group, Line
from meetings.models import Block, Footnote, MastheadNote
from tests import factories
from workplans import models
from workplans.models import WorkPlan

PUBLISHED = WorkPlan.Status.PUBLISHED


@pytest.fixture
def apmbc_published(apmbc):
    plan = factories.plan("APMBC", 2026, outcomes=1)
    factories.chapter(plan, "Their chapter", paragraphs=1)
    return factories.set_status(plan, PUBLISHED)


def test_a_chapter_cannot_be_moved_to_another_plan(ccm, apmbc_published):
    own = factories.plan("CCM")
    foreign = apmbc_published.chapters.get()
    foreign.plan = own
    foreign.title_en = "Hijacked"
    with pytest.raises(ValidationError, match="belongs to another record"):
        foreign.save()
    foreign.refresh_from_db()
    assert (foreign.plan, foreign.title_en) == (apmbc_published, "Their chapter")


def test_a_row_cannot_be_moved_between_two_drafts_either(ccm):
    first, second = factories.plan("CCM", 2018), factories.plan("CCM", 2019)
    paragraph = factories.chapter(first, "One", paragraphs=1).paragraphs.get()
    paragraph.chapter = factories.chapter(second, "Two")
    with pytest.raises(ValidationError, match="belongs to another record"):
        paragraph.save()


def test_a_new_row_saved_under_an_existing_id_is_refused(ccm, apmbc_published):
    # What the nested admin did with a posted id on a new form.
    own_chapter = factories.chapter(factories.plan("CCM"), "Ours")
    foreign = apmbc_published.chapters.get().paragraphs.get()
    with pytest.raises(ValidationError, match="belongs to another record"):
        models.Paragraph(pk=foreign.pk, chapter=own_chapter, position=1, text_en="Hijacked").save()
    assert models.Paragraph.objects.get(pk=foreign.pk).chapter.plan == apmbc_published


@pytest.mark.parametrize("write", ["add", "change", "delete"])
def test_a_published_plan_keeps_its_rows(apmbc_published, write):
    paragraph = models.Paragraph.objects.get(chapter__plan=apmbc_published)
    with pytest.raises(ValidationError, match="only a draft work plan can be changed"):
        if write == "add":
            models.SubParagraph.objects.create(paragraph=paragraph, text_en="(a)")
        elif write == "change":
            paragraph.text_en = "Changed"
            paragraph.save()
        else:
            with transaction.atomic():  # a refused delete spoils its transaction
                paragraph.delete()
    assert models.Paragraph.objects.get(pk=paragraph.pk).text_en != "Changed"


def test_a_plan_under_review_keeps_its_indicators(ccm):
    plan = factories.set_status(factories.plan("CCM", outcomes=1), WorkPlan.Status.SUBMITTED)
    indicator = models.Indicator.objects.get(outcome__plan=plan)
    indicator.target = 99
    with pytest.raises(ValidationError, match="Submitted"):
        indicator.save()


def test_a_published_plan_changes_only_by_its_workflow(apmbc_published):
    apmbc_published.title_en = "Rewritten"
    with pytest.raises(ValidationError):
        apmbc_published.save()
    plan = WorkPlan.objects.get(pk=apmbc_published.pk)
    with pytest.raises(ValidationError), transaction.atomic():
        plan.delete()
    plan.status = WorkPlan.Status.DRAFT  # the workflow's own field moves
    plan.save()


def test_the_budget_of_a_published_plan_keeps_its_lines(apmbc_published):
    draft = factories.plan("APMBC", 2027)
    budget = factories.budget(draft, lines=[("salaries", "100")])
    factories.set_status(draft, PUBLISHED)
    line = budget.lines.get()
    line.amount = Decimal(1)
    with pytest.raises(ValidationError, match="only a draft"):
        line.save()
    with pytest.raises(ValidationError, match="only a draft"):
        Line.objects.create(budget=budget, category=line.category, amount=Decimal(2))
    with pytest.raises(ValidationError, match="only a draft"):
        factories.budget(apmbc_published)


def test_a_budget_line_cannot_move_to_another_budget(ccm):
    first = factories.budget(factories.plan("CCM", 2018), lines=[("salaries", "100")])
    second = factories.budget(factories.plan("CCM", 2019))
    line = first.lines.get()
    line.budget = second
    with pytest.raises(ValidationError, match="belongs to another record"):
        line.save()


def test_subtotals_inside_each_other_are_refused_on_save(ccm):
    budget = factories.budget(factories.plan("CCM"), groups=["Staff", "Travel"])
    staff, travel = Group.objects.order_by("position")
    staff.parent = travel
    staff.save()
    travel.parent = staff
    with pytest.raises(ValidationError, match="cannot contain itself"):
        travel.save()
    assert Group.objects.get(pk=travel.pk).parent is None
    assert budget.groups.count() == 2


@pytest.fixture
def issued_report(ccm):
    return factories.document(factories.meeting("CCM", "msp", 7), number=4,
                              blocks=[("Said.[^]", ["A note"])])


@pytest.mark.parametrize("write", ["document", "add block", "change block", "delete block",
                                   "footnote", "masthead note", "unissue"])
def test_an_issued_document_never_changes(issued_report, write):
    block = issued_report.blocks.get()
    with pytest.raises(ValidationError, match="is issued and never changes"):
        if write == "document":
            issued_report.title_en = "Rewritten"
            issued_report.save()
        elif write == "add block":
            Block.objects.create(document=issued_report, position=2, text_en="More")
        elif write == "change block":
            block.text_en = "Unsaid.[^]"
            block.save()
        elif write == "delete block":
            with transaction.atomic():  # a refused delete spoils its transaction
                block.delete()
        elif write == "footnote":
            Footnote.objects.create(block=block, position=2, text_en="Another note")
        elif write == "masthead note":
            MastheadNote.objects.create(document=issued_report, position=1, text_en="*")
        else:
            issued_report.issued = False
            issued_report.save()
    assert Block.objects.get(pk=block.pk).text_en == "Said.[^]"


def test_a_body_out_of_order_is_not_issued(ccm):
    document = factories.document(factories.meeting("CCM", "msp", 7), number=4, issued=False)
    Block.objects.create(document=document, position=1, kind="subparagraph", text_en="(a)")
    with pytest.raises(ValidationError, match="must follow a paragraph"):
        factories.issue(document)


def test_a_work_plan_document_is_issued_only_by_publishing_its_plan(ccm):
    document = factories.document(factories.meeting("CCM", "msp", 7), number=4,
                                  body="work_plan")
    plan = factories.plan("CCM", document=document)
    document.issued = True
    with pytest.raises(ValidationError, match="publishes the plan"):
        document.full_clean()
    with pytest.raises(ValidationError, match="publishes the plan"):
        document.save()
    document.refresh_from_db()
    factories.set_status(plan, PUBLISHED)
    document.refresh_from_db()
    assert document.issued
