"""Builders for test data, written in code so each test shows what it relies on."""

from importlib import import_module

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from isu.models import Convention, StaffRole
from workplans import models

PASSWORD = "a-test-password"


# The data migrations that write the reference data: the conventions with their action plans,
# how they name their meetings, their committees, and the budget categories.
REFERENCE_DATA = ["isu.migrations.0005_reference_data", "isu.migrations.0006_convention_masthead_name",
                  "meetings.migrations.0005_reference_data",
                  "budgets.migrations.0002_budget_categories"]


def reference_data():
    """Write the reference data again, as the migrations wrote it: a flush (the demo's tests,
    transactional tests) empties every table."""
    with translation.override(settings.LANGUAGE_CODE):
        for name in REFERENCE_DATA:
            import_module(name).write(django_apps, None)


def convention(code):
    """One of the shipped conventions (CCM, APMBC, CCW, BWC), as the migrations wrote it."""
    found = Convention.objects.filter(code=code).first()
    if found is None:
        reference_data()
        found = Convention.objects.get(code=code)
    return found


def user(username, *roles, superuser=False):
    """A staff user with (convention code, role) pairs."""
    account = get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_staff=True, is_superuser=superuser
    )
    for code, role in roles:
        StaffRole.objects.create(user=account, convention=convention(code), role=role)
    return account


def plan(code="CCM", year=2018, end_year=None, outcomes=0, outputs=2, activities=3,
         status=models.WorkPlan.Status.DRAFT, **fields):
    """A work plan with `outcomes` outcomes, each with outputs and activities."""
    work_plan = models.WorkPlan.objects.create(
        convention=convention(code), start_year=year, end_year=end_year or year,
        title_en=fields.pop("title_en", f"ISU {year} work plan"),
        title_zh_hans=fields.pop("title_zh_hans", f"执行支助股 {year} 年工作计划"),
        **fields,
    )
    for i in range(1, outcomes + 1):
        outcome = models.Outcome.objects.create(
            plan=work_plan, position=i, text_en=f"Outcome {i}", text_zh_hans=f"成果{i}"
        )
        models.Indicator.objects.create(
            outcome=outcome, description_en="Meetings supported", unit_en="meetings", target=10
        )
        for j in range(1, outputs + 1):
            output = models.Output.objects.create(
                outcome=outcome, position=j, text_en=f"Output {i}.{j}", text_zh_hans=f"产出{i}.{j}"
            )
            for k in range(1, activities + 1):
                models.Activity.objects.create(
                    output=output, position=k, text_en=f"Activity {i}.{j}.{k}",
                    text_zh_hans=f"活动{i}.{j}.{k}",
                )
    return set_status(work_plan, status)


def set_status(work_plan, status):
    """Put a plan, built as a draft, in `status` (a locked plan takes no more rows)."""
    if work_plan.status != status:
        work_plan.status = status
        work_plan.save()
    document = work_plan.document
    if status == models.WorkPlan.Status.PUBLISHED and document and not document.issued:
        document.issued = True  # a plan's document is issued by its publication
        document.save()
    return work_plan


def chapter(work_plan, title_en, position=0, paragraphs=0, **fields):
    item = models.Chapter.objects.create(
        plan=work_plan, position=position, title_en=title_en, **fields
    )
    for index in range(1, paragraphs + 1):
        models.Paragraph.objects.create(chapter=item, position=index, text_en=f"{title_en} ¶{index}")
    return item


def meeting(code="CCM", kind="msp", ordinal=7, start=None, end=None, **fields):
    from datetime import date

    from meetings.models import Meeting

    start = start or date(2017, 9, 4)
    return Meeting.objects.create(
        convention=convention(code), kind=kind, ordinal=ordinal, start_date=start,
        end_date=end or start, venue_en="Geneva", venue_zh_hans="日内瓦", **fields,
    )


def document(of_meeting, number=None, amends=None, change="", change_number=None, blocks=(),
             **fields):
    """A validated official document; its symbol is built from the meeting and the parts.
    `blocks` are paragraphs given as (English text, [footnotes]), in place before it is issued."""
    from meetings.models import Block, Document, Footnote

    issued = fields.pop("issued", fields.get("body") != "work_plan")
    row = Document(
        meeting=of_meeting, number=number, amends=amends, change=change,
        change_number=change_number, title_en=fields.pop("title_en", "A document"),
        submitted_by_en=fields.pop("submitted_by_en", "Implementation Support Unit"),
        languages=fields.pop("languages", ["en", "zh-hans"]),
        **fields,
    )
    row.full_clean()
    row.save()
    for position, (text, notes) in enumerate(blocks, start=1):
        block = Block.objects.create(document=row, position=position, text_en=text)
        for note_position, note in enumerate(notes, start=1):
            Footnote.objects.create(block=block, position=note_position, text_en=note)
    # Issued once its body is in place; a work plan's document is issued when its plan is
    # published (set_status).
    return issue(row) if issued else row


def issue(document):
    """Issue a document whose body is in place (an issued document no longer changes)."""
    document.issued = True
    document.save()
    return document


def budget(work_plan, year=None, lines=(), groups=()):
    """A budget with lines given as (category code, amount) or (category code, amount, group
    index); categories are created as needed."""
    from decimal import Decimal

    from budgets.models import Budget, Category, Group, Line

    row = Budget.objects.create(plan=work_plan, year=year or work_plan.start_year)
    made_groups = [Group.objects.create(budget=row, position=i, title_en=title)
                   for i, title in enumerate(groups, start=1)]
    for position, (code, amount, *group) in enumerate(lines, start=1):
        category, _new = Category.objects.get_or_create(
            code=code, defaults={"title_en": code.replace("_", " ").capitalize(),
                                 "title_zh_hans": code})
        Line.objects.create(budget=row, category=category, position=position,
                            amount=None if amount is None else Decimal(amount),
                            group=made_groups[group[0]] if group else None)
    return row


def complete(work_plan, official=None):
    """Give a draft plan what it needs to be submitted and published (workplans/completeness.py):
    a results framework chapter and a budget chapter, a budget with a line, its indicators in
    both languages, and an official document (`official`, its own, or a new one for a meeting of
    its convention) with its date of submission and its title in both languages."""
    from datetime import date

    from budgets.models import Line
    from meetings.models import Document, Meeting

    kinds = set(work_plan.chapters.values_list("kind", flat=True))
    last = work_plan.chapters.count()
    for kind, english, chinese in [("results_framework", "Results framework", "成果框架"),
                                   ("budget", "Budget", "预算")]:
        if kind not in kinds:
            last += 1
            models.Chapter.objects.create(plan=work_plan, position=last, kind=kind,
                                          title_en=english, title_zh_hans=chinese)
    if not Line.objects.filter(budget__plan=work_plan).exists():
        budget(work_plan, lines=[("salaries", "345054")])
    for measured in ("outcome__plan", "output__outcome__plan"):
        models.Indicator.objects.filter(**{measured: work_plan}).update(
            description_zh_hans="得到支持的会议", unit_zh_hans="次会议")
    if official is None and work_plan.document_id is None:
        held = (Meeting.objects.filter(convention=work_plan.convention_id).first()
                or meeting(work_plan.convention.code))
        taken = held.documents.exclude(number=None).values_list("number", flat=True)
        official = document(held, number=max(taken, default=0) + 1, body="work_plan",
                            issued=False)
    if official is not None:
        work_plan.document = official
        work_plan.save()
    Document.objects.filter(pk=work_plan.document_id, submitted_on=None).update(
        submitted_on=date(work_plan.start_year - 1, 6, 1))
    for untitled in ({"title_zh_hans": ""}, {"title_zh_hans__isnull": True}):
        Document.objects.filter(pk=work_plan.document_id, **untitled).update(
            title_zh_hans=f"执行支助股 {work_plan.start_year} 年工作计划和预算")
    work_plan.refresh_from_db()
    return work_plan


def plan_with_every_kind_of_row(code="CCM", year=2018, **fields):
    """A draft plan with at least one row of every kind of its tree (workplans/tree.py)."""
    work_plan = plan(code, year, outcomes=1, **fields)
    titled = chapter(work_plan, "Chapter heading Quokka")
    section = models.Section.objects.create(chapter=titled, title_en="Section Wombat")
    paragraph = models.Paragraph.objects.create(section=section, text_en="Paragraph")
    models.SubParagraph.objects.create(paragraph=paragraph, text_en="Sub-paragraph Numbat")
    models.SummaryItem.objects.create(plan=work_plan, kind="expected_result",
                                      text_en="Result Bilby")
    models.Indicator.objects.filter(outcome__plan=work_plan).update(
        description_en="Indicator Dingo")
    area = models.ThematicArea.objects.create(plan=work_plan, title_en="Area")
    models.Impact.objects.create(thematic_area=area, text_en="Impact Kiwi")
    models.Activity.objects.create(thematic_area=area, text_en="Area activity")
    return work_plan


def published_plan_and_its_revision(code="CCM", year=2018):
    """Two versions of one period: the published plan and a draft Rev.1 of its document."""
    of_meeting = meeting(code, "msp", 7)
    first = plan(code, year, status=models.WorkPlan.Status.PUBLISHED,
                 document=document(of_meeting, number=4, body="work_plan"))
    revision = plan(code, year, version=2, revises=first,
                    document=document(of_meeting, amends=first.document, change="Rev",
                                      change_number=1, body="work_plan"))
    return first, revision
