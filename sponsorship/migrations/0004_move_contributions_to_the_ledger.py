"""Move every donor's contribution of the sponsorship programmes into the financing ledger.

Each programme gets its fund (kind sponsorship, "Sponsorship programme" / "赞助方案"); each
contribution becomes a pledge of one year on that fund (its amount the amount pledged, in its
currency, at its rate: 1 for CHF) and, if anything was received, a payment of the amount
received against that pledge, for the same year, valued on the year's last day (or on the day
of the move, if that is still to come); an earmark for a round stays with the pledge
(sponsorship.Earmark). The donors become contributors, found or added. The CHF equivalents are
computed by the rule of lib/money.py (to the centime, half up), so every figure of the
programmes comes out as before.

A contribution with nothing pledged and nothing received carried no money: it is not moved.

Backwards, the pledges and payments of the programmes' funds become contributions again, one per
pledge and year (a payment without a pledge is a contribution pledged and received), and are
removed from the ledger with their earmarks; a fund left empty is removed.
"""

from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.db import migrations
from django.utils import timezone

CHF = "CHF"
CENTIME = Decimal("0.01")
FUND_NAME = {"en": "Sponsorship programme", "zh_hans": "赞助方案"}


def in_chf(amount, rate):
    return (Decimal(amount) * Decimal(rate)).quantize(CENTIME, rounding=ROUND_HALF_UP)


def forward(apps, schema_editor):
    Contribution = apps.get_model("sponsorship", "Contribution")
    Earmark = apps.get_model("sponsorship", "Earmark")
    Fund = apps.get_model("financing", "Fund")
    Contributor = apps.get_model("financing", "Contributor")
    Pledge = apps.get_model("financing", "Pledge")
    Payment = apps.get_model("financing", "Payment")
    Programme = apps.get_model("sponsorship", "Programme")
    today = timezone.localdate()
    programmes = {programme.pk: programme for programme in Programme.objects.all()}
    for contribution in Contribution.objects.order_by("pk"):
        if not contribution.pledged and not contribution.received:
            continue
        programme = programmes[contribution.programme_id]
        if programme.fund_id is None:
            programme.fund = Fund.objects.create(
                convention_id=programme.convention_id, kind="sponsorship",
                name=FUND_NAME["en"], name_en=FUND_NAME["en"],
                name_zh_hans=FUND_NAME["zh_hans"])
            programme.save(update_fields=["fund"])
        donor, _created = Contributor.objects.get_or_create(
            state=contribution.state or "", organization_id=contribution.organization_id)
        rate = Decimal(1) if contribution.currency == CHF else contribution.exchange_rate
        pledge = None
        if contribution.pledged:
            pledge = Pledge.objects.create(
                contributor=donor, fund_id=programme.fund_id, first_year=contribution.year,
                last_year=contribution.year, amount=contribution.pledged,
                currency=contribution.currency, exchange_rate=rate, note=contribution.note)
            if contribution.earmarked_for_id:
                Earmark.objects.create(pledge=pledge, round_id=contribution.earmarked_for_id)
        if contribution.received:
            Payment.objects.create(
                contributor=donor, fund_id=programme.fund_id, year=contribution.year,
                value_date=min(date(contribution.year, 12, 31), today),
                amount=contribution.received, currency=contribution.currency,
                exchange_rate=rate, amount_chf=in_chf(contribution.received, rate),
                reference="", pledge=pledge)


def backward(apps, schema_editor):
    Programme = apps.get_model("sponsorship", "Programme")
    Contribution = apps.get_model("sponsorship", "Contribution")
    Earmark = apps.get_model("sponsorship", "Earmark")
    Fund = apps.get_model("financing", "Fund")
    Pledge = apps.get_model("financing", "Pledge")
    Payment = apps.get_model("financing", "Payment")

    def contribution(programme, donor, year, currency, rate, pledged, received, note="",
                     round_id=None):
        Contribution.objects.create(
            programme=programme, year=year, state=donor.state,
            organization_id=donor.organization_id, currency=currency,
            exchange_rate=None if currency == CHF else rate, pledged=pledged, received=received,
            earmarked_for_id=round_id, note=note)

    for programme in Programme.objects.filter(fund__isnull=False):
        fund_id = programme.fund_id
        for pledge in Pledge.objects.filter(fund_id=fund_id).select_related("contributor"):
            earmark = Earmark.objects.filter(pledge=pledge).first()
            years = range(pledge.first_year, pledge.last_year + 1)
            share = (pledge.amount / len(years)).quantize(CENTIME, rounding=ROUND_DOWN)
            for year in years:
                pledged = (pledge.amount - share * (len(years) - 1) if year == pledge.last_year
                           else share)
                received = sum(Payment.objects.filter(pledge=pledge, year=year)
                               .values_list("amount", flat=True), Decimal(0))
                contribution(programme, pledge.contributor, year, pledge.currency,
                             pledge.exchange_rate, pledged, received, pledge.note,
                             earmark.round_id if earmark else None)
        for payment in Payment.objects.filter(fund_id=fund_id, pledge__isnull=True).select_related(
                "contributor"):
            contribution(programme, payment.contributor, payment.year, payment.currency,
                         payment.exchange_rate, payment.amount, payment.amount)
        Earmark.objects.filter(pledge__fund_id=fund_id).delete()
        Payment.objects.filter(fund_id=fund_id).delete()
        Pledge.objects.filter(fund_id=fund_id).delete()
        fund = Fund.objects.get(pk=fund_id)
        used = [fund.assessments, fund.statement_runs, fund.publications]
        if not any(rows.exists() for rows in used):
            programme.fund = None
            programme.save(update_fields=["fund"])
            fund.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("sponsorship", "0003_programme_fund_and_earmarks"),
        ("financing", "0002_statements_bank_and_publication"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
