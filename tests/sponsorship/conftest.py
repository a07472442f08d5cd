"""A CCM sponsorship programme and its round for the Seventh Meeting of States Parties, shared by
the sponsorship tests."""

from datetime import date
from decimal import Decimal

import pytest

from sponsorship.models import Programme, Round
from tests import factories


@pytest.fixture
def programme(ccm):
    return Programme.objects.create(convention=ccm, administered_by_en="ISU",
                                    governing_body_en="Donors")


@pytest.fixture
def seventh(programme):
    meeting = factories.meeting("CCM", "msp", 7, start=date(2017, 9, 4), end=date(2017, 9, 6))
    return Round.objects.create(programme=programme, meeting=meeting,
                                application_deadline=date(2017, 7, 1), envelope=Decimal(50000),
                                criteria=["article_3", "first_time"])
