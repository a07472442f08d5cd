"""The demo writes through the services that enforce the rules, as the staff do: a row the
rules refuse stops it."""

from io import StringIO

import pytest

from demo import accounts, conventions, meetings, sponsorship
from sponsorship.services import FundsRefused


def test_the_demo_offers_no_sponsorship_beyond_a_rounds_funds(db, monkeypatch):
    for part in (conventions.load, accounts.load, meetings.load):
        part(StringIO())
    monkeypatch.setattr(sponsorship, "CCM_YEARS", {2016: (6, ["1000", "1000", "1000", "1000"])})
    with pytest.raises(FundsRefused):
        sponsorship.load(StringIO())
