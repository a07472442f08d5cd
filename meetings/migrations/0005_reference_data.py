"""How the shipped conventions name their meetings and number their documents, and their
committees.

Written by natural keys (a pattern's convention and kind; a committee's convention and English
name), so that a database which already has the committees, from an earlier load of the demo,
gets no duplicates. A kind of meeting without a pattern here takes the generic one.
"""

from django.db import migrations

# (convention, kind, English name, Chinese name, symbol prefix, numbered)
PATTERNS = [
    ("CCM", "msp", "{ordinal} Meeting of States Parties", "缔约国{ordinal}次会议",
     "{series}/MSP/{year}", True),
    ("CCM", "review_conference", "{ordinal} Review Conference", "{ordinal}次审议会议",
     "{series}/CONF/{year}", True),
    ("CCM", "preparatory", "{ordinal} Preparatory Meeting of the {conference_ordinal} Review "
     "Conference", "{conference_ordinal}次审议会议{ordinal}次筹备会议",
     "{series}/CONF/{year}/PM.{number}", True),
    ("APMBC", "msp", "{ordinal} Meeting of the States Parties", "{ordinal}届会议",
     "{series}/MSP.{number}/{year}", True),
    ("APMBC", "review_conference", "{ordinal} Review Conference", "{ordinal}次审议会议",
     "{series}/CONF/{year}", True),
    ("CCW", "msp", "{year} Meeting of the High Contracting Parties", "{year}年会议",
     "{series}/MSP/{year}", False),
    ("CCW", "review_conference", "{ordinal} Review Conference", "{ordinal}次审议会议",
     "{series}/CONF.{roman}", True),
    ("BWC", "msp", "{year} Meeting of States Parties", "{year}年缔约国会议",
     "{series}/MSP/{year}", False),
    ("BWC", "review_conference", "{ordinal} Review Conference", "{ordinal}次审议会议",
     "{series}/CONF.{roman}", True),
]

# (convention, kind, English name, Chinese name), in the order they are listed.
COMMITTEES = [
    ("APMBC", "coordination", "Coordinating Committee", "协调委员会"),
    ("APMBC", "committee", "Committee on Article 5 Implementation", "第 5 条执行情况委员会"),
    ("APMBC", "committee", "Committee on Victim Assistance", "受害者援助委员会"),
    ("APMBC", "committee", "Committee on Cooperative Compliance", "合作性遵约委员会"),
    ("APMBC", "committee", "Committee on the Enhancement of Cooperation and Assistance",
     "加强合作与援助委员会"),
    ("CCM", "coordination", "Coordination Committee", "协调委员会"),
    ("CCM", "coordinators", "Coordinators on International Cooperation and Assistance",
     "国际合作与援助问题协调员"),
]


def translated(field, english, chinese):
    return {field: english, f"{field}_en": english, f"{field}_zh_hans": chinese}


def write(apps, schema_editor):
    Convention = apps.get_model("isu", "Convention")
    MeetingPattern = apps.get_model("meetings", "MeetingPattern")
    Committee = apps.get_model("meetings", "Committee")
    conventions = {convention.code: convention for convention in Convention.objects.all()}
    for code, kind, english, chinese, symbol, numbered in PATTERNS:
        MeetingPattern.objects.update_or_create(
            convention=conventions[code], kind=kind,
            defaults={**translated("name", english, chinese), "symbol_prefix": symbol,
                      "numbered": numbered})
    for position, (code, kind, english, chinese) in enumerate(COMMITTEES, start=1):
        Committee.objects.update_or_create(
            convention=conventions[code], name_en=english,
            defaults={**translated("name", english, chinese), "kind": kind,
                      "position": position})


class Migration(migrations.Migration):

    dependencies = [
        ("isu", "0005_reference_data"),
        ("meetings", "0004_meeting_patterns"),
    ]

    operations = [
        migrations.RunPython(write, migrations.RunPython.noop),
    ]
