# Dates as UN documents in English print them (lib/dates.py): 30 May 2008.
UN_DAY_FORMAT = "j F Y"
# A range of days: the formats of its first and of its last day, by what the two share.
UN_RANGE_FORMATS = {
    "month": ("j–", "j F Y"),  # 4–6 September 2017
    "year": ("j F – ", "j F Y"),  # 30 September – 2 October 2017
    "none": ("j F Y – ", "j F Y"),  # 30 December 2017 – 2 January 2018
}

# The site writes dates as the documents do, day before month, with the 24-hour clock:
# 5 September 2018, 14:30; 05/09/2018 where space is short.
DATE_FORMAT = UN_DAY_FORMAT
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
# A typed date is read in the same order (the ISO form first, as date inputs send it).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M",
                          "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M"]
