"""The actors table in parts by a hash of ``actor_id``, so that a release rewrites only the
parts whose actors changed.

Every other table is split by article (``diplodata.increment``); ``actors`` sums up over
all articles, so a new article changes rows anywhere in it. Its rows are spread over
:func:`bucket_count` buckets by the first four bytes of the sha256 of ``actor_id`` (modulo
the count), one part per bucket, rows sorted by ``actor_id``. The count is the smallest
power of two that leaves at most :data:`ROWS_PER_PART` actors a part on average: it
depends on the number of actors alone, so a run from scratch and a run on top of a
release lay the table out alike, and when the table doubles every part is split in two
(bucket ``b`` becomes ``b`` and ``b + count``) in one release.

A bucket whose rows a part of the base release holds exactly is that part (shared by hard
link); the others are new parts. A release whose new articles name ``k`` actors rewrites
at most ``k`` parts of at most about :data:`ROWS_PER_PART` rows each, whatever the corpus.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

ROWS_PER_PART = 64  # actors a part holds on average at most (between half and all of it)
KEY = "actor_id"


def bucket_count(actors: int) -> int:
    """Parts for a table of ``actors`` rows: the smallest power of two ``n`` with
    ``actors <= n * ROWS_PER_PART`` (one part for an empty table)."""
    count = 1
    while count * ROWS_PER_PART < actors:
        count *= 2
    return count


def bucket(actor_id: str, count: int) -> int:
    """The bucket of ``actor_id`` among ``count``."""
    digest = hashlib.sha256(actor_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % count


def merged(base: pa.Table, rows: pa.Table, changed: Iterable[str] | None) -> pa.Table:
    """The whole table: ``rows`` and the ``base`` rows of the actors that are neither in
    ``changed`` (actors whose rows may differ from the base's, gone ones included) nor in
    ``rows``. ``changed`` None: ``rows`` is the whole table."""
    if changed is None:
        return rows
    replaced = pa.array(sorted({*changed, *rows[KEY].to_pylist()}), pa.string())
    kept = base.filter(pc.invert(pc.is_in(base[KEY], value_set=replaced)))
    return pa.concat_tables([kept, rows.cast(base.schema)]) if kept.num_rows else rows


@dataclass(slots=True)
class Layout:
    """The parts of a release's actors table: base parts shared as they are, and the rows
    of each new part (sorted by ``actor_id``)."""

    shared: list[str] = field(default_factory=list)
    new: list[pa.Table] = field(default_factory=list)


def layout(table: pa.Table, base: Mapping[str, pa.Table]) -> Layout:
    """Split the whole actors ``table`` into its buckets; a bucket that a part of ``base``
    (part name -> its rows) holds exactly, row for row, is that part."""
    ids = table[KEY].to_pylist()
    count = bucket_count(len(ids))
    buckets = [bucket(i, count) for i in ids]
    order = sorted(range(len(ids)), key=lambda i: (buckets[i], ids[i]))
    ordered = table.take(pa.array(order, pa.int64()))
    starts = [i for i in range(len(order)) if i == 0 or buckets[order[i]] != buckets[order[i - 1]]]
    by_first = {(rows[KEY][0].as_py() if rows.num_rows else None): n for n, rows in base.items()}
    result = Layout()
    for start, end in zip(starts, [*starts[1:], len(order)], strict=True) if ids else [(0, 0)]:
        rows = ordered.slice(start, end - start)  # a table without rows has one empty part
        name = by_first.get(rows[KEY][0].as_py() if rows.num_rows else None)
        if name is not None and base[name].equals(rows):
            result.shared.append(name)
        else:
            result.new.append(rows)
    return result
