"""The actors table in parts by a hash of ``actor_id``, so that a release rewrites only the
parts whose actors changed.

Every other table is split by article (``diplodata.tables.increment``); ``actors`` sums up over
all articles, so a new article changes rows anywhere in it. Its rows are spread over
:func:`bucket_count` buckets by the first four bytes of the sha256 of ``actor_id`` (modulo
the count), one part per bucket, rows sorted by ``actor_id``; each Parquet part says which
bucket it is in its footer (key ``diplodata.actors_bucket``, value ``bucket/count``), so a
release finds the parts of the buckets it changes without reading the others. The count
is the smallest power of two that leaves at most :data:`ROWS_PER_PART` actors a part on
average: it depends on the number of actors alone, so a run from scratch and a run on top
of a release lay the table out alike, and when the table doubles every part is split in
two (bucket ``b`` becomes ``b`` and ``b + count``) in one release.

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
BUCKET_KEY = b"diplodata.actors_bucket"  # in each Parquet part's footer: b"bucket/count"


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


def tagged(rows: pa.Table, number: int, count: int) -> pa.Table:
    """``rows`` as the part of bucket ``number`` of ``count`` (said in the schema's metadata,
    which the Parquet part keeps in its footer)."""
    return rows.replace_schema_metadata({BUCKET_KEY: f"{number}/{count}".encode()})


def part_bucket(metadata: Mapping[bytes, bytes] | None) -> tuple[int, int] | None:
    """(bucket, count) of a part, from its Parquet footer's metadata; None when it does not
    say (a part written before the actors were in buckets)."""
    value = (metadata or {}).get(BUCKET_KEY, b"")
    b, _, count = value.decode("ascii", "replace").partition("/")
    return (int(b), int(count)) if b.isdigit() and count.isdigit() else None


def merged(base: pa.Table, rows: pa.Table, changed: Iterable[str] | None) -> pa.Table:
    """The whole table: ``rows`` and the ``base`` rows of the actors that are neither in
    ``changed`` (actors whose rows may differ from the base's, gone ones included) nor in
    ``rows``. ``changed`` None: ``rows`` is the whole table."""
    if changed is None:
        return rows
    replaced = pa.array(sorted({*changed, *rows[KEY].to_pylist()}), pa.string())
    kept = base.filter(pc.invert(pc.is_in(base[KEY], value_set=replaced)))
    kept = kept.replace_schema_metadata(None)
    return pa.concat_tables([kept, rows.cast(kept.schema)]) if kept.num_rows else rows


@dataclass(slots=True)
class Layout:
    """The parts of a release's actors table: base parts shared as they are, and the rows
    of each new part (sorted by ``actor_id``)."""

    shared: list[str] = field(default_factory=list)
    new: list[pa.Table] = field(default_factory=list)


def layout(table: pa.Table, base: Mapping[str, pa.Table], count: int | None = None) -> Layout:
    """Split the whole actors ``table`` into its buckets; a bucket that a part of ``base``
    (part name -> its rows) holds exactly, row for row and as the same bucket, is that
    part. With ``count``, ``table`` holds the rows of some of the ``count`` buckets only
    (and ``base`` the parts of those buckets)."""
    ids = table[KEY].to_pylist()
    whole = count is None
    count = bucket_count(len(ids)) if count is None else count
    buckets = [bucket(i, count) for i in ids]
    order = sorted(range(len(ids)), key=lambda i: (buckets[i], ids[i]))
    ordered = table.take(pa.array(order, pa.int64()))
    starts = [i for i in range(len(order)) if i == 0 or buckets[order[i]] != buckets[order[i - 1]]]
    by_first = {(rows[KEY][0].as_py() if rows.num_rows else None): n for n, rows in base.items()}
    result = Layout()
    ends = [*starts[1:], len(order)] if starts else []
    ranges = list(zip(starts, ends, strict=True))
    for start, end in ranges or ([(0, 0)] if whole else []):  # no rows: one empty part
        rows = ordered.slice(start, end - start)
        rows = tagged(rows, buckets[order[start]] if rows.num_rows else 0, count)
        name = by_first.get(rows[KEY][0].as_py() if rows.num_rows else None)
        if name is not None and base[name].equals(rows, check_metadata=True):
            result.shared.append(name)
        else:
            result.new.append(rows)
    return result
