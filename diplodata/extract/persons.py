"""Persons: every named person in an article, with the office and state stated next to it.

A name-like segment (see ``names.py``) is a person when there is evidence for it: an
office title or honorific right before it, an appositive title after it ("X, the
Foreign Minister"), a speaker label ("Vladimir Putin:"), or a known given name as its
first word. Later mentions by surname (or transliteration variant) are merged into
the fullest form as aliases. The office, state and host state come from the title
phrase next to the mention that states them best; a well-known office holder named
without a state gets the state of the office held at the article's date.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace

from diplodata.extract import lexicon
from diplodata.extract.holders import (
    full_name_needed,
    holder_office,
    holder_state,
    is_holders_full_name,
    is_office_holder,
    same_given_name,
    serves_organization,
    titled_holder,
    writes_family_first,
)
from diplodata.extract.names import (
    HONORIFICS,
    PARTICLES,
    PATRONYMIC,
    Segment,
    fold,
    given_names,
    has_hyphenated_given,
    is_family_first,
    is_namelike,
    segments,
)
from diplodata.extract.text import Doc
from diplodata.extract.titles import (
    Title,
    demonym_before,
    is_commentator,
    is_office_word,
    is_person_head,
    left_title,
    occupation_before,
    office_of,
    parse_title,
    right_title,
)
from diplodata.extract.vocabulary import is_common, is_proper_name
from diplodata.models import CountryMention, MeetingFact, MembershipFact, PersonFact, TradeFact
from diplodata.tables.resolve import generation, word_ending

__all__ = ["MeetingFact", "MembershipFact", "PersonFact", "TradeFact", "extract_persons"]

_HONORIFIC_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Gen|Rep|Lt|Col)\.?|\bH\.\s?E\.|\b(?:"
    + "|".join(sorted(HONORIFICS))
    + r"))\s+$"
)


# the abbreviated titles of legislators, which the honorifics list also holds
_LEGISLATORS = {"Sen": "senator", "Rep": "representative"}
_LEGISLATOR_BEFORE = re.compile(r"\b(Sen|Rep)\.?\s+$")


# a state in brackets right after a name, the whole bracket: "Lubomir Rehak (Slovak Republic)"
_STATE_IN_BRACKETS = re.compile(r"\s*\(((?:the\s+)?[A-Z][\w'’ -]{2,50})\)")


def _listed_with_states(doc: Doc, start: int, end: int) -> bool:
    """Whether the sentence lists three or more names each followed by a state in brackets."""
    found = 0
    for m in _NAME_STATE_ITEM.finditer(doc.text, start, end):
        if doc.countries_in(m.start(1), m.end(1)):
            found += 1
    return found >= 3


_NAME_STATE_ITEM = re.compile(r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+\s*\(([^()]{3,50})\)")


# What only follows a person's name: an age ("Pham Hung, 74,"), a photo position ("(L)"),
# a family tie ("Cao Guifang, the wife of").
_PERSON_AFTER = re.compile(
    r",\s+(?:aged\s+)?(?:1[6-9]|[2-9]\d|10\d)\b(?!\s*(?:%|per|percent|million|billion|years? ago))"
    r"|\s+\((?:L|R|C|left|right|centre|center)\)|,\s+(?:the\s+)?(?:wife|husband|son|daughter|"
    r"widow|mother|father|brother|sister)\s+of\b"
)
# A generation after a name: "Douglas Fairbanks Jr", "Joseph R. Biden, Jr.", "Pitt the Elder".
_GENERATION_AFTER = re.compile(r",? (?:Jr|Sr|Jnr|Snr)\b\.?| the (?:Elder|Younger)\b")

# Honorifics that only go before a person's name (not "General", "Lord": "General Assembly"),
# and legislators' abbreviated titles ("Sen. Booker", "Rep. Bass")
_PERSONAL_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Sheikh|Sheikha|Prince|Princess|Mister|Madam|Madame|"
    r"Monsieur|Herr|Shri|Shrimati|Smt|Datuk|Dato)\.?\s+$|\b(?:Sen|Rep)\.\s+$|\bH\.\s?E\.\s+$"
)


@dataclass(slots=True)
class Mention:
    seg: Segment
    evidence: bool
    title: Title = field(default_factory=Title)
    title_start: int = -1  # where a title phrase before the name begins
    titled: bool = False  # an honorific or royal title right before it ("Princess Mary")
    personal: bool = False  # a personal honorific ("Mr", "Mrs", "Sheikh") right before it
    touching: bool = False  # an office title right before it ("Senator Murphy")
    suffix: str = ""  # a generation after the name: ", Jr", " Sr", " the Younger"

    @property
    def name(self) -> str:
        return self.seg.text + self.suffix

    @property
    def generation(self) -> str:
        return generation(self.name) if self.suffix else ""


_LABEL_AFTER = re.compile(
    r"['’]?s?\s+(?:administration|government|cabinet|era|doctrine|camp|presidency|years)\b"
)
_WIRE_COMPANY = re.compile(r"<[A-Z][^<>\n]{1,60}>")


def _wire_companies(text: str) -> list[tuple[int, int]]:
    """Spans of "<Goldman Sachs and Co>": wire services mark companies with angle brackets."""
    if "<" not in text:
        return []
    return [m.span() for m in _WIRE_COMPANY.finditer(text)]


def _compound_given(word: str, names: frozenset[str]) -> bool:
    """ "Jean-Charles", "Anna-Maria": a given name made of given names."""
    parts = word.split("-")
    return len(parts) > 1 and all(p in names for p in parts)


def _generic_head_of_word(role: str | None, token: str) -> bool:
    """A generic head ("Chief", "Head") before an ordinary word is a compound noun, not a
    title before a surname: "Chief Guest", "Chief Passport Officer", "Head Coach"."""
    return (
        role is not None
        and role.split()[-1:] in (["chief"], ["head"], ["leader"])
        and token not in given_names()
        and is_common(token)
        and not is_proper_name(token)
    )


# states and cities that are given names too ("Israel Katz", "Milan Roćen", "Santiago Peña")
_PLACE_GIVEN_NAMES = frozenset({"Israel", "Jordan"})
_SURNAME_NEXT = re.compile(r" ([A-Z][\w'’-]+)")


def _place_as_given_name(doc: Doc, place: CountryMention, names: frozenset[str]) -> bool:
    """Whether a place's name is a person's given name here: a given name, followed by a
    surname, after an office, an honorific or an apposition's comma ("Foreign Minister
    Israel Katz", "the Minister of Foreign Affairs of Montenegro, Milan Roćen, ...")."""
    surface = doc.text[place.start : place.end]
    if surface not in names and surface not in _PLACE_GIVEN_NAMES:
        return False
    surname = _SURNAME_NEXT.match(doc.text, place.end)
    if not surname or is_common(surname.group(1)) or doc.countries_in(*surname.span(1)):
        return False
    before = doc.text[max(0, place.start - 40) : place.start]
    last = re.search(r"([\w-]+)\s+$", before)
    return bool(
        _HONORIFIC_BEFORE.search(before)
        or _PERSONAL_BEFORE.search(before)
        or (last and is_office_word(last.group(1)))
        or (re.search(r",\s*$", before) and re.match(r"\s*[,.;(]", doc.text[surname.end() :]))
    )


_NAME_WORDS_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]* ){1,3})$")


def _place_as_holders_surname(doc: Doc, place: CountryMention) -> bool:
    """Whether a place's name ends the full name of a curated office holder here ("Prime
    Minister Joseph Muscat": not Oman's capital)."""
    before = _NAME_WORDS_BEFORE.search(doc.text, max(0, place.start - 60), place.start)
    if not before:
        return False
    words = before.group(1).split()
    surface = doc.text[place.start : place.end]
    return any(is_holders_full_name(" ".join([*words[i:], surface])) for i in range(len(words)))


def _mentions(doc: Doc) -> list[Mention]:
    """Every name-like segment with its title and whether there is evidence it is a person."""
    names = given_names()
    doc.drop_countries(
        [
            c
            for c in doc.countries
            if _place_as_given_name(doc, c, names) or _place_as_holders_surname(doc, c)
        ]
    )
    blocked = [(c.start, c.end) for c in doc.countries]
    blocked += [(o.start, o.end) for o in doc.organizations + doc.institutions]
    segs = segments(doc.text, blocked)
    strong = bytearray(len(doc.text))  # 1 under names that a title cannot run through
    for s in segs:
        if len(s.tokens) >= 2 or s.tokens[0] in names:
            strong[s.start : s.end] = b"\x01" * (s.end - s.start)
    found: list[Mention] = []
    companies = _wire_companies(doc.text)
    for seg in segs:
        if _LABEL_AFTER.match(doc.text, seg.end) and len(seg.tokens) == 1:
            continue  # "the Reagan administration": a label, not a mention of the person
        if any(s <= seg.start < e for s, e in companies):
            continue  # "<James Capel and Co>": a company in wire markup
        sent = doc.sentence_at(seg.start)
        sent_start = sent.start if sent.start <= seg.start else seg.start
        sent_end = max(sent.end, seg.end)
        left = left_title(doc, seg, sent_start, strong)
        multi = len(seg.tokens) >= 2
        right = right_title(doc, seg, sent_end, strong) if multi else None
        before = doc.text[max(0, seg.start - 12) : seg.start]
        honorific = bool(_HONORIFIC_BEFORE.search(before))
        personal = bool(_PERSONAL_BEFORE.search(before))
        # a speaker label ("Yury Ushakov:"), not a fact sheet's heading ("Cancer Moonshot:")
        label = multi and doc.text.startswith(":", seg.end) and _label_name(seg.tokens, names)
        label = label or (multi and bool(_PERSON_AFTER.match(doc.text, seg.end, seg.end + 40)))
        given = seg.tokens[0] in names or _compound_given(seg.tokens[0], names)
        bracket = _STATE_IN_BRACKETS.match(doc.text, seg.end, seg.end + 60) if multi else None
        stated_in = doc.countries_in(bracket.start(1), bracket.end(1)) if bracket else []
        state_after = (  # "by Lubomir Rehak (Slovak Republic), Dang Minh Khoi (Vietnam), ..."
            stated_in[0].code
            if len(stated_in) == 1 and _listed_with_states(doc, sent_start, sent_end)
            else None
        )
        evidence = honorific or (multi and bool(left or right or label or given or state_after))
        evidence = evidence or bool(left and left[2]) or occupation_before(doc, seg, not multi)
        evidence = evidence and not (seg.org_tail and seg.tokens[0] not in names)
        title = Title()
        if left:
            title = parse_title(doc, left[0], left[1])
            if title.role == "counterpart":
                title.role = _counterpart_role(found, sent_start) or "counterpart"
        if right and not title.role:
            title = _merge(parse_title(doc, right[0], right[1]), title)
        of = re.match(r" of (?:the )?", doc.text[seg.end : seg.end + 12])
        if of and not title.country:
            state = doc.countries_in(seg.end, seg.end + 40)
            if state and state[0].start == seg.end + of.end():
                title.country = state[0].code
        if not title.country:
            title.country = demonym_before(doc, seg, sent_start) or state_after
        if not title.role and (abbreviated := _LEGISLATOR_BEFORE.search(before)):
            title.role = _LEGISLATORS[abbreviated.group(1)]  # "Sen. Cory Booker"
        titled = honorific or (not multi and occupation_before(doc, seg, True))
        titled = titled or (not multi and bool(left and left[2]))  # "President Prabowo"
        if not multi and not honorific and _generic_head_of_word(title.role, seg.tokens[0]):
            evidence = titled = False  # "Chief Guest", "Chief Passport Officer"
        suffix = _GENERATION_AFTER.match(doc.text, seg.end)
        found.append(
            Mention(
                seg,
                evidence,
                title,
                left[0] if left else seg.start,
                titled,
                personal,
                bool(left and left[2] and is_person_head(doc.text[left[0] : left[1]].split()[-1])),
                suffix.group().rstrip(".") if suffix else "",
            )
        )
    return _listed_after_titled(doc, found)


_LIST_JOIN = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _listed_after_titled(doc: Doc, found: list[Mention]) -> list[Mention]:
    """A full name listed right after a titled person's ("his Japanese and South Korean
    counterparts, Kenichiro Sasae and Chun Yung-woo") shares their evidence: a list of
    names under one title, when it starts with a known given name or ends with a given name
    of two syllables joined by a hyphen (not a party or a firm listed after a leader: "Plaid
    Cymru", "Lib Dem")."""
    out: list[Mention] = []
    for m in found:
        prior = out[-1] if out else None
        if (
            prior
            and not m.evidence
            and prior.evidence
            and prior.title.role
            and len(m.seg.tokens) >= 2
            and len(prior.seg.tokens) >= 2
            and is_namelike(m.seg.tokens)
            and (m.seg.tokens[0] in given_names() or has_hyphenated_given(m.seg.tokens))
            and not m.seg.org_tail
            and _LIST_JOIN.fullmatch(doc.text, prior.seg.end, m.seg.start)
        ):
            m = replace(m, evidence=True)
        out.append(m)
    return out


def _merge(first: Title, second: Title) -> Title:
    return Title(
        first.role or second.role,
        first.country or second.country,
        first.posted_to or second.posted_to,
        first.org or second.org,
    )


def _counterpart_role(found: list[Mention], sent_start: int) -> str | None:
    """ "X and his Saudi counterpart Y": Y holds X's office."""
    for m in reversed(found):
        if m.seg.start >= sent_start and m.title.role and m.title.role != "counterpart":
            return m.title.role
    return None


@dataclass(slots=True)
class _Person:
    """Mentions of one person, with the longest name and all folded name words kept current."""

    mentions: list[Mention] = field(default_factory=list)
    tokens: tuple[str, ...] = ()
    keys: set[str] = field(default_factory=set)
    generation: str = ""  # "jr", "sr", ... when a mention states one
    curated: str = ""  # the curated holder a lone titled name is ("President Sheikh Mohamed")

    def add(self, mention: Mention) -> _Person:
        self.mentions.append(mention)
        self.generation = self.generation or mention.generation
        tokens = mention.seg.tokens
        if len(tokens) > len(self.tokens) or (
            len(tokens) == len(self.tokens) and _initial(self.tokens[0]) and not _initial(tokens[0])
        ):  # the fullest form: "Joseph Biden" over "J. Biden"
            self.tokens = tokens
        self.keys.update(fold(t) for t in mention.seg.tokens)
        if mention.seg.nickname:
            self.keys.add(fold(mention.seg.nickname))
        return self

    def surname(self) -> str:
        return fold(self.tokens[-1])


def _same_generation(person: _Person, mention: Mention) -> bool:
    """Father and son: "Douglas Fairbanks Sr" is not "Douglas Fairbanks Jr"."""
    mine, theirs = person.generation, mention.generation
    return not (mine and theirs and mine != theirs)


def _compatible(person: _Person, mention: Mention) -> bool:
    """Whether a multi-word name is a variant of ``person``'s: same (folded) surname and
    first names alike (not two given names that end otherwise, Michael/Michelle, unless one
    is a short form of the other), or all its words among the person's words; never two
    generations."""
    tokens = mention.seg.tokens
    if not _same_generation(person, mention):
        return False
    own, others = _own_names(person.tokens), _own_names(tokens)
    if own is not None and others is not None and not own & others:
        return False  # "Al Hussein bin Abdullah II" is the son of "King Abdullah II"
    keys = {fold(t) for t in tokens}
    if keys <= person.keys:
        return True
    extra = [t for t in tokens if fold(t) not in person.keys and t.lower() not in PARTICLES]
    if len(person.tokens) >= 2 and person.keys <= keys and not any(map(is_common, extra)):
        return True  # "Claudia Sheinbaum" and "Claudia Sheinbaum Pardo" (not "... Lecture")
    if fold(tokens[-1]) != person.surname():
        return False
    if len(person.tokens) == 1:
        return True
    mine, theirs = fold(person.tokens[0]), fold(tokens[0])
    if _initial(person.tokens[0]) or _initial(tokens[0]):  # "J. Biden" and "Joseph Biden"
        return mine[:1] == theirs[:1]
    if mine[:2] != theirs[:2]:
        return False
    short = mine.startswith(theirs) or theirs.startswith(mine)
    return short or word_ending(person.tokens[0]) == word_ending(tokens[0])


def _other_father(tokens: tuple[str, ...], curated: str) -> bool:
    """ "Mohammed bin Rashid" is not "Mohamed bin Zayed Al Nahyan": both name a father, and
    not the same."""

    def fathers(words: Sequence[str]) -> set[str]:
        return {fold(t) for b, t in itertools.pairwise(words) if _patronymic(b)}

    mine, theirs = fathers(tokens), fathers(curated.split())
    return bool(mine and theirs and not mine & theirs)


def _own_names(tokens: tuple[str, ...]) -> set[str] | None:
    """The (folded) names before a father's ("Mohammed" of "Mohammed bin Salman"), or all
    of them; None for a name that starts with the father's ("bin Salman")."""
    at = next((i for i, t in enumerate(tokens) if _patronymic(t)), len(tokens))
    return {fold(t) for t in tokens[:at]} if at else None


def _patronymic(token: str) -> bool:
    """ "bin", "Bin", "ibn", "bint", "ben": a father's name follows (not the given name Ben)."""
    return token.lower() in PATRONYMIC and token != "Ben"


def _initial(token: str) -> bool:
    return len(token) == 2 and token.endswith(".")


_SLAVIC_PATRONYMIC = re.compile(r"(?:ovich|evich|yevich|ovna|evna|yevna|ichna)$")


def _patronymic_address(mention: Mention, single: list[Mention]) -> bool:
    """ "Nursultan Abishevich": two words, the second a patronymic that the article never
    uses alone (not "Viktor Yanukovich ... Mr Yanukovich", a surname)."""
    tokens = mention.seg.tokens
    if len(tokens) != 2 or not _SLAVIC_PATRONYMIC.search(tokens[1]):
        return False
    return all(fold(s.seg.tokens[0]) != fold(tokens[1]) for s in single)


def _cluster(
    mentions: list[Mention],
    holder: Callable[[str], bool],
    titled: Callable[[str, str], str | None] = lambda surname, role: None,
) -> list[_Person]:
    """Group mentions into persons: full names first, then single words as their aliases;
    a single word alone is a person with evidence (not a given name unless titled, "Princess
    Mary") or when it is the surname of a well-known office holder (``holder``). A surname
    with an office that names a well-known holder (``titled``: "President Reagan") joins no
    full name of another given name ("Nancy Reagan")."""
    people: list[_Person] = []
    given = given_names()
    multi = [m for m in mentions if len(m.seg.tokens) >= 2]
    single = [m for m in mentions if len(m.seg.tokens) == 1]
    by_word: dict[str, set[int]] = {}  # folded name word -> the people holding it

    def index(i: int) -> None:
        for key in people[i].keys:
            by_word.setdefault(key, set()).add(i)

    for m in multi:
        # a compatible person holds the mention's last word (as surname or among its words);
        # the first one in order wins, as a scan of every person would find it
        candidates = sorted(by_word.get(fold(m.seg.tokens[-1]), ()))
        if not candidates and _patronymic_address(m, single) and not is_office_holder(m.seg.text):
            # "Nursultan Abishevich": a given name and a patronymic, how a transcript addresses
            # the one person of the article with that given name
            same = [
                i
                for i in by_word.get(fold(m.seg.tokens[0]), ())
                if len(people[i].tokens) > 1 and fold(people[i].tokens[0]) == fold(m.seg.tokens[0])
            ]
            if len(same) == 1:
                people[same[0]].add(m)
                index(same[0])
                continue
        if not candidates and len(m.seg.tokens) >= 3:  # more names added to a known one
            words = {fold(t) for t in m.seg.tokens[1:] if t.lower() not in PARTICLES}
            candidates = sorted({i for w in words for i in by_word.get(w, ())})
        found = next((i for i in candidates if _compatible(people[i], m)), None)
        if found is not None:
            people[found].add(m)
            index(found)
        elif (m.evidence and is_namelike(m.seg.tokens)) or is_office_holder(m.seg.text):
            people.append(_Person().add(m))
            index(len(people) - 1)
    by_key: dict[str, list[int]] = {}  # a single word -> the people it may stand for, in order

    def single_keys(i: int) -> None:
        p = people[i]
        keys = {p.surname()}
        if (
            p.tokens[0] in given
            or is_family_first(p.tokens)
            or writes_family_first(" ".join(p.tokens))
        ):
            keys.add(fold(p.tokens[0]))
        if len(p.tokens) > 2:
            keys.update(fold(t) for t in p.tokens[1:])
        # "Mohammed bin Salman": Salman is his father (King Salman), no name of his own
        keys -= {fold(t) for b, t in itertools.pairwise(p.tokens) if _patronymic(b)}
        keys.update(fold(m.seg.nickname) for m in p.mentions if m.seg.nickname)
        for key in keys:
            by_key.setdefault(key, []).append(i)

    for i in range(len(people)):
        single_keys(i)
    holders_named: set[int] = set()  # people a titled surname made ("President Reagan")
    for m in single:
        key = fold(m.seg.tokens[0])
        holders = [i for i in by_key.get(key, ()) if _same_generation(people[i], m)]
        curated = titled(m.seg.tokens[0], office_of(m.title.role) or "") if m.title.role else None
        if curated:  # "President Reagan" is not "Nancy Reagan"
            holders = [
                i
                for i in holders
                if len(people[i].tokens) < 2
                or (
                    same_given_name(" ".join(people[i].tokens), curated)
                    and not _other_father(people[i].tokens, curated)
                )
            ]
        elif holders_named & set(holders):  # a later bare "Reagan": the president again
            holders = sorted(holders_named & set(holders))
        match = people[min(holders)] if holders else None
        if match is None and m.titled:  # "Minister Retno", "Prime Minister Kishida": the
            # given (or family) name one full name of the article starts with
            firsts = [p for p in people if len(p.tokens) >= 2 and fold(p.tokens[0]) == key]
            if curated:  # "President Sheikh Mohamed" is not "Mohammed bin Rashid"
                words = {fold(t) for t in curated.split()}
                office = office_of(m.title.role or "")
                firsts = [p for p in firsts if {fold(t) for t in p.tokens} == words] or [
                    p for p in firsts if office and _holds(p, office)
                ]  # but "President Hassan Sheikh" is the article's "President Hassan Sheikh
                # Mohamud", not another state's President Samia Suluhu Hassan
            match = firsts[0] if len(firsts) == 1 else None
        if match:
            match.add(m)
        elif (
            m.evidence
            and (m.titled or m.seg.tokens[0] not in given)
            and (m.personal or m.touching or is_namelike(m.seg.tokens))
        ) or holder(m.seg.tokens[0]):
            people.append(_Person(curated=curated or "").add(m))
            single_keys(len(people) - 1)
            if curated:
                holders_named.add(len(people) - 1)
    return people


def _holds(person: _Person, office: str) -> bool:
    """Whether a mention of the person states the office ("President X")."""
    return any(m.title.role and office_of(m.title.role) == office for m in person.mentions)


def _fact(doc: Doc, person: _Person) -> PersonFact:
    ordered = sorted(person.mentions, key=lambda m: m.seg.start)

    def score(m: Mention) -> int:
        return 2 * bool(m.title.country) + bool(m.title.role) + bool(m.title.posted_to)

    best = max(ordered, key=score)  # max keeps the first of equals
    relative = best.title.role == "counterpart"  # an office another mention may state
    title = Title(None if relative else best.title.role, best.title.country, best.title.posted_to)
    for m in ordered:
        role = None if m.title.role == "counterpart" else m.title.role
        title = _merge(title, Title(role, m.title.country, None))
    if title.role is None and relative:
        title = replace(title, role="counterpart")
    title.role = _fuller_role(title.role, [m.title.role for m in ordered])
    name = max(  # the fullest form: most words, then a given name over its initial
        (m.name for m in ordered),
        key=lambda t: (len(t.split()), not _initial(t.split()[0])),
    )
    year = doc.article.published_date.year if doc.article.published_date else None
    if (  # "President Sheikh Mohamed" alone: the holder of that very office then
        person.curated
        and len(person.tokens) == 1
        and office_of(title.role) == holder_office(person.curated, year)
        and full_name_needed(person.tokens[0], person.curated)
    ):
        name = person.curated
    aliases = dict.fromkeys(m.name for m in ordered if m.name != name)
    aliases.update(dict.fromkeys(m.seg.nickname for m in ordered if m.seg.nickname))
    aliases.update(dict.fromkeys(m.seg.written for m in ordered if m.seg.written))
    sent = doc.sentence_at(best.seg.start)
    start, end = (
        (sent.start, sent.end)
        if sent.start <= best.seg.start < sent.end
        else (
            best.seg.start,
            best.seg.end,
        )
    )
    return PersonFact(
        name=name,
        start=start,
        end=end,
        role=title.role,
        country=title.country if title.country != "EUU" else None,  # the EU is no state
        country_stated=bool(title.country) and title.country != "EUU",
        posted_to=title.posted_to,
        aliases=tuple(aliases),
        serves_organization=any(m.title.org for m in ordered) or title.country == "EUU",
    )


def _fuller_role(role: str | None, stated: list[str | None]) -> str | None:
    """A one-word role that another mention states in full ("Minister van Klaveren" in a
    headline, "the Minister of Foreign Affairs, Alberto van Klaveren" in the text): the
    first fuller form, which names the office."""
    if not role or " " in role:
        return role
    for other in stated:
        if (
            other
            and " and " not in other
            and (other.startswith(role + " ") or other.endswith(" " + role))
        ):  # not "Prime Minister and President": maybe two persons' offices
            return other
    return role


def _share_list_country(doc: Doc, mentions: list[Mention]) -> None:
    """In a list of three or more titled persons ("A, B and C"), one state named for all
    the others is also the state of those named without one."""
    groups: list[list[Mention]] = []
    for m in mentions:
        prev = groups[-1][-1] if groups else None
        gap = (
            doc.text[prev.seg.end : m.title_start] if prev and prev.seg.end <= m.title_start else ""
        )
        if prev and re.fullmatch(r"\s*(?:,|and|, and)\s*", gap):
            groups[-1].append(m)
        else:
            groups.append([m])
    for group in groups:
        first = group[0]
        heading = doc.text[first.title_start : first.seg.start].strip().rstrip(",").split()
        if len(group) >= 2 and first.title.role and heading and _is_plural(heading[-1]):
            for m in group[1:]:  # "senators A, B and C": each is a senator
                if not m.title.role:
                    m.title.role = first.title.role
                    m.title.country = m.title.country or first.title.country
        states = {m.title.country for m in group if m.title.country}
        if len(group) >= 3 and len(states) == 1:
            for m in group:
                if not m.title.org and m.title_start < m.seg.start:  # not "NATO chief"
                    m.title.country = m.title.country or next(iter(states))


def _is_plural(word: str) -> bool:
    w = word.lower()
    return w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3


def _label_name(tokens: tuple[str, ...], names: frozenset[str]) -> bool:
    """Whether a run before a colon reads as a speaker's name: it opens with a known given
    name, or none of its words is an ordinary English word."""
    return tokens[0] in names or not any(
        is_common(t) and not is_proper_name(t) for t in tokens if t not in names
    )


def _country_votes(doc: Doc, person: _Person, taken: set[str]) -> list[tuple[str, int]]:
    """States named in the sentences that mention ``person`` (not as a destination, nor
    as another person's state), most often named first."""
    votes: dict[str, int] = {}
    sentences = {doc.sentence_at(m.seg.start) for m in person.mentions}
    for sent in sentences - {doc.sentence_at(0)}:  # not the headline
        for c in doc.countries_in(sent.start, sent.end):
            before = _left_of(doc.text, sent.start, c)
            if c.code in taken or c.code == "EUU" or re.search(_DESTINATION, before):
                continue
            if _OBJECT_OF_VERB.search(before):
                continue  # "he will ask Japan to ...": what the person acts on
            if _DELEGATION_OF.search(before) and any(
                sent.start <= m.seg.start < c.start for m in person.mentions
            ):
                continue  # "X held talks with a delegation of Laos": the other side
            votes[c.code] = votes.get(c.code, 0) + 1
    return sorted(votes.items(), key=lambda kv: -kv[1])


_MAX_ROLE_SCANS = 40  # bounds the work on a huge article: each scan reads the whole text


def _office_holder_state(doc: Doc, role: str, names: Collection[int] = ()) -> str | None:
    """The one state whose holder of ``role`` the article names without a name
    ("the President of the Republic of Kazakhstan"); not the title of a name that starts
    in ``names`` ("Russian Foreign Minister Lavrov", "the Minister of Foreign Affairs of
    the Russian Federation, Sergey Lavrov")."""
    states = set()
    for m in re.finditer(rf"\b{re.escape(role)}\b", doc.text, re.I):
        after = doc.countries_in(m.end(), m.end() + 40)
        gap = doc.text[m.end() : after[0].start] if after else ""
        of_state = after and re.fullmatch(r" of (?:the )?", gap)
        end = after[0].end if of_state else m.end()
        if any(n in names for n in range(end + 1, end + 4)) or _honorifics_then_name(
            doc.text, end, names
        ):
            continue  # a named person's title ("Foreign Minister Senator the Hon X")
        if of_state:
            states.add(after[0].code)
        before = doc.countries_in(max(0, m.start() - 30), m.start())
        if before and re.fullmatch(r"(?:['’]s)? ", doc.text[before[-1].end : m.start()]):
            states.add(before[-1].code)
    return states.pop() if len(states) == 1 else None


_WORD_AT = re.compile(r",?\s+([\w.]+)")


def _honorifics_then_name(text: str, end: int, names: Collection[int]) -> bool:
    """Whether a name starts after at most three courtesy words at ``end``: capitalized
    words or "the" ("Foreign Minister Senator the Hon Penny Wong")."""
    pos = end
    for _ in range(4):
        word = _WORD_AT.match(text, pos, pos + 30)
        if not word:
            return False
        if word.start(1) in names:
            return pos > end
        if not (word.group(1) == "the" or word.group(1)[0].isupper()):
            return False
        pos = word.end()
    return False


def _implied_countries(doc: Doc, facts: list[PersonFact], people: list[_Person]) -> None:
    """Give persons named without a state the state the article plainly implies: the
    state a well-known office holder served at the article's date (``holders.py``);
    for other officials, the only state whose holder of that office it names, else the
    state most named around them (the most clear-cut person first; each state not
    stated by a title goes to one person)."""
    year = doc.article.published_date.year if doc.article.published_date else None
    named = {c.code for c in doc.countries}
    taken = {f.country for f in facts if f.country}
    for i, f in enumerate(facts):
        if is_commentator(f.role):
            continue  # no state to imply
        if not f.country and not any(m.title.org for m in people[i].mentions):
            state = holder_state(f.name, office_of(f.role), year, named)
            facts[i] = replace(f, country=state) if state else f
        if not facts[i].role and (office := holder_office(f.name, year)):
            facts[i] = replace(facts[i], role=office)
    todo = [
        i
        for i, f in enumerate(facts)
        if not f.country
        and not any(m.title.org for m in people[i].mentions)
        and not serves_organization(f.name, year)
        and not is_commentator(f.role)
    ]
    names = {m.seg.start for p in people for m in p.mentions}
    by_role: dict[str, str | None] = {}  # one scan of the text per office, at most 40 offices
    # a state has one holder of an office: "the Foreign Minister of Iceland" is the one the
    # article names as such, not another foreign minister of it
    held = {(office_of(f.role), f.country) for f in facts if f.country}
    for i in list(todo):
        role = office_of(facts[i].role)  # the office, not its stated phrase
        if not role or (role not in by_role and len(by_role) >= _MAX_ROLE_SCANS):
            continue
        if role not in by_role:
            by_role[role] = _office_holder_state(doc, role, names)
        state = by_role[role]
        if state and (role, state) not in held:
            held.add((role, state))
            facts[i] = replace(facts[i], country=state)
            taken.add(state)
            todo.remove(i)
    while todo:
        best: tuple[int, int, str] | None = None
        for i in todo:
            ranked = _country_votes(doc, people[i], taken)
            margin = ranked[0][1] - (ranked[1][1] if len(ranked) > 1 else 0) if ranked else 0
            if margin > 0 and (best is None or margin > best[0]):
                best = (margin, i, ranked[0][0])
        if best is None:
            break
        _, i, state = best
        facts[i] = replace(facts[i], country=state)
        taken.add(state)
        todo.remove(i)


def imply_states(
    doc: Doc, facts: list[PersonFact], meetings: Sequence[MeetingFact] = ()
) -> list[PersonFact]:
    """Persons still without a state get the one most named in the sentence that states
    them best (not as a destination), else the article's dateline place, else the state it
    names most: a guess the text only implies, made after the meetings are read, and never
    for officials of an organization. An encounter has two sides: a guess that is the state
    of everyone a person met becomes the dateline's state when that is none of theirs
    ("NEW DELHI: Bangladesh's Foreign Minister A also met National Security Adviser B": B
    is India's; a Moscow dateline keeps a minister met by Putin Russian), and without a
    dateline the state of the place where they met ("Foreign Minister A received the
    Russian Foreign Minister in Oslo": A is Norway's)."""
    year = doc.article.published_date.year if doc.article.published_date else None
    home = doc.dateline_state()
    counts = _counts(doc)
    fallback = home or (max(counts, key=lambda k: counts[k]) if counts else None)
    known = {f.name: f.country for f in facts if f.country}
    # where most of the article's encounters took place: the trip's place, for an encounter
    # whose own place is not stated, when the article names that state as often as the other
    # side's ("in Abuja ... also paid a courtesy call on Vice President X at the Presidential
    # Villa"; not France for two Ukrainian officials in Paris)
    places = Counter(m.location_country for m in meetings if m.location_country)
    trip = places.most_common(1)[0][0] if places else None
    out = []
    for f in facts:
        if not (
            f.country
            or f.serves_organization
            or serves_organization(f.name, year)
            or is_commentator(f.role)
        ):
            own = [m for m in meetings if f.name in m.participants]
            sides = {known.get(k, k) for m in own for k in m.participants if k != f.name}
            sides = {s for s in sides if s and len(s) == 3 and s.isupper()}
            state = _nearest_state(doc, f) or fallback
            if state in sides:  # the host: of the dateline (else, when the dateline is the
                # other side's, the state named most besides theirs: "SAN FRANCISCO - Trade
                # Secretary X met US Trade Representative Y" in a Philippine story); without a
                # dateline, of the place where they met
                hosts = (
                    [home, _named_more(counts, sides)]
                    if home
                    else [m.location_country for m in own]
                    + [trip if trip == _named_more(counts, sides) else None]
                )
                state = next((h for h in hosts if h and h not in sides), state)
            # a place's state at the time: a Moscow dateline of 1987 is the Soviet Union's
            f = replace(f, country=lexicon.load().state_in(state, year)) if state else f
            if f.country:
                known[f.name] = f.country
        out.append(f)
    return out


def _nearest_state(doc: Doc, f: PersonFact) -> str | None:
    """The state named nearest before the person in the sentence that states them best
    ("a delegation of the US Congress, which included senators A and B"), else nearest
    after; never one named as a destination ("arrived in Kyiv")."""
    text = doc.text
    at = min(
        (i for i in (text.find(n, f.start, f.end) for n in (f.name, *f.aliases)) if i >= 0),
        default=f.start,
    )
    states = [
        c
        for c in doc.countries_in(f.start, f.end)
        if c.code != "EUU"
        and not re.search(_DESTINATION, _left_of(text, f.start, c))
        and not _OBJECT_OF_VERB.search(_left_of(text, f.start, c))
        and not c.start <= at < c.end
    ]
    before = [c for c in states if c.end <= at]
    after = [
        c for c in states if c.start > at and not _DELEGATION_OF.search(_left_of(text, f.start, c))
    ]
    return before[-1].code if before else after[0].code if after else None


def _named_more(counts: dict[str, int], sides: Collection[str]) -> str | None:
    """The state named most besides ``sides``, if the article names it twice at least and
    as often as any of them: the other side of an encounter where both travelled (a
    Philippine secretary meeting a US official under a San Francisco dateline); not a state
    named in passing (Putin meets his health minister about hospitals in Kazakhstan);
    ``counts``: how often the article names each state."""
    others = {k: n for k, n in counts.items() if k not in sides}
    if not others:
        return None
    best = max(others, key=lambda k: others[k])
    most = max((counts.get(s, 0) for s in sides), default=0)
    return best if others[best] >= max(2, most) else None


def _counts(doc: Doc) -> dict[str, int]:
    """How often the article names each state (the EU is none)."""
    counts: dict[str, int] = {}
    for c in doc.countries:
        if c.code != "EUU":
            counts[c.code] = counts.get(c.code, 0) + 1
    return counts


# a state right after a verb of acting on it ("ask Japan", "urged Britain", "told Moscow")
_OBJECT_OF_VERB = re.compile(
    r"\b(?:ask|asks|asked|asking|urge|urges|urged|urging|tell|tells|told|telling|press|"
    r"pressed|pressing|accuse|accused|accuses|warn|warned|warns|call on|called on|calls on|"
    r"criticise|criticised|criticize|criticized|sanction|sanctioned|persuade|persuaded|"
    r"convince|convinced|help|helped|supply|supplied|sell to|sold to|against) (?:the )?$"
)


def _left_of(text: str, floor: int, c: CountryMention) -> str:
    """The few words before a state's name (lower case, not before ``floor``): what says
    whether it is someone's state, a destination or the object of a verb."""
    return text[max(floor, c.start - 24) : c.start].lower()


# "X held talks with a delegation of the Lao National Assembly": the other side's state
# for X, but the state of the delegation's leader named after it ("led by B")
_DELEGATION_OF = re.compile(r"\bdelegations? (?:of|from) (?:the )?$")
_DESTINATION = re.compile(
    r"\b(?:to|in|into|from|with|toward|towards|against|at|on|visit|visiting|visited|"
    r"(?:departure|departed|departs|leaving|left|leaves|bound) for)"
    r" (?:the |both )?$"
)


def extract_persons(doc: Doc) -> list[PersonFact]:
    """One fact per named person in the article, in order of first mention."""
    mentions = _mentions(doc)
    _share_list_country(doc, [m for m in mentions if m.evidence or m.title.role])
    year = doc.article.published_date.year if doc.article.published_date else None
    named = {c.code for c in doc.countries}
    memo: dict[str, bool] = {}

    def holder(key: str) -> bool:
        if key not in memo:
            memo[key] = year is not None and bool(holder_state(key, None, year, named))
        return memo[key]

    people = _cluster(mentions, holder, lambda surname, role: titled_holder(surname, role, year))
    people.sort(key=lambda p: min(m.seg.start for m in p.mentions))
    facts = [_fact(doc, p) for p in people]
    _resolve_counterparts(doc, facts, people)
    facts = [_no_state_for_commentators(f) for f in facts]
    _implied_countries(doc, facts, people)
    return facts


def _no_state_for_commentators(f: PersonFact) -> PersonFact:
    """ "Turkish political analyst X", "X, a senior fellow at a Seoul institute": a
    commentator speaks for no state, whatever state the title or the text names."""
    if f.country and is_commentator(f.role):
        return replace(f, country=None, country_stated=False)
    return f


def _resolve_counterparts(doc: Doc, facts: list[PersonFact], people: list[_Person]) -> None:
    """ "Mr Blair held talks with his Israeli counterpart, Ariel Sharon": the counterpart
    holds the office of the person named before him in the sentence."""
    owner = {id(m): i for i, p in enumerate(people) for m in p.mentions}
    mentions = sorted((m for p in people for m in p.mentions), key=lambda m: m.seg.start)
    for i, person in enumerate(people):
        if facts[i].role != "counterpart":
            continue
        role = None
        for m in (m for m in person.mentions if m.title.role == "counterpart"):
            sent = doc.sentence_at(m.seg.start)
            before = [q for q in mentions if sent.start <= q.seg.start < m.seg.start]
            before = [q for q in before if owner[id(q)] != i]
            role = role or (facts[owner[id(before[-1])]].role if before else None)
        facts[i] = replace(facts[i], role=role if role != "counterpart" else None)
