"""Command-line start-up benchmark: wall-clock seconds of ``diplodata --help``,
``--version`` and a ``query`` on a release, each in a fresh process.

    uv run python -m diplodata.bench.startup [--out OUTPUT_FOLDER] [--repeat 10]

Prints the median and the best of ``--repeat`` runs per command, and whether the command
imported Prefect (only commands that run flows should)."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROBE = (
    "import sys, runpy; sys.argv = ['diplodata', *sys.argv[1:]]\n"
    "try:\n    runpy.run_module('diplodata', run_name='__main__')\n"
    "except SystemExit:\n    pass\n"
    "sys.stderr.write('prefect imported: %s\\n' % ('prefect' in sys.modules))\n"
)


def seconds(argv: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "diplodata", *argv], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def imports_prefect(argv: list[str]) -> bool:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=False
    )
    return "prefect imported: True" in result.stderr


def main(args: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("output"))
    parser.add_argument("--repeat", type=int, default=10)
    ns = parser.parse_args(args)
    commands = [
        ["--help"],
        ["--version"],
        ["query", "SELECT count(*) FROM actors", "--out", str(ns.out)],
    ]
    print(f"{'command':45s} {'median s':>9s} {'best s':>7s}  prefect imported")
    for argv in commands:
        times = seconds(argv, ns.repeat)
        label = "diplodata " + " ".join(a if " " not in a else repr(a) for a in argv[:2])
        print(
            f"{label:45s} {statistics.median(times):9.3f} {min(times):7.3f}  "
            f"{imports_prefect(argv)}"
        )


if __name__ == "__main__":
    main()
