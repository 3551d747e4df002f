"""From extracted facts to the published tables: ids, actor resolution, provenance quotes.

Every table but ``actors`` is made article by article (:func:`article_rows`): a row depends
on its own article, and on who its persons are (resolved among all articles, so that
namesakes are told apart: :func:`resolution`). ``actors`` sums up over all articles: each
article leaves notes (:class:`ActorNotes`) that :func:`summarize` adds up and
:func:`actor_rows` turns into rows; an incremental run keeps the notes of published
articles (``diplodata.tables.actor_notes``) and sums them up without their facts."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from diplodata.extract import lexicon
from diplodata.extract.bodies import Body, find_bodies
from diplodata.extract.status import meeting_status
from diplodata.ingest.records import ArticleInfo
from diplodata.models import Article, ArticleFacts, MeetingFact, PersonFact
from diplodata.schemas import table_schema
from diplodata.tables.resolve import (
    PersonRef,
    Resolved,
    fold,
    name_parts,
    resolve_all,
    resolve_person,
    stable_id,
    wikidata_ids,
)
from diplodata.tables.rows import (
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


def org_code(actor_id: str) -> str | None:
    """The organization code of an organization's actor id (None for other actors)."""
    kind, _, code = actor_id.partition(":")
    return code if kind == "org" else None


def _most_common(counter: Counter[str]) -> str | None:
    if not counter:
        return None
    return min(counter, key=lambda k: (-counter[k], k))


@dataclass(frozen=True, slots=True)
class PersonNote:
    """One person fact of an article, as the actors table (and resolving it again among
    namesakes) needs it."""

    actor_id: str
    name: str
    aliases: tuple[str, ...]
    role: str | None
    country: str | None
    curated_name: str | None  # the curated person the name resolved to, if any
    curated_wikidata: str | None
    country_stated: bool = False
    year: int | None = None  # the article's
    group: str | None = None  # the name's id before namesakes are told apart (see `group`)


@dataclass(slots=True)
class ActorNotes:
    """What one article tells the actors table: its persons, every actor its rows name,
    the organization names its memberships give and the national bodies it names (in
    the article's order)."""

    article_id: str
    persons: list[PersonNote] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    org_names: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    bodies: list[Body] = field(default_factory=list)


@dataclass(slots=True)
class PersonSummary:
    names: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    roles: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    stated: Counter[str] = field(default_factory=Counter)  # states stated next to the name
    curated: tuple[str, str | None] | None = None  # (name, wikidata)


@dataclass(slots=True)
class ActorSummaries:
    """The actors of a set of articles, summed up over them (articles in id order)."""

    persons: dict[str, PersonSummary] = field(default_factory=dict)
    articles: dict[str, int] = field(default_factory=dict)  # actor id -> articles naming it
    org_names: dict[str, str] = field(default_factory=dict)  # the first name given
    bodies: dict[str, Body] = field(default_factory=dict)  # the last one found


def summarize(notes: Iterable[ActorNotes]) -> ActorSummaries:
    """Sum up the notes of articles (in article id order) for the actors table."""
    result = ActorSummaries()
    for note in sorted(notes, key=lambda n: n.article_id):
        for person in note.persons:
            record = result.persons.setdefault(person.actor_id, PersonSummary())
            record.names[person.name] += 1
            record.aliases.update(person.aliases)
            record.roles.update([person.role] if person.role else [])
            record.countries.update([person.country] if person.country else [])
            stated = person.country if person.country and person.country_stated else None
            record.stated.update([stated] if stated else [])
            if person.curated_name is not None:
                record.curated = (person.curated_name, person.curated_wikidata)
        for actor in note.actors:
            result.articles[actor] = result.articles.get(actor, 0) + 1
        for code, name in note.org_names:
            result.org_names.setdefault(code, name)
        for body in note.bodies:
            result.bodies[body.code] = body
    return result


def display_name(names: Counter[str], curated: str | None) -> str:
    """The name an actors row gives a person. A curated person keeps the curated name
    unless the articles only spell his surname otherwise, his given names being the
    curated ones: the curated "Volodymyr Zelenskyy" is published as "Volodymyr Zelensky"
    when no article writes "Zelenskyy". Otherwise the longest written name, then the most
    written."""
    if curated is not None:
        *given, surname = name_parts(curated) or [fold(curated)]
        parts = {n: name_parts(n) for n in names}
        variants = [
            n
            for n, p in parts.items()
            if len(p) > 1 and p[-1] != surname and set(p[:-1]) <= set(given)
        ]
        if not variants or any(p[-1:] == [surname] for p in parts.values()):
            return curated
        names = Counter({n: names[n] for n in variants})
    return max(names, key=lambda n: (len(n.split()), names[n], n))


def actor_rows(summaries: ActorSummaries) -> list[ActorRow]:
    """One row per person, state and organization that appears in any fact row."""
    lex = lexicon.load()
    states, orgs = wikidata_ids("country"), wikidata_ids("organization")
    rows = []
    for pid, record in summaries.persons.items():
        names = record.names
        curated = record.curated
        name = display_name(names, curated[0] if curated is not None else None)
        aliases = sorted((set(names) | record.aliases) - {name})
        rows.append(
            ActorRow(
                pid,
                name,
                "person",
                _most_common(record.stated) or _most_common(record.countries),
                _most_common(record.roles),
                " | ".join(aliases) or None,
                summaries.articles.get(pid, 0),
                curated[1] if curated is not None else None,
            )
        )
    for actor_id, n in summaries.articles.items():
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
                    n,
                    states.get(code),
                )
            )
        elif kind == "org":
            org, body = lex.organization(code), summaries.bodies.get(code)
            rows.append(
                ActorRow(
                    actor_id,
                    org.name if org else body.name if body else summaries.org_names.get(code, code),
                    "organization",
                    body.country if body else None,
                    None,
                    None,
                    n,
                    orgs.get(code),
                )
            )
    return sorted(rows, key=lambda r: r.actor_id)


def grouped_actor_rows(groups: Iterable[ActorSummaries]) -> list[ActorRow]:
    """The rows of actors summed up a group at a time (each group's actors summed up over
    every article that names them, no actor in two groups): what :func:`actor_rows` gives
    for the sums of every group at once, with one group's sums alive at a time."""
    rows: list[ActorRow] = []
    for summaries in groups:
        rows += actor_rows(summaries)
    return sorted(rows, key=lambda r: r.actor_id)


@dataclass(slots=True)
class _Assembly:
    """Rows being built, and each article's notes for the actors table."""

    version: str
    tables: Tables = field(default_factory=Tables)
    notes: list[ActorNotes] = field(default_factory=list)

    def add(self, result: ArticleFacts, persons: dict[str, Resolved]) -> None:
        """The rows of one article; ``persons``: its persons' actors, by name."""
        article, text, v = result.article, result.article.text, self.version
        aid = article.article_id
        note = ActorNotes(aid)
        self.notes.append(note)
        self.tables.articles.append(article_row(article, v))
        if self.tables.article_texts is not None:
            self.tables.article_texts.append(ArticleTextRow(aid, text))
        ids = {name: resolved.actor_id for name, resolved in persons.items()}
        for person in result.persons:
            pid = ids[person.name]
            ref = _ref(result, person)
            curated = persons[person.name].curated
            note.persons.append(
                PersonNote(
                    pid,
                    person.name,
                    tuple(person.aliases),
                    person.role,
                    person.country,
                    curated.name if curated is not None else None,
                    curated.wikidata if curated is not None else None,
                    person.country_stated,
                    ref.year,
                    group(ref),
                )
            )
            note.actors.add(pid)
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
        self._add_organizations(note, text)
        local = _local_person_ids(result.persons, ids)
        for meeting in result.meetings:
            self._add_meeting(note, text, meeting, local, article.published_date)
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
            note.actors.add(org_actor_id(mem.organization))
            note.org_names.append((mem.organization, mem.organization_name))
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

    def _add_organizations(self, note: ActorNotes, text: str) -> None:
        """A mention of every organization the article names (its first mention):
        international organizations, and the ministries, parliaments and other bodies of
        ``diplodata.extract.bodies``."""
        aid = note.article_id
        found = [
            (m.start, m.end, m.code, m.surface) for m in lexicon.load().find_organizations(text)
        ]
        bodies: dict[str, Body] = {}
        for body in find_bodies(text):
            bodies[body.body.code] = body.body
            note.bodies.append(body.body)
            found.append((body.start, body.end, body.body.code, body.surface))
        seen: set[str] = set()
        for start, end, code, surface in sorted(found):
            actor = org_actor_id(code)
            if actor in seen:
                continue
            seen.add(actor)
            note.actors.add(actor)
            self.tables.actor_mentions.append(
                ActorMentionRow(
                    stable_id(aid, actor),
                    aid,
                    actor,
                    surface,
                    None,
                    bodies[code].country if code in bodies else None,
                    None,
                    evidence(text, start, end, self.version),
                )
            )

    def _add_meeting(
        self,
        note: ActorNotes,
        text: str,
        meeting: MeetingFact,
        local: dict[str, str],
        published: dt.date | None,
    ) -> None:
        """A meeting row and its participants: persons by their actor ids, states as actors."""
        aid = note.article_id
        actors = sorted(
            {
                local[p] if p in local else country_actor_id(p)
                for p in meeting.participants
                if p in local or (len(p) == COUNTRY_CODE_LEN and p.isupper())
            }
        )
        if not actors:
            return
        note.actors.update(actors)
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
                meeting_status(text[meeting.start : meeting.end], meeting.date, published),
                meeting.location,
                meeting.location_country,
                meeting.kind,
                len(actors),
                evidence(text, meeting.start, meeting.end, self.version),
            )
        )
        self.tables.meeting_participants.extend(MeetingParticipantRow(mid, a) for a in actors)


def article_row(article: Article | ArticleInfo, version: str) -> ArticleRow:
    """The article's row in the articles table (made without its facts)."""
    return ArticleRow(
        article.article_id,
        article.source,
        article.title,
        article.published_date,
        article.sha256,
        article.n_chars,
        version,
        article.url,
        article.publisher,
        article.language,
        article.license,
    )


# The persons of each article (by article id), resolved to actors, by name.
Resolution = dict[str, dict[str, Resolved]]


def person_refs(results: Sequence[ArticleFacts]) -> list[PersonRef]:
    return [_ref(result, person) for result in results for person in result.persons]


def resolution(results: Sequence[ArticleFacts]) -> Resolution:
    """Every person of these articles resolved among all of them (``resolve.resolve_all``:
    namesakes are told apart across articles)."""
    resolved = iter(resolve_all(person_refs(results)))
    return {
        r.article.article_id: {person.name: next(resolved) for person in r.persons} for r in results
    }


def resolution_by_name(
    results: Sequence[ArticleFacts], moved: Mapping[tuple[str, str], str]
) -> Resolution:
    """Who the persons of these articles are: who their names alone say
    (``resolve.resolve_person``), but for the mentions that namesakes in other articles
    move off their name's plain id (``moved``, by article id and name). The same as
    :func:`resolution` over every article of the run, one article at a time."""
    persons: Resolution = {}
    for result in results:
        aid = result.article.article_id
        found = persons[aid] = {}
        for person in result.persons:
            actor = moved.get((aid, person.name))
            found[person.name] = (
                Resolved(actor) if actor is not None else resolve_person(_ref(result, person))
            )
    return persons


def group(ref: PersonRef) -> str | None:
    """The id a full name no curated person takes has before namesakes are told apart:
    the mentions of one group are resolved together (``resolve.resolve_all``, rule 3)."""
    resolved = resolve_person(ref)
    if resolved.curated is None and len(name_parts(ref.name)) > 1:
        return resolved.actor_id
    return None


def article_rows(
    results: Sequence[ArticleFacts],
    version: str,
    include_text: bool = False,
    persons: Resolution | None = None,
) -> tuple[Tables, list[ActorNotes]]:
    """The rows of these articles in every table but ``actors`` (left empty), and each
    article's notes for the actors table. A row depends on its own article only, and on
    who its persons are (``persons``: resolved among these articles when not given)."""
    persons = persons if persons is not None else resolution(results)
    assembly = _Assembly(version, Tables(article_texts=[] if include_text else None))
    for result in results:
        assembly.add(result, persons[result.article.article_id])
    _dedupe_and_sort(assembly.tables)
    return assembly.tables, assembly.notes


def build_tables(
    results: Sequence[ArticleFacts], version: str, include_text: bool = False
) -> Tables:
    """Assemble every table of a release from the facts of all articles (and the articles'
    texts, with ``include_text``)."""
    tables, notes = article_rows(results, version, include_text)
    tables.actors = actor_rows(summarize(notes))
    return tables


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
