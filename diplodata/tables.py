"""From extracted facts to the published tables: ids, actor resolution, provenance quotes."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from diplodata import lexicon
from diplodata.models import ArticleFacts, PersonFact
from diplodata.resolve import resolve_people, stable_id
from diplodata.rows import (
    ActorMentionRow,
    ActorRow,
    ArticleRow,
    Evidence,
    MeetingParticipantRow,
    MeetingRow,
    MembershipRow,
    Tables,
    TradeFigureRow,
)
from diplodata.schemas import TABLES, table_schema

COUNTRY_CODE_LEN = 3


def evidence(text: str, start: int, end: int, version: str) -> Evidence:
    """Provenance of a fact: the quote is cut from the text, never copied from elsewhere."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Evidence(start, end, text[start:end], version)


def country_actor_id(code: str) -> str:
    return f"country:{code}"


def org_actor_id(code: str) -> str:
    return f"org:{code}"


def _most_common(counter: Counter[str]) -> str | None:
    if not counter:
        return None
    return min(counter, key=lambda k: (-counter[k], k))


def build_tables(results: Sequence[ArticleFacts], version: str) -> Tables:
    """Assemble every table of a release from the facts of all articles, sorted by id."""
    lex = lexicon.load()
    tables = Tables()
    person_ids = resolve_people(
        (r.article.article_id, p.name, p.role, p.country) for r in results for p in r.persons
    )
    people: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    actor_articles: dict[str, set[str]] = defaultdict(set)
    states: set[str] = set()
    orgs: set[str] = set()

    for result in results:
        article, text = result.article, result.article.text
        aid = article.article_id
        tables.articles.append(
            ArticleRow(
                aid,
                article.source,
                article.title,
                article.published_date,
                article.sha256,
                article.n_chars,
                version,
            )
        )
        local = _local_person_ids(result.persons, person_ids)
        for person in result.persons:
            pid = person_ids[person.name]
            record = people[pid]
            record["names"][person.name] += 1
            record["aliases"].update(person.aliases)
            if person.role:
                record["roles"][person.role] += 1
            if person.country:
                record["countries"][person.country] += 1
            actor_articles[pid].add(aid)
            tables.actor_mentions.append(
                ActorMentionRow(
                    stable_id(aid, pid),
                    aid,
                    pid,
                    person.name,
                    person.role,
                    person.country,
                    person.posted_to,
                    evidence(text, person.start, person.end, version),
                )
            )
        for meeting in result.meetings:
            actors = []
            for participant in meeting.participants:
                if participant in local:
                    actors.append(local[participant])
                elif len(participant) == COUNTRY_CODE_LEN and participant.isupper():
                    actors.append(country_actor_id(participant))
                    states.add(participant)
            actors = sorted(set(actors))
            if not actors:
                continue
            for actor in actors:
                actor_articles[actor].add(aid)
            mid = stable_id(aid, meeting.kind, meeting.date, *actors)
            event = stable_id(meeting.date if meeting.date_precision == "day" else aid, *actors)
            tables.meetings.append(
                MeetingRow(
                    mid,
                    event,
                    aid,
                    meeting.date,
                    meeting.date_precision,
                    meeting.location,
                    meeting.location_country,
                    meeting.kind,
                    len(actors),
                    evidence(text, meeting.start, meeting.end, version),
                )
            )
            tables.meeting_participants.extend(MeetingParticipantRow(mid, a) for a in actors)
        for fig in result.trade_figures:
            tables.trade_figures.append(
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
                    evidence(text, fig.start, fig.end, version),
                )
            )
        for mem in result.memberships:
            orgs.add(mem.organization)
            tables.memberships.append(
                MembershipRow(
                    stable_id(aid, mem.member, mem.organization),
                    aid,
                    mem.member,
                    mem.organization,
                    mem.organization_name,
                    evidence(text, mem.start, mem.end, version),
                )
            )

    for pid, record in people.items():
        name = max(record["names"], key=lambda n: (len(n.split()), record["names"][n], n))
        aliases = sorted((set(record["names"]) | set(record["aliases"])) - {name})
        tables.actors.append(
            ActorRow(
                pid,
                name,
                "person",
                _most_common(record["countries"]),
                _most_common(record["roles"]),
                " | ".join(aliases) or None,
                len(actor_articles[pid]),
            )
        )
    for code in states:
        cid = country_actor_id(code)
        tables.actors.append(
            ActorRow(
                cid,
                lex.country_name(code),
                "country",
                code,
                None,
                None,
                max(1, len(actor_articles[cid])),
            )
        )
    for code in orgs:
        org = lex.organization(code)
        tables.actors.append(
            ActorRow(
                org_actor_id(code),
                org.name if org else code,
                "organization",
                None,
                None,
                None,
                len({m.article_id for m in tables.memberships if m.organization == code}),
            )
        )
    _dedupe_and_sort(tables)
    return tables


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
    for name in TABLES:
        fields = table_schema(name)["primaryKey"]
        unique: dict[tuple[Any, ...], Any] = {}
        for row in getattr(tables, name):
            unique.setdefault(tuple(getattr(row, f) for f in fields), row)
        rows = [unique[key] for key in sorted(unique)]
        if name in FACT_TABLES:  # a stable sort: ties stay in key order
            rows.sort(key=lambda r: (r.article_id, r.evidence.char_start, r.evidence.char_end))
        setattr(tables, name, rows)
