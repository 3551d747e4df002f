"""Who took part in an encounter: participant references in a sentence.

Helpers of :mod:`diplodata.extract.meetings`. A participant is a person of the article,
found by name, alias, unnamed office ("the Russian President") or pronoun, or a state
(a delegation, "talks between Moscow and Kyiv", "Russian-Belarusian talks").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from diplodata.extract import lexicon
from diplodata.extract.datelines import dateline_country
from diplodata.extract.dates import WEEKDAYS, find_dates
from diplodata.extract.lexicon import SurfaceMatcher
from diplodata.extract.text import Doc
from diplodata.extract.titles import TITLE_MODIFIERS, office_of
from diplodata.extract.when import (
    MONTH_WORD,
    DateValue,
    article_anchor,
)
from diplodata.models import CountryMention, PersonFact
from diplodata.tables.resolve import name_key

_TIME_GAP = (
    r"(?:(?:today|yesterday|tomorrow)(?: (?:morning|afternoon|evening|night))?|tonight|here|there|"
    r"separately|also|again|briefly|recently|in person|in (?:a |an )?(?:[a-z]+ )?audience|"
    r"(?:earlier|later) (?:in|on) the (?:day|morning|afternoon|evening)|"
    r"(?:in|at) the (?:headquarters|seat|premises|offices?) of (?:the )?[A-Z][\w-]*"
    r"(?: (?:of |the |and )*[A-Z][\w-]*)*?(?= (?:[A-Z][\w.-]* )*[A-Z])|"  # "at the headquarters of
    # the General Secretariat Dr. X": a place ends where the guest's title or name begins
    r"(?:(?:last|this|earlier this|late last) (?:week|month)|earlier|later)(?=,? with\b)|"
    r"(?:(?:on|this|last|next) )?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"(?: (?:morning|afternoon|evening|night))?|"
    r"(?:from|at|in) (?:his|her|their) (?:[a-z]+ )?(?:hotel|office|residence|home|plane|car)|"
    r"(?:this|that|the same|in the|on the same) (?:morning|afternoon|evening|night|day)|"
    r"by (?:tele)?phone|"
    r"on the (?:tele)?phone|one-on-one|bilaterally|held|had|(?:several|a few|two|three) times|"
    r"twice|(?:to|for|at) (?:a |an )?(?:[a-z]+ )?(?:lunch|dinner|breakfast|banquet|reception)|"
    r"(?:in|at) (?:the )?[A-Z][\w-]*(?: (?:(?:de|da|das|do|dos|di|del|la|le|al|el|of|the) )*"
    r"[A-Z][\w-]*)*(?: (?:palace|residence|house|hall|headquarters|office|building))?"
    r"(?:, [A-Z][\w-]+(?: [A-Z][\w-]+)?(?=,))?|"
    # "at the Palácio das Necessidades", "at the Futungo de Belas palace", "at State House,
    # Entebbe,"
    r"for (?:(?:more|less) than |nearly |almost |about |around |over |some |roughly )?"
    r"(?:an?|one|two|three|four|five|six|\d+|half an?|several)(?: and a half)? (?:hours?|minutes?))"
    # "met for nearly two hours Tuesday with X"
)
_OBJECT_LEAD = re.compile(  # a closing quotation mark first: held "fruitful talks" with X
    rf"[\"”’']?[\s,]*(?:{_TIME_GAP}[\s,]+)*(?P<with>(?:with|alongside|along with|together with|by|"
    rf"from|"  # only after a call: "a phone call today from X" (find_objects)
    rf"(?:a |an )?(?:[a-z]+ )?(?:lunch|dinner|breakfast|banquet|reception) (?:for|in hono(?:u)?r "
    rf"of))\s+)?"
)
# fmt: off
_FUNCTION_WORDS = frozenset({
    "and", "of", "the", "for", "to", "in", "on", "his", "her", "their", "its", "our", "counterpart",
    "counterparts", "democratic", "opposition", "leader", "leaders", "chief", "head", "deputy",
    "first", "special", "senior", "top", "national", "security", "advisor", "adviser",
    "representative", "secretary", "general", "principal", "crown", "prince", "field",
    "marshal", "army", "staff", "state", "mr", "ms", "mrs", "dr", "de", "bin", "al", "von",
    "van", "el", "presidents", "premier", "representatives", "delegation", "delegations",
    "officials", "government", "visiting",  # "held talks with visiting Brazilian President X"
    "member",  # "A, member of the Politburo of the CPSU Central Committee, and B"
    "brother", "sister", "friend",  # "a call from his Tunisian brother President X"
    "both",  # "met both A and B"
    "comrade", "compañero", "compañera",  # state media's honorifics: "received comrade X"
    "negotiator", "diplomat", "emissary",  # "with North Korea's top negotiator, Vice ... X"
    "host", "hosts", "guest", "guests", "colleague", "colleagues",  # "met his host, Minister X"
})
# fmt: on
_GROUP = (
    r"(?:officials|delegations?|sides?|representatives|leaders|teams?|negotiators|counterparts)"
)
# a speaker label opening a transcript's paragraph: "President of Russia Vladimir Putin:"
_SPEAKER_LABEL = re.compile(r"[^\n:.!?\"“]{3,80}:\s")
# a speaker label opening a paragraph: "Prime Minister Abe: Prime Minister Modi, I ..."
_PARAGRAPH_LABEL = re.compile(r"(?:(?<=\n)|^)[^\n:.!?\"“]{3,80}:(?=\s)")
# a speaker label on a line of its own, for the paragraphs under it: "President Ruto:"
_LABEL_LINE = re.compile(r"^[^\n:.!?\"“]{3,80}:[ \t]*$", re.MULTILINE)
# a line that is only a day (and a place): an agenda's section header ("Thursday 15 March",
# "May 3:", "Tuesday 7 March – Jakarta")
_DAY_LINE = re.compile(
    rf"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?(?:[0-3]?\d(?:st|nd|rd|th)? "
    rf"(?:{MONTH_WORD})|(?:{MONTH_WORD}) [0-3]?\d(?:st|nd|rd|th)?)(?:,? (?:19|20)\d\d)?:?"
    r"(?:[ \t]+[–—-][ \t]+[A-Z][\w .'’-]{1,40})?[ \t]*$",
    re.MULTILINE,
)
# a digest's section heading that is only a day of the week ("MONDAY", "Tuesday"): the past
# week's day the items below it took place on
_WEEKDAY_LINE = re.compile(rf"^(?i:{'|'.join(WEEKDAYS)})[ \t]*$", re.MULTILINE)
# a headline naming the text's author: "Address by President X", "Remarks of Y"
_AUTHORED = re.compile(
    r"\b(?:[Aa]ddress|[Ss]peech|[Rr]emarks|[Ss]tatement|[Ii]nterview|[Mm]essage|[Oo]p-ed)\s+"
    r"(?:by|of|with)\b"
)
_PLURAL_GROUP = re.compile(
    r"\b(?:[Ww]e|[Oo]ur(?! (?:\w+ )?(?:ministers|officials|experts|delegations|teams|"
    r"negotiators|governments|businesses|companies|countries|parliaments|advisers))|"
    r"[Yy]ou and I|[Tt]he (?:two )?(?:leaders|[Pp]residents|parties|sides|interlocutors))\b"
)  # "we", "our talks"; not "our ministers will hold a session": others meet
_CLAUSE = re.compile(
    r"(?:,?\s+(?:and|but) that\s|;\s|,[\"”’']?\s+(?:while|whereas)\s|"
    r"(?<!\b[A-Z])[.!?]['\"”’]?(?=[A-Z][a-z])|"
    r"\swhen\s+(?=[A-Z][a-z]+ [A-Z])|"  # "to be signed when Chancellor X and Y meet"
    r"\s(?:said|says|announced|added|confirmed|stated|tweeted|wrote|"
    r"told (?:(?:(?:the|his|her) )?(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]*|reporters|"
    r"journalists|the press)(?=\s+that))(?:\s+that)?\s+"
    r"(?=(?:the\s+|bin\s+|al-|el-)?[A-Z](?!\w*day\b|(?:an|ebru|u|pri|a|ul|ugus|eptem|cto|ovem|ecem)\w*\s+\d)))"
)  # "A's spokesman said the President had spoken with X": the reported clause
# where a bare office starts a reference to its holder: a sentence's start, or after "with"
_BARE_BEFORE = r"(?:(?<=^)|(?<=[.!?]\s)|(?<=\n)|(?<=, )|(?<=\bwith\s)|(?<=\band\s))"
_NAME_NEXT = re.compile(r"\s+(?:[A-Z]|of\b)")  # "Prime Minister Modi", "President of France"
# a state's head left unnamed: "the Russian leader", "the Turkish president"
_UNNAMED_HEAD = re.compile(
    r"\s+(?:leader|president|prime minister|premier|chancellor|head of state)\b(?!\s+[A-Z])"
)
_LONE_DELEGATE = re.compile(r"\s+(?:official|envoy|diplomat|delegate)\b(?!\s+[A-Z])")
_STATES_VERB = re.compile(r"\s+(?:(?:are |were |is )?to |will |have |had |also )*")
_LEADER_ROLES = frozenset({"president", "prime minister", "king", "queen", "emir", "sultan"})
_COMPANY = re.compile(  # "talks with US bank X", "with Japanese car maker Y": a company
    r"\s+(?:[a-z][\w-]*\s+){0,2}(?:bank|firm|company|group|carrier|airline|maker|"
    r"manufacturer|producer|retailer|insurer|giant|conglomerate|operator|rival)s?\b"
)
# "his Azerbaijani counterpart", "the Chinese guest", "the Russian leader", "the Spanish
# official", "the French minister": the one person of that state in the article (a leader:
# the one head of state or government; a minister: the one minister)
_COUNTERPART = re.compile(
    r"\b(?:(?:[Hh]is|[Hh]er) (?P<dem>[A-Z][a-z]+) counterpart|"
    r"[Tt]he (?P<guest_dem>[A-Z][a-z]+) (?P<noun>guest|visitor|leader|top diplomat|official|"
    r"diplomat|envoy|minister|general|admiral|negotiator))\b(?!-)"
)
HEADS = frozenset({"president", "prime minister", "chancellor", "king", "queen", "emir"})


# what makes a title another office than its head noun: "deputy minister" is no "minister"
_SUBORDINATE = re.compile(r"\b(?:deputy|vice|assistant|under|junior|former|acting|ex|state)\b")


# a name set off after an office by a comma and honorifics: "the Foreign Minister, Mr X"
_APPOSED_NAME = re.compile(
    r",\s+(?:(?:Mr|Mrs|Ms|Dr|Prof|Hon|Sir|Dame|H\.\s?E|Rt\.?\s+Hon)\.?\s+)*(?=[A-Z])"
)
_OFFICE_GOES_ON = re.compile(r"\s*(?:(?:for|of|to|in|on|at)\b|,\s*[A-Z]|[A-Z-])")


def holds_office(role: str | None, office: str, *, by_head: bool = True) -> bool:
    """Whether an office the text names again alone is one of a person's: one of the offices
    the role joins with "and" ("deputy prime minister and foreign minister", each an office
    of the lexicon: not the "trade" of "minister for foreign affairs and trade"), or, for an
    office named by its head noun alone ("the minister", "the adviser"), the head of one of
    them that no "deputy" or "vice" subordinates ("foreign minister", not "deputy minister"
    nor "prime minister"), unless not ``by_head`` (a role the lexicon normalized: a
    "secretary of state" is a "foreign minister" but not "the minister")."""
    if not role:
        return False
    parts = re.split(r"\s+and\s+", role.lower())
    lex = lexicon.load()
    if len(parts) > 1 and not all(lex.office(part) for part in parts):
        parts = [role.lower()]
    for part in parts:
        if part == office:
            return True
        if (
            by_head
            and " " not in office
            and (
                part.endswith(" " + office) or part.startswith((f"{office} of ", f"{office} for "))
            )
            and part not in HEADS
            and not _SUBORDINATE.search(part)
        ):
            return True  # "foreign minister", "minister of foreign affairs"
    return False


def _a_minister(role: str | None) -> bool:
    """A minister's office, not a head of government's ("prime minister")."""
    return role is not None and "minister" in role and role not in HEADS


_BODY = re.compile(r"\s+of\s+(?:the\s+)?(?:joint\s+)?")
_ADJECTIVES = re.compile(
    r"(?:\s+(?:[A-Z][\w-]*|high-level|bilateral|trilateral|official|peace|intergovernmental))*\s+"
)


# offices a state gives several people at once, or no longer: two holders may be compatriots
_SHARED_OFFICE = re.compile(
    r"\b(?:former|ex|deputy|vice|assistant|under|junior|acting|state\s+secretary|of\s+state|"
    r"ambassador|envoy|senator|member|governor|mayor|spokes\w+|advis[eo]r|official|delegate|"
    r"representative|counsell?or|attach[eé]|general|admiral|commander|chief|head|director|"
    r"secretary|officer|aide)\b"
)


def same_single_office(roles: Sequence[str | None]) -> bool:
    """Whether two of these roles are one office that a state gives one person at a time
    (two foreign ministers, two presidents, a minister and "his counterpart"): their holders
    serve two states, whatever states were implied for them."""
    seen: set[str] = set()
    for role in roles:
        office = office_of(role)
        if not role or not office or office == "minister":
            continue
        if _SHARED_OFFICE.search(role) or _SHARED_OFFICE.search(office):
            continue
        if office in seen:
            return True
        seen.add(office)
    return False


@dataclass(frozen=True, slots=True)
class Item:
    """A participant reference in the text: a person's name or a state code."""

    start: int
    end: int
    key: str
    is_state: bool = False


# two-letter words that are no family name when capitalized at a sentence's start
_SHORT_WORDS = frozenset(
    re.findall(r"\w+", "An As At Be By Do Go He If In Is It Me My No Of On Or So To Up Us We")
)


def _surface(form: str) -> bool:
    """Whether a form of a person's name can be looked for in the text: three letters or
    more, or a two-letter family name ("Xi", "Hu", "Li"), not an English word."""
    if len(form) > 2:
        return True
    return len(form) == 2 and form.istitle() and form.isalpha() and form not in _SHORT_WORDS


def _name_items(text: str, persons: list[PersonFact]) -> list[Item]:
    """Every mention of a person by a form of their name. A form two persons share ("Kim"
    of Kim Dae-jung and Kim Jong-pil) is the one of them named by a form of their own most
    recently before it, else the first of them the text names by such a form."""
    owners: dict[str, list[str]] = {}
    for p in persons:
        for form in (p.name, *p.aliases):
            if _surface(form) and p.name not in owners.setdefault(form, []):
                owners[form].append(p.name)
    if not owners:
        return []
    found = SurfaceMatcher(owners, left=r"\w", right=r"\w").find(text)
    own = [(start, owners[form][0]) for start, _, form in found if len(owners[form]) == 1]
    items = []
    for start, end, form in found:
        names = owners[form]
        if len(names) > 1:
            before = [name for at, name in own if name in names and at < start]
            after = [name for at, name in own if name in names and at > start]
            names = before[-1:] or after[:1] or names[-1:]
        items.append(Item(start, end, names[0]))
    return items


class Context:
    """Per-article lookups: who is named where, offices, the article's date and place."""

    def __init__(self, doc: Doc, persons: list[PersonFact]) -> None:
        self.doc = doc
        self.lex = lexicon.load()
        # roles as offices: who is 'the Chancellor', who leads a state, who holds a post
        self.persons = {p.name: replace(p, role=office_of(p.role)) for p in persons}
        self.titles = {p.name: p.role.lower() for p in persons if p.role}  # as the text gives them
        self.anchor = article_anchor(doc.article)
        self.home = dateline_country(doc.text)
        title = doc.sentences[0] if len(doc.sentences) > 1 else None
        headline = (
            title
            and "\n" in doc.text[title.end : title.end + 2]
            and not find_dates(doc.text, title.start, title.end)
        )
        self.headline_end = title.end if title and headline else 0
        self.items: list[Item] = _name_items(doc.text, persons)
        self.items += self._office_items() + self._counterpart_items()
        self.items += self._title_items()
        self.items.sort(key=lambda i: i.start)
        self._item_starts = [i.start for i in self.items]
        self.main: tuple[str, ...] = ()
        self.main_location: CountryMention | None = None
        lead = doc.sentences[min(3, len(doc.sentences) - 1)] if doc.sentences else None
        self.lead_end = lead.end if lead else 0
        self.body: tuple[str, ...] = ()
        self.last_subject: str | None = None
        self.last_pair: tuple[str, ...] = ()  # "A and B celebrated ...": a later "they"
        self.pairs: list[tuple[str, ...]] = []  # every such pair, the latest last
        self.recent: tuple[str, ...] = ()  # participants of the latest sentence's encounters
        self.recent_age = 0  # sentences since then
        # kind, date and sentence end of a dated encounter whose parties were not named
        # ("On May 5-6 he had several phone calls with CIS leaders.")
        self.unnamed: tuple[str, DateValue, int] | None = None
        self.protagonist = _protagonist(self.items)
        self.author = self._author()
        self.label_lines = [m.span() for m in _LABEL_LINE.finditer(doc.text)]
        self.paragraph_labels = [  # "Prime Minister Abe: Thank you ..." opening a paragraph
            m.span()
            for m in _PARAGRAPH_LABEL.finditer(doc.text)
            if any(not i.is_state for i in self.items_in(*m.span()))
        ]
        body = doc.text.find("\n", doc.text.find("\n") + 1) + 1  # below title and date
        self.day_lines = [m.span() for m in _DAY_LINE.finditer(doc.text, body)]
        self.weekday_lines = [m.span() for m in _WEEKDAY_LINE.finditer(doc.text, body)]

    def _author(self) -> str | None:
        """The one person the headline names as the text's author ("Address by President
        of Ukraine X", "Remarks by President X at ..."), else the release's signatory."""
        if not self.doc.sentences:
            return None
        head = self.doc.sentences[0]
        by = _AUTHORED.search(self.doc.text, head.start, head.end)
        if not by:
            return self._signatory()
        named = {i.key for i in self.items_in(by.end(), head.end) if not i.is_state}
        return named.pop() if len(named) == 1 else None

    def _signatory(self) -> str | None:
        """The person who signs a minister's media release, on its last line or in the
        header lines between the title and the body ("Media release – Senator the Hon Penny
        Wong, Minister for Foreign Affairs"): one name and a title, no sentence."""
        text = self.doc.text.rstrip()
        header = []
        at = text.find("\n") + 1
        while 0 < at < len(text):  # the lines after the title, until the body's first
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            if text[at:end].rstrip().endswith((".", "!", "?", '"', "”")):
                break
            header.append((at, end))
            at = end + 1
        for start, end in [*header, (text.rfind("\n") + 1, len(text))]:
            line = text[start:end]
            if not line.strip() or len(line) > 120 or line.endswith((".", "!", "?", '"', "”")):
                continue
            named = {i.key for i in self.items_in(start, end) if not i.is_state}
            if len(named) == 1:
                return named.pop()
        return None

    def speaker(self, s_start: int, pos: int) -> str | None:
        """Who says "I" at ``pos``: the person of the speaker label that opens the paragraph
        ("Vladimir Putin: I ...") or stands alone on a line above it ("President Ruto:"),
        else, outside quotation marks, the author the headline names ("Address by President
        X") or the person the article is about."""
        text = self.doc.text
        line = text.rfind("\n", 0, pos) + 1
        label = _SPEAKER_LABEL.match(text, line, pos)
        span = label.span() if label else None
        if span is None:  # the last label above: on a line of its own, or opening an
            # earlier paragraph whose speaker goes on ("Prime Minister Abe: ...\n\nWhen I")
            at = bisect.bisect_right(self.label_lines, line, key=lambda s: s[0])
            own = self.label_lines[at - 1] if at else None
            at = bisect.bisect_right(self.paragraph_labels, line, key=lambda s: s[0])
            opening = self.paragraph_labels[at - 1] if at else None
            span = max((x for x in (own, opening) if x), default=None)
        if span:
            named = [i for i in self.items_in(*span) if not i.is_state]
            return named[-1].key if named else None
        if re.search(r"[\"“”]", text[s_start:pos]):
            return None  # inside a quotation: someone the text quotes
        return self.author or self.protagonist or self._headline_person()

    def _headline_person(self) -> str | None:
        """The one person a headline names: an interview's interviewee ("Russia is a
        neighbour": X on the High North ... I met Y in March")."""
        if not self.headline_end:
            return None
        named = {i.key for i in self.items_in(0, self.headline_end) if not i.is_state}
        return named.pop() if len(named) == 1 else None

    def country(self, key: str) -> str | None:
        """The state of a participant key (a person's name or a code)."""
        if re.fullmatch(r"[A-Z]{3}", key) and key not in self.persons:
            return key
        person = self.persons.get(key)
        return person.country if person else None

    def role(self, key: str) -> str:
        """The office of a participant key, "" when it is a state or has none."""
        person = self.persons.get(key)
        return (person.role or "") if person else ""

    def _office_items(self) -> list[Item]:
        """Unnamed office holders ("the Russian President", "the premier") that the
        article's person list resolves to exactly one person."""
        found: list[Item] = []
        # "the Russian President", "the Prime Minister of Canada"; or, as official readouts
        # write it, a bare capitalized office that no name follows ("Prime Minister
        # congratulated President X", "held talks with Prime Minister in New Delhi")
        pattern = (
            rf"(?:\b(?P<the>[Tt]he )(?:(?P<dem>[A-Z][a-z]+) )?|{_BARE_BEFORE})"
            rf"(?P<office>{self.lex.office_pattern})\b"
        )
        word = r"[A-Z][\w-]*(?!\.\w)"  # not the "H" of "H.E."
        pattern += rf"(?: of (?:the )?(?P<of>{word}(?: (?:of |the )*{word})*))?"
        names = {i.start for i in self.items}
        name_ends = {i.end for i in self.items}
        first_named = {i.key: i.start for i in reversed(self.items)}
        # the lead: the sentence that names the article's first person after the headline
        # (a readout's headline lists its counterparts: "Telephone conversations with
        # President of France X and ..."; its lead names the principal)
        body = [i for i in self.items if i.start >= self.headline_end] or self.items
        lead = self.doc.sentence_at(body[0].start) if body else None
        if lead is not None:  # each person's first mention in the lead, else anywhere
            first_named |= {
                i.key: i.start for i in reversed(self.items) if lead.start <= i.start < lead.end
            }
        lead_span = (lead.start, lead.end) if lead is not None else (0, 0)
        for m in re.finditer(pattern, self.doc.text):
            office = self.lex.office(m.group("office"))
            dem = m.group("dem")
            if dem and not self.lex.find_countries(dem):  # "The Prime Minister": no demonym
                office = self.lex.office(f"{dem} {m.group('office')}") or office
                dem = None
            if office is None or any(m.start() < s <= m.end() + 3 for s in names):
                continue  # a title of a name: "President of Ukraine Volodymyr Zelenskyy"
            if not m.group("the") and (
                not m.group("office")[0].isupper()
                or (m.start() - 2 in name_ends and self.doc.text[m.start() - 2] == ",")
                or _NAME_NEXT.match(self.doc.text, m.end())
                or self.doc.text.startswith("-", m.end("office"))  # "President-Elect X"
            ):
                continue  # a title before or after a name, or a common noun
            if re.search(
                r"\b(?:of|to|for|former|ex-)\s*$", self.doc.text[max(0, m.start() - 8) : m.start()]
            ):
                continue
            of_states = self.lex.find_countries(m.group("of")) if m.group("of") else []
            if m.group("of") and not of_states:
                continue  # "the President of the National Endowment": no state's office
            dem_states = self.lex.find_countries(dem) if dem else []
            code = next((h[-1].code for h in (of_states, dem_states) if h), None)
            apposed = _APPOSED_NAME.match(self.doc.text, m.end())
            if code is None and apposed and apposed.end() in names:
                continue  # "the Foreign Minister, Mr Tadashi Kuranari": the name says who
            matches = [
                p.name
                for p in self.persons.values()
                if (p.role or "").lower() == office.office and (code is None or p.country == code)
            ]
            # "the Deputy Prime Minister" of a "deputy prime minister and foreign minister";
            # "The minister" of a "foreign minister"; not "the Minister for Foreign Affairs
            # of X, Y", an office the lexicon does not spell so
            alone = m.group("the") and not _OFFICE_GOES_ON.match(self.doc.text, m.end())
            if not matches and alone:
                matches = [
                    p.name
                    for p in self.persons.values()
                    if (code is None or p.country == code)
                    and (
                        holds_office(self.titles.get(p.name), office.office)
                        or holds_office(p.role, office.office, by_head=False)
                    )
                ]
            if not matches and code:
                matches = self._holders(office.office, code)
            if not matches and code:  # "the Kenyan Cabinet Secretary": the one of that state
                matches = [  # whose title begins with the office ("Cabinet Secretary for ...")
                    name
                    for name, role in self.titles.items()
                    if role.startswith(office.office) and self.persons[name].country == code
                ]
            if len(matches) > 1 and code is None and not m.group("of"):
                matches = self._meant(matches, m.start(), first_named, lead_span)
            if len(matches) == 1:
                found.append(Item(m.start(), m.end(), matches[0]))
        return found

    def _meant(
        self, holders: list[str], at: int, first_named: dict[str, int], lead: tuple[int, int]
    ) -> list[str]:
        """Which of several holders of an office a bare "the Prime Minister" at ``at``
        means: the one the lead names first (a readout's principal: "The Prime Minister, Keir
        Starmer, spoke to ...", "President A will host President B"), else the one named last
        before it ("... spoke to
        President Biden. The President congratulated him")."""
        named = sorted((first_named[k], k) for k in holders if first_named.get(k, at) < at)
        in_lead = [k for start, k in named if lead[0] <= start < lead[1]]
        if in_lead:  # the lead's first holder: its subject, the readout's principal
            return in_lead[:1]
        before = [i for i in self.items if i.key in holders and i.start < at]
        return [before[-1].key] if before and not in_lead else holders

    def _title_items(self) -> list[Item]:
        """A person named again by the whole of a long title only they hold ("Deputy Head
        of the Office of the President of Ukraine Ihor Zhovkva ... In Bucharest, the Deputy
        Head of the Office of the President also met X"): not a name's title, and not a
        title the lexicon's offices already resolve."""
        holders: dict[str, list[str]] = {}
        for name, role in self.titles.items():
            if len(role.split()) >= 3 and not self.lex.office(role):
                holders.setdefault(role, []).append(name)
        unique = {role: names[0] for role, names in holders.items() if len(names) == 1}
        if not unique:
            return []
        words = (r"\s+".join(map(re.escape, role.split())) for role in unique)
        alternation = "|".join(sorted(words, key=len, reverse=True))
        pattern = re.compile(rf"\b[Tt]he\s+(?P<role>(?i:{alternation}))\b(?!\s+(?:of\s+)?[A-Z])")
        taken = [(i.start, i.end) for i in self.items]
        found = []
        for m in pattern.finditer(self.doc.text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            holder = unique.get(" ".join(m.group("role").lower().split()))
            if holder:
                found.append(Item(m.start(), m.end(), holder))
        return found

    def _counterpart_items(self) -> list[Item]:
        """ "his Azerbaijani counterpart": the one person of that state in the article."""
        found: list[Item] = []
        for m in _COUNTERPART.finditer(self.doc.text):
            code = self.lex.country_code(m.group("dem") or m.group("guest_dem"))
            people = [p.name for p in self.persons.values() if code and p.country == code]
            noun = m.group("noun")
            if noun == "leader":
                people = [n for n in people if self.persons[n].role in HEADS]
            elif noun == "top diplomat":
                people = [n for n in people if self.persons[n].role == "foreign minister"]
            elif noun in ("official", "diplomat", "envoy"):  # not a head of state or government
                people = [n for n in people if self.persons[n].role not in HEADS]
            elif noun == "minister":  # "the French minister": a minister, not the premier
                people = [n for n in people if _a_minister(self.persons[n].role)]
            elif noun in ("general", "admiral", "negotiator"):  # "the Iranian general": whose
                rank = re.compile(rf"(?<!secretary ){noun}")  # "Major General", not "Secretary
                people = [n for n in people if rank.search(self.titles.get(n, ""))]  # General"
            elif noun in ("guest", "visitor") and len(people) > 1:  # the one the lead names
                first = {i.key: i.start for i in reversed(self.items)}
                people = sorted(people, key=lambda n: first.get(n, len(self.doc.text)))[:1]
            if noun and len(people) > 1:  # "the Japanese minister": the one named last
                people = self._latest(people, m.start())
            if len(people) == 1:
                found.append(Item(m.start(), m.end(), people[0]))
        return found

    def _latest(self, people: list[str], at: int) -> list[str]:
        """Of several persons a description fits, the one named last before ``at`` ("Kato
        ... Kuranari arrived in Bonn. The Japanese minister met ...": Kuranari)."""
        before = [i for i in self.items if i.key in people and i.end <= at]
        return [before[-1].key] if before else people

    def _holders(self, office: str, code: str) -> list[str]:
        """Persons of ``code`` without a stated role whom the curated office-holder table
        gives ``office`` at the article's year ("The Russian President": Vladimir Putin)."""
        year = self.anchor.year if self.anchor else None
        if year is None:
            return []
        keys = {
            name_key(t.name)
            for t in self.lex.office_holders
            if t.office == office and t.country == code and t.start <= year <= (t.end or 9999)
        }
        return [
            p.name
            for p in self.persons.values()
            if not p.role and p.country == code and name_key(p.name) in keys
        ]

    def items_in(self, start: int, end: int) -> list[Item]:
        lo = bisect.bisect_left(self._item_starts, start)
        hi = bisect.bisect_left(self._item_starts, end, lo)
        return [i for i in self.items[lo:hi] if i.end <= end]

    def states_in(self, start: int, end: int) -> list[Item]:
        return [Item(c.start, c.end, c.code, True) for c in self.doc.countries_in(start, end)]


@cache
def _office_words() -> frozenset[str]:
    """Lowercased words of every office title in the lexicon."""
    return frozenset(w for phrase in lexicon.load().offices for w in phrase.split())


def is_title_gap(gap: str, joined: bool) -> bool:
    """Whether the text between two participant names is only titles and connectors
    (", and the Palestinian leader, "); ``joined`` requires a comma or "and" in it."""
    gap = re.sub(
        r"\b(?:Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Rep|H\.E|Hon|Rt|Amb|Gov|Lt|Col|Maj|Adm|Capt)\.", " ", gap
    )
    gap = re.sub(r"\b(?:[A-Z]\.){2,}", "US", gap)  # "U.S. President": an abbreviation
    if len(gap) > 200 or re.search(r"[;:\"“”]|\.\s", gap):
        return False
    words = re.findall(r"[\w'’-]+", gap)
    lex_words = _office_words()
    for n, word in enumerate(words):
        low = word.lower()
        plural = n == len(words) - 1 and low.endswith("s") and low[:-1] in lex_words
        if not (
            word[0].isupper()
            or low in _FUNCTION_WORDS
            or (low == "with" and n and words[n - 1] == "and")  # "with A and with B"
            or low in TITLE_MODIFIERS
            or low in lex_words
            or plural
        ):  # a plural title right before the names: "senators A, B and C"
            return False
    return not joined or bool(re.search(r",|\band\b|&", gap))


# a short appositive after a listed name: "met A, the summit's host, and B"
_APPOSITIVE = re.compile(
    r"^,\s+(?:the|a|an|his|her|its|their)\s+(?:(?!who\b|which\b|is\b|was\b|has\b|had\b|"
    r"said\b|and\b)[\w'’-]+\s+){0,4}[\w'’-]+,(?=\s)"
)


def chain_items(items: list[Item], text: str, first: int, objects: bool = False) -> list[Item]:
    """Items from ``items[first]`` on that form a list joined by commas and "and"; a list of
    ``objects`` ends where an item opens a clause of its own (", and B held ...")."""
    group, last_and = [items[first]], 0
    for item in items[first + 1 :]:
        gap = _APPOSITIVE.sub(",", text[group[-1].end : item.start], count=1)
        if item.key == group[-1].key and is_title_gap(gap, joined=False):
            group[-1] = item  # "President of France H.E. Mr. Emmanuel Macron": one person
            continue
        if not is_title_gap(gap, joined=True):
            break
        if objects and re.search(r",\s*and\b", gap) and _OWN_VERB.match(text, item.end):
            break  # "met A, and B held talks with C": B opens a clause of its own
        if last_and and gap.lstrip().startswith(","):
            break  # "A and B, the C and D sides ...": the list ended with "and"
        group.append(item)
        if re.search(r"\band\b|&", gap):
            last_and = len(group) - 1
    return group[: last_and + 1]


def find_objects(ctx: Context, t_end: int, s_end: int, verb: bool) -> list[Item]:
    """Participants after the trigger: "... with A and B" (or "met A" for the verb)."""
    text = ctx.doc.text
    lead = _OBJECT_LEAD.match(text, t_end, s_end)
    if (
        lead
        and (lead.group("with") or "").startswith("from")
        and not text.endswith(("call", "calls"), 0, t_end)
    ):
        lead = None  # "from" names a caller, not a place one came from
    pos = lead.end() if lead else t_end
    named = [i for i in ctx.items_in(t_end, s_end) if i.start < pos and not i.is_state]
    if named:  # "received at Al-Ittihadiya Palace Chinese Foreign Minister Wang Yi": the place
        pos = named[0].start  # in capitals ends where a name begins
    if (
        not verb
        and not (lead and lead.group("with"))
        and not text.endswith(("with", " to"), 0, t_end)
    ):
        return []
    led = delegation_at(ctx, pos, s_end)
    if led:  # "a Qatari delegation led by Sheikh X", "senators who included A, B and C"
        return _titled_list(ctx, led.end(), s_end, [])
    states = [s for s in ctx.states_in(pos, s_end) if is_state_party(ctx, s, text[pos : s.start])]
    return _titled_list(ctx, pos, s_end, states)


# a delegation named by its leader or its members: the persons are the participants
_LED_BY = re.compile(
    r"(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:delegation|group|team)\s*(?:of\s+(?:[\w.-]+"
    r"(?:\s+|(?=,))){1,8}?)?(?:(?:led|headed)\s+by|,?\s*(?:which|that|who)\s+included|,?\s*"
    r"including)\s+"
    r"(?:the\s+)?"
)


def delegation_at(ctx: Context, pos: int, s_end: int) -> re.Match[str] | None:
    """ "a delegation of the US Congress, which included senators ...": a delegation named
    by its leader or members, right at ``pos`` (after "with")."""
    return _LED_BY.match(ctx.doc.text, pos, s_end)


def delegation_after(ctx: Context, t_end: int, s_end: int) -> bool:
    """Whether the trigger's object is a delegation listed by its members."""
    lead = _OBJECT_LEAD.match(ctx.doc.text, t_end, s_end)
    return delegation_at(ctx, lead.end() if lead else t_end, s_end) is not None


def _titled_list(ctx: Context, pos: int, s_end: int, states: list[Item]) -> list[Item]:
    """The list of participants that starts at ``pos`` after titles at most ("Minister of
    Transport of Moldova Vasile Rusu and President X"); a state right before a person is
    that person's title, not a party."""
    text = ctx.doc.text
    pool = sorted(ctx.items_in(pos, s_end) + states, key=lambda i: i.start)
    titles = [  # "Papua New Guinea Deputy Prime Minister John Rosso": the state is his title
        i
        for n, i in enumerate(pool)
        if i.is_state
        and n + 1 < len(pool)
        and not pool[n + 1].is_state
        and _title_between(text[i.end : pool[n + 1].start])
    ]
    pool = [i for i in pool if i not in titles]
    if not pool:
        return []
    lead = titles[0].start if titles and titles[0].end <= pool[0].start else pool[0].start
    if not is_title_gap(text[pos:lead], joined=False):
        return []
    return chain_items(pool, text, 0, objects=True)


# "Papua New Guinea Deputy Prime Minister", "US Secretary of State": the state is the title's
_TITLE_BETWEEN = re.compile(r"(?:['’]s)?\s+(?:(?:[A-Z][\w-]*|of|the|for)\s+){0,7}")
_TITLE_WORDS = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){1,7}")


def _title_between(gap: str) -> bool:
    """Whether the words between a state and a person are that person's title: "Papua New
    Guinea Deputy Prime Minister", "US Secretary of State", or in lower case as wires write
    it, "Japan agriculture minister" (office words and their modifiers, no "and")."""
    gap = re.sub(r",\s+$", " ", gap)  # "the US Defence Secretary, Harold Brown"
    if _TITLE_BETWEEN.fullmatch(gap):
        return True
    if not _TITLE_WORDS.fullmatch(gap) or re.search(r"\band\b", gap):
        return False
    words = re.findall(r"[\w-]+", gap)
    return words[-1].lower() in _office_words() and not any(
        w in _NOT_IN_TITLE or not w.isalpha() for w in words
    )


# words that end a title between a state and a name: "Japan to discuss ... with minister X"
_NOT_IN_TITLE = frozenset(
    re.findall(
        r"\w+",
        "to with on in at by from or as is was were are has had have that which who whom said "
        "says about over after before during against",
    )
)


def is_state_party(ctx: Context, s: Item, before: str) -> bool:
    """Whether a state named after "with" stands for a party: "with Russia", "with
    representatives of Russia", "with Chinese leaders" (not "with Kazakhstan's envoy")."""
    text = ctx.doc.text
    if re.match(r"['’]s\b", text[s.end : s.end + 3]) or _COMPANY.match(text, s.end, s.end + 40):
        return False
    surface = text[s.start : s.end]
    if before in ("", "the ") and surface.endswith("s") and surface[:-1] in ctx.lex.countries:
        return True  # "met the Russians"
    if re.match(rf"\s+{_GROUP}", text[s.end : s.end + 20]):
        return True
    if before in ("", "the ") and _UNNAMED_HEAD.match(text, s.end, s.end + 40):
        return True  # "met with the Russian leader" (no person of the article holds it)
    if re.search(r"(?:representatives|delegation|leaders|government) of (?:the )?$", before):
        return True
    return before in ("", "the ") and ctx.lex.countries[text[s.start : s.end]].form != "demonym"


# "talks between", "a call on Saturday (April 4) between", "held in Geneva between"
_BETWEEN = re.compile(
    r"\s+(?:(?:(?:were|was|are|is|will be|have been)\s+)?(?:held|on|in|last|this|at)\s+"
    # "Talks were held in the Kremlin today between A and B" (not "to discuss ... between")
    r"(?:(?!to\b|for\b)[\w()-]+\s+){0,6}?)?between\s+(?:the\s+)?|"
    r"\s+(?:(?:were|was)\s+)?held\s+by\s+(?:the\s+)?(?=[A-Z])"  # "the talks held by A and B"
)


def find_between(ctx: Context, t_end: int, s_end: int) -> list[Item]:
    """Participants of "TRIGGER between A and B" (states or persons)."""
    text = ctx.doc.text
    m = _BETWEEN.match(text, t_end, s_end)
    if not m:
        return []
    states = [  # "Singapore's MFA" titles someone; it is no party
        s for s in ctx.states_in(m.end(), s_end) if not re.match(r"['’]s\b", text[s.end :])
    ]
    return _titled_list(ctx, m.end(), s_end, states)


def _hyphen_groups(ctx: Context, start: int, end: int) -> list[list[Item]]:
    """Runs of two or more states joined by hyphens ("Russian-Belarusian", "Japan-Philippines")."""
    states = ctx.states_in(start, end)
    text = ctx.doc.text
    groups: list[list[Item]] = []
    for state in states:
        if groups and text[groups[-1][-1].end : state.start] in ("-", "–"):
            groups[-1].append(state)
        else:
            groups.append([state])
    return [g for g in groups if len(g) >= 2]


def find_hyphen_states(ctx: Context, start: int, end: int, after: bool) -> list[Item]:
    """States of "Russian-Belarusian talks" (before the trigger) or of "meeting of the
    Turkish-Saudi Coordination Council" (after it)."""
    found = find_hyphen_pairs(ctx, start, end, after)
    return found[-1] if found else []


_PAIR_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def find_hyphen_pairs(ctx: Context, start: int, end: int, after: bool) -> list[list[Item]]:
    """Every pair of a list before the trigger ("the Japan-US, Japan-Philippines and
    US-Philippines summit meetings": three), or the one group after it."""
    text = ctx.doc.text
    groups = _hyphen_groups(ctx, start, end)
    for n, group in enumerate(groups):
        if after and _BODY.fullmatch(text[start : group[0].start]):
            return [group]
        if not after and _ADJECTIVES.fullmatch(text[group[-1].end : end]):
            listed = [group]
            for earlier in reversed(groups[:n]):
                if not _PAIR_LIST_GAP.fullmatch(text[earlier[-1].end : listed[0][0].start]):
                    break
                listed.insert(0, earlier)
            return listed
    return []


def clause_start(text: str, s_start: int, t_start: int) -> int:
    """Where the clause holding the trigger begins: after the last "and that", ";",
    ", while" ("X said he would meet Y and that Z would meet W"), a reporting verb before a
    named subject ("X said the President met Y") or a sentence end the
    splitter missed ("...he said.Zelensky met ...", not an initial: "B.Battsetseg met") before
    it."""
    cut = s_start
    for m in _CLAUSE.finditer(text, s_start, t_start):
        cut = m.end()
    return cut


def _protagonist(items: list[Item]) -> str | None:
    """The person an article is about: named at least three times, and twice as often as
    anyone else (a readout's own leader); "he" with no person before it is them."""
    counts: dict[str, int] = {}
    for i in items:
        if not i.is_state:
            counts[i.key] = counts.get(i.key, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    return ranked[0][0]


# What may open a sentence before its first phrase: a dateline ("KYIV, June 20 (XYZ): ")
# a dateline before the sentence's own words: "Moscow, March 3:" or "MINSK, March 3 -"
AFTER_DATELINE = r"\s*(?:[^.:]{0,60}:\s*|[A-Z][^.:\n]{0,50}?\d\s+[-–—]\s+)?"
# a fronted encounter with someone: "Following the meeting with", "During his talks with"
_FRONTED_ENCOUNTER = re.compile(
    AFTER_DATELINE
    + r"(?:Following|After|During|At|In|Before)\s+(?:\S+\s+){0,4}?(?:meeting|talks|call|"
    r"conversation|visit)s?\s+(?:with|by)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,4}$"
)
_FRONTED = re.compile(
    AFTER_DATELINE
    + r"(?:Pursuant|On|At|In|Following|After|Upon|Under|By|According|Acting|Before)\b"
)


# a state that opens its clause holds talks: "Japan will hold formal talks with France",
# "Taiwan and the U.S. have been holding talks", "Russia and Ukraine resumed negotiations"
_CLAUSE_OPENING = re.compile(r"(?:^|(?<=, )|(?<=\n))(?:[Tt]he\s+)?$")
_HOLD_TALKS = re.compile(
    r"\s+(?:(?:[a-z]+ly|are|were|is|was|has|have|had|will|shall|to|also|been|be|again|now|"
    r"then)\s+)*(?:hold|holds|held|holding|open|opens|opened|opening|begin|begins|began|"
    r"beginning|start|starts|started|starting|resume|resumes|resumed|resuming|conduct|"
    r"conducts|conducted|conducting|continue|continues|continued|continuing|launch|launches|"
    r"launched|conclude|concludes|concluded|completed?|completes)\s+"
    r"(?:(?:a|an|the|their|[a-z][\w-]*)\s+){0,4}$",
    re.IGNORECASE,  # "the U.S. Have been holding talks": wire copy's capitals
)
_TALKS_NOUN = re.compile(r"(?:[Tt]alks|[Nn]egotiations|[Cc]onsultations|[Mm]eetings?)\b")


def _states_hold_talks(ctx: Context, s_start: int, pool: list[Item], t_start: int) -> bool:
    """States named by name (not "Japanese"), opening their clause, that hold, open or
    resume talks: the states are the parties (not a team's "Japan met France", nor
    "Japan's talks")."""
    text = ctx.doc.text
    if not _CLAUSE_OPENING.search(text, s_start, pool[0].start):
        return False
    if any(c.form == "demonym" for i in pool for c in ctx.doc.countries_in(i.start, i.end)):
        return False
    return bool(_TALKS_NOUN.match(text, t_start)) and bool(
        _HOLD_TALKS.fullmatch(text, pool[-1].end, t_start)
    )


_LEADERS_BEFORE = re.compile(
    r"\b[Tt]he\s+(?:presidents|leaders|heads of state|prime ministers)\s+of\s+(?:the\s+)?$"
)
_PURPOSE = re.compile(r"\bfor\s+(?:(?:a|an|the|further|more|new|direct)\s+)?$")
_PARTICIPLE = re.compile(r"\b(?:before|after|while|then|and)\s+[a-z]+ing\b")


def _keys(items: list[Item]) -> set[str]:
    return {i.key for i in items}


_WHO_BEFORE = re.compile(r"(?:,\s*|\s+)who\s+(?:[a-z]+\s+){0,4}$")


# a person the clause names by an epithet: "The Green politician later met X", "The
# 43-year-old also spoke with Y": the subject the article goes on about
_EPITHET = re.compile(
    r"\s*The (?:[A-Z][\w-]* |[a-z]+-)?(?:politician|veteran|\d+-year-old|former \w+)\s+"
    r"(?:[a-z]+ly\s+|also\s+|later\s+|then\s+)?$"
)


def find_subjects(ctx: Context, s_start: int, t_start: int) -> list[Item]:
    """Participants before the trigger, in the trigger's clause: the first named actor
    and those joined to it by "and"; else a state delegation ("The Ukrainian delegation",
    "a US official"), or states that "meet" ("Russia and Ukraine to meet")."""
    text = ctx.doc.text
    relative = _WHO_BEFORE.search(text, max(s_start, t_start - 50), t_start)
    if relative:  # "X met Y of Estonia, who recently visited Berlin": Y visited
        people = [i for i in ctx.items_in(s_start, relative.start()) if not i.is_state]
        if people and relative.start() - people[-1].end <= 60:
            listed = len(people) > 1 and is_title_gap(text[people[-2].end : people[-1].start], True)
            return [] if listed else people[-1:]  # "met A, B and C who are visiting": all
    if owner := _coordinated_owner(ctx, s_start, t_start):
        return [owner]  # "X's visit to Y and his meeting with Z": X's meeting
    if antecedent := _relative_pronoun(ctx, s_start, t_start):
        return [antecedent]  # "the trip by X to Beijing, during which he met Y": X
    if first := _coordinated_verb(ctx, s_start, t_start):
        return first  # "A held talks with B, and later called on C": A
    s_start = _second_subject(ctx, clause_start(text, s_start, t_start), t_start)
    items = ctx.items_in(s_start, t_start)
    if (
        items
        and _PURPOSE.search(text, max(s_start, t_start - 40), t_start)
        and not _PARTICIPLE.search(text, items[-1].end, t_start)
    ):
        return items[-1:]  # "Reagan is sending Shultz to Moscow for talks with X": Shultz
        # (not "A met B, before driving to Ramallah for talks with C": A's talks)
    if items and _FRONTED_ENCOUNTER.match(text, s_start, items[0].start):
        # "Following the meeting with X, A and B held talks": the subject after the comma
        subject_at = next(
            (j for j in range(1, len(items)) if "," in text[items[j - 1].end : items[j].start]), 0
        )
        if subject_at:
            return chain_items(items, text, subject_at)
    if items:
        group = chain_items(items, text, 0)
        rest = [i for i in items if i.start >= group[-1].end and i.key not in _keys(group)]
        if (
            rest
            and _FRONTED.match(text, s_start, items[0].start)
            and not re.search(r",\s*$", text[s_start : items[0].start])  # not "In Tokyo, the
            # Australian Minister, A, held ...": a subject right after the fronted phrase
            and "," in text[group[-1].end : rest[0].start]
        ):  # "On the instruction of A, B met C": the subject follows the fronted phrase
            return chain_items(rest, text, 0)
        return group
    for s in ctx.states_in(s_start, t_start):
        pool = chain_items(ctx.states_in(s.start, t_start), text, 0)
        verb = re.match(r"me(?:t|et)\b", text[t_start : t_start + 5])
        if len(pool) > 1 and verb and _STATES_VERB.fullmatch(text, pool[-1].end, t_start):
            return pool
        if _LEADERS_BEFORE.search(text, max(s_start, s.start - 40), s.start) and len(pool) > 1:
            return pool  # "The presidents of Russia and Azerbaijan and the prime minister of"
        if _states_hold_talks(ctx, s_start, pool, t_start):
            return pool  # "Japan will hold talks with France", "Russia and Ukraine held talks"
        after = text[s.end : s.end + 20]
        if (
            re.match(rf"\s+{_GROUP}", after)
            or _LONE_DELEGATE.match(after)
            or re.search(
                r"(?:[Dd]elegations?|[Rr]epresentatives) (?:from|of) (?:the )?$",
                text[s_start : s.start],
            )
        ):
            return pool
    before = text[s_start:t_start]
    if re.search(r"\b(?:I|[Mm]y)\b(?!\.)", before) and (speaker := ctx.speaker(s_start, t_start)):
        return [Item(t_start, t_start, speaker)]  # "I also spoke today with X"
    if re.search(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er)\b", before) or _EPITHET.match(before):
        who = ctx.last_subject or ctx.protagonist
        if who:
            return [Item(t_start, t_start, who)]
    if _PLURAL_GROUP.search(before[-50:]):
        return [Item(t_start, t_start, k) for k in ctx.main]
    return []


# "and his meeting", "and her recent visit": a possessive pronoun joined to an earlier noun
_AND_OWN = re.compile(r"\band\s+(?:his|her)\s+(?:[a-z-]+\s+){0,2}$")
_OWNER = re.compile(r"['’]s?\s")


_AND_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s+")


# "..., during which he met", "..., where she will meet": a relative clause's pronoun subject
_REL_PRONOUN = re.compile(
    r",\s*(?:(?:during|in|at|after|on)\s+which|where|whereupon)\s+(?:he|she)\s+"
    r"(?:[a-z]+\s+){0,4}$"
)
_AGENT_BEFORE = re.compile(r"\bby\s+(?:(?:[A-Z][\w.'’-]*|of|the)\s+){0,6}$")  # "the trip by"


def _relative_pronoun(ctx: Context, s_start: int, t_start: int) -> Item | None:
    """The person a relative clause's "he" or "she" stands for, when the one named last
    before it is the agent of a noun ("Yellen's visit followed the trip by X to Beijing,
    during which he met Y": X); else the clause's subject, as for any trigger ("A briefed
    B on his visit to Washington, where he will meet C": A)."""
    rel = _REL_PRONOUN.search(ctx.doc.text, s_start, t_start)
    if rel is None:
        return None
    named = [i for i in ctx.items_in(s_start, rel.start()) if not i.is_state]
    if not named or not _AGENT_BEFORE.search(ctx.doc.text, s_start, named[-1].start):
        return None
    return Item(t_start, t_start, named[-1].key)


# "and" before a verb phrase of its own ("and later called on", "and will travel to ... for")
_AND_VERB = re.compile(r",?\s+and(?:\s+|,\s+[^,;]{1,40},\s+)")  # "and, on May 2, was received"
_PRONOUN_SUBJECT = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_NOT_A_VERB = re.compile(
    r"(?:the|a|an|his|her|their|its|this|that|these|those|both|all|other|each)\b"
)
_VERBAL_TRIGGER = re.compile(r"(?:met|meets|received|hosted|held|had|spoke|talked|called|paid)\b")


def _coordinated_verb(ctx: Context, s_start: int, t_start: int) -> list[Item]:
    """The subject of a verb phrase joined by "and" to an earlier one with no subject of its
    own ("A held talks with B, and later called on C"; "A arrived in Tokyo after talks with
    B, and will travel to Moscow for talks with C"): the first clause's subject, not the
    person named last."""
    text = ctx.doc.text
    clause = clause_start(text, s_start, t_start)
    joins = [m for m in _AND_VERB.finditer(text, clause, t_start) if m.start() > clause]
    if not joins:
        return []
    join = joins[-1]
    between = text[join.end() : t_start]
    if any(not i.is_state for i in ctx.items_in(join.end(), t_start)):
        return []
    if between and (not re.match(r"[a-z]", between) or _NOT_A_VERB.match(between)):
        return []  # a subject of its own ("and the two ministers held", "and Russia will")
    if not between and not _VERBAL_TRIGGER.match(text, t_start):
        return []
    before = [i for i in ctx.items_in(clause, join.start()) if not i.is_state]
    if len(before) == 1 and _PRONOUN_SUBJECT.search(text, clause, before[0].start):
        who = ctx.last_subject or ctx.protagonist  # "He held talks with B and was received
        return [Item(t_start, t_start, who)] if who else []  # by C": he, not B
    if len(before) < 2:
        return []  # one person before: the usual reading finds them
    first = find_subjects(ctx, clause, join.start())
    return [i for i in first if not i.is_state]


def _second_subject(ctx: Context, s_start: int, t_start: int) -> int:
    """Where the clause of the trigger starts when a second clause with its own named
    subject is joined by ", and" ("A met B, and C held her own bilateral with D": C's)."""
    text = ctx.doc.text
    joins = list(_AND_CLAUSE.finditer(text, s_start, t_start))
    if not joins:
        return s_start
    cut = s_start
    items = [i for i in ctx.items_in(s_start, t_start) if not i.is_state]
    listed = {i.start for i in chain_items(items, text, 0)} if items else set()
    for m in joins:
        named = [i for i in items if i.start >= m.end()]
        last = chain_items(named, text, 0)[-1] if named else None  # "and C and D met"
        if (
            last
            and named[0].start not in listed  # "A, B, and C held talks": one list
            and is_title_gap(text[m.end() : named[0].start], joined=False)
            and (
                _OWN_VERB.match(text, last.end, t_start)
                or re.fullmatch(r"\s+(?:also\s+|then\s+|later\s+)?", text[last.end : t_start])
            )
        ):  # "A met B, and C met D"; nor "A, and B to travel to meet D"
            cut = m.end()
    return cut


_OWN_VERB = re.compile(
    r"\s+(?:also\s+)?(?:held|had|has|have|hosted|will|would|was|were|is|are|did|then|later|"
    r"met|received|spoke|talked|visited|welcomed)\b"
)


def _coordinated_owner(ctx: Context, s_start: int, t_start: int) -> Item | None:
    """ "X's visit to Y and his meeting with Z": the owner of the first noun owns the one
    joined to it, whoever the sentence's subject is."""
    text = ctx.doc.text
    if not _AND_OWN.search(text, max(s_start, t_start - 40), t_start):
        return None
    named = [i for i in ctx.items_in(s_start, t_start) if not i.is_state]
    if named and _OWNER.match(text, named[-1].end):
        return Item(t_start, t_start, named[-1].key)
    return None


def they_subjects(ctx: Context, s_start: int, t_start: int) -> list[Item]:
    """ "... when they met in June 2023": "they" ("the two ministers") right before the
    trigger is the persons just joined by "and" in its sentence, else those who last opened a
    sentence together ("President A and Prime
    Minister B celebrated ...")."""
    they = _THEY_VERB.search(ctx.doc.text, s_start, t_start)
    if not they:
        return []
    if they.group("we"):  # a speaker's "we met in November": the speaker and the other
        if not _WE_MET.match(ctx.doc.text, t_start):  # of the pair the text reports (not
            return []  # a state's "we will host the secretariat")
        speaker = ctx.speaker(s_start, t_start)
        ours = [p for p in (ctx.last_pair, ctx.main) if len(p) == 2 and speaker in p]
        return [Item(t_start, t_start, k) for k in ours[0]] if ours else []
    named = [i for i in ctx.items_in(s_start, they.start()) if not i.is_state]
    for first in range(len(named) - 2, -1, -1):  # "between A and B since they met": A and B
        joined = chain_items(named, ctx.doc.text, first)
        if len({i.key for i in joined}) >= 2 and joined[-1] is named[-1]:
            return [Item(t_start, t_start, i.key) for i in joined]
    if not ctx.last_pair:
        return []
    pair = ctx.last_pair
    office = _PLURAL_OFFICES.get((they.group("noun") or "").lower())
    if office:  # "the two presidents": the latest pair who both hold the office
        pair = next((p for p in reversed(ctx.pairs) if all(office in ctx.role(k) for k in p)), pair)
    return [Item(t_start, t_start, k) for k in pair]


_WE_MET = re.compile(r"(?:met|meet|talk|spoke|speak|conversation|discussion|meeting)")


def note_pair(ctx: Context, keys: tuple[str, ...]) -> None:
    """Persons a later "they" or "the two leaders" may refer to."""
    ctx.last_pair = keys
    ctx.pairs.append(keys)


_PLURAL_OFFICES = {"presidents": "president", "ministers": "minister"}


# "they" as the subject right before the trigger ("they met", "they also held")
_THEY_VERB = re.compile(
    r"\b(?:[Tt]hey|(?P<we>[Ww]e)|[Tt]he two(?: (?:[A-Za-z]+ )?(?P<noun>(?i:leaders|ministers|"
    r"presidents|heads of state|counterparts|officials|diplomats|envoys|men|women)))?)\s+"
    r"(?:(?:also|first|last|had|have|then|again|later|will|would|are to)\s+)*"
    r"(?:(?:held|had)\s+(?:(?:their|an?)\s+(?:(?:own|first|last|brief|short)\s+)?)?"
    r"(?:(?:[a-z]+|\d+)\s+(?:hours?|rounds?|days?)\s+of\s+)?)?$"
)  # "they met", "they also held", "the two Ministers had a brief meeting", "the two
# leaders held two hours of talks"


# "visit to X", "visited X", "visiting both X and Y", "arrived in X"
_HOST_LEAD = re.compile(r"\s+(?:to\s+)?(?:both\s+)?(?:the\s+)?")


def find_visit_host(ctx: Context, t_end: int, s_end: int, guest: str | None) -> list[Item]:
    """The host of "visit to STATE" (or "visited STATE", "arrived in STATE"), read as its
    leader when the article names one (of two leaders, the one with the guest's office: a
    president hosts a president); every state of a list ("visits to A and B")."""
    m = _HOST_LEAD.match(ctx.doc.text, t_end, s_end)
    states = ctx.states_in(m.end(), s_end) if m else []
    if not m or not states or states[0].start != m.end():
        return []
    named = ctx.doc.countries_in(states[0].start, states[0].end)
    if named and named[0].form == "demonym":  # "visit the Pakistani community": no state
        return []
    listed = chain_items(states, ctx.doc.text, 0)
    if len(listed) > 1:  # "visits to both Athens and Ankara", "visited Greece and Turkey"
        return listed
    code = states[0].key
    leaders = [
        p.name
        for p in ctx.persons.values()
        if p.country == code and (p.role or "").lower() in _LEADER_ROLES
    ]
    guest_person = ctx.persons.get(guest or "")
    if guest_person and guest_person.role and guest_person.role.lower() not in _LEADER_ROLES:
        return [Item(states[0].start, states[0].end, code)]  # a minister visits the state
    if len(leaders) > 1 and guest_person and guest_person.role:
        role = guest_person.role.lower()
        leaders = [n for n in leaders if (ctx.persons[n].role or "").lower() == role]
    return [Item(states[0].start, states[0].end, leaders[0] if len(leaders) == 1 else code)]


# Words of a compound title that place it in a government ("Deputy Head of the Office of the
# President", "State Secretary for Foreign Affairs"), and words that place it outside one.
_GOVERNMENT = re.compile(
    r"\b(?:minist\w*|president\w*|prime|government|parliament\w*|senat\w*|congress\w*|"
    r"cabinet|chancell\w*|state secretary|secretary of state|foreign (?:affairs|policy)|"
    r"national security|embassy|ambassador|envoy|consul\w*|diplomat\w*|governor|mayor|"
    r"commissioner|deputy|delegation|negotiator|adviser|advisor|spokes\w+|king|queen|emir|"
    r"sultan|crown prince|speaker)\b"
)
_PRIVATE = re.compile(
    r"\b(?:compan\w*|confederation of|federation|club|corporation|bank|industry|industries|"
    r"chamber|holding|group|business\w*|ceo|chief executive|team|league|university|"
    r"foundation|church|party)\b"
)


def is_public_role(role: str | None) -> bool:
    """A title of the offices lexicon whose sphere is public, or a compound title that
    names a part of a government and no company, club or federation."""
    if not role:
        return False
    public = lexicon.load().public_offices
    if role in public or office_of(role) in public:  # "foreign secretary": a foreign minister
        return True
    return bool(_GOVERNMENT.search(role)) and not _PRIVATE.search(role)


def is_official_trip(ctx: Context, group: list[Item], t_start: int) -> bool:
    """ "a trip to Moscow" is a visit only for a holder of a public office named in the
    sentence (a minister's trip, not a rugby coach's; not a "he" read from afar)."""
    return any(
        i.key in ctx.persons and is_public_role(ctx.persons[i.key].role) and i.start < t_start
        for i in group
    )
