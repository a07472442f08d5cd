"""Fuzzing the API from its own schema with every schemathesis check: whatever a client sends,
no server error, and every answer (status, content type, body) is one the schema states; a
request the schema allows is served, one it forbids is refused."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests import factories
from workplans.models import WorkPlan

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
    # A little of everything, so that detail endpoints also find rows to answer with, and
    # fields both with a value and null: an unnumbered chapter, a plan with and without a
    # document, a document with and without the one it changes.
    plan = factories.plan("CCM", 2018, outcomes=1)
    factories.chapter(plan, "Introduction", paragraphs=1, numbered=False)
    factories.chapter(plan, "Work plan", position=1, paragraphs=1)
    WorkPlan.objects.filter(pk=plan.pk).update(status=WorkPlan.Status.PUBLISHED)
    original = factories.document(factories.meeting("CCM", "msp", 7), number=4)
    factories.document(original.meeting, amends=original, change="Corr", change_number=1)
    factories.plan("CCM", 2019, status=WorkPlan.Status.PUBLISHED, document=original)
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json",
                                          get_wsgi_application())


@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_every_answer_of_the_api_is_the_one_its_schema_states(case):
    case.call_and_validate()  # all of schemathesis's checks, not only "no server error"


def component(schema, name):
    return schema["components"]["schemas"][name]["properties"]


def query_parameter(schema, path, name):
    parameters = schema["paths"][path]["get"]["parameters"]
    return next(parameter for parameter in parameters if parameter["name"] == name)


@pytest.fixture
def openapi(anonymous):
    return anonymous.get("/api/schema/?format=json").json()


def test_fields_the_api_gives_as_null_are_nullable_in_the_schema(openapi):
    for name, field in [("Document", "amends"), ("WorkPlan", "document"),
                        ("WorkPlanDetail", "cloned_from"), ("Indicator", "actual"),
                        ("Chapter", "label")]:
        assert component(openapi, name)[field].get("nullable"), (name, field)


def test_paging_takes_only_whole_numbers_in_range_each_given_once(anonymous, openapi, ccm):
    for query in ["limit=null", "limit=0", "limit=201", "offset=-1", "offset=1&offset=2",
                  "limit=10&limit=20"]:
        assert anonymous.get(f"/api/meetings/?{query}").status_code == 400, query
    for query in ["limit=200", "offset=0", "limit=&offset="]:
        assert anonymous.get(f"/api/meetings/?{query}").status_code == 200, query
    limit = query_parameter(openapi, "/api/meetings/", "limit")["schema"]
    assert (limit["minimum"], limit["maximum"]) == (1, 200)


def test_the_year_filters_state_their_range_and_keep_to_it(anonymous, openapi, ccm):
    for path in ["/api/workplans/", "/api/budgets/", "/api/sponsorship/rounds/"]:
        year = query_parameter(openapi, path, "year")["schema"]
        assert (year["type"], year["minimum"], year["maximum"]) == ("integer", 1990, 2100), path
        assert anonymous.get(f"{path}?year=0").status_code == 400
        assert anonymous.get(f"{path}?year=1990").status_code == 200
