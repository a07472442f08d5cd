"""Sponsorship demo: CCM 2016–2019 as seed 001 sums it up (on average CHF 52,800 a year from
four donors, 17 delegates and 16 states per Meeting of States Parties), and the APMBC's 2026
rounds (seed 002: about 50 sponsored participants at the intersessional meetings and the
Twenty-third Meeting). Donors, delegates and costs are illustrative: the seeds give only the
totals. Delegates' names are invented.

Contributions, rounds and applications are saved, and the Donors' Group's decisions recorded,
through the services that keep each round within its funds (sponsorship/services.py), as the
sponsorship staff record them in the admin; a contribution goes to the financing ledger, as a
pledge and its payment on the programme's fund (opened by the first one). No service creates a
programme: it is created directly."""

from datetime import timedelta
from decimal import Decimal
from itertools import cycle

from demo.accounts import staff_member
from demo.helpers import create
from financing.models import Contributor
from isu.models import Convention, StaffRole
from meetings.models import Meeting
from sponsorship import models
from sponsorship.models import Application, Criterion
from sponsorship.services import decide, save_application, save_contribution, save_round

ILLUSTRATIVE = "Illustrative figures: the seeds give only the totals."
CCM_DONORS = ["AU", "DE", "IE", "NZ"]
CCM_YEARS = {  # year: (ordinal of the MSP, received from each of the four donors)
    2016: (6, ["15000", "12000", "12000", "12000"]),
    2017: (7, ["15000", "13200", "14400", "12000"]),
    2018: (8, ["15000", "12000", "13200", "12000"]),
    2019: (9, ["15000", "13200", "13200", "12000"]),
}
# Sixteen states a meeting, one of them sending two delegates: seventeen delegates.
CCM_STATES = ["AF", "BA", "BF", "CO", "CD", "GT", "IQ", "LA", "LB", "MZ", "PE", "SN", "SO", "TD",
              "UG", "ZM"]
APMBC_STATES = ["AF", "AO", "BA", "KH", "CO", "CD", "EC", "ER", "ET", "IQ", "LK", "MR", "NE",
                "NG", "PE", "SN", "SO", "SS", "SD", "TJ", "TD", "TH", "UA", "YE", "ZW", "ZM"]
GIVEN = ["Amina", "Carlos", "Sokha", "Fatima", "Jean", "Leila", "Tomás", "Grace", "Omar", "Mai",
         "Daniel", "Ana", "Samuel", "Nadia", "Pierre", "Rosa", "Kofi"]
FAMILY = ["Diallo", "Mendoza", "Chan", "Haddad", "Mbeki", "Rahimi", "Silva", "Okoro", "Nguyen",
          "Kamara", "Torres", "Mansour", "Banda", "Sok", "Duarte", "Ali", "Mensah"]
WOMEN = {"Amina", "Fatima", "Leila", "Grace", "Mai", "Ana", "Nadia", "Rosa", "Sokha"}


def _saved(save, model, **values):
    """A row validated as the admin validates it, then saved by its service."""
    row = model(**values)
    row.full_clean()
    return save(row)


def _give(user, programme, year, state, amount):
    """A donor's contribution for the year, pledged and received in full, recorded in the
    financing ledger on the programme's fund."""
    donor, _created = Contributor.objects.get_or_create(state=state, organization=None)
    save_contribution(user, programme, year=year, contributor=donor, pledged=Decimal(amount),
                      received=Decimal(amount), note=ILLUSTRATIVE)


def _delegates(states, count, round_, names, criteria, actual, first_time_every=3):
    people = []
    for index in range(count):
        state = states[index % len(states)]
        given, family = next(names)
        ticket = Decimal(1400 + (index * 97) % 900)
        allowance = Decimal(360 * 3)
        application = _saved(
            save_application, Application, round=round_, state=state,
            delegate_name=f"{given} {family}",
            function="Programme manager" if index % 2 else "Counsellor",
            ministry="Ministry of Foreign Affairs" if index % 2 else "Mine Action Authority",
            gender=Application.Gender.WOMAN if given in WOMEN else Application.Gender.MAN,
            first_time=index % first_time_every == 0, criteria_met=criteria[: 1 + index % 2],
            justification="Deadline under the Convention in the coming years.",
            ticket_estimate=ticket, allowance_estimate=allowance,
            terminal_estimate=Decimal(120), taken_up=True if actual else None,
            ticket_actual=ticket - 35 if actual else None,
            allowance_actual=allowance if actual else None,
            terminal_actual=Decimal(120) if actual else None,
        )
        people.append(application)
    return people


def _decide_all(applications, on, user):
    for application in applications:
        decide(application, Application.Decision.OFFERED, "Meets the programme's priorities.",
               user, on=on)


def _close(round_):
    round_.closed = True
    round_.full_clean()
    save_round(round_)


def load(stdout):
    if models.Programme.objects.exists():
        return
    conventions = {c.code: c for c in Convention.objects.all()}
    names = cycle([(g, f) for f in FAMILY for g in GIVEN])
    staff = staff_member("CCM", StaffRole.Role.SPONSORSHIP_STAFF)
    ccm = create(models.Programme, convention=conventions["CCM"],
                 administered_by_zh_hans="执行支助股（日内瓦国际人道主义排雷中心提供行政支持）",
                 administered_by_en="Implementation Support Unit, with administrative support "
                                    "from the GICHD",
                 governing_body_zh_hans="捐助方", governing_body_en="Donors")
    criteria = [Criterion.ARTICLE_3, Criterion.ARTICLE_4, Criterion.FIRST_TIME,
                Criterion.LEAST_DEVELOPED]
    for year, (ordinal, amounts) in CCM_YEARS.items():
        meeting = Meeting.objects.get(convention=conventions["CCM"], kind="msp", ordinal=ordinal)
        for donor, amount in zip(CCM_DONORS, amounts, strict=True):
            _give(staff, ccm, year, donor, amount)
        round_ = _saved(save_round, models.Round, programme=ccm, meeting=meeting,
                        application_deadline=meeting.start_date - timedelta(days=60),
                        envelope=Decimal(50000), criteria=criteria)
        delegates = _delegates(CCM_STATES + [CCM_STATES[year % len(CCM_STATES)]], 17, round_,
                               names, criteria, actual=True)
        _decide_all(delegates, meeting.start_date - timedelta(days=45), staff)
        _close(round_)

    staff = staff_member("APMBC", StaffRole.Role.SPONSORSHIP_STAFF)
    apmbc = create(models.Programme, convention=conventions["APMBC"],
                   administered_by_zh_hans="日内瓦国际人道主义排雷中心",
                   administered_by_en="Geneva International Centre for Humanitarian Demining",
                   governing_body_zh_hans="赞助方案捐助团", governing_body_en="Donors' Group")
    criteria = [Criterion.ARTICLE_5, Criterion.EXTENSION_REQUEST, Criterion.FIRST_TIME,
                Criterion.LEAST_DEVELOPED]
    for donor, amount in [("AU", "40000"), ("CH", "60000"), ("NO", "45000"), ("SE", "30000")]:
        _give(staff, apmbc, 2026, donor, amount)
    intersessional = Meeting.objects.get(convention=conventions["APMBC"], kind="intersessional",
                                         start_date__year=2026)
    twenty_third = Meeting.objects.get(convention=conventions["APMBC"], kind="msp", ordinal=23)
    for meeting, count, held in [(intersessional, 24, True), (twenty_third, 26, False)]:
        round_ = _saved(save_round, models.Round, programme=apmbc, meeting=meeting,
                        application_deadline=meeting.start_date - timedelta(days=56),
                        envelope=Decimal(85000), criteria=criteria)
        delegates = _delegates(APMBC_STATES, count, round_, names, criteria, actual=held)
        _decide_all(delegates, meeting.start_date - timedelta(days=40), staff)
        if held:
            _close(round_)
    stdout.write(f"Sponsorship rounds: {models.Round.objects.count()}; applications: "
                 f"{models.Application.objects.count()}")
