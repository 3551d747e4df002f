"""From extracted facts to the published tables: ids, actor resolution, provenance quotes."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from diplodata import lexicon
from diplodata.bodies import Body, find_bodies
from diplodata.extract.status import meeting_status
from diplodata.models import ArticleFacts, MeetingFact, PersonFact
from diplodata.resolve import PersonRef, Resolved, resolve_all, stable_id, wikidata_ids
from diplodata.rows import (
    ActorMentionRow,
    ActorRow,
    ArticleRow,
    ArticleTextRow,
    Evidence,
    MeetingParticipantRow,
    MeetingRow,
    MembershipRow,
    Tables,
    TradeFigureRow,
)
from diplodata.schemas import table_schema

COUNTRY_CODE_LEN = 3


def evidence(text: str, start: int, end: int, version: str) -> Evidence:
    """Provenance of a fact: the quote is cut from the text, never copied from elsewhere."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Evidence(start, end, text[start:end], version)


def date_range(date: str | None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of an ISO date at day, month or year precision."""
    if not date:
        return None, None
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def country_actor_id(code: str) -> str:
    return f"country:{code}"


def org_actor_id(code: str) -> str:
    return f"org:{code}"


def _most_common(counter: Counter[str]) -> str | None:
    if not counter:
        return None
    return min(counter, key=lambda k: (-counter[k], k))


def _counters() -> defaultdict[str, Counter[str]]:
    return defaultdict(Counter)


@dataclass(slots=True)
class Assembly:
    """Rows being built, plus what the actors table needs to know about each actor.

    Each article's rows depend on that article alone, so assemblies of parts of the
    articles (on several workers) merged in order are the assembly of all of them."""

    version: str
    tables: Tables = field(default_factory=Tables)
    people: dict[str, dict[str, Counter[str]]] = field(
        default_factory=lambda: defaultdict(_counters)
    )
    actor_articles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    curated: dict[str, Resolved] = field(default_factory=dict)
    published: dict[str, dt.date | None] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    org_names: dict[str, str] = field(default_factory=dict)  # as the memberships name them

    def add(self, result: ArticleFacts, persons: dict[str, Resolved]) -> None:
        """The rows of one article; ``persons``: its persons' actors, by name."""
        article, text, v = result.article, result.article.text, self.version
        aid = article.article_id
        self.published[aid] = article.published_date
        self.tables.articles.append(
            ArticleRow(
                aid,
                article.source,
                article.title,
                article.published_date,
                article.sha256,
                article.n_chars,
                v,
                article.url,
                article.publisher,
                article.language,
                article.license,
            )
        )
        if self.tables.article_texts is not None:
            self.tables.article_texts.append(ArticleTextRow(aid, text))
        ids = {name: resolved.actor_id for name, resolved in persons.items()}
        for person in result.persons:
            pid = ids[person.name]
            resolved = persons[person.name]
            if resolved.curated is not None:
                self.curated[pid] = resolved
            record = self.people[pid]
            record["names"][person.name] += 1
            record["aliases"].update(person.aliases)
            record["roles"].update([person.role] if person.role else [])
            record["countries"].update([person.country] if person.country else [])
            stated = [person.country] if person.country and person.country_stated else []
            record["stated"].update(stated)
            self.actor_articles[pid].add(aid)
            self.tables.actor_mentions.append(
                ActorMentionRow(
                    stable_id(aid, pid),
                    aid,
                    pid,
                    person.name,
                    person.role,
                    person.country,
                    person.posted_to,
                    evidence(text, person.start, person.end, v),
                )
            )
        self._add_organizations(aid, text)
        local = _local_person_ids(result.persons, ids)
        for meeting in result.meetings:
            self._add_meeting(aid, text, meeting, local)
        for fig in result.trade_figures:
            self.tables.trade_figures.append(
                TradeFigureRow(
                    stable_id(aid, fig.flow, fig.reporter, fig.partner, fig.value, fig.start),
                    aid,
                    fig.flow,
                    fig.reporter,
                    fig.partner,
                    fig.value,
                    fig.unit,
                    fig.year,
                    fig.period,
                    fig.qualifier,
                    fig.statistics_source,
                    evidence(text, fig.start, fig.end, v),
                )
            )
        for mem in result.memberships:
            self.actor_articles[org_actor_id(mem.organization)].add(aid)
            self.org_names.setdefault(mem.organization, mem.organization_name)
            self.tables.memberships.append(
                MembershipRow(
                    stable_id(aid, mem.member, mem.organization),
                    aid,
                    mem.member,
                    mem.organization,
                    mem.organization_name,
                    evidence(text, mem.start, mem.end, v),
                )
            )

    def _add_organizations(self, aid: str, text: str) -> None:
        """A mention of every organization the article names (its first mention):
        international organizations, and the ministries, parliaments and other bodies of
        ``diplodata.bodies``."""
        found = [
            (m.start, m.end, m.code, m.surface) for m in lexicon.load().find_organizations(text)
        ]
        for body in find_bodies(text):
            self.bodies[body.body.code] = body.body
            found.append((body.start, body.end, body.body.code, body.surface))
        seen: set[str] = set()
        for start, end, code, surface in sorted(found):
            actor = org_actor_id(code)
            if actor in seen:
                continue
            seen.add(actor)
            self.actor_articles[actor].add(aid)
            self.tables.actor_mentions.append(
                ActorMentionRow(
                    stable_id(aid, actor),
                    aid,
                    actor,
                    surface,
                    None,
                    self.bodies[code].country if code in self.bodies else None,
                    None,
                    evidence(text, start, end, self.version),
                )
            )

    def _add_meeting(
        self, aid: str, text: str, meeting: MeetingFact, local: dict[str, str]
    ) -> None:
        """A meeting row and its participants: persons by their actor ids, states as actors."""
        actors = sorted(
            {
                local[p] if p in local else country_actor_id(p)
                for p in meeting.participants
                if p in local or (len(p) == COUNTRY_CODE_LEN and p.isupper())
            }
        )
        if not actors:
            return
        for actor in actors:
            self.actor_articles[actor].add(aid)
        mid = stable_id(aid, meeting.kind, meeting.date, *actors)
        # the event: the same participants on the same day, whichever article reports it
        event = stable_id(meeting.date if meeting.date_precision == "day" else aid, *actors)
        self.tables.meetings.append(
            MeetingRow(
                mid,
                event,
                aid,
                meeting.date,
                meeting.date_precision,
                *date_range(meeting.date),
                meeting_status(
                    text[meeting.start : meeting.end], meeting.date, self.published.get(aid)
                ),
                meeting.location,
                meeting.location_country,
                meeting.kind,
                len(actors),
                evidence(text, meeting.start, meeting.end, self.version),
            )
        )
        self.tables.meeting_participants.extend(MeetingParticipantRow(mid, a) for a in actors)

    def merge(self, other: Assembly) -> None:
        """Add the rows of ``other`` (later articles), as if its articles were added here."""
        for name in self.tables.names():
            getattr(self.tables, name).extend(getattr(other.tables, name))
        for pid, record in other.people.items():
            for key, counter in record.items():
                self.people[pid][key].update(counter)
        for actor, articles in other.actor_articles.items():
            self.actor_articles[actor] |= articles
        self.curated.update(other.curated)
        self.published.update(other.published)
        self.bodies.update(other.bodies)
        for code, name in other.org_names.items():
            self.org_names.setdefault(code, name)

    def actors(self) -> list[ActorRow]:
        """One row per person, state and organization that appears in any fact row."""
        lex = lexicon.load()
        states, orgs = wikidata_ids("country"), wikidata_ids("organization")
        rows = []
        for pid, record in self.people.items():
            names = record["names"]
            curated = self.curated[pid].curated if pid in self.curated else None
            name = (
                curated.name
                if curated is not None
                else max(names, key=lambda n: (len(n.split()), names[n], n))
            )
            aliases = sorted((set(names) | set(record["aliases"])) - {name})
            rows.append(
                ActorRow(
                    pid,
                    name,
                    "person",
                    _most_common(record["stated"]) or _most_common(record["countries"]),
                    _most_common(record["roles"]),
                    " | ".join(aliases) or None,
                    len(self.actor_articles[pid]),
                    curated.wikidata if curated is not None else None,
                )
            )
        for actor_id, articles in self.actor_articles.items():
            kind, _, code = actor_id.partition(":")
            if kind == "country":
                rows.append(
                    ActorRow(
                        actor_id,
                        lex.country_name(code),
                        "country",
                        code,
                        None,
                        None,
                        len(articles),
                        states.get(code),
                    )
                )
            elif kind == "org":
                org, body = lex.organization(code), self.bodies.get(code)
                rows.append(
                    ActorRow(
                        actor_id,
                        org.name if org else body.name if body else self.org_names.get(code, code),
                        "organization",
                        body.country if body else None,
                        None,
                        None,
                        len(articles),
                        orgs.get(code),
                    )
                )
        return rows


def build_tables(
    results: Sequence[ArticleFacts], version: str, include_text: bool = False
) -> Tables:
    """Assemble every table of a release from the facts of all articles (and the articles'
    texts, with ``include_text``)."""
    return finish([assemble(results, version, include_text)])


def resolve_articles(results: Sequence[ArticleFacts]) -> list[dict[str, Resolved]]:
    """Every article's persons' actors, by name, resolved across all the articles (namesakes
    are told apart by what all articles say of them: see :mod:`diplodata.resolve`)."""
    refs = [_ref(result, person) for result in results for person in result.persons]
    resolved = iter(resolve_all(refs))
    return [{person.name: next(resolved) for person in result.persons} for result in results]


def assemble(
    results: Sequence[ArticleFacts],
    version: str,
    include_text: bool = False,
    persons: Sequence[dict[str, Resolved]] | None = None,
) -> Assembly:
    """The rows of some articles: the part of building the tables that is per article;
    ``persons``: their persons' actors, resolved across every article of the run (resolved
    over ``results`` alone when not given)."""
    assembly = Assembly(version, Tables(article_texts=[] if include_text else None))
    for result, names in zip(results, persons or resolve_articles(results), strict=True):
        assembly.add(result, names)
    return assembly


def finish(parts: Sequence[Assembly]) -> Tables:
    """The tables of the articles of ``parts`` (assembled in article order): the parts
    merged, the actors summed up over all articles, one row per key, sorted."""
    assembly, *rest = parts
    for part in rest:
        assembly.merge(part)
    assembly.tables.actors = assembly.actors()
    _dedupe_and_sort(assembly.tables)
    return assembly.tables


def _ref(result: ArticleFacts, person: PersonFact) -> PersonRef:
    date = result.article.published_date
    return PersonRef(
        person.name,
        date.year if date else None,
        person.country,
        person.country_stated,
        result.article.article_id,
    )


def _local_person_ids(persons: Sequence[PersonFact], ids: dict[str, str]) -> dict[str, str]:
    """Names and aliases used in one article, mapped to actor ids."""
    local: dict[str, str] = {}
    for person in persons:
        for alias in person.aliases:
            local.setdefault(alias, ids[person.name])
    for person in persons:
        local[person.name] = ids[person.name]
    return local


FACT_TABLES = frozenset({"actor_mentions", "meetings", "trade_figures", "memberships"})


def _dedupe_and_sort(tables: Tables) -> None:
    """One row per primary key (first wins); rows in a deterministic order: same input, same
    bytes. Fact rows follow the text (article, then position), the others their key."""
    for name in tables.names():
        fields = table_schema(name)["primaryKey"]
        unique: dict[tuple[Any, ...], Any] = {}
        for row in getattr(tables, name):
            unique.setdefault(tuple(getattr(row, f) for f in fields), row)
        rows = [unique[key] for key in sorted(unique)]
        if name in FACT_TABLES:  # a stable sort: ties stay in key order
            rows.sort(key=lambda r: (r.article_id, r.evidence.char_start, r.evidence.char_end))
        setattr(tables, name, rows)
