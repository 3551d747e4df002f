"""The diplodata Prefect flow: thin wiring of ``diplodata.run.pipeline`` functions into tasks.

No ``from __future__ import annotations`` here: Prefect builds a pydantic model of the
flow's parameters from its annotations, which must be real types, not strings.
"""

import os
import signal
import sys
import uuid
from collections.abc import Iterable, Iterator
from typing import Any, Generic, TypeVar

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.exceptions import TerminationSignal
from prefect.runtime import deployment
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.states import Cancelled, State
from prefect.task_runners import ThreadPoolTaskRunner

from diplodata.config import RunConfig
from diplodata.evaluate.score import evaluate
from diplodata.extract.budget import kept_workers
from diplodata.ingest.articles import Inputs
from diplodata.ingest.records import ArticleInfo
from diplodata.publish.release import (
    PublishError,
    Release,
    StagedRelease,
    add_quality,
    output_lock,
    promote,
)
from diplodata.run import noop, progress
from diplodata.run import pipeline as p
from diplodata.run.row_batches import LOCAL, BatchRows, RowMaking, RowsDone, RowsJob, batch_rows
from diplodata.run.run_articles import ARTICLES, ASIDE, CACHED, KEPT, PUBLISHED, TODO
from diplodata.run.state_check import check_state
from diplodata.run.state_db import record_closed
from diplodata.run.summary import RunSummary
from diplodata.run.workers import in_order
from flows.stale_runs import dropping_stale_runs


@task(name="ingest")
def ingest_task(config: RunConfig) -> Inputs:
    return p.ingest(config)


T = TypeVar("T")


class Whole(Generic[T]):
    """A task's large input (articles, facts, rows) as one object that Prefect and Dask
    pass on as it is: both would otherwise walk every object inside looking for futures
    (Prefect twice per task, about 0.6 ms an article: a minute for 100,000). Dask names a
    task by a hash of its inputs, which it makes by pickling them twice over; a Whole
    gives its own name instead (a task run's inputs are its own: Prefect names it anew
    anyway): 0.15 s less per batch of 500 articles' rows."""

    __slots__ = ("_token", "value")

    def __init__(self, value: T) -> None:
        self.value = value
        self._token = uuid.uuid4().hex

    def __dask_tokenize__(self) -> str:
        return self._token


class InFlow(Generic[T]):
    """The input of a task that is called, not submitted (it runs in the flow's process),
    when that task submits tasks itself: Prefect puts the calling task's inputs into the
    context of every task it submits, which Dask then hashes and sends to a worker (the
    whole plan, once per batch of rows: 0.3 s a task at 3,000 articles, growing with the
    corpus). Pickled, it is left behind; reading it in another process is an error."""

    __slots__ = ("_value",)

    def __init__(self, value: T | None) -> None:
        self._value = value

    @property
    def value(self) -> T:
        if self._value is None:
            raise RuntimeError("an input of the flow's process read in another process")
        return self._value

    def __reduce__(self) -> tuple[type["InFlow[Any]"], tuple[None]]:
        return (InFlow, (None,))


# The extract task reads its articles' texts from the state store and leaves their facts
# there: what goes in and out of it is records and rejects, not texts or facts.
@task(name="extract", cache_policy=NO_CACHE)
def extract_task(articles: Whole[list[ArticleInfo]], config: RunConfig) -> p.Extracted:
    return p.extract_infos(articles.value, config.out, config.articles, config.time_budget)


# Tasks whose inputs hold the whole corpus (the plan: every article) are not cached: a cache
# key would hash those inputs on every run, which costs time in proportion to the corpus.
# Called, not submitted: it runs in the flow's process, and on Dask submits its batches of
# rows to the workers (``table-rows``); on the thread pool it makes them in this machine's
# worker processes.
@task(name="build-tables", cache_policy=NO_CACHE)
def tables_task(plan: InFlow[p.Plan], config: RunConfig) -> p.NewRows:
    return p.release_tables(
        plan.value, config.out, config.include_text, config.articles, _row_making()
    )


# A batch of articles made into rows on a Dask worker, which reads their texts and facts
# from the state store; the rows come back to the flow's process, which spools them.
# Batches of 1,000 articles, not 500: a task costs about 0.3 s of Prefect on its worker
# (10,000 articles on 2 workers: rows in 4.3 s instead of 5.6 s).
ROWS_PER_TASK = 1000


@task(name="table-rows", cache_policy=NO_CACHE)
def rows_task(job: Whole[RowsJob]) -> BatchRows:
    return batch_rows(job.value)


def _row_making() -> RowMaking:
    """On Dask, a batch of rows per task on the workers, at least one per worker thread;
    else this machine's worker processes."""
    workers, on_dask = _workers()
    if not on_dask:
        return LOCAL

    def on_workers(jobs: Iterable[RowsJob]) -> Iterator[RowsDone]:
        made = in_order(lambda job: rows_task.submit(Whole(job)), jobs, 2 * workers)
        return (rows.spooled() for rows in made)

    return RowMaking(on_workers, workers, ROWS_PER_TASK)


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(rows: Whole[p.NewRows], config: RunConfig, plan: Whole[p.Plan]) -> StagedRelease:
    return p.stage_release(plan.value, rows.value, config)


@task(name="evaluate")
def evaluate_task(staged: StagedRelease, config: RunConfig) -> dict[str, object]:
    assert config.gold is not None
    scores = evaluate(staged.path / "datapackage.json", config.gold).to_dict()
    add_quality(staged, "eval", scores)
    return scores


@task(name="publish")
def publish_task(staged: StagedRelease) -> Release:
    return promote(staged)


INTERRUPTED = "Interrupted (Ctrl-C or a stop signal): nothing was published."


# An extract task extracts in a process of its own (diplodata.extract.budget): one task per core.
THREADS: ThreadPoolTaskRunner[Any] = ThreadPoolTaskRunner(max_workers=os.cpu_count() or 1)


# (the decorator's bound on task runners rejects ThreadPoolTaskRunner's own future type)
@flow(name="diplodata-run", log_prints=True, task_runner=THREADS)  # type: ignore[arg-type]
def diplodata_run(config: RunConfig) -> RunSummary | State:
    """Ingest new articles, extract facts in batches, validate and publish a release.

    A scheduled or API run that `serve` is stopped during (Ctrl-C) ends as Cancelled, not
    Crashed: a release is published whole or not at all, and the next run starts cleanly."""
    with output_lock(config.out):
        try:
            summary = _run(config)
            record_closed(config.out)  # ended cleanly: the next run's check is a stat
            return summary
        except TerminationSignal as exc:
            if EXIT_ON_SIGTERM:
                _end_now(exc.signal)
            raise
        except KeyboardInterrupt:
            if deployment.id is None:  # `diplodata run`: the command line reports it
                raise
            return Cancelled(message=INTERRUPTED)


# Set by the CLI, whose process runs one flow: a SIGTERM ends it at once. A flow run that
# Prefect's runner started (serve) leaves SIGTERM to Prefect, which reports cancellations.
EXIT_ON_SIGTERM = False


def _workers() -> tuple[int, bool]:
    """How many tasks run at once, and whether on Dask: Dask's worker threads, else one
    per core (an extract task extracts in a process of its own)."""
    context = FlowRunContext.get()
    client = getattr(context.task_runner, "client", None) if context else None  # Dask's
    if client is not None:
        return max(1, sum(client.nthreads().values())), True
    return os.cpu_count() or 1, False


def _end_now(sig: int) -> None:
    """SIGTERM ends the run now, as it would any program: Prefect would first wait for the
    running extract tasks. What was published stays; the next run finishes the work."""
    sys.stdout.flush()
    sys.stderr.flush()
    signal.signal(sig, signal.SIG_DFL)
    os.kill(os.getpid(), sig)


def _nothing_new(config: RunConfig, plan: p.Plan, damage: list[str]) -> bool:
    """The latest release is intact and holds exactly these articles: nothing to publish."""
    return not config.force and not damage and p.nothing_new_in(plan, config.include_text)


def _run(config: RunConfig) -> RunSummary:
    log = get_run_logger()
    timer = p.Timer()
    progress.stage("ingest")
    state = check_state(config.out)
    for problem in state.problems:
        log.warning(problem)
    if state.imported:
        log.info(f"imported the per-file state into the state store: {state.imported}")
    inputs = p.carry(ingest_task(config), config.out, config.prune)
    p.checkpoint("ingest")
    damage = p.damaged_latest(config.out)
    for problem in damage:
        log.warning(f"latest release damaged: {problem}; rebuilding it from the cache")
    plan = p.plan(inputs, config.out, base=p.find_base(config.out, config.include_text))
    rejects = [f"input: {s.reason}" for s in plan.skipped]
    for reject in rejects:
        log.warning(reject)
    n_articles, n_todo, n_cached = plan.count(), plan.count(TODO), plan.count(CACHED)
    n_published = plan.count(PUBLISHED)
    log.info(
        f"{n_articles} articles ({inputs.read} input files read): "
        f"{n_todo} to extract, {n_cached} cached"
        + (f", {n_published} unchanged since {plan.base.name}" if plan.base else "")
    )
    n_kept = plan.count(*ARTICLES, ASIDE, origin=KEPT)
    if n_kept:
        log.info(f"{n_kept} published articles no longer in the input are kept")
    for article in plan.pruned:
        log.info(f"removed (--prune): {article.source}")
    timer.lap("ingest")
    summary = RunSummary(
        status="unchanged",
        version=None,
        n_articles=n_articles,
        n_extracted=n_todo,
        n_cached=n_cached + n_published,
        rejects=rejects,
        warnings=state.problems,
    )
    if not n_articles:
        summary.message = f"No articles in {config.articles}: nothing published."
        log.warning(summary.message)
        return summary
    if _nothing_new(config, plan, damage):
        summary.message = noop.MESSAGE
        log.info(summary.message)
        summary.timings = timer.stages
        noop.mark(config, summary, inputs.stamps, inputs.others)
        return summary

    progress.stage("extract", total=n_todo)
    workers, _on_dask = _workers()
    size = p.per_task(n_todo, config.batch_size, workers)
    done = 0
    # in order, a page of the plan at a time, two tasks a worker ahead; a task's result is
    # let go once counted
    submit = lambda chunk: extract_task.submit(Whole(chunk), config)  # noqa: E731
    with kept_workers():  # a worker process per core for the whole stage, not per batch
        for chunk in in_order(submit, plan.pages(TODO, size), 2 * workers):
            done += chunk.extracted + len(chunk.skipped)
            for skipped in chunk.skipped:
                log.warning(f"extract: {skipped.reason}")
            p.set_aside(plan, chunk.skipped)
            summary.rejects += [f"extract: {s.reason}" for s in chunk.skipped]
            progress.advance(chunk.extracted + len(chunk.skipped))
            log.info(f"extracted {done}/{plan.count(TODO)} articles")
    timer.lap("extract")
    summary.n_articles = plan.count()
    if not summary.n_articles or _nothing_new(config, plan, damage):  # extraction set some aside
        summary.message = "No new or changed articles to publish: nothing published."
        log.info(summary.message)
        summary.timings = timer.stages
        noop.mark(config, summary, inputs.stamps, inputs.others)
        return summary
    progress.stage("tables")
    tables = tables_task(InFlow(plan), config)
    if tables.skipped:
        for skipped in tables.skipped:
            log.warning(f"tables: {skipped.reason}")
        p.set_aside(plan, tables.skipped)
        summary.rejects += [f"tables: {s.reason}" for s in tables.skipped]
        summary.n_articles = plan.count()
    timer.lap("tables")
    progress.stage("validate")
    staged = validate_task(Whole(tables), config, Whole(plan))
    timer.lap("validate")
    if config.gold is not None and staged.valid:
        scores = evaluate_task(staged, config)
        log.info(f"eval against {config.gold}: macro-F1 {scores['macro_f1']}")
        timer.lap("evaluate")
    summary.counts = staged.counts
    summary.changes = staged.changes
    summary.version = staged.meta.version
    progress.stage("publish")
    try:
        release = publish_task(staged)
    except PublishError as error:
        summary.status = "failed"
        summary.rejects += [f"validation: {problem}" for problem in error.problems]
        summary.message = str(error)
        log.error(summary.message)
    else:
        p.record_corpus(plan, config.out)
        summary.status = "published"
        summary.release_path = str(release.path)
        summary.message = f"Published release {release.version} to {release.path}"
        log.info(summary.message)
        noop.mark(config, summary, inputs.stamps, inputs.others)
    timer.lap("publish")
    summary.timings = timer.stages
    create_table_artifact(
        key="diplodata-run-summary",
        table=summary.table_rows(),
        description=f"{summary.status}: {summary.message}",
    )
    return summary


def run(config: RunConfig) -> RunSummary:
    """Run the flow once, on Prefect's thread pool or, with ``config.dask``, on Dask
    (a temporary local cluster for "local", else the scheduler at that address)."""
    if config.dask is None:
        return _summary(diplodata_run(config))
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as exc:  # the optional extra is not installed
        raise RuntimeError(
            "--dask needs the dask extra: uv sync --extra dask (or pip install 'diplodata[dask]')"
        ) from exc
    runner = (
        DaskTaskRunner(cluster_kwargs={"n_workers": os.cpu_count() or 1, "threads_per_worker": 1})
        if config.dask == "local"
        else DaskTaskRunner(address=config.dask)
    )
    # DaskTaskRunner's futures are a PrefectFuture subclass that with_options' bound rejects
    return _summary(diplodata_run.with_options(task_runner=runner)(config))  # type: ignore[arg-type]


def _summary(result: RunSummary | State) -> RunSummary:
    """A run started here returns its summary (only deployment runs end as a State)."""
    assert isinstance(result, RunSummary), result
    return result


def serve(
    config: RunConfig, cron: str, name: str = "diplodata-scheduled", api_url: str | None = None
) -> None:
    """Register a deployment of the flow on ``cron`` and run its scheduled runs until stopped.

    Stopping (Ctrl-C) leaves the schedule active, so the next start picks it up again.
    """
    parameters = {
        "config": {
            "articles": str(config.articles.resolve()),
            "out": str(config.out.resolve()),
            "batch_size": config.batch_size,
            "license": config.license,
            "include_text": config.include_text,
            "feeds": str(config.feeds.resolve()) if config.feeds else None,
            "gold": str(config.gold.resolve()) if config.gold else None,
        }
    }
    if api_url is not None:  # a server diplodata started: settings are read at import time
        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            serve(config, cron, name)
        return
    # a scheduler pass racing the schedule's change can leave runs of the old cron
    with dropping_stale_runs(f"{diplodata_run.name}/{name}", cron):
        diplodata_run.serve(
            name=name,
            cron=cron,
            parameters=parameters,
            pause_on_shutdown=False,
            limit=1,  # one run at a time per output folder
            description="Extract new articles and publish a release when anything changed.",
        )
