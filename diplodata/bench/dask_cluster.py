"""Where a run's time goes on Prefect's thread pool and on a Dask cluster of N workers, and
how busy each worker was.

    uv run python -m diplodata.bench.dask_cluster --articles DIR [--workers 2]

Runs the flow in this process on a Prefect server of its own (started and stopped here):
once on the thread pool, once on a LocalCluster of ``--workers`` worker processes (one
thread each; the ``--dask ADDRESS`` path). Each run publishes into a fresh folder. Prints
the stage seconds of both runs, and per Dask worker the tasks it ran and its busy seconds
by task (extract, table-rows)."""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from diplodata.config import RunConfig
from diplodata.run import prefect_server as ps


def stages(label: str, timings: dict[str, float], wall: float) -> str:
    parts = ", ".join(f"{stage} {seconds:.1f}" for stage, seconds in timings.items())
    return f"{label:24s} wall {wall:6.1f} s: {parts}"


def main(args: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=2)
    ns = parser.parse_args(args)
    with tempfile.TemporaryDirectory(prefix="diplodata-bench-dask-") as folder:
        work = Path(folder)
        record = ps.start(work / "server", 0)
        try:
            _compare(ns.articles.resolve(), ns.workers, work, record.url)
        finally:
            ps.shutdown(work / "server")


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
            busy: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
            count: dict[str, int] = defaultdict(int)
            for entry in stream.data:
                name = entry["key"].split("-")[0] if isinstance(entry["key"], str) else "?"
                for span in entry["startstops"]:
                    if span["action"] == "compute":
                        busy[entry["worker"]][name] += span["stop"] - span["start"]
                count[entry["worker"]] += 1
            for worker in sorted(busy):
                spent = ", ".join(f"{k} {v:.1f} s" for k, v in sorted(busy[worker].items()))
                print(f"  worker {worker}: {count[worker]} tasks; {spent}")


if __name__ == "__main__":
    main()
