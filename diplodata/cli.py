"""The ``diplodata`` command line: run, query, eval, serve, download."""

from __future__ import annotations

import os
import signal
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperCommand, TyperGroup, TyperOption

from diplodata.config import DEFAULT_OUT, MAX_CHARS, SAMPLE_ARTICLES, TIME_BUDGET, RunConfig

if TYPE_CHECKING:
    from diplodata.evaluate.score import EvalResult
from diplodata.run.summary import RunSummary


def _flags_without_type(params: list[Any]) -> list[Any]:
    """Flags read as flags in help texts (``--errors``, not ``--errors <bool>``)."""
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""
    return params


class _Command(TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:
        return _flags_without_type(super().get_params(ctx))


class _Group(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return _flags_without_type(super().get_params(ctx))


app = typer.Typer(
    cls=_Group,
    name="diplodata",
    help="Diplomacy news articles in; a validated, queryable data package out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        from diplodata.version import EXTRACTOR_VERSION

        console.print(f"diplodata {version('diplodata')} (extractor {EXTRACTOR_VERSION})")
        raise typer.Exit()


DEBUG = "DIPLODATA_DEBUG"


@app.callback()
def _main(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version",
            is_eager=True,
            callback=_print_version,
            help="Print the package and extractor versions and exit.",
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an error.")
    ] = False,
) -> None:
    """Diplomacy news articles in; a validated, queryable data package out."""
    if debug:
        os.environ[DEBUG] = "1"


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
    """Ctrl-C, SIGTERM and SIGHUP (the terminal closed) stop `serve` cleanly, even when it
    was started in the background (a non-interactive shell starts background jobs with
    SIGINT ignored)."""

    def interrupt(signum: int, frame: object) -> None:
        signal.raise_signal(signal.SIGINT)  # handled as Ctrl-C, whoever handles it then

    # Python's own Ctrl-C handler: asyncio (Prefect's runner) then stops gracefully
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, interrupt)
    # Prefect's runner installs a SIGTERM handler of its own when it starts, which exits
    # from inside the event loop: a SIGTERM while the runner is still starting printed a
    # traceback. Its handler takes the Ctrl-C path too.
    from prefect.runner.runner import Runner

    Runner.handle_sigterm = lambda self, *args, **kwargs: interrupt(signal.SIGTERM, None)  # type: ignore[method-assign]


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
        str, typer.Option(help="Licence of the published data (SPDX id or expression).")
    ] = "CC-BY-4.0",
    include_text: Annotated[
        bool,
        typer.Option(
            "--include-text",
            help="Ship the article texts (table article_texts); only for sources that "
            "allow redistribution.",
        ),
    ] = False,
    feeds: Annotated[
        Path | None, typer.Option(help="Feeds config file (RSS/Atom/URLs) to fetch too.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Publish even when nothing changed.")
    ] = False,
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
        bool,
        typer.Option(
            "--follow-links", help="Follow symbolic links that leave the articles folder."
        ),
    ] = False,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune", help="Remove published articles whose input is gone (kept by default)."
        ),
    ] = False,
    contributor: Annotated[
        list[str] | None,
        typer.Option(help="Author of the data set, for its citation (repeat for several)."),
    ] = None,
    homepage: Annotated[
        str | None, typer.Option(help="Where the data set is published (URL), for citations.")
    ] = None,
) -> None:
    """Extract the seven tables from ARTICLES and publish a release under OUT."""
    from diplodata.ingest.articles import InputError, find_inputs
    from diplodata.publish.licenses import LicenseError, check_license

    try:
        license = check_license(license)
    except LicenseError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    started = time.perf_counter()
    try:
        found = find_inputs(articles, follow_links)  # fail fast, before Prefect starts
    except InputError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if not found.files and feeds is None:
        err.print(
            f"[red]error:[/red] {articles}: no articles (.txt, .md, .html) in this folder; "
            "pass --articles DIR with your articles, or --feeds FILE"
        )
        raise typer.Exit(2)
    check_out(out)
    from diplodata.publish.release import OutputBusyError
    from diplodata.run.noop import nothing_new

    config = RunConfig(
        articles=articles,
        out=out,
        batch_size=batch_size,
        license=license,
        include_text=include_text,
        feeds=feeds,
        force=force,
        gold=gold,
        dask=dask,
        max_chars=max_chars,
        time_budget=time_budget,
        follow_links=follow_links,
        prune=prune,
        homepage=homepage,
        **({"contributors": tuple(contributor)} if contributor else {}),
    )
    walked = time.perf_counter() - started
    summary = nothing_new(config, found)  # stat says nothing changed: no flow run needed
    if summary is not None:
        summary.timings = {"walk": walked, **summary.timings}
        print_summary(summary)
        return
    from diplodata.ingest.walked import keep

    keep(articles, follow_links, found)  # the flow's ingest walks no more
    del found  # the ingest lets it go once it has compared it with the index
    prefect_environment()
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
    from diplodata.publish.release import OutputBusyError, output_lock

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
    """Run the flow here, on the configured Prefect server, else on the one diplodata keeps
    running (``diplodata server start`` or ``serve``), else on a temporary one. Its own log
    lines go to the Prefect UI, not the terminal (the summary says what happened); a
    terminal shows a progress bar instead."""
    import flows.pipeline
    from diplodata.publish.release import output_lock

    global _flow_ran
    _flow_ran = True
    flows.pipeline.EXIT_ON_SIGTERM = True
    _console_without_tracebacks()
    _quiet_console_logs()
    with output_lock(config.out):  # held before Prefect starts: a busy folder is refused now
        from prefect.logging.handlers import APILogWorker
        from prefect.settings import (
            PREFECT_API_URL,
            PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
            temporary_settings,
        )

        # no heartbeat thread: joining it at the end of the run costs up to 1 s, and this
        # process reports the run's end (or its crash, on the next run) itself
        quick = {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
        url = _prefect_api()
        if url is not None:
            with temporary_settings(updates={**quick, PREFECT_API_URL: url}):
                return _with_progress(config)
        from flows.server import temporary_server

        with temporary_server() as url, temporary_settings(updates={**quick, PREFECT_API_URL: url}):
            try:
                return _with_progress(config)
            finally:  # the run's last logs reach the server before it stops
                APILogWorker.drain_all(timeout=10)


SLOW_RUNS = (
    "this run starts a temporary Prefect server (10 to 20 s more); "
    "`diplodata server start` makes every run faster"
)


def _prefect_api() -> str | None:
    """The Prefect API for a run: the configured one (``PREFECT_API_URL``, in the
    environment or a Prefect profile), else the server recorded in the server folder if it
    answers, else None (with a note on stderr)."""
    from prefect.settings import get_current_settings

    from diplodata.run.prefect_server import discover, server_home

    configured = get_current_settings().api.url
    if configured:
        return str(configured)
    url, problem = discover(server_home())
    if url is None:
        err.print(f"note: {problem or 'no Prefect server is running'}; {SLOW_RUNS}", markup=False)
    return url


def _with_progress(config: RunConfig) -> RunSummary:
    """The flow, with a progress bar on a terminal (stage, articles per second)."""
    from diplodata.run import progress
    from flows.pipeline import run as run_flow

    if not err.is_terminal:
        return run_flow(config)
    from diplodata.cli_progress import progress_bar

    with progress_bar(err) as listener:
        progress.listen(listener)
        try:
            return run_flow(config)
        finally:
            progress.listen(None)


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


def _quiet_console_logs() -> None:
    """Keep the flow's log lines (and Prefect's hints) off the terminal: the CLI prints the
    run's summary, and the logs stay in the Prefect UI. Prefect's own warnings still show."""
    import logging

    from prefect.logging.handlers import PrefectConsoleHandler

    def keep(record: logging.LogRecord) -> bool:
        if record.name.startswith(("prefect.flow_runs", "prefect.task_runs")):
            return False
        return record.levelno >= logging.WARNING

    for handler in logging.getLogger().handlers:
        if isinstance(handler, PrefectConsoleHandler):
            handler.addFilter(keep)


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
    for warning in summary.warnings:
        console.print(f"  [yellow]warning[/yellow] {warning}")
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
    sealed: Annotated[
        bool,
        typer.Option(
            "--sealed",
            help="Also score sealed test sets (batch folders with SEALED.md): do this once.",
        ),
    ] = False,
) -> None:
    """Precision, recall and F1 per table, and attribute accuracies, against gold annotations.

    A gold folder of batch folders is scored one line per batch."""
    import json

    from diplodata.access.query import QueryError, resolve_release
    from diplodata.evaluate import curve
    from diplodata.evaluate.score import evaluate

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
    batches = curve.batch_folders(gold, sealed=sealed) if not any(gold.glob("*.json")) else []
    for folder in [] if sealed or batches == [] else curve.sealed_folders(gold):
        err.print(f"note: {folder.name} is a sealed test set, not scored (--sealed scores it)")
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
            console.print(curve.batch_line(name, result.articles, result), markup=False)
        else:
            for line in result.lines():
                console.print(line, markup=False)
    if record:
        _record_blind(results, batches)
    if show_curve:
        _print_curve()


def _print_curve() -> None:
    from diplodata.evaluate.curve import CURVE_FILE, curve_lines, read_curve

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


def _record_blind(results: dict[str, EvalResult], batches: list[Path]) -> None:
    import datetime as dt

    from diplodata.evaluate import curve
    from diplodata.extract import EXTRACTOR_VERSION

    if not batches:
        err.print("[red]error:[/red] --record needs a gold folder of batch folders")
        raise typer.Exit(2)
    new = []
    for name, result in results.items():
        new += curve.points(name, result.articles, result, EXTRACTOR_VERSION, dt.date.today())
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
    from diplodata.ingest.articles import InputError, list_files

    problem = _cron_problem(cron)
    if problem:
        err.print(
            f"[red]error:[/red] --cron {cron!r}: {problem}; give five fields, minute hour "
            'day-of-month month day-of-week, e.g. --cron "0 * * * *" (every hour, UTC)'
        )
        raise typer.Exit(2)
    try:
        list_files(articles)
    except InputError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    check_out(out)
    prefect_environment()
    from flows.pipeline import serve as serve_flow

    console.print(f"Serving deployment diplodata-run/{name} on schedule {cron!r}; Ctrl-C stops it.")
    config = RunConfig(articles=articles, out=out, feeds=feeds, gold=gold)
    _stop_on_signals()
    from prefect.settings import get_current_settings

    from diplodata.run.prefect_server import discover, server_home

    configured = get_current_settings().api.url
    if configured:
        _print_api(str(configured), name)
        serve_flow(config, cron=cron, name=name)
        return
    home = server_home()
    running, problem = discover(home)
    if problem:
        err.print(f"[red]error:[/red] {problem}; `diplodata server stop` stops it")
        raise typer.Exit(1)
    if running:
        console.print(f"Using the running Prefect server recorded in {home}")
        _print_api(running, name)
        serve_flow(config, cron=cron, name=name, api_url=running)
        return
    # Prefect's temporary server cannot schedule: start a dedicated one on loopback.
    from flows.server import local_server

    console.print(f"Starting a Prefect server (PREFECT_HOME={home}) ...")
    with local_server(home) as api:
        _print_api(api, name)
        serve_flow(config, cron=cron, name=name, api_url=api)


server_app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    help="A Prefect server in the background: runs use it instead of starting a temporary "
    "one (10 to 20 s each).",
)
app.add_typer(server_app, name="server")


@server_app.command("start")
def server_start(
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port on 127.0.0.1 (0: a free one).")
    ] = 4200,
) -> None:
    """Start a Prefect server in the background; `run` and `serve` then use it."""
    from diplodata.run import prefect_server as ps

    home = ps.server_home()
    try:
        port, stale = ps.check_start(home, port)
        if stale is not None:
            err.print(f"note: removed a stale {home / ps.RECORD} (pid {stale.pid} is not running)")
        console.print(f"Starting a Prefect server (its database, log and record in {home}) ...")
        record = ps.start(home, port)
    except ps.ServerError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
    console.print(
        f"Prefect server running (pid {record.pid}): UI {record.ui}, API {record.url}\n"
        "`diplodata run` and `serve` use it; `diplodata server stop` stops it.",
        markup=False,
    )
    if os.environ.get("PREFECT_API_URL", record.url) != record.url:
        err.print(
            f"note: PREFECT_API_URL is set ({os.environ['PREFECT_API_URL']}): runs use that "
            "server until you unset it",
            markup=False,
        )


@server_app.command("stop")
def server_stop() -> None:
    """Stop the Prefect server that `diplodata server start` started."""
    from diplodata.run import prefect_server as ps

    home = ps.server_home()
    try:
        found = ps.shutdown(home)
    except ps.ServerError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
    if found.running is not None:
        console.print(f"Stopped the Prefect server at {found.running.ui} (pid {found.running.pid})")
    elif found.stale is not None:
        console.print(
            f"No Prefect server running; removed a stale {home / ps.RECORD} "
            f"(pid {found.stale.pid} is not running)"
        )
    else:
        console.print(f"No Prefect server running (nothing recorded in {home})")


@server_app.command("status")
def server_status() -> None:
    """Print the server's API URL and whether it answers; exit 1 when none is running."""
    from diplodata.run import prefect_server as ps

    home = ps.server_home()
    found = ps.find(home, clean=False)
    record = found.running
    if record is None:
        stale = f" (stale record: pid {found.stale.pid} is not running)" if found.stale else ""
        console.print(f"No Prefect server running{stale}; `diplodata server start` starts one")
        raise typer.Exit(1)
    answering = ps.answers(record.url)
    console.print(
        f"Prefect server {'answering' if answering else 'NOT answering'} at {record.url} "
        f"(UI {record.ui}; pid {record.pid}, started {record.started} by diplodata "
        f"{record.owner}; log {home / ps.LOG})",
        markup=False,
    )
    if not answering:
        raise typer.Exit(1)


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
    from diplodata.access.query import QueryError, resolve_release
    from diplodata.publish.release import RELEASES, published_versions
    from diplodata.publish.verify import verify_release

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


def _cron_problem(cron: str) -> str | None:
    """Why Prefect would refuse ``cron``, checked before any server starts."""
    from prefect._internal.schemas.validators import validate_cron_string

    if not cron.startswith("@") and len(cron.split()) != 5:
        return f"{len(cron.split())} fields, not 5"
    try:
        validate_cron_string(cron)
    except ValueError as exc:
        return str(exc).split(":")[0].lower()
    return None


def _print_api(api: str, name: str) -> None:
    console.print(f"Prefect UI: {api.removesuffix('/api')}")
    console.print(
        f"A run now, from another terminal: export PREFECT_API_URL={api}; "
        f"uv run prefect deployment run diplodata-run/{name}",
        markup=False,
    )


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
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=0, help="Print at most N rows.")
    ] = None,
) -> None:
    """Run SQL against the latest release (or --release) and print the result."""
    from diplodata.access.query import QueryError, run_query

    if not sql.strip():
        err.print(
            '[red]error:[/red] empty SQL; give a query, e.g. diplodata query "SELECT * FROM '
            'meetings" (tables: ' + ", ".join(_table_names()) + ")"
        )
        raise typer.Exit(2)
    try:
        result = run_query(sql, release or out, limit=limit)
    except QueryError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if format is Format.csv:
        sys.stdout.write(result.to_csv())
    elif format is Format.json:
        sys.stdout.write(result.to_json() + "\n")
    else:
        print_rows(result.columns, result.rows)
    if result.more:
        err.print(f"(only the first {len(result.rows)} rows; raise --limit to see more)")


def _table_names() -> list[str]:
    from diplodata.schemas import TABLES

    return list(TABLES)


def print_rows(columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Rows as a table when it fits the terminal, else one block per row (like psql's
    expanded display): ids are never cut, they are for copying into the next query."""
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max([len(c), *(min(len(r[i]), 30) for r in cells)]) for i, c in enumerate(columns)]
    if sum(widths) + 3 * len(columns) + 1 <= console.width:
        table = Table(*columns)
        for row in cells:
            table.add_row(*row)
        console.print(table)
    else:
        pad = max((len(c) for c in columns), default=0)
        for n, row in enumerate(cells, 1):
            console.print(f"[bold]-[ row {n} ]-[/bold]")
            for column, value in zip(columns, row, strict=True):
                console.print(f"{column:<{pad}} | {value}", markup=False, highlight=False)
    console.print(f"{len(rows)} row" + ("" if len(rows) == 1 else "s"))


@app.command()
def browse(
    out: OutOpt = DEFAULT_OUT,
    release: Annotated[
        Path | None,
        typer.Option(help="A release folder or datapackage.json instead of OUT/latest."),
    ] = None,
    port: Annotated[int, typer.Option(min=0, help="Port on 127.0.0.1 (0: a free one).")] = 0,
    no_open: Annotated[
        bool, typer.Option("--no-open", help="Do not open a web browser; print the addresses.")
    ] = False,
) -> None:
    """Explore the latest release: its page and its tables (Datasette) on 127.0.0.1."""
    import tempfile
    import webbrowser

    import httpx

    from diplodata.access.browse import start
    from diplodata.access.query import QueryError, resolve_release
    from flows.server import free_port, stop, wait_until

    try:
        folder = resolve_release(release or out)
    except QueryError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    _stop_on_signals()
    with tempfile.TemporaryDirectory(prefix="diplodata-browse-") as work:
        log = Path(work) / "datasette.log"
        session = start(folder, Path(work), port or free_port(), log)

        def up() -> bool:
            if session.process.poll() is not None:
                lines = log.read_text(errors="replace").strip().splitlines() or ["no output"]
                raise RuntimeError(f"Datasette stopped: {lines[-1]}")
            try:
                return httpx.get(session.tables + ".json", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        try:
            wait_until(up, 60, "Datasette to start", interval=0.2)
            console.print(
                f"Release {folder.name}\n  page:   {session.page}\n"
                f"  tables: {session.tables} (Datasette)\nCtrl-C stops."
            )
            if not no_open:
                webbrowser.open(session.page)
            session.process.wait()
        except (RuntimeError, TimeoutError) as exc:
            err.print(f"[red]error:[/red] {exc}; try another --port")
            raise typer.Exit(1) from exc
        except KeyboardInterrupt:
            console.print("stopped")
        finally:
            stop(session.process, signal.SIGTERM)


@app.command()
def download(
    source: Annotated[
        str, typer.Argument(help="URL or path of an output folder (the one with catalog.json).")
    ],
    to: Annotated[Path, typer.Option("--to", help="Folder to download into.")] = Path("downloads"),
    version: Annotated[
        str | None, typer.Option("--version", "-v", help="Release version (default: latest).")
    ] = None,
    set_latest: Annotated[
        bool,
        typer.Option("--set-latest", help="Point TO/latest at --version (an older release)."),
    ] = False,
) -> None:
    """Download a release from SOURCE into TO/<version>, verifying every file's checksum."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    from diplodata.access.download import DownloadError, FileSpec, UnknownVersionError
    from diplodata.access.download import Progress as Callbacks
    from diplodata.access.download import download as fetch_release

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
            result = fetch_release(source, to, version, progress=Report(), set_latest=set_latest)
    except UnknownVersionError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    except DownloadError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
    console.print(
        f"release {result.version}: {len(result.files)} files verified "
        f"({result.total_bytes:,} bytes; {len(result.fetched)} fetched, "
        f"{len(result.reused)} already here, {len(result.linked)} shared with a release "
        f"beside it, {len(result.resumed)} resumed, "
        f"{result.retries} retries) in {result.path}"
    )
    if result.latest:
        console.print(f'query it: diplodata query "SELECT * FROM meetings" --out {to}')
    else:
        console.print(
            f"{to / 'latest'} still points at {(to / 'latest').resolve().name} (--set-latest "
            f'moves it); query this release: diplodata query "SELECT * FROM meetings" '
            f"--release {result.path}"
        )


for _info in app.registered_commands:
    if _info.cls in (None, TyperCommand):
        _info.cls = _Command


def main() -> None:
    """The entry point: any error is one line on stderr and exit 1 (--debug: the traceback)."""
    global _flow_ran
    _flow_ran = False
    try:
        app()
    except SystemExit as exc:
        if _flow_ran and (exc.code is None or isinstance(exc.code, int)):
            _exit_now(exc.code or 0)
        raise
    except Exception as exc:
        if os.environ.get(DEBUG):
            raise
        err.print(f"[red]error:[/red] {one_line(exc)} (--debug shows the traceback)", markup=True)
        _release(exc)
        sys.exit(1)


_flow_ran = False  # set by a command that ran the flow in this process


def _exit_now(code: int) -> NoReturn:
    """End the process as the interpreter would, without tearing its thousands of modules
    down one by one (0.4 s after a flow run, over 1 s on a loaded machine): threads are
    waited for and the exit handlers run (Prefect sends its last logs and events), the
    output is flushed, then the process ends."""
    import atexit
    import contextlib
    import threading

    threading._shutdown()  # type: ignore[attr-defined]  # what the exit does first
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a closed pipe (`diplodata run | head`)
            stream.flush()
    os._exit(code)


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
