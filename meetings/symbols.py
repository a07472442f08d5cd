"""UN document symbols: CCM/MSP/2017/4, APLC/MSP.22/2025/5, CCM/MSP/2011/WP.3/Rev.1/Amend.1.

A symbol is the meeting's prefix, an optional special component (WP., INF., CRP., L.), the
document number, then suffixes each naming a change to what comes before it. The symbol is the
same in every language and always in Latin letters.
"""

import re
from dataclasses import dataclass, field

COMPONENTS = ("WP", "INF", "CRP", "L")
SUFFIXES = ("Add", "Corr", "Rev", "Amend")

# The body, then components, one of which is the year (CCM/MSP/2017, CCW/P.V/CONF/2019) or a
# session numbered in roman numerals (BWC/CONF.IX).
_YEAR_OR_SESSION = r"(?:(?:19|20)[0-9]{2}|[A-Z]+\.[IVXLC]+)"
_PREFIX = re.compile(rf"^[A-Z]+(?:/[A-Z0-9.]+)*/{_YEAR_OR_SESSION}(?:/[A-Z0-9.]+)*$")
_NUMBER = re.compile(rf"^(?:(?P<component>{'|'.join(COMPONENTS)})\.)?(?P<number>[1-9][0-9]*)$")
_SUFFIX = re.compile(rf"^(?P<kind>{'|'.join(SUFFIXES)})\.(?P<number>[1-9][0-9]*)$")


class SymbolError(ValueError):
    """A symbol that does not follow the UN pattern."""


@dataclass(frozen=True)
class Symbol:
    prefix: str
    number: int
    component: str = ""
    suffixes: tuple = field(default=())  # ((kind, number), …) in order

    def __str__(self):
        head = f"{self.component}.{self.number}" if self.component else str(self.number)
        tail = "".join(f"/{kind}.{number}" for kind, number in self.suffixes)
        return f"{self.prefix}/{head}{tail}"

    @property
    def changed(self):
        """The symbol this one changes (CCM/MSP/2017/4 for CCM/MSP/2017/4/Corr.1), or None."""
        if not self.suffixes:
            return None
        return Symbol(self.prefix, self.number, self.component, self.suffixes[:-1])


def is_valid_prefix(prefix):
    return bool(_PREFIX.match(prefix))


def in_series(prefix, series):
    """Whether a prefix (or a whole symbol) belongs to a convention's series: APLC/MSP.23/2026
    is of the series APLC, never of CCM or of APL."""
    return bool(series) and f"{prefix}/".startswith(f"{series}/")


def parse(text):
    """Read a typed symbol; SymbolError names the part that is wrong."""
    parts = text.strip().split("/")
    suffixes = []
    while parts and _SUFFIX.match(parts[-1]):
        match = _SUFFIX.match(parts.pop())
        suffixes.insert(0, (match["kind"], int(match["number"])))
    if not parts:
        raise SymbolError("empty")
    number = _NUMBER.match(parts.pop())
    if not number:
        raise SymbolError("number")
    prefix = "/".join(parts)
    if not _PREFIX.match(prefix):
        raise SymbolError("prefix")
    return Symbol(prefix, int(number["number"]), number["component"] or "", tuple(suffixes))
