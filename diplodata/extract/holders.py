"""The state a well-known office holder served at an article's date.

Looks people up in ``data/office_holders.csv`` (through ``lexicon``). A full name
matches a holder with the same surname key and a compatible given name (same
consonant skeleton or a prefix of it, "Joe"/"Joseph", but not one that ends otherwise,
"Jane"/"John", or a shared given name, "Tayyip Erdogan"/"Recep Tayyip Erdoğan");
transliteration variants are folded by the name keys of ``resolve``. The state is the
one of the holder's term at the article's year, else of the last term before it, else
of the first after it; a term in an international organization (empty country) gives
no state. A surname
alone matches only a holder whose office the article gives next to it ("President
Reagan"), or one in office at the article's date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache, lru_cache

from diplodata.extract import lexicon
from diplodata.extract.lexicon import OfficeTerm
from diplodata.extract.names import PATRONYMIC, fold
from diplodata.tables.resolve import generation, given_ending, name_key, name_parts

# States whose names are written family name first ("Xi Jinping", "Kim Jong Un").
_FAMILY_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "VNM", "KHM"})
# Offices whose holders are named by their given name ("King Salman", "Emir Tamim",
# "Sultan Haitham", "King Charles"), not by a family name.
_BY_GIVEN_NAME = frozenset(
    {"king", "queen", "emir", "amir", "sultan", "crown prince", "emperor", "grand duke"}
)
# States whose ruling families' office holders are named by given name whatever the office
# ("President Sheikh Mohamed" of the UAE, "Prime Minister Sheikh Mohammed" of Qatar)
_GIVEN_NAME_STATES = frozenset({"ARE", "QAT", "KWT", "BHR", "OMN", "SAU"})


def _surname(name: str) -> str:
    return fold(name_key(name).surname)


def _given(name: str) -> tuple[str, set[str]]:
    """Given-name skeleton and folded given names of ``name``."""
    given = name_parts(name)[:-1]
    cut = next((i for i, p in enumerate(given) if p.lower() in PATRONYMIC), len(given))
    return fold(name_key(name).given), {fold(p) for p in given[:cut]}  # not "bin Zayed"


@cache
def _index() -> dict[str, list[OfficeTerm]]:
    """Terms by surname key (also by family name for family-name-first states, and by
    given name for monarchs)."""
    index: dict[str, list[OfficeTerm]] = defaultdict(list)
    for term in lexicon.load().office_holders:
        key = _surname(term.name)
        index[key].append(term)
        parts = name_parts(term.name)
        if term.country in _FAMILY_FIRST and len(parts) > 1:
            index[fold(parts[0])].append(term)
        elif (term.office in _BY_GIVEN_NAME or term.country in _GIVEN_NAME_STATES) and _surname(
            parts[0]
        ) != key:
            index[_surname(parts[0])].append(term)
    return dict(index)


def same_given_name(a: str, b: str) -> bool:
    """Whether two full names share a given name ("Joe"/"Joseph Biden", not "Jane"/"John")."""
    (skel_a, names_a), (skel_b, names_b) = _given(a), _given(b)
    if not skel_a or not skel_b:
        return False
    if names_a & names_b:
        return True
    if skel_a == skel_b and given_ending(a) != given_ending(b):
        return False  # Jane and John, Michelle and Michael
    return skel_a.startswith(skel_b) or skel_b.startswith(skel_a)


def _same_holder(name: str, term: OfficeTerm) -> bool:
    """Whether ``name`` is the holder of ``term`` found under its surname key; a name written
    family name first ("Bui Thanh Son") is found under its first word too, and then all its
    words must be there ("Best Buy" is not he)."""
    if term.country in _FAMILY_FIRST and _surname(name) != _surname(term.name):
        return {fold(p) for p in name_parts(name)} == {fold(p) for p in name_parts(term.name)}
    return same_given_name(name, term.name)


def _named_terms(name: str) -> list[OfficeTerm]:
    """The terms of the holder called ``name`` (a full name); a name with a second surname
    the curated one lacks ("José Manuel Albares Bueno", "Gabriel Boric Font") is found by
    the name without it, when every curated word is in the name."""
    terms = [t for t in _index().get(_surname(name), []) if _same_holder(name, t)]
    parts = name_parts(name)
    if terms or len(parts) < 3:
        return terms
    words = {fold(p) for p in parts}
    shorter = " ".join(parts[:-1])
    return [
        t
        for t in _index().get(_surname(shorter), [])
        if _same_holder(shorter, t)
        and {fold(p) for p in name_parts(t.name)} <= words
        and t.office not in _BY_GIVEN_NAME  # "Juan Carlos Ferrero" is no King Juan Carlos
    ]


def _state_at(terms: Iterable[OfficeTerm], year: int | None) -> str | None:
    """The one state of ``terms`` at ``year`` (or of all terms when the year is unknown)."""
    terms = list(terms)
    if year is not None and terms:
        current = [t for t in terms if t.start <= year <= (t.end or 9999)]
        before = [t for t in terms if (t.end or 9999) < year]
        if current:
            terms = current
        elif before:
            terms = [max(before, key=lambda t: t.end or 9999)]
        else:
            terms = [min(terms, key=lambda t: t.start)]
    states = {t.country for t in terms}
    return states.pop() or None if len(states) == 1 else None


def _office_matches(role: str, office: str) -> bool:
    return role == office or office.endswith(" " + role) or role.endswith(" " + office)


def holder_state(name: str, role: str | None, year: int | None, named: set[str]) -> str | None:
    """The state served by the office holder called ``name`` (with ``role`` as the article
    gives it) at ``year``; a surname alone needs the office, or a holder in office at
    ``year`` whose state the article names (``named``)."""
    if len(name_parts(name)) >= 2:
        terms = _named_terms(name)
        state = _state_at(terms, year)
        if (
            year is None
            and state not in named
            and not any(
                fold(t.name) == fold(name) or (role and _office_matches(role, t.office))
                for t in terms
            )
        ):
            return None  # undated: "Phil Davis" is no "Philip Davis" unless office or state agree
        return state
    key = _surname(name)
    terms = _index().get(key, [])
    if role:
        by_office = [t for t in terms if _office_matches(role, t.office)]
        numeral = generation(name)  # "Abdullah II" is no "Abdullah bin Abdulaziz"
        by_office = [  # by given name ("King Abdullah"): a monarch of the article's time
            t
            for t in by_office
            if _surname(t.name) == key
            or ((year is None or _in_office(t, year)) and generation(t.name) == numeral)
        ]
        if by_office:
            return _state_at(by_office, year)
    if year is None:
        return None
    current = [t for t in terms if t.start <= year <= (t.end or 9999)]
    state = _state_at(current, year) if current else None
    return state if state in named else None


def _in_office(term: OfficeTerm, year: int) -> bool:
    """Whether ``term`` ran at ``year`` (a year's margin each side)."""
    return term.start - 1 <= year <= (term.end or 9999) + 1


def titled_holder(surname: str, role: str, year: int | None) -> str | None:
    """The full name of the one curated holder that a surname with its office names
    ("President Reagan" in 1987: Ronald Reagan), if there is exactly one."""
    terms = [t for t in _index().get(_surname(surname), []) if _office_matches(role, t.office)]
    if year is not None:
        terms = [t for t in terms if _in_office(t, year)]
    names = {t.name for t in terms}
    return names.pop() if len(names) == 1 else None


def full_name_needed(word: str, holder: str) -> bool:
    """Whether a holder the article names by one word ("President Sheikh Mohamed") is only
    known by the curated full name: the word is neither the holder's surname ("President
    Reagan") nor a monarch's given name ("King Salman"), which the tables resolve alone."""
    terms = [t for t in _index().get(_surname(holder), []) if t.name == holder]
    return fold(word) != _surname(holder) and not any(t.office in _BY_GIVEN_NAME for t in terms)


def is_office_holder(name: str) -> bool:
    """Whether the curated table has a holder of this full name (any term)."""
    if len(name_parts(name)) < 2:
        return False
    return bool(_named_terms(name))


@lru_cache(maxsize=8192)
def writes_family_first(name: str) -> bool:
    """Whether the curated holder of this full name serves a state whose names are written
    family name first ("Jiang Zemin": "Jiang" names him alone)."""
    return len(name_parts(name)) >= 2 and any(
        t.country in _FAMILY_FIRST for t in _named_terms(name)
    )


@lru_cache(maxsize=8192)
def is_holders_full_name(name: str) -> bool:
    """Whether the curated table has a holder of exactly this name, every word of it."""
    return len(name_parts(name)) >= 2 and any(
        name_key(t.name) == name_key(name) for t in _named_terms(name)
    )


def _terms_at(name: str, year: int | None) -> list[OfficeTerm]:
    if year is None or len(name_parts(name)) < 2:
        return []
    return [t for t in _named_terms(name) if t.start <= year <= (t.end or 9999)]


def holder_office(name: str, year: int | None) -> str | None:
    """The office the holder called ``name`` (a full name) held at ``year``: the one term
    in force then, else none (no guess between two offices)."""
    offices = {t.office for t in _terms_at(name, year)}
    return offices.pop() if len(offices) == 1 else None


def serves_organization(name: str, year: int | None) -> bool:
    """Whether ``name`` held a post in an international organization at ``year``."""
    return any(not t.country for t in _terms_at(name, year))
