"""Builders for test data, written in code so each test shows what it relies on."""

from django.contrib.auth import get_user_model

from isu.models import Convention, StaffRole
from workplans import models

PASSWORD = "a-test-password"


def convention(code):
    names = {
        "CCM": ("Convention on Cluster Munitions", "《集束弹药公约》", "CCM", "ordinal"),
        "APMBC": ("Anti-Personnel Mine Ban Convention", "《禁止杀伤人员地雷公约》", "APLC",
                  "numbered_session"),
        "CCW": ("Convention on Certain Conventional Weapons", "《特定常规武器公约》", "CCW",
                "annual"),
    }
    english, chinese, series, style = names[code]
    return Convention.objects.get_or_create(
        code=code,
        defaults={"name_en": english, "name_zh_hans": chinese, "short_name_en": english,
                  "short_name_zh_hans": chinese, "isu_host_en": "GICHD",
                  "isu_host_zh_hans": "日内瓦国际人道主义排雷中心", "document_series": series,
                  "meeting_style": style},
    )[0]


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
