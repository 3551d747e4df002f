"""Meetings: encounters between named persons or state delegations of different sides.

One pass over the sentences that hold a trigger word (met, talks, negotiations, phone
conversation, summit, visit). For each trigger the sentence is read as
``SUBJECT ... TRIGGER with OBJECTS`` (or ``TRIGGER between A and B``, ``A-B TRIGGER``,
``visit to STATE``); subjects and objects are persons of the article (by name, alias,
office or pronoun) or states. Hypothetical, wished-for and habitual encounters are
skipped. Candidates are then merged: one encounter per participant set and date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Container
from dataclasses import dataclass, replace

from diplodata.extract import holders, lexicon
from diplodata.extract.meeting_parties import (
    AFTER_DATELINE,
    HEADS,
    Context,
    Item,
    chain_items,
    clause_start,
    delegation_after,
    find_between,
    find_hyphen_pairs,
    find_hyphen_states,
    find_objects,
    find_subjects,
    find_visit_host,
    is_official_trip,
    is_public_role,
    is_title_gap,
    note_pair,
    same_single_office,
    they_subjects,
)
from diplodata.extract.names import PARTICLES, given_names
from diplodata.extract.text import Doc
from diplodata.extract.when import (
    LOCATION_FORMS,
    MONTH_WORD,
    DateValue,
    event_date,
    is_future,
    stated_location,
    where_clause,
)
from diplodata.models import CountryMention, MeetingFact, MeetingKind, PersonFact

_TRIGGER = re.compile(
    r"\b(?:(?P<phone_call>(?:tele)?phone (?:conversations?|calls?|talks)|calls? with|"
    # "Bush telephoned X", "Bush called President X" (not "called on", "called for")
    r"(?:tele)?phoned(?! in\b)|called(?= (?-i:(?:up )?(?:[A-Z]|his |her )))|"
    r"calls?(?= between)|"
    r"spok(?:e|en) (?:(?:also|again|briefly|separately)\s+)?(?:by|on the|over the) (?:tele)?phone|"
    r"video ?(?:conference|call)s?)|"
    r"(?P<summit>[Ss]ummits?)|(?P<negotiations>[Nn]egotiations)|"
    r"(?P<talks>[Tt]alks|discussions with|conversations?[\"”]? with|consultations|"
    r"(?<=[Dd]uring the )(?:tele)?(?:phone )?conversation(?=,)|"  # "During the conversation, A
    # and B exchanged greetings"
    r"joint (?:press|news) (?:conferences?|briefings?)|"
    r"press (?:conferences?|statements|briefings?)(?= (?:by|of|with) )|"
    r"(?:held|had|holds|hold) (?:an? )?(?:[a-z-]+ )?discussions?|"
    r"had an? (?:[a-z-]+ )?conversation(?! with)|"
    r"(?:had|held) (?:an? )?(?:[a-z-]+ )?exchanges? (?:of views )?with|"
    r"(?:spoken?|speak(?:s|ing)?|talked) (?:(?:separately|today|yesterday|again|briefly|also) )*"
    r"(?:with|to)|"
    r"spoke(?= (?:today|yesterday|this (?:morning|afternoon|evening)|earlier today|"
    r"on (?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December) \d)))"  # "A and B spoke today"
    r")|"
    r"(?P<meeting>(?:host(?:s|ed|ing)?|g[ai]ves?|offer(?:s|ed)?) (?:a|an) (?:[a-z-]+ )?"
    r"(?:luncheon|lunch|dinner|banquet|reception|breakfast)(?: [^.;,]{1,40}?)? "
    r"(?:for|in honou?r of)(?= )|"
    r"(?:ha(?:ve|s|d)|hold|holds|held|host(?:s|ed)?) (?:(?:a|an) (?:[a-z-]+ )?)?(?:luncheon|lunch|"
    r"dinner|breakfast)(?= with\b)|"
    r"(?:breakfast|lunch|din)ed(?= with\b)|summoned|conferred(?: [a-z]+){0,4}?(?= with\b)|"
    r"bilateral(?= with\b)|"
    r"present(?:ed|s|ing)? (?:a copy of )?(?:his |her |their )?(?:letters? of )?credentials to|"
    r"met|meets?|[Mm]eetings?|sessions? of|received|receives|hosted|hosts|courtesy calls?(?: on)?|"
    r"(?<![Tt]he )(?<![Aa] )(?<!as )(?:host|receive)(?= (?:[A-Z]|his |her |the |visiting ))|"
    r"co-chaired by|"
    r"(?:co-chair(?:ed|ing)|(?<=to )co-chair)"  # not "the group I co-chair with X"
    r"(?: it| (?:the|a|an|its|their) [^.;,]{1,60}?)?(?= with\b)|"
    r"welcomed|welcomes|gathered|convened|paid (?:a|an) (?:[a-z]+ )?call on|"
    r"call(?:s|ed)? on|s[ai]ts? down with|"
    r"had (?:an? )?(?:[a-z-]+ )?interactions? with|interacted with)|"
    r"(?P<visit>[Vv]isit(?:s|ed|ing)?|trips?(?= to\b)|arriv(?:ed|es|e|ing) in)|"
    r"(?P<discussed>discussed|exchanged views))\b",
    re.IGNORECASE,
)
_MODAL = re.compile(
    r"\b(?:hope[sd]?|hoping|wants?|wish\w*|propos(?:e|ed|es|ing|al\s+to)|offer(?:s|ed|ing)?|"
    r"trying|tries|attempt\w*|"
    r"would|could|should|might|"
    r"[Ii]f|[Uu]ntil|[Uu]nless|refus\w+|declin\w+|ready|readiness|possib\w+|urg(?:e|es|ed|ing)|"
    r"called for|calls for|seek\w*|plans? to|planning|not|[Nn]o|never|without|cancel\w*|"
    r"postpon\w+|invit(?:e|es|ed|ing)|consider(?:s|ed|ing)?|regularly|often|every|constant\w*|"
    r"always|usually|"
    r"many times|times a)\b|n['’]t\b"  # "didn't even get to meet"
)
_EARLIER = re.compile(
    r"\b(?:the day before|the previous day|a day earlier|yesterday|last (?:week|month)|"
    r"on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"
)
_BY_PHONE = re.compile(r"[^.;]{0,80}?\b(?:by|on the|over the) (?:tele)?phone\b")
_HABIT = re.compile(r"\b(?:regularly|every (?:week|month|year|day)|many times|often)\b")
_ORDINAL = re.compile(
    r"\b(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th)|next|latest|previous|last)\s+"
    r"(?:round of\s+)?(?:meeting|session|round)s?\b",
    re.IGNORECASE,
)
_REPORTING = re.compile(r"\b(?:said|says|told|announced|confirmed|added)\b")
_CONDITION = re.compile(r"\b(?:[Ii]f|[Uu]nless|[Uu]ntil|[Ww]hether)\b")
_REPORTED_WOULD = re.compile(
    r"\bwould(?=\s+(?:also\s+)?(?:meet|hold|visit|travel|host|receive|attend|go|fly|lead)\b|(?:\s+also)?\s*$)"
)
# "the summit came less than a week after A met B": an earlier encounter, not the report's
_SOME_TIME_AFTER = re.compile(
    r"\b(?:days?|weeks?|months?|years?) (?:after|before)\s+(?:\S+\s+){0,6}$"
)
_NOT_PLANNED = re.compile(
    r"[^.;]{0,80}?\b(?:is|was|are|were)\s+not\s+(?:planned|scheduled|expected|foreseen|"
    r"on the agenda)\b"
)
_WOULD_MEET = re.compile(r"\bwould (?:also )?(?:meet|receive|host|hold|visit|travel|attend)\b")
_HEDGE = re.compile(r"\b(?:what|which) (?:could|might|would) be (?:the|their|its) (?:first|last)\b")
_THEIR = re.compile(r"\btheir\s+(?:(?!(?:to|of|for|with|in|on|and|at)\s)[\w-]+\s+){0,4}$")
_DEFINITE = re.compile(r"\bthe\s+$")  # "following the talks": the ones just reported
_YEAR_BEFORE = re.compile(r"\b(?:19|20)\d\d\s+$")
_DAY_BEFORE = re.compile(rf"\b[Tt]he\s+(?:{MONTH_WORD})\.?\s+\d{{1,2}}\s+(?:[a-z-]+\s+){{0,2}}$")
_AT_MEETING = re.compile(
    AFTER_DATELINE + r"(?:[A-Z][a-z]+ing (?:to (?:reporters|journalists|the press) )?"
    r"(?=after|following|during|at))?"  # "Speaking after talks with X, Y said"
    r"(?:(?:[Aa]t|[Dd]uring|On the sidelines of) (?:a|an|the|their) (?:[\w-]+ ){0,3}|"
    r"In (?:(?:a|an|the|his|her|their) )?(?:[a-z-]+ ){0,2}|"
    r"(?:[Ff]ollowing|[Aa]fter|In follow[- ]up to) (?:(?:a|an|the|their) )?(?:[\w-]+ ){0,2})$"
)
_TITLED = re.compile(
    r"\b(?:President|Prime Minister|Minister|Chancellor|Ambassador|Secretary|King|Mr|Mrs|Ms)"
    r"\.?\s+[A-Z][a-z]"
)
_AGREED = re.compile(
    r"\b(?:agreed|decided|instructed \w+) to (?:hold|convene|organi[sz]e) "
    r"(?:a|an|the) (?:[\w-]+ )?$"
)
_COMMISSION = re.compile(
    r"\s+of\s+the\s+(?:[A-Z][\w-]*\s+){0,4}(?:Commission|Committee|Working Group)\b"
)
_ABSTRACT_OBJECT = re.compile(  # "meet the Lisbon targets", "meeting US requirements"
    r"\s+(?:[\w'’-]+\s+){0,3}?(?:targets?|agenda|goals?|deadlines?|demands?|needs|criteria|"
    r"requirements?|expectations|costs|standards|obligations|commitments|conditions|"
    r"objectives|quotas?|thresholds?|shortfalls?)\b"
)
_DETERMINER = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Tt]heir|[Hh]is|[Hh]er|[Ii]ts|[Oo]ur|[Ee]ach)\s+"
    r"(?:[\w-]+\s+)?$"
)
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])\s+(?:[a-z][\w-]*\s+){0,3}")  # "Harris’ visit"
# "commended Prime Minister X for his historic visits to": his own, the praised person's
_PRAISED_FOR_OWN = re.compile(r",?\s+(?:for|on)\s+(?:his|her|their)\s+(?:[a-z][\w-]*\s+){0,3}")
# attendees of an encounter, not its sides: "A and B are among the leaders attending the
# meeting", "A and B were present during the meetings", "A, B and C also attended the summit"
_AMONG = re.compile(r"\b(?:among|present|accompan\w+)\b")
_RELATIVE = re.compile(r",\s*(?:who|which)\b[^,;]*,")  # ", who accompanied X,"
_ATTENDED = re.compile(
    r"\b(?:attend(?:ed|s|ing)?|took part in|participat\w+ in)\s+(?:(?:a|an|the)\s+)?"
    r"(?:(?!and\b|will\b|to\b|then\b)[\w-]+\s+){0,3}$"
)
_PAST = re.compile(r"\b(?:held|met|had|was|were|took)\b")
_PAST_TRIGGER = re.compile(r"(?:met|received|hosted|visited|spoke|talked|conferred|welcomed)\b")
# an encounter recalled: "had met", "previously"; not "had brief interactions with"
_RECALLED = re.compile(
    r"\b(?:had(?!\s+(?:(?:a|an|the|brief|bilateral|separate|several|\w+ly)\s+)*(?:[\w-]+\s+)?"
    r"(?:meetings?|talks|interactions?|conversations?|discussions?|calls?|exchanges?|"
    r"consultations)\b)|[Ll]ast time|previously|recently|in the past|ago|once)\b"
)
# an encounter announced as still to come, beside one already held with the same parties
_UPCOMING = re.compile(
    r"\b(?:upcoming|forthcoming|next|scheduled|planned|future|follow-up)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:meeting|visit|talks|summit|call|negotiations)\b"
)
# a past the dateline cannot be: "the recent summit meetings", "talks held previously"
_LONG_AGO = re.compile(r"\b(?:[Ll]ast time|previously|recent(?:ly)?|in the past|ago)\b")
# a meeting noun that is what someone talks about, not an encounter of the sentence's
# subjects: "the two leaders discussed the ongoing negotiations in Doha"
_TOPIC_OF = re.compile(
    r"\b(?:discuss(?:ed|es|ing)?|review(?:ed|s|ing)?|address(?:ed|es|ing)?|about|regarding|"
    r"concerning|focus(?:ed|es|ing)?\s+on|updates?\s+on|briefed\s+(?:\w+\s+){1,3}?on|progress\s+(?:in|of|at))\s+"
    r"(?:the\s+|these\s+|those\s+)?(?:(?!(?:with|and|at|during|in|on|before|after|ahead)\b)[\w-]+\s+){0,2}$"
)
_NOUN_KINDS = frozenset({"summit", "negotiations", "talks", "meeting", "visit"})


@dataclass(slots=True)
class _Cand:
    keys: tuple[str, ...]
    kind: MeetingKind
    start: int
    end: int
    date: tuple[str, str] | None
    location: CountryMention | None
    agreed: bool = False  # "agreed to hold a meeting of ...": a later session, kept apart
    weak: bool = False  # "A and B discussed": talks, unless another row already has them
    joined: bool = False  # one more participant "will also take part in the meeting"
    upcoming: bool = False  # "an upcoming meeting at the White House": another encounter
    by_report: bool = False  # after the lead, dated only by the report's date: "In his
    # meeting with X, ..." refers back to the one the article dated


_APPEARANCE = re.compile(r"(?i)(?:joint )?(?:press|news) ")  # two speak to the press together
_INVITED = re.compile(r"\binvit(?:ed|es)\s+(?:[\w.-]+\s+){0,5}?(?:to\s+)?(?=\S*$)")
_ACCEPTED = re.compile(r"\baccepted\s+(?:the|an|this|that)\s+invitation\b")
_GUEST = re.compile(r"\s+invit(?:ed|es)\s+(?:[A-Z][\w.-]*\s+){0,4}$")


def _invited_guest(ctx: Context, m: re.Match[str], s_start: int) -> list[Item]:
    """ "A invited B to visit X (and B accepted)": B, the guest, and A, the host."""
    people = [i for i in ctx.items_in(s_start, m.start()) if not i.is_state]
    if len(people) < 2 or not re.fullmatch(r"\s+to\s+", ctx.doc.text[people[-1].end : m.start()]):
        return []
    host, guest = people[-2], people[-1]
    if not _GUEST.fullmatch(ctx.doc.text, host.end, guest.start) or host.key == guest.key:
        return []
    return [guest, host]


def _parties(ctx: Context, m: re.Match[str], s_start: int, s_end: int) -> list[list[Item]]:
    """Participant groups of one trigger: "between A and B", "SUBJECT ... with OBJECTS",
    "A-B talks", "visit to STATE"; "conversations with A and B" gives one group each."""
    t_start, t_end = m.span()
    kind = m.lastgroup
    if between := find_between(ctx, t_end, s_end):
        return [between]
    if kind == "visit" and (invited := _invited_guest(ctx, m, s_start)):
        return [invited]
    if m.group() == "visiting" and _attributive(ctx, t_end, s_end):
        return []  # "visiting U.S. Agriculture Secretary X said": who he is, not a trip
    if kind in ("meeting", "talks", "summit") and (leaders := _leaders_list(ctx, t_end, s_end)):
        return [leaders]  # "the meeting of the leaders of Russia, Azerbaijan and Armenia"
    if m.group() == "co-chaired by":  # "a session co-chaired by A and B": they met
        chairs = find_objects(ctx, t_end, s_end, verb=True)
        return [chairs] if len({i.key for i in chairs}) > 1 else []
    subjects = (
        they_subjects(ctx, s_start, t_start)
        or _possessor(ctx, s_start, t_start)
        or find_subjects(ctx, s_start, t_start)
    )
    verb = (
        kind == "meeting"
        and (
            m.group()[0] in "mrhw"
            or m.group().endswith((" on", " with", " for", " honour of", " honor of"))
        )
    ) or m.group() in ("phoned", "telephoned", "called", "summoned")  # "telephoned X"
    objects = find_objects(ctx, t_end, s_end, verb=verb)
    if m.group() == "called" and objects and _NAMED_AS.match(ctx.doc.text, objects[-1].end):
        return []  # "called President X a killer": what he called him, not a call
    if kind == "discussed" and not objects:
        objects = _discussed_with(ctx, t_end, s_end)
    if m.group().startswith("welcom"):  # "welcomed President X to the White House" (a
        objects = [o for o in objects if not o.is_state][:1]  # person, not "welcomed Sweden")
        if not objects:
            return []
    hosts: list[Item] = []
    if kind == "visit" and not objects and len(subjects) <= 1:  # not a joint trip of two
        objects = hosts = find_visit_host(ctx, t_end, s_end, subjects[0].key if subjects else None)
    if kind == "visit" and not objects and m.group() == "visited":  # "X visited Mr Y"
        objects = [i for i in find_objects(ctx, t_end, s_end, verb=True)[:1] if not i.is_state]
    nominal = kind == "visit" and m.group().lower() in ("visit", "visits")
    if (
        nominal
        and (not (objects and subjects) or _VISIT_GUEST.match(ctx.doc.text, t_end, s_end))
        and (guest_host := _visit_of(ctx, m, s_start, s_end, subjects))
    ):
        return [guest_host]  # "the visit of X to Y", "a Minsk visit by X"
    pronoun = len(subjects) == 1 and subjects[0].start == subjects[0].end == t_start
    if pronoun and subjects[0].key in {o.key for o in objects} and ctx.protagonist:
        subjects = [Item(t_start, t_start, ctx.protagonist)]  # "he met X": not X himself
    if subjects and _AMONG.search(_RELATIVE.sub("", ctx.doc.text[subjects[-1].end : t_start])):
        return []  # "A and B are among the leaders attending the meeting": attendees (not
        # "A, who accompanied B, met C")
    if len(subjects) > 1 and _ATTENDED.search(ctx.doc.text, subjects[-1].end, t_start):
        return []  # "A, B and C also attended the summit" (not "A took part in it with B")
    # "A and B visited X" is a trip together, not an encounter between them
    groups = [subjects + objects] if subjects and (objects or kind != "visit") else []
    if not subjects and len({o.key for o in objects}) > 1 and _APPEARANCE.match(m.group()):
        groups = [objects]  # "Press statements by Chancellor A and President B": together
    if subjects and len(hosts) > 1:  # "visits to both Athens and Ankara": one visit each
        groups = [[*subjects, h] for h in hosts]
    separate = (
        m.group().endswith(("s", "s with"))
        or bool(
            re.search(
                r"\bseparate(?:ly| calls| conversations| meetings)\b", ctx.doc.text[s_start:s_end]
            )
        )
        or m.group() in ("phoned", "telephoned", "called")
    )  # "spoke separately to A and B",
    # "In separate calls, he spoke with A and B"; "telephoned A and B": a call each
    if len(objects) > 1 and re.search(
        r"\band with\b", ctx.doc.text[objects[0].end : objects[-1].start]
    ):
        separate = True  # "she also met with A, and with B": one encounter each
    if separate and kind != "negotiations" and len(subjects) == 1:
        groups = [[*subjects, o] for o in objects]
    if not groups or len({i.key for i in groups[0]}) < 2:
        groups = find_hyphen_pairs(ctx, s_start, t_start, after=False) or groups
    if not groups or len({i.key for i in groups[0]}) < 2:
        groups = (
            (_fronted_with(ctx, m, s_start, s_end) if objects else [])  # "the meeting with X"
            or _their(ctx, s_start, t_start)
            or _fronted_with(ctx, m, s_start, s_end)
            or _at_meeting(ctx, m, s_start, s_end)
            or _meeting_of(ctx, m, s_end)
            or _during(ctx, m, s_start, s_end)
            or groups
        )
    unnamed = not groups or len({i.key for i in groups[0]}) < 2
    recalled = _YEAR_BEFORE.search(ctx.doc.text, max(s_start, t_start - 8), t_start) or (
        kind != "visit" and _DAY_BEFORE.search(ctx.doc.text, max(s_start, t_start - 40), t_start)
    )  # "the failed 2022 talks", "the December 30 telephone conversation"
    if unnamed and recalled and kind != "visit" and len(ctx.main) > 1:
        groups = [[Item(t_start, t_start, k) for k in ctx.main]]  # "the failed 2022 talks"
    return groups


# what someone was called: "called X a killer", "called X 'a friend'", "called X one of"
_NAMED_AS = re.compile(
    r"['’]s\b|['’]?\s+(?:a|an|the|his|her|its|their|one|as|[\"“‘'])(?:\s|\w|$)"
)  # and what he called: "called X's words an act of interference"

# "discussed the security situation and the strategy with": the topic, then "with"
_TOPIC_THEN_WITH = re.compile(r"[^,;:.!?()—–\"“”]{3,140}?\s+(?=with\s)")


def _attributive(ctx: Context, t_end: int, s_end: int) -> bool:
    """Whether "visiting" qualifies the titled person right after it ("visiting U.S.
    Agriculture Secretary X", "the visiting Japanese minister X"): titles only between."""
    person = next((i for i in ctx.items_in(t_end, s_end) if not i.is_state), None)
    if person is None or person.start - t_end > 80:
        return False
    gap = ctx.doc.text[t_end : person.start]
    return "," not in gap and bool(gap.strip()) and is_title_gap(gap, joined=False)


def _discussed_with(ctx: Context, t_end: int, s_end: int) -> list[Item]:
    """ "A discussed the security situation with Adviser to the Prime Minister B": the topic
    between the verb and "with" is skipped when a person is named right after "with" (not a
    state: "discussed relations with China" is a topic too)."""
    topic = _TOPIC_THEN_WITH.match(ctx.doc.text, t_end, s_end)
    if not topic:
        return []
    objects = find_objects(ctx, topic.end(), s_end, verb=False)
    return objects if objects and not objects[0].is_state else []


# "the visit of President X to Canada", "a Minsk visit next week by X": the guest after it
_VISIT_GUEST = re.compile(
    r"\s+(?:(?:official|state|working|first|two-day|three-day)\s+)*of\s+"
    r"|\s+(?:[\w-]+\s+){0,4}?by\s+"
)
# "a Washington visit", "his Ottawa official visit": the place right before the noun
_PLACE_ADJECTIVES = re.compile(r"\s+(?:(?:official|state|working|first|recent|planned)\s+)*$")


def _guest_end(text: str, m: re.Match[str], guest: Item) -> int:
    """Where the guest of a visit is named by: before the trigger, or right after it in
    "the visit of/by X"."""
    after = guest.start >= m.end() and re.fullmatch(
        r"\s+(?:[\w-]+\s+){0,4}?(?:of|by)\s+[^,.;]{0,80}", text[m.end() : guest.start]
    )
    return guest.end if after else m.start()


def _visit_of(
    ctx: Context, m: re.Match[str], s_start: int, s_end: int, subjects: list[Item]
) -> list[Item]:
    """Guest and host of a visit named as a noun: "the visit of President X to Canada",
    "a Washington visit later this month by X", "X's Ottawa visit"."""
    text = ctx.doc.text
    t_start, t_end = m.span()
    places = [
        s
        for s in ctx.states_in(max(s_start, t_start - 40), t_start)
        if _PLACE_ADJECTIVES.fullmatch(text, s.end, t_start)
        and ctx.doc.countries_in(s.start, s.end)[0].form in LOCATION_FORMS
    ]
    guest: Item | None = subjects[0] if len(subjects) == 1 and subjects[0].start < t_start else None
    by = _VISIT_GUEST.match(text, t_end, s_end)
    if by:
        at = by.end()
        people = [i for i in ctx.items_in(at, s_end) if not i.is_state]
        if people and is_title_gap(text[at : people[0].start], joined=False):
            guest = people[0]
    if guest is None or guest.is_state:
        return []
    if places:
        host = [places[-1]]
    else:
        to = re.match(r"[^.;,]{0,40}?\bto\b", text[guest.end : s_end])
        host = find_visit_host(ctx, guest.end + to.end(), s_end, guest.key) if to else []
        if not host and guest.start > t_end:  # "a visit to Moscow last week by X"
            host = find_visit_host(ctx, t_end, guest.start, guest.key)
    if not host and by and guest.start > t_end and "by" in by.group():
        return [guest]  # "the visit this week by X": X's visit, whoever the sentence's
        # subject; with no host named, no encounter
    if not host or ctx.country(host[0].key) == ctx.country(guest.key):
        return []
    return [guest, host[0]]


def _possessor(ctx: Context, s_start: int, t_start: int) -> list[Item]:
    """The party of "X's (official) visit" / "X's meeting": the person right before it; and
    of "A commended B for his visits to ...": B, the one praised for it."""
    before = [i for i in ctx.items_in(s_start, t_start) if not i.is_state]
    if before and _POSSESSIVE.fullmatch(ctx.doc.text, before[-1].end, t_start):
        return [before[-1]]
    if len(before) > 1 and _PRAISED_FOR_OWN.fullmatch(ctx.doc.text, before[-1].end, t_start):
        return [before[-1]]  # "A thanked B for his visit": B's visit, not A's
    return []


def _their(ctx: Context, s_start: int, t_start: int) -> list[list[Item]]:
    """ "their (joint) meeting": the participants of the encounters of the latest
    sentence that reported some, if it is this one or one of the two before ("the
    talks": this one or the one before); "the two leaders ... their talks" farther on: the
    article's main encounter's."""
    recent = ctx.recent
    window = max(s_start, t_start - 50)
    if _THEIR.search(ctx.doc.text, window, t_start) and (
        pair := _raised_with(ctx, s_start, t_start)
    ):
        return [pair]  # "A said he raised X with President B during their meeting"
    if (ctx.recent_age > 2 or len(recent) < 2) and _THE_TWO.search(ctx.doc.text, s_start, t_start):
        recent = ctx.main  # "the two leaders emphasised ... following their talks in Beijing"
    elif ctx.recent_age > 2:
        return []
    if len(recent) < 2:
        return []
    definite = ctx.recent_age == 0 and _DEFINITE.search(ctx.doc.text, window, t_start)
    if not definite and not _THEIR.search(ctx.doc.text, window, t_start):
        return []
    return [[Item(t_start, t_start, k) for k in recent]]


def _raised_with(ctx: Context, s_start: int, t_start: int) -> list[Item]:
    """The sentence's first person and the person "with" names last before the trigger,
    when "their" comes between: "A said he raised X with President B during their meeting"."""
    text = ctx.doc.text
    people = [i for i in ctx.items_in(s_start, t_start) if not i.is_state]
    if len(people) < 2 or people[0].key == people[-1].key:
        return []
    if not re.search(r"\bwith\s+(?:[\w.-]+\s+){0,4}$", text[people[-2].end : people[-1].start]):
        return []
    return [people[0], people[-1]]


_THE_TWO = re.compile(r"\b(?:[Tt]he two|[Bb]oth) (?:leaders|[Pp]residents|heads of state)\b")


def _fronted_with(ctx: Context, m: re.Match[str], s_start: int, s_end: int) -> list[list[Item]]:
    """ "Following a bilateral meeting with President X on June 8, Vice President Y
    announces ...", "During a call with X, Y said": X, and the subject of the main clause;
    "During their telephone conversation, A and B exchanged greetings": A and B."""
    text = ctx.doc.text
    if not _AT_MEETING.fullmatch(text, s_start, m.start()):
        return []
    their = _THEIR_OWN.search(text, s_start, m.start())
    objects = [] if their else find_objects(ctx, m.end(), s_end, verb=False)
    if not objects and _THE_ENCOUNTER.match(text, m.end()):
        their = _THE.search(text, s_start, m.start())  # "At the meeting, A and B ...": theirs
    if not objects and not their:
        return []
    comma_at = next(
        (n for n in range(1, len(objects)) if "," in text[objects[n - 1].end : objects[n].start]),
        0,
    )
    if comma_at and _VERB_AFTER.match(text, objects[-1].end):
        objects = objects[:comma_at]  # "Following the meeting with X, A and B held": X
    comma = _MAIN_CLAUSE.search(text, objects[-1].end if objects else m.end(), s_end)
    if comma is None:
        return []
    people = [i for i in ctx.items_in(comma.end(), s_end) if not i.is_state]
    if objects and not their and (not people or _WE.match(text, comma.end())):
        # "During the talks with X held yesterday, agreements were reached", "During talks
        # with X, we will outline ...": the speaker's, in a transcript
        speaker = ctx.speaker(s_start, m.start())
        if not speaker or speaker in {o.key for o in objects}:
            return []
        return [[Item(m.start(), m.start(), speaker), *objects]]
    if not people or people[0].key in {o.key for o in objects}:
        return []
    if not is_title_gap(text[comma.end() : people[0].start], joined=False):
        return []  # the first words after the comma are the subject's title
    subjects = chain_items(people, text, 0)  # "..., A and Trade Representative B asked"
    if their and len({s.key for s in subjects}) < 2:
        return []  # "During their call, A and B": the two named after it
    if not their and len(subjects) > 1 and _HELD_OWN.match(text, subjects[-1].end):
        subjects = subjects[:1]  # "Following the meeting with X, A and B held talks": A's
    return [[*objects, *(s for s in subjects if s.key not in {o.key for o in objects})]]


# a main clause with a first-person subject ("During talks with X, we will ...")
_WE = re.compile(r",?\s*(?:we|I)\b")
# "During their telephone conversation, A and B exchanged greetings"
# "A and B held an official meeting": the main clause reports an encounter of its own
_HELD_OWN = re.compile(
    r"\s+(?:also\s+)?(?:held|had|hold|have)\s+(?:an?\s+|their\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:meeting|talks|conversation|call)s?\b"
)
_VERB_AFTER = re.compile(r"\s+(?!(?:of|in|at|on|and|for|to|from|the)\b)[a-z]+\b")
_THEIR_OWN = re.compile(r"\b[Tt]heir\s+(?:[\w-]+\s+){0,2}$")
_THE = re.compile(r"\b(?:[Tt]he|[Tt]his)\s+(?:[\w-]+\s+){0,2}$")
_THE_ENCOUNTER = re.compile(r",\s")  # the trigger ends the fronted phrase: no "with X" after


# the comma that ends a fronted phrase (not one inside a title, "President X of Y,")
_MAIN_CLAUSE = re.compile(r",\s+(?=(?:the\s+)?(?:visiting\s+)?[A-Z])")


def _at_meeting(ctx: Context, m: re.Match[str], s_start: int, s_end: int) -> list[list[Item]]:
    """ "At a meeting of/with <body of state B>, <person of state A> said ...": the person
    and the other state(s) named in the phrase before the person."""
    text = ctx.doc.text
    if not _AT_MEETING.fullmatch(text, s_start, m.start()):
        return []
    people = [i for i in ctx.items_in(m.end(), s_end) if ctx.country(i.key)]
    comma = text.rfind(",", m.end(), people[0].start) if people else -1
    if comma < 0 or not is_title_gap(text[comma + 1 : people[0].start], joined=False):
        return []
    person = people[0]
    own = ctx.country(person.key)
    others = {
        c.key: c
        for c in ctx.states_in(m.end(), person.start)
        if c.key != own and not re.search(r"\b(?:in|at)\s+(?:the\s+)?$", text[: c.start][-12:])
    }  # "At a meeting with Belarusian officials" (not "During a meeting in Brussels")
    if not 1 <= len(others) <= 2:
        return []
    return [[person, *others.values()]]


_OF_WITH = re.compile(r"\s+of\s+(?:the\s+)?")
_OF_LEADERS = re.compile(
    r"\s+of\s+(?:the\s+)?(?:leaders|heads of state|presidents)\s+of\s+(?:the\s+)?"
)


def _leaders_list(ctx: Context, t_end: int, s_end: int) -> list[Item]:
    """States of "TRIGGER of the leaders of A, B and C" (their leaders are named later)."""
    heads = _OF_LEADERS.match(ctx.doc.text, t_end, s_end)
    if not heads:
        return []
    states = ctx.states_in(heads.end(), s_end)
    if not states or states[0].start != heads.end():
        return []
    group = chain_items(states, ctx.doc.text, 0)
    return group if len(group) >= 2 else []


def _meeting_of(ctx: Context, m: re.Match[str], s_end: int) -> list[list[Item]]:
    """ "The meeting of President A with President B": A, then the objects of "with"; "the
    meeting of A and B": both."""
    text = ctx.doc.text
    lead = _OF_WITH.match(text, m.end(), s_end)
    if not lead or m.lastgroup not in ("meeting", "talks", "negotiations", "phone_call"):
        return []

    people = [i for i in ctx.items_in(lead.end(), s_end) if not i.is_state]
    first = people[:1]
    if not first or not is_title_gap(text[lead.end() : first[0].start], joined=False):
        return []
    others = find_objects(ctx, first[0].end, s_end, verb=False)
    if not others:  # "the meeting of President A and President B"
        listed = chain_items(people, text, 0)
        return [listed] if len(listed) > 1 else []
    return [[first[0], *others]]


def _during(ctx: Context, m: re.Match[str], s_start: int, s_end: int) -> list[list[Item]]:
    """ "During the telephone conversation, A congratulated B": the first two persons of the
    main clause, when they serve two states."""
    text = ctx.doc.text
    if not _AT_MEETING.fullmatch(text, s_start, m.start()):
        return []
    comma = text.find(",", m.end(), s_end)
    if comma < 0 or comma - m.end() > 40:
        return []
    after = re.search(r"\b(?:Following|After|follow[- ]up)\b", text[s_start : m.start()])
    own_date = _EARLIER.search(text, m.end(), comma)  # "talks held the day before"
    if after and _TRIGGER.search(text, comma, s_end) and not own_date:
        return []  # "After the summit, A held talks with B": the talks are the encounter
    people = list({i.key: i for i in ctx.items_in(comma, s_end) if not i.is_state}.values())
    if len(people) < 2:
        return []
    a, b = people[:2]
    states = ctx.country(a.key), ctx.country(b.key)
    sides = [s or (k in ctx.persons and ctx.persons[k].serves_organization) for k, s in
             zip((a.key, b.key), states, strict=True)]  # fmt: skip
    return [[a, b]] if all(sides) and states[0] != states[1] else []


def _body_parties(
    ctx: Context, m: re.Match[str], s_end: int, groups: list[list[Item]]
) -> list[list[Item]]:
    """States of a session of a joint body ("the 10th meeting of the High-Level Strategic
    Council"): the body's own name, else the states of the persons holding it; a later
    "the first meeting" with no named parties refers back to the last such body."""
    t_start, t_end = m.span()
    text = ctx.doc.text
    body = re.match(r"\s+of\s+the\s+(?:[\w-]+\s+){0,4}[A-Z]", text[t_end : t_end + 60])
    if body and not _OF_LEADERS.match(text, t_end, s_end):  # leaders are no joint body
        pair = find_hyphen_states(ctx, t_end, s_end, after=True)
        states = [ctx.country(i.key) for i in groups[0]] if groups else []
        if pair:
            ctx.body = tuple(i.key for i in pair)
        elif states and None not in states and len(set(states)) > 1:
            ctx.body = tuple(sorted({s for s in states if s}))
        agreed = _AGREED.search(text, max(0, t_start - 40), t_start) and _COMMISSION.match(
            text, t_end, s_end
        )
        persons = sum(not i.is_state for i in (groups[0] if groups else []))
        if ctx.body and (persons < 2 or agreed):  # leaders agreed on a commission's session
            return [[Item(t_start, t_end, s, True) for s in ctx.body]]
    unnamed = not groups or len({i.key for i in groups[0]}) < 2
    if unnamed and ctx.body and _ORDINAL.search(text, max(0, t_start - 25), t_end):
        return [[Item(t_start, t_end, s, True) for s in ctx.body]]
    return groups


def _candidates(ctx: Context, m: re.Match[str], s_start: int, s_end: int) -> list[_Cand]:
    """The encounters one trigger word reports, with their date and place."""
    text = ctx.doc.text
    weak = m.lastgroup == "discussed"
    kind: MeetingKind = "talks" if weak else m.lastgroup  # type: ignore[assignment]
    if kind == "talks" and _BY_PHONE.match(text, m.end(), s_end):
        kind = "phone_call"  # "spoke to his counterpart X by phone"
    t_start = m.start()
    clause = clause_start(text, s_start, t_start)  # not "A said 'not X,' while B met C"
    window = _HEDGE.sub("", text[max(clause, t_start - 60) : t_start])
    if _REPORTING.search(text, s_start, t_start) and not _CONDITION.search(text, s_start, s_end):
        window = _REPORTED_WOULD.sub("", window)  # "he said he would meet X": announced
    accepted = _ACCEPTED.search(text, m.end(), s_end) and _INVITED.search(text, s_start, t_start)
    if accepted:  # "A invited B to visit X ..., and B accepted the invitation": a fixed visit
        window = _INVITED.sub("", window)
    if _MODAL.search(window) or _habitual(text, s_start, s_end, m) or _meets_a_goal(m, text):
        return []
    if _is_topic(m, text, s_start):
        return []
    if _NOT_PLANNED.match(text, m.end(), s_end):
        return []  # "a meeting with X was not planned"
    groups = _body_parties(ctx, m, s_end, _parties(ctx, m, s_start, s_end))
    found = []
    for group in groups:
        # the EU as a whole is no side of an encounter: its officials are, by name
        keys = tuple(dict.fromkeys(i.key for i in group if i.key != "EUU"))
        states = [ctx.country(k) for k in keys]
        # more than three: a named delegation, or the delegates of two sides (a bilateral
        # encounter; a multilateral one of more than three is not a row)
        two_sides = None not in states and len(set(states)) == 2
        largest = 8 if two_sides or delegation_after(ctx, m.end(), s_end) else 3
        one_state = None not in states and len(set(states)) < 2
        if one_state and same_single_office([ctx.role(k) for k in keys]):
            one_state = False  # two foreign ministers: an implied state is wrong, not the text
        if not 2 <= len(keys) <= largest or one_state:
            continue
        if _appeal(ctx, m, group, s_end):
            continue
        to_state = kind == "visit" and group[-1].key not in ctx.persons
        trip = m.group()[:4] == "trip" or to_state
        if _stateless(ctx, keys, s_start, s_end) or (
            trip and not is_official_trip(ctx, group, _guest_end(text, m, group[0]))
        ):
            continue
        date, location, reported = _when_where(
            ctx, kind, s_start, s_end, t_start, ahead=bool(accepted)
        )
        if to_state:  # a visit to a state takes place there
            host = group[-1].key
            location = CountryMention(t_start, t_start, host, ctx.lex.country_name(host), "name")
        agreed = bool(_AGREED.search(text, max(s_start, t_start - 40), t_start))
        if weak and (len(keys) < 2 or any(i.start == t_start for i in group)):
            continue  # only named parties that discussed with each other
        upcoming = bool(_UPCOMING.search(text, max(s_start, t_start - 40), m.end() + 40))
        found.append(
            _Cand(keys, kind, s_start, s_end, date, location, agreed, weak, upcoming=upcoming,
                  by_report=reported)
        )  # fmt: skip
    if not any(len({i.key for i in g}) > 1 for g in groups):
        ahead = is_future(text[s_start:s_end])  # "On Friday, X will take part in a meeting"
        stated = event_date(text, s_start, s_end, t_start, ctx.anchor, ahead)
        ctx.unnamed = (kind, stated, s_end) if stated else ctx.unnamed
    return found


# what a call on someone is for when it is a visit: "called on the President to discuss"
_CALL_PURPOSE = re.compile(
    r"[^.;:]{0,60}?\bto\s+(?!(?:discuss|review|exchange|brief|convey|deliver|present|hand|"
    r"pay|extend|congratulate|thank|bid)\b)[a-z]+"
)


def _appeal(ctx: Context, m: re.Match[str], group: list[Item], s_end: int) -> bool:
    """ "called on Putin to stop the war", "calls on Russia": an appeal, not a call paid
    on someone ("called on President X", "paid a courtesy call on the Prime Minister"); a
    call on someone is a visit to a person, and what it is for is no other act."""
    if " on" not in m.group():
        return False
    after = [i for i in group if i.start >= m.end()]
    if not after or any(i.key not in ctx.persons for i in after):
        return True
    return bool(_CALL_PURPOSE.match(ctx.doc.text, after[-1].end, s_end))


# where a clause ends after its trigger: "A and B met in Geneva in May, and they speak by
# telephone almost every week" (the habit is the second clause's)
_NEXT_CLAUSE = re.compile(r",?\s+(?:and|but|while|whereas)\s+(?=(?:they|he|she|we|the)\b)|;\s")


def _habitual(text: str, s_start: int, s_end: int, m: re.Match[str]) -> bool:
    """ "they meet regularly", "talks many times": a habit in the trigger's clause, not
    one encounter."""
    end = _NEXT_CLAUSE.search(text, m.end(), s_end)
    return bool(
        _HABIT.search(text, clause_start(text, s_start, m.start()), end.start() if end else s_end)
    )


def _is_topic(m: re.Match[str], text: str, s_start: int) -> bool:
    """A meeting noun that is the object of "discussed", "about", "briefed on": a topic."""
    noun = m.group()[:1].isupper() or not m.group().lower().startswith(
        ("met", "meets", "received", "receives", "hosted", "hosts", "welcom", "gathered")
    )
    own_parties = re.match(
        r"\s+(?:with|between|of|among|involving)\b", text[m.end() : m.end() + 12]
    ) or re.search(
        r"(?:\b(?:his|her|their|its)|['’]s)\s+(?:[\w-]+\s+)?$",
        text[max(0, m.start() - 30) : m.start()],
    )  # "about his talks with Mr X", "progress in talks between A and B": an encounter
    return (
        noun
        and m.lastgroup in _NOUN_KINDS
        and not own_parties
        and bool(_TOPIC_OF.search(text, max(s_start, m.start() - 60), m.start()))
    )


def _stateless(ctx: Context, keys: tuple[str, ...], s_start: int, s_end: int) -> bool:
    """Persons only, none of a known state, in a sentence naming no state: nothing shows
    two sides ("Two councillors met Mr Hale"), so it is local politics, not diplomacy."""
    if any(k not in ctx.persons or ctx.country(k) for k in keys):
        return False
    return not ctx.doc.countries_in(s_start, s_end)


def _meets_a_goal(m: re.Match[str], text: str) -> bool:
    """ "meeting the Lisbon targets", "unwilling to meet US requirements": the verb "meet"
    with an abstract object (a target, demand, need, cost) is no encounter."""
    if m.lastgroup != "meeting" or not m.group().startswith("me"):
        return False
    if _DETERMINER.search(text, max(0, m.start() - 30), m.start()):
        return False  # "the meeting agenda", "their meeting costs": the noun
    found = _ABSTRACT_OBJECT.match(text, m.end(), m.end() + 60)
    return found is not None and not re.search(r"\bwith\b|[,;:]", found.group())


def _when_where(
    ctx: Context, kind: str, s_start: int, s_end: int, t_start: int, ahead: bool = False
) -> tuple[tuple[str, str] | None, CountryMention | None, bool]:
    """Date and place of an encounter. Without a stated date, the date of an encounter
    with unnamed parties in the sentence before ("On May 5-6 he had calls with CIS
    leaders. He had calls with A and B.") is its date; else an encounter reported in
    the lead (or not recalled as past) is dated by the dateline; one dated by the dateline
    took place at the dateline's place, and "here" in a transcript is the main meeting's place.
    Also says whether the date is the dateline's for want of a stated one."""
    text = ctx.doc.text
    future = ahead or (
        is_future(text[s_start:s_end])
        and not _PAST.search(text, max(s_start, t_start - 30), t_start)
        and not _past_trigger(text, s_start, t_start)
    )
    # "said X would receive Y on Thursday": the coming Thursday (yet dated by the report
    # when no day is given, as an announcement made that day)
    onward = future or bool(_WOULD_MEET.search(text, s_start, s_end))
    # "a tour that took him to A, where he met X on Monday, and to B, where he met Y on
    # Tuesday": each "where" clause has its own date
    lo, hi = where_clause(text, s_start, s_end, t_start)
    date = event_date(text, lo, hi, t_start, ctx.anchor, onward)
    if date is None and (header := _section_date(ctx, s_start)):
        date = header  # an agenda's "Thursday 15 March" over the items of that day
    reported = False
    before = ctx.unnamed and ctx.unnamed[0] == kind and not text[ctx.unnamed[2] : s_start].strip()
    if date is None and ctx.unnamed and before:  # details of the sentence before's encounter
        date = ctx.unnamed[1]
    comma = text.find(",", t_start, s_end)
    recalled = _RECALLED.search(text, s_start, s_end if comma < 0 else comma)  # its clause
    # a headline's joint press conference is the transcript's, of the day it is dated
    in_headline = s_start < ctx.headline_end
    appearance = in_headline and bool(_APPEARANCE.match(text, t_start))
    headline = in_headline and not appearance
    if (
        date is None
        and ctx.anchor
        and not headline
        and not future  # "X will hold talks with Y" is not dated by the announcement
        and (s_start < ctx.lead_end or not recalled)
        and not _LONG_AGO.search(text, s_start, s_end if comma < 0 else comma)
        and not _SOME_TIME_AFTER.search(text, s_start, t_start)
    ):
        date, reported = (ctx.anchor.isoformat(), "day"), True
    location = stated_location(ctx.doc, s_start, s_end, t_start, kind)
    if location is None and appearance:  # "..., Joint Press Conference, Parliament
        cities = [  # House, Canberra": the title's last city
            c for c in ctx.doc.countries_in(s_start, s_end) if c.form in ("capital", "city", "seat")
        ]
        location = cities[-1] if cities else None
    if location is None and kind != "phone_call":
        if date and ctx.anchor and date[0] == ctx.anchor.isoformat():
            location = ctx.home  # "MINSK, 2 September - X met Y today": the dateline's place
        elif re.search(r"\bhere\b", text[s_start:s_end]):
            location = ctx.main_location  # "here" in a transcript: the main meeting's place
    return date, location, reported


def _past_trigger(text: str, s_start: int, t_start: int) -> bool:
    """Whether the trigger is a verb in the past tense ("I met X in March, and next week we
    will ..."), not a participle after "to be" ("is to be received on Monday")."""
    if not _PAST_TRIGGER.match(text, t_start):
        return False
    return not _TO_BE.search(text, max(s_start, t_start - 8), t_start)


_TO_BE = re.compile(r"\b(?:be|been|being|to)\s+$")


def _section_date(ctx: Context, s_start: int) -> DateValue | None:
    """The day of the agenda section a sentence stands in: the last line above it that is
    only a day, below the article's own date line; a heading that is only a weekday
    ("MONDAY" in a week's digest) is the last such day on or before the article's date."""
    at = bisect.bisect_left(ctx.day_lines, s_start, key=lambda h: h[0])
    week = bisect.bisect_left(ctx.weekday_lines, s_start, key=lambda h: h[0])
    dated = ctx.day_lines[at - 1] if at else None
    weekday = ctx.weekday_lines[week - 1] if week else None
    if weekday and (dated is None or weekday[0] > dated[0]):
        name = ctx.doc.text[slice(*weekday)].strip().title()
        return event_date(name, 0, len(name), 0, ctx.anchor, False)
    if dated is None:
        return None
    return event_date(ctx.doc.text, dated[0], dated[1], dated[0], ctx.anchor, True)


def _days_before(date: tuple[str, str], anchor: dt.date, days: int = 3) -> bool:
    """Whether a day-precision date is one of the ``days`` days before ``anchor``."""
    return date[1] == "day" and 0 < (anchor - dt.date.fromisoformat(date[0])).days <= days


def _inferred_location(ctx: Context, c: _Cand, main: _Cand) -> CountryMention | None:
    """The place of an encounter its sentence does not locate, where the text implies it: a
    visit to a person, at the host's; one on the main encounter's day, at its stated place.
    No guess from the dateline or from someone's travels: a wrong place unmatches the row
    (measured on the synthetic sets: 28 error rows fewer without them)."""
    if c.kind == "phone_call":
        return None
    host = ctx.country(c.keys[-1]) if c.kind == "visit" and c.keys[-1] in ctx.persons else None
    if host:  # "X visited Mr Y": at the host's home
        return CountryMention(c.start, c.start, host, ctx.lex.country_name(host), "name")
    if c.date and c.date == main.date and main.location:
        return main.location
    return None


def _headline_call(ctx: Context, call: _Cand, other: _Cand) -> bool:
    """A call the headline or the lead reports without a date is the day's ("Telephone
    conversation with X", "During the telephone conversation, A and B exchanged greetings"):
    not an encounter of another kind the text dates to another day."""
    if call.kind != "phone_call" or call.date or call.start >= ctx.lead_end:
        return False
    if other.kind == "phone_call" or not other.date or ctx.anchor is None:
        return False
    day = ctx.anchor.isoformat()
    return not day.startswith(other.date[0]) and not _days_before(other.date, ctx.anchor)


def _compatible(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    return a is None or b is None or a[0].startswith(b[0]) or b[0].startswith(a[0])


def _same_parties(ctx: Context, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same participants, a person given once in full and once by another form of the
    name ("Benjamin Netanyahu", "Bibi Netanyahu"; "Ishiba", "Ishiba Shigeru"): the same
    state and a name word in common."""
    if set(a) == set(b):
        return True

    def one(x: str, y: str) -> bool:
        if x == y:
            return True
        if x not in ctx.persons or y not in ctx.persons or ctx.country(x) != ctx.country(y):
            return False
        wx, wy = ([w for w in n.split() if w.lower() not in PARTICLES] for n in (x, y))
        if set(wx) <= set(wy) or set(wy) <= set(wx):
            return True  # "Ishiba", "Ishiba Shigeru"
        names = given_names()  # "Hamad bin Isa Al Khalifa" is not "Salman bin Hamad Al Khalifa"
        return wx[-1] == wy[-1] and not (wx[0] != wy[0] and wx[0] in names and wy[0] in names)

    return (
        len(a) == len(b)
        and all(any(one(x, y) for y in b) for x in a)
        and all(any(one(y, x) for x in a) for y in b)
    )


def _merge(ctx: Context, cands: list[_Cand]) -> list[_Cand]:
    """One candidate per encounter: same participants (or the same states given once by
    delegates and once by state names), compatible dates, calls kept apart from visits."""
    kept: list[_Cand] = []
    for c in sorted(cands, key=lambda c: c.weak):
        states = frozenset(ctx.country(k) or k for k in c.keys)
        for k in kept:
            by_state = any(x not in ctx.persons for x in (*k.keys, *c.keys))
            mine, theirs = ({x for x in keys if x in ctx.persons} for keys in (c.keys, k.keys))
            shared = not mine or not theirs or mine <= theirs or theirs <= mine
            shared = shared or "visit" not in (k.kind, c.kind)
            same = _same_parties(ctx, k.keys, c.keys) or (
                by_state and states == frozenset(ctx.country(x) or x for x in k.keys) and shared
            )  # "Russia and Ukraine held talks" and their delegates' talks; not two persons'
            # separate meetings with officials of one state, nor X's visit to a state and
            # other persons' talks
            if (k.joined or c.joined) and (
                set(k.keys) <= set(c.keys) or set(c.keys) <= set(k.keys)
            ):
                same = True  # the same encounter, with the participant who also took part
                if len(c.keys) > len(k.keys):
                    k.keys, k.joined = c.keys, True
            if same and c.weak:
                break
            both_visits = k.kind == c.kind == "visit"
            if k.location and c.location and k.location.code != c.location.code:
                # visits both ways; "X's visit to Y and his meeting with Z in W"; the same
                # pair's talks in two places and on two dates ("met in Rome on Thursday ...
                # last met in Tokyo earlier this month")
                two_places = "visit" not in (k.kind, c.kind) and bool(
                    k.date and c.date and k.date[0] != c.date[0]
                )
                same = same and not (both_visits or k.start == c.start or two_places)
            calls = (
                (k.kind == "phone_call") == (c.kind == "phone_call")
                or k.date is None
                or k.date == c.date
            )
            if any(
                x.upcoming and x.date is None and y.date and not y.upcoming
                for x, y in ((k, c), (c, k))
            ):
                same = False  # "met today ... look forward to their upcoming meeting at X"
            if any(_headline_call(ctx, x, y) for x, y in ((k, c), (c, k))):
                same = False  # "Telephone conversation with X" and their meeting last month
            back = c.by_report and c.start > k.start and k.date and not k.by_report
            back = back and _same_parties(ctx, k.keys, c.keys)  # the same persons
            if same and (_compatible(k.date, c.date) or back) and calls and k.agreed == c.agreed:
                if sum(x in ctx.persons for x in c.keys) > sum(x in ctx.persons for x in k.keys):
                    k.keys = c.keys
                    k.kind = c.kind if k.kind == "visit" else k.kind  # the talks of the visit
                if c.date and k.date is None:
                    k.start, k.end = c.start, c.end
                if c.date and not back and (k.date is None or len(c.date[0]) > len(k.date[0])):
                    k.date = c.date
                if not back:  # a report's own day and place are not the earlier encounter's
                    k.location = k.location or c.location
                break
        else:
            kept.append(c)
    return kept


def extract_meetings(doc: Doc, persons: list[PersonFact]) -> list[MeetingFact]:
    """Every encounter the article reports, once each."""
    ctx = Context(doc, persons)
    cands: list[_Cand] = []
    text = doc.text
    for sentence in doc.sentences:
        s_start, s_end = sentence.start, sentence.end
        in_sentence: list[_Cand] = []
        if cands and ctx.recent_age == 0 and _also_joins(ctx, cands[-1], s_start, s_end):
            ctx.recent_age += 1
            continue  # "X will also take part in the meeting": the one just reported
        for m in _TRIGGER.finditer(text, s_start, s_end):
            found = _candidates(ctx, m, s_start, s_end)
            if found and not ctx.main:
                ctx.main, ctx.main_location = found[0].keys, found[0].location
            in_sentence += found
            if (
                len(found) == 1
                and found[0].kind != "visit"  # a trip's host may be a guess
                and len(found[0].keys) == 2
                and all(map(ctx.persons.get, found[0].keys))
            ):
                note_pair(ctx, found[0].keys)  # "A spoke with B, and the two leaders will meet"
        ctx.recent_age += 1
        in_sentence = _visit_is_the_meeting(in_sentence, ctx.persons)
        if in_sentence:
            ctx.recent = tuple(dict.fromkeys(k for c in in_sentence for k in c.keys))
            ctx.recent_age = 0
        cands += in_sentence
        _update_last_subject(ctx, s_start, s_end)
    cands = [_leaders_of_states(ctx, _host_in_person(ctx, c)) for c in cands]
    merged = [c for c in _merge(ctx, cands) if _has_official_side(c, persons)]
    if merged:
        main = replace(merged[0])  # its place as the text gives it
        for c in merged:
            c.location = c.location or _inferred_location(ctx, c, main)
    anchor = doc.article.published_date
    return [_fact(c, anchor.year if anchor else None) for c in merged]


_HOST_CUE = re.compile(r"\b(?:invitation\s+of|hosted\s+by|guest\s+of|host,?)\b[^.;]*$")


def _host_in_person(ctx: Context, c: _Cand) -> _Cand:
    """ "Putin will visit China at the invitation of President Xi Jinping": a visit to a
    state whose head the same sentence names as the host is an encounter with that head."""
    host = c.keys[-1]
    if c.kind != "visit" or host in ctx.persons or not re.fullmatch(r"[A-Z]{3}", host):
        return c
    text = ctx.doc.text
    heads = {
        i.key
        for i in ctx.items_in(c.start, c.end)
        if i.key in ctx.persons
        and ctx.country(i.key) == host
        and ctx.persons[i.key].role in HEADS
        and i.key not in c.keys
        and _HOST_CUE.search(text, max(c.start, i.start - 90), i.start)
    }
    if len(heads) != 1:
        return c
    return replace(c, keys=(*c.keys[:-1], heads.pop()), kind="talks")


_ALSO_JOINS = re.compile(
    r"\b(?:will|would|is to|was to)?\s*also\s+(?:take|took|takes)\s+part\s+in\s+(?:the|this)\s+"
    r"(?:meeting|talks|negotiations|conversation|consultations)\b|\balso\s+(?:joined|attended|"
    r"participated\s+in)\s+(?:the|this)\s+(?:meeting|talks|negotiations|conversation)\b"
)


def _also_joins(ctx: Context, last: _Cand, s_start: int, s_end: int) -> bool:
    """ "Moussa Faki Mahamat will also take part in the meeting": one more participant of
    the encounter the sentence before reported."""
    match = _ALSO_JOINS.search(ctx.doc.text, s_start, s_end)
    if not match:
        return _joined_by(ctx, last, s_start, s_end)
    people = [i for i in ctx.items_in(s_start, match.start()) if not i.is_state]
    if len(people) != 1 or len(last.keys) >= 3:
        return False
    if people[0].key not in last.keys:
        last.keys = (*last.keys, people[0].key)
        last.joined = True
    return True


_JOINED_BY = re.compile(
    r"\b(?:was|were|will\s+be|would\s+be|is\s+to\s+be)\s+(?:also\s+)?(?:joined|accompanied)"
    r"\s+by\s+"
)
_HE = re.compile(r"\s*(?:[Hh]e|[Ss]he)\b")
_OTHER_CLAUSE = re.compile(r"[,;]\s+(?:while|whereas|and\s+(?:the|his|her))\b|;")
_SAID = re.compile(r"\s*(?:[\w.-]+\s+){1,4}?(?:said|says|told\s+\w+)\s+")


def _joined_by(ctx: Context, last: _Cand, s_start: int, s_end: int) -> bool:
    """ "X was joined by A, B and C" right after X's encounter: A, B and C took part too."""
    text = ctx.doc.text
    match = _JOINED_BY.search(text, s_start, s_end)
    if not match:
        return False
    before = [i for i in ctx.items_in(s_start, match.start()) if not i.is_state]
    other = _OTHER_CLAUSE.search(text, match.end(), s_end)  # ", while B was accompanied by"
    after = [
        i for i in ctx.items_in(match.end(), other.start() if other else s_end) if not i.is_state
    ]
    said = _SAID.match(text, s_start, match.start())
    if not before and _HE.match(text, said.end() if said else s_start):
        before = [Item(s_start, s_start, last.keys[0])]  # "He will be accompanied by A and B"
    if len(before) != 1 or before[0].key not in last.keys or not after:
        return False
    if "accompanied" in match.group() and last.kind != "visit":
        return False  # a visiting delegation's members (not aides sitting in on a meeting)
    if re.search(r"[;:]|\b(?:who|which)\b", text[match.end() : after[-1].start]):
        return False  # one list of companions, titles in any case ("central bank president")
    joined = [i.key for i in after if i.key not in last.keys]
    if not joined or len(last.keys) + len(joined) > 8:
        return False
    last.keys, last.joined = (*last.keys, *dict.fromkeys(joined)), True
    return True


_LEADERS_OF = re.compile(r"\b(?:leaders|heads of state|presidents)\s+of\s+(?:the\s+)?[A-Z]")


def _leaders_of_states(ctx: Context, c: _Cand) -> _Cand:
    """ "News conference following Russian-Hungarian talks" in an article naming one head of
    state or government of each state, on the day of the dateline: the talks are theirs."""
    if not all(k not in ctx.persons and re.fullmatch(r"[A-Z]{3}", k) for k in c.keys):
        return c
    today = c.date and ctx.anchor and c.date[0] == ctx.anchor.isoformat()
    leaders = _LEADERS_OF.search(ctx.doc.text, c.start, c.end)  # "the leaders of A, B and C"
    if not (today or leaders or (c.date is None and c.start < ctx.headline_end)):
        return c  # talks on another day ("the failed 2022 talks") may be any delegation's
    heads_of: list[str] = []
    for state in c.keys:
        heads = [p.name for p in ctx.persons.values() if p.country == state and p.role in HEADS]
        head = _most_named(ctx, heads)
        if head is None:
            return c
        heads_of.append(head)
    return replace(c, keys=tuple(heads_of))


def _most_named(ctx: Context, names: list[str]) -> str | None:
    """The one of ``names`` the article names most often, if it is named at least twice, and
    twice as often as any other ("the Chancellor" of the talks, not the President named
    once)."""
    if len(names) <= 1:
        return names[0] if names else None
    counts = sorted(((sum(i.key == n for i in ctx.items), n) for n in names), reverse=True)
    most, second = counts[0][0], counts[1][0]
    return counts[0][1] if most >= 2 and most >= 2 * second else None


def has_two_sides(meeting: MeetingFact, persons: list[PersonFact]) -> bool:
    """Not two officials of one state ("Macron and Le Maire met"), once every person's
    state is known: an encounter needs two sides."""
    by_name = {p.name: p for p in persons}
    states = set()
    for key in meeting.participants:
        person = by_name.get(key)
        if person is None:
            return True  # a state: the sides were checked when it was read
        if not person.country or person.serves_organization:
            return True
        states.add(person.country)
    return len(states) > 1 or same_single_office([by_name[k].role for k in meeting.participants])


def _visit_is_the_meeting(found: list[_Cand], persons: Container[str]) -> list[_Cand]:
    """ "A was received by B on his first visit to C": the visit is that encounter, not
    another one with whoever else heads C (a visit to the state itself stays)."""
    met = [c for c in found if c.kind != "visit"]
    return [
        c
        for c in found
        if c.kind != "visit"
        or not all(k in persons for k in c.keys)
        or not any(set(c.keys) & set(o.keys) and c.date == o.date for o in met)
    ]


def _has_official_side(candidate: _Cand, persons: list[PersonFact]) -> bool:
    """Diplomacy, not a film set, a rugby pitch or a boardroom: at least one side is a
    state, a person holding a public office (a title of the offices lexicon whose sphere
    is public, not a chief executive's), or a known office holder."""
    by_name = {p.name: p for p in persons} | {a: p for p in persons for a in p.aliases}
    for key in candidate.keys:
        person = by_name.get(key)
        if person is None or is_public_role(person.role) or holders.is_office_holder(person.name):
            return True
    return False


# what may stand before a sentence's subject: an opening phrase, then the subject's title
_OPENING_PHRASE = re.compile(
    r"(?:In|On|At|During|After|Following|Before|Later|Earlier|Also|Meanwhile|While|Whilst|"
    r"Upon|As|Since|When|Once|Speaking|Separately|Afterwards|Subsequently|Then|Today|Yesterday|"
    r"Last|This|Next|Besides|However|Moreover|Furthermore|Additionally|Similarly|Likewise|"
    r"Elsewhere|Shortly|Prior)\b[^,.;]{0,80},\s*"
)
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_SUBJECT_SLOT = re.compile(r"(?:(?:[A-Z][\w.'’-]*|of|the|and|for)\s+){0,8}")


_DATELINE_LEAD = re.compile(AFTER_DATELINE)  # "LONDON, April 13 (Reuter) - "


def _update_last_subject(ctx: Context, s_start: int, s_end: int) -> None:
    """The person a later "he"/"she" refers to: the sentence's subject (its first named
    person, after an opening phrase and a title), else its last named person; a titled name
    the article's person list does not know ("President X") makes it ambiguous; a sentence
    whose "he" or "she" comes before any name keeps the person it refers to. The
    persons a later "they" refers to: two or more joined by "and" opening a sentence."""
    named = [i for i in ctx.items_in(s_start, s_end) if not i.is_state]
    unknown = [
        t.start()
        for t in _TITLED.finditer(ctx.doc.text, s_start, s_end)
        if not any(i.start <= t.end() - 2 < i.end or t.end() - 2 == i.start for i in named)
    ]
    lead = _DATELINE_LEAD.match(ctx.doc.text, s_start, s_end)
    begin = lead.end() if lead else s_start
    opener = _OPENING_PHRASE.match(ctx.doc.text, begin, s_end)
    slot = opener.end() if opener else begin
    after = [i for i in named if i.start >= slot]
    fits = bool(after) and _SUBJECT_SLOT.fullmatch(ctx.doc.text, slot, after[0].start)
    subject = after[0] if fits else None
    first = named[0].start if named else s_end
    if subject and not unknown:
        ctx.last_subject = subject.key  # "X met A and B. He also ...": the subject goes on
    elif _PRONOUN.search(ctx.doc.text, s_start, first) and not unknown:
        pass  # "Later in the day he was received by B": "he" is still who he was
    elif named and (not unknown or named[-1].start > unknown[-1]):
        ctx.last_subject = named[-1].key
    elif unknown:
        ctx.last_subject = None
    pair = chain_items(named, ctx.doc.text, 0) if len(named) > 1 else []
    if len({i.key for i in pair}) >= 2 and pair[0].start - begin < 40:
        note_pair(ctx, tuple(dict.fromkeys(i.key for i in pair)))  # "A and B agreed ..."


def _fact(c: _Cand, article_year: int | None) -> MeetingFact:
    """The fact of a candidate; its place is in the state it belonged to at the time
    (Moscow in 1987: the Soviet Union)."""
    fact = MeetingFact(c.keys, c.kind, c.start, c.end)
    if c.date:
        fact = replace(fact, date=c.date[0], date_precision=c.date[1])  # type: ignore[arg-type]
    if c.location:
        year = int(c.date[0][:4]) if c.date else article_year
        state = lexicon.load().state_in(c.location.code, year)
        fact = replace(fact, location=c.location.surface, location_country=state)
    return fact
