"""The financing of the two ISUs whose seeds speak of it, recorded through the financing services
as their finance staff record it.

CCM 2018 (seeds 000 and 001): the core budget of CHF 465,440 adopted by the Seventh Meeting of
States Parties is shared between the states parties by a formula; the capital reserve has a
target of CHF 400,000 and may be drawn on only for cash-flow shortfalls (seed 001, para. 3).
APMBC 2026 (seed 002): voluntary contributions to the ISU's budget of CHF 769,221, the buffer
fund (CHF 758,655 at the time of drafting, paragraph 5; its target is one year of expenditure)
and the European Union's project of EUR 2,700,000 over 2025–2029.

What the seeds do not give is illustrative and says so in its note: the scale's shares (after
the UN scale of assessments 2016–2018, adjusted to the membership), the floor and the ceiling,
every pledge and payment, the reserve's movements and the contacts' addresses (example.org).
"""

from datetime import date
from decimal import Decimal

from django.db.models import Q

from demo.accounts import staff_member
from demo.helpers import create
from financing import banking, publishing, services, statements
from financing.figures import adopted_budget
from financing.models import (
    Contact,
    ContributionMethod,
    Contributor,
    Fund,
    ReserveMovement,
    Scale,
    ScaleShare,
)
from isu.models import Convention, Participation, StaffRole
from meetings.models import Organization

ILLUSTRATIVE = "Illustrative figure for the demonstration"
ILLUSTRATIVE_ZH = "演示用的示例数字"

# Percent, after the UN scale of assessments for 2016–2018 (A/RES/70/245); a party not listed
# takes the scale's minimum, 0.001. Illustrative: the demo's scale is not an official one.
CCM_SHARES = {
    "JP": "9.680", "DE": "6.389", "FR": "4.859", "GB": "4.463", "IT": "3.748", "CA": "2.921",
    "ES": "2.443", "AU": "2.337", "NL": "1.482", "MX": "1.435", "CH": "1.140", "SE": "0.956",
    "BE": "0.885", "NO": "0.849", "AT": "0.720", "DK": "0.584", "NZ": "0.268", "CL": "0.399",
    "PT": "0.392", "ZA": "0.364", "CZ": "0.344", "IE": "0.335", "CO": "0.322", "HU": "0.161",
    "SK": "0.160", "PE": "0.136", "IQ": "0.129", "HR": "0.099", "SI": "0.084", "UY": "0.079",
    "LT": "0.072", "EC": "0.067", "CU": "0.065", "LU": "0.064", "CR": "0.047", "LB": "0.046",
    "DO": "0.046", "BG": "0.045", "PA": "0.034", "TT": "0.034", "GT": "0.028", "TN": "0.028",
    "IS": "0.023", "MT": "0.016", "GH": "0.016", "PY": "0.014", "SV": "0.014", "BA": "0.013",
    "BO": "0.012", "CM": "0.010",
}
MINIMUM_SHARE = "0.001"

# (state, value date, share of its assessment paid): illustrative payments for 2018, as the
# bank reports them; the two part payments are left for the finance staff to resolve.
CCM_2018_PAYMENTS = [
    ("AU", date(2018, 1, 24), 1), ("AT", date(2018, 1, 31), 1), ("BE", date(2018, 2, 14), 1),
    ("CA", date(2018, 2, 20), 1), ("DK", date(2018, 2, 27), 1), ("FR", date(2018, 3, 6), 1),
    ("DE", date(2018, 3, 13), 1), ("IE", date(2018, 3, 20), 1), ("IT", date(2018, 4, 10), 1),
    ("JP", date(2018, 4, 24), 1), ("LU", date(2018, 5, 8), 1), ("NL", date(2018, 5, 15), 1),
    ("NZ", date(2018, 5, 29), 1), ("NO", date(2018, 6, 5), 1), ("ES", date(2018, 6, 19), 0.5),
    ("SE", date(2018, 7, 3), 1), ("CH", date(2018, 7, 17), 1), ("GB", date(2018, 9, 4), 1),
    ("MX", date(2018, 10, 2), 0.5), ("CL", date(2018, 11, 6), 1),
]
# The states whose financial contacts the ISU holds (illustrative addresses); the others'
# statements wait for an address.
CCM_CONTACTS = [state for state, _day, _share in CCM_2018_PAYMENTS] + ["PE", "PT", "ZA", "GH"]
BANK_HEADER = "Valuta;Betrag;Währung;Referenz;Auftraggeber;Mitteilung"

# Voluntary payments of 2017 that the statements show among the past years (illustrative).
CCM_2017_PAYMENTS = [("AU", "25000"), ("DE", "60000"), ("NO", "40000"), ("CH", "30000"),
                     ("NL", "20000"), ("IE", "15000"), ("AT", "10000")]

# (state, pledge in CHF, paid by): illustrative voluntary contributions to the APMBC ISU, 2026.
APMBC_2026_PLEDGES = [
    ("AU", "80000", date(2026, 2, 17)), ("AT", "30000", date(2026, 3, 3)),
    ("BE", "25000", None), ("CA", "90000", date(2026, 3, 24)), ("DE", "120000", date(2026, 4, 7)),
    ("IE", "35000", date(2026, 4, 21)), ("NL", "60000", None), ("NO", "100000", date(2026, 5, 5)),
    ("CH", "70000", date(2026, 5, 19)), ("TH", "5000", None),
]


def _fund(convention, kind, zh, en, **values):
    fund = Fund.objects.filter(convention=convention, kind=kind).first()
    return fund or create(Fund, convention=convention, kind=kind, name_zh_hans=zh, name_en=en,
                          **values)


def _contributor(state="", organization=None):
    lookup = {"state": state} if state else {"organization": organization}
    return Contributor.objects.get_or_create(**lookup)[0]


def _contacts(convention, contributors):
    for contributor in contributors:
        if contributor.is_state and not Contact.objects.filter(
                convention=convention, contributor=contributor).exists():
            code = str(contributor.state).lower()
            create(Contact, convention=convention, contributor=contributor,
                   name=f"Finance contact ({contributor.state})",
                   email=f"finance.{convention.code.lower()}@mission-{code}.example.org")


def _bank_file(run):
    """The bank's CSV export of the 2018 contributions that quote their statement's reference,
    and a credit of interest that is not a contribution (illustrative)."""
    by_state = {str(s.contributor.state): s for s in run.statements.select_related("contributor")}
    rows = [BANK_HEADER]
    for number, (state, value_date, share) in enumerate(CCM_2018_PAYMENTS, start=1):
        statement = by_state[state]
        amount = (statement.outstanding * Decimal(share)).quantize(Decimal("0.01"))
        rows.append(f"{value_date:%d.%m.%Y};{amount};CHF;UBS-{value_date:%Y%m%d}-{number:06};"
                    f"{statement.contributor};Contribution CCM ISU 2018 {statement.reference}")
    rows.append("31.12.2018;12.35;CHF;UBS-20181231-000999;UBS Switzerland AG;Habenzins 2018")
    return ("\n".join(rows) + "\n").encode()


def load(stdout):
    conventions = {c.code: c for c in Convention.objects.filter(code__in=["CCM", "APMBC"])}
    if len(conventions) < 2 or Fund.objects.filter(
            ~Q(kind=Fund.Kind.SPONSORSHIP), convention__in=conventions.values()).exists():
        return
    _ccm(conventions["CCM"])
    _apmbc(conventions["APMBC"])
    stdout.write("Recorded the financing of the CCM (2018) and the APMBC (2026).")


def _ccm(ccm):
    finance = staff_member("CCM", StaffRole.Role.FINANCE)
    core = _fund(ccm, Fund.Kind.CORE, "执行支助股核心预算", "ISU core budget")
    reserve = _fund(ccm, Fund.Kind.RESERVE, "资本储备金", "Capital reserve",
                    target_amount=Decimal(400000), draws_only_for_cash_flow=True)
    scale = create(
        Scale, convention=ccm, dated=date(2015, 12, 23),
        source_zh_hans="示例：依据联合国 2016–2018 年会费分摊比额表（A/RES/70/245）按缔约国调整",
        source_en="Illustrative: after the UN scale of assessments 2016–2018 (A/RES/70/245), "
                  "adjusted to the membership")
    parties = Participation.objects.filter(convention=ccm).parties_on(date(2017, 9, 6))
    for country in parties.values_list("country", flat=True):
        create(ScaleShare, scale=scale, country=country,
               share=Decimal(CCM_SHARES.get(str(country), MINIMUM_SHARE)))
    create(ContributionMethod, convention=ccm, kind=ContributionMethod.Kind.FORMULA, scale=scale,
           floor=Decimal(100), ceiling=Decimal(60000))
    for state, amount in CCM_2017_PAYMENTS:
        services.record_payment(finance, contributor=_contributor(state), fund=core, year=2017,
                                value_date=date(2017, 4, 1), amount=amount,
                                reference=f"CCM-2017-{state}")
    budget = adopted_budget(ccm.pk, 2018)
    services.assess(finance, ccm, core, 2018, budget)
    _contacts(ccm, Contributor.objects.filter(state__in=CCM_CONTACTS))
    run = statements.generate_statements(finance, core, 2018, issued_on=date(2017, 9, 15))
    statements.send_run(finance, run)
    statements.deliver(run.pk)  # at once, as the worker would: the demo's mail is captured
    banking.import_bank_file(finance, ccm, "ubs-2018.csv", _bank_file(run))
    publishing.publish_status(staff_member("CCM", StaffRole.Role.HEAD_OF_ISU), core, 2018,
                              as_at=date(2018, 12, 31))
    for state, day, amount in [("AU", date(2016, 6, 30), "150000"),
                               ("DE", date(2016, 11, 15), "120000"),
                               ("NO", date(2017, 5, 2), "80000")]:
        services.record_reserve_movement(finance, fund=reserve, date=day, kind="replenishment",
                                         amount=amount, reason_en=f"{ILLUSTRATIVE} ({state})",
                                         reason_zh_hans=f"{ILLUSTRATIVE_ZH}（{state}）")
    services.record_reserve_movement(
        finance, fund=reserve, date=date(2018, 1, 15), kind=ReserveMovement.Kind.DRAW,
        amount="60000", purpose=ReserveMovement.Purpose.CASH_FLOW,
        reason_en="Salaries of January and February before the first contributions (illustrative)",
        reason_zh_hans="首批捐款到账前的 1 月和 2 月薪金（示例）")
    services.record_reserve_movement(
        finance, fund=reserve, date=date(2018, 6, 29), kind="replenishment", amount="60000",
        reason_en="The January draw repaid from contributions received (illustrative)",
        reason_zh_hans="以已收捐款偿还 1 月的提款（示例）")


def _apmbc(apmbc):
    finance = staff_member("APMBC", StaffRole.Role.FINANCE)
    create(ContributionMethod, convention=apmbc, kind=ContributionMethod.Kind.VOLUNTARY)
    core = _fund(apmbc, Fund.Kind.CORE, "执行支助股预算", "ISU budget")
    buffer = _fund(apmbc, Fund.Kind.RESERVE, "缓冲基金", "Buffer fund",
                   target_amount=Decimal(769221))
    project = _fund(apmbc, Fund.Kind.PROJECT, "欧盟理事会第 2025/781 号决定",
                    "Council of the European Union Decision 2025/781", currency="EUR")
    services.record_reserve_movement(
        finance, fund=buffer, date=date(2025, 10, 8), kind="replenishment", amount="758655",
        reason_en="Balance at the time of drafting the 2026 work plan and budget (seed 002, "
                  "paragraph 5)",
        reason_zh_hans="起草 2026 年工作计划和预算时的余额（第 5 段）")
    contributors = []
    for state, amount, paid_on in APMBC_2026_PLEDGES:
        contributor = _contributor(state)
        contributors.append(contributor)
        pledge = services.record_pledge(finance, contributor=contributor, fund=core,
                                        first_year=2026, amount=amount, note=ILLUSTRATIVE)
        if paid_on is not None:
            services.record_payment(finance, contributor=contributor, fund=core, year=2026,
                                    value_date=paid_on, amount=amount, pledge=pledge,
                                    reference=f"APMBC-2026-{state}")
    eu = _contributor(organization=Organization.objects.get_or_create(
        acronym="EU", defaults={"name_zh_hans": "欧洲联盟", "name_en": "European Union"})[0])
    pledge = services.record_pledge(
        finance, contributor=eu, fund=project, first_year=2025, last_year=2029, amount="2700000",
        currency="EUR", exchange_rate="0.94",
        note="Council Decision (CFSP) 2025/781; the rate of the agreement's day is approximate")
    for year, value_date in [(2025, date(2025, 7, 15)), (2026, date(2026, 3, 2))]:
        services.record_payment(finance, contributor=eu, fund=project, year=year,
                                value_date=value_date, amount="540000", currency="EUR",
                                exchange_rate="0.94", pledge=pledge,
                                reference=f"EU-2025-781-{year}")
    _contacts(apmbc, contributors)

