"""The data the tests of invoices and statements share: CCM with a formula, its 2018 budget
adopted on 6 September 2017, three parties assessed (Norway, Switzerland, Japan), a payment and
contributions of past years, and financial contacts for Norway (two) and Switzerland (one)."""

from datetime import date
from decimal import Decimal

from financing import services
from financing.models import (
    Assessment,
    Contact,
    ContributionMethod,
    Contributor,
    Fund,
    Scale,
    ScaleShare,
)
from isu.models import Participation
from tests import factories
from workplans.models import WorkPlan

D = Decimal


def adopted_budget_2018(ccm):
    plan = factories.plan("CCM", 2018)
    budget = factories.budget(plan, lines=[("staff", "300000"), ("travel", "165440")])
    WorkPlan.objects.filter(pk=plan.pk).update(status=WorkPlan.Status.ADOPTED,
                                               adopted_on=date(2017, 9, 6))
    return budget


def parties(ccm, *countries):
    for country in countries:
        Participation.objects.create(convention=ccm, country=country, joined_on=date(2010, 1, 1),
                                     instrument="ratification")


def formula_world(ccm, finance):
    """CCM under a formula, assessed for 2018, with Norway's payments and contacts."""
    budget = adopted_budget_2018(ccm)
    parties(ccm, "NO", "CH", "JP")
    scale = Scale.objects.create(convention=ccm, source_en="UN scale 2016–2018",
                                 dated=date(2015, 12, 23))
    for country, share in [("NO", "0.849"), ("CH", "1.140"), ("JP", "9.680")]:
        ScaleShare.objects.create(scale=scale, country=country, share=D(share))
    ContributionMethod.objects.create(convention=ccm, kind="formula", scale=scale,
                                      floor=D("1000"), ceiling=D("300000"))
    core = Fund.objects.create(convention=ccm, kind=Fund.Kind.CORE, name_en="Core budget",
                               name_zh_hans="核心预算")
    services.assess(finance, ccm, core, 2018, budget)
    norway = Contributor.objects.get(state="NO")
    services.record_payment(finance, contributor=norway, fund=core, year=2018,
                            value_date=date(2018, 2, 1), amount="10000.50", reference="NO-2018")
    for year, amount in [(2015, "30000"), (2016, "31000"), (2017, "32000.25")]:
        services.record_payment(finance, contributor=norway, fund=core, year=year,
                                value_date=date(year, 3, 1), amount=amount,
                                reference=f"NO-{year}")
    services.record_pledge(finance, contributor=norway, fund=core, first_year=2017,
                           amount="40000")
    Contact.objects.create(convention=ccm, contributor=norway, name="Finance desk",
                           email="finance@norway.example")
    Contact.objects.create(convention=ccm, contributor=norway, email="mission@norway.example")
    Contact.objects.create(convention=ccm, contributor=Contributor.objects.get(state="CH"),
                           email="contributions@switzerland.example")
    return {"budget": budget, "core": core, "norway": norway,
            "assessed": {str(a.contributor.state): a.amount
                         for a in Assessment.objects.filter(fund=core, year=2018)}}
