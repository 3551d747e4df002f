"""Money amounts and percentages in news text, and what the words around an amount say
about it (:func:`qualifier_of`, :func:`year_and_period`, :func:`share_facts`).

Amounts: "$40.1Billion", "US$38bn", "USD 7.5 billion",
"500 mln dlrs", "28.9 billion yen", "two billion dollars", "800-900 million",
"between two and three billion dlrs", "dollars 214.6bn" (BBC style), "20.1%".

Currency words come from ``diplodata/data/currencies.csv`` (word,code). Symbols, ISO codes
and the plural words BBC copy puts before the number ("dollars 58") may precede the
number (a one-letter symbol, "R61.6 billion" rand or "N283bn" naira, only unspaced and
with a scale); every word may follow it. An amount without a currency ("from 7.69 billion in
1985") is kept with ``unit=None`` so the caller can give it the currency of the amount it
is compared with.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import pycountry

from diplodata.extract.dates import MONTH_NAMES
from diplodata.extract.text import Doc
from diplodata.extract.vocabulary import is_common
from diplodata.models import Article, Qualifier, Span, TradeFact

DATA = Path(__file__).resolve().parent.parent / "data" / "currencies.csv"

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "several": 0,
}  # fmt: skip
_SCALES = {
    "trillion": 1e12, "trln": 1e12, "tn": 1e12, "billion": 1e9, "bln": 1e9, "bn": 1e9,
    "b": 1e9, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "thousand": 1e3,
}  # fmt: skip
_PREFIX_WORDS = frozenset({"dollars", "pounds", "euros"})  # BBC: "dollars 214.6bn"
_BARE_DOLLARS = frozenset({"dlr", "dlrs", "dollar", "dollars"})
# Words that may follow a currency-less amount that is still money ("7.69 billion in 1985").
_BARE_FOLLOWERS = frozenset(
    {"in", "from", "a", "last", "this", "at", "and", "to", "for", "over", "during", "the"}
    | {"versus", "against", "compared", "worth"}
)


@dataclass(frozen=True, slots=True)
class Amount:
    """A number stated in the text, in full units."""

    start: int
    end: int
    value: float  # lower bound for ranges
    unit: str | None  # ISO 4217, "percent", or None when the text gives no currency
    is_range: bool = False
    prefixed: bool = False  # the currency came before the number
    bare_dollar: bool = False  # wire style "dlrs"/"dollars" after the number, no country named
    currency: str = ""  # the currency as written ("H.K. dlrs", "$")


@cache
def _rows() -> tuple[tuple[str, str], ...]:
    """(word as written, ISO 4217 code) of ``currencies.csv``."""
    with DATA.open(encoding="utf-8", newline="") as handle:
        return tuple((row["word"], row["code"]) for row in csv.DictReader(handle))


@cache
def currencies() -> dict[str, str]:
    """Currency word -> ISO 4217 code (words lower-cased, except upper-case ISO codes): the
    words of ``currencies.csv``, and every ISO 4217 code that is no English word ("RWF 88.3
    billion"; not "TOP" or "ALL")."""
    words = {_key(word): code for word, code in _rows()}
    for currency in pycountry.currencies:
        code = currency.alpha_3
        if code not in words and not is_common(code.lower()):
            words[code] = code
    return words | {code: code for code in _word_codes()}


@cache
def _word_codes() -> frozenset[str]:
    """ISO 4217 codes that are English words ("MAD", "ALL", "TOP"): a currency only before
    a number with a scale ("MAD 1.9 billion"; not "TOP 10")."""
    return frozenset(c.alpha_3 for c in pycountry.currencies if is_common(c.alpha_3.lower())) - {
        _key(word) for word, _ in _rows()
    }


def _key(word: str) -> str:
    word = re.sub(r"\s+", " ", word.strip())
    return word if re.fullmatch(r"[A-Z]{1,3}", word) else word.lower()


def _alternation(words: list[str]) -> str:
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        pattern = re.escape(word).replace(r"\ ", r"\s")
        parts.append(pattern if re.fullmatch(r"[A-Z]{1,3}", word) else f"(?i:{pattern})")
    return "|".join(parts)


@cache
def symbols() -> frozenset[str]:
    """Currency symbols written in letters, a capital first ("Rs", "Ksh", "Tk"): they
    precede the number, in their own case only, and only with a scale ("Rs 1.16 trillion")."""
    return (
        frozenset(
            w
            for w, _ in _rows()
            if w.isalpha() and len(w) <= 3 and w[0].isupper() and not w.isupper()
        )
        | _word_codes()
    )


@cache
def _local_currencies() -> dict[tuple[str, str], str]:
    path = DATA.with_name("local_currencies.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return {(r["generic"], r["country"]): r["code"] for r in csv.DictReader(handle)}


# currency words several states use: "escudos" may be Cape Verde's, "dirhams" Morocco's
_SHARED_WORDS = frozenset(
    re.findall(
        r"\w+",
        "escudo franc pound peso dinar dirham rupee riyal rial shilling krone kroner krona "
        "kronor rouble ruble dollar crown lira lire mark leu lei lev dlr",
    )
)


def names_one_state(amount: Amount) -> bool:
    """Whether the currency of ``amount`` as written belongs to one state: a code or symbol
    ("RM", "FIM", "NZ$"), a qualified name ("Cape Verdean escudos") or a word only one state
    uses ("ringgit", "markkaa"); not a bare word several share ("escudos", "dinars")."""
    written = amount.currency.strip()
    words = written.split()
    if len(words) != 1 or not written.isalpha() or written.isupper():
        return bool(written)
    return written.lower().rstrip("s") not in _SHARED_WORDS


@cache
def currency_state(unit: str) -> str | None:
    """The one state whose national currency ``unit`` is (ISO 4217 codes begin with the
    state's two-letter code: MYR Malaysia, FIM Finland, DEM West Germany, SUR the USSR);
    none for currencies many states trade in (USD, EUR, the X codes, shares)."""
    if len(unit) != 3 or not unit.isupper() or unit in ("USD", "EUR") or unit[0] == "X":
        return None
    country = pycountry.countries.get(alpha_2=unit[:2]) or pycountry.historic_countries.get(
        alpha_2=unit[:2]
    )
    return country.alpha_3 if country else None


def local_currency(amount: Amount, unit: str, reporter: str) -> str:
    """The unit (``unit``, as read) of ``amount`` in ``reporter``'s trade: a currency word
    that names no state ("rupees", "Rs", "dinars") is the reporter's currency of that name
    ("Rs 97.3 billion" in Nepal's trade: NPR); a named one ("Indian rupees") stays."""
    # a named currency stays, unless its code is supranational (ISO's X codes): "CFA
    # francs" are West Africa's (XOF) or Central Africa's (XAF), by the reporter
    named = " " in amount.currency.strip() and not unit.startswith("X")
    if amount.unit != unit or named:
        return unit  # a unit carried from the figure before, or a named currency
    return _local_currencies().get((unit, reporter), unit)


def _build() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = [w for w in currencies() if w not in _word_codes()]  # those only as symbols
    prefix = [w for w in words if not w.isalpha() or w.isupper() or w in _PREFIX_WORDS]
    exact = "|".join(sorted(symbols(), key=lambda w: (-len(w), w)))
    # "won", "marks", "rand" are ordinary words too: only after a number and a scale
    number = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|(?i:" + "|".join(_WORDS) + r")\b"
    scale = r"(?i:" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")(?![\w-])"
    amount = re.compile(
        rf"(?<![\w.,$€£¥])(?P<between>(?i:between)\s+)?"
        rf"(?:(?P<pre>{_alternation(prefix)}|(?:{exact})(?=\s?\d))\s?)?"
        rf"(?P<n1>{number})"
        rf"(?:(?:\s?[-–]\s?|(?(between)\s+(?i:and)\s+|(?!)))(?:(?:{_alternation(prefix)})\s?)?"
        rf"(?P<n2>{number}))?"
        rf"(?:[\s-]?(?P<scale>{scale}))?"
        rf"(?:\s?(?P<suf>{_alternation(words)})(?![\w$]))?"
    )
    percent = re.compile(r"(?<![\w.,])(?P<n1>\d+(?:\.\d+)?)\s?(?:%|(?i:percent|per\s+cent|pct)\b)")
    return amount, percent


_AMOUNT, _PERCENT = _build()

_CUES: list[tuple[Qualifier, str]] = [
    ("approx", r"about|around|approximately|approx\.|nearly|almost|some|roughly|close\s+to|"
     r"approach(?:es|ed|ing)?|near|an\s+estimated|estimated\s+at"),
    ("more_than", r"more\s+than|over|exceed(?:s|ed|ing)?|above|in\s+excess\s+of|cross(?:es|ed)?|"
     r"surpass(?:es|ed)?|top(?:s|ped)|at\s+least|upwards\s+of|beyond"),
    ("less_than", r"less\s+than|under|below|fewer\s+than|(?<!add\s)(?<!adds\s)(?<!added\s)up\s+to"),
]  # fmt: skip
_CUE_RES = [
    (q, re.compile(rf"\b(?:{cue})\s+(?:(?:a|an|the|record|new|high|level|mark|figure|total|sum|"
                   rf"value|of|at|to)\s+)*$", re.IGNORECASE))
    for q, cue in _CUES
]  # fmt: skip
_TARGET = re.compile(
    r"\b(?:(?:will|would|shall|should|could|can|to)\s+(?:[\w-]+\s+){0,4}?(?:reach|bring|increase|"
    r"raise|boost|double|triple|expand|grow|rise|hit|exceed|achieve|lift)|targets?|goals?|"
    r"aim(?:s|ing)?|objectives?)\b",
    re.IGNORECASE,
)
_MONTHS = MONTH_NAMES
_MONTH = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)
_YEAR = re.compile(
    r"\b(?P<part>(?:first|second|third|fourth|final|1st|2nd|3rd|4th)\s+(?:quarter|half)|"
    r"fiscal(?:\s+year)?)\s+(?:of\s+)?(?P<part_year>(?:19|20)\d\d(?:[-/]\d\d)?)\b|"
    r"\b(?:in|during|for|of|by|throughout|through|over)\s+(?:the\s+(?:whole\s+|fiscal\s+)?"
    rf"(?:year\s+)?|(?P<months>{_MONTH}(?:\s*[-–]\s*{_MONTH})?)\s+(?:\d{{1,2}},?\s+)?)?"
    r"(?P<year>(?:19|20)\d\d)\b|"
    rf"\b(?:in|during|for)\s+(?P<month>{_MONTH}(?:\s*[-–]\s*{_MONTH})?)\b(?![\s,]+\d)|"
    r"\b(?P<rel>last|past|previous|this|current)\s+year\b|\bend\s+of\s+(?:the|this)\s+year\b|\b(?:the\s+)?(?P<period>(?:last|past|first|"
    r"previous|next)\s+(?:[\w-]+\s+)?(?:months|years|quarters|weeks|half)|(?<=over\s)(?!the\b)"
    r"[\w-]+\s+(?:years|months))\b",
    re.IGNORECASE,
)
_SHARE_PRE = re.compile(
    r"\s+(?:now\s+|currently\s+|already\s+)?account(?:s|ed)?\s+for\s+(?:about\s+|almost\s+|"
    r"nearly\s+|over\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)
_SHARE_POST = re.compile(r"\s+of\s+(?:all\s+|the\s+)?$", re.IGNORECASE)
_SHARE_TRADE = re.compile(
    r"^(?:['’]s?)\s+(?:total\s+|foreign\s+|overall\s+|external\s+|international\s+)?trade\b",
    re.IGNORECASE,
)
_HAS_SHARE = re.compile(
    r"^\s+of\s+(?:its\s+)?(?:total\s+|foreign\s+|overall\s+|external\s+|international\s+)?"
    r"trade\s+with\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A stated level after the goal words: "want to double their trade, currently worth $1bn".
_SETTLED = re.compile(
    r"\b(?:reached|amounted|was|were|totall?ed|stood|stands|grew|rose|fell|increased|exceeded|came|"
    r"currently|now|at\s+present|so\s+far|already)\b",
    re.IGNORECASE,
)


def _number(token: str) -> float:
    word = token.lower()
    if word in _WORDS:
        return float(_WORDS[word])
    return float(token.replace(",", ""))


def find_amounts(text: str, start: int = 0, end: int | None = None) -> list[Amount]:
    """Money amounts starting in ``text[start:end]`` (an amount may run past ``end``,
    as in "7.45 billion H.K. | Dlrs" split by a sentence boundary), then percentages."""
    end = len(text) if end is None else end
    found: list[Amount] = []
    table = currencies()
    for m in _AMOUNT.finditer(text, start, min(len(text), end + 20)):
        if m.start() >= end:
            break
        amount = _amount(m, text, table)
        if amount is not None:
            found.append(amount)
    for m in _PERCENT.finditer(text, start, end):
        if not any(a.start <= m.start() < a.end for a in found):
            found.append(Amount(m.start(), m.end(), float(m.group("n1")), "percent"))
    return sorted(found, key=lambda a: a.start)


def _amount(m: re.Match[str], text: str, table: dict[str, str]) -> Amount | None:
    pre, suf, scale = m.group("pre"), m.group("suf"), m.group("scale")
    n1 = m.group("n1")
    if n1.isalpha() and not scale:
        return None  # "two dollars" is no trade figure; "two billion dollars" is
    if scale and scale.lower() in ("m", "b") and not (pre and m.start("scale") == m.end("n1")):
        return None  # "$5m", "NZ$16.6b" only
    if m.group("between") and not m.group("n2"):
        return None
    if pre and len(pre) == 1 and pre.isalpha() and not (scale and m.start("n1") == m.end("pre")):
        return None  # a letter symbol ("R61.6 billion", "N283bn") only with a scale, unspaced
    if pre in symbols() and not scale:
        return None  # "Rs 1.16 trillion", "Ksh61.4 billion": with a scale
    unit = table.get(_key(pre)) if pre else None
    if suf and unit is None:
        if suf.lower() in {"pounds", "pound"} and re.match(r"\s+of\b", text[m.end() :]):
            return None  # weight
        unit = table.get(_key(suf))
    if unit is None and not scale:
        return None
    if unit is None:
        follower = re.match(r"\s*([A-Za-z]+)", text[m.end() : m.end() + 30])
        if follower and follower.group(1).lower() not in _BARE_FOLLOWERS:
            return None  # "2.0 mln tonnes"
    factor = _SCALES[scale.lower()] if scale else 1.0
    low = _number(n1)
    if low == 0:
        return None
    start = m.start("pre") if pre else m.start("n1")
    if m.group("between"):
        start = m.start()
    end = m.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    bare = not pre and bool(suf) and suf.lower() in _BARE_DOLLARS
    value = round(low * factor, 4)
    return Amount(start, end, value, unit, bool(m.group("n2")), bool(pre), bare, pre or suf or "")


def local_dollars(amounts: list[Amount], dollar: str) -> tuple[list[Amount], str]:
    """Wire style: once an article has named a dollar ("7.45 billion H.K. dlrs"), a bare
    "dlrs" later means that dollar, until another one ("U.S. dlrs") is named. ``dollar`` is
    the one named last; returns the amounts and the dollar named last after them."""
    local = []
    for a in amounts:
        if a.bare_dollar:
            a = replace(a, unit=dollar)
        elif a.unit and a.unit.endswith("D") and a.currency != "$":
            dollar = a.unit
        local.append(a)
    return local, dollar


def qualifier_of(amount: Amount, before: str) -> Qualifier:
    """How exact a figure is, from the words just before it: "nearly $40 billion" (approx),
    "exceeded $1 billion" (more_than), "will reach $7 billion" (target), "800-900 million"."""
    if amount.is_range:
        return "range"
    near = before[-70:]
    targets = list(_TARGET.finditer(near))
    if targets and not _SETTLED.search(near, targets[-1].end()):
        return "target"
    for qualifier, cue in _CUE_RES:
        if cue.search(before):
            return qualifier
    return "exact"


def year_and_period(
    before: str, after: str, sentence: str, anchor_year: int | None, anchor_month: int = 12
) -> tuple[int | None, str | None]:
    """The year and the period a figure covers: the nearest expression just after it
    ("58.6 billion dlrs in 1986"), then before it, then anywhere in its ``sentence``.
    "last year", "the last nine months" and a bare month ("in March": the latest March not
    after the dateline ``anchor_year``/``anchor_month``) resolve against the dateline."""
    candidates = [m for m in _YEAR.finditer(after) if m.start() < 25]
    candidates += reversed(list(_YEAR.finditer(before)))
    candidates += _YEAR.finditer(sentence)
    year: int | None = None
    period: str | None = None
    for m in candidates:
        if m.group("part"):  # "the first quarter of 1987", "fiscal 1986": part of a year
            period = period or f"{m.group('part').lower()} {m.group('part_year')}"
            break
        if m.group("period"):
            if period is None:
                period = m.group("period").lower()
                year = anchor_year if re.search(r"month|week", period) else None
            continue
        if m.group("year"):
            year = int(m.group("year"))
            if re.search(r"[-–]", m.group("months") or ""):  # "in January-September 2022"
                period = period or f"{m.group('months')} {year}"
        elif m.group("month"):
            month = _MONTHS.index(re.split(r"\W+", m.group("month"))[-1].lower()) + 1
            if anchor_year is not None:
                year = anchor_year - 1 if month > anchor_month else anchor_year
            period = period or m.group("month")
        elif m.group("rel"):
            shift = 1 if m.group("rel").lower() in ("last", "past", "previous") else 0
            year = anchor_year - shift if anchor_year else None
        else:
            year = anchor_year
        break
    return year, period


COMPARISON = re.compile(
    r"\b(?:from|versus|vs\.?|against|compared\s+(?:with|to)|than)\s+(?:an?\s+|the\s+)?$",
    re.IGNORECASE,
)
_YEARS_SPAN = re.compile(
    r"\b(?:in|over|during|within)\s+the\s+(?:last|past)\s+(?:\w+\s+)?(?:years|decades?)\b|"
    r"\b(?:\w+)\s+years\s+(?:ago|earlier|before)\b",
    re.IGNORECASE,
)
_THAT_YEAR = re.compile(r"\b(?:that|the\s+same)\s+year\b", re.IGNORECASE)
_ANAPHORA = re.compile(r"(?:This|That|It|These|Those|Of\s+(?:this|that|which)|The\s+figure)\b")
_REUTERS_DATE = re.compile(r"\b\d{1,2}-[A-Z]{3}-((?:19|20)\d\d)\b")
_QUALIFYING_THAN = re.compile(r"\b(?:more|less|fewer)\s+(?:than\s+)?$", re.IGNORECASE)

When = tuple[int | None, str | None]


@dataclass(slots=True)
class Years:
    """The years of an article's figures so far, read in order: the dateline anchors "last
    year" and "in March"; earlier figures give "that year", a sentence opening with "It"
    or "This", and a baseline ("rose to X last year from Y": Y is a year earlier)."""

    anchor_year: int | None
    anchor_month: int = 12
    last: int | None = None
    by_sentence: dict[int, When] = field(default_factory=dict)

    @classmethod
    def of(cls, article: Article) -> Years:
        if article.published_date:
            return cls(article.published_date.year, article.published_date.month)
        m = _REUTERS_DATE.search(article.text, 0, 400)
        return cls(int(m.group(1)) if m else None)

    def figure(self, text: str, index: int, sentence: tuple[int, int], pre: str, post: str,
               main: When | None) -> When:  # fmt: skip
        """Year and period of the figure between ``pre`` and ``post`` in sentence ``index``;
        ``main`` is the figure before it in the sentence, if any."""
        comparison = COMPARISON.search(pre)
        qualifying = comparison and _QUALIFYING_THAN.search(pre, 0, comparison.end())
        whole = "" if comparison else text[sentence[0] : sentence[1]]
        if comparison and not qualifying:
            pre = pre[comparison.start() :]  # "X last year from Y": "last year" is not Y's
        year, period = year_and_period(pre, post, whole, self.anchor_year, self.anchor_month)
        if year is not None or period is not None:
            return year, period
        if comparison and not qualifying and main:
            if re.search(r"\bfrom\s+(?:an?\s+|the\s+)?$", pre):  # a change: the year before
                if _YEARS_SPAN.search(text, sentence[0], sentence[1]):
                    return None, None  # "in the last ten years, from X to Y": years before
                return (main[0] - 1 if main[0] and main[1] is None else None), None
            return main  # a contrast: "a deficit of X compared to a surplus of Y"
        if _THAT_YEAR.search(pre + post) or _THAT_YEAR.search(whole):
            return self.last, None
        if _ANAPHORA.match(text, sentence[0]):
            earlier = (self.by_sentence.get(i, (None, None)) for i in (index - 1, index - 2))
            return next((w for w in earlier if w != (None, None)), (None, None))
        return None, None

    def record(self, index: int, year: int | None, period: str | None) -> None:
        self.by_sentence.setdefault(index, (year, period))
        self.last = year or self.last


def share_facts(doc: Doc, span: Span, amounts: list[Amount]) -> list[TradeFact]:
    """ "A accounts for N percent of B's trade" and "B has N percent of its trade with A"."""
    text = doc.text
    facts = []
    mentions = doc.countries_in(span.start, span.end)
    for a in (a for a in amounts if a.unit == "percent"):
        before = [m for m in mentions if m.end <= a.start]
        after = [m for m in mentions if m.start >= a.end]
        if not before or not after:
            continue
        subj, obj = before[-1], after[0]
        pair: tuple[str, str] | None = None
        if _SHARE_PRE.fullmatch(text, subj.end, a.start) and _SHARE_POST.fullmatch(
            text, a.end, obj.start
        ):
            if _SHARE_TRADE.match(text[obj.end :]):
                pair = (obj.code, subj.code)
        elif re.fullmatch(r"\s+(?:has|had)\s+", text[subj.end : a.start]) and _HAS_SHARE.match(
            text[a.end : obj.start]
        ):
            pair = (subj.code, obj.code)
        if pair and pair[0] != pair[1]:
            facts.append(TradeFact("share", pair[0], pair[1], a.value, "percent", "exact",
                                   span.start, span.end))  # fmt: skip
    return facts
