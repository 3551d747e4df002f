"""Extraction with a per-article time budget: articles go one at a time to a worker
process; one that is not done in time (or that crashes the worker) is set aside with the
reason, the worker is replaced, and the rest of the batch goes on.

A worker costs about a second before it extracts at full speed (the interpreter's start,
the imports, the lexicons loaded and the patterns compiled on its first articles). Within
:func:`kept_workers` (a run's extraction stage), a batch's worker waits for the next batch
when it is done, so a run pays that once per core, not once per batch."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from diplodata.extract import extract_article
from diplodata.models import Article, ArticleFacts
from diplodata.run.lifeline import die_with_parent

STARTUP = 10.0  # seconds a new worker process may take to start

Extractor = Callable[[Article], ArticleFacts]


@dataclass(frozen=True, slots=True)
class Outcome:
    article: Article
    facts: ArticleFacts | None
    reason: str | None = None  # why there are no facts


def _serve(conn: Connection, extractor: Extractor) -> None:  # pragma: no cover - in the worker
    die_with_parent()
    signal.signal(signal.SIGINT, _quiet_exit)  # Ctrl-C: stop, the run reports it
    while True:
        try:
            article = conn.recv()
        except EOFError:  # the run ended
            return
        if article is None:
            return
        try:
            conn.send(("ok", extractor(article)))
        except Exception as exc:
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


def _quiet_exit(signum: int, frame: object) -> None:  # pragma: no cover - in the worker
    os._exit(128 + signum)


class _Worker:
    def __init__(self, extractor: Extractor) -> None:
        context = multiprocessing.get_context("spawn")  # no fork of a threaded process
        context.set_executable(_python_without_ctrl_c())
        self.conn, child = context.Pipe()
        self.process: Any = context.Process(target=_serve, args=(child, extractor), daemon=True)
        self.process.start()
        child.close()

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(10)
        self.conn.close()


_WRAPPER = """#!/bin/sh
# diplodata's extraction worker starts with Ctrl-C ignored (an ignored signal stays ignored
# across exec, and Python then installs no KeyboardInterrupt handler), so a Ctrl-C sent to
# the terminal's whole process group while it starts prints no traceback; once started, it
# stops quietly on Ctrl-C and the run reports the interruption.
trap '' INT
exec "{python}" "$@"
"""


def _python_without_ctrl_c() -> str:
    """A small launcher of this Python that ignores SIGINT (one per interpreter, reused)."""
    tag = hashlib.sha256(sys.executable.encode()).hexdigest()[:12]
    path = os.path.join(tempfile.gettempdir(), f"diplodata-worker-{os.getuid()}-{tag}.sh")
    if not os.path.exists(path):
        # one temporary name per thread: the extract tasks of a run start workers at once
        tmp = f"{path}.{os.getpid()}.{threading.get_ident()}.tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(_WRAPPER.format(python=sys.executable))
        os.chmod(tmp, 0o700)
        os.replace(tmp, path)
    return path


def _can_start_processes() -> bool:
    # a daemonic process (a Dask worker) may not start children
    return not multiprocessing.current_process().daemon


def extract_within(
    articles: Sequence[Article], seconds: float, extractor: Extractor = extract_article
) -> Iterator[Outcome]:
    """Extract ``articles`` in order, each within ``seconds`` (in a worker process)."""
    if not articles:
        return
    if not _can_start_processes():
        for article in articles:  # no budget here: the size limit still bounds the time
            yield _inline(article, extractor)
        return
    worker = _take(extractor)
    try:
        for article in articles:
            fresh = worker is None
            worker = worker or _Worker(extractor)
            started = time.monotonic()
            worker.conn.send(article)
            # a new worker's start-up is not charged to its first article
            if worker.conn.poll(seconds + (STARTUP if fresh else 0.0)):
                try:
                    status, value = worker.conn.recv()
                except EOFError:
                    status, value = "error", "the extraction process died"
            else:
                status, value = "timeout", None
            if status == "ok":
                yield Outcome(article, value)
                continue
            if status == "timeout" or value == "the extraction process died":
                worker.stop(kill=True)
                worker = None
            reason = (
                f"extraction took longer than the time budget of {seconds:g} s "
                f"(stopped after {time.monotonic() - started:.0f} s; --time-budget changes it)"
                if status == "timeout"
                else f"extraction failed ({value})"
            )
            yield Outcome(article, None, f"{article.source}: {reason}")
    finally:
        if worker is not None:
            _hand_back(worker, extractor)


_idle: dict[Extractor, list[_Worker]] = {}  # workers waiting for a batch, by extractor
_keeping = 0  # how many kept_workers blocks are open
_lock = threading.Lock()  # the extract tasks of a run are threads of one process


@contextmanager
def kept_workers() -> Iterator[None]:
    """Within this block, a worker that is done with its batch waits for the next batch
    (of any thread) instead of stopping; at its end, the waiting workers stop."""
    global _keeping
    with _lock:
        _keeping += 1
    try:
        yield
    finally:
        stopping: list[_Worker] = []
        with _lock:
            _keeping -= 1
            if not _keeping:
                stopping = [w for idle in _idle.values() for w in idle]
                _idle.clear()
        for worker in stopping:
            worker.stop()


def _take(extractor: Extractor) -> _Worker | None:
    """A waiting worker of this extractor that is still alive, if any."""
    with _lock:
        idle = _idle.get(extractor, [])
        while idle:
            worker = idle.pop()
            if worker.process.is_alive():
                return worker
            worker.stop(kill=True)
    return None


def _hand_back(worker: _Worker, extractor: Extractor) -> None:
    with _lock:
        if _keeping:
            _idle.setdefault(extractor, []).append(worker)
            return
    worker.stop()


def _inline(article: Article, extractor: Extractor) -> Outcome:
    try:
        return Outcome(article, extractor(article))
    except Exception as exc:
        return Outcome(article, None, f"{article.source}: extraction failed ({exc})")
