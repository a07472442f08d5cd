"""What the financing tests share: the CCM's 2018 budget of CHF 465,440 adopted on
6 September 2017, its core fund and its capital reserve of CHF 400,000 (drawn on only for
cash-flow shortfalls)."""

from decimal import Decimal

import pytest

from financing.models import Fund
from tests.financing.statement_world import adopted_budget_2018


@pytest.fixture
def budget(ccm):
    return adopted_budget_2018(ccm)


@pytest.fixture
def core(ccm, budget):
    return Fund.objects.create(convention=ccm, kind=Fund.Kind.CORE, name_en="Core budget",
                               name_zh_hans="核心预算")


@pytest.fixture
def reserve(ccm):
    return Fund.objects.create(convention=ccm, kind=Fund.Kind.RESERVE, name_en="Capital reserve",
                               target_amount=Decimal("400000"), draws_only_for_cash_flow=True)
