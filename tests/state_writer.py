"""A writer of the state store, run as a separate process by the concurrency and crash
tests: ``python -m tests.state_writer OUT TAG BATCHES SIZE [PAUSE_AFTER]`` writes BATCHES
batches of SIZE distinct facts, printing ``committed N`` after each commit; with
PAUSE_AFTER it stops at the ``cache`` fault point (inside the transaction, before its
commit) of the batch after that many."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from diplodata.models import ArticleFacts
from diplodata.run.state import FactsCache
from tests.facts import TEXT, sample_facts

VERSION = "test-1"


def facts_for(tag: str, i: int) -> ArticleFacts:
    return sample_facts(f"{TEXT} Copy {tag}-{i}.", f"{tag}-{i}.txt")


def write(out: Path, tag: str, batches: int, size: int, pause_after: int | None = None) -> None:
    for b in range(batches):
        if pause_after is not None and b == pause_after:
            os.environ["DIPLODATA_PAUSE_AT"] = "cache"
        with FactsCache(out, VERSION) as cache:
            cache.put_many([facts_for(tag, b * size + i) for i in range(size)])
        print(f"committed {b + 1}", flush=True)


if __name__ == "__main__":
    out, tag, batches, size, *pause = sys.argv[1:]
    write(Path(out), tag, int(batches), int(size), int(pause[0]) if pause else None)
