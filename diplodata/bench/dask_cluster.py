"""Where a run's time goes on Prefect's thread pool and on a Dask cluster of N workers, and
how busy each worker was.

    uv run python -m diplodata.bench.dask_cluster --articles DIR [--workers 2]
    uv run python -m diplodata.bench.dask_cluster --size 10000 [--source DIR ...] [--workers 2]

Runs the flow in this process on a Prefect server of its own (started and stopped here):
once on the thread pool, once on a LocalCluster of ``--workers`` worker processes (one
thread each; the ``--dask ADDRESS`` path). Each run publishes into a fresh folder. With
``--size N`` the articles are N distinct ones made from the source folders as
``diplodata.bench.scale`` makes them (default ``../shared/corpus/bulk`` and ``pool``).
Prints the stage seconds of both runs; per Dask worker the tasks it ran and its busy
seconds by task function (``extract_task``, ``rows_task``); and per task function the span
from its first start to its last end on any worker (the wall time of that phase)."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diplodata.bench.scale import SHARED, source_files, write_articles
from diplodata.config import RunConfig
from diplodata.run import prefect_server as ps


def stages(label: str, timings: dict[str, float], wall: float) -> str:
    parts = ", ".join(f"{stage} {seconds:.1f}" for stage, seconds in timings.items())
    return f"{label:24s} wall {wall:6.1f} s: {parts}"


def main(args: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, help="a folder of articles, used as it is")
    parser.add_argument("--size", type=int, help="N distinct articles made from --source")
    parser.add_argument("--source", type=Path, action="append", help="(repeatable)")
    parser.add_argument("--workers", type=int, default=2)
    ns = parser.parse_args(args)
    if (ns.articles is None) == (ns.size is None):
        parser.error("give --articles DIR or --size N")
    with tempfile.TemporaryDirectory(prefix="diplodata-bench-dask-") as folder:
        work = Path(folder)
        articles = ns.articles.resolve() if ns.articles is not None else work / "articles"
        if ns.size is not None:
            sources = source_files(ns.source or [SHARED / "bulk", SHARED / "pool"])
            if not sources:
                print("no articles in the source folders; pass --source DIR", file=sys.stderr)
                return 2
            write_articles(articles, sources, 0, ns.size)
        record = ps.start(work / "server", 0)
        try:
            _compare(articles, ns.workers, work, record.url)
        finally:
            ps.shutdown(work / "server")
    return 0


@dataclass(slots=True)
class TaskTimes:
    """What Dask's task stream says the workers did: per worker, the tasks it ran and its
    busy seconds by task function; per task function, its first start and last end."""

    tasks: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    busy: dict[str, dict[str, float]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(float))
    )
    spans: dict[str, tuple[float, float]] = field(default_factory=dict)

    @classmethod
    def of(cls, stream: Iterable[Mapping[str, Any]]) -> TaskTimes:
        times = cls()
        for entry in stream:
            name = str(entry["key"]).rsplit("-", 1)[0]  # the task's function, as Dask names it
            times.tasks[entry["worker"]] += 1
            for span in entry["startstops"]:
                if span["action"] != "compute":
                    continue
                times.busy[entry["worker"]][name] += span["stop"] - span["start"]
                first, last = times.spans.get(name, (span["start"], span["stop"]))
                times.spans[name] = (min(first, span["start"]), max(last, span["stop"]))
        return times

    def lines(self) -> list[str]:
        out = []
        for worker in sorted(self.busy):
            spent = ", ".join(f"{k} {v:.1f} s" for k, v in sorted(self.busy[worker].items()))
            out.append(f"  worker {worker}: {self.tasks[worker]} tasks; busy {spent}")
        for name, (first, last) in sorted(self.spans.items()):
            out.append(f"  {name}: first start to last end {last - first:.1f} s")
        return out


def _compare(articles: Path, workers: int, work: Path, api: str) -> None:
    from distributed import Client, LocalCluster, get_task_stream
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from diplodata.cli import prefect_environment
    from flows.pipeline import run

    prefect_environment()
    with temporary_settings(updates={PREFECT_API_URL: api}):
        started = time.perf_counter()
        summary = run(RunConfig(articles=articles, out=work / "threads"))
        print(f"{summary.n_extracted} articles extracted")
        print(stages("thread pool", summary.timings, time.perf_counter() - started), flush=True)
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            with get_task_stream(client) as stream:
                started = time.perf_counter()
                config = RunConfig(
                    articles=articles, out=work / "dask", dask=cluster.scheduler_address
                )
                summary = run(config)
                wall = time.perf_counter() - started
            print(stages(f"dask, {workers} workers", summary.timings, wall))
            print("\n".join(TaskTimes.of(stream.data).lines()))
    differ = differing_tables(work / "threads" / "latest", work / "dask" / "latest")
    print("tables: " + (f"DIFFER: {', '.join(differ)}" if differ else "identical in both runs"))


def differing_tables(one: Path, other: Path) -> list[str]:
    """The tables whose rows differ between two releases (as multisets of rows)."""
    import duckdb

    from diplodata.schemas import TABLES
    from diplodata.tables.parts import parquet_files

    con = duckdb.connect()
    differ = []
    for table in TABLES:
        a, b = ([str(f) for f in parquet_files(r, table)] for r in (one, other))
        if not a or not b:
            if a or b:
                differ.append(table)
            continue
        query = "SELECT count(*) FROM (({q} EXCEPT ALL {r}) UNION ALL ({r} EXCEPT ALL {q}))"
        sql = query.format(q="FROM read_parquet($1)", r="FROM read_parquet($2)")
        row = con.execute(sql, [a, b]).fetchone()
        if row is None or row[0]:
            differ.append(table)
    con.close()
    return differ


if __name__ == "__main__":
    sys.exit(main())
