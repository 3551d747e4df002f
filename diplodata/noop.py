"""A run with nothing new, answered before Prefect starts.

After a run that published or found nothing new, ``<out>/.state/unchanged.json`` records
what the run's inputs were (the digest of the stat index it wrote, ``input_index``), the
options that shape a release, the latest release and the run's summary. The next
``diplodata run`` first walks the articles folder and compares every file's stat with the
index: when nothing was added, removed or touched, the options are the same and the latest
release is the one recorded and intact, it reports "nothing new" in well under a second
instead of starting a flow run. Anything else (or ``--force``, ``--feeds``, ``--gold``)
runs the flow as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from diplodata.config import RunConfig
from diplodata.input_index import INDEX, InputIndex, stamp
from diplodata.release import latest_release
from diplodata.state import STATE_DIR
from diplodata.summary import RunSummary
from diplodata.walk import walk

MARK = "unchanged.json"
MESSAGE = "No new or changed articles since the latest release: nothing published."


def _options(config: RunConfig) -> dict[str, object]:
    """The options that change what a release holds, for the same input files."""
    return {
        "articles": str(config.articles.resolve()),
        "include_text": config.include_text,
        "prune": config.prune,
        "max_chars": config.max_chars,
        "follow_links": config.follow_links,
    }


def _index_digest(out: Path) -> str | None:
    try:
        return hashlib.sha256((out / STATE_DIR / INDEX).read_bytes()).hexdigest()
    except OSError:
        return None


def mark(config: RunConfig, summary: RunSummary) -> None:
    """Record that the latest release holds what this run's input files hold."""
    latest = latest_release(config.out)
    digest = _index_digest(config.out)
    path = config.out / STATE_DIR / MARK
    if latest is None or digest is None or summary.status == "failed":
        path.unlink(missing_ok=True)
        return
    data = {
        "index": digest,
        "release": latest.name,
        "options": _options(config),
        "articles": summary.n_articles,
        "rejects": summary.rejects,
        "skipped": _skipped(config),
    }
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def nothing_new(config: RunConfig) -> RunSummary | None:
    """The summary of a run with nothing new, when the input files' stat shows it; None when
    the flow has to run."""
    if config.force or config.feeds is not None or config.gold is not None:
        return None
    start = time.perf_counter()
    try:
        data = json.loads((config.out / STATE_DIR / MARK).read_text(encoding="utf-8"))
        recorded = (data["index"], data["release"], data["options"], data["skipped"])
        summary = RunSummary(
            status="unchanged",
            version=None,
            n_articles=int(data["articles"]),
            n_cached=int(data["articles"]),
            rejects=[str(r) for r in data["rejects"]],
            message=MESSAGE,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    latest = latest_release(config.out)
    if latest is None or recorded[:3] != (_index_digest(config.out), latest.name, _options(config)):
        return None
    if not _same_files(config, recorded[3]):
        return None
    from diplodata.pipeline import damaged_latest

    if damaged_latest(config.out):
        return None
    summary.timings = {"check": time.perf_counter() - start}
    return summary


def _skipped(config: RunConfig) -> list[str]:
    """The folder's paths that are not files to read (hidden, links out, special files)."""
    try:
        return sorted(s.reason for s in walk(config.articles, config.follow_links).skipped)
    except OSError:
        return ["?"]


def _same_files(config: RunConfig, skipped: object) -> bool:
    """Every input file is in the index with the same stat, no other file is, and the
    folder's other paths are the same."""
    entries = InputIndex(config.out).entries
    try:
        found = walk(config.articles, config.follow_links)
        if sorted(s.reason for s in found.skipped) != skipped:
            return False
        if len(found.files) != len(entries):
            return False
        for path, source in found.files:
            entry = entries.get(source)
            if entry is None or entry.get("stat") != stamp(path):
                return False
    except OSError:
        return False
    return True
