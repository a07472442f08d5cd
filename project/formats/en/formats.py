# Dates as UN documents in English print them (lib/dates.py): 30 May 2008.
UN_DAY_FORMAT = "j F Y"
# A range of days: the formats of its first and of its last day, by what the two share.
UN_RANGE_FORMATS = {
    "month": ("j–", "j F Y"),  # 4–6 September 2017
    "year": ("j F – ", "j F Y"),  # 30 September – 2 October 2017
    "none": ("j F Y – ", "j F Y"),  # 30 December 2017 – 2 January 2018
}
