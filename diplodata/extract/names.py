"""Name-shaped spans for the persons extractor: capitalized runs, stop words, name keys.

A *run* is a sequence of capitalized words (with initials and name particles such as
"de", "bin") separated by single spaces. A run is cut into *segments*: the stretches
of words that can belong to a personal name (not an office word, honorific, function
word, organization noun, month or day, nor part of a named state or organization).
Whether a segment is a person is decided by the rules in ``persons.py``.
"""

from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from diplodata.extract import lexicon
from diplodata.extract.vocabulary import is_common, is_proper_name

_UP = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
_LO = "".join(c for c in map(chr, range(0x61, 0x250)) if c.islower())
_WORD = (
    rf"#?(?:(?:al|el)-)?(?:Mc|Mac|O['’]|D['’]|Di|De|Le|La|Du)?[{_UP}][{_LO}]+"
    rf"(?:['’](?!s\b)[{_LO}]+)?(?:-[{_UP}]?[{_LO}]+)*"  # "Shia’a", not "Biden’s"
)
# An initial: "R." or, between two name words, a bare capital or two ("George W Bush",
# "Retno LP Marsudi"; not a company's form, "Finance NV Curacao").
_INITIAL = (
    rf"(?:[{_UP}]\.|(?<=[{_LO}] )(?:[B-HJ-Z]|(?!NV|BV|AG|SA|SE|AB|AS|PT|KK)[A-Z]{{2}})"
    rf"(?= [{_UP}][{_LO}]))"
)
_PARTICLE = r"(?:de|da|del|della|der|den|van|von|bin|ibn|al|el|la|le|du|dos|di|ter|arap|wa)\b"
_TOKEN = rf"(?:{_WORD}|{_INITIAL}|{_PARTICLE})"
_NAMEWORD = rf"(?:{_WORD}|{_INITIAL})"
_ROMAN = r"(?:X{0,1}(?:IX|IV|V?I{1,3}|V)|X)\b"  # regnal numbers: "Abdullah II", "Charles III"
# Words of a name are set apart by a space, or not at all after an initial (Mongolian style,
# "U.Khurelsukh").
_GAP = rf"(?: |(?<=(?<![\w.])[{_UP}]\.)(?=[{_UP}][{_LO}]))"
RUN_RE = re.compile(
    rf"(?<![\w'’.-])(?:{_PARTICLE} )*{_NAMEWORD}(?:{_GAP}(?:{_PARTICLE} )*{_NAMEWORD})*"
    rf"(?: {_ROMAN})?"
)
TOKEN_RE = re.compile(rf"{_TOKEN}|{_ROMAN}")
PARTICLES = frozenset(_PARTICLE[3:-3].split("|"))


def words(block: str) -> list[str]:
    """The whitespace-separated words of a curated word list."""
    return block.split()


# Courtesy titles of South and Southeast Asian and Commonwealth style ("Shri", "H.E.",
# "Datuk Seri"): before a name, never part of it, never an office.
COURTESY = frozenset(
    words(
        """Shri Shrimati Smt Sushri Datuk Dato Datin Seri Hon Honourable Honorable Excellency
    H.E Majesty Highness Sayyid Sayyida Utama Rt"""
    )
)
HONORIFICS = (
    frozenset(
        words(
            """Mr Mrs Ms Miss Dr Prof Sir Dame Lord Lady Sheikh Sheikha Prince Princess Sen Rep
    Gen General Admiral Marshal Colonel Col Lt Mister Madam Madame Monsieur Herr
    Cpl Sgt Pvt Capt Maj Cmdr Adm Brig Ayatollah Hojatoleslam Rabbi Reverend Rev Comrade Comrades
    Cde"""
        )
    )
    | COURTESY
)
# Capitalized words that are never part of a personal name.
_NON_NAME = words("""
The A An And But Or Nor So Yet If As At By For From In Into Of On Onto To With Without Within
About After Against Along Amid Among Around Before Behind Below Beside Between Beyond During
Despite Except Inside Like Near Off Over Since Through Throughout Toward Towards Under Until
Upon Via Per Than Then Thus Hence Also Although Though Because While Whilst When Whenever Where
Whereas Wherever Whether Which Who Whom Whose What Why How Here There This That These Those It
Its He She They We I You Me Him Her Them Us My Your His Our Their Mine Yours Ours Theirs One
Some Any Many Much Most More Few Several Each Every All Both Either Neither No None Not Other
Another Such Same Own Only Just Even Still Already Now Today Tomorrow Yesterday Tonight
However Meanwhile Moreover Furthermore Therefore Nevertheless Nonetheless Instead Indeed Earlier
Later Further Finally Firstly Secondly Thirdly Again Yes Thank Thanks Please Welcome Dear Let
According Speaking Addressing Recalling Noting Recognizing Recognising Following Regarding
Congratulations Congratulation Readout Statement Meeting Meetings Conversation Conversations
Telephone Phone Call Calls Talks Visit Remarks Press Release Read Reuters Update Breaking
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Jan Feb Mar Apr Jun Jul Aug Sep Sept
Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun Day Days Week Year New Old Great Grand Holy Saint St
Ministry Ministries Council Committee Commission Union Organization Organisation Party Office
Department Agency Bank Fund Group Corporation Corp Company Inc Ltd Co University Institute
Forum Summit Conference Assembly Parliament Congress Senate Government Administration Cabinet
Federation Republic Republics Kingdom Emirates State States Cup League Championship Championships
Club City United Airport Arena Stadium Agreement Treaty Declaration Initiative Platform Programme
Program Strategy Partnership Coalition News Times Post Press Radio Television Online Foreign
Security National International Global European Eastern Western Northern Southern North South
East West Central Middle Black Red Sea River Region Regional Island Islands Street Square Palace
Hall House White Kremlin Cosmodrome Faction Delegation Court Army Navy Force Forces Staff Police
Guard Service Services Affairs Defence Defense Trade Economic Economy Energy Finance Justice
Interior Health Education Culture Development Cooperation Co-operation Relations External Gas Oil
Power Nuclear Space World Olympic Olympics Games Grand Prix Indoor Indoors Open Tour Series Final
Championship Premier Bundesliga Liga Serie Ligue Super Lig Cups Trophy Trophies Team Squad FC
Association Council Councils Network Channel Airlines Airways Group Holding Holdings Technologies
Software Systems Microsoft Google Apple Twitter Facebook Instagram Telegram Windows Trojan Internet
God Allah Lord Islamic Muslim Christian Catholic Orthodox Church Mosque Cathedral Temple
Constitution Charter Act Law Code Budget Plan Project Operation War Crisis Peace Freedom
Independence Victory Unity Revolution Republic Democratic Democracy People Peoples Nation Nations
Gulf Ocean Pacific Atlantic Arctic Baltic Caucasus Balkans Mediterranean Asia Africa Europe America
Americas Far Near Eastern Soviet Communist Socialist Liberal Conservative Labour Green Greens
Democrat Democrats Republican Republicans Tory Tories Independent Federal
Prime Minister Ministers President Presidents Presidential Vice Deputy Ambassador Ambassadors
Envoy Envoys Chairman Chairwoman Chair Secretary Spokesperson Spokesman Spokeswoman Speaker Head
Chief Adviser Advisor Leader Leaders Chancellor Premier King Queen Emir Sultan Crown Governor
Mayor Senator Commissioner Representative Representatives Special Permanent Extraordinary
Plenipotentiary Principal First Second Third Acting Former Director Manager Executive Officer
Jr Sr II III Order Process Route Labs Minister-Counsellor Counsellor Consul Charge Chargé Mission
Embassy Consulate Field Excellency Secretariat
Agree Meet Discuss Sign Seek Vow Pledge Urge Reaffirm Resume Hold
Announces Meets Holds Visits Says Signs Hosts Welcomes Travels Speaks Delivers Launches Unveils
Urges Joins Receives Congratulates Condemns Discusses Highlights Celebrates Reaffirms Commits
Commerce Treasury Industry Agriculture Transport Transportation Labor Environment Communications
Information Tourism Housing Veterans Homeland Immigration Infrastructure Fisheries Employment
Science Technology
""")
# Nouns that end the name of an organization or place ("Screen Digest", "Beverly Hills").
ORG_TAIL = frozenset(
    words("""
County Hills Show Award Awards Prize Festival Museum Gallery Theatre Theater Hospital School
College Academy Foundation Society Trust Records Studios Pictures Films Magazine Journal Digest
Securities Partners Motors Entertainment Industries Authority Station Centre Center Avenue Road
Tower Media Capital Daily Review Ministry Council Committee Commission Union Organization
Organisation Party Office Department Agency Bank Fund Group Corporation Corp Company Inc Ltd
University Institute Forum Conference Assembly Club City Airport Arena Stadium Agreement Network
Channel Airlines Airways Holding Holdings Technologies Software Systems Labs Court Cup
Accord Accords Alliance System Shoal Reef Island Islands Strait Trafficking Export Exports
Initiative Program Programme Treaty Declaration Doctrine Format Platform Partnership Coalition
Movement Square Street House Formula Exchange Reserve Dialogue Temple Mandir Mosque Masjid
Cathedral Shrine Gurdwara Memorial Secretariat
""")
)


_HONORIFIC_DOT = re.compile(r"\b(Mr|Mrs|Ms|Dr|Prof|Smt|Shri)\.\s+$")
_MONTH_SURNAMES = frozenset(words("May June April August"))
_MONTH_GIVEN_NAMES = frozenset(words("Jan"))  # a month's abbreviation and a given name
PATRONYMIC = frozenset(words("bin ibn bint ben"))  # "son/daughter of": a father's name next
_SHORT_TITLES = frozenset(words("Sen Rep Gen Col"))
# Regnal numbers, part of a monarch's name ("Abdullah II").
REGNAL = frozenset(words("II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI"))


@cache
def non_name_words() -> frozenset[str]:
    """Capitalized words that cannot be part of a name: the list above, office words."""
    words = set(_NON_NAME) | HONORIFICS | ORG_TAIL
    for phrase in lexicon.load().offices:
        words.update(w.capitalize() for w in phrase.split())
        words.update(w.title() for w in phrase.split() if "-" in w)  # "Secretary-General"
        words.update(w.upper() for w in phrase.split() if len(w) <= 3)
    return frozenset(words)


@cache
def given_names() -> frozenset[str]:
    """Curated given names (``data/given_names.csv``): evidence that a run is a person."""
    with (lexicon.DATA_DIR / "given_names.csv").open(encoding="utf-8", newline="") as handle:
        return frozenset(row["name"] for row in csv.DictReader(handle))


def is_namelike(tokens: tuple[str, ...]) -> bool:
    """Some word of it is a given name or no ordinary English word: "Social Sciences",
    "Secure Pillar" and "Emergency" are headings or nouns, "Gordon Brown" is a name."""
    given = given_names()
    parts = [
        p
        for t in tokens
        for p in t.split("-")
        if p and p.lower() not in PARTICLES and not (len(p) <= 2 and p.endswith("."))
    ]
    if (
        len(parts) > 1
        and len(parts[0]) > 5  # "Bolstering", not "Ding Xuexiang"
        and parts[0].endswith("ing")
        and parts[0] not in given
        and is_common(parts[0])
    ):
        return False  # a heading: "Bolstering Maritime Cooperation", "Advancing Trade Ties"
    return not parts or any(p in given or is_proper_name(p) or not is_common(p) for p in parts)


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of name-like words in a capitalized run."""

    start: int
    end: int
    tokens: tuple[str, ...]
    run_start: int  # start of the capitalized run holding it
    prefix: tuple[str, ...]  # words of the run before the segment ("Foreign", "Minister")
    org_tail: bool = False  # the run goes on with an organization noun ("Screen Digest")
    nickname: str = ""  # quoted inside the name: Joko "Jokowi" Widodo
    written: str = ""  # as written, when the tokens are reordered: "KISHIDA Fumio"

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


# Japanese official style writes the family name in capitals first: "Mr. KISHIDA Fumio".
_CAPS_FAMILY = re.compile(rf"(?<![\w.-])([A-Z]{{2,}})(?= ([{_UP}][{_LO}]+)\b)")


def _caps_family_names(text: str) -> tuple[str, frozenset[int]]:
    """The text with each capitalized family name before a given name title-cased (the same
    length), and where those names start: "KISHIDA Fumio" reads as a name, family first.
    An all-capital word after another (a heading) or before an ordinary word is left."""
    starts = []
    for m in _CAPS_FAMILY.finditer(text):
        given = m.group(2)
        if not re.search("[AEIOU]", m.group(1)[1:]) or re.search(r"[A-Z]{2,} $", text[: m.start()]):
            continue
        if given not in given_names() and (is_common(given) or given in non_name_words()):
            continue
        starts.append(m.start())
    if not starts:
        return text, frozenset()
    chars = list(text)
    for start in starts:
        end = text.index(" ", start)
        chars[start + 1 : end] = text[start + 1 : end].lower()
    return "".join(chars), frozenset(starts)


# honorifics that are also the middle word of a name after a given name ("Hassan Sheikh
# Mohamud", "Sharif Sheikh Ahmed")
_MID_NAME_TITLES = frozenset({"Sheikh"})
# family names spelled like a function word, inside a run after a title ("Premier He Lifeng")
_PRONOUN_SURNAMES = frozenset({"He"})


def segments(text: str, blocked: list[tuple[int, int]]) -> list[Segment]:
    """Name-like segments of every capitalized run; ``blocked`` spans (states,
    organizations) are never part of a name. A family name in capitals before a given name
    ("KISHIDA Fumio") is read as a name and put last ("Fumio Kishida")."""
    original = text
    text, caps_family = _caps_family_names(text)
    stop = non_name_words()
    found: list[Segment] = []
    mask = bytearray(len(text))  # 1 where a blocked span covers the character
    for bs, be in blocked:
        mask[bs:be] = b"\x01" * (be - bs)
    for run in RUN_RE.finditer(text):
        words = [
            (m.start(), m.end(), m.group().lstrip("#")) for m in TOKEN_RE.finditer(run.group())
        ]
        words = [(run.start() + s, run.start() + e, w) for s, e, w in words]
        current: list[tuple[int, int, str]] = []
        # "Mr. Abul Hassan ...": the honorific's period ends its own run; it still precedes
        dotted = _HONORIFIC_DOT.search(text, max(0, run.start() - 8), run.start())
        prefix: list[str] = [dotted.group(1)] if dotted else []
        for n, (s, e, w) in enumerate([*words, (-1, -1, "")]):
            is_blocked = s >= 0 and any(mask[s:e])
            after_given = bool(current) and current[-1][2] in given_names()
            is_name = (
                bool(w)
                and not is_blocked
                and (w not in stop or (after_given and w in _MONTH_SURNAMES))  # "Theresa May"
                and not w.endswith("-elect")  # "President-elect X"
                and (len(w.rstrip(".")) <= 2 or not w.isupper())
            ) or bool(current and w in REGNAL)  # "Abdullah II", "Charles III"
            is_name = is_name or bool(  # "Zaid bin Sultan": a father's name, not an office
                w and not is_blocked and current and current[-1][2] in PATRONYMIC
            )
            is_name = is_name or bool(  # "Hassan Sheikh Mohamud": a name's middle word
                w in _MID_NAME_TITLES and current and not is_blocked and n + 1 < len(words)
            )
            is_name = is_name or bool(  # "Vice Premier He Lifeng": a family name, not "he"
                w in _PRONOUN_SURNAMES
                and n > 0
                and n + 1 < len(words)
                and words[n + 1][2] not in stop
                and not is_common(words[n + 1][2])
            )
            is_name = is_name or bool(  # "Jan Petersen": a given name, not January
                w in _MONTH_GIVEN_NAMES
                and not is_blocked
                and (n == 0 or words[n - 1][2] in stop)  # after a title, or first
                and n + 1 < len(words)
                and words[n + 1][2] not in stop
                and (words[n + 1][2] in given_names() or not is_common(words[n + 1][2]))
            )
            is_name = is_name or bool(  # "Vice Premier Liu He": a short family name first
                w in _PRONOUN_SURNAMES
                and len(current) == 1
                and len(current[0][2]) <= 4
                and not is_common(current[0][2])
                and n + 1 == len(words)
            )
            last = s >= 0 and e == words[-1][1]
            is_name = is_name or bool(  # "Hun Sen": no title when nothing follows it
                last and current and w in _SHORT_TITLES and not is_blocked
            )
            if is_name and current and w in {c[2] for c in current} and w not in PARTICLES:
                _close(current, run.start(), prefix, found, text=text)
                current = []
            if is_name:
                current.append((s, e, w))
                continue
            if current:
                _close(current, run.start(), prefix, found, w in ORG_TAIL, text)
                current = []
            if w:
                prefix.append(w)
    if caps_family:
        found = [
            _family_last(seg, original[seg.start : seg.end]) if seg.start in caps_family else seg
            for seg in found
        ]
    return _with_nicknames(text, found)


# a word of Japanese romanization: syllables of an optional consonant and a vowel, "n",
# doubled consonants ("Kishida", "Toshimitsu", "Hattori"; not "Wang", "Park", "Li")
_ROMAJI = re.compile(
    r"(?:(?:[kgsztdnhbpmrwjf]|sh|ch|ts|[kgnhbpmr]y|y)?[aiueo]{1,2}|n(?![aiueoy])|([kstp])(?=\1))+",
    re.IGNORECASE,
)


def _family_last(seg: Segment, written: str) -> Segment:
    """A Japanese name in official style ("KISHIDA Fumio") in the order of English news
    ("Fumio Kishida"); Chinese and Korean names ("WANG Yi") keep the family name first."""
    if len(seg.tokens) != 2 or not all(_ROMAJI.fullmatch(t) for t in seg.tokens):
        return replace(seg, written=written)
    return replace(seg, tokens=(seg.tokens[1], seg.tokens[0]), written=written)


_OPENING_QUOTE = re.compile(r' ["“‘\']')
_CLOSING_QUOTE = re.compile(r'["”’\'] ')


def _with_nicknames(text: str, found: list[Segment]) -> list[Segment]:
    """'Joko "Jokowi" Widodo', 'Ferdinand "Bongbong" Marcos': a one-word name quoted
    between a given name and a family name is the person's nickname, not a name apart."""
    out: list[Segment] = []
    i = 0
    while i < len(found):
        a = found[i]
        if i + 2 < len(found):
            nick, b = found[i + 1], found[i + 2]
            if (
                len(nick.tokens) == 1
                and _OPENING_QUOTE.fullmatch(text, a.end, nick.start)
                and _CLOSING_QUOTE.fullmatch(text, nick.end, b.start)
                and b.start == b.run_start
            ):
                tokens = a.tokens + b.tokens
                out.append(
                    replace(a, end=b.end, tokens=tokens, nickname=nick.text, org_tail=b.org_tail)
                )
                i += 3
                continue
        out.append(a)
        i += 1
    return out


def is_family_first(tokens: tuple[str, ...]) -> bool:
    """A name written family name first ("Lim Jock Hoi", "Xiao Li Shan", "Pham Hung"): a short
    first word that is no ordinary word, then one or two more short words; or a short family
    name before a given name of two syllables joined by a hyphen ("Kim Dae-jung")."""
    if has_hyphenated_given(tokens):
        return tokens[0] not in given_names()
    return (
        2 <= len(tokens) <= 3
        and len(tokens[0]) <= 4
        and all(len(t) <= 7 and "-" not in t for t in tokens)
        and tokens[0] not in given_names()
        and (len(tokens[0]) <= 3 or not is_common(tokens[0]) or is_proper_name(tokens[0]))
    )


_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]{1,5}-[a-z]{2,5}")


def has_hyphenated_given(tokens: tuple[str, ...]) -> bool:
    """A short family name, then a given name of two syllables joined by a hyphen, as Korean
    and some Chinese names are written ("Chun Yung-woo", "Kim Dae-jung")."""
    return len(tokens) == 2 and len(tokens[0]) <= 5 and bool(_HYPHENATED_GIVEN.fullmatch(tokens[1]))


def _initial_of_name(words: list[tuple[int, int, str]]) -> bool:
    """ "V. Putin", "K. J. Srinivasa": initials right before a surname are the given names'
    (before a given name, "C. William Verity", the name is the rest)."""
    return (
        2 <= len(words) <= 4
        and all(len(w[2]) == 2 and w[2].endswith(".") for w in words[:-1])
        and not words[-1][2].endswith(".")
    )


def _after_title(prefix: list[str]) -> bool:
    """Whether the run's words before a segment end with an office or an honorific."""
    return bool(prefix) and (
        prefix[-1].rstrip(".") in HONORIFICS or lexicon.load().office(prefix[-1]) is not None
    )


_LOWER_WORD = re.compile(
    r"(?:^|\s)(?!(?:a|an|the|of|and|or|to|in|on|for|with|at|by|from|as)\b)[a-z]"
)


def _in_headline(text: str, pos: int) -> bool:
    """Whether the line at ``pos`` is set in title case, as a headline is ("President Biden
    Welcoming Prime Minister X"): no lowercase word but short function words, and no
    byline ("By Thomas R. Pickering")."""
    start = text.rfind("\n", max(0, pos - 300), pos) + 1
    end = text.find("\n", pos, pos + 300)
    line = text[start : end if end >= 0 else pos + 300]
    return not line.startswith("By ") and not _LOWER_WORD.search(line)  # not a byline


def _close(
    words: list[tuple[int, int, str]],
    run_start: int,
    prefix: list[str],
    out: list[Segment],
    org_tail: bool = False,
    text: str | None = None,
) -> None:
    """Trim particles and initials from a segment's ends, cut it at its first given name;
    a final "-ing" word is cut only where ``text`` sets the run in a headline."""
    while words and (words[-1][2] in PARTICLES or words[-1][2].endswith(".")):
        words = words[:-1]
    while (  # headline verbs: "... Biden Welcoming"; not "Thomas R. Pickering said"
        len(words) > 2
        and words[-1][2].endswith("ing")
        and (text is None or _in_headline(text, run_start))  # read only when it matters
    ):
        words = words[:-1]
    while words and words[0][2].endswith(".") and not _initial_of_name(words):
        words = words[1:]
    if not words:
        return
    names = given_names()
    if (
        words[0][2] not in names
        and words[0][2] not in PARTICLES
        and not is_family_first(tuple(w[2] for w in words))
    ):
        cut = next(
            (
                i
                for i, w in enumerate(words)
                if w[2] in names
                and i < len(words) - 1
                and not (i and words[i - 1][2].lower() in PARTICLES)  # "Tahnoun bin Zayed"
            ),
            0,
        )
        if cut and _after_title(prefix) and all(not is_common(w[2]) for w in words[:cut]):
            cut = 0  # "President Mokgweetsi Eric Masisi": an unknown given name, then a known one
        if cut:
            prefix = [*prefix, *(w[2] for w in words[:cut])]
            words = words[cut:]
    if sum(w[2].lower() not in PARTICLES for w in words) > 6:  # patronymic chains: their names
        return
    tokens = tuple(w[2] for w in words)
    written = ""  # "U.Khurelsukh": a name whose words are not all set apart by a space
    if any(a[1] == b[0] for a, b in itertools.pairwise(words)):
        written = words[0][2] + "".join(
            ("" if a[1] == b[0] else " ") + b[2] for a, b in itertools.pairwise(words)
        )
    out.append(
        Segment(
            words[0][0], words[-1][1], tokens, run_start, tuple(prefix), org_tail, written=written
        )
    )


@lru_cache(maxsize=1 << 16)  # bounded: a kept extraction worker reads many articles
def fold(name: str) -> str:
    """Loose key for comparing spellings: accents, case, "y"/"i" and doubled letters folded."""
    text = unicodedata.normalize("NFKD", name.replace("ı", "i").replace("ł", "l"))
    text = "".join(c for c in text if c.isalpha() or c == " ").lower().replace("y", "i")
    return re.sub(r"(\w)\1+", r"\1", text).strip()
