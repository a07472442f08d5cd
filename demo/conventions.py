"""The conventions, their action plans and the CCM's states. No service writes them (they are
kept in the admin), so they are written directly. Safe to run again: it adds what is missing."""

from demo.helpers import day, read
from isu.models import ActionPlan, Convention, Participation

CONVENTIONS = [
    {
        "code": "CCM",
        "name_en": "Convention on Cluster Munitions",
        "name_zh_hans": "《集束弹药公约》",
        "short_name_en": "Convention on Cluster Munitions",
        "short_name_zh_hans": "《集束弹药公约》",
        "isu_host_en": "Geneva International Centre for Humanitarian Demining (GICHD)",
        "isu_host_zh_hans": "日内瓦国际人道主义排雷中心",
        "document_series": "CCM",
        "meeting_style": "ordinal",
    },
    {
        "code": "APMBC",
        "name_en": "Convention on the Prohibition of the Use, Stockpiling, Production and "
                   "Transfer of Anti-Personnel Mines and on their Destruction",
        "name_zh_hans": "《关于禁止使用、储存、生产和转让杀伤人员地雷及销毁此种地雷的公约》",
        "short_name_en": "Anti-Personnel Mine Ban Convention",
        "short_name_zh_hans": "《禁止杀伤人员地雷公约》",
        "isu_host_en": "Geneva International Centre for Humanitarian Demining (GICHD)",
        "isu_host_zh_hans": "日内瓦国际人道主义排雷中心",
        "document_series": "APLC",
        "meeting_style": "numbered_session",
    },
    {
        "code": "CCW",
        "name_en": "Convention on Prohibitions or Restrictions on the Use of Certain "
                   "Conventional Weapons Which May Be Deemed to Be Excessively Injurious or to "
                   "Have Indiscriminate Effects",
        "name_zh_hans": "《禁止或限制使用某些可被认为具有过分伤害力或滥杀滥伤作用的常规武器公约》",
        "short_name_en": "Convention on Certain Conventional Weapons",
        "short_name_zh_hans": "《特定常规武器公约》",
        "isu_host_en": "United Nations Office for Disarmament Affairs, Geneva Branch",
        "isu_host_zh_hans": "联合国裁军事务厅日内瓦处",
        "document_series": "CCW",
        "meeting_style": "annual",
    },
    {
        "code": "BWC",
        "name_en": "Convention on the Prohibition of the Development, Production and "
                   "Stockpiling of Bacteriological (Biological) and Toxin Weapons and on their "
                   "Destruction",
        "name_zh_hans": "《禁止细菌(生物)及毒素武器的发展、生产和储存以及销毁这类武器的公约》",
        "short_name_en": "Biological Weapons Convention",
        "short_name_zh_hans": "《生物武器公约》",
        "isu_host_en": "United Nations Office for Disarmament Affairs, Geneva Branch",
        "isu_host_zh_hans": "联合国裁军事务厅日内瓦处",
        "document_series": "BWC",
        "meeting_style": "annual",
    },
]

# Names and periods only: the actions themselves are entered by the ISUs.
ACTION_PLANS = [
    ("CCM", "Vientiane Action Plan", "《万象行动计划》", 2011, 2015),
    ("CCM", "Dubrovnik Action Plan", "《杜布罗夫尼克行动计划》", 2015, 2020),
    ("CCM", "Lausanne Action Plan", "《洛桑行动计划》", 2021, 2026),
    ("APMBC", "Maputo Action Plan", "《马普托行动计划》", 2014, 2019),
    ("APMBC", "Oslo Action Plan", "《奥斯陆行动计划》", 2020, 2024),
    ("APMBC", "Siem Reap-Angkor Action Plan", "《暹粒—吴哥行动计划》", 2025, 2029),
]


def load(stdout):
    conventions = {}
    for values in CONVENTIONS:
        conventions[values["code"]], _created = Convention.objects.update_or_create(
            code=values["code"], defaults=values
        )
    for code, name_en, name_zh, start, end in ACTION_PLANS:
        ActionPlan.objects.get_or_create(
            convention=conventions[code], name_en=name_en,
            defaults={"name_zh_hans": name_zh, "start_year": start, "end_year": end},
        )
    for state in read("ccm_states.json"):
        Participation.objects.get_or_create(
            convention=conventions["CCM"], country=state["country"],
            defaults={"signed_on": day(state["signed_on"]), "joined_on": day(state["joined_on"]),
                      "instrument": state["instrument"]},
        )
    stdout.write(f"Conventions: {Convention.objects.count()}; "
                 f"CCM states recorded: {conventions['CCM'].participations.count()}")
