"""A run with nothing new, answered before Prefect starts.

After a run that published or found nothing new, ``<out>/.state/unchanged.json`` records
what the run's input files were (a digest of every file's path and stat, as its walk saw
them before reading: ``input_index.stamps_digest``), the folder's other paths, the options
that shape a release, the code that made it (reading, extractor and tables versions), the
latest release and the run's summary. The next ``diplodata run`` walks the articles folder
once, stat for stat: when the digest is the same (nothing added, removed or touched), the
options and the code are the same and the latest release is the one recorded and intact,
it reports "nothing new" instead of starting a flow run. An upgraded extractor runs the flow,
which extracts every article again. Anything else (or
``--force``, ``--feeds``, ``--gold``) runs the flow as before.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from diplodata.config import RunConfig
from diplodata.ingest.input_index import reading_version, stamps_digest
from diplodata.ingest.walk import Found, walk
from diplodata.run.state_db import STATE_DIR, as_left, keep_closed
from diplodata.run.summary import RunSummary
from diplodata.version import TABLES_VERSION

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
        "code": f"{reading_version()}/{TABLES_VERSION}",
    }


def _latest(out: Path) -> Path | None:
    """The latest release (``release.latest_release``, without importing the publishing
    code: this check runs before anything else is imported)."""
    link = out / "latest"
    return link.resolve() if (link / "datapackage.json").exists() else None


def mark(config: RunConfig, summary: RunSummary, stamps: str | None, others: list[str]) -> None:
    """Record that the latest release holds what this run's input files hold: ``stamps``,
    the digest of the files' stat the run read them by (None when one changed just now:
    the next run reads it again), and ``others``, why the folder's other paths are not read."""
    latest = _latest(config.out)
    path = config.out / STATE_DIR / MARK
    if latest is None or stamps is None or summary.status == "failed":
        path.unlink(missing_ok=True)
        return
    data = {
        "stamps": stamps,
        "release": latest.name,
        "options": _options(config),
        "articles": summary.n_articles,
        "rejects": summary.rejects,
        "others": others,
    }
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def nothing_new(config: RunConfig, found: Found | None = None) -> RunSummary | None:
    """The summary of a run with nothing new, when the input files' stat shows it; None when
    the flow has to run. ``found``: the folder's walk, when the caller has made it."""
    if config.force or config.feeds is not None or config.gold is not None:
        return None
    start = time.perf_counter()
    try:
        data = json.loads((config.out / STATE_DIR / MARK).read_text(encoding="utf-8"))
        recorded = (data["stamps"], data["release"], data["options"], data["others"])
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
    latest = _latest(config.out)
    if latest is None or (recorded[1], recorded[2]) != (latest.name, _options(config)):
        return None
    try:
        found = found or walk(config.articles, config.follow_links)
    except OSError:
        return None
    if sorted(s.reason for s in found.skipped) != recorded[3]:
        return None
    if stamps_digest(found.files) != recorded[0]:
        return None
    from diplodata.publish.verify import Digests, verify_release

    record = as_left(config.out)  # the store as the last run left it: kept so (state_db)
    if not verify_release(latest, Digests(config.out)).ok:
        return None
    if record is not None:
        keep_closed(config.out, record)
    summary.timings = {"check": time.perf_counter() - start}
    return summary
