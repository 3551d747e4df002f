"""The pipeline's stages as the flow wires them, without Prefect: what a run reads, extracts
and publishes (``diplodata.run.pipeline``; the flow adds tasks, logging and the summary)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from diplodata.config import RunConfig
from diplodata.ingest.records import ArticleInfo
from diplodata.publish.release import Release, output_lock, promote
from diplodata.run import pipeline as p
from diplodata.run.row_batches import RowMaking
from diplodata.run.run_articles import TODO, RunArticles


def extract(config: RunConfig, plan: p.Plan) -> None:
    """Extract the plan's articles to extract, a task's batch at a time, into the cache."""
    for chunk in plan.pages(TODO, config.batch_size):
        p.set_aside(plan, p.extract_infos(chunk, config.out, config.articles).skipped)


def articles(out: Path) -> list[ArticleInfo]:
    """The run's articles (in the state store of ``out``), in the run's order."""
    with RunArticles(out) as run:
        return run.infos()


def plan(config: RunConfig, base: bool = True) -> p.Plan:
    """Ingest and plan (on the latest release, unless not ``base``), then extract."""
    found = p.find_base(config.out, config.include_text) if base else None
    result = p.plan(p.carry(p.ingest(config), config.out, config.prune), config.out, base=found)
    extract(config, result)
    return result


def publish(config: RunConfig, making: RowMaking | None = None) -> Release:
    """One run: ingest, extract, make the rows (by ``making``: this machine's worker processes
    unless given), stage, validate and publish a release."""
    out: Path = config.out
    with output_lock(out):
        result = plan(config)
        rows = p.release_tables(result, out, config.include_text, config.articles, making)
        p.set_aside(result, rows.skipped)
        release = promote(p.stage_release(result, rows, config))
        p.record_corpus(result, out)
    return release


def write_settled(path: Path, text: str) -> None:
    """Write an input file dated an hour ago: one the run takes as settled, not being written."""
    path.write_text(text, encoding="utf-8")
    past = time.time_ns() - 3600 * 10**9
    os.utime(path, ns=(past, past))
