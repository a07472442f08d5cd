# Dates as UN documents in Chinese print them (lib/dates.py): 2008 年 5 月 30 日.
UN_DAY_FORMAT = "Y 年 n 月 j 日"
# A range of days: the formats of its first and of its last day, by what the two share.
UN_RANGE_FORMATS = {
    "month": ("Y 年 n 月 j 日至 ", "j 日"),  # 2017 年 9 月 4 日至 6 日
    "year": ("Y 年 n 月 j 日至 ", "n 月 j 日"),  # 2017 年 9 月 30 日至 10 月 2 日
    "none": ("Y 年 n 月 j 日至", "Y 年 n 月 j 日"),  # 2017 年 12 月 30 日至2018 年 1 月 2 日
}
