"""Write a release's tables as parts on top of the previous release (its *base*).

The base's parts whose articles are all still published unchanged are shared (hard links);
a part holding an article that was removed or whose text or record changed is rewritten
without it; the rows of new articles become one new part. Small parts are merged so that
a table keeps a bounded number of parts however many runs published it (size tiers: when
:data:`FANOUT` parts of one tier exist they become one part of the next tier). Without a
base, every row is new.

Every table but ``actors`` is split by article: part ``part-000042`` of each table holds
the rows of the same articles (``meeting_participants`` follows its meetings). ``actors``
sums up over all articles: it is split by a hash of ``actor_id`` (``diplodata.tables.actor_parts``)
and a release writes only the parts whose actors changed.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from diplodata.schemas import ALL_TABLES, arrow_schema, table_schema
from diplodata.tables import actor_parts as ap
from diplodata.tables import bounded_duckdb
from diplodata.tables.parts import (
    csv_path,
    is_parted,
    link_part,
    parquet_path,
    part_name,
    part_names,
    part_seq,
    remove_part,
    write_part,
)
from diplodata.tables.rows import Tables

ACTORS = "actors"
FANOUT = 8  # parts of one tier merged into one
TIERS = (64, 512, 4096)  # articles: a part under TIERS[i] is in tier i; larger ones stay
# Articles in one part written at once (a full first run): the rows a run holds while it
# writes its parts. A part is gathered from spooled batches until the next would pass this,
# so it holds more than TIERS[-1] articles and is never merged (merging reads its parts
# back whole: parts of the top tier's size would be read back eight at a time).
MAX_ARTICLES = 2 * TIERS[-1]
FACT_TABLES = ("actor_mentions", "meetings", "trade_figures", "memberships")


@dataclass(frozen=True, slots=True)
class Increment:
    """What a release keeps from ``base``: the articles (ids) published there unchanged.
    The rows handed to :func:`write_tables` are then those of the other articles only.

    ``actors``: the actors whose rows may differ from the base's (the actors the changed,
    new and removed articles name); the actors rows handed over are then theirs (those
    that still exist), the others are the base's. None: the whole actors table is handed
    over."""

    base: Path
    kept: frozenset[str] | pa.Array  # an Arrow array: of strings, no Python one per article
    actors: frozenset[str] | None = None

    def kept_ids(self) -> pa.Array:
        """The ids kept, as an Arrow array."""
        if isinstance(self.kept, pa.Array):
            return self.kept
        return pa.array(sorted(self.kept), pa.string())


@dataclass(slots=True)
class Written:
    """The data files of a release: shared with the base, or new (relative paths)."""

    shared: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    rewritten: list[str] = field(default_factory=list)  # base parts dropped for dead rows
    merged: list[str] = field(default_factory=list)  # parts merged into a larger one


def sort_keys(table: str) -> list[tuple[str, str]]:
    """The order of rows within a part: the text's order for fact rows, else the key."""
    key = list(table_schema(table)["primaryKey"])
    first = ["article_id", "char_start", "char_end"] if table in FACT_TABLES else []
    return [(c, "ascending") for c in first + [k for k in key if k not in first]]


def _sorted(table: str, rows: pa.Table) -> pa.Table:
    return rows.sort_by(sort_keys(table)) if rows.num_rows > 1 else rows


def _read(
    folder: Path, table: str, names: Sequence[str], columns: Sequence[str] | None = None
) -> pa.Table:
    files = [str(folder / parquet_path(table, n)) for n in names]
    files = [f for f in files if Path(f).exists()]
    schema = arrow_schema(table)
    if columns is not None:
        schema = pa.schema([schema.field(c) for c in columns])
    if not files:
        return schema.empty_table()
    return pq.read_table(files, schema=schema, columns=columns)


def _of_articles(table: str, rows: pa.Table, ids: pa.Array, meetings: pa.Table) -> pa.Array:
    """A mask of the rows of ``table`` that belong to the articles ``ids``."""
    if "article_id" in rows.column_names:
        return pc.is_in(rows["article_id"], value_set=ids)
    # meeting_participants: the participants of those articles' meetings
    mask = pc.is_in(meetings["article_id"], value_set=ids)
    return pc.is_in(rows["meeting_id"], value_set=meetings.filter(mask)["meeting_id"])


def tier(articles: int) -> int | None:
    for i, limit in enumerate(TIERS):
        if articles < limit:
            return i
    return None  # large parts are not merged again


def next_merge(parts: Sequence[tuple[str, int]]) -> list[str]:
    """The parts to merge next, (name, articles) oldest first: every part of the smallest
    tier that holds :data:`FANOUT` of them; none when no tier is full."""
    by_tier: dict[int, list[str]] = {}
    for name, articles in parts:
        t = tier(articles)
        if t is not None:
            by_tier.setdefault(t, []).append(name)
    full = [members for _, members in sorted(by_tier.items()) if len(members) >= FANOUT]
    return full[0] if full else []


class _Writer:
    def __init__(self, folder: Path, tables: Sequence[str], first_seq: int) -> None:
        self.folder = folder
        self.tables = [t for t in tables if t != ACTORS]
        self.seq = first_seq
        self.written = Written()

    def next_name(self) -> str:
        name = part_name(self.seq)
        self.seq += 1
        return name

    def write(self, rows: dict[str, pa.Table]) -> tuple[str, int]:
        """One new part of every article table (a table without rows gets no file)."""
        name = self.next_name()
        for table in self.tables:
            data = rows[table]
            if data.num_rows:
                write_part(self.folder, table, name, _sorted(table, data))
                self.written.new += [parquet_path(table, name), csv_path(table, name)]
        return name, rows["articles"].num_rows

    def drop(self, name: str) -> None:
        for table in self.tables:
            remove_part(self.folder, table, name)
            for rel in (parquet_path(table, name), csv_path(table, name)):
                for bucket in (self.written.new, self.written.shared):
                    if rel in bucket:
                        bucket.remove(rel)


def without_articles(tables: Tables, ids: frozenset[str] | set[str]) -> Tables:
    """``tables`` without the rows of the articles ``ids`` (``actors`` is left whole)."""
    meetings = {m.meeting_id for m in tables.meetings if m.article_id in ids}
    result = copy.copy(tables)
    for name in tables.names():
        if name == ACTORS:
            continue
        rows = getattr(tables, name)
        if name == "meeting_participants":
            kept = [r for r in rows if r.meeting_id not in meetings]
        else:
            kept = [r for r in rows if r.article_id not in ids]
        setattr(result, name, kept)
    return result


def _chunks(rows: dict[str, pa.Table], size: int) -> Iterable[dict[str, pa.Table]]:
    """The rows split by article into groups of at most ``size`` articles."""
    ids = pc.unique(rows["articles"]["article_id"]).sort()
    if len(ids) <= size:
        yield rows
        return
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        yield {
            t: data.filter(_of_articles(t, data, chunk, rows["meetings"]))
            for t, data in rows.items()
        }


def _in_parts(batches: Iterable[dict[str, pa.Table]], size: int) -> Iterable[dict[str, pa.Table]]:
    """Batches of rows (each the rows of some articles) gathered into parts of at most
    ``size`` articles (a larger batch is split first); batches without rows are left out."""
    pending: list[dict[str, pa.Table]] = []
    count = 0
    for batch in batches:
        for rows in _chunks(batch, size):
            n = rows["articles"].num_rows
            if not n:
                continue
            if pending and count + n > size:
                yield _concat(pending)
                pending, count = [], 0
            pending.append(rows)
            count += n
    if pending:
        yield _concat(pending)


def _concat(batches: Sequence[dict[str, pa.Table]]) -> dict[str, pa.Table]:
    if len(batches) == 1:
        return batches[0]
    return {t: pa.concat_tables([b[t] for b in batches]) for t in batches[0]}


def _arrow(tables: dict[str, list[object]]) -> dict[str, pa.Table]:
    from diplodata.publish.package import arrow_table

    return {t: arrow_table(t, rows) for t, rows in tables.items()}


def write_tables(
    rows: dict[str, list[object]],
    folder: Path,
    increment: Increment | None = None,
    more: Iterable[dict[str, pa.Table]] = (),
) -> Written:
    """Write the tables ``rows`` (rows of every table by name) into ``folder`` as parts.

    With an ``increment`` the rows are those of the articles new since its base, and
    ``actors`` the whole table or the rows of ``increment.actors``; the base's parts are
    shared where they still hold exactly the published rows. ``more``: further rows of
    articles, a batch at a time (read as the parts are written: they are never all in
    memory)."""
    names = [t for t in ALL_TABLES if t in rows]
    base = increment.base if increment is not None and is_parted(increment.base) else None
    fresh = _arrow({t: rows[t] for t in names if t != ACTORS})
    seq = 1
    kept_parts: list[tuple[str, int]] = []
    writer: _Writer
    if base is not None:
        assert increment is not None
        base_parts = part_names(base, "articles")
        seq = 1 + max(
            [part_seq(n) for t in names for n in part_names(base, t)] or [0],
        )
        writer = _Writer(folder, names, seq)
        kept = increment.kept_ids()
        for name in base_parts:
            ids = _read(base, "articles", [name], ["article_id"])["article_id"]
            alive = pc.is_in(ids, value_set=kept)
            if pc.all(alive).as_py():
                for table in writer.tables:
                    if (base / parquet_path(table, name)).exists():
                        link_part(base, folder, table, name)
                        writer.written.shared += [
                            parquet_path(table, name),
                            csv_path(table, name),
                        ]
                kept_parts.append((name, len(ids)))
                continue
            # a part with an article removed or changed: its other rows join the new ones
            survivors = ids.filter(alive)
            old = {t: _read(base, t, [name]) for t in writer.tables}
            for table in writer.tables:
                mask = _of_articles(table, old[table], survivors, old["meetings"])
                fresh[table] = pa.concat_tables([fresh[table], old[table].filter(mask)])
            writer.written.rewritten += [parquet_path(t, name) for t in writer.tables]
    else:
        writer = _Writer(folder, names, seq)
    parts = list(kept_parts)
    batches = itertools.chain([fresh], ({t: b[t] for t in writer.tables} for b in more))
    for chunk in _in_parts(batches, MAX_ARTICLES):
        parts.append(writer.write(chunk))
    while group := next_merge(parts):
        data = {t: _read(folder, t, group) for t in writer.tables}
        for name in group:
            writer.drop(name)
        parts = [p for p in parts if p[0] not in group]
        parts.append(writer.write(data))
        writer.written.merged += group
    _at_least_one_part(writer, parts)
    if ACTORS in names:
        changed = increment.actors if increment is not None else None
        if changed is not None and base is None:  # find_base never gives such a base
            raise ValueError("the rows of some actors, but no release in parts to add them to")
        _write_actors(writer, _arrow({ACTORS: rows[ACTORS]})[ACTORS], base, changed)
    return writer.written


def _at_least_one_part(writer: _Writer, parts: list[tuple[str, int]]) -> None:
    """A table without rows still has one (empty) part: its folder and schema exist."""
    name = parts[-1][0] if parts else writer.next_name()
    for table in writer.tables:
        if not part_names(writer.folder, table):
            write_part(writer.folder, table, name, arrow_schema(table).empty_table())
            writer.written.new += [parquet_path(table, name), csv_path(table, name)]


def _write_actors(
    writer: _Writer, rows: pa.Table, base: Path | None, changed: frozenset[str] | None
) -> None:
    """The actors table in parts by a hash of ``actor_id`` (``diplodata.tables.actor_parts``): the
    base's parts whose actors are unchanged are shared, the others written anew. ``rows``:
    the whole table, or (``changed`` given) the rows of those actors only."""
    footers = _actor_footers(base) if base is not None else {}
    parts = None
    if base is not None and changed is not None:
        parts = _changed_buckets(base, footers, rows, changed)
    if parts is None:  # every part read (a first run, or the table doubled or halved)
        old = {n: _read_actors(base, n) for n in footers} if base is not None else {}
        parts = ap.layout(ap.merged(_concat_actors(old.values()), rows, changed), old)
    for name in parts.shared:
        assert base is not None  # only a base has parts to share
        link_part(base, writer.folder, ACTORS, name)
        writer.written.shared += [parquet_path(ACTORS, name), csv_path(ACTORS, name)]
    if not parts.new:
        return
    con = bounded_duckdb.connect()  # one for every part: a connection costs about 20 ms
    try:
        for data in parts.new:
            name = writer.next_name()
            write_part(writer.folder, ACTORS, name, data, con)
            writer.written.new += [parquet_path(ACTORS, name), csv_path(ACTORS, name)]
    finally:
        con.close()


def _actor_footers(base: Path) -> dict[str, pq.FileMetaData]:
    return {n: pq.read_metadata(base / parquet_path(ACTORS, n)) for n in part_names(base, ACTORS)}


def _read_actors(base: Path, name: str) -> pa.Table:
    """A part of the actors table, with its footer's metadata (which bucket it is)."""
    rows = pq.read_table(base / parquet_path(ACTORS, name))
    return rows.cast(arrow_schema(ACTORS)).replace_schema_metadata(rows.schema.metadata)


def _concat_actors(tables: Iterable[pa.Table]) -> pa.Table:
    plain = [t.replace_schema_metadata(None) for t in tables]
    return pa.concat_tables(plain) if plain else arrow_schema(ACTORS).empty_table()


def _changed_buckets(
    base: Path, footers: dict[str, pq.FileMetaData], rows: pa.Table, changed: frozenset[str]
) -> ap.Layout | None:
    """The layout when only the buckets of the ``changed`` actors are read and written: the
    base's parts are the buckets of one count (their footers say so) and the table keeps
    that count. None otherwise."""
    total = sum(f.num_rows for f in footers.values())
    count = ap.bucket_count(total)
    buckets = {n: ap.part_bucket(f.metadata) for n, f in footers.items()}
    if len({b for b in buckets.values() if b is not None and b[1] == count}) != len(footers):
        return None
    touched = {ap.bucket(a, count) for a in changed | set(rows["actor_id"].to_pylist())}
    old = {n: _read_actors(base, n) for n, b in buckets.items() if b and b[0] in touched}
    table = ap.merged(_concat_actors(old.values()), rows, changed)
    actors = total - sum(t.num_rows for t in old.values()) + table.num_rows
    if not actors or ap.bucket_count(actors) != count:
        return None
    parts = ap.layout(table, old, count)
    parts.shared += [n for n in footers if n not in old]
    return parts
