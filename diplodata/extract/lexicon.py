"""Curated knowledge: countries, organizations, offices and office holders, from data files.

The files live in ``diplodata/data/`` and each has a Frictionless Table Schema in
``schemas/lexicon/``; a test validates them. Country names also come from pycountry
(ISO 3166 names, official and common names), so the curated file only adds what
ISO lacks: demonyms, capitals, seats of government, short forms, historical states,
cities and regions (places of meetings; forms ``city`` and ``region``), and ``block``
rows, longer phrases that must *not* count as a state ("Latin America").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from diplodata.models import CountryMention, OrganizationMention

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class LexiconError(ValueError):
    """A curated data file is malformed."""


def _read_csv(name: str) -> list[dict[str, str]]:
    path = DATA_DIR / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _alternation(surfaces: list[str]) -> str:
    """Regex alternation that prefers the longest surface form at a position."""
    ordered = sorted(set(surfaces), key=lambda s: (-len(s), s))
    return "|".join(re.escape(s) for s in ordered)


class SurfaceMatcher:
    """Finds known surface forms in text, longest first, not inside a longer word.

    A regex alternation of hundreds of names is slow in Python's ``re``; this indexes the
    forms by their first two characters and tests only those at each word start.
    """

    def __init__(self, surfaces: Iterable[str], left: str, right: str) -> None:
        self._by_prefix: dict[str, list[str]] = {}
        for surface in sorted(set(surfaces), key=lambda x: (-len(x), x)):
            self._by_prefix.setdefault(surface[:2], []).append(surface)
        firsts = "".join(sorted({re.escape(p[0]) for p in self._by_prefix}))
        self._starts = re.compile(rf"(?<![{left}])[{firsts}]")
        self._right = re.compile(rf"[{right}]")

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        end = len(text) if end is None else end
        found: list[tuple[int, int, str]] = []
        position = start
        while True:
            m = self._starts.search(text, position, end)
            if m is None:
                return found
            at = m.start()
            for surface in self._by_prefix.get(text[at : at + 2], ()):
                stop = at + len(surface)
                if (
                    stop <= end
                    and text.startswith(surface, at)
                    and not (stop < len(text) and self._right.match(text, stop))
                ):
                    found.append((at, stop, surface))
                    position = stop
                    break
            else:
                position = at + 1


@dataclass(frozen=True, slots=True)
class CountryEntry:
    code: str  # empty for block rows
    form: str


@dataclass(frozen=True, slots=True)
class Organization:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Office:
    office: str  # normalized office
    envoy: bool  # posted abroad: ambassadors, envoys
    sphere: str = "public"  # public | business | religious | other ("chairman")


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    """One term of a well-known office holder (``office_holders.csv``)."""

    name: str
    country: str  # empty for a post in an international organization
    office: str
    start: int
    end: int | None  # None: still in office


@dataclass(frozen=True, slots=True)
class MemberTerm:
    """A state's full membership of an organization (``organization_members.csv``)."""

    member: str
    start: int
    end: int | None  # None: still a member


# the ways one organization's full name is written: British and American spelling, and
# "of the" or "of" before its members ("Organisation of Petroleum Exporting Countries")
_SPELLINGS = (("Organization", "Organisation"), (" of the ", " of "), (" and ", " & "))


def _spellings(alias: str) -> list[str]:
    """``alias`` first, then its other spellings (only for names of several words)."""
    found = [alias]
    if " " in alias:
        for one, other in _SPELLINGS:
            found += [f.replace(one, other) for f in found if one in f]
    return list(dict.fromkeys(found))


class Lexicon:
    """Lookup tables and compiled matchers built once from the data files."""

    def __init__(self) -> None:
        self.countries: dict[str, CountryEntry] = _country_table()
        self.country_names: dict[str, str] = _country_names()
        self.organizations: dict[str, Organization] = {}
        for row in _read_csv("organizations.csv"):
            for variant in _spellings(row["alias"]):
                self.organizations.setdefault(variant, Organization(row["code"], row["name"]))
        self.offices: dict[str, Office] = {
            row["phrase"].lower(): Office(
                row["office"], row["envoy"] == "true", row.get("sphere") or "public"
            )
            for row in _read_csv("offices.csv")
        }
        self.office_holders: list[OfficeTerm] = [
            OfficeTerm(
                row["name"],
                row["country"],
                row["office"],
                int(row["start_year"]),
                int(row["end_year"]) if row["end_year"] else None,
            )
            for row in _read_csv("office_holders.csv")
        ]
        self.members: dict[str, list[MemberTerm]] = {}
        for row in _read_csv("organization_members.csv"):
            end = int(row["end_year"]) if row["end_year"] else None
            term = MemberTerm(row["member"], int(row["start_year"]), end)
            self.members.setdefault(row["organization"], []).append(term)
        self.successions: dict[str, tuple[str, int]] = {
            row["state"]: (row["predecessor"], int(row["last_year"]))
            for row in _read_csv("state_successions.csv")
        }
        self._country_matcher = SurfaceMatcher(self.countries, left=r"\w.", right=r"\w")
        self._org_matcher = SurfaceMatcher(self.organizations, left=r"\w.-", right=r"\w-")
        self.public_offices: frozenset[str] = frozenset(
            o.office for o in self.offices.values() if o.sphere == "public"
        )
        self.office_pattern: str = _alternation(
            [p for p in self.offices] + [p.title() for p in self.offices]
        )

    # -- countries ---------------------------------------------------------------
    def find_countries(
        self, text: str, start: int = 0, end: int | None = None
    ) -> list[CountryMention]:
        """Every state named in ``text[start:end]``, longest match first, in text order."""
        found: list[CountryMention] = []
        for s, e, surface in self._country_matcher.find(text, start, end):
            entry = self.countries[surface]
            if entry.code:
                found.append(CountryMention(s, e, entry.code, surface, entry.form))
        return found

    def country_code(self, surface: str) -> str | None:
        """ISO alpha-3 code of a surface form ("Belarusian", "Minsk", "U.S."), if known."""
        entry = self.countries.get(surface.strip())
        return entry.code or None if entry else None

    def country_name(self, code: str) -> str:
        """A readable English name for a code ("RUS" -> "Russia")."""
        return self.country_names.get(code, code)

    # -- organizations -----------------------------------------------------------
    def find_organizations(
        self, text: str, start: int = 0, end: int | None = None
    ) -> list[OrganizationMention]:
        """Every international organization named in ``text[start:end]``."""
        return [
            OrganizationMention(s, e, self.organizations[surface].code, surface)
            for s, e, surface in self._org_matcher.find(text, start, end)
        ]

    def organization(self, code_or_alias: str) -> Organization | None:
        if code_or_alias in self.organizations:
            return self.organizations[code_or_alias]
        for org in self.organizations.values():
            if org.code == code_or_alias:
                return org
        return None

    def state_in(self, code: str, year: int | None) -> str:
        """The state a place of ``code`` belonged to in ``year``: Moscow's is the Soviet
        Union's in 1987 (``state_successions.csv``); ``code`` itself when the year is unknown."""
        predecessor = self.successions.get(code)
        if predecessor and year is not None and year <= predecessor[1]:
            return predecessor[0]
        return code

    def member_sets(self, code: str, year: int | None) -> list[frozenset[str]]:
        """The organization's full member states in ``year`` (one set), or every set it has
        had when the year is unknown; none for an organization without curated members."""
        terms = self.members.get(code, [])
        years = [year] if year is not None else sorted({t.start for t in terms})
        sets = [
            frozenset(t.member for t in terms if t.start <= y and (t.end is None or y <= t.end))
            for y in years
        ]
        return [s for s in dict.fromkeys(sets) if s]

    # -- offices -----------------------------------------------------------------
    def office(self, phrase: str) -> Office | None:
        """The normalized office for a title phrase ("Minister of Foreign Affairs")."""
        return self.offices.get(re.sub(r"\s+", " ", phrase.strip()).lower())


def _country_table() -> dict[str, CountryEntry]:
    table: dict[str, CountryEntry] = {}
    for surface, code, form in _iso_names():
        table.setdefault(surface, CountryEntry(code, form))
    for row in _read_csv("country_aliases.csv"):
        alias, code, form = row["alias"], row["code"], row["form"]
        if form != "block" and not re.fullmatch(r"[A-Z]{3}", code):
            raise LexiconError(
                f"country_aliases.csv: alias {alias!r} has code {code!r}; "
                "use an ISO 3166-1 alpha-3 code, or form 'block' with an empty code"
            )
        table[alias] = CountryEntry(code, form)
        if form == "demonym" and re.search(r"(an|i)$", alias):
            table.setdefault(alias + "s", CountryEntry(code, form))
    return table


def _iso_names() -> Iterator[tuple[str, str, str]]:
    for country in pycountry.countries:
        for attr, form in (
            ("name", "name"),
            ("official_name", "official"),
            ("common_name", "name"),
        ):
            value = getattr(country, attr, None)
            if value and "," not in value:
                yield value, country.alpha_3, form


@cache
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        names[country.alpha_3] = getattr(country, "common_name", None) or country.name
    names.update(
        {"RUS": "Russia", "SUN": "Soviet Union", "EUU": "European Union", "TUR": "Türkiye"}
    )
    return names


@cache
def load() -> Lexicon:
    """The process-wide lexicon (built once: about 50 ms)."""
    return Lexicon()
