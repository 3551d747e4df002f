"""The pipeline's stages as plain functions; ``flows/`` wires them into a Prefect flow.

ingest -> (cache lookup) -> extract in batches -> build tables -> stage + validate -> promote
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from diplodata.config import RunConfig
from diplodata.extract import EXTRACTOR_VERSION, extract_article
from diplodata.ingest import Batch, Skipped, read_folder
from diplodata.models import Article, ArticleFacts
from diplodata.package import PackageMeta
from diplodata.release import latest_release, next_version
from diplodata.state import FactsCache


@dataclass(slots=True)
class Plan:
    """The run's input, split into articles with cached facts and articles to extract."""

    articles: list[Article]
    skipped: list[Skipped]
    cached: list[ArticleFacts] = field(default_factory=list)
    todo: list[Article] = field(default_factory=list)


def ingest(config: RunConfig) -> Batch:
    batch = read_folder(config.articles)
    if config.feeds is not None:
        from diplodata.feeds import read_feeds

        fetched = read_feeds(config.feeds)
        known = {a.article_id for a in batch.articles}
        batch.articles += [a for a in fetched.articles if a.article_id not in known]
        batch.skipped += fetched.skipped
    return batch


def plan(batch: Batch, out: Path, version: str = EXTRACTOR_VERSION) -> Plan:
    """Look every article up in the extraction cache."""
    cache = FactsCache(out, version)
    result = Plan(articles=batch.articles, skipped=batch.skipped)
    for article in batch.articles:
        facts = cache.get(article)
        if facts is None:
            result.todo.append(article)
        else:
            result.cached.append(facts)
    return result


def batches(items: Sequence[Article], size: int) -> Iterator[list[Article]]:
    for i in range(0, len(items), max(1, size)):
        yield list(items[i : i + size])


def extract_batch(articles: Sequence[Article], out: Path | None = None) -> list[ArticleFacts]:
    """Extract facts from each article (and cache them under ``out`` when given)."""
    cache = FactsCache(out, EXTRACTOR_VERSION) if out is not None else None
    results = []
    for article in articles:
        facts = extract_article(article)
        if cache is not None:
            cache.put(facts)
        results.append(facts)
    return results


def _latest_articles(out: Path) -> list[tuple[str, str]] | None:
    """(sha256, extractor_version) of every article in the latest release, if any."""
    latest = latest_release(out)
    if latest is None:
        return None
    con = duckdb.connect()
    rows = con.execute(
        "SELECT sha256, extractor_version FROM read_parquet($1)",
        [str(latest / "data" / "articles.parquet")],
    ).fetchall()
    con.close()
    return [(str(sha), str(version)) for sha, version in rows]


def unchanged_since_latest(articles: Sequence[Article], out: Path) -> bool:
    """True when the latest release holds exactly these texts, read by this extractor version."""
    rows = _latest_articles(out)
    return rows is not None and sorted(rows) == sorted(
        (a.sha256, EXTRACTOR_VERSION) for a in articles
    )


def previous_extractor_version(out: Path) -> str | None:
    versions = {version for _, version in _latest_articles(out) or []}
    return versions.pop() if len(versions) == 1 else None


def release_notes(p: Plan, out: Path) -> list[str]:
    notes = [
        f"{len(p.articles)} articles; {len(p.todo)} extracted in this run, "
        f"{len(p.cached)} unchanged and taken from the extraction cache.",
        f"Extractor version {EXTRACTOR_VERSION}.",
    ]
    before = previous_extractor_version(out)
    if before is not None and before != EXTRACTOR_VERSION:
        notes.append(
            f"The extractor changed ({before} -> {EXTRACTOR_VERSION}): "
            "every article was re-extracted."
        )
    if p.skipped:
        notes.append(f"{len(p.skipped)} input files skipped (see the run log).")
    return notes


def input_report(p: Plan) -> dict[str, dict[str, object]]:
    """The run's input, for the release's ``quality/inputs.json``: nothing skipped is lost."""
    return {
        "inputs": {
            "articles": len(p.articles),
            "extracted": len(p.todo),
            "cached": len(p.cached),
            "skipped": [{"source": s.source, "reason": s.reason} for s in p.skipped],
        }
    }


def package_meta(config: RunConfig, articles: Sequence[Article]) -> PackageMeta:
    now = dt.datetime.now(dt.UTC)
    return PackageMeta(
        version=next_version(config.out, now.date()),
        created=now.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        license=config.license,
        sources=sorted({a.source for a in articles}),
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
