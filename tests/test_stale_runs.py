"""The start times a cron gives, by which `serve` tells runs of an old schedule apart."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time

from prefect.settings import PREFECT_API_URL, temporary_settings

from flows.stale_runs import _cron_times, dropping_stale_runs


def test_cron_times_are_the_schedule_s_in_utc() -> None:
    until = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
    times = [
        dt.datetime.fromtimestamp(t, dt.UTC) for t in asyncio.run(_cron_times("30 4 * * *", until))
    ]
    assert len(times) == 3 and {(t.hour, t.minute) for t in times} == {(4, 30)}
    old = asyncio.run(_cron_times("0 3 * * *", until))
    assert not old & asyncio.run(_cron_times("30 4 * * *", until))


def test_the_background_deletion_stops_when_serve_stops() -> None:
    """A thread left talking to the API while the interpreter shuts down can abort it."""
    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:9/api"}):  # refused
        started = time.monotonic()
        with dropping_stale_runs("diplodata-run/test", "0 3 * * *", window=600):
            assert any(t.name == "stale-runs" for t in threading.enumerate())
            time.sleep(0.5)
        assert not any(t.name == "stale-runs" for t in threading.enumerate())
        assert time.monotonic() - started < 60
