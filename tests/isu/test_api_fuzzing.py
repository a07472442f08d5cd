"""Fuzzing the API from its own schema: whatever a client sends, no server error."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests import factories

schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def api_schema(db):
    # The raw WSGI application closes the database connection after each request, which would
    # end the test's transaction; Django's test client keeps it open the same way.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield _schema()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _schema():
    # A little of everything, so that detail endpoints also find rows to answer with.
    factories.plan("CCM", 2018, outcomes=1, status="published")
    factories.document(factories.meeting("CCM", "msp", 7), number=4)
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json",
                                          get_wsgi_application())


@schema.parametrize()
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_no_request_makes_the_api_fail(case):
    response = case.call()
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])
