"""States by the short names the United Nations gives them (UNTERM, M49), in every language of
the site: "Republic of Korea" / "大韩民国", never ISO 3166's "Korea (the Republic of)" or a common
name such as "South Korea".

django-countries gives each state its ISO 3166 name (settings.COUNTRIES_COMMON_NAMES is off);
UN_NAMES (settings.COUNTRIES_OVERRIDE) replaces the names the United Nations writes otherwise,
and names here the states whose translation the catalog (locale/) gives as the United Nations
writes it, where django-countries' own is not.
"""

from django.utils.translation import gettext_lazy as _

UN_NAMES = {
    # Named otherwise by ISO 3166.
    "BS": _("Bahamas"),
    "CD": _("Democratic Republic of the Congo"),
    "KP": _("Democratic People's Republic of Korea"),
    "KR": _("Republic of Korea"),
    "MD": _("Republic of Moldova"),
    "NR": _("Nauru"),
    "PS": _("State of Palestine"),
    "TZ": _("United Republic of Tanzania"),
    # Named alike in English, translated as the United Nations writes them.
    "BA": _("Bosnia and Herzegovina"),
    "BN": _("Brunei Darussalam"),
    "BO": _("Bolivia (Plurinational State of)"),
    "CI": _("Côte d'Ivoire"),
    "DM": _("Dominica"),
    "GB": _("United Kingdom of Great Britain and Northern Ireland"),
    "IR": _("Iran (Islamic Republic of)"),
    "KG": _("Kyrgyzstan"),
    "KM": _("Comoros"),
    "LA": _("Lao People's Democratic Republic"),
    "LR": _("Liberia"),
    "MK": _("North Macedonia"),
    "ML": _("Mali"),
    "NL": _("Netherlands (Kingdom of the)"),
    "NP": _("Nepal"),
    "SR": _("Suriname"),
    "SZ": _("Eswatini"),
    "TJ": _("Tajikistan"),
    "TR": _("Türkiye"),
    "TT": _("Trinidad and Tobago"),
    "US": _("United States of America"),
    "VA": _("Holy See"),
    "VE": _("Venezuela (Bolivarian Republic of)"),
    "VN": _("Viet Nam"),
    "WS": _("Samoa"),
}
