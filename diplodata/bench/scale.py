"""Scale benchmark: what a scheduled run costs as the corpus grows.

    uv run python -m diplodata.bench.scale --sizes 1000 10000 [--source DIR ...] [--work DIR]
    uv run python -m diplodata.bench.scale --sizes 100000      # about 10 minutes, quiet machine

For each size N it builds a corpus of N distinct articles from the source folders (default
``../shared/corpus/bulk`` and ``../shared/corpus/pool``): file ``i`` is the source file
``i mod len(sources)`` with a unique last line, so every text (and its hash) is new. Then,
each ``diplodata run`` in a fresh process:

- full: the first run into an empty output folder;
- no-op: the same folder again (nothing new);
- +10: ten more distinct articles added to the folder.

It prints per run the wall clock, the stage times the run reports, the peak resident
memory of the largest process (``/usr/bin/time``'s maximum RSS) and the output folder's
size (the latest release, the whole folder with its state, and what the new release adds:
its files that are not hard links to the release before it). Set ``PREFECT_API_URL`` to
measure runs against a running Prefect server instead of the temporary one.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path("../shared/corpus")
ARTICLE_SUFFIXES = (".txt", ".md")
NOT_ARTICLES = {"readme.md", "source.md", "sources.md"}


@dataclass(slots=True)
class Measure:
    size: int
    case: str
    seconds: float
    peak_rss_mb: float
    release_mb: float
    out_mb: float
    added_mb: float = 0.0  # the latest release's files that the release before it does not have
    stages: dict[str, float] = field(default_factory=dict)
    line: str = ""


def source_files(folders: Sequence[Path]) -> list[Path]:
    """Article files under ``folders`` (recursively, sorted), without their READMEs."""
    files: list[Path] = []
    for folder in folders:
        files += sorted(
            p
            for p in folder.rglob("*")
            if p.is_file()
            and p.suffix.lower() in ARTICLE_SUFFIXES
            and p.name.lower() not in NOT_ARTICLES
        )
    return files


def write_articles(dest: Path, sources: Sequence[Path], start: int, count: int) -> None:
    """Articles ``start`` .. ``start + count - 1`` of the distinct corpus, into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + count):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8", errors="replace").rstrip("\n")
        path = dest / f"a{i // 1000:04d}" / f"{i:07d}{src.suffix.lower()}"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"{text}\n\nBenchmark copy number {i}.\n", encoding="utf-8")


def folder_mb(path: Path) -> float:
    """Disk use in MB, counting a hard-linked file once (as ``du`` does)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for root, _, names in os.walk(path):
        for name in names:
            st = os.lstat(os.path.join(root, name))
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_blocks * 512
    return total / 1e6


def added_mb(out: Path) -> float:
    """MB of the latest release's files that are not hard links to the release before it
    (all of them for a first release)."""
    releases = sorted((out / "releases").iterdir()) if (out / "releases").is_dir() else []
    if not releases:
        return 0.0
    latest = (out / "latest").resolve()
    before = [r for r in releases if r != latest]
    previous = before[-1] if before else None
    total = 0
    for path in latest.rglob("*"):
        other = previous / path.relative_to(latest) if previous is not None else None
        if path.is_file() and not (other is not None and other.exists() and other.samefile(path)):
            total += path.stat().st_size
    return total / 1e6


STAGE = re.compile(r"(\w+) (\d+\.\d+)s")


def run_once(articles: Path, out: Path, size: int, case: str) -> Measure:
    stats = out.parent / f"{out.name}.time"
    command = ["/usr/bin/time", "-f", "%M", "-o", str(stats), sys.executable, "-m", "diplodata"]
    env = {**os.environ, "COLUMNS": "500", "NO_COLOR": "1"}
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "run", "--articles", str(articles), "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-2000:] + done.stderr[-2000:])
        raise SystemExit(f"diplodata run failed ({case}, {size} articles): see above")
    line = next((x for x in done.stdout.splitlines() if x.startswith("articles:")), "")
    stages = {k: float(v) for k, v in STAGE.findall(line.split(";")[-1])}
    latest = out / "latest"
    return Measure(
        size=size,
        case=case,
        seconds=seconds,
        peak_rss_mb=int(stats.read_text().split()[-1]) / 1024,
        release_mb=folder_mb(latest.resolve()) if latest.exists() else 0.0,
        out_mb=folder_mb(out),
        added_mb=added_mb(out) if case != "no-op" else 0.0,
        stages=stages,
        line=line,
    )


def bench_size(size: int, sources: Sequence[Path], work: Path) -> list[Measure]:
    articles, out = work / f"corpus-{size}", work / f"out-{size}"
    shutil.rmtree(articles, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    write_articles(articles, sources, 0, size)
    results = [run_once(articles, out, size, "full")]
    results.append(run_once(articles, out, size, "no-op"))
    write_articles(articles, sources, size, 10)
    results.append(run_once(articles, out, size, "+10"))
    return results


def table(results: Sequence[Measure]) -> str:
    rows = [
        "| articles | run | wall s | ingest | extract | tables | validate | publish "
        "| peak RSS MB | latest release MB | output folder MB | release adds MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for m in results:
        stage = [f"{m.stages[s]:.1f}" if s in m.stages else "-" for s in _STAGES]
        rows.append(
            f"| {m.size:,} | {m.case} | {m.seconds:.1f} | {' | '.join(stage)} "
            f"| {m.peak_rss_mb:.0f} | {m.release_mb:.1f} | {m.out_mb:.1f} "
            f"| {m.added_mb:.2f} |"
        )
    return "\n".join(rows)


_STAGES = ("ingest", "extract", "tables", "validate", "publish")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--source", type=Path, action="append", help="folder of articles (repeatable)"
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/diplodata-bench-scale"))
    parser.add_argument("--keep", action="store_true", help="keep the corpora and outputs")
    args = parser.parse_args(argv)
    folders = args.source or [SHARED / "bulk", SHARED / "pool"]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        print(f"{', '.join(missing)}: no such folder; pass --source DIR", file=sys.stderr)
        return 2
    sources = source_files(folders)
    if not sources:
        print("no .txt or .md articles in the source folders", file=sys.stderr)
        return 2
    results: list[Measure] = []
    for size in args.sizes:
        for m in bench_size(size, sources, args.work):
            results.append(m)
            print(f"{m.size} {m.case}: {m.seconds:.1f}s  {m.line}", flush=True)
        if not args.keep:
            shutil.rmtree(args.work / f"corpus-{size}", ignore_errors=True)
            shutil.rmtree(args.work / f"out-{size}", ignore_errors=True)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
