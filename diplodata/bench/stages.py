"""Where a run's time and memory go, stage by stage, in one process (no Prefect).

    uv run python -m diplodata.bench.stages --articles DIR --out OUT [--copy-of OUT0] [--add 10]
    uv run python -m diplodata.bench.stages ... --trace     # tracemalloc: the largest holders

Runs the flow's stages as ``flows/pipeline.py`` does (the command's walk and its check for
nothing new, the state store's check, ingest, carry, finding the base, plan, extract,
tables, staging, publishing), each a plain call in this process, and prints per stage its
seconds, the resident memory after it and the peak so far (``ru_maxrss``; worker processes
are not counted).
``--copy-of OUT0`` first copies a kept output folder (``diplodata.bench.scale --keep``) to
OUT, so that a +10 run can be measured again and again on the same output; ``--add N``
writes N more distinct articles into DIR (as ``diplodata.bench.scale`` does) first;
``--rebuild`` removes the copy's releases and actor notes, so that the run makes every
row again from the extraction cache (a full run but for its extraction).
With ``--trace``, tracemalloc's ten largest holders (by line) after each stage, and its
peak: several times slower, so its seconds mean little. With ``--steps``, the steps of
staging a release too (writing the parts, the DuckDB file, the CHANGELOG's diffs, the
descriptor, validation, the documents), each with its seconds, the resident memory after it
and the peak of resident memory during it alone (the kernel's peak is reset for each step,
so the stages' peak column is then lower than the run's: read the steps' peaks).
"""

from __future__ import annotations

import argparse
import functools
import resource
import shutil
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from diplodata.bench.scale import SHARED, source_files, write_articles
from diplodata.config import RunConfig


def rss_mb() -> float:
    """This process's resident memory now, in MB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> bool:
    """Start this process's peak of resident memory (``VmHWM``) again from now; False
    where the kernel does not allow it."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def step_peak_mb() -> float:
    """The peak of resident memory since :func:`reset_peak` (``VmHWM``), in MB (10^6
    bytes, as :func:`rss_mb`)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    return peak_mb()


# The steps of staging a release, by module: each is wrapped where it is looked up.
STEPS = {
    "diplodata.publish.release": (
        "write_tables",
        "write_duckdb",
        "intact_release",
        "diff_tables",
        "diff_articles",
        "write_changelog",
        "descriptor",
        "validate_release",
        "write_documents",
        "shared_checksums",
    ),
    "diplodata.publish.validate": ("check_descriptor", "validate_files", "check_keys"),
    "diplodata.tables.increment": ("_arrow", "_write_actors"),
}


_OPEN: list[float] = []  # the peaks of the steps running now (outer first) before the last reset


def _timed(name: str, fn: Callable[..., object]) -> Callable[..., object]:
    @functools.wraps(fn)
    def wrapper(*args: object, **kwargs: object) -> object:
        if _OPEN:  # an outer step's peak so far, before this step resets it
            _OPEN[-1] = max(_OPEN[-1], step_peak_mb())
        _OPEN.append(0.0)
        reset_peak()
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            seconds = time.perf_counter() - start
            peak = max(_OPEN.pop(), step_peak_mb())
            if _OPEN:
                _OPEN[-1] = max(_OPEN[-1], peak)
            print(
                f"{'':>12}{name:<18} {seconds:6.2f} s  rss {rss_mb():6.0f} MB  "
                f"step peak {peak:6.0f} MB",
                flush=True,
            )

    return wrapper


def time_steps() -> None:
    """Print the seconds and memory of each step of :data:`STEPS` as it ends."""
    import importlib

    for module_name, names in STEPS.items():
        module = importlib.import_module(module_name)
        for name in names:
            fn = getattr(module, name, None)
            if callable(fn):
                setattr(module, name, _timed(name, fn))


@dataclass(slots=True)
class Stages:
    """Seconds and memory per stage, printed as they end."""

    trace: bool = False
    rows: list[tuple[str, float, float, float]] = field(default_factory=list)
    _start: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        row = (stage, now - self._start, rss_mb(), peak_mb())
        self.rows.append(row)
        print(
            f"{stage:>10} {row[1]:7.2f} s  rss {row[2]:6.0f} MB  peak {row[3]:6.0f} MB", flush=True
        )
        if self.trace:
            current, top = tracemalloc.get_traced_memory()
            print(f"{'':>10} traced {current / 1e6:6.1f} MB, peak {top / 1e6:6.1f} MB")
            stats = tracemalloc.take_snapshot().statistics("lineno")
            for stat in stats[:10]:
                print(f"{'':>12}{stat.size / 1e6:7.1f} MB {stat.count:>8} {stat.traceback}")
            tracemalloc.reset_peak()
        self._start = time.perf_counter()


def run(config: RunConfig, stages: Stages) -> str:
    """One run's stages in this process; what it did."""
    from diplodata.extract.budget import kept_workers
    from diplodata.ingest import walked
    from diplodata.ingest.articles import find_inputs
    from diplodata.publish.release import output_lock, promote
    from diplodata.run import noop
    from diplodata.run import pipeline as p
    from diplodata.run.run_articles import TODO
    from diplodata.run.state_check import check_state
    from diplodata.run.state_db import record_closed

    found = find_inputs(config.articles, config.follow_links)
    stages.lap("walk")
    unchanged = noop.nothing_new(config, found)
    stages.lap("check")
    if unchanged is not None:
        return "nothing new (no flow run)"
    walked.keep(config.articles, config.follow_links, found)
    del found
    with output_lock(config.out):
        check_state(config.out)
        stages.lap("state")
        inputs = p.ingest(config)
        stages.lap("ingest")
        inputs = p.carry(inputs, config.out, config.prune)
        stages.lap("carry")
        damage = p.damaged_latest(config.out)
        base = p.find_base(config.out, config.include_text)
        stages.lap("base")
        plan = p.plan(inputs, config.out, base=base)
        del base
        stages.lap("plan")
        size = p.per_task(plan.count(TODO), config.batch_size, 2)
        with kept_workers():
            for chunk in plan.pages(TODO, size):
                done = p.extract_infos(chunk, config.out, config.articles, config.time_budget)
                p.set_aside(plan, done.skipped)
        stages.lap("extract")
        n_todo = plan.count(TODO)  # publishing makes every article published
        if not plan.count() or (not damage and p.nothing_new_in(plan, config.include_text)):
            record_closed(config.out)
            return "nothing to publish"
        rows = p.release_tables(plan, config.out, config.include_text, config.articles)
        p.set_aside(plan, rows.skipped)
        stages.lap("tables")
        staged = p.stage_release(plan, rows, config)
        stages.lap("stage")
        release = promote(staged)
        p.record_corpus(plan, config.out)
        record_closed(config.out)
        stages.lap("publish")
    return f"published {release.version}: {plan.count()} articles, {n_todo} extracted"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--copy-of", type=Path, help="copy this output folder to --out first")
    parser.add_argument("--add", type=int, default=0, help="write N more articles first")
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="remove the output's releases and actor notes first: every row is made again "
        "from the extraction cache (a full run without its extraction)",
    )
    parser.add_argument("--trace", action="store_true", help="tracemalloc's largest holders")
    parser.add_argument("--steps", action="store_true", help="the steps of staging, timed")
    args = parser.parse_args(argv)
    if args.copy_of is not None:
        shutil.rmtree(args.out, ignore_errors=True)  # cp -a: hard links stay links
        subprocess.run(["cp", "-a", str(args.copy_of), str(args.out)], check=True)
    if args.rebuild:
        for name in ("releases", "latest", "catalog.json"):
            target = args.out / name
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            else:
                target.unlink(missing_ok=True)
        for name in ("actor_notes.duckdb", "corpus.json", "unchanged.json"):
            (args.out / ".state" / name).unlink(missing_ok=True)
        from diplodata.run.state import write_corpus

        write_corpus(args.out, set())  # no release: no corpus
    if args.add:
        present = sum(1 for _ in args.articles.rglob("*.*"))
        sources = source_files([SHARED / "bulk", SHARED / "pool"])
        write_articles(args.articles, sources, present, args.add)
    import diplodata.publish.release
    import diplodata.run.pipeline
    import diplodata.run.row_batches
    import diplodata.tables.actor_notes  # noqa: F401  (imported before the first stage)

    if args.steps:
        time_steps()
    stages = Stages(trace=args.trace)
    print(f"{'imports':>10} {'':7}    rss {rss_mb():6.0f} MB  peak {peak_mb():6.0f} MB")
    if args.trace:
        tracemalloc.start()
    started = time.perf_counter()
    what = run(RunConfig(articles=args.articles, out=args.out), stages)
    print(f"{'total':>10} {time.perf_counter() - started:7.2f} s  {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
