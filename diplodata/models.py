"""Typed records passed between the pipeline's stages.

Two layers:

* *facts* (``PersonFact``, ``MeetingFact``, ``TradeFact``, ``MembershipFact``) are what
  the extractors find in one article. They carry character offsets into the article
  text and refer to people by the name used in that article;
* *rows* are the published tables. ``diplodata.tables.build`` turns facts into rows, resolves
  actors across articles and computes every ``quote`` from the offsets, so a quote can
  never disagree with the text.

Field names and meanings follow ``schemas/*.schema.json``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

ActorKind = Literal["person", "organization", "country"]
MeetingKind = Literal["meeting", "talks", "negotiations", "phone_call", "visit", "summit"]
Flow = Literal["turnover", "exports", "imports", "balance", "share"]
Qualifier = Literal["exact", "approx", "more_than", "less_than", "target", "range"]
DatePrecision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class Article:
    """One input document, as read from disk or a feed."""

    article_id: str  # first 16 hex digits of the sha256 of the text
    source: str  # file name or URL
    text: str
    sha256: str
    title: str | None = None
    published_date: dt.date | None = None
    url: str | None = None  # where the article can be read (feeds, pages, sidecars)
    publisher: str | None = None
    language: str | None = None  # BCP 47 tag, as declared by the source
    license: str | None = None  # the source's licence (SPDX id or text), when known

    @property
    def n_chars(self) -> int:
        return len(self.text)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of an article's text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CountryMention:
    """A place in the text that names a state (by name, demonym, capital or seat)."""

    start: int
    end: int
    code: str  # ISO 3166-1 alpha-3 (or SUN, EUU)
    surface: str
    form: str  # name | official | short | demonym | capital | seat | historical


@dataclass(frozen=True, slots=True)
class OrganizationMention:
    """A place in the text that names an international organization."""

    start: int
    end: int
    code: str  # canonical code, e.g. CSTO, UNION_STATE
    surface: str


@dataclass(frozen=True, slots=True)
class PersonFact:
    """A named person in one article, with the office stated next to the name."""

    name: str  # fullest form of the name in the article
    start: int  # evidence span: where the name (and its title) is stated
    end: int
    role: str | None = None  # normalized office, e.g. "foreign minister"
    country: str | None = None  # state served, ISO alpha-3
    posted_to: str | None = None  # host state, for envoys
    aliases: tuple[str, ...] = ()  # other forms used in the article (surname, ...)
    serves_organization: bool = False  # titled as an international organization's official
    # ``country`` is stated next to the name (a title, "of Russia", a demonym); False when
    # the extractor implied it (the state named around the person, the dateline's, a
    # curated office holder's) or when there is none: an implied state can be wrong
    country_stated: bool = False


@dataclass(frozen=True, slots=True)
class MeetingFact:
    """An encounter between persons or state delegations reported in one article."""

    participants: tuple[str, ...]  # PersonFact.name values or ISO alpha-3 codes
    kind: MeetingKind
    start: int  # evidence span (usually the sentence)
    end: int
    date: str | None = None  # ISO date at the given precision: 2022-09-02, 2022-09, 2022
    date_precision: DatePrecision | None = None
    location: str | None = None  # place as named in the text
    location_country: str | None = None


@dataclass(frozen=True, slots=True)
class TradeFact:
    """A numeric statement of trade between two states."""

    flow: Flow
    reporter: str  # ISO alpha-3
    partner: str  # ISO alpha-3
    value: float  # full units: $40.1 billion is 40100000000
    unit: str  # ISO 4217 code or "percent"
    qualifier: Qualifier
    start: int
    end: int
    year: int | None = None
    period: str | None = None
    statistics_source: str | None = None  # ISO alpha-3 of the state whose data is quoted


@dataclass(frozen=True, slots=True)
class MembershipFact:
    """A statement that a state is a member of an international organization."""

    member: str  # ISO alpha-3
    organization: str  # canonical code from the organizations lexicon
    organization_name: str
    start: int
    end: int


@dataclass(slots=True)
class ArticleFacts:
    """Everything extracted from one article."""

    article: Article
    persons: list[PersonFact] = field(default_factory=list)
    meetings: list[MeetingFact] = field(default_factory=list)
    trade_figures: list[TradeFact] = field(default_factory=list)
    memberships: list[MembershipFact] = field(default_factory=list)
