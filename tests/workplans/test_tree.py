"""The plan's tree is described once (workplans/tree.py); search, copies and history follow it
to every kind of row."""

import pytest

from meetings.search import matching_document_ids
from tests import factories
from workplans import models, tree
from workplans.history import plan_history
from workplans.services import clone_into_next_period


@pytest.fixture
def plan_with_every_kind_of_row(ccm):
    document = factories.document(factories.meeting("CCM", "msp", 7), number=4,
                                  body="work_plan")
    return factories.plan_with_every_kind_of_row(document=document)


@pytest.mark.parametrize("word", ["Quokka", "Wombat", "Numbat", "Bilby", "Dingo", "Kiwi"])
def test_search_finds_a_published_plan_by_any_of_its_texts(plan_with_every_kind_of_row, word):
    factories.set_status(plan_with_every_kind_of_row, models.WorkPlan.Status.PUBLISHED)
    assert plan_with_every_kind_of_row.document_id in matching_document_ids(word)


def test_a_clone_copies_every_kind_of_row(plan_with_every_kind_of_row):
    clone = clone_into_next_period(plan_with_every_kind_of_row)
    for model in tree.row_models():
        counts = [model.objects.filter(models.PLAN.rows_of(model, plan.pk)).count()
                  for plan in (plan_with_every_kind_of_row, clone)]
        assert counts[0] == counts[1] and counts[0] > 0, model


def test_the_history_of_a_plan_covers_every_kind_of_row(plan_with_every_kind_of_row):
    kinds = {entry.kind for entry in plan_history(plan_with_every_kind_of_row.pk)}
    assert kinds >= {str(model._meta.verbose_name) for model in tree.row_models()}
