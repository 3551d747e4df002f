"""The start times a cron gives, by which `serve` tells runs of an old schedule apart."""

from __future__ import annotations

import asyncio
import datetime as dt

from flows.stale_runs import _cron_times


def test_cron_times_are_the_schedule_s_in_utc() -> None:
    until = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
    times = [
        dt.datetime.fromtimestamp(t, dt.UTC) for t in asyncio.run(_cron_times("30 4 * * *", until))
    ]
    assert len(times) == 3 and {(t.hour, t.minute) for t in times} == {(4, 30)}
    old = asyncio.run(_cron_times("0 3 * * *", until))
    assert not old & asyncio.run(_cron_times("30 4 * * *", until))
