"""Numbering styles of UN documents.

Chapters: I. / 一.; sections: A.; paragraphs: 1.; sub-paragraphs: (a) → (i);
agenda sub-items in Chinese: (一), (二)… Each language's patterns are in lib/languages.py and
name the numerals of NUMERALS.
"""

from lib.languages import conventions

_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]
_CHINESE_DIGITS = "零一二三四五六七八九"


def roman(number):
    """1 → 'I', 14 → 'XIV'."""
    if number < 1:
        raise ValueError("Roman numerals start at 1.")
    parts = []
    for value, symbol in _ROMAN:
        count, number = divmod(number, value)
        parts.append(symbol * count)
    return "".join(parts)


def chinese(number):
    """1 → '一', 10 → '十', 23 → '二十三', 100 → '一百', 105 → '一百零五'."""
    if not 1 <= number <= 9999:
        raise ValueError("Chinese numerals are supported from 1 to 9999.")
    units = [(1000, "千"), (100, "百"), (10, "十")]
    result = ""
    pending_zero = False
    for value, name in units:
        digit, number = divmod(number, value)
        if digit:
            if pending_zero:
                result += "零"
            # 十 alone for 10–19 at the start: 十二, not 一十二.
            result += ("" if (value == 10 and digit == 1 and not result) else _CHINESE_DIGITS[digit])
            result += name
            pending_zero = False
        elif result:
            pending_zero = True
    if number:
        if pending_zero:
            result += "零"
        result += _CHINESE_DIGITS[number]
    return result


def letters(number):
    """1 → 'a', 26 → 'z', 27 → 'aa' (the UN doubles letters past z)."""
    if number < 1:
        raise ValueError("Letters start at 1.")
    count, index = divmod(number - 1, 26)
    return chr(ord("a") + index) * (count + 1)


def chapter_label(number, language):
    """The chapter number as printed: 'I.' in English, '一.' in Chinese."""
    return numbered(conventions(language).chapter, number)


_ORDINALS = [
    "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def ordinal_words(number):
    """7 → 'Seventh', 22 → 'Twenty-second', 40 → 'Fortieth' (meeting names spell them out)."""
    if not 1 <= number <= 99:
        raise ValueError("Ordinal words are supported from 1 to 99.")
    if number < 20:
        word = _ORDINALS[number]
    else:
        tens, units = divmod(number, 10)
        word = f"{_TENS[tens]}-{_ORDINALS[units]}" if units else _TENS[tens][:-1] + "ieth"
    return word.capitalize()


def ordinal(number, language):
    """A meeting's ordinal as its name prints it: 'Seventh' / '第七'."""
    return numbered(conventions(language).ordinal, number)


def sub_item_label(number, depth, language):
    """Agenda sub-items: (a) at the second level, (i) / (一) at the third."""
    if depth == 2:
        return f"({letters(number)})"
    return numbered(conventions(language).sub_item, number)


NUMERALS = {
    "arabic": str,
    "roman": roman,
    "roman_lower": lambda number: roman(number).lower(),
    "letters": letters,
    "chinese": chinese,
    "ordinal_words": ordinal_words,
}


class _Numerals(dict):
    """A number's numerals by name, each written only if a pattern asks for it."""

    def __init__(self, number):
        super().__init__()
        self.number = number

    def __missing__(self, name):
        return NUMERALS[name](self.number)


def numbered(pattern, number):
    """A number in a pattern of lib/languages.py: ('第{chinese}', 7) → '第七'."""
    return pattern.format_map(_Numerals(number))
