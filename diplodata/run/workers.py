"""Work on every core: the per-article work of a large run (reading and screening input
files, making table rows) in worker processes, one per core.

The workers are spawned (no fork of a threaded process), ignore Ctrl-C while they start and
die with the run whatever kills it (as the extraction workers do, ``diplodata.extract.budget``).
Small work (a single job) is done in this process: starting workers costs a second or two.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Protocol, TypeVar

from diplodata.run.lifeline import die_with_parent

J = TypeVar("J")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class Pending(Protocol[R_co]):
    """Work submitted somewhere (a process pool, a Dask cluster), its result to come."""

    def result(self) -> R_co: ...


def cores() -> int:
    return os.cpu_count() or 1


def in_processes(
    work: Callable[[J], R], jobs: Iterable[J], workers: int | None = None
) -> Iterator[R]:
    """``work(job)`` for every job, results in the jobs' order, in ``workers`` processes
    (one per core) with at most two jobs each waiting or running: results are let go as they
    are used. ``work`` is a module-level function; jobs and results are pickled. In this
    process when there is one worker or one job, or when this process may not start any (a
    Dask worker)."""
    from diplodata.extract.budget import _can_start_processes, _python_without_ctrl_c

    workers = workers or cores()
    jobs = iter(jobs)
    first = next(jobs, None)
    if first is None:
        return
    second = next(jobs, None)
    if second is None or workers < 2 or not _can_start_processes():
        yield work(first)
        if second is not None:
            yield work(second)
        yield from map(work, jobs)
        return
    context = multiprocessing.get_context("spawn")
    context.set_executable(_python_without_ctrl_c())
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=die_with_parent)
    try:
        everything = itertools.chain((first, second), jobs)
        yield from in_order(lambda job: pool.submit(work, job), everything, 2 * workers)
    finally:  # done, failed or let go early: nothing more is started
        pool.shutdown(wait=True, cancel_futures=True)


def in_order(submit: Callable[[J], Pending[R]], jobs: Iterable[J], ahead: int) -> Iterator[R]:
    """``submit(job)`` for every job, with at most ``ahead`` jobs submitted whose results
    are not used yet; the results in the jobs' order, each let go once used."""
    pending: deque[Pending[R]] = deque()
    for job in jobs:
        if len(pending) >= max(1, ahead):
            yield pending.popleft().result()
        pending.append(submit(job))
    while pending:
        yield pending.popleft().result()
