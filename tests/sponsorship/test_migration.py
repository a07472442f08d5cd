"""The move of the programmes' contributions into the financing ledger (sponsorship migration
0004): every figure of the programme comes out as it was, and the move can be undone."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from financing.models import Fund, Payment, Pledge
from meetings.models import Organization
from sponsorship.funds import funds_for_rounds
from sponsorship.models import Programme, Round
from sponsorship.reports import multi_year, year_report
from tests import factories

BEFORE = [("sponsorship", "0003_programme_fund_and_earmarks")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def chf(amount, rate):
    return (amount * (rate or 1)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def old_figures(rows):
    """The figures by the rule of the contributions kept in the programme: {year: (received,
    pledged, donors)}; the earmarked and pooled money per round and year."""
    years, earmarked, pools = {}, {}, {}
    for row in rows:
        received, pledged, donors = years.get(row.year, (0, 0, set()))
        years[row.year] = (received + chf(row.received, row.exchange_rate),
                           pledged + chf(row.pledged, row.exchange_rate),
                           donors | {(row.state, row.organization_id)})
        if row.earmarked_for_id:
            earmarked[row.earmarked_for_id] = (earmarked.get(row.earmarked_for_id, 0)
                                               + chf(row.received, row.exchange_rate))
        else:
            pools[row.year] = pools.get(row.year, 0) + chf(row.received, row.exchange_rate)
    return ({year: (r, p, len(d)) for year, (r, p, d) in years.items()}, earmarked, pools)


@pytest.mark.django_db(transaction=True)
def test_the_contributions_move_to_the_ledger_with_every_figure_unchanged(ccm):
    latest = leaves()
    eu = Organization.objects.create(name_en="European Union")
    seventh = factories.meeting("CCM", "msp", 7, start=date(2017, 9, 4))
    intersessional = factories.meeting("CCM", "intersessional", None, start=date(2017, 5, 2))
    try:
        old = migrate(BEFORE)
        OldProgramme = old.get_model("sponsorship", "Programme")
        OldRound = old.get_model("sponsorship", "Round")
        Contribution = old.get_model("sponsorship", "Contribution")
        programme = OldProgramme.objects.create(convention_id=ccm.pk, administered_by="ISU",
                                                administered_by_en="ISU",
                                                governing_body="Donors",
                                                governing_body_en="Donors")
        rounds = [OldRound.objects.create(programme=programme, meeting_id=meeting.pk,
                                          application_deadline=date(2017, 4, 1),
                                          envelope=Decimal(1000), criteria=[])
                  for meeting in (seventh, intersessional)]
        for year, state, organization, currency, rate, pledged, received, round_ in [
                (2017, "AU", None, "CHF", None, "10000", "6000", None),
                (2017, "DE", None, "EUR", "0.937", "5000.55", "5000.55", rounds[0]),
                (2017, "", eu.pk, "CHF", None, "3000", "0", None),
                (2017, "AU", None, "USD", "0.8815", "1200", "1199.99", rounds[1]),
                (2018, "NZ", None, "CHF", None, "2000", "2000", None)]:
            Contribution.objects.create(
                programme=programme, year=year, state=state, organization_id=organization,
                currency=currency, exchange_rate=rate and Decimal(rate),
                pledged=Decimal(pledged), received=Decimal(received), earmarked_for=round_,
                note="Kept")
        stored = sorted(Contribution.objects.values_list(
            "year", "state", "organization", "currency", "exchange_rate", "pledged",
            "received", "earmarked_for", "note"), key=str)
        years, earmarked, pools = old_figures(Contribution.objects.all())
        assert years == {2017: (Decimal("11743.31"), Decimal("18743.32"), 3),
                         2018: (Decimal(2000), Decimal(2000), 1)}

        migrate(latest)
        moved = Programme.objects.get(pk=programme.pk)
        assert (moved.fund.kind, moved.fund.name_en, moved.fund.name_zh_hans) == (
            Fund.Kind.SPONSORSHIP, "Sponsorship programme", "赞助方案")
        assert (Pledge.objects.filter(fund=moved.fund).count(),
                Payment.objects.filter(fund=moved.fund).count(), Fund.objects.count()) == (5, 4, 1)
        for year, (received, pledged, donors) in years.items():
            report = year_report(moved, year)
            assert (report.received, report.pledged, report.donors) == (
                received, pledged, donors)
        assert multi_year(moved, 2017, 2018).donors == 4
        funds = funds_for_rounds(Round.objects.filter(programme=moved))
        for round_ in rounds:
            assert funds[round_.pk].earmarked == earmarked[round_.pk]
            assert funds[round_.pk].pool == pools[2017]

        undone = migrate(BEFORE)
        restored = undone.get_model("sponsorship", "Contribution").objects.values_list(
            "year", "state", "organization", "currency", "exchange_rate", "pledged",
            "received", "earmarked_for", "note")
        assert sorted(restored, key=str) == stored
        assert not Pledge.objects.exists() and not Payment.objects.exists()
    finally:
        migrate(latest)
