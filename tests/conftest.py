"""Named roles shared by every test: a CCM officer, an APMBC officer, the CCM head of the ISU,
the CCM and APMBC finance staff, the CCM sponsorship staff, a coordinator, a superuser and an
anonymous visitor; and the seed tests' requirement of the seed documents (tests/seeds.py)."""

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.test import Client
from django.utils import translation

from isu.models import StaffRole
from tests import factories, seeds


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "seeds(*names): the test reads these seed documents (tests/seeds.py); it is "
                   "skipped without them, or fails when REQUIRE_SEEDS is set")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any fixture (the demo takes seconds), a seed test missing its seeds is skipped, or
    fails under REQUIRE_SEEDS."""
    for marker in item.iter_markers("seeds"):
        seeds.require(*marker.args)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached public page, in the default language (a request leaves
    its language active in the thread)."""
    cache.clear()
    caches["shared"].clear()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def ccm(db):
    return factories.convention("CCM")


@pytest.fixture
def apmbc(db):
    return factories.convention("APMBC")


@pytest.fixture
def ccm_officer(ccm):
    return factories.user("ccm.officer", ("CCM", StaffRole.Role.ISU_OFFICER))


@pytest.fixture
def apmbc_officer(apmbc):
    return factories.user("apmbc.officer", ("APMBC", StaffRole.Role.ISU_OFFICER))


@pytest.fixture
def ccm_head(ccm):
    return factories.user("ccm.head", ("CCM", StaffRole.Role.HEAD_OF_ISU))


@pytest.fixture
def ccm_finance(ccm):
    return factories.user("ccm.finance", ("CCM", StaffRole.Role.FINANCE))


@pytest.fixture
def apmbc_finance(apmbc):
    return factories.user("apmbc.finance", ("APMBC", StaffRole.Role.FINANCE))


@pytest.fixture
def ccm_sponsorship(ccm):
    return factories.user("ccm.sponsorship", ("CCM", StaffRole.Role.SPONSORSHIP_STAFF))


@pytest.fixture
def coordinator(ccm, apmbc):
    return factories.user(
        "coordinator", ("CCM", StaffRole.Role.COORDINATOR), ("APMBC", StaffRole.Role.COORDINATOR)
    )


@pytest.fixture
def superuser(db):
    return factories.user("root", superuser=True)


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def as_user():
    """A client logged in as the given user."""

    def login(user):
        client = Client()
        client.force_login(user)
        return client

    return login
