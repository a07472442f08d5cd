"""The workspace page stays light: the CCM 2018 plan (as its 2019 draft, every control shown)
in at most 250 KB and 25 queries, about 3 KB more per row, and a plan of 300 activities in at
most 1 MB."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.seeds import load_demo
from workplans.models import WorkPlan


def page(client, plan):
    client.get(f"/workspace/plans/{plan.pk}/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/workspace/plans/{plan.pk}/")
    return len(response.content), len(queries)


def test_the_ccm_2018_plan_fits_in_250_kb_and_25_queries(as_user, db):
    load_demo()
    from django.contrib.auth import get_user_model

    client = as_user(get_user_model().objects.get(username="ccm.officer"))
    draft = WorkPlan.objects.get(convention__code="CCM", start_year=2019)  # the seed, cloned
    size, queries = page(client, draft)
    assert size <= 250_000 and queries <= 25, (size, queries)


@pytest.mark.parametrize("activities", [300])
def test_a_large_plan_stays_usable(as_user, ccm_officer, activities):
    client = as_user(ccm_officer)
    small = factories.plan("CCM", 2018, outcomes=2, outputs=3, activities=5)
    large = factories.plan("CCM", 2019, outcomes=20, outputs=3, activities=activities // 60)
    (small_size, small_queries), (large_size, large_queries) = page(client, small), page(
        client, large)
    rows = (20 - 2) * (1 + 1 + 3) + (20 * 3 * (activities // 60) - 2 * 3 * 5)
    assert large_size <= 1_000_000
    assert (large_size - small_size) / rows <= 3_000
    assert small_queries == large_queries
