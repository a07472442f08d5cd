"""Patterns of meeting names and symbol prefixes, as each convention writes them.

A name pattern is written in each language ("{ordinal} Meeting of States Parties",
"缔约国{ordinal}次会议"); a symbol prefix pattern is one for every language
("{series}/MSP.{number}/{year}"). Placeholders are names in braces, nothing more: no format
specifications, no attributes.
"""

import string

from django.utils.translation import gettext

from lib.numbering import ordinal, roman

NAME_PLACEHOLDERS = ("ordinal", "number", "roman", "year", "convention", "conference_ordinal",
                     "conference_number", "conference_roman")
SYMBOL_PLACEHOLDERS = ("series", "number", "roman", "year", "conference_number",
                       "conference_roman")
# Placeholders that print the meeting's number, and those that print its Review Conference's.
NUMBER_PLACEHOLDERS = frozenset({"ordinal", "number", "roman"})
CONFERENCE_PLACEHOLDERS = frozenset({"conference_ordinal", "conference_number",
                                     "conference_roman"})

# Printed in a name for a number the meeting does not have yet.
MISSING = "…"


class PatternError(ValueError):
    """A pattern that cannot be read; its message says why, in the active language."""


def placeholders(pattern):
    """The placeholders of a pattern, in order; PatternError if it is malformed."""
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError:
        raise PatternError(gettext(
            "“%(pattern)s” is not a pattern: write each placeholder in braces, as {year}, and "
            "no brace alone.") % {"pattern": pattern}) from None
    found = []
    for _text, name, spec, conversion in parts:
        if name is None:
            continue
        if not name or spec or conversion:
            raise PatternError(gettext(
                "“%(pattern)s” is not a pattern: write each placeholder in braces, as {year}, "
                "and no brace alone.") % {"pattern": pattern})
        found.append(name)
    return found


def problems(pattern, allowed, numbered, prepares_conference):
    """What is wrong with a pattern, as messages: unknown placeholders, a number where the
    meetings have none, a Review Conference where the meeting prepares none."""
    try:
        names = placeholders(pattern)
    except PatternError as error:
        return [str(error)]
    found = []
    for name in dict.fromkeys(names):
        if name not in allowed:
            found.append(gettext("{%(name)s} is not a placeholder: use %(allowed)s.") % {
                "name": name, "allowed": ", ".join(f"{{{known}}}" for known in allowed)})
        elif name in NUMBER_PLACEHOLDERS and not numbered:
            found.append(gettext("Meetings of this kind are not numbered: {%(name)s} has no "
                                 "number to print.") % {"name": name})
        elif name in CONFERENCE_PLACEHOLDERS and not prepares_conference:
            found.append(gettext("Only a preparatory meeting prepares a Review Conference: "
                                 "{%(name)s} has nothing to print.") % {"name": name})
    return found


def values(number, conference, year, language=None, convention="", series=""):
    """What the placeholders print for a meeting; ordinals in `language` (none without one, as
    in a symbol). A number the meeting does not have prints as MISSING."""
    def numbers(value, prefix=""):
        printed = {f"{prefix}number": str(value) if value else MISSING,
                   f"{prefix}roman": roman(value) if value else MISSING}
        if language is not None:
            printed[f"{prefix}ordinal"] = ordinal(value, language) if value else MISSING
        return printed

    return {**numbers(number), **numbers(conference, "conference_"), "year": year,
            "convention": convention, "series": series}


def render(pattern, printed):
    """The pattern with its placeholders replaced by `printed` (from values())."""
    return pattern.format_map(printed)


def needs_missing(pattern, printed):
    """Whether the pattern prints a number that is missing."""
    return any(printed.get(name) == MISSING for name in placeholders(pattern))
