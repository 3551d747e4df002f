"""Memberships: statements that a state is a member of an international organization.

Each sentence holding a trigger word ("member", "ally", "joined", "accession", ...) is
rewritten with placeholders, ``⟨C3⟩`` for the fourth state named in it and ``⟨O0⟩`` for
its first organization, so that every rule below is one readable regex over states,
organizations and a few words. One small function per pattern family:

* :func:`_copular` -- "Russia and Belarus are members of the CIS and the EAEU",
  "Armenia, which is a member of the CSTO", "Finland became NATO's 31st member", "a member of
  the WTO and a founding member of the EAC", "A, a member of both NATO and the EU,", "X, of
  which A is a founding member", "A deposited ... and became the eighth member of X", "thanked
  A for being a strong NATO Ally", "A, which became the 31st Ally in 2023" (the organization of
  the sentences before);
* :func:`_make_up` -- "the two nations make up the Union State", founders;
* :func:`_joined` -- "Sweden joined NATO in 2024";
* :func:`_listed_with` -- "X, which A founded together with B", "the bloc founded by A and B",
  "X brings together 23 member states ..., among them A, B and C", "A sits alongside B in X";
* :func:`_apposition` -- "NATO Ally Türkiye", "EAEU member states such as A, B and C",
  "Hungary and Yugoslavia, the two GATT members", "members Greece and Turkey", "A, an EU and
  NATO member", "X, whose members — A, B and C — are", "A and its GCC partners B and C",
  "A, the last country to join X", "Iraq, OPEC's second-largest producer", "A, B and C - the
  three members of X";
* :func:`_welcome_as` -- "welcome Sweden as NATO's 32nd Ally", "values Ankara as an ally
  in the NATO alliance";
* :func:`_accession` -- completed accessions ("digest the accession of Spain last year",
  "members ratified Finland's membership");
* :func:`_ranked` -- "the EU's two biggest economies" (two states named just before), "they
  persuaded fellow EU members";
* :func:`_chair` -- "Armenia, which holds the chairmanship of the CSTO";
* :func:`_inside` -- "A is our partner within the EU", "the people of A ... we stand with our
  NATO Ally";
* :func:`_heads_list` -- "talks with heads of the CSTO member states" followed by the heads
  ("President of A X, President of B Y"): the states of the listed heads;
* :func:`_complete_list` -- "the six states - A, B, C, D, E and F -" in an article naming the
  GCC: a list of four or more states that is exactly an organization's membership (curated,
  by year) is a statement of it, whatever words surround it.

Organizations meant but not named (a bare "Customs Union", "the alliance" after NATO) come
from :mod:`diplodata.extract.membership_orgs`. "The Customs Union of A, B and C" and "the GUAM
(A, B and C)" list members; a possessive membership counts when it already has effects
("thanks to A's membership of X", "A's membership took effect").

Applications, aspirations, negations, observers and partners are rejected by cue words
near the match (:func:`_hedged`); "partners in X" are members. Subjects "both states", "the
two nations", "they" are resolved to the states of the preceding sentences ("both" to a
pair, else to the two states a bilateral article is about), "all three countries" to three
of them; "it" to the one state named before it in the sentence, "the
country" also to the one state of the sentence before. A subject may carry states set off
after it ("A and B, along with C, are"); "whose country" is the state of the person just
named ("Romanian minister X, whose country, an EU member, ...").
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from diplodata.extract import lexicon
from diplodata.extract import membership_patterns as P
from diplodata.extract.membership_orgs import listed_heads, sentence_organizations
from diplodata.extract.text import Doc
from diplodata.extract.when import article_anchor
from diplodata.models import CountryMention, MembershipFact, OrganizationMention, Span


@dataclass(slots=True)
class _Sentence:
    """A sentence with states and organizations replaced by numbered placeholders."""

    span: Span
    text: str  # placeholder text
    countries: list[str]  # code of ⟨C i⟩
    orgs: list[str]  # code of ⟨O i⟩


@dataclass(frozen=True, slots=True)
class _Hit:
    members: tuple[str, ...]  # country codes; empty when the subject is an anaphor
    orgs: tuple[str, ...]  # org codes; empty when the organization is implied
    anaphor: str = ""  # "both states", "they", ... when the subject is one
    at: int = 0  # where the match starts in the placeholder text
    end: int = 0  # end of the evidence when it goes past the sentence
    ahead: bool = False  # the organization may be named in the next sentence


_Rule = Callable[[_Sentence], Iterator[_Hit]]


_STATE_FORMS = frozenset({"name", "official", "short", "capital", "historical"})


def _states(doc: Doc, start: int, end: int) -> list[CountryMention]:
    """Mentions that can stand for a member state: names, capitals, possessives ("Türkiye's");
    not seats ("Kremlin"), other cities, adjectives ("Russian"), currencies ("US$") or the EU
    as a trading party."""
    return [
        c
        for c in doc.countries_in(start, end)
        if c.code != "EUU"
        and doc.text[c.end : c.end + 1] != "$"  # "US$ 52 billion": a currency
        and (c.form in _STATE_FORMS or (c.form == "demonym" and c.surface.endswith(("'s", "’s"))))
    ]


# "Romanian Foreign Minister X, whose country, an EU member since 2007, ...": the state of the
# person just named
_WHOSE_COUNTRY = re.compile(r"\bwhose\s+(?:country|nation)\b")


def _whose_country(doc: Doc, span: Span) -> list[CountryMention]:
    """ "whose country" as a mention of the state named nearest before it (its name or
    demonym, within the clause's reach), as if it were named there."""
    found: list[CountryMention] = []
    for match in _WHOSE_COUNTRY.finditer(doc.text, span.start, span.end):
        before = [
            c
            for c in doc.countries_in(max(span.start, match.start() - 100), match.start())
            if c.code != "EUU" and c.form in ("name", "official", "short", "demonym")
        ]
        if before:
            last = before[-1]
            found.append(
                CountryMention(match.start(), match.end(), last.code, match.group(), "name")
            )
    return found


# an organization's acronym in brackets after its name: part of the one mention
_ACRONYM_AFTER = re.compile(r"\s*\(\s*[A-Z][\w.+-]{0,11}\s*\)")


def _placeholders(doc: Doc, span: Span, orgs: list[OrganizationMention]) -> _Sentence:
    """Rewrite ``span`` with ⟨C i⟩ / ⟨O i⟩ placeholders (states inside an org name are dropped)."""
    mentions: list[CountryMention | OrganizationMention] = [
        c
        for c in _states(doc, span.start, span.end) + _whose_country(doc, span)
        if not any(o.start <= c.start < o.end for o in orgs)
    ]
    ordered = sorted([*mentions, *orgs], key=lambda m: m.start)
    parts: list[str] = []
    countries: list[str] = []
    org_codes: list[str] = []
    pos = span.start
    for m in ordered:
        if m.start < pos:
            continue
        parts.append(doc.text[pos : m.start])
        if isinstance(m, CountryMention):
            parts.append(f"⟨C{len(countries)}⟩")
            countries.append(m.code)
            short = _ACRONYM_AFTER.match(doc.text, m.end, span.end)
            same = short and any(
                c.code == m.code for c in doc.countries_in(m.end, short.end())
            )  # "the United Arab Emirates (UAE)": one mention
            pos = short.end() if short and same else m.end
        else:
            parts.append(f"⟨O{len(org_codes)}⟩")
            org_codes.append(m.code)
            acronym = _ACRONYM_AFTER.match(doc.text, m.end, span.end)
            pos = acronym.end() if acronym else m.end  # "the Group of Seven (G-7) nations"
    parts.append(doc.text[pos : span.end])
    return _Sentence(span, "".join(parts), countries, org_codes)


def _codes(sentence: _Sentence, fragment: str | None, kind: str) -> tuple[str, ...]:
    """Codes of the placeholders of ``kind`` ("C" or "O") in ``fragment``, in order."""
    if not fragment:
        return ()
    table = sentence.countries if kind == "C" else sentence.orgs
    return tuple(table[int(n)] for k, n in P.TOKEN.findall(fragment) if k == kind)


def _hedged(sentence: _Sentence, match: re.Match[str], words_before: int = 5) -> bool:
    """True when the match, or the few words before it, say it is not (yet) a membership."""
    clause = re.split(r"[,;:(—–]", sentence.text[: match.start()])[-1]
    before = clause.split()[-words_before:] if words_before else []
    after = sentence.text[match.end() : match.end() + 16]
    window = " ".join([*before, match.group(), "respectively" if "respectively" in after else ""])
    return bool(P.HEDGE.search(window) or P.HEDGE_CASED.search(window))


def _subject_hit(sentence: _Sentence, match: re.Match[str], orgs: tuple[str, ...]) -> _Hit:
    """A hit whose subject is the ``subj`` group: states, or an anaphor ("both states")."""
    subject = match.group("subj")
    members = _codes(sentence, subject, "C")
    return _Hit(members, orgs, "" if members else subject.lower(), match.start())


def _orgs(match: re.Match[str], sentence: _Sentence, *groups: str) -> tuple[str, ...]:
    for group in groups:
        found = _codes(sentence, match.group(group), "O")
        if found:
            return found
    return ()


def _all_orgs(match: re.Match[str], sentence: _Sentence) -> tuple[str, ...]:
    """Every organization of the match's ``orgs`` groups ("founder of X and member of Y")."""
    found = [_codes(sentence, g, "O") for n, g in match.groupdict().items() if n.startswith("orgs")]
    return tuple(dict.fromkeys(code for codes in found for code in codes))


def _copular(sentence: _Sentence) -> Iterator[_Hit]:
    """ "A and B are (full) members of X and Y", "A is a NATO ally", "A became X's 31st member",
    "A is part of X", "A, a member of X,"."""
    for match in P.COPULAR.finditer(sentence.text):
        before = sentence.text[: match.start()]
        if _hedged(sentence, match) or (
            P.PREPOSITION_BEFORE.search(before)
            and not P.PART_OF_STATE_BEFORE.match(before)
            and not P.RELATIVE_SUBJECT.match(sentence.text, match.end("subj"))
        ):
            continue
        yield _subject_hit(sentence, match, _all_orgs(match, sentence))
    patterns = (
        P.APPOSITIVE_OF,
        P.OF_WHICH,
        P.COORDINATED_BECAME,
        P.AS_MEMBER_VERB,
        P.FOR_BEING,
        P.ORDINAL_ALONE,
    )
    for pattern in patterns:
        for match in pattern.finditer(sentence.text):
            if not _hedged(sentence, match, 1):
                yield _subject_hit(sentence, match, _all_orgs(match, sentence))


def _make_up(sentence: _Sentence) -> Iterator[_Hit]:
    """ "The two nations make up the Union State", "A and B founded X", "the United States
    and 11 other nations came together to establish X", "the leaders of A, B and C
    announced X"."""
    for pattern in (P.MAKE_UP, P.FOUNDERS, P.LEADERS_FOUNDED):
        for match in pattern.finditer(sentence.text):
            if _hedged(sentence, match) or (
                pattern is not P.LEADERS_FOUNDED
                and P.PREPOSITION_BEFORE.search(sentence.text[: match.start()])
            ):
                continue
            yield _subject_hit(sentence, match, _orgs(match, sentence, "orgs"))


def _joined(sentence: _Sentence) -> Iterator[_Hit]:
    """ "A joined X (in 2004)", "A acceded to X", "A was admitted to X", "since joining X, A
    has ..."; not "joined X in condemning ...", which is joining an action."""
    for match in P.JOINED.finditer(sentence.text):
        after = sentence.text[match.end("orgs") :]
        if not P.JOIN_END.match(after) or P.JOIN_ACTION_AFTER.match(after):
            continue
        if _hedged(sentence, match):
            continue
        if P.PREPOSITION_BEFORE.search(
            sentence.text[: match.start()]
        ) and not P.RELATIVE_SUBJECT.match(sentence.text, match.end("subj")):
            continue  # "trade with A joined ..."; not "the return of A, which rejoined X"
        yield _subject_hit(sentence, match, _orgs(match, sentence, "orgs"))
    for match in P.SINCE_JOINING.finditer(sentence.text):
        if not _hedged(sentence, match, 0):
            yield _Hit(_codes(sentence, match.group("subj"), "C"), _orgs(match, sentence, "orgs"))
    if len(set(sentence.orgs)) == 1 and (
        P.COPULAR.search(sentence.text) or P.JOINED.search(sentence.text)
    ):
        for match in P.BARE_JOINED.finditer(sentence.text):  # "after Finland joined"
            if not _hedged(sentence, match, 2):
                yield _Hit(_codes(sentence, match.group("subj"), "C"), tuple(sentence.orgs[:1]))


def _apposition(sentence: _Sentence) -> Iterator[_Hit]:
    """ "NATO Ally Türkiye", "EAEU member states such as A, B and C", "members of X such as
    A and B", "A and B, the two current X members", "X, which includes A and B", "X (A, B and
    C)", "the A-B-C X", "members A and B" with X named earlier in the sentence, and "our
    newest Ally A" with X the sentence's only organization; "the X partners A and B" when
    the curated membership of X has them all (partners of X are often not members)."""
    text = sentence.text
    patterns = (
        P.ORG_MEMBERS_LIST,
        P.MEMBERS_OF_LIST,
        P.INCLUDES,
        P.LIST_ORG_MEMBERS,
        P.AS_MEMBERS_LEAD,
        P.ORG_PAREN_LIST,
        P.ORG_DASH_LIST,
        P.ORG_STATES_COMMA_LIST,
        P.AND_OTHER_MEMBERS,
        P.HYPHEN_CHAIN,
        P.SUBJECT_AS_MEMBERS,
        P.ALONGSIDE,
        P.RANKED_MEMBER,
        P.BETWEEN_AS_MEMBERS,
        P.JOINED_ALONGSIDE,
        P.LIST_THE_MEMBERS,
        P.ORG_RANK_APPOS,
    )
    for pattern in patterns:
        for match in pattern.finditer(text):
            words = 5 if pattern is P.ALONGSIDE else 1  # "A hopes to become a member of X"
            if _hedged(sentence, match, words) or P.AFTER_LIST_HEDGE.match(text[match.end() :]):
                continue
            if pattern is P.JOINED_ALONGSIDE and P.JOIN_ACTION_AFTER.match(text[match.end() :]):
                continue  # "joined X alongside A in condemning": an action
            members = _codes(sentence, match.group("subj"), "C")
            relative = re.match(r"⟨O\d+⟩(?:\s+[a-z]+)?\s*,", match.group())  # "X, which includes A"
            included_in = re.match(r"\s+(?:in|into|on|among)\b", text[match.end() :])
            if pattern is P.INCLUDES and len(set(members)) < 2 and (included_in or not relative):
                continue  # "the EU includes Turkey in its plans"
            yield _subject_hit(sentence, match, _all_orgs(match, sentence))
    for match in P.ORG_OF_LIST.finditer(text):
        if not _hedged(sentence, match, 2):
            yield _Hit(_codes(sentence, match.group("subj"), "C"), _orgs(match, sentence, "orgs"))
    for match in P.BARE_MEMBERS.finditer(text):
        earlier = _codes(sentence, text[: match.start()], "O")
        lead = not sentence.orgs and P.MEMBERS_LEAD.match(text[: match.end()])
        if (earlier or lead) and not _hedged(sentence, match, 1):
            # no organization in a sentence led by "The members": the one of the sentences before
            yield _Hit(_codes(sentence, match.group("subj"), "C"), earlier[-1:])
    for match in P.BELONG.finditer(text):
        if not _hedged(sentence, match, 2):
            subj = (match.group("subj") or match.group("subj2")) + (match.group("subj3") or "")
            yield _Hit(_codes(sentence, subj, "C"), _orgs(match, sentence, "orgs", "orgs2"))
    for pattern in (P.AND_ITS_PARTNERS, P.POSSESSIVE_PARTNERS, P.ORG_PARTNERS_OF, P.AND_ALLIES_IN):
        for match in pattern.finditer(text):
            before = sentence.text[max(0, match.start() - 40) : match.start()]
            its = re.search(r"\b(?:its|their)\s", match.group())
            if pattern is P.AND_ALLIES_IN and its and P.PREPOSITION_BEFORE.search(before):
                continue  # "ties with A and its partners in X": "its" is another state's
            if not (P.HEDGE.search(before.split(",")[-1]) or P.HEDGE_CASED.search(before)):
                subjects = [g for n, g in match.groupdict().items() if n.startswith("subj")]
                members = tuple(c for subj in subjects for c in _codes(sentence, subj, "C"))
                yield _Hit(members, _orgs(match, sentence, "orgs"))
    lex = lexicon.load()
    for match in P.ORG_PARTNERS_LIST.finditer(text):
        members = _codes(sentence, match.group("subj"), "C")
        orgs = _orgs(match, sentence, "orgs")
        if any(set(members) <= known for known in lex.member_sets(orgs[0], None)):
            yield _Hit(members, orgs)
    for match in P.OUR_ALLY.finditer(text):
        if len(set(sentence.orgs)) == 1 and not _hedged(sentence, match, 2):
            yield _Hit(_codes(sentence, match.group("subj"), "C"), tuple(sentence.orgs[:1]))


def _listed_with(sentence: _Sentence) -> Iterator[_Hit]:
    """States listed with the subject or as the body's founders: "X, which A founded together
    with B and C", "the bloc founded by A, B and C", "X brings together 23 member states ...,
    among them A, B and C", "A and B sit alongside C and D in X", "X ..., which both countries
    belong to"."""
    text = sentence.text
    for pattern in (P.WHICH_ENTERED, P.FOUNDED_BY, P.ORG_COUNT_AMONG, P.SIT_ALONGSIDE):
        for match in pattern.finditer(text):
            if _hedged(sentence, match, 2) or P.AFTER_LIST_HEDGE.match(text[match.end() :]):
                continue
            subjects = (match.group("subj"), match.groupdict().get("subj2"))
            members = tuple(c for subj in subjects for c in _codes(sentence, subj, "C"))
            yield _Hit(members, _orgs(match, sentence, "orgs"))
    for match in P.WHICH_BELONG_TO.finditer(text):
        if not _hedged(sentence, match, 0):
            yield _subject_hit(sentence, match, _orgs(match, sentence, "orgs"))


def _welcome_as(sentence: _Sentence) -> Iterator[_Hit]:
    """ "welcome Sweden as NATO's 32nd Ally", "welcome A to X", "values A as an ally in X";
    not "look forward to welcoming A as a member as soon as possible"."""
    for match in P.WELCOME.finditer(sentence.text):
        rest = sentence.text[match.end() :]
        if _hedged(sentence, match, 6) or re.match(r"\s+(?:as\s+soon|once|if|when)\b", rest):
            continue
        orgs = _orgs(match, sentence, "orgs", "orgs2")
        yield _Hit(_codes(sentence, match.group("subj"), "C"), orgs)
    for match in P.AS_ALLY.finditer(sentence.text):
        if not _hedged(sentence, match, 4):
            yield _Hit(_codes(sentence, match.group("subj"), "C"), _orgs(match, sentence, "orgs"))


def _accession(sentence: _Sentence) -> Iterator[_Hit]:
    """Completed accessions only: "digest the accession of A and B last year", "A's accession
    to X was completed", "members ratified A's membership", "marking A's accession as the 31st
    member of X" (not "A's accession as a member of X would ..."), "marking A's return to X"."""
    text = sentence.text
    for match in P.ACCESSION_OF.finditer(text):
        before, after = text[: match.start()], text[match.end() :]
        done = P.ACCESSION_DONE_AFTER.match(after) or P.ACCESSION_DONE_BEFORE.search(before)
        if done and not _hedged(sentence, match, 4):
            yield _Hit(_codes(sentence, match.group("subj"), "C"), _orgs(match, sentence, "orgs"))
    for pattern in (P.ACCESSION_AS, P.MARKED_ENTRY):
        for match in pattern.finditer(text):
            if not _hedged(sentence, match, 4) and not P.ACCESSION_HEDGE_AFTER.match(
                text[match.end() :]
            ):
                members = _codes(sentence, match.group("subj"), "C")
                yield _Hit(members, _orgs(match, sentence, "orgs"))
    for match in P.POSSESSIVE_ACCESSION.finditer(text):
        before, after = text[: match.start()], text[match.end() :]
        done = P.RATIFIED_BEFORE.search(before) or re.match(
            r"\s+(?:was|has\s+been|is\s+now)\s+(?:officially\s+|formally\s+)?"
            r"(?:completed|finali[sz]ed|formali[sz]ed)|\s+(?:officially\s+|formally\s+)?(?:took|"
            r"has\s+taken|came\s+into|has\s+come\s+into)\s+(?:effect|force)",
            after,
        )
        in_effect = P.FACT_BEFORE.search(before) and not P.MEMBERSHIP_HEDGE_AFTER.match(after)
        dated = P.DATED_PAST_AFTER.match(after)
        if dated and P.HEDGE.search(after[dated.end() : dated.end() + 60].split(".")[0]):
            dated = None
        if (done or in_effect or dated) and not _hedged(sentence, match, 4 if done else 2):
            yield _Hit(
                _codes(sentence, match.group("subj") or match.group("subj2"), "C"),
                _orgs(match, sentence, "orgs", "orgs2", "orgs3"),
                ahead=bool(dated),
            )


def _ranked(sentence: _Sentence) -> Iterator[_Hit]:
    """ "The EU's two biggest economies", "both NATO allies", "the two fellow ASEAN members" (the
    two states named just before are members) and "they persuaded fellow EU members" (the
    subject is a member too)."""
    for match in P.ORG_TOP_TWO.finditer(sentence.text):
        if not _hedged(sentence, match, 3):
            yield _Hit((), _orgs(match, sentence, "orgs", "orgs2"), "the two", match.start())
    for match in P.BOTH_ORG_MEMBERS.finditer(sentence.text):  # "both NATO allies"
        if not _hedged(sentence, match, 3):
            yield _subject_hit(sentence, match, _orgs(match, sentence, "orgs"))
    for match in P.FELLOW_MEMBERS.finditer(sentence.text):
        if _hedged(sentence, match) or P.PREPOSITION_BEFORE.search(sentence.text[: match.start()]):
            continue
        yield _subject_hit(sentence, match, _orgs(match, sentence, "orgs"))


def _chair(sentence: _Sentence) -> Iterator[_Hit]:
    """ "Armenia, which holds the current chairmanship of the CSTO", "A's presidency of X"."""
    for match in P.CHAIR.finditer(sentence.text):
        if not _hedged(sentence, match, 3):
            yield _Hit(_codes(sentence, match.group("subj"), "C"), _orgs(match, sentence, "orgs"))


def _inside(sentence: _Sentence) -> Iterator[_Hit]:
    """ "A is our important partner within the EU" (being within X is being in it); "... the
    people of A ... we stand with our NATO Ally": the one state of the sentence, named after a
    preposition (not the one standing: "A stands with its NATO ally")."""
    text = sentence.text
    for match in P.WITHIN.finditer(text):
        window = re.sub(r"\bpartners?\b", "", " ".join(text[: match.end()].split()[-12:]))
        if not P.HEDGE.search(window) and not P.PREPOSITION_BEFORE.search(text[: match.start()]):
            yield _subject_hit(sentence, match, _orgs(match, sentence, "orgs"))
    for match in P.STAND_WITH_ALLY.finditer(text):
        states = set(sentence.countries)
        if len(states) != 1 or not P.OBJECT_STATE.search(text[: match.start()]):
            continue
        if not _hedged(sentence, match, 3):
            yield _Hit(tuple(states), _orgs(match, sentence, "orgs"))


def _members_summit(sentence: _Sentence) -> Iterator[_Hit]:
    """ "Today, we, the leaders of A, B, C and D, met for the ⟨O⟩ Leaders' Summit", "We, the
    Presidents of A, B and C – the ⟨O⟩, gathered": a joint statement whose authors, heads of
    two or more named states, meet as the body itself."""
    text = sentence.text.strip()
    if not P.WE_LEADERS.match(text):
        return
    summit = P.MEMBERS_SUMMIT.search(text)
    match = summit or P.WE_AS_BODY.search(text)
    if not match:
        return
    # the authors are named before they meet ("met in Tokyo, Japan for": not the host)
    authors = text[: match.start()] if summit else text[: match.end()]
    states = tuple(dict.fromkeys(_codes(sentence, authors, "C")))
    if len(states) >= 2 and not _hedged(sentence, match, 3):
        yield _Hit(states, _orgs(match, sentence, "orgs", "orgs2"))


_RULES: tuple[_Rule, ...] = (
    _copular,
    _make_up,
    _joined,
    _apposition,
    _listed_with,
    _welcome_as,
    _accession,
    _ranked,
    _chair,
    _inside,
    _members_summit,
)


def _heads_list(doc: Doc, index: int, sentence: _Sentence) -> Iterator[_Hit]:
    """ "Talks with heads of the CSTO member states. ... with President of Kyrgyzstan X,
    President of Belarus Y, ...": the states of the heads listed next (:func:`listed_heads`),
    three or more of them when the phrase does not say "member" ("the CIS heads of state")."""
    match = P.HEADS_OF_MEMBERS.search(sentence.text)
    if match:
        here = re.search(r"\b(?:[Hh]eads|[Ll]eaders)\b", doc.text[sentence.span.start :])
        if match.group("orgs4"):  # "representatives of the EU member states": after them
            here = re.search(r"\bmember\s+\w+", doc.text[sentence.span.start :])
        states, end = listed_heads(doc, index, sentence.span.start + (here.end() if here else 0))
        if len(states) >= (2 if "member" in match.group() else 3):
            yield _Hit(states, _orgs(match, sentence, "orgs", "orgs2", "orgs3", "orgs4"), end=end)


def _complete_list(sentence: _Sentence, orgs: tuple[str, ...], year: int | None) -> Iterator[_Hit]:
    """A list of four or more states that is exactly the full membership of an organization
    the article names, in the article's year (``data/organization_members.csv``): "The six
    states - A, B, C, D, E and F - agreed" after the GCC, "the leaders of A, B, C, D and E will
    discuss" before a BRICS summit, "the seven industrial democracies, A, B, ... and G". Not
    three: the three states of a trilateral format named together are its participants
    ("the Presidents of A, B and C approved a joint statement"), not a statement of
    membership. Also the five or more states of a sentence holding such a list, when they are
    exactly the membership ("A joins B, C, D and E, as well as F, G, ...") and no guests,
    observers or partners are named."""
    lex = lexicon.load()
    named = tuple(dict.fromkeys(sentence.countries))
    for match in P.STATE_LIST.finditer(sentence.text):
        listed = tuple(dict.fromkeys(_codes(sentence, match.group(), "C")))
        if len(listed) < 3 or _hedged(sentence, match, 2):
            continue
        whole = not P.LIST_HEDGE.search(sentence.text)  # "A joins B, C and D as ...": all of them
        for org in orgs:
            sets = lex.member_sets(org, year)
            if len(listed) >= 4 and frozenset(listed) in sets:
                yield _Hit(listed, (org,), at=match.start())
            elif whole and len(named) >= 5 and frozenset(named) in sets:
                yield _Hit(named, (org,), at=match.start())


_FOLLOWING = re.compile(
    r"\bthe following (?:leaders|heads of (?:state|government)(?: and (?:state|government))?|"
    r"ministers|foreign ministers|participants)\b"
)
_LIST_LINE = 160  # a line of a list of leaders: "Bulgarian President Rumen Radev"


def _following(doc: Doc, index: int) -> Iterator[_Hit]:
    """ "Readout of the Meeting with the Leaders of the ⟨O⟩ ... Joining the President were the
    following leaders:" and one leader a line ("Bulgarian President X", "Prime Minister of
    Y Z"): the listed leaders' states are members of the organizations the headline and
    lead name (two at most)."""
    span = doc.sentences[index]
    if not _FOLLOWING.search(doc.text, span.start, span.end):
        return
    lead = doc.sentences[: min(3, len(doc.sentences))]
    orgs = tuple(dict.fromkeys(o.code for s in lead for o in doc.organizations_in(s.start, s.end)))
    if not 1 <= len(orgs) <= 2:
        return
    states: list[str] = []
    end = span.end
    for line in doc.sentences[index + 1 : index + 31]:
        named = _states(doc, line.start, line.end) + [
            c for c in doc.countries_in(line.start, line.end) if c.form == "demonym"
        ]
        if (
            line.end - line.start > _LIST_LINE
            or not named
            or "\n" not in doc.text[end : line.start]
        ):
            break
        states.append(min(named, key=lambda c: c.start).code)
        end = line.end
    if len(set(states)) >= 2:
        yield _Hit(tuple(dict.fromkeys(states)), orgs, end=end)


_BODY_STATEMENT = re.compile(
    r"\s*(?:Leaders['’]?\s+)?(?:Joint\s+)?(?:Statement|Declaration|"
    r"Communiqu[eé]|Vision\s+Statement)\b",
    re.IGNORECASE,
)


def _we_of_headline(doc: Doc, index: int, sentence: _Sentence) -> Iterator[_Hit]:
    """ "Quad Leaders' Joint Statement" ... "We have convened to reaffirm our cooperation
    between A, B, C and D": the authors of a body's joint statement, listed in its first
    sentences, are its members."""
    if index > 3 or not P.WE_LEADERS.match(sentence.text.strip()):
        return
    head = doc.sentences[0]
    named = doc.organizations_in(head.start, head.end)
    orgs = tuple(dict.fromkeys(o.code for o in named))
    if len(orgs) != 1:
        return
    if not _BODY_STATEMENT.match(doc.text, min(o.end for o in named), head.end):
        return  # the body is the statement's author: "⟨O⟩ Leaders' Joint Statement"
    states = tuple(dict.fromkeys(sentence.countries))
    if len(states) >= 2 and not P.HEDGE.search(sentence.text):
        yield _Hit(states, orgs)


_COUNTS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _actor_states(doc: Doc, span: Span) -> tuple[str, ...]:
    """States of a sentence named as such, not as a modifier ("a Hong Kong-based bank")."""
    states = _states(doc, span.start, span.end)
    return tuple(
        dict.fromkeys(c.code for c in states if not re.match(r"-[a-z]", doc.text[c.end :]))
    )


def _article_states(doc: Doc) -> set[str]:
    """The states an article is about: the three it names most often."""
    counts = Counter(c.code for c in _states(doc, 0, len(doc.text)))
    return {code for code, _ in counts.most_common(3)}


def _resolve_anaphor(
    doc: Doc, index: int, sentence: _Sentence, hit: _Hit, memory: tuple[str, ...]
) -> tuple[str, ...]:
    """States meant by "both states"/"they": those named earlier in the sentence, else the
    last membership subject, else the states of the nearest preceding sentence naming two or
    more of them. "Both" and "the two" must resolve to exactly two states (also two named one
    a sentence just before), passing over larger groups, else to the two states the article is
    about (:func:`_main_pair`); "all three countries" to exactly three: a group or list of
    three named before, else the three of the headline and lead."""
    if hit.anaphor.lower() == "we":  # "The Hungarian model exists: we are members of NATO"
        span = sentence.span
        we = re.search(r"\b[Ww]e\s+are\b", doc.text[span.start : span.end])
        end = span.start + we.start() if we else span.start
        before = [
            c.code
            for c in doc.countries_in(span.start, end)
            if c.code != "EUU" and c.form in ("name", "short", "official", "demonym")
        ]
        return tuple(dict.fromkeys(before)) if len(set(before)) == 1 else ()
    if hit.anaphor in ("it", "the country"):  # one state: this sentence's, or the last one's
        here = tuple(dict.fromkeys(_codes(sentence, sentence.text[: hit.at], "C")))
        if not here and hit.anaphor == "the country" and index > 0:
            span = doc.sentences[index - 1]
            here = tuple(dict.fromkeys(c.code for c in _states(doc, span.start, span.end)))
        return here if len(here) == 1 else ()
    counted = re.match(r"(?:all\s+(?:the\s+)?|the\s+)(\w+)\s", hit.anaphor)
    wanted = 2 if re.match(r"both|the two|the pair", hit.anaphor) else 0
    if counted and counted.group(1) in _COUNTS:  # "all three countries": exactly three
        wanted = _COUNTS[counted.group(1)]
    candidates = [tuple(dict.fromkeys(_codes(sentence, sentence.text[: hit.at], "C"))), memory]
    for back in range(index - 1, max(index - 4, -1), -1):
        span = doc.sentences[back]
        candidates.append(tuple(dict.fromkeys(c.code for c in _states(doc, span.start, span.end))))
    if wanted > 2:  # "all three countries": the first group of exactly three, a list of three
        # named before, else the states the article is about (its headline and lead)
        for back in range(index - 1, max(index - 4, -1), -1):
            earlier = _placeholders(doc, doc.sentences[back], [])
            for listed in P.STATE_LIST.finditer(earlier.text):
                candidates.append(tuple(dict.fromkeys(_codes(earlier, listed.group(), "C"))))
        for span in doc.sentences[:3]:
            candidates.append(
                tuple(dict.fromkeys(c.code for c in _states(doc, span.start, span.end)))
            )
        return next((codes for codes in candidates if len(codes) == wanted), ())
    gathered: tuple[str, ...] = ()  # "A's king invited B's president. B welcomed it. Both
    for at, codes in enumerate(candidates):  # countries ...": the pair of the last sentences
        if at >= 2 and wanted == 2 and len(codes) < 2:
            span = doc.sentences[index + 1 - at]
            gathered = tuple(dict.fromkeys(gathered + _actor_states(doc, span)))
            if len(gathered) == 2:
                return gathered if set(gathered) <= _article_states(doc) else ()
        if len(codes) >= 2 and (not wanted or len(codes) == wanted):
            return codes
        if len(codes) >= 2 and wanted != 2:
            return ()  # "both" passes over a larger group ("the BRICS states A, B, C, D and E")
    return _main_pair(doc) if wanted == 2 else ()


def _main_pair(doc: Doc) -> tuple[str, ...]:
    """The two states a bilateral article is about: each named three times or more, and at
    least twice as often as any other."""
    counts = Counter(c.code for c in _states(doc, 0, len(doc.text))).most_common(3)
    if (
        len(counts) >= 2
        and counts[1][1] >= 3
        and (len(counts) < 3 or counts[2][1] * 2 <= counts[1][1])
    ):
        return (counts[0][0], counts[1][0])
    return ()


def _context_org(doc: Doc, index: int, sentence: _Sentence, ahead: bool = False) -> tuple[str, ...]:
    """The organization a sentence means without naming it ("the Alliance", "as a member"):
    the one named in the sentence, else the only one named in the two sentences before (and,
    with ``ahead``, the one after: "A's admission in 2001 took 15 years. Membership of X ...")."""
    if sentence.orgs:
        return tuple(dict.fromkeys(sentence.orgs))[:1] if len(set(sentence.orgs)) == 1 else ()
    start = doc.sentences[max(index - 2, 0)].start
    end = sentence.span.start
    if ahead and index + 1 < len(doc.sentences):
        end = doc.sentences[index + 1].end
    codes = {o.code for o in doc.organizations_in(start, end)}
    return (codes.pop(),) if len(codes) == 1 else ()


_NAMED_BODY_CUES = ("ember", "joined", "acceded", "admitted")  # cheap test before the regex


def extract_memberships(doc: Doc) -> list[MembershipFact]:
    """Every (state, organization) membership stated in the article, once each."""
    text = doc.text
    if not doc.organizations and not (
        ("Customs" in text and P.CUSTOMS_UNION.search(text))
        or "Commonwealth" in text
        or (any(cue in text for cue in _NAMED_BODY_CUES) and P.NAMED_BODY.search(text))
    ):
        return []  # nothing to be a member of (most sport and entertainment news)
    lex = lexicon.load()
    facts: list[MembershipFact] = []
    seen: set[tuple[str, str]] = set()
    memory: tuple[str, ...] = ()
    memory_index = -2
    curated = tuple(dict.fromkeys(o.code for o in doc.organizations if o.code in lex.members))
    anchor = article_anchor(doc.article)
    year = anchor.year if anchor else None
    for index, span in enumerate(doc.sentences):
        raw = doc.text[span.start : span.end]
        triggered = bool(P.TRIGGER.search(raw))
        listing = bool(curated) and len(doc.countries_in(span.start, span.end)) >= 4
        if not triggered and not listing:
            continue
        named = sentence_organizations(doc, index)
        if not (named or listing or _context_org(doc, index, _Sentence(span, raw, [], []), True)):
            continue
        sentence = _placeholders(doc, span, named)
        names = {o.code: o.surface for o in named}
        hits: Iterable[_Hit] = ()
        if triggered:
            hits = itertools.chain(
                (hit for rule in _RULES for hit in rule(sentence)),
                _heads_list(doc, index, sentence),
                _following(doc, index),
                _we_of_headline(doc, index, sentence),
            )
        if listing:
            hits = itertools.chain(hits, _complete_list(sentence, curated, year))
        for hit in hits:
            members = hit.members
            if hit.anaphor:
                recent = memory if memory_index >= index - 1 else ()
                members = _resolve_anaphor(doc, index, sentence, hit, recent)
            orgs = hit.orgs or _context_org(doc, index, sentence, hit.ahead)
            if not members or not orgs:
                continue
            memory, memory_index = members, index
            for code in dict.fromkeys(members):
                for org_code in dict.fromkeys(orgs):
                    organization = lex.organization(org_code)
                    name = organization.name if organization else names.get(org_code)
                    if (code, org_code) in seen or name is None:
                        continue
                    seen.add((code, org_code))
                    end = max(span.end, hit.end)
                    facts.append(MembershipFact(code, org_code, name, span.start, end))
    return facts
