"""One article prepared for the extractors: sentences and the states and organizations named.

Built once per article by :func:`analyze`; every extractor reads the same ``Doc``,
so the lexicon scans run once. All positions are character offsets into
``Doc.text`` (the article text, unchanged).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from diplodata.extract import lexicon
from diplodata.extract.bodies import find_institutions
from diplodata.extract.datelines import dated_place, dateline_country, title_case
from diplodata.models import Article, CountryMention, OrganizationMention, Span

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "gov",
        "sen",
        "rep",
        "prof",
        "rev",
        "hon",
        "no",
        "vol",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "etc",
        "al",
        "approx",
        "est",
        "dept",
        "univ",
        "mt",
        "ft",
        "e.g",
        "i.e",
        "h.e",
        "u.s",
        "u.k",
        "u.n",
        "u.s.a",
        "u.s.s.r",
    ]
)

_LAST_WORD = re.compile(r"([\w.]+)\.$")
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*")


def split_sentences(text: str) -> list[Span]:
    """Sentence spans: a line break always ends one (after an abbreviation too); so does
    ``.!?`` before a capital, unless the full stop closes an abbreviation ("Mr.", "U.S.")
    or an initial ("R.")."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group()[0] == "." and "\n" not in match.group():
            word = _LAST_WORD.search(text, max(start, match.start() - 24), match.start() + 1)
            token = word.group(1).lower() if word else ""
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        end = match.start() + len(match.group().rstrip())
        if text[start:end].strip():
            spans.append(_trimmed(text, start, end))
        start = match.end()
    if text[start:].strip():
        spans.append(_trimmed(text, start, len(text)))
    return spans


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


@dataclass(slots=True)
class Doc:
    """An article with its sentences and lexicon matches."""

    article: Article
    sentences: list[Span]
    countries: list[CountryMention]
    organizations: list[OrganizationMention]
    # international bodies that have officials but no member states of their own here
    # (the European Commission, UN agencies, development banks): ``data/bodies.csv``
    institutions: list[OrganizationMention] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _country_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._sentence_starts = [s.start for s in self.sentences]
        self._country_starts = [c.start for c in self.countries]

    @property
    def text(self) -> str:
        return self.article.text

    def drop_countries(self, dropped: list[CountryMention]) -> None:
        """Forget place names that are part of a person's name ("Foreign Minister Israel
        Katz"), for every table read after the persons."""
        if dropped:
            self.countries = [c for c in self.countries if c not in dropped]
            self._country_starts = [c.start for c in self.countries]

    def sentence_at(self, position: int) -> Span:
        """The sentence holding ``position`` (or the nearest one before it)."""
        index = max(bisect.bisect_right(self._sentence_starts, position) - 1, 0)
        return self.sentences[index] if self.sentences else Span(0, len(self.text))

    def countries_in(self, start: int, end: int) -> list[CountryMention]:
        """States named within ``[start, end)``, in text order."""
        lo = bisect.bisect_left(self._country_starts, start)
        hi = bisect.bisect_left(self._country_starts, end)
        return [c for c in self.countries[lo:hi] if c.end <= end]

    def dateline_state(self) -> str | None:
        """The state of the dateline place: a wire dateline ("TOKYO, March 5 -"), a place
        after the date on the line under the title ("December 29, 2021, St Petersburg"), or
        any other dateline that :mod:`datelines` reads ("NEW DELHI: ")."""
        span = dated_place(self.text)
        if span is None:  # an undated dateline ("NEW DELHI: ", "AMMAN — ") and the others
            found = dateline_country(self.text)
            return found.code if found else None
        states = self.countries_in(*span)
        if states:
            return states[0].code
        place = self.text[slice(*span)].strip()  # "TOKYO", "WEST BERLIN"
        lex = lexicon.load()
        return lex.country_code(title_case(place)) or lex.country_code(place.split()[-1].title())

    def organizations_in(self, start: int, end: int) -> list[OrganizationMention]:
        return [o for o in self.organizations if start <= o.start and o.end <= end]

    def international_in(self, start: int, end: int) -> list[OrganizationMention]:
        """International organizations and institutions named in ``text[start:end]``: what
        makes a title an organization's rather than a state's."""
        found = self.organizations_in(start, end)
        found += [o for o in self.institutions if start <= o.start and o.end <= end]
        return sorted(found, key=lambda o: o.start)


def analyze(article: Article) -> Doc:
    """Split ``article`` into sentences and find the states and organizations it names."""
    lex = lexicon.load()
    text = article.text
    return Doc(
        article=article,
        sentences=split_sentences(text),
        countries=[
            _of_its_time(c, article.published_date)
            for c in lex.find_countries(_caps_titled(text))
            if not _given_name(text, c)
        ],
        organizations=lex.find_organizations(text),
        institutions=find_institutions(text),
    )


_CAPS_LINE = re.compile(r"^(?=[^\n]*[A-Z]{3})[^a-z\n]{12,}$", re.MULTILINE)


def _caps_titled(text: str) -> str:
    """``text`` with its all-capital lines (a wire headline: "U.S., JAPAN CHIP TALKS TO
    START") in title case, so that the states they name are found; offsets are unchanged."""

    def title(m: re.Match[str]) -> str:
        line = m.group().title()
        return line if len(line) == len(m.group()) else m.group()

    return _CAPS_LINE.sub(title, text)


def _given_name(text: str, c: CountryMention) -> bool:
    """A capital that is a given name right before a capitalized word ("President Santiago
    Peña", "Victoria Nuland"): part of a person's name, not the place."""
    from diplodata.extract.names import given_names  # the extractors build on this module

    return (
        c.form == "capital"
        and re.match(r" [A-Z][a-zà-ÿ]", text[c.end : c.end + 3]) is not None
        and c.surface in given_names()
    )


# Cities of the Soviet republics stood for the Soviet Union until it ended (1991-12-26).
_SOVIET_REPUBLICS = frozenset(
    {"RUS", "UKR", "BLR", "KAZ", "UZB", "GEO", "ARM", "AZE", "LTU", "LVA", "EST", "MDA", "KGZ"}
    | {"TJK", "TKM"}
)
_SOVIET_END = dt.date(1991, 12, 26)


def _of_its_time(c: CountryMention, published: dt.date | None) -> CountryMention:
    """A place named before a state existed stands for the state of its time: Moscow in 1987
    is the Soviet Union's capital."""
    soviet = published is not None and published < _SOVIET_END
    if soviet and c.code in _SOVIET_REPUBLICS and c.form in ("capital", "seat"):
        return dataclasses.replace(c, code="SUN")
    return c
