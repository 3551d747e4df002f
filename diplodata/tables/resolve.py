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
   initials decide, and a name without them stays an actor of its own. A given name that
   ends otherwise (Jane/John, Michelle/Michael, Joanna/John: see :func:`given_ending`) is
   not the curated person.
3. Other full names with one key are one person unless the articles tell them apart
   (:func:`resolve_all`): two given names that end otherwise, two generations ("Jr."/"Sr.",
   "the Younger"/"the Elder"), two states *stated* next to the name (a Soviet, Yugoslav or
   Czechoslovak official may later serve a successor state), or articles more than
   ``NAMESAKE_YEARS`` apart with no article of the name in between. A state the extractor
   only implied (``PersonFact.country_stated`` is false) never splits a person. A mention
   that tells less (no stated state, no date) joins the one person it fits; among several,
   the one serving the state implied for it, else the one named in the most articles. The
   person named in the most articles (then: the earliest) keeps the key's plain id, so
   adding articles changes no id unless a namesake comes to be named in more articles
   than the person who held it.
4. A surname alone ("Biden", "President Biden") is a curated person with that surname: the
   only one, or the only one serving the state the article gives the person (stated or
   implied: here a state only rules candidates out), or the only one in office in the
   article's year; never one whose terms are more than ``NAMESAKE_YEARS`` from that year.
   Otherwise it is an actor of its own, for that article only: a surname is shared by too
   many people to join the surname-only mentions of different articles, and joining them
   to a full name of another article would change ids as articles are added.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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
_SUFFIXES = frozenset({"jr", "sr", "jnr", "snr", "ii", "iii"})
# Generation markers, folded: a son and his father may share every other part of a name.
_GENERATIONS = {
    "jr": "jr",
    "jnr": "jr",
    "younger": "jr",
    "sr": "sr",
    "snr": "sr",
    "elder": "sr",
    "ii": "ii",
    "iii": "iii",
}
_EPITHETS = frozenset({"elder", "younger"})  # "Pitt the Younger"
# Dated articles further apart than this, with no article of the name between them, name
# two persons (namesakes of two generations: a parent and a child who shares the name are
# some 25-35 years apart, while a public career goes on being reported in between).
NAMESAKE_YEARS = 30
# States that split into others: an official stated as Soviet in 1985 and as Russian in
# 1995 may be one person (compared only for persons no curated table knows).
_SOVIET = "ARM AZE BLR EST GEO KAZ KGZ LTU LVA MDA RUS TJK TKM UKR UZB"
_YUGOSLAV = "BIH HRV MKD MNE SRB SVN XKX"
_SUCCESSORS = {
    "SUN": frozenset(_SOVIET.split()),
    "CSK": frozenset({"CZE", "SVK"}),
    "YUG": frozenset(_YUGOSLAV.split()),
}


def _same_state(a: str, b: str) -> bool:
    return a == b or b in _SUCCESSORS.get(a, ()) or a in _SUCCESSORS.get(b, ())


# States whose names are written family name first ("Xi Jinping", "Kim Jong Un").
_FAMILY_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "VNM"})
_DATA = Path(__file__).resolve().parent.parent / "data"


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
    parts = fold(name).split()
    if len(parts) > 2 and parts[-2] == "the" and parts[-1] in _EPITHETS:
        parts = parts[:-2]
    return [p for p in parts if p not in _HONORIFICS and p not in _SUFFIXES]


def generation(name: str) -> str:
    """The generation a name states: ``jr`` ("Jr.", "Jnr", "the Younger"), ``sr`` ("Sr.",
    "Snr", "the Elder"), ``ii``, ``iii``; empty when it states none."""
    parts = fold(name).split()
    found = [_GENERATIONS[p] for p in parts[1:] if p in _GENERATIONS]
    return found[-1] if found else ""


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


_ENDINGS = {"a": "a", "e": "e", "i": "i", "y": "i", "o": "o", "u": "o"}


def given_ending(name: str) -> str:
    """How the given name ends (after short forms are expanded): ``a``, ``e``, ``i`` (i, y),
    ``o`` (o, u), or empty for a consonant. The name key keeps only consonants, so this
    tells Jane from John, Michelle from Michael, Joanna from John, Diane from Danny, while
    Sergei/Sergey, Alexei/Aleksey, Mohammed/Mohammad still agree."""
    parts = name_parts(name)
    return word_ending(parts[0]) if len(parts) > 1 else ""


def word_ending(word: str) -> str:
    """How one given name ends (see :func:`given_ending`)."""
    folded = fold(word)
    given = _fold_part(_given_variants().get(folded, folded)).rstrip("h")
    return _ENDINGS.get(given[-1:], "")


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


def person_id(key: NameKey, middle: str = "", *qualifiers: str) -> str:
    """The id of a person's name key (and middle initials, when curated namesakes need them);
    ``qualifiers`` tell apart the namesakes and surname-only mentions that share the key."""
    text = key.text + (f"|{middle}" if middle else "") + "".join(f"|{q}" for q in qualifiers)
    return f"person:{_digest(text)}"


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

    def near(self, year: int) -> bool:
        """Whether ``year`` is within ``NAMESAKE_YEARS`` of the person's terms."""
        first = min(t.start for t in self.terms)
        last = max(t.end or 9999 for t in self.terms)
        return first - NAMESAKE_YEARS <= year <= last + NAMESAKE_YEARS

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


_PATRONYMIC = frozenset({"bin", "ibn", "bint"})  # "son/daughter of": a father's name next


def _known_as(name: str) -> str:
    """The word a name alone is said by: the surname, but the given name of a name that is
    a patronymic chain ("Salman bin Abdulaziz" is King Salman: Abdulaziz is his father)."""
    parts = name_parts(name)
    if len(parts) >= 3 and parts[-2] in _PATRONYMIC:
        return _fold_part(parts[0])
    return name_key(name).surname


@cache
def _by_surname() -> dict[str, list[CuratedPerson]]:
    index: dict[str, list[CuratedPerson]] = defaultdict(list)
    for person in curated_people().values():
        index[_known_as(person.name)].append(person)
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
    ending = given_ending(name)
    same = [p for p in _by_key().get(key.text, []) if given_ending(p.name) == ending]
    if len(same) > 1:  # namesakes: the middle initials decide
        return _one(p for p in same if initials(p.name) == initials(name))
    if same:
        return same[0]
    given = _given_words(name)  # "Khalid bin Salman" is not "Mohammed bin Salman"

    def fits(person: CuratedPerson) -> bool:
        if _known_as(person.name) == key.surname:
            return bool(given & _given_words(person.name))
        # a family name written first, found here by it: "Yong-hyun Kim" is "Kim Yong-hyun"
        # when every other word of it is in the name ("Jim Yong Kim" is not)
        return set(name_parts(person.name)[1:]) <= given

    return _one(p for p in _by_surname().get(key.surname, []) if fits(p))


def _given_words(name: str) -> set[str]:
    """The words of a name before its surname, without particles ("bin", "al", "de")."""
    from diplodata.extract.names import PARTICLES  # the extractors import this module

    return {p for p in name_parts(name)[:-1] if p not in PARTICLES}


def _curated_surname(surname: str, year: int | None, country: str | None) -> CuratedPerson | None:
    """The curated person a surname alone names, if only one fits: one serving the state the
    article gives (stated or implied: a state only ever rules people out here), with the
    year near their terms, and among several the one in office at the year."""
    people = _by_surname().get(_fold_part(surname), [])
    if country:
        people = [p for p in people if p.serves(country)]
    if year is not None:
        people = [p for p in people if p.near(year)]
        if len({p.name for p in people}) > 1:
            people = [p for p in people if p.in_office(year)]
    return _one(people)


# -- resolution ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonRef:
    """A person as one article names them: the name, the article's year, the state served
    (``country_stated`` when the text states it, not when the extractor implied it), the
    article's id."""

    name: str
    year: int | None = None
    country: str | None = None
    country_stated: bool = False
    article: str | None = None


@dataclass(frozen=True, slots=True)
class Resolved:
    actor_id: str
    curated: CuratedPerson | None = None


@cache
def _resolve_name(name: str, year: int | None, country: str | None) -> tuple[Resolved, bool]:
    """The actor of a name by the curated tables alone, and whether it is a surname alone
    that no curated person takes."""
    parts = name_parts(name)
    if len(parts) > 1:
        person = _curated_full_name(name)
        if person is not None:
            return Resolved(person.actor_id, person), False
        return Resolved(person_id(name_key(name), _middle_needed(name))), False
    person = _curated_surname(parts[0] if parts else name, year, country)
    if person is not None:
        return Resolved(person.actor_id, person), False
    return Resolved(person_id(name_key(name))), True


def resolve_person(ref: PersonRef) -> Resolved:
    """The actor a person of one article is by the name alone (rules 1, 2 and 4 of the
    module's docstring); :func:`resolve_all` also tells namesakes apart (rule 3)."""
    resolved, lone_surname = _resolve_name(ref.name, ref.year, ref.country)
    if lone_surname and ref.article:
        return Resolved(person_id(name_key(ref.name), "", f"article={ref.article}"))
    return resolved


def resolve_people(refs: Iterable[PersonRef | str]) -> dict[str, str]:
    """Actor ids of names (or person references), by name."""
    people = [PersonRef(r) if isinstance(r, str) else r for r in refs]
    resolved = resolve_all(people)
    return {ref.name: r.actor_id for ref, r in zip(people, resolved, strict=True)}


def resolve_all(refs: Sequence[PersonRef]) -> list[Resolved]:
    """The actor of every person reference of a run: :func:`resolve_person`, then the
    full names no curated person takes are split into namesakes (rule 3)."""
    out = [resolve_person(ref) for ref in refs]
    by_id: dict[str, list[int]] = defaultdict(list)
    for i, (ref, resolved) in enumerate(zip(refs, out, strict=True)):
        if resolved.curated is None and len(name_parts(ref.name)) > 1:
            by_id[resolved.actor_id].append(i)
    for actor_id, indexes in by_id.items():
        if len(indexes) < 2:
            continue
        ids = namesake_ids(actor_id, [refs[i] for i in indexes])
        for i, found in zip(indexes, ids, strict=True):
            if found != actor_id:
                out[i] = Resolved(found)
    return out


def namesake_ids(actor_id: str, refs: Sequence[PersonRef]) -> list[str]:
    """The actor of each mention of one group (the full names whose id before namesakes
    are told apart is ``actor_id``): ``actor_id`` for the person named in the most
    articles, a qualified id for each namesake (rule 3)."""
    if len(refs) < 2:
        return [actor_id] * len(refs)
    return [
        f"person:{_digest(f'{actor_id}|{qualifier}')}" if qualifier else actor_id
        for qualifier in namesakes(refs)
    ]


# -- namesakes ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Sign:
    """What a mention tells about who bears the name; None where it tells nothing."""

    ending: str
    generation: str | None
    state: str | None  # stated
    era: int | None  # first year of the era of the article's year


@dataclass(slots=True)
class _Namesake:
    """One person among namesakes: what their mentions tell (``sign.state``: the first state
    stated, ``states``: all of them), their articles and years."""

    sign: _Sign
    states: set[str] = field(default_factory=set)
    articles: set[str | None] = field(default_factory=set)
    years: set[int] = field(default_factory=set)

    def fits(self, sign: _Sign) -> bool:
        mine, theirs = self.sign, sign
        return (
            mine.ending == theirs.ending
            and all(
                a is None or b is None or a == b
                for a, b in ((mine.generation, theirs.generation), (mine.era, theirs.era))
            )
            and (theirs.state is None or all(_same_state(s, theirs.state) for s in self.states))
        )

    def add(self, sign: _Sign, ref: PersonRef) -> None:
        self.sign = _Sign(
            self.sign.ending,
            self.sign.generation or sign.generation,
            self.sign.state or sign.state,
            self.sign.era if self.sign.era is not None else sign.era,
        )
        self.states.update([sign.state] if sign.state else [])
        self.articles.add(ref.article)
        self.years.update([ref.year] if ref.year is not None else [])

    def rank(self) -> tuple[int, int, str]:
        """Most articles first, then the earliest year, then the first article id."""
        first = min((a for a in self.articles if a), default="")
        return (-len(self.articles), min(self.years, default=9999), first)

    def qualifier(self) -> str:
        era = f"{self.sign.era // 10 * 10}s" if self.sign.era is not None else None
        parts = (
            ("given", self.sign.ending or "consonant"),
            ("generation", self.sign.generation),
            ("state", self.sign.state),
            ("era", era),
        )
        return "|".join(f"{k}={v}" for k, v in parts if v)


def _eras(years: Iterable[int]) -> dict[int, int]:
    """Each year -> the first year of its era: years further apart than ``NAMESAKE_YEARS``
    with no year between them are two eras."""
    eras: dict[int, int] = {}
    start = previous = None
    for year in sorted(set(years)):
        if previous is None or start is None or year - previous > NAMESAKE_YEARS:
            start = year
        eras[year] = start
        previous = year
    return eras


def namesakes(refs: Sequence[PersonRef]) -> list[str]:
    """Split the mentions of one uncurated full name (one name key) into persons: a
    qualifier per mention, empty for the person named in the most articles (who keeps the
    name's plain id). Mentions that disagree on the given name's ending, the generation,
    the *stated* state or the era are two persons; a mention that tells less joins the one
    person it fits, or among several the one serving its implied state, else the one named
    in the most articles. The result does not depend on the order of ``refs``."""
    eras = _eras(r.year for r in refs if r.year is not None)
    signs = [
        _Sign(
            given_ending(r.name),
            generation(r.name) or None,
            r.country if r.country_stated and r.country else None,
            eras[r.year] if r.year is not None else None,
        )
        for r in refs
    ]

    def told(i: int) -> tuple[int, int, str, str]:
        sign, ref = signs[i], refs[i]
        known = sum(v is not None for v in (sign.generation, sign.state, sign.era))
        return (-known, ref.year if ref.year is not None else 9999, ref.article or "", ref.name)

    persons: list[_Namesake] = []
    chosen: dict[int, _Namesake] = {}
    for i in sorted(range(len(refs)), key=told):
        sign, ref = signs[i], refs[i]
        fitting = [p for p in persons if p.fits(sign)]
        if not fitting:
            fitting = [_Namesake(sign)]
            persons.append(fitting[0])
        implied = ref.country if not ref.country_stated else None
        person = min(
            fitting,
            key=lambda p: (implied not in p.states, p.rank(), persons.index(p)),
        )
        person.add(sign, ref)
        chosen[i] = person
    if len(persons) == 1:
        return [""] * len(refs)
    primary = min(persons, key=lambda p: (p.rank(), p.qualifier()))
    return ["" if chosen[i] is primary else chosen[i].qualifier() for i in range(len(refs))]
