"""Office titles next to names for the persons extractor.

A title is the phrase right before a name ("Foreign Minister of Belarus", "Turkish
Airlines CEO") or an appositive after it ("X, the Ambassador of Turkey"). Its role is
the office as stated, without the states it names; a company named before a known
office is dropped ("CEO"), but a generic head keeps what it heads ("NATO chief",
"Palestinian leader"). Occupations ("singer", "striker") are evidence of a person,
not roles.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from diplodata.extract import lexicon
from diplodata.extract.dates import MONTH_NAMES, WEEKDAYS
from diplodata.extract.names import COURTESY, HONORIFICS, Segment, given_names, is_namelike, words
from diplodata.extract.text import Doc

_LEFT_TOKEN = re.compile(r"[\w’'#.-]+|[^\w\s]")
CONNECTORS = frozenset(words("of the to for on and in at"))
_WALK_CONNECTORS = frozenset(words("of the to for in on"))  # "Committee on Foreign Affairs"
# Lowercase nouns that may sit inside a title ("Head of the ... faction").
_TITLE_NOUNS = frozenset(
    words(
        """faction party delegation office ministry company corporation group bank fund committee
    commission council agency department service team club"""
    )
)
# Lowercase words that qualify a title without ending it ("Finland's new foreign minister",
# "the country's acting president").
TITLE_MODIFIERS = frozenset(
    words(
        """new former acting outgoing incoming interim caretaker newly recently appointed elected
    current then top chief senior longtime long-serving"""
    )
)
# Words before an office that make another office of it, kept in the role as stated
# ("Acting President", "Federal Chancellor", "former minister"); not "new" or "then".
QUALIFIERS = frozenset(
    words("acting former outgoing incoming interim caretaker federal executive principal senior")
)
# Qualifiers of the same office: an acting or federal chancellor is a chancellor.
_SAME_OFFICE = frozenset(words("acting interim caretaker federal outgoing"))


def office_of(role: str | None) -> str | None:
    """The lexicon's office of a role as stated ("Acting Federal Chancellor" is a
    "chancellor", a "Secretary of State" a "foreign minister"); the role itself when the
    lexicon has no office for it; of two joined by a slash, the first."""
    if not role:
        return role
    role = role.split("/")[0]  # "High Representative/Vice-President": the first office
    found = role.lower().split()
    while len(found) > 1 and found[0] in _SAME_OFFICE:
        found.pop(0)
    office = lexicon.load().office(" ".join(found)) or _office_in_organization(found)
    office = office or _last_joined_office(" ".join(found))
    return office.office if office else " ".join(found)


def _last_joined_office(role: str) -> lexicon.Office | None:
    """Of offices joined by "and" or commas ("deputy prime minister and minister of foreign
    affairs"), the last one the lexicon knows."""
    parts = re.split(r",\s*|\s+and\s+", role)
    if len(parts) < 2:
        return None
    lex = lexicon.load()
    return next((o for p in reversed(parts) if (o := lex.office(p))), None)


@cache
def _organization_names() -> frozenset[str]:
    """Lowercase names and acronyms of international organizations and their institutions
    ("nato", "united nations", "european commission")."""
    names = {name.lower() for name in lexicon.load().organizations}
    with (lexicon.DATA_DIR / "bodies.csv").open(encoding="utf-8", newline="") as handle:
        names |= {r["alias"].lower() for r in csv.DictReader(handle) if not r["country"]}
    return frozenset(names)


def _office_in_organization(found: list[str]) -> lexicon.Office | None:
    """The office a role holds in an organization it names ("nato secretary general",
    "secretary-general of the united nations" are a "secretary general")."""
    orgs, lex = _organization_names(), lexicon.load()
    for i in range(1, min(len(found), 5)):
        if " ".join(found[:i]) in orgs and (office := lex.office(" ".join(found[i:]))):
            return office  # "NATO Secretary General"
        tail = found[-i:]
        if len(found) > i + 2 and found[-i - 1] in ("of", "the"):
            head = found[: -i - 1]
            head = head[:-1] if head[-1] == "of" else head
            if " ".join(tail) in orgs and (office := lex.office(" ".join(head))):
                return office  # "Secretary-General of the United Nations"
    return None


# Head nouns of roles not in offices.csv ("a security manager at Microsoft").
_ROLE_HEADS = frozenset(
    words(
        """manager director officer official analyst economist head chief adviser advisor
    spokesman spokeswoman spokesperson chairman chairwoman chair founder editor correspondent
    reporter professor lawyer coach captain counterpart secretary negotiator mp strategist
    expert scholar researcher historian lawmaker legislator lecturer activist"""
    )
)
# Departments that qualify an office ("Commerce Secretary", "Trade and Industry Secretary").
_DEPARTMENTS = frozenset(
    words(
        """business commerce treasury trade industry defence defense interior home foreign finance
    energy health education justice agriculture transport transportation labor labour
    economy economic environment culture communications information tourism housing veterans
    homeland immigration development infrastructure fisheries employment science technology
    security work pensions sport media digital constitutional northern ireland scotland
    wales central"""
    )
)
# Heads of a scholar's or adviser's post, roles only in an appositive that may name the
# employer ("X, a senior fellow at a think tank", "Y, a China specialist at Z"): before a
# name they are common words ("fellow Democrats").
_APPOSITION_HEADS = frozenset(words("fellow specialist scientist consultant"))
# Heads of commentators' posts: a scholar, an analyst or an economist speaks for no state
# ("a Russian political analyst", "a senior fellow at a Beijing think tank").
_COMMENTATORS = frozenset(
    words(
        """analyst economist strategist fellow specialist scientist professor researcher
    consultant expert scholar historian lecturer"""
    )
)


def is_commentator(role: str | None) -> bool:
    """Whether a role's head is a commentator's post ("political analyst", "professor of
    history", "senior fellow at X"), not an office of a state."""
    if not role or lexicon.load().office(role):
        return False  # "chief economist": a post in a firm or a state body
    found = re.split(r"\s+(?:at|of|with|in|for|on)\s+", role.lower())[0].split()
    head = found[-1].removesuffix("s") if found else ""
    return head in _COMMENTATORS


# Heads too vague alone: they keep the state or organization named before them.
_GENERIC_HEADS = frozenset(words("leader chief head"))
# Company offices: a company named before them is no part of the role.
_EXECUTIVES = frozenset(["ceo", "chief executive", "chief executive officer", "chairman"])
# Occupations right before a name: evidence of a person, no office.
_OCCUPATION = re.compile(
    r"\b(?:singer|actor|actress|athlete|musician|rapper|comedian|supermodel|legend|novelist"
    r"|author|writer|poet|composer|critic|protester|presenter|striker|midfielder|defender"
    r"|goalkeeper|winger|sprinter|hurdler|golfer|boxer|cyclist|swimmer|jockey|designer"
    r"|photographer|producer|film-maker|filmmaker|songwriter|guitarist|drummer|dancer)s?"
    r"\s+(?:and\s+)?$"
)
# Occupations that also make a single word a person ("Ukrainian singer Ruslana").
_SOLO_OCCUPATION = re.compile(
    r"\b(?:singer|rapper|actor|actress|comedian|supermodel|legend|musician)\s+$"
)
_APPOSITIVE = re.compile(
    r",\s+(?:the |a |an )?([\w’'-]+(?: [\w’'-]+){0,13}?)"
    r"(?=[,.;:—(]|$| said| told| who| whose| which)"
)


@dataclass(slots=True)
class Title:
    """An office phrase next to a name, with the states it names."""

    role: str | None = None
    country: str | None = None
    posted_to: str | None = None
    org: bool = False  # the title names an international organization


@cache
def _office_words() -> frozenset[str]:
    """Lowercase words of office titles ("foreign", "minister", "envoy")."""
    found = {w for phrase in lexicon.load().offices for w in phrase.split()}
    found |= _ROLE_HEADS | _DEPARTMENTS
    return frozenset(w for w in found if w.isalpha() and w not in CONNECTORS)


@cache
def _head_words() -> frozenset[str]:
    """Words that end an office title ("minister", "ambassador", "economist")."""
    return frozenset({p.split()[-1] for p in lexicon.load().offices} | _ROLE_HEADS)


@cache
def _person_heads() -> frozenset[str]:
    """Words that end a title which goes right before a name ("Senator", "Minister"), not
    a department ("Minister of Energy", "Secretary of State")."""
    phrases = [p for p in lexicon.load().offices if not re.search(r" (?:of|for|to) ", p)]
    return frozenset({p.split()[-1] for p in phrases} | _ROLE_HEADS) - _DEPARTMENTS - {"state"}


def is_person_head(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in _person_heads() or (w.endswith("s") and w[:-1] in _person_heads())


# Office words that are prepositions too: part of a title only capitalized ("Under
# Secretary X", not "under Senator X").
_PREPOSITIONS = frozenset(words("under"))


def is_office_word(word: str, heads: bool = False) -> bool:
    w = word.lower().removesuffix("-elect")  # "President-elect"
    if w in _PREPOSITIONS and not word[:1].isupper():
        return False
    found = _head_words() if heads else _office_words()
    if "-" in w and w.split("-")[0] in _office_words():  # "Vice-President", "co-chairman"
        w = w.split("-")[-1]
    return w in found or (w.endswith("s") and w[:-1] in found)


_LEFT_WINDOW = 240  # characters before a name searched for its title


def occupation_before(doc: Doc, seg: Segment, solo: bool) -> bool:
    """Whether an occupation noun stands right before ``seg`` ("actors Harvey Keitel")."""
    window = doc.text[max(0, seg.start - 40) : seg.start]
    return bool((_SOLO_OCCUPATION if solo else _OCCUPATION).search(window))


_PERSONAL = frozenset({"Mr", "Mrs", "Ms", "Dr", "Madam", "Miss"}) | COURTESY


_DAY_WORDS = frozenset(w.capitalize() for w in (*WEEKDAYS, *MONTH_NAMES))


def left_title(
    doc: Doc, seg: Segment, sent_start: int, strong: bytearray
) -> tuple[int, int, bool] | None:
    """Span of the title phrase just before ``seg`` ("Foreign Minister of Belarus,"), and
    whether an office word touches the name ("President Truman"). None when ``seg`` is
    the object of the title ("chairman of the World Anti-Doping Authority")."""
    base = max(sent_start, seg.start - _LEFT_WINDOW)  # titles are short: no O(n^2) scans
    left = doc.text[base : seg.start]
    tokens = list(_LEFT_TOKEN.finditer(left))
    while tokens and tokens[-1].group().rstrip(".") in _PERSONAL:  # "Ambassador, Mr X"
        tokens = tokens[:-1]
    if len(tokens) >= 2 and tokens[-2].group() == "," and tokens[-1].group() in HONORIFICS:
        tokens = tokens[:-1]  # "Minister of Foreign Affairs, Prince X", "Minister, General X"
    comma = bool(tokens) and tokens[-1].group() == ","
    if comma:
        tokens = tokens[:-1]
    if tokens and tokens[-1].group() == "[":  # a transcript's "Economy Minister[Name]"
        tokens = tokens[:-1]
    if len(tokens) >= 3 and tokens[-1].group() == ")" and tokens[-3].group() == "(":
        tokens = tokens[:-3]  # "Head of the ... Agency (IAEA) Rafael Grossi"
    kept: list[re.Match[str]] = []
    in_title = False  # inside a name-like run that is a body in the title ("Joint Chiefs")
    for n, tok in enumerate(reversed(tokens)):
        w, pos = tok.group(), base + tok.start()
        if strong[pos]:  # another person's name, unless a body of the title
            in_title = (in_title and bool(strong[base + tok.end()])) or _body_in_title(w, kept)
            if not in_title:
                break
        else:
            in_title = False
        if w == "in" and not (kept and _starts_with_name(doc, base + kept[0].start())):
            break  # "Representative in Ukraine X", not "home secretary in X's government"
        if w in _DAY_WORDS:
            break  # "the visit to Kyiv on Tuesday of U.S. Secretary of State X": a day
            # ends the title
        if w == "and" and kept and kept[0].group().lower() in _DEPARTMENTS:
            prev = tokens[len(tokens) - n - 2].group().lower() if n + 1 < len(tokens) else ""
            if prev in _DEPARTMENTS:  # "Trade and Industry Secretary"
                kept.insert(0, tok)
                continue
        if (
            w == "and"
            and kept
            and kept[0].group() in ("the", kept[0].group().capitalize())
            and _department_words(doc, base, kept[1:])  # "and Law", "and the Portuguese
            # Communities", "and Trade of Hungary", not "and Ruler of"
            and _department_list(tokens[: len(tokens) - n - 1])
        ):
            kept.insert(0, tok)  # "Minister of Justice and Law", "Secretary of Health and ..."
            continue
        if (
            w == ","
            and _listed_department(kept)
            and _department_list(tokens[: len(tokens) - n - 1])
        ):
            kept.insert(0, tok)  # "Minister of Investment, Trade and Industry"
            continue
        if w == "and" and _joins_offices(tokens[: len(tokens) - n - 1], kept):
            kept.insert(0, tok)  # "Deputy Prime Minister and Minister of Foreign Affairs"
            continue
        if re.search(r"['’]s$", w) and not any(
            c.start <= pos < c.end for c in doc.countries_in(max(0, pos - 40), pos + 60)
        ):
            break  # a person's or organization's possessive ends any title ("People's
            # Republic of China" is a state's name)
        if w in TITLE_MODIFIERS and not is_office_word(w):
            before = tokens[len(tokens) - n - 2] if n + 1 < len(tokens) else None
            if before and not _opens_title(doc, before.group(), base + before.start()):
                break  # "lawyers for former chief executive X": the title starts after
        elif not (
            w[0].isupper()
            or w in _WALK_CONNECTORS
            or w == "/"  # "High Representative/Vice-President"
            or is_office_word(w)
            or w in _TITLE_NOUNS
            or ("-" in w and w.islower())
        ):
            break
        kept.insert(0, tok)
    while kept and not (
        (is_office_word(kept[0].group()) and not _department_of(kept))
        or kept[0].group().lower() in QUALIFIERS
        or _starts_with_name(doc, base + kept[0].start())
        or _acronym_qualifier([k.group() for k in kept[:2]])
        or (
            _proper_qualifier([k.group() for k in kept[:2]])
            and not _inside_a_name(_token_before(tokens, kept[0]), base, sent_start)
        )
    ):
        kept.pop(0)
    while (rest := _after_object(doc, base, kept)) is not kept:
        kept = rest
    if kept and kept[0].group().islower():
        at = next(i for i, t in enumerate(tokens) if t is kept[0])
        kept[:0] = _lowercase_qualifiers(doc, base, tokens[:at], sent_start)
    found = [k.group() for k in kept]
    if not any(is_office_word(w, heads=True) for w in found):
        return None
    if comma and kept and _FRONTED_OBJECT.match(doc.text, sent_start, base + kept[0].start()):
        return None  # "Before the meeting with the President of Ukraine, X visited": another
    if comma and kept and _after_a_name(doc, strong, sent_start, base + kept[0].start()):
        return None  # "A, President of Korea, B, President of Kazakhstan": A's apposition
    named = [(c.start, c.end) for c in doc.countries_in(base, seg.start)]
    named += [(o.start, o.end) for o in doc.international_in(base, seg.start)]
    last = max(
        i
        for i, k in enumerate(kept)
        if is_office_word(k.group()) or any(s <= base + k.start() < e for s, e in named)
    )
    tail = found[last + 1 :]
    if any(w in _WALK_CONNECTORS for w in tail) and not (comma or seg.tokens[0] in given_names()):
        return None
    while (  # "Prime Minister Sheikh X" (but "Crown Prince X", "Secretary General X")
        found
        and (found[-1].rstrip(".") in HONORIFICS or _courtesy_rank(found))
        and not lexicon.load().office(" ".join(found[-2:]))
    ):
        found.pop()
        kept.pop()
    if not kept:
        return None
    # a department is no title of a person right after it ("the Finance Bill"): its office,
    # "Minister of Finance", comes before it ("Secretary of Commerce Raimondo", below)
    touching = bool(found) and not comma and is_office_word(found[-1], heads=True)
    touching = touching and found[-1].lower() not in _DEPARTMENTS
    if not comma and _DEPARTMENT_TITLE.search(" ".join(found)) and is_namelike(seg.tokens):
        touching = True  # "Secretary of Commerce Raimondo": the department ends the title
    if touching and found[-1].lower() not in _head_words() and found[-1][:-1] in _ROLE_HEADS:
        touching = False  # "oil analysts Douglas-Westwood": a firm of them, not a person
    return base + kept[0].start(), base + kept[-1].end(), touching


# "Secretary of Commerce", "Minister of Health and Social Affairs": an office, then "of"
# and a department's name right before the name
_DEPARTMENT_TITLE = re.compile(
    r"\b(?:Secretary|Minister|Ministers|Commissioner)\s+(?:of|for)\s+(?:the\s+)?"
    r"(?:[A-Z][\w-]*\s+(?:and\s+)?){0,3}[A-Z][\w-]*$"
)


def _after_a_name(doc: Doc, strong: bytearray, sent_start: int, pos: int) -> bool:
    """Whether the title at ``pos`` follows another person's name and a comma: set off by
    commas between two names, it is the first one's apposition."""
    gap = re.search(r"[ \t]*,[ \t]*$", doc.text[max(sent_start, pos - 4) : pos])
    if gap is None:
        return False
    before = pos - len(gap.group()) - 1
    return before >= 0 and bool(strong[before])


def _acronym_qualifier(pair: list[str]) -> bool:
    """Whether an acronym names the body an office right after it serves ("NSC
    Spokesperson", "NASA Administrator", "OTS Secretary-General"): part of the role."""
    return (
        len(pair) == 2
        and bool(re.fullmatch(r"[A-Z]{2,5}", pair[0]))
        and not _FUNCTION_WORD.fullmatch(pair[0].lower())  # "HE" (His Excellency)
        and is_office_word(pair[1])
    )


def _proper_qualifier(pair: list[str]) -> bool:
    """Whether a capitalized word names what a lowercase office right after it serves
    ("Kremlin spokesman", "Sahel analyst"): in a text that writes the office in lowercase,
    the capital marks a proper noun, not the start of the title. One word only: a second
    may start the sentence ("Meanwhile Kremlin spokesman")."""
    return (
        len(pair) == 2
        and pair[0][:1].isupper()
        and pair[0].isalpha()
        and not _FUNCTION_WORD.fullmatch(pair[0].lower())  # "But analyst X"
        and pair[0].lower() not in _QUALIFIER_OPENERS
        and pair[1].islower()
        and is_office_word(pair[1])
    )


def _token_before(tokens: list[re.Match[str]], tok: re.Match[str]) -> re.Match[str] | None:
    at = next(i for i, t in enumerate(tokens) if t is tok)
    return tokens[at - 1] if at else None


def _inside_a_name(before: re.Match[str] | None, base: int, sent_start: int) -> bool:
    """Whether the word before a capitalized qualifier is capitalized too, and not the
    sentence's first word: the qualifier ends a longer name ("Kemper Financial Services
    economist": a firm), not one proper noun ("Sahel analyst", "Meanwhile Sahel analyst")."""
    return (
        before is not None
        and before.group()[:1].isupper()
        and base + before.start() > sent_start + 1
    )


# words that open a lowercase title's qualifiers ("the political analyst", "a Kenyan
# aviation analyst", "according to presidential spokesman")
_QUALIFIER_OPENERS = frozenset(words("the a an his her their its our to by with from for of at as"))
_MAX_QUALIFIERS = 3


def _lowercase_qualifiers(
    doc: Doc, base: int, before: list[re.Match[str]], sent_start: int
) -> list[re.Match[str]]:
    """The qualifiers of :func:`_qualifier_run`, from after its last participle or adverb
    ("including captain X", "the brooding king", "currently a consultant" qualify nothing;
    "acting", "outgoing" and "managing" are parts of titles)."""
    run = _qualifier_run(doc, base, before, sent_start)
    cut = max(
        (n + 1 for n, tok in enumerate(run) if _NOT_QUALIFIER.fullmatch(tok.group())), default=0
    )
    return run[cut:]


# "-ing" and "-ly" words that are no part of a title, unlike "acting" or "outgoing"
_NOT_QUALIFIER = re.compile(
    r"(?!(?:acting|outgoing|incoming|managing|ruling|governing|presiding|founding|"
    r"leading|standing|reigning|sitting|serving|consulting|marketing|banking|"
    r"accounting|planning|training|shipping|mining|engineering|broadcasting|"
    r"nursing|teaching|publishing|programming|polling|fundraising|timing)$)"
    r"[a-z]+(?:ing|ly)"
)


def _qualifier_run(
    doc: Doc, base: int, before: list[re.Match[str]], sent_start: int
) -> list[re.Match[str]]:
    """Lowercase words that qualify a lowercase office ("political" in "the political
    analyst X", "aviation" in "Kenyan aviation analyst X"): up to three words after an
    article, a preposition, a possessive, a state's demonym or punctuation; none after a
    verb ("said analyst X")."""
    run: list[re.Match[str]] = []
    for tok in reversed(before):
        w = tok.group()
        if len(run) < _MAX_QUALIFIERS and re.fullmatch(r"[a-z]+(?:-[a-z]+)*", w):
            if w in _QUALIFIER_OPENERS:
                return run
            if _FUNCTION_WORD.fullmatch(w):
                return _adjectives(run)  # "said presidential spokesman", "whose ..."
            run.insert(0, tok)
            continue
        pos = base + tok.start()
        opener = (
            w.lower() in _QUALIFIER_OPENERS  # "The shadow ..." opening a sentence
            or not w[0].isalnum()
            or bool(re.search(r"['’]s$", w))
            or any(c.start <= pos < c.end for c in doc.countries_in(pos, pos + len(w)))
        )
        return run if opener else _adjectives(run)
    return run if before and base + before[0].start() <= sent_start + 1 else _adjectives(run)


_ADJECTIVE = re.compile(r"[a-z]+(?:al|ic|ian|ive|ary)")


def _adjectives(run: list[re.Match[str]]) -> list[re.Match[str]]:
    """The adjectives that end a run of lowercase words ("presidential" in "said
    presidential spokesman"): the words before them may be a verb."""
    n = len(run)
    while n and _ADJECTIVE.fullmatch(run[n - 1].group()):
        n -= 1
    return run[n:]


def _after_object(doc: Doc, base: int, kept: list[re.Match[str]]) -> list[re.Match[str]]:
    """The title after a "to" or "of" whose left side holds no office ("the accession of
    the Czech Republic to the North Atlantic Treaty to the Secretary of State X"): that
    side is what the sentence is about, not part of the title (but "Ambassador to",
    "Republic of Korea")."""
    for i, k in enumerate(kept[:12]):
        if k.group() not in ("to", "of") or i == 0:
            continue
        if any(is_office_word(x.group()) for x in kept[:i]):
            return kept
        start = base + kept[0].start()
        spans = [c.end for c in doc.countries_in(start, start + 80) if c.start == start]
        spans += [o.end for o in doc.international_in(start, start + 80) if o.start == start]
        if any(end > base + k.start() for end in spans):
            continue  # "Republic of Korea": the "of" is inside a name
        rest = kept[i + 1 :]
        while rest and rest[0].group() in ("the", "to", "of"):
            rest = rest[1:]
        return rest if any(is_office_word(x.group()) for x in rest) else kept
    return kept


def _department_of(kept: list[re.Match[str]]) -> bool:
    """Whether the title would start with a lowercase department's noun and "of" ("the
    tireless work of Deputy Speaker X", "trade of ..."): an office never starts so."""
    return (
        len(kept) >= 2
        and kept[0].group().islower()
        and kept[0].group() in _DEPARTMENTS
        and kept[1].group() == "of"
    )


def _courtesy_rank(found: list[str]) -> bool:
    """Whether the title's last word is a rank the person bears after their office
    ("Chief Adviser Professor X", "Spokesman Ambassador X"): two capitalized heads in a
    row that are no office together; the first ends the office."""
    return (
        len(found) >= 2
        and found[-1].lower() in _RANKS
        and found[-2][:1].isupper()
        and is_person_head(found[-2])
        and found[-2].lower() not in QUALIFIERS
    )


# ranks a person bears as a form of address after their office ("Spokesman Ambassador X",
# "Chief Adviser Professor X")
_RANKS = frozenset(words("ambassador professor"))


def _body_in_title(word: str, kept: list[re.Match[str]]) -> bool:
    """Whether a capitalized office word that looks like a name's last word heads what the
    title's "of" continues ("Chairman of the Joint Chiefs of Staff": "Chiefs" before "of
    Staff"): a body in the title, not a person."""
    return (
        bool(kept)
        and kept[0].group() == "of"
        and word[:1].isupper()
        and is_office_word(word)
        and word.endswith("s")
    )


def _department_words(doc: Doc, base: int, after: list[re.Match[str]]) -> bool:
    """Whether the words after a department's "and" are capitalized ("and Law", "and the
    Portuguese Communities"), then at most an "of" and the state or organization that the
    office serves ("and Trade of Hungary"); not another office ("and Ruler of Dubai")."""
    for i, k in enumerate(after):
        if not k.group()[0].isupper():
            rest = [t for t in after[i:] if t.group() not in ("of", "the")]
            return (
                k.group() == "of"
                and bool(rest)
                and rest[0].group()[0].isupper()
                and _starts_with_name(doc, base + rest[0].start())
            )
    return True


def _listed_department(kept: list[re.Match[str]]) -> bool:
    """Whether the words after a comma list a department's last names ("Trade and Industry"
    in "Minister of Investment, Trade and Industry"): capitalized words and one "and"."""
    found = [k.group() for k in kept]
    if "and" not in found[:4] or not found[0][0].isupper():
        return False
    run = found[: found.index("and") + 2]
    return len(run) >= 3 and all(w == "and" or w[0].isupper() for w in run)


def _joins_offices(before: list[re.Match[str]], kept: list[re.Match[str]]) -> bool:
    """Whether an "and" joins two offices of one person ("Deputy Prime Minister and
    Minister of Foreign Affairs", "Crown Prince and Prime Minister"): a capitalized
    office's head before it and a capitalized office word after it."""
    if not before or not kept:
        return False
    prev, nxt = before[-1].group(), kept[0].group()
    first = len(before) - 1
    while (
        first > 0
        and before[first - 1].group()[:1].isupper()
        and before[first - 1].group().lower() not in _LEADING
    ):
        first -= 1  # the first word of the office before "and"
    if first > 0 and before[first - 1].group().lower() in _LEADING:
        return False  # "the (Vice) President and Secretary of Defense X": two persons
    return (
        prev[0].isupper()
        and nxt[0].isupper()
        and is_person_head(prev)
        and is_office_word(nxt)
        and not prev.endswith("s")
    )


def _department_list(before: list[re.Match[str]]) -> bool:
    """Whether the tokens before an "and" end with an office and the first words of what it
    heads ("Minister of Justice", "Secretary of Health", "Minister for Civil Defence"): the
    "and" joins the department's name, not two persons."""
    words_before = [t.group() for t in before[-6:]]
    while words_before and words_before[-1][0].isupper() and words_before[-1] not in ("The",):
        words_before.pop()
        if len(words_before) >= 2 and words_before[-1] in ("of", "for"):
            return is_office_word(words_before[-2], heads=True)
        if len(words_before) >= 3 and words_before[-1] == "the" and words_before[-2] == "of":
            return is_office_word(words_before[-3], heads=True)
    return False


def _opens_title(doc: Doc, word: str, pos: int) -> bool:
    """Whether a title's modifier ("new", "former") may follow ``word``: a determiner, a
    possessive ("Chile's new ..."), or a state's name or demonym ("Iraqi interim leader")."""
    return (
        word.lower() in _LEADING
        or bool(re.search(r"['’]s$", word))
        or any(c.start <= pos < c.end for c in doc.countries_in(pos, pos + len(word)))
        or not word[0].isalnum()
    )


# a title that ends a fronted phrase ("Before the meeting with the President of Ukraine,")
# is someone that phrase mentions, not an apposition of the subject after the comma
_FRONTED_OBJECT = re.compile(
    r"\s*(?:Before|After|During|Following|Ahead\s+of|Prior\s+to|Upon|At|In|On|Since|Unlike)"
    r"\b[^,;]*\b(?:with|to|by|from|for|of|on|at|about|against)\s+(?:the\s+)?$"
)


def _starts_with_name(doc: Doc, pos: int) -> bool:
    """Whether a state or an organization is named from ``pos`` on."""
    starts = [c.start for c in doc.countries_in(pos, pos + 60)]
    starts += [o.start for o in doc.international_in(pos, pos + 60)]
    return pos in starts


def right_title(
    doc: Doc, seg: Segment, sent_end: int, strong: bytearray | None = None
) -> tuple[int, int] | None:
    """Span of an appositive title after ``seg`` ("X, the ... Ambassador to Turkey"); none
    when another person's name follows in it ("X, President of Azerbaijan Y and ...": the
    title is Y's)."""
    m = _office_after_membership(doc, seg.end, sent_end)
    m = m or _APPOSITIVE.match(doc.text, seg.end, sent_end)
    if not m or re.match(r"(?:and|or|but)\s", m.group(1)):
        return None  # ", and Minister of Foreign Affairs Y": the next conjunct, not X's title
    if strong is not None and _titles_next_name(doc, strong, m.start(1), m.end(1)):
        return None
    found = m.group(1).split()
    if (
        len(found) > 1
        and not is_office_word(found[0])
        and is_office_word(found[1], heads=True)
        and not _modified_head(found)
    ):
        found = found[1:]  # "a hawkish adviser to ..."
    if not any(_is_head(w) or w.lower() in _APPOSITION_HEADS for w in found[:5]):
        return None
    if not (found[0][0].isupper() or is_office_word(found[0]) or _modified_head(found)):
        return None
    return m.end(1) - len(" ".join(found)), m.end(1)


# a seat in a party or state body given before the office ("member of the Politburo of the
# CPSU Central Committee, Chairman of the USSR Council of Ministers")
_MEMBERSHIP = re.compile(
    r",\s+(?:(?:candidate|alternate|full) )?members? of (?:the )?[^,.;:()]{3,120}(?=,)",
    re.IGNORECASE,
)


def _office_after_membership(doc: Doc, pos: int, sent_end: int) -> re.Match[str] | None:
    """The appositive after a membership ("X, member of the Political Bureau of the ...
    Central Committee, Chairman of the Council of Ministers"): the office, when one
    follows."""
    seat = _MEMBERSHIP.match(doc.text, pos, sent_end)
    if not seat:
        return None
    nxt = _APPOSITIVE.match(doc.text, seat.end(), sent_end)
    if nxt and any(_is_head(w) for w in nxt.group(1).split()[:5]):
        return nxt
    return None


def _is_head(word: str) -> bool:
    """A role's head word, also first in a hyphenated one ("director-general",
    "editor-in-chief"; not "co-head", which may be a company's)."""
    w = word.lower().strip(",")
    heads = _head_words()
    return w in heads or ("-" in w and w.split("-")[0] in heads)


def _titles_next_name(doc: Doc, strong: bytearray, start: int, end: int) -> bool:
    """Whether a name in ``text[start:end]`` follows an office word or a state right before
    it ("President of Azerbaijan Ilham Aliyev"): the words are that person's title."""
    pos = next((i for i in range(start, end) if strong[i]), None)
    if pos is None:
        return False
    before = doc.text[start:pos].split()
    if not before:
        return False
    last = before[-1]
    gap_end = start + len(doc.text[start:pos].rstrip())
    return (last[0].isupper() and is_office_word(last, heads=True)) or any(
        c.end == gap_end and c.form in ("name", "short", "official")
        for c in doc.countries_in(start, pos)
    )


def _modified_head(found: list[str]) -> bool:
    """ "currency strategist with HSBC", "chief market analyst at X": up to two lowercase
    modifiers, then a role head, then the employer (or nothing)."""
    heads = _ROLE_HEADS | _APPOSITION_HEADS
    head = next((i for i, w in enumerate(found[:3]) if w.lower() in heads), None)
    if head is None or not all(w.islower() for w in found[:head]):
        return False
    return len(found) == head + 1 or found[head + 1] in ("at", "with", "of")


# the words of a state's formal name before its short name
_STATE_FORM = re.compile(
    r"(?<=\s)(?:(?:People['’]s|Islamic|Federal|Democratic|Socialist|United|Arab|Plurinational|"
    r"Bolivarian|Hashemite|Co-operative|Cooperative)\s+)*(?:Republic|Kingdom|Federation|"
    r"Commonwealth|Sultanate|State|Emirates?|Principality|Grand\s+Duchy)\s+of\s+(?:the\s+)?$"
)


# the words of a state's formal name after its adjective ("Hungarian People's Republic")
_FORM_AFTER = re.compile(
    r"(?:\s+(?:People['’]s|Socialist|Democratic|Federal|Federative|Islamic|Arab))*"
    r"\s+Republic\b"
)


# offices that head the organization named after them ("Secretary-General of the UN")
_ORG_HEADS = frozenset(
    words("""secretary-general general director-general director president head chairman
    chairwoman chair chief leader""")
)


def _member_of(before: str, pre: re.Match[str] | None) -> bool:
    """Whether an organization after "of" is only where an office sits ("External Relations
    Commissioner of the European Communities"), not the body the office heads."""
    if not pre or pre.group(1) != "of":
        return False
    head = before[: pre.start()].split()
    return bool(head) and head[-1].lower() not in _ORG_HEADS


def parse_title(doc: Doc, start: int, end: int) -> Title:
    """Role, state and host state of the title phrase ``doc.text[start:end]``."""
    lex = lexicon.load()
    phrase = doc.text[start:end]
    country = posted = None
    cuts: list[tuple[int, int]] = []
    named = [(c.start, c.end, c.code, c.form) for c in doc.countries_in(start, end)]
    named += [(o.start, o.end, "", "") for o in doc.international_in(start, end)]
    for s, e, code, form_of in sorted(named):
        s, e = s - start, e - start
        if form_of in ("name", "short") and _SUBJECT_OF_STUDY.match(phrase, e):
            continue  # "China specialist", "Russia analyst": what they study, as stated
        form = _STATE_FORM.search(phrase[:s]) if code else None
        if form and re.match(r"State\b", form.group()) and phrase[: form.start()].endswith("of "):
            form = None  # "Secretary of State of the United States": the office's "of State"
        s = form.start() if form else s  # "of the People's Republic of Bangladesh"
        pre = re.search(r"(?:^|\s)(of|to|at|from|in|with)\s+(?:the\s+)?#?$", phrase[:s])
        form_after = _FORM_AFTER.match(phrase, e) if code else None
        e = form_after.end() if form_after else e  # "of the Hungarian People's Republic"
        tail = re.match(r"(?:['’]s)?\s*(?:$|,|(?:to|of|and|in)\b)", phrase[e:])
        prep = pre.group(1) if pre else ""
        if not pre and not phrase[:s].strip():  # "received at Al-Ittihadiya Palace Chinese
            outside = re.search(
                r"\b(at|in|from)\s+(?:the\s+)?$", doc.text[max(0, start - 10) : start]
            )
            prep = outside.group(1) if outside else ""  # Foreign Minister X": not his state
        if code and prep == "to":
            posted = posted or code
        elif code and prep not in ("at", "from", "in", "with"):
            country = country or code
        if not code and not re.match(r"['’]s", phrase[e:]) and not _member_of(phrase[:s], pre):
            continue  # "NATO Secretary General", "Secretary-General of the UN": as stated
        if pre and tail:
            cuts.append((pre.start(), e))
        elif (form_of != "seat" or prep) and all(
            w in _BEFORE_STATE for w in phrase[:s].lower().split()
        ):
            # a government's seat stays ("Kremlin spokesman"), a demonym goes
            # "the Russian president", "former Dutch prime minister": the state, not "former";
            # "a Beirut-based analyst": the place and its "-based"
            tail_len = re.match(r"(?:['’]s|-based\b)?", phrase[e:])
            cuts.append((s, e + (tail_len.end() if tail_len else 0)))
    full = _role_words(re.sub(r"\s*\([^)]*\)", "", phrase))
    spans: list[tuple[int, int]] = []  # "the EU's": a state and an organization, cut once
    for s, e in sorted(cuts):
        if spans and s <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
        else:
            spans.append((s, e))
    for s, e in reversed(spans):
        phrase = phrase[:s] + " " + phrase[e:]
    kept = _role_words(re.sub(r"\s*\([^)]*\)", "", phrase))
    phrase = " ".join(kept).lower()
    if phrase.endswith("s") and lex.office(phrase[:-1]):
        phrase = phrase[:-1]
    office = lex.office(phrase)
    if phrase in _GENERIC_HEADS and len(full) > 1 and full[-1].lower() == phrase:
        phrase, office = " ".join(full).lower(), None  # "NATO chief", "Palestinian leader"
    elif not office:  # a company before a known office: "Turkish Airlines CEO"
        rest = next((i for i in range(1, len(kept)) if lex.office(" ".join(kept[i:]))), 0)
        head = lex.office(" ".join(kept[rest:])) if rest else None
        if (
            head
            and head.office in _EXECUTIVES
            and all(w[0].isupper() for w in kept[:rest])
            and not any(is_office_word(w) for w in kept[:rest])
        ):
            office, phrase = head, " ".join(kept[rest:]).lower()
    role = _stated(phrase, office, kept) or None
    if role and "counterpart" in role.split():
        role = "counterpart"
    if posted and not ((office and office.envoy) or "envoy" in phrase or "ambassador" in phrase):
        posted = None
    return Title(role, country, posted, org=bool(doc.international_in(start, end)))


def _stated(phrase: str, office: lexicon.Office | None, kept: list[str]) -> str:
    """The role as the title states it ("External Affairs Minister", "Taoiseach",
    "Treasury Secretary"), not the lexicon's office for it; an abbreviation ("PM", "FM")
    is spelled out as its office. ``office_of`` gives the office for internal use."""
    if office and len(kept) == 1 and kept[0].isupper() and len(kept[0]) > 1:
        return office.office
    if office and _CEREMONIAL.search(phrase):
        return _CEREMONIAL.sub(" ", phrase).strip() or office.office
    return phrase


# a diplomat's rank of courtesy, no part of the office ("Ambassador Extraordinary and
# Plenipotentiary" is an ambassador)
_CEREMONIAL = re.compile(r"\s*\bextraordinary and plenipotentiary\b\s*")


# a commentator's head right after a state's name: the state is their subject, not the
# state they serve ("a China specialist at a Washington institute"; not "Russian analyst")
_SUBJECT_OF_STUDY = re.compile(
    r"\s+(?:analyst|specialist|expert|scholar|watcher|historian|researcher)s?\b(?!\s+[A-Z])"
)

_LEADING = frozenset(words("the a an his her their its and"))
_BEFORE_STATE = frozenset(words("the his her")) | QUALIFIERS | TITLE_MODIFIERS
# modifiers that say when someone took the office, not which office ("new", "then"): a role
# keeps "former" and "acting", which change what the office is
_TRANSIENT = frozenset(
    words("new newly recently appointed elected current then longtime long-serving")
)


# the employer after a commentator's head noun ("analyst at a Berlin think tank",
# "economist with the Mortgage Bankers Association"): where they work, not their role
_AFFILIATION = re.compile(
    r"(\b(?:analyst|economist|researcher|professor|expert|strategist|fellow|specialist"
    r"|scientist|consultant)s?\b[^,;]*?)"
    r"\s+(?:at|with)\s+(?:the|a|an)\s.*$",
    re.IGNORECASE,
)


def _role_words(phrase: str) -> list[str]:
    """The words of a title phrase without leading articles and trailing honorifics."""
    lex = lexicon.load()
    phrase = re.sub(r"\s+(?:at|with)\s+[A-Z].*$", "", phrase)
    phrase = _AFFILIATION.sub(r"\1", phrase)
    found = phrase.replace(",", " ").split()
    while found and re.fullmatch(r"[A-Z]\.", found[-1]):  # the name's initial ("C. William")
        found.pop()
    while (
        found
        and not lex.office(" ".join(found))
        and not lex.office(" ".join(found[-2:]))  # "NATO Secretary General"
        and (found[-1].rstrip(".") in HONORIFICS or found[-1].lower() in CONNECTORS)
    ):
        found.pop()
    while found and (found[0].lower() in _LEADING or found[0].lower() in _TRANSIENT):
        found.pop(0)
    return found


# Words that cannot stand between a demonym and the name it qualifies: "The American could
# meet Rusedski" does not make Rusedski American.
_NOT_BETWEEN = (
    r"and|or|of|the|with|to|in|at|on|for|by|from|against|than|as|but|who|which|that|"
    r"is|was|are|were|be|been|has|had|have|do|does|did|will|would|could|can|may|might|"
    r"should|must|shall|said|says|told|meet|meets|met|beat|beats|faces|face|plays|played|"
    r"[a-z]+ed|thanks|urges|receives|welcomes|hosts|briefs|calls|asks|tells|invites|saw|sees"
)  # "The Greek minister briefed Shoukry": a verb, not an occupation, comes between
# verbs, pronouns and conjunctions: no qualifier of a title ("said", "whose", "and")
_FUNCTION_WORD = re.compile(
    rf"(?:{_NOT_BETWEEN}|whose|whom|where|when|while|if|not|also|he|she|it|they|we|i|you)"
)


def demonym_before(doc: Doc, seg: Segment, sent_start: int) -> str | None:
    """ "Russian Irina Shevchenko", "British hurdler Sarah Claxton": the demonym's state."""
    window = doc.text[max(sent_start, seg.start - 40) : seg.start]
    m = re.search(rf"(\S+)\s+(?:(?!(?:{_NOT_BETWEEN})\s)[a-z-]+\s+){{0,2}}$", window)
    if not m:
        return None
    states = doc.countries_in(seg.start - len(window) + m.start(1), seg.start)
    if (
        states
        and (states[0].form == "demonym" or re.fullmatch(r"[A-Z]{2,3}", m.group(1)))
        and states[0].start == seg.start - len(window) + m.start(1)
    ):
        return states[0].code
    return None
