"""Readers of memberships from the document around a sentence, beyond its own words:

* :func:`heads_list` -- "talks with heads of the CSTO member states" followed by the heads
  ("President of A X, President of B Y"): the states of the listed heads;
* :func:`complete_list` -- "the six states - A, B, C, D, E and F -" in an article naming the
  GCC: a list of four or more states that is exactly an organization's membership (curated,
  by year) is a statement of it, whatever words surround it;
* :func:`following_lines` -- "the following leaders:" and one leader a line, under a headline
  naming the organization;
* :func:`we_of_headline` -- "We ... A, B, C and D" in the first sentences of a body's joint
  statement ("Quad Leaders' Joint Statement");
* :func:`resolve_anaphor` -- subjects "both states", "the two nations", "they" are resolved to
  the states of the preceding sentences ("both" to a pair, else to the two states a bilateral
  article is about), "all three countries" to three of them; "it" to the one state named
  before it in the sentence, "the country" also to the one state of the sentence before;
* :func:`context_org` -- the organization a sentence means without naming it ("the
  Alliance", "as a member"): the one of the sentence or of the sentences around it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

import pycountry

from diplodata.extract import lexicon
from diplodata.extract import membership_patterns as P
from diplodata.extract.membership_orgs import listed_heads
from diplodata.extract.membership_placeholders import (
    Hit,
    Sentence,
    codes_in,
    hedged,
    orgs_of,
    state_mentions,
    with_placeholders,
)
from diplodata.extract.text import Doc
from diplodata.models import Span


def heads_list(doc: Doc, index: int, sentence: Sentence) -> Iterator[Hit]:
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
            yield Hit(states, orgs_of(match, sentence, "orgs", "orgs2", "orgs3", "orgs4"), end=end)


def complete_list(sentence: Sentence, orgs: tuple[str, ...], year: int | None) -> Iterator[Hit]:
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
        listed = tuple(dict.fromkeys(codes_in(sentence, match.group(), "C")))
        if len(listed) < 3 or hedged(sentence, match, 2):
            continue
        whole = not P.LIST_HEDGE.search(sentence.text)  # "A joins B, C and D as ...": all of them
        for org in orgs:
            sets = lex.member_sets(org, year)
            if len(listed) >= 4 and frozenset(listed) in sets:
                yield Hit(listed, (org,), at=match.start())
            elif whole and len(named) >= 5 and frozenset(named) in sets:
                yield Hit(named, (org,), at=match.start())


_FOLLOWING = re.compile(
    r"\bthe following (?:leaders|heads of (?:state|government)(?: and (?:state|government))?|"
    r"ministers|foreign ministers|participants)\b"
)
_LIST_LINE = 160  # a line of a list of leaders: "Bulgarian President Rumen Radev"


def following_lines(doc: Doc, index: int) -> Iterator[Hit]:
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
        named = state_mentions(doc, line.start, line.end) + [
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
        yield Hit(tuple(dict.fromkeys(states)), orgs, end=end)


_BODY_STATEMENT = re.compile(
    r"\s*(?:Leaders['’]?\s+)?(?:Joint\s+)?(?:Statement|Declaration|"
    r"Communiqu[eé]|Vision\s+Statement)\b",
    re.IGNORECASE,
)


def we_of_headline(doc: Doc, index: int, sentence: Sentence) -> Iterator[Hit]:
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
        yield Hit(states, orgs)


_COUNTS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _actor_states(doc: Doc, span: Span) -> tuple[str, ...]:
    """States of a sentence named as such, not as a modifier ("a Hong Kong-based bank")."""
    states = state_mentions(doc, span.start, span.end)
    return tuple(
        dict.fromkeys(c.code for c in states if not re.match(r"-[a-z]", doc.text[c.end :]))
    )


def _article_states(doc: Doc) -> set[str]:
    """The states an article is about: the three it names most often."""
    counts = Counter(c.code for c in state_mentions(doc, 0, len(doc.text)))
    return {code for code, _ in counts.most_common(3)}


def resolve_anaphor(
    doc: Doc, index: int, sentence: Sentence, hit: Hit, memory: tuple[str, ...]
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
    kind = _STATE_KIND.match(hit.anaphor)
    if kind:  # "the Kingdom", "the Islamic Republic": the nearest state so styled
        return _styled_state(doc, index, sentence, hit.at, kind.group(1))
    if hit.anaphor in ("it", "the country"):  # one state: this sentence's, or the last one's
        here = tuple(dict.fromkeys(codes_in(sentence, sentence.text[: hit.at], "C")))
        if not here and hit.anaphor == "the country" and index > 0:
            span = doc.sentences[index - 1]
            here = tuple(dict.fromkeys(c.code for c in state_mentions(doc, span.start, span.end)))
        return here if len(here) == 1 else ()
    counted = re.match(r"(?:all\s+(?:the\s+)?|the\s+)(\w+)\s", hit.anaphor)
    wanted = 2 if re.match(r"both|the two|our two|the pair", hit.anaphor) else 0
    if counted and counted.group(1) in _COUNTS:  # "all three countries": exactly three
        wanted = _COUNTS[counted.group(1)]
    candidates = [tuple(dict.fromkeys(codes_in(sentence, sentence.text[: hit.at], "C"))), memory]
    for back in range(index - 1, max(index - 4, -1), -1):
        span = doc.sentences[back]
        candidates.append(
            tuple(dict.fromkeys(c.code for c in state_mentions(doc, span.start, span.end)))
        )
    if wanted > 2:  # "all three countries": the first group of exactly three, a list of three
        # named before, else the states the article is about (its headline and lead)
        for back in range(index - 1, max(index - 4, -1), -1):
            earlier = with_placeholders(doc, doc.sentences[back], [])
            for listed in P.STATE_LIST.finditer(earlier.text):
                candidates.append(tuple(dict.fromkeys(codes_in(earlier, listed.group(), "C"))))
        for span in doc.sentences[:3]:
            candidates.append(
                tuple(dict.fromkeys(c.code for c in state_mentions(doc, span.start, span.end)))
            )
        return next((codes for codes in candidates if len(codes) == wanted), ())
    gathered: tuple[str, ...] = ()  # "A's king invited B's president. B welcomed it. Both
    for at, codes in enumerate(candidates):  # countries ...": the pair of the last sentences
        if at >= 2 and wanted == 2 and len(codes) < 2:
            span = doc.sentences[index + 1 - at]
            gathered = tuple(dict.fromkeys(gathered + _actor_states(doc, span)))
            if len(gathered) == 2:  # a pair gathered over sentences yields to the
                main = _main_pair(doc)  # pair a bilateral article is about
                if main and set(main) != set(gathered):
                    return main
                return gathered if set(gathered) <= _article_states(doc) else ()
        if len(codes) >= 2 and (not wanted or len(codes) == wanted):
            return codes
        if len(codes) >= 2 and wanted != 2:
            return ()  # "both" passes over a larger group ("the BRICS states A, B, C, D and E")
    return _main_pair(doc) if wanted == 2 else ()


_STATE_KIND = re.compile(
    r"the\s+(kingdom|islamic\s+republic|sultanate|principality|grand\s+duchy|confederation)$"
)


@cache
def _official_names() -> dict[str, str]:
    """Each state's official and short names, lowercased ("kingdom of saudi arabia")."""
    return {
        c.alpha_3: " ".join(
            getattr(c, attr, "") or "" for attr in ("official_name", "name")
        ).lower()
        for c in pycountry.countries
    }


def _styled_state(doc: Doc, index: int, sentence: Sentence, at: int, kind: str) -> tuple[str, ...]:
    """The state "the Kingdom" or "the Islamic Republic" stands for: the nearest one named
    before it in its own sentence whose official name has that word ("Pakistan welcomed Iran
    when the Islamic Republic became"), else the nearest one named so in the three sentences
    before ("the Kingdom of Saudi Arabia")."""
    kind = " ".join(kind.split())
    names = _official_names()
    for code in reversed(codes_in(sentence, sentence.text[:at], "C")):
        if kind in names.get(code, ""):
            return (code,)
    for span in reversed(doc.sentences[max(index - 3, 0) : index]):
        for mention in reversed(state_mentions(doc, span.start, span.end)):
            if kind in doc.text[mention.start : mention.end].lower():
                return (mention.code,)
    return ()


def _main_pair(doc: Doc) -> tuple[str, ...]:
    """The two states a bilateral article is about: each named three times or more, and at
    least twice as often as any other."""
    counts = Counter(c.code for c in state_mentions(doc, 0, len(doc.text))).most_common(3)
    if (
        len(counts) >= 2
        and counts[1][1] >= 3
        and (len(counts) < 3 or counts[2][1] * 2 <= counts[1][1])
    ):
        return (counts[0][0], counts[1][0])
    return ()


def context_org(doc: Doc, index: int, sentence: Sentence, ahead: bool = False) -> tuple[str, ...]:
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
