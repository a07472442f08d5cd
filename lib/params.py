"""Whole numbers read from requests (query parameters, form fields), bounded before conversion.

Python refuses to convert a string of more than 4,300 digits, and databases refuse numbers
beyond 64 bits: a number is converted only once it is known to be short enough, and anything
else is simply not a number.
"""

import re

BIGINT_MAX = 2**63 - 1
_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,19}")


def whole_number(text, minimum=0, maximum=BIGINT_MAX):
    """The number `text` writes in ASCII digits (an optional minus sign first) if it lies within
    [minimum, maximum]; None for anything else."""
    if not isinstance(text, str) or not _WHOLE_NUMBER.fullmatch(text):
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def is_whole_number(text):
    """Whether `text` is written as a whole number at all, whatever its size."""
    return isinstance(text, str) and re.fullmatch(r"-?[0-9]+", text) is not None
