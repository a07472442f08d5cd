"""Dates as UN documents print them: '4–6 September 2017' / '2017 年 9 月 4 日至 6 日'."""

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def day(value, language):
    if language == "zh-hans":
        return f"{value.year} 年 {value.month} 月 {value.day} 日"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def date_range(start, end, language):
    if start == end:
        return day(start, language)
    if language == "zh-hans":
        if start.year != end.year:
            return f"{day(start, language)}至{day(end, language)}"
        if start.month != end.month:
            return f"{start.year} 年 {start.month} 月 {start.day} 日至 {end.month} 月 {end.day} 日"
        return f"{start.year} 年 {start.month} 月 {start.day} 日至 {end.day} 日"
    if start.year != end.year:
        return f"{day(start, language)} – {day(end, language)}"
    if start.month != end.month:
        return (f"{start.day} {MONTHS[start.month - 1]} – {end.day} {MONTHS[end.month - 1]} "
                f"{end.year}")
    return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"


def dates_and_place(start, end, place, language):
    """The line under a meeting's name: 'Geneva, 4–6 September 2017' / '2017 年 9 月 4 日至 6 日，日内瓦'."""
    if language == "zh-hans":
        return f"{date_range(start, end, language)}，{place}"
    return f"{place}, {date_range(start, end, language)}"
