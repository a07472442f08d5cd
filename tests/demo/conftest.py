"""The demo, loaded once for each module whose tests read it: loading goes through the services
as the staff do, and publishing the plans renders their PDFs, which takes seconds."""

import pytest
from django.core.management import call_command

from tests import factories
from tests.seeds import load_demo


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo()
        yield
        call_command("flush", interactive=False, verbosity=0)
        factories.reference_data()  # what the migrations wrote, for the tests that follow


@pytest.fixture
def demo(loaded_demo, db):
    """The demo, for a test that reads it; whatever the test writes is undone after it."""
