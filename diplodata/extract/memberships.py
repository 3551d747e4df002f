"""Memberships: statements that a state is a member of an international organization.

:func:`extract_memberships` reads each sentence holding a trigger word ("member", "ally",
"joined", "accession", ...) and, in an article naming an organization whose membership is
curated, each sentence naming four or more states. It rewrites the sentence with placeholders
(:mod:`diplodata.extract.membership_placeholders`), runs the per-sentence readers
(:mod:`diplodata.extract.membership_sentences`) and the readers of the document around the
sentence (:mod:`diplodata.extract.membership_context`), resolves anaphoric subjects and
organizations implied by the context, and keeps each (state, organization) pair once.
Organizations meant but not named (a bare "Customs Union", "the alliance" after NATO) come
from :mod:`diplodata.extract.membership_orgs`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from diplodata.extract import lexicon
from diplodata.extract import membership_patterns as P
from diplodata.extract.membership_context import (
    complete_list,
    context_org,
    following_lines,
    heads_list,
    resolve_anaphor,
    we_of_headline,
)
from diplodata.extract.membership_orgs import sentence_organizations
from diplodata.extract.membership_placeholders import Hit, Sentence, with_placeholders
from diplodata.extract.membership_sentences import RULES
from diplodata.extract.text import Doc
from diplodata.extract.when import article_anchor
from diplodata.models import MembershipFact

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
        if not (named or listing or context_org(doc, index, Sentence(span, raw, [], []), True)):
            continue
        sentence = with_placeholders(doc, span, named)
        names = {o.code: o.surface for o in named}
        hits: Iterable[Hit] = ()
        if triggered:
            hits = itertools.chain(
                (hit for rule in RULES for hit in rule(sentence)),
                heads_list(doc, index, sentence),
                following_lines(doc, index),
                we_of_headline(doc, index, sentence),
            )
        if listing:
            hits = itertools.chain(hits, complete_list(sentence, curated, year))
        for hit in hits:
            members = hit.members
            if hit.anaphor:
                recent = memory if memory_index >= index - 1 else ()
                members = resolve_anaphor(doc, index, sentence, hit, recent)
            orgs = hit.orgs or context_org(doc, index, sentence, hit.ahead)
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
