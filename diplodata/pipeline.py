"""The pipeline's stages as plain functions; ``flows/`` wires them into a Prefect flow.

ingest -> (cache lookup) -> extract in batches -> build tables -> stage + validate -> promote

A run builds on the latest intact release (its *base*): an article published there with
the same record (text, extractor version, source metadata) keeps its rows, which the new
release shares with the base (``diplodata.increment``); its facts are not even read. Only
new and changed articles are looked up in the cache or extracted and made into rows, and
the rows of the actors those articles name (and those that removed articles named) are
summed up again from every article's stored notes (``diplodata.actor_notes``).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import duckdb

from diplodata.budget import Extractor, extract_within
from diplodata.config import TIME_BUDGET, RunConfig
from diplodata.extract import EXTRACTOR_VERSION, extract_article
from diplodata.faults import checkpoint
from diplodata.increment import Increment
from diplodata.ingest import Batch, Skipped, read_folder, too_long
from diplodata.licenses import license_entry
from diplodata.models import Article, ArticleFacts
from diplodata.package import PackageMeta
from diplodata.parts import is_parted, parquet_files
from diplodata.release import intact_release, latest_release, next_version
from diplodata.resolve import resolve_all
from diplodata.rows import ArticleRow, Tables
from diplodata.state import ArticleStore, FactsCache, FailedExtractions, read_corpus, write_corpus
from diplodata.tables import (
    Resolution,
    actor_rows,
    article_row,
    article_rows,
    group,
    person_refs,
    resolution,
)
from diplodata.version import TABLES_VERSION

BUILD_KEY = "diplodata"  # the descriptor's record of the code that made the rows


@dataclass(frozen=True, slots=True)
class Base:
    """The release a run builds on, and its articles' rows by id."""

    path: Path
    articles: dict[str, ArticleRow]

    def keeps(self, article: Article) -> bool:
        """True when the article is published there exactly as this run would publish it."""
        return self.articles.get(article.article_id) == article_row(article, EXTRACTOR_VERSION)


def find_base(out: Path, include_text: bool = False) -> Base | None:
    """The latest intact release, when a run can build on it: written in parts by the same
    table code, with the article texts exactly when asked for, and the notes of its
    articles for the actors table stored. Otherwise None: every row is made again."""
    from diplodata.actor_notes import ActorNotesStore

    release = intact_release(out)
    if release is None or not is_parted(release):
        return None
    try:
        package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    build = package.get(BUILD_KEY)
    if not isinstance(build, dict) or build.get("tables_version") != TABLES_VERSION:
        return None
    if bool(parquet_files(release, "article_texts")) != include_text:
        return None
    con = duckdb.connect()
    files = [str(p) for p in parquet_files(release, "articles")]
    result = con.execute("SELECT * FROM read_parquet($1)", [files]).fetchall()
    con.close()
    rows = {str(r[0]): ArticleRow(*r) for r in result}
    versions = {aid: row.extractor_version for aid, row in rows.items()}
    if not ActorNotesStore(out).covers(versions):
        return None
    return Base(release, rows)


@dataclass(slots=True)
class Plan:
    """The run's input, split into articles with cached facts and articles to extract."""

    articles: list[Article]
    skipped: list[Skipped]
    cached: list[ArticleFacts] = field(default_factory=list)
    todo: list[Article] = field(default_factory=list)
    published: list[Article] = field(default_factory=list)  # unchanged in the base: kept
    base: Path | None = None  # the release whose rows of ``published`` are kept
    dropped: list[str] = field(default_factory=list)  # ids of the base's other articles
    kept: list[Article] = field(default_factory=list)  # published before, input gone: kept
    pruned: list[Article] = field(default_factory=list)  # published before, removed (--prune)
    lost: list[str] = field(default_factory=list)  # published before, text not kept: dropped


def ingest(config: RunConfig) -> Batch:
    from diplodata.input_index import InputIndex

    index = InputIndex(config.out)
    with index.store:
        batch = read_folder(config.articles, config.max_chars, config.follow_links, index)
    index.save()
    if config.feeds is not None:
        from diplodata.feeds import read_feeds

        fetched = read_feeds(config.feeds)
        known = {a.article_id for a in batch.articles}
        batch.articles += [a for a in fetched.articles if a.article_id not in known]
        batch.skipped += fetched.skipped
    return screen(batch, config.max_chars, index.unchanged)


def screen(
    batch: Batch, max_chars: int, screened: set[str] | frozenset[str] = frozenset()
) -> Batch:
    """Set aside what is not an English news article (``diplodata.screen``), with why.
    Articles in ``screened`` (sha256; unchanged files, taken before) are not screened again."""
    from diplodata.screen import rejection

    kept = Batch(skipped=list(batch.skipped))
    for article in batch.articles:
        reason = (
            too_long(article.n_chars, max_chars)
            if article.n_chars > max_chars
            else None
            if article.sha256 in screened
            else rejection(article)
        )
        if reason is None:
            kept.articles.append(article)
        else:
            kept.skipped.append(Skipped(article.source, f"{article.source}: {reason}"))
    return kept


def plan(
    batch: Batch, out: Path, version: str = EXTRACTOR_VERSION, base: Base | None = None
) -> Plan:
    """Look every article up in the extraction cache, but those the ``base`` release holds
    unchanged (they keep their rows); an article whose extraction ran out of time or failed
    with this extractor version is a reject again, not retried."""
    result = Plan(
        articles=[],
        skipped=list(batch.skipped),
        kept=batch.kept,
        pruned=batch.pruned,
        lost=batch.lost,
        base=base.path if base is not None else None,
    )
    with FactsCache(out, version) as cache, FailedExtractions(out, version) as failed:
        lookup = [a for a in batch.articles if base is None or not base.keeps(a)]
        cached = cache.get_many(lookup)
        reasons = failed.get_many([a for a in lookup if a.sha256 not in cached])
    for article in batch.articles:
        if base is not None and base.keeps(article):
            result.articles.append(article)
            result.published.append(article)
            continue
        facts = cached.get(article.sha256)
        reason = reasons.get(article.sha256) if facts is None else None
        if reason is not None:
            result.skipped.append(Skipped(article.source, f"{reason} (in an earlier run)"))
            continue
        result.articles.append(article)
        if facts is None:
            result.todo.append(article)
        else:
            result.cached.append(facts)
    if base is not None:
        kept = {a.article_id for a in result.published}
        result.dropped = sorted(set(base.articles) - kept)
    return result


def set_aside(p: Plan, skipped: Sequence[Skipped]) -> None:
    """Move articles whose extraction failed or ran out of time to the rejects."""
    gone = {s.source for s in skipped}
    p.articles = [a for a in p.articles if a.source not in gone]
    p.todo = [a for a in p.todo if a.source not in gone]
    p.skipped += skipped


def published_corpus(out: Path) -> set[str]:
    """sha256 of the articles published in the latest release: the corpus recorded in
    the state, and the intact latest release's articles (a crash between the two)."""
    return read_corpus(out) | {str(row[0]) for row in _latest_articles(out) or []}


def carry(batch: Batch, out: Path, prune: bool = False) -> Batch:
    """The input plus every article published before whose input is gone (a folder half
    copied, an entry dropped off a feed): the published corpus only grows, unless
    ``prune``. An input file whose text changed replaces its old version (same source)."""
    with ArticleStore(out) as store:
        store.put_many(batch.articles)
        return _with_published(batch, store, prune)


def _with_published(batch: Batch, store: ArticleStore, prune: bool) -> Batch:
    present = {a.sha256 for a in batch.articles}
    sources = {a.source for a in batch.articles}
    result = Batch(articles=list(batch.articles), skipped=list(batch.skipped))
    for sha in sorted(published_corpus(store.out) - present):
        old = store.get(sha)
        if old is None:  # published before its text was kept (or the copy is damaged)
            result.lost.append(sha)
        elif old.source not in sources:  # else replaced by a new version of the same input
            (result.pruned if prune else result.kept).append(old)
    result.articles += result.kept
    return result


@dataclass(slots=True)
class NewRows:
    """The rows a release adds to its base, and what it keeps of it."""

    tables: Tables
    increment: Increment | None = None
    resolved_again: list[str] = field(default_factory=list)  # sources rebuilt: see below


def _resolve_increment(
    p: Plan, results: list[ArticleFacts], out: Path
) -> tuple[Resolution, list[ArticleFacts]]:
    """Who the persons of the new articles are, resolved among every article of the release
    as a run from scratch would (namesakes are told apart across articles), and the facts
    of the published articles whose persons this changes (they are rebuilt too).

    Only the namesake groups (``tables.group``) of the new and dropped articles' persons can
    change: the published articles' persons of those groups are resolved again with them."""
    from diplodata.actor_notes import ActorNotesStore

    store = ActorNotesStore(out)
    new_ids = {r.article.article_id for r in results}
    others = {a.article_id for a in p.articles} - new_ids
    groups = {g for g in map(group, person_refs(results)) if g} | store.groups(p.dropped)
    stored = store.refs(groups, others)
    resolved = resolve_all([ref for ref, _ in stored] + person_refs(results))
    again = sorted(
        {
            str(ref.article)
            for (ref, old), now in zip(stored, resolved, strict=False)
            if now.actor_id != old
        }
    )
    if again:  # their facts, from the cache (or extracted again, if the cache lost them)
        published = {a.article_id: a for a in p.published}
        cache = FactsCache(out, EXTRACTOR_VERSION)
        articles = [published[str(aid)] for aid in again]
        found = [cache.get(a) for a in articles]
        missing = [a for a, f in zip(articles, found, strict=True) if f is None]
        results = results + [f for f in found if f is not None]
        results += extract_batch(missing, out).facts
        new_ids |= {r.article.article_id for r in results}
        others -= new_ids
        groups |= store.groups(new_ids)
        stored = store.refs(groups, others)
    refs = person_refs(results)
    resolved = resolve_all([ref for ref, _ in stored] + refs)[len(stored) :]
    persons: Resolution = {r.article.article_id: {} for r in results}
    for ref, res in zip(refs, resolved, strict=True):
        persons[str(ref.article)][ref.name] = res
    return persons, results


def release_tables(
    p: Plan, results: Sequence[ArticleFacts], out: Path, include_text: bool = False
) -> NewRows:
    """The rows of the articles that are not kept from the base (every row without a base),
    and the actors rows, summed up from the articles' notes (the notes of the articles made
    into rows here are stored first): every actor without a base, else the actors that the
    new, changed and removed articles name (the others' rows are the base's).

    A published article is rebuilt too when a new or removed article changes who one of its
    persons is (a namesake now named in more articles takes the name's plain id): its rows
    then leave the base like those of a changed article."""
    from diplodata.actor_notes import ActorNotesStore

    rebuilt: list[ArticleFacts] = []
    if p.base is None:
        persons, made = resolution(list(results)), list(results)
    else:
        persons, made = _resolve_increment(p, list(results), out)
        rebuilt = made[len(results) :]
    tables, notes = article_rows(made, EXTRACTOR_VERSION, include_text, persons)
    store = ActorNotesStore(out)
    live = [a.article_id for a in p.articles]
    if p.base is None:
        store.put(notes, EXTRACTOR_VERSION)
        tables.actors = actor_rows(store.summaries(live))
        return NewRows(tables)
    # what the removed articles and the published notes of the rebuilt ones named, and
    # what the new notes name: no other actor's row can differ from the base's
    changed = store.actors_of([*p.dropped, *(n.article_id for n in notes)])
    store.put(notes, EXTRACTOR_VERSION)
    changed |= {actor for n in notes for actor in n.actors}
    tables.actors = actor_rows(store.summaries(live, changed))
    again = {r.article.article_id for r in rebuilt}
    kept = frozenset(a.article_id for a in p.published if a.article_id not in again)
    increment = Increment(p.base, kept, frozenset(changed))
    return NewRows(tables, increment, sorted(r.article.source for r in rebuilt))


def record_corpus(p: Plan, out: Path) -> None:
    """After a release is published: its articles are the corpus later runs keep."""
    write_corpus(out, {a.sha256 for a in p.articles})


T = TypeVar("T")


def batches(items: Sequence[T], size: int) -> Iterator[list[T]]:
    size = max(1, size)
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def per_task(n: int, most: int, workers: int) -> int:
    """Items per task so that ``n`` items keep ``workers`` busy: at most ``most`` (a task's
    result stays small, the progress bar moves), and no more than an even share."""
    return max(1, min(most, -(-n // max(1, workers))))


@dataclass(slots=True)
class Extracted:
    facts: list[ArticleFacts] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # over the time budget, or failed


def extract_batch(
    articles: Sequence[Article],
    out: Path | None = None,
    seconds: float = TIME_BUDGET,
    extractor: Extractor = extract_article,
) -> Extracted:
    """Extract facts from each article within ``seconds`` (and cache them under ``out``:
    one transaction for the batch, or every :data:`COMMIT_SECONDS` in a slow one)."""
    result = Extracted()
    saver = _Saver(out)
    for outcome in extract_within(articles, seconds, extractor):
        if outcome.facts is None:
            reason = outcome.reason or "extraction failed"
            result.skipped.append(Skipped(outcome.article.source, reason))
            saver.failed.append((outcome.article, reason))
        else:
            result.facts.append(outcome.facts)
            saver.facts.append(outcome.facts)
            checkpoint("extract")
        saver.save(final=False)
    saver.save(final=True)
    return result


COMMIT_SECONDS = 10.0  # a slow batch commits what it has at least this often


@dataclass(slots=True)
class _Saver:
    """What a batch extracted and has not committed yet."""

    out: Path | None
    facts: list[ArticleFacts] = field(default_factory=list)
    failed: list[tuple[Article, str]] = field(default_factory=list)
    since: float = field(default_factory=time.monotonic)

    def save(self, final: bool) -> None:
        if self.out is None or not (final or time.monotonic() - self.since > COMMIT_SECONDS):
            return
        with FactsCache(self.out, EXTRACTOR_VERSION) as cache:
            cache.put_many(self.facts, self.failed)
        self.facts, self.failed, self.since = [], [], time.monotonic()


# What makes an article the same in two releases: its text, the rules that read it, and
# what is known about its source.
_SAME = ("sha256", "extractor_version", "source", "url", "publisher", "language", "license")


def _latest_articles(out: Path) -> list[tuple[str | None, ...]] | None:
    """The :data:`_SAME` columns of every article in the latest release, if any (None for a
    column an older release does not have)."""
    latest = latest_release(out)
    if latest is None or damaged_latest(out):
        return None
    st = (latest / "datapackage.json").stat()
    key = (latest, st.st_ino, st.st_mtime_ns)  # a release never changes: read it once
    if key not in _LATEST_ARTICLES:
        con = duckdb.connect()
        files = [str(p) for p in parquet_files(latest, "articles")]
        result = con.execute("SELECT * FROM read_parquet($1)", [files])
        columns = [d[0] for d in result.description or []]
        rows = [dict(zip(columns, r, strict=True)) for r in result.fetchall()]
        con.close()
        _LATEST_ARTICLES.clear()
        _LATEST_ARTICLES[key] = [tuple(_text(row.get(c)) for c in _SAME) for row in rows]
    return _LATEST_ARTICLES[key]


# the rows of the last release read, by its folder and its descriptor's inode and time
_LATEST_ARTICLES: dict[tuple[Path, int, int], list[tuple[str | None, ...]]] = {}


def damaged_latest(out: Path) -> list[str]:
    """What is wrong with the latest release's files (empty when intact or none)."""
    from diplodata.verify import verify_release

    latest = latest_release(out)
    return [] if latest is None else verify_release(latest).problems


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _same_key(article: Article) -> tuple[str | None, ...]:
    values = {"extractor_version": EXTRACTOR_VERSION}
    return tuple(values.get(c, getattr(article, c, None)) for c in _SAME)


def unchanged_since_latest(
    articles: Sequence[Article], out: Path, include_text: bool = False
) -> bool:
    """True when the latest release holds exactly these texts, read by this extractor version
    (and ships their texts when ``include_text``, and only then)."""
    rows = _latest_articles(out)
    latest = latest_release(out)
    texts = latest is not None and bool(parquet_files(latest, "article_texts"))
    return (
        rows is not None
        and texts == include_text
        and sorted(rows, key=str) == sorted((_same_key(a) for a in articles), key=str)
    )


def previous_extractor_version(out: Path) -> str | None:
    versions = {row[1] for row in _latest_articles(out) or []}
    return versions.pop() if len(versions) == 1 else None


def release_notes(p: Plan, out: Path, rows: NewRows | None = None) -> list[str]:
    notes = [
        f"{len(p.articles)} articles; {len(p.todo)} extracted in this run, "
        f"{len(p.cached)} taken from the extraction cache"
        + (
            f", {len(p.published)} unchanged since release {p.base.name} (their rows are "
            "shared with it)."
            if p.base is not None
            else "."
        ),
        f"Extractor version {EXTRACTOR_VERSION}.",
    ]
    damage = damaged_latest(out)
    if damage:
        notes.append(
            f"The previous release {latest_release(out).name} was damaged "  # type: ignore[union-attr]
            f"({damage[0]}); this release was rebuilt without its files, from "
            + (f"release {p.base.name} and " if p.base is not None else "")
            + "the extraction cache."
        )
    before = previous_extractor_version(out)
    if before is not None and before != EXTRACTOR_VERSION:
        notes.append(
            f"The extractor changed ({before} -> {EXTRACTOR_VERSION}): "
            "every article was re-extracted."
        )
    if rows is not None and rows.resolved_again:
        notes.append(
            f"{len(rows.resolved_again)} articles published before were made into rows again: "
            "a new or removed article changed who one of their persons is (namesakes): "
            f"{', '.join(rows.resolved_again)}."
        )
    if p.skipped:
        notes.append(f"{len(p.skipped)} input files skipped (see the run log).")
    if p.kept:
        notes.append(
            f"{len(p.kept)} articles published before are no longer in the input and were "
            f"kept (`diplodata run --prune` removes them): {_sources(p.kept)}."
        )
    if p.lost:
        notes.append(
            f"{len(p.lost)} articles published before are no longer in the input and could "
            "not be kept: their text is not in the state (published before diplodata kept "
            f"texts in .state/): {', '.join(sha[:16] for sha in p.lost)}."
        )
    if p.pruned:
        notes.append(
            f"Removed {len(p.pruned)} articles no longer in the input (--prune): "
            f"{_sources(p.pruned)}."
        )
    return notes


def _sources(articles: Sequence[Article]) -> str:
    return ", ".join(f"{a.source} ({a.article_id})" for a in sorted(articles, key=_by_source))


def _by_source(article: Article) -> str:
    return article.source


def input_report(p: Plan) -> dict[str, dict[str, object]]:
    """The run's input, for the release's ``quality/inputs.json``: nothing skipped is lost."""
    return {
        "inputs": {
            "articles": len(p.articles),
            "extracted": len(p.todo),
            "cached": len(p.cached) + len(p.published),
            "unchanged_since_base": len(p.published),  # rows shared with release "base"
            "base": p.base.name if p.base is not None else None,
            "skipped": [{"source": s.source, "reason": s.reason} for s in p.skipped],
            "kept": [a.source for a in p.kept],
            "pruned": [a.source for a in p.pruned],
            "lost": [sha[:16] for sha in p.lost],
        }
    }


def source_entry(article: Article) -> dict[str, object]:
    """The article as a Data Package source: its name, URL, publisher and licence if known."""
    url = article.url or (article.source if "://" in article.source else None)
    entry: dict[str, object] = {"title": article.source}
    if url:
        entry["path"] = url
    if article.publisher:
        entry["publisher"] = article.publisher
    if article.license:
        entry["licenses"] = [license_entry(article.license)]
    return entry


SOURCES_LISTED = 1000  # articles named in a descriptor's sources; the articles table has all


def sources(articles: Sequence[Article], limit: int = SOURCES_LISTED) -> list[dict[str, object]]:
    """The articles as Data Package sources, the first ``limit`` of them by source, and
    then one entry saying how many more there are (the descriptor stays small)."""
    ordered = sorted(articles, key=lambda a: a.source)
    listed: list[dict[str, object]] = [source_entry(a) for a in ordered[:limit]]
    if len(ordered) > limit:
        more = len(ordered) - limit
        listed.append(
            {"title": f"and {more} more articles: resource `articles` lists every source"}
        )
    return listed


def package_meta(config: RunConfig, articles: Sequence[Article]) -> PackageMeta:
    now = dt.datetime.now(dt.UTC)
    return PackageMeta(
        version=next_version(config.out, now.date()),
        created=now.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        license=config.license,
        sources=sources(articles),
        contributors=config.contributors,
        homepage=config.homepage,
        extra={
            BUILD_KEY: {"extractor_version": EXTRACTOR_VERSION, "tables_version": TABLES_VERSION}
        },
    )


@dataclass(slots=True)
class Timer:
    """Wall-clock seconds per stage, for the run summary."""

    stages: dict[str, float] = field(default_factory=dict)
    _start: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = self.stages.get(stage, 0.0) + now - self._start
        self._start = now
