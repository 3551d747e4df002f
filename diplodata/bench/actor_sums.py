"""What summing up the actors table from the actor notes costs, in one process.

    uv run python -m diplodata.bench.actor_sums OUT            # a group of actors at a time
    uv run python -m diplodata.bench.actor_sums OUT --whole    # every actor in one sum

Sums up every actor of the articles whose notes ``OUT/.state/actor_notes.duckdb`` holds, as a
full run's tables stage does (``diplodata.run.pipeline.release_tables``), and prints the
seconds, this process's resident memory before and after, its peak (``ru_maxrss``) and a
digest of the rows (the same for both ways). Run each way in a fresh process: the peak is
the process's. Pass a copy of a kept output (``diplodata.bench.scale --keep``): opening the
store writes to it.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import time
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from diplodata.bench.stages import peak_mb, rss_mb
from diplodata.extract import lexicon
from diplodata.run.state import STATE_DIR
from diplodata.tables.actor_notes import NOTES_FILE, SUM_ACTORS, ActorNotesStore
from diplodata.tables.build import actor_rows, grouped_actor_rows
from diplodata.tables.resolve import wikidata_ids


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--whole", action="store_true", help="every actor in one sum")
    parser.add_argument("--size", type=int, default=SUM_ACTORS, help="actors a group")
    args = parser.parse_args(argv)
    con = duckdb.connect(str(args.out / STATE_DIR / NOTES_FILE), read_only=True)
    live = [str(a) for (a,) in con.execute("SELECT article_id FROM articles").fetchall()]
    con.close()
    # what a run has loaded before its tables stage ends: the lexicon, Wikidata's ids, Arrow
    lexicon.load()
    wikidata_ids("country")
    wikidata_ids("organization")
    pa.array(live, pa.string())
    gc.collect()
    before, start = rss_mb(), time.perf_counter()
    store = ActorNotesStore(args.out)
    if args.whole:
        rows = actor_rows(store.summaries(live))
    else:
        rows = grouped_actor_rows(store.summaries_by_group(live, size=args.size))
    seconds = time.perf_counter() - start
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
    way = "whole" if args.whole else f"groups of {args.size}"
    print(
        f"{len(live)} articles, {len(rows)} actors, {way}: {seconds:.2f} s, rss {before:.0f} "
        f"-> {rss_mb():.0f} MB, peak {peak_mb():.0f} MB, rows {digest}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
