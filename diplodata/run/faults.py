"""Named points in a run where crash tests stop it with a real signal.

``DIPLODATA_PAUSE_AT=<point>`` makes the run write ``<point>`` to the file named by
``DIPLODATA_PAUSE_FILE`` when it reaches that point, then wait there (up to a minute) for
the test to kill it. Unset (always, outside the tests), a checkpoint does nothing.
Points: ``ingest``, ``extract``, ``cache``, ``rows`` (a batch of rows made and spooled),
``parquet``, ``catalog``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def checkpoint(point: str) -> None:
    if os.environ.get("DIPLODATA_PAUSE_AT") != point:
        return
    marker = os.environ.get("DIPLODATA_PAUSE_FILE")
    if marker:
        Path(marker).write_text(f"{point} {os.getpid()}\n", encoding="utf-8")
    time.sleep(60)
