"""The pipeline's stages as plain functions; ``flows/`` wires them into a Prefect flow.

ingest -> (cache lookup) -> extract in batches -> build tables -> stage + validate -> promote
"""

from __future__ import annotations

import datetime as dt
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
from diplodata.ingest import Batch, Skipped, read_folder, too_long
from diplodata.licenses import license_entry
from diplodata.models import Article, ArticleFacts
from diplodata.package import PackageMeta
from diplodata.release import latest_release, next_version
from diplodata.state import ArticleStore, FactsCache, FailedExtractions, read_corpus, write_corpus


@dataclass(slots=True)
class Plan:
    """The run's input, split into articles with cached facts and articles to extract."""

    articles: list[Article]
    skipped: list[Skipped]
    cached: list[ArticleFacts] = field(default_factory=list)
    todo: list[Article] = field(default_factory=list)
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


def plan(batch: Batch, out: Path, version: str = EXTRACTOR_VERSION) -> Plan:
    """Look every article up in the extraction cache; an article whose extraction ran out
    of time or failed with this extractor version is a reject again, not retried."""
    result = Plan(
        articles=[],
        skipped=list(batch.skipped),
        kept=batch.kept,
        pruned=batch.pruned,
        lost=batch.lost,
    )
    with FactsCache(out, version) as cache, FailedExtractions(out, version) as failed:
        cached = cache.get_many(batch.articles)
        reasons = failed.get_many([a for a in batch.articles if a.sha256 not in cached])
    for article in batch.articles:
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
    con = duckdb.connect()
    result = con.execute(
        "SELECT * FROM read_parquet($1)", [str(latest / "data" / "articles.parquet")]
    )
    columns = [d[0] for d in result.description or []]
    rows = [dict(zip(columns, r, strict=True)) for r in result.fetchall()]
    con.close()
    return [tuple(_text(row.get(c)) for c in _SAME) for row in rows]


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
    texts = latest is not None and (latest / "data" / "article_texts.parquet").exists()
    return (
        rows is not None
        and texts == include_text
        and sorted(rows, key=str) == sorted((_same_key(a) for a in articles), key=str)
    )


def previous_extractor_version(out: Path) -> str | None:
    versions = {row[1] for row in _latest_articles(out) or []}
    return versions.pop() if len(versions) == 1 else None


def release_notes(p: Plan, out: Path) -> list[str]:
    notes = [
        f"{len(p.articles)} articles; {len(p.todo)} extracted in this run, "
        f"{len(p.cached)} unchanged and taken from the extraction cache.",
        f"Extractor version {EXTRACTOR_VERSION}.",
    ]
    damage = damaged_latest(out)
    if damage:
        notes.append(
            f"The previous release {latest_release(out).name} was damaged "  # type: ignore[union-attr]
            f"({damage[0]}); this release was rebuilt from the extraction cache."
        )
    before = previous_extractor_version(out)
    if before is not None and before != EXTRACTOR_VERSION:
        notes.append(
            f"The extractor changed ({before} -> {EXTRACTOR_VERSION}): "
            "every article was re-extracted."
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
            "cached": len(p.cached),
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


def package_meta(config: RunConfig, articles: Sequence[Article]) -> PackageMeta:
    now = dt.datetime.now(dt.UTC)
    return PackageMeta(
        version=next_version(config.out, now.date()),
        created=now.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        license=config.license,
        sources=[source_entry(a) for a in sorted(articles, key=lambda a: a.source)],
        contributors=config.contributors,
        homepage=config.homepage,
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
