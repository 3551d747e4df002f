"""The ``diplodata`` command line: run, query, eval, serve, download."""

from __future__ import annotations

import os
import signal
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from diplodata.config import DEFAULT_OUT, MAX_CHARS, SAMPLE_ARTICLES, TIME_BUDGET, RunConfig

if TYPE_CHECKING:
    from diplodata.evaluate import EvalResult
from diplodata.summary import RunSummary

app = typer.Typer(
    name="diplodata",
    help="Diplomacy news articles in; a validated, queryable data package out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

# Prefect, offline and quiet (see ../shared/DEPENDENCIES.md); a user's own setting wins.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_LOGGING_LOG_PRINTS": "true",
}


def prefect_environment() -> None:
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)


def _stop_on_signals() -> None:
    """Ctrl-C and SIGTERM stop `serve` cleanly, even when it was started in the background
    (a non-interactive shell starts background jobs with SIGINT ignored)."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


ArticlesOpt = Annotated[
    Path, typer.Option("--articles", "-a", help="Folder of .txt/.md/.html articles.")
]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Output folder for releases.")]


@app.command()
def run(
    articles: ArticlesOpt = SAMPLE_ARTICLES,
    out: OutOpt = DEFAULT_OUT,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per extract task.")] = 250,
    license: Annotated[
        str, typer.Option(help="Licence of the published data (SPDX id).")
    ] = "CC-BY-4.0",
    feeds: Annotated[
        Path | None, typer.Option(help="Feeds config file (RSS/Atom/URLs) to fetch too.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Publish even when nothing changed.")] = False,
    gold: Annotated[
        Path | None, typer.Option(help="Gold annotations: eval scores go into the release.")
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(help='Run extraction on Dask: "local" or a scheduler address (tcp://...).'),
    ] = None,
    max_chars: Annotated[
        int, typer.Option(min=1, help="Longer inputs are rejects (characters).")
    ] = MAX_CHARS,
    time_budget: Annotated[
        float, typer.Option(min=0.1, help="Seconds of extraction per article; over it, a reject.")
    ] = TIME_BUDGET,
    follow_links: Annotated[
        bool, typer.Option(help="Follow symbolic links that leave the articles folder.")
    ] = False,
    prune: Annotated[
        bool,
        typer.Option(help="Remove published articles whose input is gone (kept by default)."),
    ] = False,
) -> None:
    """Extract the four tables from ARTICLES and publish a release under OUT."""
    from diplodata.ingest import InputError, list_files

    try:
        found = list_files(articles, follow_links)  # fail fast, before Prefect starts
    except InputError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if not found and feeds is None:
        err.print(
            f"[red]error:[/red] {articles}: no articles (.txt, .md, .html) in this folder; "
            "pass --articles DIR with your articles, or --feeds FILE"
        )
        raise typer.Exit(2)
    check_out(out)
    prefect_environment()
    from diplodata.release import OutputBusyError

    config = RunConfig(
        articles=articles,
        out=out,
        batch_size=batch_size,
        license=license,
        feeds=feeds,
        force=force,
        gold=gold,
        dask=dask,
        max_chars=max_chars,
        time_budget=time_budget,
        follow_links=follow_links,
        prune=prune,
    )
    try:
        summary = _run_flow(config)
    except (InputError, OutputBusyError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    print_summary(summary)
    if summary.status == "failed":
        raise typer.Exit(1)


def check_out(out: Path) -> None:
    """Refuse an output folder that cannot be written, before any server starts."""
    from diplodata.release import OutputBusyError, output_lock

    try:
        if out.exists() and not out.is_dir():
            raise NotADirectoryError(20, "not a folder", str(out))
        with output_lock(out):  # creates it, checks it is writable and not in use
            pass
    except OutputBusyError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    except OSError as exc:
        err.print(
            f"[red]error:[/red] {out}: cannot write the output folder here ({one_line(exc)}); "
            "pass --out DIR with a writable folder"
        )
        raise typer.Exit(2) from exc


def _run_flow(config: RunConfig) -> RunSummary:
    import flows.pipeline
    from diplodata.release import output_lock
    from flows.pipeline import run as run_flow

    flows.pipeline.EXIT_ON_SIGTERM = True
    _console_without_tracebacks()
    with output_lock(config.out):  # held before Prefect starts: a busy folder is refused now
        if os.environ.get("PREFECT_API_URL"):
            return run_flow(config)
        from prefect.logging.handlers import APILogWorker
        from prefect.settings import PREFECT_API_URL, temporary_settings

        from flows.server import temporary_server

        with temporary_server() as url, temporary_settings(updates={PREFECT_API_URL: url}):
            try:
                return run_flow(config)
            finally:  # the run's last logs reach the server before it stops
                APILogWorker.drain_all(timeout=10)


def _console_without_tracebacks() -> None:
    """Prefect prints a failed task's traceback on the console; the CLI prints one line
    (the flow run's logs in the Prefect UI keep the traceback; --debug prints it)."""
    import logging

    from prefect.logging.formatters import PrefectFormatter

    if os.environ.get(DEBUG) or getattr(PrefectFormatter, "_diplodata_quiet", False):
        return
    plain = PrefectFormatter.format

    def format(self: PrefectFormatter, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text
        record.exc_info, record.exc_text = None, None
        try:
            return plain(self, record)
        finally:
            record.exc_info, record.exc_text = saved

    PrefectFormatter.format = format  # type: ignore[method-assign,assignment]
    PrefectFormatter._diplodata_quiet = True  # type: ignore[attr-defined]


def print_summary(summary: RunSummary) -> None:
    table = Table(
        title=f"diplodata run: {summary.status}"
        + (f" {summary.version}" if summary.version else "")
    )
    for column in ("table", "rows", "added", "removed"):
        table.add_column(column, justify="left" if column == "table" else "right")
    for row in summary.table_rows():
        table.add_row(*(str(v) for v in row.values()))
    if summary.counts:
        console.print(table)
    console.print(
        f"articles: {summary.n_articles} "
        f"({summary.n_extracted} extracted, {summary.n_cached} cached); "
        f"rejects: {len(summary.rejects)}; "
        + ", ".join(f"{k} {v:.2f}s" for k, v in summary.timings.items())
    )
    for reject in summary.rejects[:50]:
        console.print(f"  [yellow]reject[/yellow] {reject}")
    if len(summary.rejects) > 50:
        console.print(
            f"  ... and {len(summary.rejects) - 50} more (see the release's quality/ folder)"
        )
    console.print(summary.message)


@app.command(name="eval")
def eval_(
    gold: Annotated[
        Path | None,
        typer.Option(
            help="Folder of gold annotations (one JSON per article), or of batch folders."
        ),
    ] = None,
    articles: Annotated[
        Path | None,
        typer.Option(help="Run the pipeline first, on the gold's articles found in this folder."),
    ] = None,
    package: Annotated[
        Path | None, typer.Option(help="Score this release (folder or datapackage.json).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Where --articles publishes (default: a temporary folder).")
    ] = None,
    errors: Annotated[
        bool, typer.Option("--errors", help="List every missed and extra row.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    all_gold: Annotated[
        bool,
        typer.Option("--all-gold", help="Count gold articles absent from the release as missed."),
    ] = False,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Append the scores of batches not yet on the learning curve as their "
            "blind scores (eval/learning_curve.csv).",
        ),
    ] = False,
    show_curve: Annotated[
        bool,
        typer.Option("--curve", help="Print the learning curve (every batch's blind score)."),
    ] = False,
) -> None:
    """Precision, recall and F1 per table, and attribute accuracies, against gold annotations.

    A gold folder of batch folders is scored one line per batch."""
    import json

    from diplodata import curve
    from diplodata.evaluate import evaluate
    from diplodata.query import QueryError, resolve_release

    if show_curve and gold is None and articles is None and package is None:
        _print_curve()
        return
    if gold is None:
        err.print("[red]error:[/red] give --gold DIR (a folder of gold annotations)")
        raise typer.Exit(2)
    if (articles is None) == (package is None):
        err.print(
            "[red]error:[/red] give either --articles DIR (run, then score) or --package PATH"
        )
        raise typer.Exit(2)
    if not gold.is_dir():
        err.print(f"[red]error:[/red] {gold}: no such folder; pass --gold DIR")
        raise typer.Exit(2)
    batches = curve.batch_folders(gold) if not any(gold.glob("*.json")) else []
    if articles is not None:
        package = _run_on_gold_articles(articles, [*batches] or [gold], out)
    assert package is not None
    results: dict[str, EvalResult] = {}
    try:
        release = resolve_release(package)
        descriptor = release / "datapackage.json"
        for folder in batches or [gold]:
            results[folder.name] = evaluate(descriptor, folder, only_present=not all_gold)
    except (QueryError, FileNotFoundError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    for name, result in results.items():
        if result.absent:
            how = "counted as missed" if all_gold else "not scored (--all-gold counts them)"
            err.print(
                f"[yellow]warning:[/yellow] {name}: {len(result.absent)} gold articles are not "
                f"in the release, {how}: {', '.join(result.absent[:5])}"
                + (" ..." if len(result.absent) > 5 else "")
            )
    if as_json:
        console.print_json(json.dumps({k: r.to_dict() for k, r in results.items()}))
        return
    for name, result in results.items():
        if errors:
            for miss in result.errors:
                console.print(
                    f"{miss.kind:6s} {miss.article} {miss.table}: {miss.item}", markup=False
                )
        if batches:
            n = len(list((gold / name).glob("*.json"))) - len(result.absent) * (not all_gold)
            console.print(curve.batch_line(name, n, result), markup=False)
        else:
            for line in result.lines():
                console.print(line, markup=False)
    if record:
        _record_blind(results, gold, batches)
    if show_curve:
        _print_curve()


def _print_curve() -> None:
    from diplodata.curve import CURVE_FILE, curve_lines, read_curve

    points = read_curve()
    if not points:
        err.print(f"[red]error:[/red] {CURVE_FILE}: no learning curve recorded yet")
        raise typer.Exit(2)
    console.print(f"Learning curve ({CURVE_FILE}): F1 per table, blind", markup=False)
    for line in curve_lines(points):
        console.print(line, markup=False)


def _run_on_gold_articles(articles: Path, gold_folders: list[Path], out: Path | None) -> Path:
    """Copy the gold's articles out of ``articles`` into a fresh folder and run the flow."""
    import json
    import shutil
    import tempfile

    stems = {
        json.loads(g.read_text(encoding="utf-8")).get("article", g.stem)
        for folder in gold_folders
        for g in folder.glob("*.json")
    }
    work = Path(tempfile.mkdtemp(prefix="diplodata-eval-"))
    inputs = work / "articles"
    inputs.mkdir()
    found = 0
    for path in sorted(articles.rglob("*")):
        if path.is_file() and path.stem in stems and not (inputs / path.name).exists():
            shutil.copyfile(path, inputs / path.name)
            found += 1
    if not found:
        err.print(f"[red]error:[/red] {articles}: none of the gold's articles is there")
        raise typer.Exit(2)
    target = out or work / "out"
    prefect_environment()
    summary = _run_flow(RunConfig(articles=inputs, out=target, force=True))
    if summary.status == "failed":
        print_summary(summary)
        raise typer.Exit(1)
    return target


def _record_blind(results: dict[str, EvalResult], gold: Path, batches: list[Path]) -> None:
    import datetime as dt

    from diplodata import curve
    from diplodata.extract import EXTRACTOR_VERSION

    if not batches:
        err.print("[red]error:[/red] --record needs a gold folder of batch folders")
        raise typer.Exit(2)
    new = []
    for name, result in results.items():
        n = len(list((gold / name).glob("*.json"))) - len(result.absent)
        new += curve.points(name, n, result, EXTRACTOR_VERSION, dt.date.today())
    added = curve.record(new)
    console.print(
        f"recorded blind scores of {', '.join(added)} in {curve.CURVE_FILE}"
        if added
        else "every batch is already on the learning curve: nothing recorded"
    )


@app.command()
def serve(
    cron: Annotated[str, typer.Option(help="Schedule, as a cron expression (UTC).")] = "0 * * * *",
    articles: ArticlesOpt = SAMPLE_ARTICLES,
    out: OutOpt = DEFAULT_OUT,
    name: Annotated[str, typer.Option(help="Deployment name.")] = "diplodata-scheduled",
    feeds: Annotated[
        Path | None, typer.Option(help="Feeds config file to fetch on every run.")
    ] = None,
    gold: Annotated[
        Path | None, typer.Option(help="Gold annotations: eval scores go into each release.")
    ] = None,
) -> None:
    """Register a scheduled Prefect deployment of `run` and serve it until Ctrl-C."""
    from diplodata.ingest import InputError, list_files

    try:
        list_files(articles)
    except InputError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    check_cron(cron)
    check_out(out)
    prefect_environment()
    from flows.pipeline import serve as serve_flow

    console.print(f"Serving deployment diplodata-run/{name} on schedule {cron!r}; Ctrl-C stops it.")
    config = RunConfig(articles=articles, out=out, feeds=feeds, gold=gold)
    _stop_on_signals()
    if os.environ.get("PREFECT_API_URL"):
        serve_flow(config, cron=cron, name=name)
        return
    # Prefect's temporary server cannot schedule: start a dedicated one on loopback.
    from flows.server import local_server

    home = Path(os.environ.get("DIPLODATA_PREFECT_HOME", Path.home() / ".diplodata" / "prefect"))
    console.print(f"Starting a Prefect server (PREFECT_HOME={home}) ...")
    with local_server(home) as api:
        console.print(f"Prefect UI: {api.removesuffix('/api')}")
        serve_flow(config, cron=cron, name=name, api_url=api)


def check_cron(cron: str) -> None:
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=cron)
    except ValueError as exc:
        err.print(
            f"[red]error:[/red] --cron {cron!r}: not a cron expression; "
            'give five fields, e.g. --cron "0 * * * *" (every hour)'
        )
        raise typer.Exit(2) from exc


@app.command()
def verify(
    location: Annotated[
        Path, typer.Argument(help="An output folder (its latest release) or a release folder.")
    ] = DEFAULT_OUT,
    all_releases: Annotated[
        bool, typer.Option("--all", help="Every release of the output folder.")
    ] = False,
) -> None:
    """Check every file of a release against the sizes and sha256 in its datapackage.json."""
    from diplodata.query import QueryError, resolve_release
    from diplodata.release import RELEASES, published_versions
    from diplodata.verify import verify_release

    try:
        releases = (
            [location / RELEASES / v for v in published_versions(location)]
            if all_releases
            else [resolve_release(location)]
        )
    except QueryError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    damaged = 0
    for release in releases:
        check = verify_release(release)
        if check.ok:
            console.print(f"ok {release.name}: {check.checked} files match their checksums")
            continue
        damaged += 1
        for problem in check.problems:
            err.print(f"[red]damaged[/red] {problem}", markup=True)
    if damaged:
        err.print(
            f"[red]error:[/red] {damaged} damaged release(s); when the latest one is damaged, "
            "the next `diplodata run` on this output folder publishes an intact release "
            "rebuilt from the extraction cache"
        )
        raise typer.Exit(1)


@app.command()
def query(
    sql: Annotated[
        str,
        typer.Argument(
            help="SQL; tables: articles, actors, actor_mentions, meetings, "
            "meeting_participants, trade_figures, memberships."
        ),
    ],
    out: OutOpt = DEFAULT_OUT,
    release: Annotated[
        Path | None,
        typer.Option(help="A release folder or datapackage.json instead of OUT/latest."),
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Run SQL against the latest release (or --release) and print the result."""
    from diplodata.query import QueryError, run_query

    try:
        result = run_query(sql, release or out)
    except QueryError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if format is Format.csv:
        sys.stdout.write(result.to_csv())
    elif format is Format.json:
        sys.stdout.write(result.to_json() + "\n")
    else:
        table = Table(*result.columns)
        for row in result.rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        console.print(table)
        console.print(f"{len(result.rows)} rows")


@app.command()
def download(
    source: Annotated[
        str, typer.Argument(help="URL or path of an output folder (the one with catalog.json).")
    ],
    to: Annotated[Path, typer.Option("--to", help="Folder to download into.")] = Path("downloads"),
    version: Annotated[
        str | None, typer.Option("--version", "-v", help="Release version (default: latest).")
    ] = None,
) -> None:
    """Download a release from SOURCE into TO/<version>, verifying every file's checksum."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    from diplodata.download import DownloadError, FileSpec, UnknownVersionError
    from diplodata.download import Progress as Callbacks
    from diplodata.download import download as fetch_release

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )

    class Report(Callbacks):
        def __init__(self) -> None:
            self.task = bar.add_task("catalog", total=None)
            self.done: dict[str, int] = {}

        def begin(self, version: str, files: list[FileSpec]) -> None:
            bar.update(self.task, description=version, total=sum(f.bytes for f in files))

        def advance(self, path: str, received: int) -> None:
            self.done[path] = received
            bar.update(self.task, description=path, completed=sum(self.done.values()))

        def retry(self, path: str, reason: str, wait: float) -> None:
            bar.console.print(f"[yellow]retry[/yellow] {path}: {reason}; again in {wait:.1f}s")

    try:
        with bar:
            result = fetch_release(source, to, version, progress=Report())
    except UnknownVersionError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    except DownloadError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
    console.print(
        f"release {result.version}: {len(result.files)} files verified "
        f"({result.total_bytes:,} bytes; {len(result.fetched)} fetched, "
        f"{len(result.reused)} already here, {len(result.resumed)} resumed, "
        f"{result.retries} retries) in {result.path}"
    )
    console.print(f'query it: diplodata query "SELECT * FROM meetings" --out {to}')


DEBUG = "DIPLODATA_DEBUG"


@app.callback()
def _options(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an error.")
    ] = False,
) -> None:
    if debug:
        os.environ[DEBUG] = "1"


def main() -> None:
    """The entry point: any error is one line on stderr and exit 1 (--debug: the traceback)."""
    try:
        app()
    except Exception as exc:
        if os.environ.get(DEBUG):
            raise
        err.print(f"[red]error:[/red] {one_line(exc)} (--debug shows the traceback)", markup=True)
        _release(exc)
        sys.exit(1)


def _release(exc: BaseException) -> None:
    """Free what the failed call's frames hold (DuckDB objects), so that nothing is left
    for the interpreter's exit to complain about."""
    import gc
    import traceback

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        traceback.clear_frames(current.__traceback__)
        current = current.__cause__ or current.__context__
    gc.collect()


def one_line(exc: BaseException) -> str:
    import re

    if isinstance(exc, OSError) and exc.strerror:
        where = f"{exc.filename}: " if exc.filename else ""
        hint = "; free some disk space and run again" if exc.errno == 28 else ""
        return f"{where}{exc.strerror}{hint}"
    text = re.sub(r"\s+", " ", str(exc)).strip() or type(exc).__name__
    if "No space left on device" in text:  # DuckDB's and pyarrow's own errors
        text += "; free some disk space and run again"
    return text[:400]
