"""Sentences of the memberships extractor rewritten with placeholders, and what its readers
share.

:func:`with_placeholders` rewrites a sentence with ``⟨C3⟩`` for the fourth state named in it
and ``⟨O0⟩`` for its first organization (states inside an organization's name dropped), so
that every pattern of :mod:`diplodata.extract.membership_patterns` is one readable regex over
states, organizations and a few words. "whose country" is the state of the person just named
("Romanian minister X, whose country, an EU member, ..."). A reader's finding is a
:class:`Hit`; :func:`codes_in` turns placeholders back into codes,
:func:`orgs_of` gives the organizations of a match's groups, and :func:`hedged` rejects
applications, aspirations, negations, observers and partners by cue words near the match
("partners in X" are members).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplodata.extract import lexicon
from diplodata.extract import membership_patterns as P
from diplodata.extract.text import Doc
from diplodata.models import CountryMention, OrganizationMention, Span


@dataclass(slots=True)
class Sentence:
    """A sentence with states and organizations replaced by numbered placeholders."""

    span: Span
    text: str  # placeholder text
    countries: list[str]  # code of ⟨C i⟩
    orgs: list[str]  # code of ⟨O i⟩


@dataclass(frozen=True, slots=True)
class Hit:
    """A membership a reader found: states (or an anaphor) and organizations (or none)."""

    members: tuple[str, ...]  # country codes; empty when the subject is an anaphor
    orgs: tuple[str, ...]  # org codes; empty when the organization is implied
    anaphor: str = ""  # "both states", "they", ... when the subject is one
    at: int = 0  # where the match starts in the placeholder text
    end: int = 0  # end of the evidence when it goes past the sentence
    ahead: bool = False  # the organization may be named in the next sentence


# a currency named after the state: "US dollars", "Hong Kong dollar"
_CURRENCY_AFTER = re.compile(r"\s+(?:dollars?|dlrs|cents?)\b")
_STATE_FORMS = frozenset({"name", "official", "short", "capital", "historical"})


def state_mentions(doc: Doc, start: int, end: int) -> list[CountryMention]:
    """Mentions that can stand for a member state: names, capitals, possessives ("Türkiye's"),
    a demonym that is the state's own name ("New Zealand and China are"); not seats
    ("Kremlin"), other cities, adjectives ("Russian"), currencies ("US$") or the EU as a
    trading party."""
    names = lexicon.load().country_names
    return [
        c
        for c in doc.countries_in(start, end)
        if c.code != "EUU"
        and doc.text[c.end : c.end + 1] != "$"  # "US$ 52 billion": a currency
        and not _CURRENCY_AFTER.match(doc.text, c.end)  # "530 million US dollars"
        and (
            c.form in _STATE_FORMS
            or (c.form == "demonym" and (c.surface.endswith(("'s", "’s")) or _named(c, names)))
        )
    ]


def _named(mention: CountryMention, names: dict[str, str]) -> bool:
    """A demonym written as the state's own name: "New Zealand" (not "Kiwi", "Russian")."""
    return names.get(mention.code) == mention.surface


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


def with_placeholders(doc: Doc, span: Span, orgs: list[OrganizationMention]) -> Sentence:
    """Rewrite ``span`` with ⟨C i⟩ / ⟨O i⟩ placeholders (states inside an org name are dropped)."""
    mentions: list[CountryMention | OrganizationMention] = [
        c
        for c in state_mentions(doc, span.start, span.end) + _whose_country(doc, span)
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
    return Sentence(span, "".join(parts), countries, org_codes)


def codes_in(sentence: Sentence, fragment: str | None, kind: str) -> tuple[str, ...]:
    """Codes of the placeholders of ``kind`` ("C" or "O") in ``fragment``, in order."""
    if not fragment:
        return ()
    table = sentence.countries if kind == "C" else sentence.orgs
    return tuple(table[int(n)] for k, n in P.TOKEN.findall(fragment) if k == kind)


def hedged(sentence: Sentence, match: re.Match[str], words_before: int = 5) -> bool:
    """True when the match, or the few words before it, say it is not (yet) a membership."""
    clause = re.split(r"[,;:(—–]", sentence.text[: match.start()])[-1]
    before = clause.split()[-words_before:] if words_before else []
    after = sentence.text[match.end() : match.end() + 16]
    window = " ".join([*before, match.group(), "respectively" if "respectively" in after else ""])
    return bool(P.HEDGE.search(window) or P.HEDGE_CASED.search(window))


def orgs_of(match: re.Match[str], sentence: Sentence, *groups: str) -> tuple[str, ...]:
    for group in groups:
        found = codes_in(sentence, match.group(group), "O")
        if found:
            return found
    return ()
