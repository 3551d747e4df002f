"""Which organizations a sentence means, and lists of member states' heads, for the
memberships extractor.

Besides the organizations the lexicon finds by name, a sentence can mean one without naming
it:

* a bare "Customs Union" is the Eurasian one when two of its member states are named nearby
  and no European Community/Union (whose customs union Turkey is in) is named beside it;
* a lowercase descriptor ("the alliance", "the 27-nation bloc", "the union", "the
  Community", "the league", "the regional body") stands for the one organization of a
  fitting kind named earlier in the sentence, else in the three sentences before ("NATO ...
  the alliance", "the EAEU ... the union"), else, when those name no organization at all
  (none of its kind, for a capitalized short name: "the Forum", "the Bank") and for a kind
  narrower than "body" or "organization", the one of its kind the article
  named before (its headline: "ASEAN leaders meet ... The bloc's members"); when none or
  several fit, the descriptor stays plain text;
* a body missing from the lexicon, named by its capitalized proper name right after "a member
  of the" or "joined the" ("a member of the Energy Community"), becomes an organization with a
  code made from its name (``ENERGY_COMMUNITY``) and its name as written, unless a known
  acronym follows it in brackets ("the Pacific Rim Forum (APEC)" is APEC).

:func:`listed_heads` reads the heads listed after "heads of the X member states" ("President of
Kyrgyzstan A, President of Belarus B").
"""

from __future__ import annotations

import re
from functools import cache

from diplodata.extract import lexicon
from diplodata.extract import membership_patterns as P
from diplodata.extract.text import Doc
from diplodata.models import OrganizationMention

_EAEU_STATES = frozenset({"RUS", "BLR", "KAZ", "ARM", "KGZ"})

_ALLIANCES = frozenset({"NATO", "CSTO", "WARSAW_PACT"})
_UNIONS = frozenset({"EU", "EAEU", "UNION_STATE", "AU"})
_BLOCS = frozenset(
    {
        "EU",
        "EAEU",
        "CIS",
        "CSTO",
        "NATO",
        "SCO",
        "BRICS",
        "ASEAN",
        "MERCOSUR",
        "GCC",
        "ECOWAS",
        "AU",
        "EFTA",
        "COMECON",
        "WARSAW_PACT",
        "OTS",
        "GUAM",
        "VISEGRAD",
        "ARAB_LEAGUE",
        "EAC",
        "SADC",
        "SACU",
        "IGAD",
        "CELAC",
        "SAARC",
        "BIMSTEC",
        "D8",
        "IORA",
        "CARICOM",
        "APEC",
        "OPEC",
        "OPEC_PLUS",
        "QUAD",
    }
)
_KINDS: dict[str, frozenset[str]] = {
    "alliance": _ALLIANCES,
    "union": _UNIONS,
    "bloc": _BLOCS,
    "grouping": _BLOCS | {"G7", "G20"},
    "community": frozenset({"EU", "EAC", "ECOWAS", "SADC", "CARICOM", "ANDEAN_COMMUNITY"}),
    "league": frozenset({"ARAB_LEAGUE"}),
    "cartel": frozenset({"OPEC", "OPEC_PLUS"}),
    "body": frozenset(),  # any one organization: "the regional body", "the organisation"
    "organization": frozenset(),
    "organisation": frozenset(),
    "group": frozenset({"G7", "G8", "G20", "CAIRNS", "VISEGRAD", "BRICS"}),  # "the group"
    "forum": frozenset({"PIF", "APEC"}),  # "the 18 Forum members"
    "association": frozenset({"IORA", "ASEAN", "SAARC", "EFTA"}),
    "bank": frozenset({"ADB", "AFDB", "IDB", "EBRD", "WB"}),  # "the Bank" (capitalized only)
}

# "the alliance", "the 32-member Alliance", "the military alliance", "the 27-nation bloc",
# "the union", "the Community" (capitalized only: "the international community" is not one).
DESCRIPTOR = re.compile(
    r"\b[Tt]he\s+(?:\d+\s+(?=[A-Z]))?(?:(?:\d+|[a-z]+)-(?:member|nation|country|state)\s+|"
    r"(?:[Mm]ilitary|[Ww]estern|[Tt]ransatlantic|[Dd]efen[cs]e|[Ss]ecurity|[Tt]rade|[Ee]conomic|"
    r"[Rr]egional|[Pp]olitical|[A-Z][A-Za-z]+-(?:based|led)|[Oo]il)\s+)?(?P<kind>[Aa]lliance|[Uu]nion|"
    r"[Bb]loc|[Gg]rouping|[Gg]roup|Community|[Ll]eague|cartel|body|[Oo]rgani[sz]ation|[Ff]orum|"
    r"[Aa]ssociation|Bank)\b"
    r"(?!\s+(?:of|[A-Z]))"
)


def _customs_union(
    doc: Doc, index: int, orgs: list[OrganizationMention]
) -> list[OrganizationMention]:
    """A bare "Customs Union" read as the EAEU (see the module docstring)."""
    span = doc.sentences[index]
    found = list(P.CUSTOMS_UNION.finditer(doc.text, span.start, span.end))
    if not found or any(o.code == "EU" for o in orgs):
        return []
    start = doc.sentences[max(index - 3, 0)].start
    if len({c.code for c in doc.countries_in(start, span.end)} & _EAEU_STATES) < 2:
        return []
    return _outside(found, "EAEU", orgs)


def _outside(
    found: list[re.Match[str]], code: str, orgs: list[OrganizationMention]
) -> list[OrganizationMention]:
    """Mentions of ``code`` for the matches not inside an organization's name."""
    return [
        OrganizationMention(m.start(), m.end(), code, m.group())
        for m in found
        if not any(o.start <= m.start() < o.end for o in orgs)
    ]


# "the Commonwealth", "Commonwealth members": the Commonwealth of Nations, or the CIS when the
# article names it; not "the Commonwealth Games", "the Commonwealth of Australia"
_COMMONWEALTH = re.compile(
    r"(?<=\b[Tt]he\s)Commonwealth(?:(?=['’]s?\s)|(?!\s+(?:of|[A-Z])|['’-]))|"
    r"\bCommonwealth(?=\s+(?:members?|member\s+states|countries|nations|partners)\b)"
)


def _commonwealth(
    doc: Doc, index: int, orgs: list[OrganizationMention]
) -> list[OrganizationMention]:
    """ "The Commonwealth" named alone (see :data:`_COMMONWEALTH`)."""
    span = doc.sentences[index]
    if "Commonwealth" not in doc.text[span.start : span.end]:
        return []
    code = "CIS" if any(o.code == "CIS" for o in doc.organizations) else "COMMONWEALTH"
    return _outside(list(_COMMONWEALTH.finditer(doc.text, span.start, span.end)), code, orgs)


def _called(org: OrganizationMention, word: str) -> bool:
    """ "The Organization" is a short name of the Organization of Turkic States (its name as
    written or its canonical name has the word), not of the EU."""
    known = lexicon.load().organization(org.code)
    names = f"{org.surface} {known.name if known else ''}".lower().replace("organis", "organiz")
    return word.lower().replace("organis", "organiz") in names


def _descriptors(
    doc: Doc, index: int, orgs: list[OrganizationMention]
) -> list[OrganizationMention]:
    """Descriptors ("the alliance") that stand for one organization named shortly before."""
    span = doc.sentences[index]
    window = doc.sentences[max(index - 3, 0)].start
    found: list[OrganizationMention] = []
    for match in DESCRIPTOR.finditer(doc.text, span.start, span.end):
        if any(
            o.start <= match.start() < o.end or match.start() <= o.start < match.end() for o in orgs
        ):
            continue
        fitting = _KINDS[match.group("kind").lower()]
        named = match.group("kind")[0].isupper()  # "the Forum", "the Bank": a short name
        for start in (span.start, window):  # the sentence's own first, then the window's
            before = [
                o.code
                for o in doc.organizations_in(start, match.start())
                if o.code in fitting or (not fitting and (not named or _called(o, match["kind"])))
            ]
            if len(set(before)) == 1:
                break
        if fitting and not (before if named else doc.organizations_in(window, match.start())):
            # none (of its kind, for a short name) nearby: the one of its kind named so far
            before = [o.code for o in doc.organizations_in(0, match.start()) if o.code in fitting]
        if len(set(before)) == 1:
            found.append(OrganizationMention(match.start(), match.end(), before[0], match.group()))
    return found


# Names of a state's own organs, or bare organs of a body already known ("the Security Council",
# which the lexicon knows as the UN's when it is named so).
_NATIONAL_BODY = re.compile(
    r"(?:National|Supreme|Security|State|Federal|Executive|Governing|General|Permanent|"
    r"Constitutional|Central|Regional|City|Municipal|Provincial|Local)\b"
)


def body_code(name: str) -> str:
    """Code of an organization known only by its name: "Energy Community" -> ENERGY_COMMUNITY."""
    return re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_")


def _known_acronym_after(doc: Doc, end: int, orgs: list[OrganizationMention]) -> bool:
    """A known organization's acronym in brackets right after ``end``."""
    bracket = re.match(r"\s*\(\s*", doc.text[end : end + 8])
    return bracket is not None and any(o.start == end + bracket.end() for o in orgs)


def _named_bodies(
    doc: Doc, index: int, orgs: list[OrganizationMention]
) -> list[OrganizationMention]:
    """Unknown bodies named as what states join (see the module docstring); not names that
    overlap a known organization, name a state ("the Soviet Union", "the Russian Security
    Council") or a state's organ ("the National Council")."""
    span = doc.sentences[index]
    found: list[OrganizationMention] = []
    for match in P.NAMED_BODY.finditer(doc.text, span.start, span.end):
        start, end = match.span("name")
        if (
            any(o.start < end and start < o.end for o in orgs)
            or any(c.code != "EUU" for c in doc.countries_in(start, end))
            or _NATIONAL_BODY.match(match["name"])
            or P.CUSTOMS_UNION.fullmatch(match["name"])  # read above, as the EAEU or nothing
            or _known_acronym_after(doc, end, orgs)  # "the Pacific Rim Forum (APEC)": APEC
        ):
            continue
        found.append(OrganizationMention(start, end, body_code(match["name"]), match["name"]))
    return found


def sentence_organizations(doc: Doc, index: int) -> list[OrganizationMention]:
    """Organizations named or meant in sentence ``index``, in text order."""
    span = doc.sentences[index]
    orgs = doc.organizations_in(span.start, span.end)
    extra = _customs_union(doc, index, orgs) + _commonwealth(doc, index, orgs)
    extra += _descriptors(doc, index, [*orgs, *extra])
    extra += _named_bodies(doc, index, [*orgs, *extra])
    return sorted([*orgs, *extra], key=lambda o: o.start) if extra else orgs


@cache
def _title_of_state() -> re.Pattern[str]:
    """ "President of (the) " ending right before a state: a head named by office and state."""
    return re.compile(
        rf"\b(?:{lexicon.load().office_pattern})s?\s+of\s+(?:the\s+)?$", re.IGNORECASE
    )


_LIST_SEPARATOR = re.compile(r"(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+|\s+as\s+well\s+as\s+)(?:the\s+)?")


def listed_heads(doc: Doc, index: int, start: int) -> tuple[tuple[str, ...], int]:
    """States of two or more heads named by office and state ("President of Kyrgyzstan A,
    Prime Minister of Armenia B") from ``start`` to the end of sentence ``index``, else in the
    next sentence, with the end of the sentence that lists them. Nothing when guests,
    observers or partners are listed too."""
    spans = [(start, doc.sentences[index].end)]
    if index + 1 < len(doc.sentences):
        spans.append((doc.sentences[index + 1].start, doc.sentences[index + 1].end))
    title = _title_of_state()
    for span_start, span_end in spans:
        states: list[str] = []
        previous = -1  # end of the last state counted: "Ambassadors of A, B and C"
        for c in doc.countries_in(span_start, span_end):
            listed = previous >= 0 and _LIST_SEPARATOR.fullmatch(doc.text, previous, c.start)
            if c.code != "EUU" and (
                listed or title.search(doc.text[max(c.start - 60, 0) : c.start])
            ):
                states.append(c.code)
                previous = c.end
            else:
                previous = -1
        if len(set(states)) >= 2:
            if P.LIST_HEDGE.search(doc.text[doc.sentences[index].start : span_end]):
                break
            return tuple(dict.fromkeys(states)), span_end
    return (), 0
