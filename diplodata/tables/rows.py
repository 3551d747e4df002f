"""Typed rows of the published tables; their fields match ``schemas/<table>.schema.json``
(a test checks it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ArticleRow:
    article_id: str
    source: str
    title: str | None
    published_date: dt.date | None
    sha256: str
    n_chars: int
    extractor_version: str
    url: str | None = None
    publisher: str | None = None
    language: str | None = None
    license: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleTextRow:
    article_id: str
    text: str


@dataclass(frozen=True, slots=True)
class ActorRow:
    actor_id: str
    name: str
    kind: str
    country: str | None
    role: str | None
    aliases: str | None
    n_articles: int
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Provenance shared by every fact row: the quote is always ``text[char_start:char_end]``."""

    char_start: int
    char_end: int
    quote: str
    extractor_version: str


@dataclass(frozen=True, slots=True)
class ActorMentionRow:
    mention_id: str
    article_id: str
    actor_id: str
    name: str
    role: str | None
    country: str | None
    posted_to: str | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class MeetingRow:
    meeting_id: str
    event_id: str
    article_id: str
    date: str | None
    date_precision: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    status: str
    location: str | None
    location_country: str | None
    kind: str
    n_participants: int
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class MeetingParticipantRow:
    meeting_id: str
    actor_id: str


@dataclass(frozen=True, slots=True)
class TradeFigureRow:
    figure_id: str
    article_id: str
    flow: str
    reporter: str
    partner: str
    value: float
    unit: str
    year: int | None
    period: str | None
    qualifier: str
    statistics_source: str | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class MembershipRow:
    membership_id: str
    article_id: str
    member: str
    organization: str
    organization_name: str
    evidence: Evidence


@dataclass(slots=True)
class Tables:
    """All rows of one release, before they are written."""

    articles: list[ArticleRow] = field(default_factory=list)
    actors: list[ActorRow] = field(default_factory=list)
    actor_mentions: list[ActorMentionRow] = field(default_factory=list)
    meetings: list[MeetingRow] = field(default_factory=list)
    meeting_participants: list[MeetingParticipantRow] = field(default_factory=list)
    trade_figures: list[TradeFigureRow] = field(default_factory=list)
    memberships: list[MembershipRow] = field(default_factory=list)
    article_texts: list[ArticleTextRow] | None = None  # only with --include-text

    def names(self) -> tuple[str, ...]:
        """The tables this release has, in publication order."""
        return tuple(n for n in self.__dataclass_fields__ if getattr(self, n) is not None)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in self.names()}
