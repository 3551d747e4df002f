"""Actor resolution across articles: one ``actors`` row per real person, with a stable id.

The rule (also in the data dictionary, ``schemas/actors.schema.json``):

1. A full name has a *name key*: the surname folded for case, accents and common
   transliteration variants (Zelenskyy/Zelensky/Zelenskiy, Aleksandr/Alexander), plus the
   consonant skeleton of the given name, after common short forms are expanded
   (``data/given_name_variants.csv``: Joe -> Joseph). "Joe Biden", "Joseph R. Biden" and
   "Joseph Biden" share a key; "Jill Biden" does not.
2. A full name that matches one well-known person of the curated tables
   (``data/office_holders.csv``: same surname key and the same given name, or a given name
   they share, "Tayyip Erdogan"/"Recep Tayyip Erdoğan") is that person. Where the curated
   tables hold namesakes with the same key (George H. W. Bush, George W. Bush), the middle
   initials decide, and a name without them stays an actor of its own.
3. A surname alone ("Biden", "President Biden") is a curated person with that surname: the
   only one, or the only one of the state the article gives, or the only one in office in
   the article's year. Otherwise it stays an actor of its own (its id from the surname).

Each decision depends only on the name, the article's year and the state stated next to the
name, never on which other articles are in the run: adding articles changes no existing id.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Transliteration folds applied to lower-cased, accent-free name parts, in order.
_FOLDS: tuple[tuple[str, str], ...] = (
    (r"yy$", "y"),
    (r"iy$", "y"),
    (r"ij$", "y"),
    (r"ii$", "y"),
    (r"enka$", "enko"),  # Belarusian -enka: Lukashenka, Lukashenko
    (r"aye", "ae"),  # Tokayev, Tokaev
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
# States whose names are written family name first ("Xi Jinping", "Kim Jong Un").
_FAMILY_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "VNM"})
_DATA = Path(__file__).parent / "data"


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


def _words(name: str) -> list[str]:
    return [p for p in fold(name).split() if p not in _HONORIFICS and p not in _SUFFIXES]


def name_parts(name: str) -> list[str]:
    """Folded name parts without honorifics, suffixes or initials."""
    parts = _words(name)
    return [p for p in parts if len(p) > 1 or len(parts) == 1]


def initials(name: str) -> str:
    """Middle initials of a name: "George H. W. Bush" gives ``hw``."""
    parts = _words(name)
    return "".join(p for p in parts[1:-1] if len(p) == 1)


@cache
def _given_variants() -> dict[str, str]:
    """Short forms of given names and the full form they stand for (folded)."""
    with (_DATA / "given_name_variants.csv").open(encoding="utf-8", newline="") as handle:
        return {fold(r["variant"]): fold(r["given"]) for r in csv.DictReader(handle)}


@dataclass(frozen=True, slots=True)
class NameKey:
    surname: str  # transliteration-folded
    given: str  # consonant skeleton of the given name, "" when only the surname is known

    @property
    def text(self) -> str:
        return f"{self.surname}|{self.given}"


def _skeleton(part: str) -> str:
    """First letter and consonants: Aleksandr, Alexander and Alyaksandr give ``alxndr``."""
    folded = _fold_part(_given_variants().get(part, part))
    return folded[:1] + re.sub(r"[aeiouyhw]", "", folded[1:])


@cache
def name_key(name: str) -> NameKey:
    parts = name_parts(name) or [fold(name) or name]
    surname = _fold_part(parts[-1])
    given = _skeleton(parts[0]) if len(parts) > 1 else ""
    return NameKey(surname, given)


def _digest(text: str, length: int = 12) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def person_id(key: NameKey, middle: str = "") -> str:
    return f"person:{_digest(key.text + (f'|{middle}' if middle else ''))}"


def stable_id(*parts: object, length: int = 16) -> str:
    """A deterministic id from the parts (for meetings, figures, memberships)."""
    return _digest("\x1f".join("" if p is None else str(p) for p in parts), length)


# -- curated persons ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    country: str
    start: int
    end: int | None


@dataclass(frozen=True, slots=True)
class CuratedPerson:
    """A well-known person of ``data/office_holders.csv`` (all terms of one name)."""

    name: str
    terms: tuple[Term, ...]
    wikidata: str | None

    def in_office(self, year: int) -> bool:
        return any(t.start <= year <= (t.end or 9999) for t in self.terms)

    def serves(self, country: str) -> bool:
        return any(t.country == country for t in self.terms)

    @property
    def actor_id(self) -> str:
        return person_id(name_key(self.name), _middle_needed(self.name))


@cache
def curated_people() -> dict[str, CuratedPerson]:
    """Curated persons by name, with their Wikidata ids (``data/wikidata.csv``)."""
    terms: dict[str, list[Term]] = defaultdict(list)
    with (_DATA / "office_holders.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            end = int(row["end_year"]) if row["end_year"] else None
            terms[row["name"]].append(Term(row["country"], int(row["start_year"]), end))
    qids = wikidata_ids("person")
    return {name: CuratedPerson(name, tuple(ts), qids.get(name)) for name, ts in terms.items()}


@cache
def wikidata_ids(kind: str) -> dict[str, str]:
    """Curated Wikidata ids (``data/wikidata.csv``) of one kind of actor, by key."""
    with (_DATA / "wikidata.csv").open(encoding="utf-8", newline="") as handle:
        return {r["key"]: r["wikidata"] for r in csv.DictReader(handle) if r["kind"] == kind}


@cache
def _by_key() -> dict[str, list[CuratedPerson]]:
    index: dict[str, list[CuratedPerson]] = defaultdict(list)
    for person in curated_people().values():
        index[name_key(person.name).text].append(person)
    return dict(index)


@cache
def _by_surname() -> dict[str, list[CuratedPerson]]:
    index: dict[str, list[CuratedPerson]] = defaultdict(list)
    for person in curated_people().values():
        index[name_key(person.name).surname].append(person)
        parts = name_parts(person.name)
        if len(parts) > 1 and any(t.country in _FAMILY_FIRST for t in person.terms):
            index[_fold_part(parts[0])].append(person)
    return dict(index)


def _middle_needed(name: str) -> str:
    """The middle initials, when curated namesakes share this name's key."""
    return initials(name) if len(_by_key().get(name_key(name).text, ())) > 1 else ""


def _one(people: Iterable[CuratedPerson]) -> CuratedPerson | None:
    found = {p.name: p for p in people}
    return next(iter(found.values())) if len(found) == 1 else None


def _curated_full_name(name: str) -> CuratedPerson | None:
    key = name_key(name)
    same = _by_key().get(key.text, [])
    if len(same) > 1:  # namesakes: the middle initials decide
        return _one(p for p in same if initials(p.name) == initials(name))
    if same:
        return same[0]
    given = set(name_parts(name)[:-1])
    return _one(
        p for p in _by_surname().get(key.surname, []) if given & set(name_parts(p.name)[:-1])
    )


def _curated_surname(surname: str, year: int | None, country: str | None) -> CuratedPerson | None:
    people = _by_surname().get(_fold_part(surname), [])
    if country:
        people = [p for p in people if p.serves(country)]
    if len(people) > 1 and year is not None:
        people = [p for p in people if p.in_office(year)]
    return _one(people)


# -- resolution ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonRef:
    """A person as one article names them: the name, the article's year, the state served."""

    name: str
    year: int | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Resolved:
    actor_id: str
    curated: CuratedPerson | None = None


@cache
def resolve_person(ref: PersonRef) -> Resolved:
    """The actor a person of one article is (see the module's docstring for the rule)."""
    parts = name_parts(ref.name)
    if len(parts) > 1:
        person = _curated_full_name(ref.name)
        if person is not None:
            return Resolved(person.actor_id, person)
        return Resolved(person_id(name_key(ref.name), _middle_needed(ref.name)))
    person = _curated_surname(parts[0] if parts else ref.name, ref.year, ref.country)
    if person is not None:
        return Resolved(person.actor_id, person)
    return Resolved(person_id(name_key(ref.name)))


def resolve_people(refs: Iterable[PersonRef | str]) -> dict[str, str]:
    """Actor ids of names (or person references), by name."""
    out: dict[str, str] = {}
    for ref in refs:
        ref = PersonRef(ref) if isinstance(ref, str) else ref
        out[ref.name] = resolve_person(ref).actor_id
    return out
