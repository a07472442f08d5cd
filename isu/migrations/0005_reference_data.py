"""The conventions served by the product and their action plans, as shipped.

Written by natural keys (a convention's code; an action plan's convention and English name), so
that a database which already has them, from an earlier load of the demo, gets no duplicates.
The untranslated column of a translated field mirrors the default language, as the running
product stores it.
"""

from django.db import migrations

CONVENTIONS = [
    {
        "code": "CCM",
        "name": ("Convention on Cluster Munitions", "《集束弹药公约》"),
        "short_name": ("Convention on Cluster Munitions", "《集束弹药公约》"),
        "isu_host": ("Geneva International Centre for Humanitarian Demining (GICHD)",
                     "日内瓦国际人道主义排雷中心"),
        "document_series": "CCM",
        "endorsing_body": ("Coordination Committee", "协调委员会"),
        "adopting_body": ("Meeting of States Parties", "缔约国会议"),
    },
    {
        "code": "APMBC",
        "name": ("Convention on the Prohibition of the Use, Stockpiling, Production and Transfer "
                 "of Anti-Personnel Mines and on their Destruction",
                 "《关于禁止使用、储存、生产和转让杀伤人员地雷及销毁此种地雷的公约》"),
        "short_name": ("Anti-Personnel Mine Ban Convention", "《禁止杀伤人员地雷公约》"),
        "isu_host": ("Geneva International Centre for Humanitarian Demining (GICHD)",
                     "日内瓦国际人道主义排雷中心"),
        "document_series": "APLC",
        "endorsing_body": ("Coordinating Committee", "协调委员会"),
        "adopting_body": ("Meeting of the States Parties", "缔约国会议"),
    },
    {
        "code": "CCW",
        "name": ("Convention on Prohibitions or Restrictions on the Use of Certain Conventional "
                 "Weapons Which May Be Deemed to Be Excessively Injurious or to Have "
                 "Indiscriminate Effects",
                 "《禁止或限制使用某些可被认为具有过分伤害力或滥杀滥伤作用的常规武器公约》"),
        "short_name": ("Convention on Certain Conventional Weapons", "《特定常规武器公约》"),
        "isu_host": ("United Nations Office for Disarmament Affairs, Geneva Branch",
                     "联合国裁军事务厅日内瓦处"),
        "document_series": "CCW",
        "endorsing_body": ("", ""),
        "adopting_body": ("Meeting of the High Contracting Parties", "缔约方会议"),
    },
    {
        "code": "BWC",
        "name": ("Convention on the Prohibition of the Development, Production and Stockpiling "
                 "of Bacteriological (Biological) and Toxin Weapons and on their Destruction",
                 "《禁止细菌(生物)及毒素武器的发展、生产和储存以及销毁这类武器的公约》"),
        "short_name": ("Biological Weapons Convention", "《生物武器公约》"),
        "isu_host": ("United Nations Office for Disarmament Affairs, Geneva Branch",
                     "联合国裁军事务厅日内瓦处"),
        "document_series": "BWC",
        "endorsing_body": ("", ""),
        "adopting_body": ("Meeting of States Parties", "缔约国会议"),
    },
]

# (convention, English name, Chinese name, first year, last year). Their actions are entered
# by the ISUs.
ACTION_PLANS = [
    ("CCM", "Vientiane Action Plan", "《万象行动计划》", 2011, 2015),
    ("CCM", "Dubrovnik Action Plan", "《杜布罗夫尼克行动计划》", 2015, 2020),
    ("CCM", "Lausanne Action Plan", "《洛桑行动计划》", 2021, 2026),
    ("APMBC", "Maputo Action Plan", "《马普托行动计划》", 2014, 2019),
    ("APMBC", "Oslo Action Plan", "《奥斯陆行动计划》", 2020, 2024),
    ("APMBC", "Siem Reap-Angkor Action Plan", "《暹粒—吴哥行动计划》", 2025, 2029),
]


def translated(field, english, chinese):
    return {field: english, f"{field}_en": english, f"{field}_zh_hans": chinese}


def write(apps, schema_editor):
    Convention = apps.get_model("isu", "Convention")
    ActionPlan = apps.get_model("isu", "ActionPlan")
    conventions = {}
    for values in CONVENTIONS:
        defaults = {"document_series": values["document_series"]}
        for field in ("name", "short_name", "isu_host", "endorsing_body", "adopting_body"):
            defaults |= translated(field, *values[field])
        conventions[values["code"]], _created = Convention.objects.update_or_create(
            code=values["code"], defaults=defaults)
    for code, english, chinese, start, end in ACTION_PLANS:
        ActionPlan.objects.update_or_create(
            convention=conventions[code], name_en=english,
            defaults={**translated("name", english, chinese), "start_year": start,
                      "end_year": end})


class Migration(migrations.Migration):

    dependencies = [
        ("isu", "0004_convention_bodies_and_any_code"),
    ]

    operations = [
        migrations.RunPython(write, migrations.RunPython.noop),
    ]
