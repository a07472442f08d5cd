"""The demo's conventions and the CCM's states, as seed 000 counts them."""

from datetime import date
from io import StringIO

from demo.conventions import load
from isu.models import Participation
from tests.isu.test_reference_data import counts


def test_demo_data_matches_the_ccm_membership_of_1_june_2017(db):
    """Seed 000: as at 1 June 2017, 119 states had joined, 101 parties and 18 signatories."""
    load(StringIO())
    states = Participation.objects.filter(convention__code="CCM")
    day = date(2017, 6, 1)
    assert states.parties_on(day).count() == 101
    assert states.signatories_on(day).count() == 18
    assert states.count() == 119


def test_the_demo_adds_no_reference_data(demo):
    """The conventions, their action plans, meeting patterns and committees, and the budget
    categories are the migrations' alone."""
    assert counts() == {"isu.Convention": 4, "isu.ActionPlan": 6, "meetings.MeetingPattern": 9,
                        "meetings.Committee": 7, "budgets.Category": 5}
