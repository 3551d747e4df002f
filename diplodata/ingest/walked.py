"""The walk of the articles folder that ``diplodata run`` made before starting its flow run,
handed to that run's ingest in the same process: one walk per run, not two.

The command walks the folder to fail fast and to see whether anything changed
(``diplodata.run.noop``); the flow's ingest takes that walk (once) instead of walking
again. Its stamps are from before any file was read, as the ingest's own would be: a file
written in between is read again by the next run. A flow run in another process (``serve``,
a Dask worker) finds nothing here and walks itself.
"""

from __future__ import annotations

from pathlib import Path

from diplodata.ingest.walk import Found

_KEPT: dict[tuple[Path, bool], Found] = {}


def keep(folder: Path, follow_links: bool, found: Found) -> None:
    """Hand ``found``, the walk of ``folder``, to the next ingest of it in this process."""
    _KEPT.clear()
    _KEPT[(folder.resolve(), follow_links)] = found


def take(folder: Path, follow_links: bool) -> Found | None:
    """The walk kept for ``folder`` (given once), or None."""
    return _KEPT.pop((folder.resolve(), follow_links), None)
