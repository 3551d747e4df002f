"""Table rows made a batch of articles at a time, wherever the run's work goes: in worker
processes of this machine (``diplodata.run.workers``), or as tasks on a Dask cluster's
workers (``flows.pipeline``).

A batch is made where it runs: its articles' texts and facts are read from the state store
there (``OUT/.state``, so the maker must be able to open it: same host, see
``diplodata.run.state_db``), its rows made and turned into Arrow tables. The rows are
spooled (``diplodata.tables.spool``) either by the worker process itself (this machine's
workers share the run's output folder), or, for a Dask task, by the flow's process once
the rows come back: a Dask worker never writes into the run's spool or release.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from diplodata.config import ROWS_BATCH
from diplodata.extract import EXTRACTOR_VERSION
from diplodata.ingest.articles import Skipped
from diplodata.ingest.records import ArticleInfo
from diplodata.run.pipeline import facts_of, per_task
from diplodata.run.workers import in_processes
from diplodata.tables.build import ActorNotes, Resolution, article_rows, resolution_by_name
from diplodata.tables.namesake_groups import Moved, moved_of
from diplodata.tables.spool import Spool, arrow_tables


@dataclass(frozen=True, slots=True)
class RowsSource:
    """Where a batch's texts and facts are read (the output folder's state store, the input
    folder for a text the store lost) and whether its rows carry the texts."""

    out: Path
    folder: Path | None
    include_text: bool


@dataclass(frozen=True, slots=True)
class RowsJob:
    """Batch ``index`` of the articles to make into rows, the spool their rows go to, and
    who their persons are: ``persons`` (by article id), or when None, who their names say
    but for the mentions ``moved`` (by article id and name) that namesakes move."""

    index: int
    articles: list[ArticleInfo]
    persons: Resolution | None
    spool: Path
    source: RowsSource
    moved: Moved = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        index: int,
        chunk: list[ArticleInfo],
        spool: Path,
        source: RowsSource,
        persons: Resolution | None,
        moved: Moved,
    ) -> RowsJob:
        """The job of ``chunk``, with what ``persons`` and ``moved`` say of its articles."""
        ids = [a.article_id for a in chunk]
        if persons is not None:
            return cls(index, chunk, {aid: persons[aid] for aid in ids}, spool, source)
        return cls(index, chunk, None, spool, source, moved_of(moved, ids))


@dataclass(frozen=True, slots=True)
class RowsDone:
    """What the run keeps of a spooled batch: its articles' notes for the actors table, and
    the articles that could not be made into rows."""

    notes: list[ActorNotes]
    lost: list[Skipped]


@dataclass(frozen=True, slots=True)
class BatchRows:
    """A batch's rows as Arrow tables (every table but ``actors``), not spooled yet."""

    index: int
    spool: Path
    tables: dict[str, pa.Table]
    done: RowsDone

    def spooled(self) -> RowsDone:
        """Write the rows into the run's spool (by the process that owns the spool)."""
        Spool(self.spool).write(self.tables, self.index)
        return self.done


def batch_rows(job: RowsJob) -> BatchRows:
    """Make the rows of a batch of articles from their stored texts and facts."""
    where = job.source
    facts, lost = facts_of(job.articles, where.out, where.folder)
    persons = job.persons if job.persons is not None else resolution_by_name(facts, job.moved)
    rows, notes = article_rows(facts, EXTRACTOR_VERSION, where.include_text, persons)
    return BatchRows(job.index, job.spool, arrow_tables(rows), RowsDone(notes, lost))


def spooled_rows(job: RowsJob) -> RowsDone:
    """Make a batch's rows and spool them (a job of this machine's worker processes)."""
    return batch_rows(job).spooled()


RowsMaker = Callable[[Iterable[RowsJob]], Iterator[RowsDone]]


@dataclass(frozen=True, slots=True)
class RowMaking:
    """How a run makes its rows: ``make`` makes and spools every job's batch and gives what
    is kept of each, in the jobs' order; batches hold at most ``most`` articles, fewer when
    there are too few to give each of ``workers`` a batch."""

    make: RowsMaker
    workers: int = 1
    most: int | None = None  # articles a batch at most: ROWS_BATCH unless given

    def batch(self, n: int) -> int:
        """Articles per batch when ``n`` articles are made into rows."""
        return per_task(n, self.most or ROWS_BATCH, self.workers)


def in_worker_processes(jobs: Iterable[RowsJob]) -> Iterator[RowsDone]:
    """The batches made and spooled in worker processes of this machine, one per core
    (here, when there is one batch: ``diplodata.run.workers.in_processes``)."""
    return in_processes(spooled_rows, jobs)


# this machine's worker processes, batches of ROWS_BATCH articles
LOCAL = RowMaking(in_worker_processes)
