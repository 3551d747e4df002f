"""Runs of an old schedule left behind when `diplodata serve` starts with another cron.

Prefect deletes a deployment's scheduled runs when its schedule changes, but a scheduler
pass that read the old schedule just before the change can insert runs of it just after.
For a few minutes after `serve` starts (longer than one pass of Prefect's scheduler, 60 s
by default), this deletes the deployment's auto-scheduled runs whose start time its cron
does not give.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import threading
import time
from collections.abc import Iterator

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    DeploymentFilter,
    DeploymentFilterId,
    FlowRunFilter,
    FlowRunFilterState,
    FlowRunFilterStateType,
)
from prefect.client.schemas.objects import StateType
from prefect.server.schemas.schedules import CronSchedule

WINDOW_SECONDS = 180.0
POLL_SECONDS = 2.0
JOIN_SECONDS = 30.0  # one poll's requests, at most (the client's own timeouts)


async def _cron_times(cron: str, until: dt.datetime) -> set[int]:
    """The start times (POSIX seconds) ``cron`` gives from now until ``until``, in UTC as
    `serve` registers it."""
    now = dt.datetime.now(dt.UTC)
    dates = await CronSchedule(cron=cron, timezone="UTC").get_dates(n=10_000, start=now, end=until)
    return {int(d.timestamp()) for d in dates}


async def _drop_once(deployment: str, cron: str) -> int:
    """Delete the deployment's scheduled runs that ``cron`` does not give; how many."""
    async with get_client() as client:
        found = await client.read_deployment_by_name(deployment)
        runs = await client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[found.id])),
            flow_run_filter=FlowRunFilter(
                state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED]))
            ),
        )
        planned = [
            (r, r.expected_start_time)
            for r in runs
            if r.auto_scheduled and r.expected_start_time is not None
        ]
        if not planned:
            return 0
        latest: dt.datetime = max(start for _, start in planned)
        wanted = await _cron_times(cron, latest + dt.timedelta(minutes=1))
        stale = [r for r, start in planned if int(start.timestamp()) not in wanted]
        for run in stale:
            await client.delete_flow_run(run.id)
        return len(stale)


def _drop_for_a_while(deployment: str, cron: str, window: float, done: threading.Event) -> None:
    deadline = time.monotonic() + window
    while time.monotonic() < deadline and not done.is_set():
        # the deployment not registered yet, the server busy: the next poll tries again
        with contextlib.suppress(Exception):
            asyncio.run(_drop_once(deployment, cron))
        done.wait(POLL_SECONDS)


@contextlib.contextmanager
def dropping_stale_runs(
    deployment: str, cron: str, window: float = WINDOW_SECONDS
) -> Iterator[None]:
    """While the block runs, and for at most ``window`` seconds, delete in the background the
    runs of ``deployment`` ("flow/name") that its ``cron`` does not give.

    The block's end stops and joins the thread: a thread still talking to the API while the
    interpreter shuts down can abort it (a daemon thread's write to stderr at finalization)."""
    done = threading.Event()
    thread = threading.Thread(
        target=_drop_for_a_while,
        args=(deployment, cron, window, done),
        daemon=True,
        name="stale-runs",
    )
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join(timeout=JOIN_SECONDS)
