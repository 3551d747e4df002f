"""Organizations that are actors without being membership organizations: a state's
ministries, parliament and central bank, and named bodies (the State Duma, the Pentagon,
the European Commission, the IAEA), found in an article's text.

A body type (``data/body_types.csv``: "Foreign Ministry", "Ministry of Defence",
"parliament") names a body only with its state beside it: before it ("the Turkish Foreign
Ministry", "Georgia's parliament") or after it ("the Ministry of Foreign Affairs of
Belarus"); the actor is ``org:<ISO code>_<TYPE>``. A named body (``data/bodies.csv``) is
an actor on its own.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from diplodata.extract import lexicon
from diplodata.extract.lexicon import SurfaceMatcher
from diplodata.models import OrganizationMention

_DATA = Path(__file__).resolve().parent.parent / "data"
_STATE_FORMS = frozenset({"name", "official", "short", "demonym"})
_OF = re.compile(r" of (?:the )?")


@dataclass(frozen=True, slots=True)
class Body:
    code: str
    name: str
    country: str | None


@dataclass(frozen=True, slots=True)
class BodyMention:
    start: int
    end: int
    body: Body
    surface: str


def _rows(name: str) -> list[dict[str, str]]:
    with (_DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def _named() -> dict[str, Body]:
    return {
        r["alias"]: Body(r["code"], r["name"], r["country"] or None) for r in _rows("bodies.csv")
    }


@cache
def _types() -> dict[str, tuple[str, str]]:
    return {r["phrase"]: (r["type"], r["name"]) for r in _rows("body_types.csv")}


@cache
def _matchers() -> tuple[SurfaceMatcher, SurfaceMatcher]:
    return (
        SurfaceMatcher(_types(), left=r"\w", right=r"\w"),
        SurfaceMatcher(_named(), left=r"\w", right=r"\w"),
    )


def _state_beside(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The state named right before ``text[start:end]`` or right after it ("of Belarus")."""
    lex = lexicon.load()
    before = [
        c
        for c in lex.find_countries(text, max(0, start - 40), start)
        if c.form in _STATE_FORMS and re.fullmatch(r"(?:'s|’s)? ", text[c.end : start])
    ]
    if before:
        return before[-1].code, before[-1].start, end
    of = _OF.match(text, end)
    if of:
        after = lex.find_countries(text, of.end(), min(len(text), of.end() + 60))
        if after and after[0].start == of.end() and after[0].form in _STATE_FORMS:
            return after[0].code, start, after[0].end
    return None


def find_bodies(text: str) -> list[BodyMention]:
    """Every body named in ``text``, in text order. Where a named body and a state's body
    overlap, the named one wins ("European Parliament"), unless its name is itself a body
    type ("the German Foreign Office" is Germany's, a bare "Foreign Office" the UK's)."""
    lex = lexicon.load()
    types, named = _matchers()
    by_code = {b.code: b for b in _named().values()}
    of_state: list[BodyMention] = []
    for start, end, phrase in types.find(text):
        state = _state_beside(text, start, end)
        if state is None:
            continue
        code, s, e = state
        kind, name = _types()[phrase]
        key = f"{code}_{kind.upper()}"
        body = by_code.get(key) or Body(key, f"{name} ({lex.country_name(code)})", code)
        of_state.append(BodyMention(s, e, body, text[s:e]))
    found = [BodyMention(s, e, _named()[alias], alias) for s, e, alias in named.find(text)]
    found = [m for m in found if m.surface not in _types() or not _overlaps(m, of_state)]
    found += [m for m in of_state if not _overlaps(m, found)]
    return sorted(found, key=lambda m: (m.start, m.end))


def _overlaps(mention: BodyMention, others: list[BodyMention]) -> bool:
    return any(o.start < mention.end and mention.start < o.end for o in others)


def find_institutions(text: str) -> list[OrganizationMention]:
    """The international bodies of ``data/bodies.csv`` (those of no state) named in ``text``:
    their officials serve an organization, not a state."""
    named = _matchers()[1]
    return [
        OrganizationMention(s, e, body.code, alias)
        for s, e, alias in named.find(text)
        if (body := _named()[alias]).country is None
    ]
