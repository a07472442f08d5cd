"""Pledges, payments and reserve movements recorded through the services, and their rules."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from financing import services
from financing.models import Contributor, Fund, Payment, Pledge, ReserveMovement

D = Decimal


@pytest.fixture
def core(ccm):
    return Fund.objects.create(convention=ccm, kind=Fund.Kind.CORE, name_en="ISU core budget")


@pytest.fixture
def reserve(ccm):
    return Fund.objects.create(convention=ccm, kind=Fund.Kind.RESERVE, name_en="Capital reserve",
                               target_amount=D("400000"), draws_only_for_cash_flow=True)


@pytest.fixture
def norway(db):
    return Contributor.objects.create(state="NO")


def test_a_multi_year_pledge_is_spread_evenly_with_the_remainder_in_the_last_year(core, norway):
    pledge = Pledge(contributor=norway, fund=core, first_year=2025, last_year=2027,
                    amount=D("100.00"))
    assert pledge.yearly_amounts() == {2025: D("33.33"), 2026: D("33.33"), 2027: D("33.34")}
    assert sum(pledge.yearly_amounts().values()) == D("100.00")
    assert pledge.amount_for(2028) == 0


def test_the_eu_project_spreads_over_five_years_in_euros(core, norway):
    pledge = Pledge(contributor=norway, fund=core, first_year=2025, last_year=2029,
                    amount=D("2700000"), currency="EUR", exchange_rate=D("0.94"))
    assert set(pledge.yearly_amounts().values()) == {D("540000.00")}
    assert pledge.chf_for(2026) == D("507600.00")


def test_a_payment_in_euros_is_counted_in_chf_at_its_rate_to_the_centime(ccm_finance, core,
                                                                         norway):
    payment = services.record_payment(
        ccm_finance, contributor=norway, fund=core, year=2018, value_date=date(2018, 3, 1),
        amount="1000.00", currency="EUR", exchange_rate="1.234565", reference="NO-2018-1")
    payment.refresh_from_db()
    assert payment.amount_chf == D("1234.57")  # 1,234.565, half up


def test_the_same_reference_twice_is_refused_and_counted_once(ccm_finance, core, norway):
    arguments = dict(contributor=norway, fund=core, year=2018, value_date=date(2018, 3, 1),
                     amount="5000", reference="BANK-42")
    services.record_payment(ccm_finance, **arguments)
    with pytest.raises(ValidationError, match="already recorded for this fund"):
        services.record_payment(ccm_finance, **arguments)
    assert Payment.objects.count() == 1


def test_payments_without_a_reference_are_both_kept(ccm_finance, core, norway):
    for _ in range(2):
        services.record_payment(ccm_finance, contributor=norway, fund=core, year=2018,
                                value_date=date(2018, 3, 1), amount="10")
    assert Payment.objects.count() == 2


def test_a_chf_payment_with_another_rate_is_refused(ccm_finance, core, norway):
    with pytest.raises(ValidationError, match="exchange rate 1"):
        services.record_payment(ccm_finance, contributor=norway, fund=core, year=2018,
                                value_date=date(2018, 3, 1), amount="10", exchange_rate="1.1")


def test_a_payment_settles_only_its_contributors_pledge(ccm_finance, core, norway):
    pledge = services.record_pledge(ccm_finance, contributor=Contributor.objects.create(
        state="CH"), fund=core, first_year=2018, amount="1000")
    with pytest.raises(ValidationError, match="only what its contributor owes"):
        services.record_payment(ccm_finance, contributor=norway, fund=core, year=2018,
                                value_date=date(2018, 3, 1), amount="10", pledge=pledge)


def test_a_draw_for_another_purpose_is_refused_on_a_cash_flow_reserve(ccm_finance, reserve):
    services.record_reserve_movement(ccm_finance, fund=reserve, date=date(2018, 1, 1),
                                     kind="replenishment", amount="400000")
    with pytest.raises(ValidationError, match="only to cover a cash-flow shortfall"):
        services.record_reserve_movement(ccm_finance, fund=reserve, date=date(2018, 2, 1),
                                         kind="draw", amount="1000", purpose="other")
    services.record_reserve_movement(ccm_finance, fund=reserve, date=date(2018, 2, 1),
                                     kind="draw", amount="1000", purpose="cash_flow")
    assert Fund.objects.with_balance().get(pk=reserve.pk).balance == D("399000")


def test_a_reserve_without_the_rule_takes_a_draw_for_another_purpose(ccm_finance, ccm):
    buffer = Fund.objects.create(convention=ccm, kind=Fund.Kind.RESERVE, name_en="Buffer")
    services.record_reserve_movement(ccm_finance, fund=buffer, date=date(2018, 1, 1),
                                     kind="replenishment", amount="100")
    services.record_reserve_movement(ccm_finance, fund=buffer, date=date(2018, 2, 1),
                                     kind="draw", amount="100", purpose="other")
    assert ReserveMovement.objects.filter(fund=buffer).count() == 2


def test_the_balance_never_goes_below_zero_not_even_before_a_later_replenishment(
        ccm_finance, reserve):
    services.record_reserve_movement(ccm_finance, fund=reserve, date=date(2018, 6, 1),
                                     kind="replenishment", amount="500")
    with pytest.raises(ValidationError, match="below zero"):
        services.record_reserve_movement(ccm_finance, fund=reserve, date=date(2018, 1, 1),
                                         kind="draw", amount="100", purpose="cash_flow")
    with pytest.raises(ValidationError, match="below zero"):
        services.record_reserve_movement(ccm_finance, fund=reserve, date=date(2018, 7, 1),
                                         kind="draw", amount="500.01", purpose="cash_flow")


def test_movements_go_only_on_a_reserve(ccm_finance, core):
    with pytest.raises(ValidationError, match="only on a reserve"):
        services.record_reserve_movement(ccm_finance, fund=core, date=date(2018, 1, 1),
                                         kind="replenishment", amount="1")


def test_another_conventions_finance_staff_find_nothing(apmbc_finance, core, norway):
    with pytest.raises(Http404):
        services.record_pledge(apmbc_finance, contributor=norway, fund=core, first_year=2018,
                               amount="1")


@pytest.mark.parametrize("who", ["coordinator", "ccm_sponsorship", "ccm_officer"])
def test_staff_who_do_not_keep_the_accounts_are_refused(request, who, core, norway):
    with pytest.raises(PermissionDenied):
        services.record_payment(request.getfixturevalue(who), contributor=norway, fund=core,
                                year=2018, value_date=date(2018, 1, 1), amount="1")


def test_the_head_of_the_isu_records_a_pledge(ccm_head, core, norway):
    pledge = services.record_pledge(ccm_head, contributor=norway, fund=core, first_year=2018,
                                    last_year=2019, amount="2000")
    assert pledge.amount_for(2019) == D("1000.00")


# -- one test per named constraint, at the database -----------------------------------------

def _refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_constraints_of_funds(ccm):
    _refused(lambda: Fund.objects.create(convention=ccm, kind="core", name_en="x",
                                         target_amount=1))
    _refused(lambda: Fund.objects.create(convention=ccm, kind="project", name_en="x",
                                         draws_only_for_cash_flow=True))


def test_constraints_of_contributors(db):
    from meetings.models import Organization

    eu = Organization.objects.create(acronym="EU", name_en="European Union")
    _refused(lambda: Contributor.objects.create(state="NO", organization=eu))
    _refused(lambda: Contributor.objects.create())
    Contributor.objects.create(state="NO")
    _refused(lambda: Contributor.objects.create(state="NO"))
    Contributor.objects.create(organization=eu)
    _refused(lambda: Contributor.objects.create(organization=eu))


def test_constraints_of_pledges(core, norway):
    base = dict(contributor=norway, fund=core, first_year=2018, last_year=2018)
    _refused(lambda: Pledge.objects.create(**{**base, "last_year": 2017}, amount=1))
    _refused(lambda: Pledge.objects.create(**base, amount=0))
    _refused(lambda: Pledge.objects.create(**base, amount=1, currency="EUR", exchange_rate=0))
    _refused(lambda: Pledge.objects.create(**base, amount=1, exchange_rate=D("1.1")))


def test_constraints_of_payments(core, norway):
    pledge = Pledge.objects.create(contributor=norway, fund=core, first_year=2018,
                                   last_year=2018, amount=1)
    base = dict(contributor=norway, fund=core, year=2018, value_date=date(2018, 1, 1))
    _refused(lambda: Payment.objects.create(**base, amount=0))
    _refused(lambda: Payment.objects.create(**base, amount=1, currency="EUR", exchange_rate=0))
    _refused(lambda: Payment.objects.create(**base, amount=1, exchange_rate=2))
    Payment.objects.create(**base, amount=1, reference="R1")
    _refused(lambda: Payment.objects.create(**base, amount=1, reference="R1"))
    from financing.models import Assessment  # noqa: F401  (settles one thing: see below)

    assessment = _assessment(core, norway)
    _refused(lambda: Payment.objects.create(**base, amount=1, pledge=pledge,
                                            assessment=assessment))


def _assessment(fund, contributor):
    from financing.models import Assessment, Scale
    from tests import factories

    budget = factories.budget(factories.plan("CCM", 2018), lines=[("staff", "100")])
    scale = Scale.objects.create(convention=fund.convention, source_en="Scale",
                                 dated=date(2018, 1, 1))
    return Assessment.objects.create(contributor=contributor, fund=fund, year=2018,
                                     amount=1, budget=budget, scale=scale)


def test_constraints_of_assessments(core, norway):
    assessment = _assessment(core, norway)
    from financing.models import Assessment

    _refused(lambda: Assessment.objects.create(
        contributor=norway, fund=core, year=2018, amount=1, budget=assessment.budget,
        scale=assessment.scale))
    _refused(lambda: Assessment.objects.create(
        contributor=norway, fund=core, year=2019, amount=-1, budget=assessment.budget,
        scale=assessment.scale))


def test_constraints_of_reserve_movements(reserve):
    base = dict(fund=reserve, date=date(2018, 1, 1))
    _refused(lambda: ReserveMovement.objects.create(**base, kind="replenishment", amount=0))
    _refused(lambda: ReserveMovement.objects.create(**base, kind="draw", amount=1))
    _refused(lambda: ReserveMovement.objects.create(**base, kind="replenishment", amount=1,
                                                    purpose="other"))


def test_constraints_of_scales_and_methods(ccm):
    from financing.models import ContributionMethod, Scale, ScaleShare

    scale = Scale.objects.create(convention=ccm, source_en="Scale", dated=date(2018, 1, 1))
    ScaleShare.objects.create(scale=scale, country="NO", share=1)
    _refused(lambda: ScaleShare.objects.create(scale=scale, country="NO", share=2))
    _refused(lambda: ScaleShare.objects.create(scale=scale, country="CH", share=0))
    _refused(lambda: ScaleShare.objects.create(scale=scale, country="AT", share=101))
    _refused(lambda: ContributionMethod.objects.create(convention=ccm, kind="formula"))
    _refused(lambda: ContributionMethod.objects.create(convention=ccm, kind="voluntary",
                                                       floor=10, ceiling=5))


# -- exchange rates, the year of what a payment settles, plausible dates -----------------------

def test_an_amount_in_another_currency_needs_its_exchange_rate(ccm_finance, core, norway):
    payment = dict(contributor=norway, fund=core, year=2018, value_date=date(2018, 3, 1),
                   amount="1000", currency="EUR")
    with pytest.raises(ValidationError, match="Enter the exchange rate of EUR to CHF"):
        services.record_payment(ccm_finance, **payment)
    with pytest.raises(ValidationError, match="Enter the exchange rate of EUR to CHF"):
        services.record_payment(ccm_finance, **payment, exchange_rate="1")  # not given
    with pytest.raises(ValidationError, match="Enter the exchange rate of USD to CHF"):
        services.record_pledge(ccm_finance, contributor=norway, fund=core, first_year=2018,
                               amount="1000", currency="USD")
    assert not Payment.objects.exists() and not Pledge.objects.exists()
    services.record_payment(ccm_finance, **payment, exchange_rate="1.05")
    assert Payment.objects.get().amount_chf == D("1050.00")


def test_an_amount_in_chf_takes_the_rate_1_without_being_told(ccm_finance, core, norway):
    pledge = services.record_pledge(ccm_finance, contributor=norway, fund=core, first_year=2018,
                                    amount="1000")
    payment = services.record_payment(ccm_finance, contributor=norway, fund=core, year=2018,
                                      value_date=date(2018, 3, 1), amount="400", pledge=pledge)
    assert pledge.exchange_rate == 1 and payment.exchange_rate == 1
    assert payment.amount_chf == D("400.00")


def test_a_correction_to_another_currency_needs_its_rate(ccm_finance, core, norway):
    pledge = services.record_pledge(ccm_finance, contributor=norway, fund=core, first_year=2018,
                                    amount="1000")
    with pytest.raises(ValidationError, match="Enter the exchange rate of EUR to CHF"):
        services.update_pledge(ccm_finance, core, pledge.pk, currency="EUR")
    services.update_pledge(ccm_finance, core, pledge.pk, currency="EUR", exchange_rate=D("0.94"))
    services.update_pledge(ccm_finance, core, pledge.pk, currency="CHF", exchange_rate=None)
    pledge.refresh_from_db()
    assert (pledge.currency, pledge.exchange_rate) == ("CHF", 1)


def test_a_payment_settles_only_the_assessment_of_its_year(ccm_finance, core, norway):
    assessment = _assessment(core, norway)  # of 2018
    with pytest.raises(ValidationError, match="This is the assessment of 2018: a payment for "
                                              "2016 cannot settle it."):
        services.record_payment(ccm_finance, contributor=norway, fund=core, year=2016,
                                value_date=date(2016, 3, 1), amount="1", assessment=assessment)
    services.record_payment(ccm_finance, contributor=norway, fund=core, year=2018,
                            value_date=date(2017, 12, 1), amount="1", assessment=assessment)
    assert assessment.payments.count() == 1


def test_a_payment_settles_a_pledge_only_for_a_year_it_covers(ccm_finance, core, norway):
    pledge = services.record_pledge(ccm_finance, contributor=norway, fund=core, first_year=2018,
                                    last_year=2019, amount="2000")
    with pytest.raises(ValidationError, match="This pledge covers 2018–2019: a payment for 2020 "
                                              "cannot settle it."):
        services.record_payment(ccm_finance, contributor=norway, fund=core, year=2020,
                                value_date=date(2020, 3, 1), amount="1000", pledge=pledge)
    services.record_payment(ccm_finance, contributor=norway, fund=core, year=2019,
                            value_date=date(2019, 3, 1), amount="1000", pledge=pledge)
    payment = Payment.objects.get()
    with pytest.raises(ValidationError, match="cannot settle it"):
        services.update_payment(ccm_finance, core, payment.pk, year=2017)


@pytest.mark.parametrize("day", [date(2101, 1, 1), date(1800, 1, 1), date(1989, 12, 31)])
def test_a_payment_on_an_implausible_date_is_refused(ccm_finance, core, norway, day):
    with pytest.raises(ValidationError, match="before 1 January 1990 or after 31 December 2100"):
        services.record_payment(ccm_finance, contributor=norway, fund=core, year=2018,
                                value_date=day, amount="1")
    assert not Payment.objects.exists()


def test_the_first_and_the_last_plausible_days_are_taken(ccm_finance, core, norway):
    for day in [date(1990, 1, 1), date(2100, 12, 31)]:
        services.record_payment(ccm_finance, contributor=norway, fund=core, year=2018,
                                value_date=day, amount="1")
    assert Payment.objects.count() == 2


def test_a_reserve_movement_on_an_implausible_date_is_refused(ccm_finance, reserve):
    with pytest.raises(ValidationError, match="surely a typing error"):
        services.record_reserve_movement(ccm_finance, fund=reserve, date=date(1800, 1, 1),
                                         kind="replenishment", amount="100")


@pytest.mark.parametrize("model, name", [
    ("StatementRun", "issued_on"), ("StatusPublication", "as_at"), ("BankLine", "value_date"),
])
def test_the_dates_of_statements_publications_and_bank_entries_are_plausible(model, name):
    from financing import models

    row = getattr(models, model)(**{name: date(1800, 1, 1)})
    others = [field.name for field in row._meta.fields if field.name != name]
    with pytest.raises(ValidationError) as refused:
        row.clean_fields(exclude=others)
    assert "surely a typing error" in refused.value.message_dict[name][0]
    getattr(models, model)(**{name: date(2018, 1, 1)}).clean_fields(exclude=others)
