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

import re
from dataclasses import dataclass, field, replace
from functools import cache

from diplodata import lexicon
from diplodata.extract.holders import holder_state
from diplodata.extract.names import HONORIFICS, Segment, fold, given_names, segments, words
from diplodata.models import MeetingFact, MembershipFact, PersonFact, TradeFact
from diplodata.text import Doc

__all__ = ["MeetingFact", "MembershipFact", "PersonFact", "TradeFact", "extract_persons"]

_LEFT_TOKEN = re.compile(r"[\w’'#.-]+|[^\w\s]")
_CONNECTORS = frozenset(words("of the to for on and in at"))
_WALK_CONNECTORS = frozenset(words("of the to for"))
# Lowercase nouns that may sit inside a title ("Head of the ... faction").
_TITLE_NOUNS = frozenset(
    words(
        """faction party delegation office ministry company corporation group bank fund committee
    commission council agency department service team club"""
    )
)
# Head nouns of roles not in offices.csv ("a security manager at Microsoft").
_ROLE_HEADS = frozenset(
    words(
        """manager director officer official analyst economist head chief adviser advisor
    spokesman spokeswoman spokesperson chairman chairwoman chair founder editor correspondent
    reporter professor lawyer coach captain counterpart secretary negotiator mp"""
    )
)
_HONORIFIC_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Gen|Rep|Lt|Col)\.?|\bH\.\s?E\.|\b(?:"
    + "|".join(sorted(HONORIFICS))
    + r"))\s+$"
)
_APPOSITIVE = re.compile(
    r",\s+(?:the |a |an )?([\w’'-]+(?: [\w’'-]+){0,13}?)(?=[,.;:—(]|$| said| told)"
)


@dataclass(slots=True)
class Title:
    """An office phrase next to a name, with the states it names."""

    role: str | None = None
    country: str | None = None
    posted_to: str | None = None
    org: bool = False  # the title names an international organization


@dataclass(slots=True)
class Mention:
    seg: Segment
    evidence: bool
    title: Title = field(default_factory=Title)
    title_start: int = -1  # where a title phrase before the name begins


@cache
def _office_words() -> frozenset[str]:
    """Lowercase words of office titles ("foreign", "minister", "envoy")."""
    words = {w for phrase in lexicon.load().offices for w in phrase.split()}
    return frozenset(w for w in words | _ROLE_HEADS if w.isalpha() and w not in _CONNECTORS)


@cache
def _head_words() -> frozenset[str]:
    """Words that end an office title ("minister", "ambassador", "economist")."""
    return frozenset({p.split()[-1] for p in lexicon.load().offices} | _ROLE_HEADS)


def _is_office_word(word: str, heads: bool = False) -> bool:
    w = word.lower()
    words = _head_words() if heads else _office_words()
    return w in words or (w.endswith("s") and w[:-1] in words)


def _left_title(
    doc: Doc, seg: Segment, sent_start: int, strong: list[tuple[int, int]]
) -> tuple[int, int, bool] | None:
    """Span of the title phrase just before ``seg`` ("Foreign Minister of Belarus,"), and
    whether an office word touches the name ("President Truman")."""
    left = doc.text[sent_start : seg.start]
    tokens = list(_LEFT_TOKEN.finditer(left))
    comma = bool(tokens) and tokens[-1].group() == ","
    if comma:
        tokens = tokens[:-1]
    kept: list[re.Match[str]] = []
    for tok in reversed(tokens):
        w, pos = tok.group(), sent_start + tok.start()
        if any(s <= pos < e for s, e in strong):
            break
        if re.search(r"['’]s$", w) and not doc.countries_in(pos, pos + len(w)):
            break  # a person's or organization's possessive ends any title
        if not (
            w[0].isupper()
            or w in _WALK_CONNECTORS
            or _is_office_word(w)
            or w in _TITLE_NOUNS
            or ("-" in w and w.islower())
        ):
            break
        kept.insert(0, tok)
    while kept and not (
        _is_office_word(kept[0].group()) or _starts_with_state(doc, sent_start + kept[0].start())
    ):
        kept.pop(0)
    words = [k.group() for k in kept]
    if not any(_is_office_word(w, heads=True) for w in words):
        return None
    while words and words[-1].rstrip(".") in HONORIFICS:
        words.pop()
    touching = bool(words) and not comma and _is_office_word(words[-1], heads=True)
    return sent_start + kept[0].start(), sent_start + kept[-1].end(), touching


def _starts_with_state(doc: Doc, pos: int) -> bool:
    states = doc.countries_in(pos, pos + 60)
    return bool(states) and states[0].start == pos


def _right_title(doc: Doc, seg: Segment, sent_end: int) -> tuple[int, int] | None:
    """Span of an appositive title after ``seg`` ("X, the ... Ambassador to Turkey")."""
    m = _APPOSITIVE.match(doc.text, seg.end, sent_end)
    if not m:
        return None
    words = m.group(1).split()
    if not any(w.lower() in _head_words() for w in words[:5]):
        return None
    if not (words[0][0].isupper() or _is_office_word(words[0])):
        return None
    return m.start(1), m.end(1)


def _parse_title(doc: Doc, start: int, end: int) -> Title:
    """Role, state and host state of the title phrase ``doc.text[start:end]``."""
    lex = lexicon.load()
    phrase = doc.text[start:end]
    country = posted = None
    cuts: list[tuple[int, int]] = []
    named = [(c.start, c.end, c.code) for c in doc.countries_in(start, end)]
    named += [(o.start, o.end, "") for o in doc.organizations_in(start, end)]
    for s, e, code in sorted(named):
        s, e = s - start, e - start
        pre = re.search(r"(?:^|\s)(of|to|at|from|in|with)\s+(?:the\s+)?#?$", phrase[:s])
        tail = re.match(r"(?:['’]s)?\s*(?:$|,|(?:to|of|and|in)\b)", phrase[e:])
        prep = pre.group(1) if pre else ""
        if code and prep == "to":
            posted = posted or code
        elif code and prep not in ("at", "from", "in", "with"):
            country = country or code
        if pre and tail:
            cuts.append((pre.start(), e))
        elif not phrase[:s].strip() or phrase[:s].strip().lower() in ("the", "his", "her"):
            cuts.append((0, e + (2 if re.match(r"['’]s", phrase[e:]) else 0)))
    for s, e in sorted(cuts, reverse=True):
        phrase = phrase[:s] + " " + phrase[e:]
    phrase = re.sub(r"\s+at\s+[A-Z].*$", "", phrase)
    words = phrase.replace(",", " ").split()
    while (
        words
        and not lex.office(" ".join(words))
        and (words[-1].rstrip(".") in HONORIFICS or words[-1].lower() in _CONNECTORS)
    ):
        words.pop()
    while words and words[0].lower() in ("the", "a", "an", "his", "her", "their", "its", "and"):
        words.pop(0)
    phrase = " ".join(words).lower()
    if phrase.endswith("s") and lex.office(phrase[:-1]):
        phrase = phrase[:-1]
    office = lex.office(phrase)
    role = office.office if office else phrase or None
    if role and "counterpart" in role.split():
        role = "counterpart"
    if posted and not ((office and office.envoy) or "envoy" in phrase or "ambassador" in phrase):
        posted = None
    return Title(role, country, posted, org=bool(doc.organizations_in(start, end)))


def _mentions(doc: Doc) -> list[Mention]:
    """Every name-like segment with its title and whether there is evidence it is a person."""
    blocked = [(c.start, c.end) for c in doc.countries]
    blocked += [(o.start, o.end) for o in doc.organizations]
    names = given_names()
    segs = segments(doc.text, blocked)
    strong = [(s.start, s.end) for s in segs if len(s.tokens) >= 2 or s.tokens[0] in names]
    found: list[Mention] = []
    for seg in segs:
        sent = doc.sentence_at(seg.start)
        sent_start = sent.start if sent.start <= seg.start else seg.start
        sent_end = max(sent.end, seg.end)
        left = _left_title(doc, seg, sent_start, [s for s in strong if s != (seg.start, seg.end)])
        multi = len(seg.tokens) >= 2
        right = _right_title(doc, seg, sent_end) if multi else None
        honorific = bool(_HONORIFIC_BEFORE.search(doc.text[max(0, seg.start - 12) : seg.start]))
        label = multi and doc.text.startswith(":", seg.end)
        evidence = honorific or (multi and bool(left or right or label or seg.tokens[0] in names))
        evidence = evidence or bool(left and left[2])
        title = Title()
        if left:
            title = _parse_title(doc, left[0], left[1])
            if title.role == "counterpart":
                title.role = _counterpart_role(found, sent_start)
        if right and not title.role:
            title = _merge(_parse_title(doc, right[0], right[1]), title)
        of = re.match(r" of (?:the )?", doc.text[seg.end : seg.end + 12])
        if of and not title.country:
            state = doc.countries_in(seg.end, seg.end + 40)
            if state and state[0].start == seg.end + of.end():
                title.country = state[0].code
        if not title.country:
            title.country = _demonym_before(doc, seg, sent_start)
        found.append(Mention(seg, evidence, title, left[0] if left else seg.start))
    return found


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


def _demonym_before(doc: Doc, seg: Segment, sent_start: int) -> str | None:
    """ "Russian Irina Shevchenko", "British hurdler Sarah Claxton": the demonym's state."""
    window = doc.text[max(sent_start, seg.start - 40) : seg.start]
    m = re.search(r"(\S+)\s+(?:[a-z-]+\s+)?$", window)
    if not m:
        return None
    states = doc.countries_in(seg.start - len(window) + m.start(1), seg.start)
    if (
        states
        and states[0].form == "demonym"
        and states[0].start == seg.start - len(window) + m.start(1)
    ):
        return states[0].code
    return None


@dataclass(slots=True)
class _Person:
    mentions: list[Mention]

    @property
    def tokens(self) -> tuple[str, ...]:
        return max((m.seg.tokens for m in self.mentions), key=len)

    def keys(self) -> set[str]:
        return {fold(t) for m in self.mentions for t in m.seg.tokens}

    def surname(self) -> str:
        return fold(self.tokens[-1])


def _compatible(person: _Person, tokens: tuple[str, ...]) -> bool:
    """Whether a multi-word name is a variant of ``person``'s: same (folded) surname and
    first names alike, or all its words among the person's words."""
    keys = {fold(t) for t in tokens}
    if keys <= person.keys():
        return True
    if fold(tokens[-1]) != person.surname():
        return False
    mine, theirs = fold(person.tokens[0]), fold(tokens[0])
    return mine[:2] == theirs[:2] or len(person.tokens) == 1


def _cluster(mentions: list[Mention]) -> list[_Person]:
    """Group mentions into persons: full names first, then single words as their aliases."""
    people: list[_Person] = []
    given = given_names()
    multi = [m for m in mentions if len(m.seg.tokens) >= 2]
    single = [m for m in mentions if len(m.seg.tokens) == 1]
    for m in multi:
        match = next((p for p in people if _compatible(p, m.seg.tokens)), None)
        if match:
            match.mentions.append(m)
        elif m.evidence:
            people.append(_Person([m]))
    for m in single:
        key = fold(m.seg.tokens[0])
        match = next(
            (
                p
                for p in people
                if key == p.surname()
                or (key == fold(p.tokens[0]) and p.tokens[0] in given)
                or (len(p.tokens) > 2 and key in {fold(t) for t in p.tokens[1:]})
            ),
            None,
        )
        if match:
            match.mentions.append(m)
        elif m.evidence and m.seg.tokens[0] not in given:
            people.append(_Person([m]))
    return people


def _fact(doc: Doc, person: _Person) -> PersonFact:
    ordered = sorted(person.mentions, key=lambda m: m.seg.start)

    def score(m: Mention) -> int:
        return 2 * bool(m.title.country) + bool(m.title.role) + bool(m.title.posted_to)

    best = max(ordered, key=score)  # max keeps the first of equals
    title = Title(best.title.role, best.title.country, best.title.posted_to)
    for m in ordered:
        title = _merge(title, Title(m.title.role, m.title.country, None))
    name = max((m.seg.text for m in ordered), key=lambda t: len(t.split()))
    aliases = dict.fromkeys(m.seg.text for m in ordered if m.seg.text != name)
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
        country=title.country,
        posted_to=title.posted_to,
        aliases=tuple(aliases),
    )


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
        states = {m.title.country for m in group if m.title.country}
        if len(group) >= 3 and len(states) == 1:
            for m in group:
                m.title.country = m.title.country or next(iter(states))


def _country_votes(doc: Doc, person: _Person, taken: set[str]) -> list[tuple[str, int]]:
    """States named in the sentences that mention ``person`` (not as a destination, nor
    as another person's state), most often named first."""
    votes: dict[str, int] = {}
    sentences = {doc.sentence_at(m.seg.start) for m in person.mentions}
    for sent in sentences - {doc.sentence_at(0)}:  # not the headline
        for c in doc.countries_in(sent.start, sent.end):
            before = doc.text[max(sent.start, c.start - 14) : c.start].lower()
            if c.code in taken or c.code == "EUU" or re.search(_DESTINATION, before):
                continue
            votes[c.code] = votes.get(c.code, 0) + 1
    return sorted(votes.items(), key=lambda kv: -kv[1])


def _office_holder_state(doc: Doc, role: str) -> str | None:
    """The one state whose holder of ``role`` the article names without a name
    ("the President of the Republic of Kazakhstan")."""
    states = set()
    for m in re.finditer(rf"\b{re.escape(role)}\b", doc.text, re.I):
        after = doc.countries_in(m.end(), m.end() + 40)
        gap = doc.text[m.end() : after[0].start] if after else ""
        if after and re.fullmatch(r" of (?:the )?", gap):
            states.add(after[0].code)
        before = doc.countries_in(max(0, m.start() - 30), m.start())
        if before and re.fullmatch(r"(?:['’]s)? ", doc.text[before[-1].end : m.start()]):
            states.add(before[-1].code)
    return states.pop() if len(states) == 1 else None


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
        if not f.country and not any(m.title.org for m in people[i].mentions):
            state = holder_state(f.name, f.role, year, named)
            facts[i] = replace(f, country=state) if state else f
    todo = [
        i
        for i, f in enumerate(facts)
        if f.role and not f.country and not any(m.title.org for m in people[i].mentions)
    ]
    for i in list(todo):
        state = _office_holder_state(doc, facts[i].role or "")
        if state:
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
            return
        _, i, state = best
        facts[i] = replace(facts[i], country=state)
        taken.add(state)
        todo.remove(i)


_DESTINATION = re.compile(
    r"\b(?:to|in|into|from|with|toward|towards|against|at|on|visit|visiting|visited)"
    r" (?:the |both )?$"
)


def extract_persons(doc: Doc) -> list[PersonFact]:
    """One fact per named person in the article, in order of first mention."""
    mentions = _mentions(doc)
    _share_list_country(doc, [m for m in mentions if m.evidence or m.title.role])
    people = _cluster(mentions)
    people.sort(key=lambda p: min(m.seg.start for m in p.mentions))
    facts = [_fact(doc, p) for p in people]
    _implied_countries(doc, facts, people)
    return facts
