"""The register of UK councils that `lgsite new` starts a project from.

A council types its name as people say it ("Mid Suffolk", "Powys") rather than
as GOV.UK spells it ("Mid Suffolk District Council"), so a name is matched
without the words every council name shares. Anything short of one clear match
stops with the names it could have meant: starting a site for the wrong council
fills council.yml with another council's details.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import LgsiteError

REGISTER = Path(__file__).resolve().parent / "data" / "councils.csv"

# Words in council names that say what kind of council it is, not which one.
GENERIC_WORDS = frozenset(
    {"council", "district", "borough", "county", "city", "metropolitan", "corporation", "london", "royal",
     "of", "the"})
GSS_CODE = re.compile(r"[ENSW]\d{8}", re.IGNORECASE)
SHOWN = 6  # suggestions named in one line; more would not fit on it


@dataclass(frozen=True)
class Council:
    """One row of the register (lgsite/data/councils.csv)."""

    name: str
    tier: str  # as council.yml's tier
    country: str  # as council.yml's country
    county: str  # a district's county council, by its name in the register; "" for others
    website: str
    gss: str

    def describe(self) -> str:
        """How the person is told which council was found: "Mid Suffolk District Council (district, england)"."""
        return f"{self.name} ({self.tier}, {self.country.replace('-', ' ')})"


@cache
def load_register(path: Path = REGISTER) -> tuple[Council, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(Council(**row) for row in csv.DictReader(handle))


def by_name(name: str) -> Council | None:
    """The register's council with exactly this name (a district's county, for example)."""
    return next((council for council in load_register() if council.name == name), None)


def find_council(query: str) -> Council:
    """The one council `query` names: its full name, its name without the generic words, its GSS code,
    or a part of its name that no other council has."""
    words = _words(query)
    if not words:
        raise LgsiteError("no council name given", hint='Give its name, for example lgsite new "Mid Suffolk".')
    councils = load_register()
    if GSS_CODE.fullmatch(query.strip()):
        found = [council for council in councils if council.gss.upper() == query.strip().upper()]
    else:
        found = [council for council in councils if _words(council.name) == words]
        core = _core(words)
        if not found and core:
            found = [council for council in councils if _core(_words(council.name)) == core]
        if not found:
            found = [council for council in councils if _contains(_words(council.name), words)]
    if len(found) == 1:
        return found[0]
    if found:
        raise LgsiteError(f'"{query.strip()}" could be any of {len(found)} councils: {_listed(found)}',
                          hint="Run lgsite new again with the full name of yours.")
    close = _close_matches(words, councils)
    if close:
        nearest = "the nearest name is" if len(close) == 1 else "the nearest names are"
        raise LgsiteError(f'no council called "{query.strip()}" in lgsite\'s register of UK councils; '
                          f"{nearest} {_listed(close)}",
                          hint="Run lgsite new again with the name as it is written here.")
    raise LgsiteError(f'no council called "{query.strip()}" in lgsite\'s register of UK councils',
                      hint="Check the spelling, or give the council's GSS code, such as E07000203.")


def _words(text: str) -> tuple[str, ...]:
    """The name's words in lower case, without punctuation; "&" is "and"."""
    return tuple(re.sub(r"[^a-z0-9]+", " ", text.casefold().replace("&", " and ")).split())


def _core(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word for word in words if word not in GENERIC_WORDS)


def _contains(name: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """`part` appears in `name` as whole words, in order ("east suffolk" is in East Suffolk District Council)."""
    size = len(part)
    return any(name[start:start + size] == part for start in range(len(name) - size + 1))


def _close_matches(words: tuple[str, ...], councils: tuple[Council, ...]) -> list[Council]:
    """Councils whose name, or name without the generic words, is spelt like the query."""
    keys: dict[str, Council] = {}
    for council in councils:
        keys.setdefault(" ".join(_words(council.name)), council)
        keys.setdefault(" ".join(_core(_words(council.name))), council)
    query = " ".join(_core(words) or words)
    matches = difflib.get_close_matches(query, [key for key in keys if key], n=SHOWN * 2, cutoff=0.75)
    return list(dict.fromkeys(keys[key] for key in matches))[:SHOWN]


def _listed(councils: list[Council]) -> str:
    names = [council.name for council in councils[:SHOWN]]
    more = len(councils) - len(names)
    if more:
        return ", ".join(names) + f" and {more} more"
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
