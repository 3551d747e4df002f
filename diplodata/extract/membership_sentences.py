"""Per-sentence readers of memberships, over a sentence rewritten with placeholders
(:mod:`diplodata.extract.membership_placeholders`). One small function per pattern family:

* :func:`_copular` -- "Russia and Belarus are members of the CIS and the EAEU",
  "Armenia, which is a member of the CSTO", "Finland became NATO's 31st member", "a member of
  the WTO and a founding member of the EAC", "A, a member of both NATO and the EU,", "X, of
  which A is a founding member", "A deposited ... and became the eighth member of X", "thanked
  A for being a strong NATO Ally", "A, which became the 31st Ally in 2023" (the organization of
  the sentences before);
* :func:`_make_up` -- "the two nations make up the Union State", founders;
* :func:`_joined` -- "Sweden joined NATO in 2024", "A and B were admitted as members of X";
* :func:`_listed_with` -- "X, which A founded together with B", "the bloc founded by A and B",
  "X brings together 23 member states ..., among them A, B and C", "A sits alongside B in X",
  "A, which together with B forms X", "Together with B, they make up X", "X, the mechanism it
  shares with B and C";
* :func:`_apposition` -- "NATO Ally Türkiye", "EAEU member states such as A, B and C",
  "Hungary and Yugoslavia, the two GATT members", "members Greece and Turkey", "A, an EU and
  NATO member", "X, whose members — A, B and C — are", "A and its GCC partners B and C",
  "A, the last country to join X", "Iraq, OPEC's second-largest producer", "A, B and C - the
  three members of X", "its allies in X, including A and B", "A's partners in X, B and C";
* :func:`_acting_as` -- "A and B work side by side as founding members of X and as allies in
  Y", "C and D are closely tied to Z as members of X and of Y";
* :func:`_its_partners` -- "after A, like most of its partners in X, stopped" (the owner of
  "its");
* :func:`_owners_partners` -- "A and B, C's two main partners in X", "A and B have been among
  ... among C's partners in X";
* :func:`_welcome_as` -- "welcome Sweden as NATO's 32nd Ally", "values Ankara as an ally
  in the NATO alliance";
* :func:`_accession` -- completed accessions ("digest the accession of Spain last year",
  "members ratified Finland's membership");
* :func:`_ranked` -- "the EU's two biggest economies" (two states named just before), "they
  persuaded fellow EU members";
* :func:`_chair` -- "Armenia, which holds the chairmanship of the CSTO";
* :func:`_inside` -- "A is our partner within the EU", "the people of A ... we stand with our
  NATO Ally";
* :func:`_members_summit` -- "We, the leaders of A, B, C and D, met for the ⟨O⟩ Leaders'
  Summit": the authors of a joint statement meeting as the body itself.

:data:`RULES` holds them all, in the order they run.

"The Customs Union of A, B and C" and "the GUAM (A, B and C)" list members; a possessive
membership counts when it already has effects ("thanks to A's membership of X", "A's
membership took effect"). A subject may carry states set off after it ("A and B, along with
C, are"), or be an anaphor ("both states", "they", "it"), which
:func:`diplodata.extract.membership_context.resolve_anaphor` resolves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from diplodata.extract import lexicon
from diplodata.extract import membership_patterns as P
from diplodata.extract.membership_placeholders import (
    Hit,
    Sentence,
    codes_in,
    hedged,
    orgs_of,
)

_Rule = Callable[[Sentence], Iterator[Hit]]


def _subject_hit(sentence: Sentence, match: re.Match[str], orgs: tuple[str, ...]) -> Hit:
    """A hit whose subject is the ``subj`` group: states, or an anaphor ("both states")."""
    subject = match.group("subj")
    members = codes_in(sentence, subject, "C")
    return Hit(members, orgs, "" if members else subject.lower(), match.start())


def _all_orgs(match: re.Match[str], sentence: Sentence) -> tuple[str, ...]:
    """Every organization of the match's ``orgs`` groups ("founder of X and member of Y")."""
    found = [
        codes_in(sentence, g, "O") for n, g in match.groupdict().items() if n.startswith("orgs")
    ]
    return tuple(dict.fromkeys(code for codes in found for code in codes))


def _copular(sentence: Sentence) -> Iterator[Hit]:
    """ "A and B are (full) members of X and Y", "A is a NATO ally", "A became X's 31st member",
    "A is part of X", "A, a member of X,"."""
    for match in P.COPULAR.finditer(sentence.text):
        before = sentence.text[: match.start()]
        if hedged(sentence, match) or (
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
        P.POSSESSIVE_ROLE_AS,
    )
    for pattern in patterns:
        for match in pattern.finditer(sentence.text):
            if not hedged(sentence, match, 1):
                yield _subject_hit(sentence, match, _all_orgs(match, sentence))
                if match.groupdict().get("subj2"):  # "of which A is ... and B a member"
                    yield Hit(codes_in(sentence, match["subj2"], "C"), _all_orgs(match, sentence))
                if match.groupdict().get("subj3"):  # "of which A is a member alongside B"
                    yield Hit(codes_in(sentence, match["subj3"], "C"), _all_orgs(match, sentence))


def _make_up(sentence: Sentence) -> Iterator[Hit]:
    """ "The two nations make up the Union State", "A and B founded X", "the United States
    and 11 other nations came together to establish X", "the leaders of A, B and C
    announced X"."""
    for pattern in (P.MAKE_UP, P.FOUNDERS, P.LEADERS_FOUNDED):
        for match in pattern.finditer(sentence.text):
            if hedged(sentence, match) or (
                pattern is not P.LEADERS_FOUNDED
                and P.PREPOSITION_BEFORE.search(sentence.text[: match.start()])
            ):
                continue
            if P.TOGETHER_BEFORE.search(sentence.text[: match.start()]):
                continue  # "Together with A, they make up X": read by _listed_with
            yield _subject_hit(sentence, match, orgs_of(match, sentence, "orgs"))


def _joined(sentence: Sentence) -> Iterator[Hit]:
    """ "A joined X (in 2004)", "A acceded to X", "A was admitted to X", "since joining X, A
    has ..."; not "joined X in condemning ...", which is joining an action."""
    for match in P.JOINED.finditer(sentence.text):
        after = sentence.text[match.end("orgs") :]
        if not P.JOIN_END.match(after) or P.JOIN_ACTION_AFTER.match(after):
            continue
        if hedged(sentence, match):
            continue
        if P.PREPOSITION_BEFORE.search(
            sentence.text[: match.start()]
        ) and not P.RELATIVE_SUBJECT.match(sentence.text, match.end("subj")):
            continue  # "trade with A joined ..."; not "the return of A, which rejoined X"
        yield _subject_hit(sentence, match, orgs_of(match, sentence, "orgs"))
    for match in P.ORG_ADMITTED.finditer(sentence.text):  # "X admitted A and B in 1991"
        after = sentence.text[match.end() :]
        if (
            _join_ends(after)
            and not P.AFTER_LIST_HEDGE.match(after)
            and not hedged(sentence, match)
        ):
            yield Hit(codes_in(sentence, match["subj"], "C"), orgs_of(match, sentence, "orgs"))
    for match in P.ADMITTED_AS.finditer(sentence.text):  # "A was admitted as a member of X"
        if not hedged(sentence, match):
            yield _subject_hit(sentence, match, orgs_of(match, sentence, "orgs", "orgs2"))
    for match in P.ADMISSION_OF.finditer(sentence.text):  # "the admission of A to X"
        if not hedged(sentence, match, 4) and not _MODAL_AFTER.match(sentence.text, match.end()):
            yield _subject_hit(sentence, match, orgs_of(match, sentence, "orgs"))
    for match in P.SINCE_JOINING.finditer(sentence.text):
        if not hedged(sentence, match, 0):
            yield Hit(
                codes_in(sentence, match.group("subj"), "C"), orgs_of(match, sentence, "orgs")
            )
    for match in P.JOINED_WHEN.finditer(sentence.text):  # "Greece and Turkey joined in 1952"
        text = sentence.text
        if hedged(sentence, match, 2) or P.PREPOSITION_BEFORE.search(text[: match.start()]):
            continue
        yield Hit(codes_in(sentence, match["subj"], "C"), ())  # the organization of the context
        position = match.end()
        while more := P.AND_IN_YEAR.match(text, position):  # "and West Germany in 1955"
            yield Hit(codes_in(sentence, more["subj"], "C"), ())
            position = more.end()
    if len(set(sentence.orgs)) == 1 and (
        P.COPULAR.search(sentence.text) or P.JOINED.search(sentence.text)
    ):
        for match in P.BARE_JOINED.finditer(sentence.text):  # "after Finland joined"
            if not hedged(sentence, match, 2):
                yield Hit(codes_in(sentence, match.group("subj"), "C"), tuple(sentence.orgs[:1]))


_MODAL_AFTER = re.compile(r"[^.;]{0,30}?\b(?:would|could|will|should|might|may|is\s+not)\b")


def _join_ends(after: str) -> bool:
    """The text after a joining ends it ("in 1991", ",", "as the 30th member"), and is not an
    action joined ("in condemning")."""
    return bool(P.JOIN_END.match(after)) and not P.JOIN_ACTION_AFTER.match(after)


def _apposition(sentence: Sentence) -> Iterator[Hit]:
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
        P.AS_ARE,
        P.LIST_THE_MEMBERS,
        P.ORG_RANK_APPOS,
        P.MEMBERSHIP_LEAD,
    )
    for pattern in patterns:
        for match in pattern.finditer(text):
            words = 5 if pattern is P.ALONGSIDE else 1  # "A hopes to become a member of X"
            if hedged(sentence, match, words) or P.AFTER_LIST_HEDGE.match(text[match.end() :]):
                continue
            if pattern is P.JOINED_ALONGSIDE and P.JOIN_ACTION_AFTER.match(text[match.end() :]):
                continue  # "joined X alongside A in condemning": an action
            if (
                pattern is P.SUBJECT_AS_MEMBERS
                and re.search(r"\b(?:partners|allies|Allies)\s", match.group())
                and not P.CLAUSE_START.search(text[: match.start()])
            ):
                continue  # "support for A, as close partners in X": the speakers are
            partners = match.groupdict().get("subj2") if pattern is P.INCLUDES else None
            members = codes_in(sentence, match.group("subj") + (partners or ""), "C")
            relative = re.match(r"⟨O\d+⟩(?:\s+[a-z]+)?\s*,", match.group())  # "X, which includes A"
            included_in = re.match(r"\s+(?:in|into|on|among)\b", text[match.end() :])
            if pattern is P.INCLUDES and len(set(members)) < 2 and (included_in or not relative):
                continue  # "the EU includes Turkey in its plans"
            yield _subject_hit(sentence, match, _all_orgs(match, sentence))
            if partners:  # "which groups A with its partners B and C"
                yield Hit(codes_in(sentence, partners, "C"), _all_orgs(match, sentence))
    for match in P.ORG_OF_LIST.finditer(text):
        if not hedged(sentence, match, 2):
            yield Hit(
                codes_in(sentence, match.group("subj"), "C"), orgs_of(match, sentence, "orgs")
            )
    for match in P.BARE_MEMBERS.finditer(text):
        earlier = codes_in(sentence, text[: match.start()], "O")
        lead = not sentence.orgs and P.MEMBERS_LEAD.match(text[: match.end()])
        if (earlier or lead) and not hedged(sentence, match, 1):
            # no organization in a sentence led by "The members": the one of the sentences before
            yield Hit(codes_in(sentence, match.group("subj"), "C"), earlier[-1:])
    for match in P.BELONG.finditer(text):
        if not hedged(sentence, match, 2):
            subj = (match["subj"] or match["subj2"] or match["subj4"]) + (match["subj3"] or "")
            subj += match["subj5"] or ""  # "A, which with B and C belongs to X"
            orgs = orgs_of(match, sentence, "orgs", "orgs2", "orgs3")
            yield Hit(codes_in(sentence, subj, "C"), orgs)
    for pattern in (P.AND_ITS_PARTNERS, P.POSSESSIVE_PARTNERS, P.ORG_PARTNERS_OF, P.AND_ALLIES_IN):
        for match in pattern.finditer(text):
            before = sentence.text[max(0, match.start() - 40) : match.start()]
            its = re.search(r"\b(?:its|their)\s", match.group())
            if pattern is P.AND_ALLIES_IN and its and P.PREPOSITION_BEFORE.search(before):
                continue  # "ties with A and its partners in X": "its" is another state's
            if not (P.HEDGE.search(before.split(",")[-1]) or P.HEDGE_CASED.search(before)):
                subjects = [g for n, g in match.groupdict().items() if n.startswith("subj")]
                members = tuple(c for subj in subjects for c in codes_in(sentence, subj, "C"))
                yield Hit(members, _all_orgs(match, sentence))
    lex = lexicon.load()
    yield from _allies_in_list(sentence, lex)
    for match in P.ORG_PARTNERS_LIST.finditer(text):
        members = codes_in(sentence, match.group("subj"), "C")
        orgs = orgs_of(match, sentence, "orgs")
        if any(set(members) <= known for known in lex.member_sets(orgs[0], None)):
            yield Hit(members, orgs)
    for match in P.OUR_ALLY.finditer(text):
        # "A will take its place alongside fellow Allies B and C": a hedge of A, not of them
        words = 0 if re.search(r"\b[Ff]ellow\s", match.group()) else 2
        if len(set(sentence.orgs)) == 1 and not hedged(sentence, match, words):
            yield Hit(codes_in(sentence, match.group("subj"), "C"), tuple(sentence.orgs[:1]))


def _allies_in_list(sentence: Sentence, lex: lexicon.Lexicon) -> Iterator[Hit]:
    """ "its allies in NATO, including A and B", "A's partners in X, B, C and D": the states
    listed (and the possessor) are members; a list without "including"/"such as" counts only
    when the curated membership of X has them all ("its allies in NATO, Ukraine and ...")."""
    for match in P.ALLIES_IN_LIST.finditer(sentence.text):
        before = sentence.text[max(0, match.start() - 40) : match.start()]
        if P.HEDGE.search(before.split(",")[-1]) or P.HEDGE_CASED.search(before):
            continue
        listed = codes_in(sentence, match.group("subj"), "C")
        orgs = orgs_of(match, sentence, "orgs")
        known = lex.member_sets(orgs[0], None)
        if match.group("intro") or any(set(listed) <= members for members in known):
            owner = codes_in(sentence, match.group("subj2"), "C") or _owner(sentence, match)
            yield Hit(listed + owner, orgs)


def _its_partners(sentence: Sentence) -> Iterator[Hit]:
    """ "after A, like most of its partners in X, stopped", "the largest deficit A runs with any
    of its partners in X", "a partner for A and for its partners in X": the owner of "its" is
    a member (:func:`_its_owner`)."""
    for match in P.ITS_PARTNERS_IN.finditer(sentence.text):
        owner = _its_owner(sentence, match)
        if owner and not hedged(sentence, match, 4):
            yield Hit(owner, orgs_of(match, sentence, "orgs"))


def _its_owner(sentence: Sentence, match: re.Match[str]) -> tuple[str, ...]:
    """The state named last before "its" in the sentence, within a short span that names
    no other body or clause break; none when that state follows a preposition ("ties with A
    and its partners": "its" may be the subject's), unless the preposition is repeated ("for
    A and for its partners")."""
    before = sentence.text[: match.start()]
    states = list(re.finditer(P.C, before))
    if not states:
        return ()
    last = states[-1]
    between = before[last.end() :]
    if len(between) > 80 or re.search(r"[;:⟨]|\b(?:who|which|that|but)\b", between):
        return ()
    lead = before[: last.start()]
    if P.PREPOSITION_BEFORE.search(re.sub(r"\s*\bthe\s*$", " ", lead).rstrip()):
        word = re.search(r"(\w+)\s+(?:the\s+)?$", lead)
        if not (word and re.fullmatch(rf"\s+and\s+{word.group(1)}\s+", between)):
            return ()
    return codes_in(sentence, last.group(), "C")


def _owners_partners(sentence: Sentence) -> Iterator[Hit]:
    """ "A and B, C's two main partners in X", "A and B have been among the strongest backers
    among C's partners in X": A and B are members of X (C only when said otherwise)."""
    for match in P.LIST_OWNERS_PARTNERS.finditer(sentence.text):
        if not hedged(sentence, match, 2):
            yield Hit(
                codes_in(sentence, match.group("subj"), "C"), orgs_of(match, sentence, "orgs")
            )


def _owner(sentence: Sentence, match: re.Match[str]) -> tuple[str, ...]:
    """The one state that opens the clause of "its partners in X" ("Kenya urged its partners
    in the EAC - A, B and C -"): the owner of "its"; none after a preposition ("trade with A
    and its partners") or when the clause names several."""
    if not re.match(r"[Ii]ts\b", match.group()):
        return ()
    before = re.split(r"[,;:(—–]", sentence.text[: match.start()])[-1]
    owner = re.match(rf"\s*(?:the\s+)?(?P<subj>{P.C})\s+(?:[a-z]+\s+){{1,4}}$", before)
    return codes_in(sentence, owner["subj"], "C") if owner else ()


def _listed_with(sentence: Sentence) -> Iterator[Hit]:
    """States listed with the subject or as the body's founders: "X, which A founded together
    with B and C", "the bloc founded by A, B and C", "X brings together 23 member states ...,
    among them A, B and C", "A and B sit alongside C and D in X", "X ..., which both countries
    belong to", "A, which together with B and C forms X", "Together with B and C, they make up
    X", "X, the integration mechanism it shares with B and C" ("it" and the states listed)."""
    text = sentence.text
    patterns = (
        P.WHICH_ENTERED,
        P.FOUNDED_BY,
        P.ORG_COUNT_AMONG,
        P.SIT_ALONGSIDE,
        P.TOGETHER_FORMED,
    )
    for pattern in patterns:
        for match in pattern.finditer(text):
            listed_last = pattern is not P.TOGETHER_FORMED  # not "A, which with B forms X"
            after = text[match.end() :]
            if hedged(sentence, match, 2) or (listed_last and P.AFTER_LIST_HEDGE.match(after)):
                continue
            subjects = (match.group("subj"), match.groupdict().get("subj2"))
            members = tuple(c for subj in subjects for c in codes_in(sentence, subj, "C"))
            yield Hit(members, orgs_of(match, sentence, "orgs"))
    for match in P.FRONTED_TOGETHER.finditer(text):  # "Together with A, they make up X"
        if not hedged(sentence, match, 2):
            orgs = orgs_of(match, sentence, "orgs")
            yield _subject_hit(sentence, match, orgs)  # first: "they" is not the ones with
            yield Hit(codes_in(sentence, match.group("subj2"), "C"), orgs)
    for match in P.SHARES_WITH.finditer(text):  # "X, the mechanism it shares with A and B"
        if not hedged(sentence, match, 2):
            orgs = orgs_of(match, sentence, "orgs")
            yield Hit(codes_in(sentence, match.group("subj"), "C"), orgs)
            if match["owner"]:  # "the customs union Brazil formed with A and B"
                yield Hit(codes_in(sentence, match["owner"], "C"), orgs)
            else:
                yield Hit((), orgs, "it", match.start())
    for match in P.WHICH_BELONG_TO.finditer(text):
        if not hedged(sentence, match, 0):
            yield _subject_hit(sentence, match, orgs_of(match, sentence, "orgs"))


def _acting_as(sentence: Sentence) -> Iterator[Hit]:
    """ "A and B work side by side as founding members of X and as allies in Y", "C and D are
    closely tied to Z as members of X and of Y": the subject of a clause acting in the role of
    members; not after a preposition ("trade with A grew as members of X ...")."""
    for match in P.VERB_AS_MEMBERS.finditer(sentence.text):
        before = sentence.text[: match.start()]
        if hedged(sentence, match, 2) or (
            P.PREPOSITION_BEFORE.search(before) and not P.CLAUSE_START.search(before)
        ):
            continue
        yield _subject_hit(sentence, match, _all_orgs(match, sentence))


def _welcome_as(sentence: Sentence) -> Iterator[Hit]:
    """ "welcome Sweden as NATO's 32nd Ally", "welcome A to X", "values A as an ally in X";
    not "look forward to welcoming A as a member as soon as possible"."""
    for match in P.WELCOME.finditer(sentence.text):
        rest = sentence.text[match.end() :]
        if hedged(sentence, match, 6) or re.match(r"\s+(?:as\s+soon|once|if|when)\b", rest):
            continue
        orgs = orgs_of(match, sentence, "orgs", "orgs2")
        yield Hit(codes_in(sentence, match.group("subj"), "C"), orgs)
    for match in P.AS_ALLY.finditer(sentence.text):
        if not hedged(sentence, match, 4):
            yield Hit(
                codes_in(sentence, match.group("subj"), "C"), orgs_of(match, sentence, "orgs")
            )


def _accession(sentence: Sentence) -> Iterator[Hit]:
    """Completed accessions only: "digest the accession of A and B last year", "A's accession
    to X was completed", "members ratified A's membership", "marking A's accession as the 31st
    member of X" (not "A's accession as a member of X would ..."), "marking A's return to X"."""
    text = sentence.text
    for match in P.ACCESSION_OF.finditer(text):
        before, after = text[: match.start()], text[match.end() :]
        done = P.ACCESSION_DONE_AFTER.match(after) or P.ACCESSION_DONE_BEFORE.search(before)
        if done and not hedged(sentence, match, 4):
            yield Hit(
                codes_in(sentence, match.group("subj"), "C"), orgs_of(match, sentence, "orgs")
            )
    for pattern in (P.ACCESSION_AS, P.MARKED_ENTRY):
        for match in pattern.finditer(text):
            if not hedged(sentence, match, 4) and not P.ACCESSION_HEDGE_AFTER.match(
                text[match.end() :]
            ):
                members = codes_in(sentence, match.group("subj"), "C")
                yield Hit(members, orgs_of(match, sentence, "orgs"))
    for match in P.POSSESSIVE_ACCESSION.finditer(text):
        before, after = text[: match.start()], text[match.end() :]
        done = P.RATIFIED_BEFORE.search(before) or re.match(
            r"\s+(?:was|has\s+been|is\s+now)\s+(?:officially\s+|formally\s+)?"
            r"(?:completed|finali[sz]ed|formali[sz]ed)|(?:\s*,\s*which)?\s+(?:officially\s+|formally\s+)?(?:took|"
            r"has\s+taken|came\s+into|has\s+come\s+into)\s+(?:effect|force)",
            after,
        )
        in_effect = P.FACT_BEFORE.search(before) and not P.MEMBERSHIP_HEDGE_AFTER.match(after)
        dated = P.DATED_PAST_AFTER.match(after)
        if dated and P.HEDGE.search(after[dated.end() : dated.end() + 60].split(".")[0]):
            dated = None
        if (done or in_effect or dated) and not hedged(sentence, match, 4 if done else 2):
            yield Hit(
                codes_in(sentence, match.group("subj") or match.group("subj2"), "C"),
                orgs_of(match, sentence, "orgs", "orgs2", "orgs3"),
                ahead=bool(dated),
            )


def _ranked(sentence: Sentence) -> Iterator[Hit]:
    """ "The EU's two biggest economies", "both NATO allies", "the two fellow ASEAN members" (the
    two states named just before are members) and "they persuaded fellow EU members" (the
    subject is a member too)."""
    for match in P.ORG_TOP_TWO.finditer(sentence.text):
        if not hedged(sentence, match, 3):
            yield Hit((), orgs_of(match, sentence, "orgs", "orgs2"), "the two", match.start())
    for match in P.BOTH_ORG_MEMBERS.finditer(sentence.text):  # "both NATO allies"
        if not hedged(sentence, match, 3):
            yield _subject_hit(sentence, match, orgs_of(match, sentence, "orgs"))
    for match in P.FELLOW_MEMBERS.finditer(sentence.text):
        if hedged(sentence, match) or P.PREPOSITION_BEFORE.search(sentence.text[: match.start()]):
            continue
        yield _subject_hit(sentence, match, orgs_of(match, sentence, "orgs", "orgs2"))


def _chair(sentence: Sentence) -> Iterator[Hit]:
    """ "Armenia, which holds the current chairmanship of the CSTO", "A's presidency of X"."""
    for match in P.CHAIR.finditer(sentence.text):
        if not hedged(sentence, match, 3):
            yield Hit(
                codes_in(sentence, match.group("subj"), "C"), orgs_of(match, sentence, "orgs")
            )


def _inside(sentence: Sentence) -> Iterator[Hit]:
    """ "A is our important partner within the EU" (being within X is being in it); "... the
    people of A ... we stand with our NATO Ally": the one state of the sentence, named after a
    preposition (not the one standing: "A stands with its NATO ally")."""
    text = sentence.text
    for match in P.WITHIN.finditer(text):
        window = re.sub(r"\bpartners?\b", "", " ".join(text[: match.end()].split()[-12:]))
        if not P.HEDGE.search(window) and not P.PREPOSITION_BEFORE.search(text[: match.start()]):
            yield _subject_hit(sentence, match, orgs_of(match, sentence, "orgs"))
    for match in P.STAND_WITH_ALLY.finditer(text):
        states = set(sentence.countries)
        if len(states) != 1 or not P.OBJECT_STATE.search(text[: match.start()]):
            continue
        if not hedged(sentence, match, 3):
            yield Hit(tuple(states), orgs_of(match, sentence, "orgs"))


def _members_summit(sentence: Sentence) -> Iterator[Hit]:
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
    states = tuple(dict.fromkeys(codes_in(sentence, authors, "C")))
    if len(states) >= 2 and not hedged(sentence, match, 3):
        yield Hit(states, orgs_of(match, sentence, "orgs", "orgs2"))


RULES: tuple[_Rule, ...] = (
    _copular,
    _make_up,
    _joined,
    _apposition,
    _listed_with,
    _acting_as,
    _its_partners,
    _owners_partners,
    _welcome_as,
    _accession,
    _ranked,
    _chair,
    _inside,
    _members_summit,
)
