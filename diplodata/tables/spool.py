"""Table rows made in batches, kept on disk until a release's parts are written from them.

A run makes the rows of its new articles a batch at a time (their texts and facts read
back from the state store) and spools each batch here as Arrow IPC files, one per table;
the release then reads the batches back one at a time into its parts
(``diplodata.tables.increment``). No stage holds every row. The spool is a folder
``OUT/.staging-rows-<pid>``: what a killed run leaves is removed by the next
(``release.clean_leftovers``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from diplodata.tables.rows import Tables

PREFIX = ".staging-rows-"
ACTORS = "actors"


@dataclass(frozen=True, slots=True)
class Spool:
    """A folder of spooled batches: ``<n>/<table>.arrow``."""

    path: Path

    @classmethod
    def create(cls, out: Path) -> Spool:
        path = out / f"{PREFIX}{os.getpid()}"
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        return cls(path)

    def write(self, tables: dict[str, pa.Table], index: int) -> None:
        """Spool the rows of batch ``index``, as Arrow tables by name (:func:`arrow_tables`);
        batches are read back in the order of their indexes, whatever the order they were
        written in."""
        folder = self.path / f"{index:06d}.tmp"
        folder.mkdir()
        for name, data in tables.items():
            path = str(folder / f"{name}.arrow")
            with pa.OSFile(path, "wb") as sink, pa.ipc.new_file(sink, data.schema) as writer:
                writer.write_table(data)
        folder.rename(folder.with_suffix(""))

    def batches(self) -> Iterator[dict[str, pa.Table]]:
        """The spooled batches, in the order they were added, one at a time."""
        for folder in sorted(p for p in self.path.iterdir() if p.is_dir() and not p.suffix):
            yield {
                f.stem: pa.ipc.open_file(pa.memory_map(str(f))).read_all()
                for f in sorted(folder.glob("*.arrow"))
            }

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def arrow_tables(tables: Tables) -> dict[str, pa.Table]:
    """A batch's rows as Arrow tables by name, every table but ``actors`` (what a spool
    keeps; the actors table is summed up over every article, not per batch)."""
    from diplodata.publish.package import arrow_table

    return {
        name: arrow_table(name, getattr(tables, name)) for name in tables.names() if name != ACTORS
    }
