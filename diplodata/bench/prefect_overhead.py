"""Prefect's cost per run: wall time of ``diplodata run --force`` minus the time of its
stages (what the run prints), on a running Prefect server and on a temporary one.

    uv run python -m diplodata.bench.prefect_overhead [--articles DIR] [--repeat 5] [--no-temporary]

Each run is a fresh process, as a scheduled run is. The running server is started once for
the benchmark (``diplodata server start``, in a folder of its own) and warmed up by one run;
``--configured`` points the runs at it with ``PREFECT_API_URL`` instead of letting them
find it. ``--against DIR`` alternates every run with one of another checkout's
``diplodata`` (run from DIR, pointed at the same server), to compare commits under the
same load."""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from diplodata.config import SAMPLE_ARTICLES
from diplodata.run import prefect_server as ps

STAGES = re.compile(r"(\w+) (\d+\.\d+)s")


def one_run(
    articles: Path, out: Path, env: dict[str, str], cwd: Path | None
) -> tuple[float, float]:
    """Wall seconds of one ``diplodata run --force`` and the sum of its stages' seconds."""
    command = ["run", "--articles", str(articles), "--out", str(out), "--force"]
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "diplodata", *command],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"diplodata run failed: {result.stderr.strip()[-500:]}")
    line = next(line for line in result.stdout.splitlines() if line.startswith("articles:"))
    stages = sum(float(seconds) for _, seconds in STAGES.findall(line.split(";")[-1]))
    return wall, stages


def summary(label: str, rows: list[tuple[float, float]]) -> str:
    walls = [wall for wall, _ in rows]
    outside = [wall - stages for wall, stages in rows]
    return (
        f"{label:28s} wall s median {statistics.median(walls):5.2f} "
        f"({min(walls):.2f}-{max(walls):.2f}); outside the stages median "
        f"{statistics.median(outside):5.2f} ({min(outside):.2f}-{max(outside):.2f})"
    )


def main(args: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=SAMPLE_ARTICLES)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-temporary", action="store_true", help="Skip the temporary server.")
    parser.add_argument("--configured", action="store_true", help="Set PREFECT_API_URL.")
    parser.add_argument("--against", type=Path, help="Another checkout to alternate with.")
    ns = parser.parse_args(args)
    articles = ns.articles.resolve()
    with tempfile.TemporaryDirectory(prefix="diplodata-bench-prefect-") as folder:
        work = Path(folder)
        home = work / "server"
        env = {**os.environ, ps.HOME_ENV: str(home)}
        env.pop("PREFECT_API_URL", None)
        print(f"{len(list(articles.iterdir()))} files in {articles}; {ns.repeat} runs each")
        record = ps.start(home, 0)
        configured = {**env, "PREFECT_API_URL": record.url}
        try:
            running = configured if ns.configured else env
            one_run(articles, work / "out", running, None)  # warm the server up
            rows: list[tuple[float, float]] = []
            other: list[tuple[float, float]] = []
            for _ in range(ns.repeat):
                rows.append(one_run(articles, work / "out", running, None))
                if ns.against:
                    other.append(one_run(articles, work / "other", configured, ns.against))
            print(summary("running server (warm)", rows), flush=True)
            if ns.against:
                print(summary(f"same, {ns.against}", other), flush=True)
        finally:
            ps.shutdown(home)
        if not ns.no_temporary:
            rows = [one_run(articles, work / "out", env, None) for _ in range(ns.repeat)]
            print(summary("temporary server", rows), flush=True)


if __name__ == "__main__":
    main()
