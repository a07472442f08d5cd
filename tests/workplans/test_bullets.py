"""A paragraph may print with a bullet instead of a number (the notes under a budget table)."""

import pytest
from django.db import IntegrityError, transaction

from tests import factories
from workplans.models import Paragraph
from workplans.rendering import fetch_plan, plan_body_html


def test_a_bullet_takes_no_number_and_the_numbering_runs_on(ccm):
    plan = factories.plan("CCM", 2018)
    chapter = factories.chapter(plan, "Budget")
    for position, (text, bullet) in enumerate([("First", False), ("A note", True),
                                                ("Second", False)], start=1):
        Paragraph.objects.create(chapter=chapter, position=position, text_en=text,
                                 numbered=not bullet, bullet=bullet)
    body = plan_body_html(fetch_plan(pk=plan.pk), "en", for_pdf=True)
    assert '<p class="bullet">A note</p>' in body
    assert '<span class="number">2.</span>Second' in body


def test_a_numbered_bullet_is_refused_by_the_database(ccm):
    chapter = factories.chapter(factories.plan("CCM", 2018), "Budget")
    with pytest.raises(IntegrityError), transaction.atomic():
        Paragraph.objects.create(chapter=chapter, position=1, text_en="x", numbered=True,
                                 bullet=True)
