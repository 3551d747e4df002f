"""Actor resolution across articles: one ``actors`` row per real person, with a stable id.

The id of a person is a hash of a *name key*: the surname folded for case, accents and
common transliteration variants (Zelenskyy/Zelensky/Zelenskiy, Aleksandr/Alexander),
plus the consonant skeleton of the given name. So "Aleksandr Lukashenko" and "Alexander
Lukashenko" are one actor, and the id does not depend on which other articles are in
the run. A mention by surname alone ("Lukashenko") joins the one person of the run
with that surname; when several share it, it stays an actor of its own.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

# Transliteration folds applied to lower-cased, accent-free name parts, in order.
_FOLDS: tuple[tuple[str, str], ...] = (
    (r"yy$", "y"),
    (r"iy$", "y"),
    (r"ij$", "y"),
    (r"ii$", "y"),
    (r"ks", "x"),
    (r"kh", "h"),
    (r"dzh", "j"),
    (r"ey", "ei"),
    (r"w", "v"),
    (r"ph", "f"),
    (r"(.)\1", r"\1"),
)
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "h e", "he", "sir", "madam", "dame", "prof"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii"})


@cache
def fold(text: str) -> str:
    """Lower case, accents removed, punctuation to spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


_FOLD_PATTERNS = tuple((re.compile(pattern), repl) for pattern, repl in _FOLDS)


@cache
def _fold_part(part: str) -> str:
    for pattern, repl in _FOLD_PATTERNS:
        part = pattern.sub(repl, part)
    return part


def name_parts(name: str) -> list[str]:
    """Folded name parts without honorifics or suffixes."""
    parts = [p for p in fold(name).split() if p not in _HONORIFICS and p not in _SUFFIXES]
    return [p for p in parts if len(p) > 1 or len(parts) == 1]


@dataclass(frozen=True, slots=True)
class NameKey:
    surname: str  # transliteration-folded
    given: str  # consonant skeleton of the given name, "" when only the surname is known

    @property
    def text(self) -> str:
        return f"{self.surname}|{self.given}"


def _skeleton(part: str) -> str:
    """First letter and consonants: Aleksandr, Alexander and Alyaksandr give ``alxndr``."""
    folded = _fold_part(part)
    return folded[:1] + re.sub(r"[aeiouyhw]", "", folded[1:])


@cache
def name_key(name: str) -> NameKey:
    parts = name_parts(name) or [fold(name) or name]
    surname = _fold_part(parts[-1])
    given = _skeleton(parts[0]) if len(parts) > 1 else ""
    return NameKey(surname, given)


def _digest(text: str, length: int = 12) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def person_id(key: NameKey) -> str:
    return f"person:{_digest(key.text)}"


def stable_id(*parts: object, length: int = 16) -> str:
    """A deterministic id from the parts (for meetings, figures, memberships)."""
    return _digest("\x1f".join("" if p is None else str(p) for p in parts), length)


def resolve_people(names: Iterable[str]) -> dict[str, str]:
    """Map each person's name (the fullest form of each article) to an actor id.

    Names with a given name cluster on (surname, given-name skeleton); surname-only names join
    the unique cluster with that surname, if there is exactly one.
    """
    full: dict[str, set[NameKey]] = defaultdict(set)
    keys: dict[str, NameKey] = {}
    for name in names:
        key = name_key(name)
        keys[name] = key
        if key.given:
            full[key.surname].add(key)
    ids: dict[str, str] = {}
    for name, key in keys.items():
        if not key.given and len(full.get(key.surname, ())) == 1:
            key = next(iter(full[key.surname]))
        ids[name] = person_id(key)
    return ids
