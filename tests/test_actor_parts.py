"""The actors table in parts by a hash of ``actor_id``: a change rewrites only its parts."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from diplodata.publish.package import arrow_table
from diplodata.tables import actor_parts as ap
from diplodata.tables.rows import ActorRow


def pid(i: int) -> str:
    return f"person:{i:012x}"


def actors(n: int, start: int = 0, articles: int = 1) -> pa.Table:
    rows = [
        ActorRow(pid(i), f"Person {i}", "person", "FRA", None, None, articles, None)
        for i in range(start, start + n)
    ]
    return arrow_table("actors", rows)


def ids(table: pa.Table) -> list[str]:
    return [str(i) for i in table["actor_id"].to_pylist()]


def as_base(
    layout: ap.Layout, shared_from: dict[str, pa.Table] | None = None
) -> dict[str, pa.Table]:
    """The parts of a published layout by name (shared parts keep their names)."""
    parts = {name: (shared_from or {})[name] for name in layout.shared}
    parts |= {f"new-{i}": rows for i, rows in enumerate(layout.new)}
    return parts


def test_bucket_count_keeps_parts_at_most_rows_per_part_on_average() -> None:
    for n in (0, 1, ap.ROWS_PER_PART, ap.ROWS_PER_PART + 1, 18_410, 1_000_000):
        count = ap.bucket_count(n)
        assert count & (count - 1) == 0  # a power of two
        assert n <= count * ap.ROWS_PER_PART
        assert count == 1 or n > count // 2 * ap.ROWS_PER_PART  # the smallest such


def test_a_table_is_split_into_sorted_parts_of_one_bucket_each() -> None:
    table = actors(1000)
    layout = ap.layout(table.take(list(reversed(range(1000)))), {})
    count = ap.bucket_count(1000)
    assert not layout.shared and 1 < len(layout.new) <= count
    every = [i for part in layout.new for i in ids(part)]
    assert sorted(every) == sorted(ids(table))  # each actor once
    for part in layout.new:
        assert ids(part) == sorted(ids(part))
        assert len({ap.bucket(i, count) for i in ids(part)}) == 1


def test_a_changed_new_or_removed_actor_rewrites_its_part_only() -> None:
    first = ap.layout(actors(1000), {})
    base = as_base(first)
    whole = actors(1000)
    assert not ap.layout(whole, base).new  # nothing changed: every part shared

    changed = pid(17)
    rows = actors(1, start=17, articles=2)  # named in one more article
    new = ap.merged(whole, rows, {changed})
    after = ap.layout(new, base)
    assert len(after.new) == 1 and changed in ids(after.new[0])
    assert len(after.shared) == len(base) - 1
    (row,) = after.new[0].filter(pc.equal(after.new[0]["actor_id"], changed)).to_pylist()
    assert row["n_articles"] == 2

    added = ap.layout(ap.merged(whole, actors(1, start=5000), set()), base)
    assert len(added.new) == 1 and pid(5000) in ids(added.new[0])

    gone = pid(3)
    removed = ap.layout(ap.merged(whole, actors(0), {gone}), base)
    assert len(removed.new) == 1 and gone not in ids(removed.new[0])
    assert len(removed.new[0]) == len(next(p for p in base.values() if gone in ids(p))) - 1


def test_when_the_table_doubles_every_part_splits_in_two() -> None:
    n = ap.ROWS_PER_PART * 4
    before = as_base(ap.layout(actors(n), {}))
    after = ap.layout(actors(n + 1), before)
    assert ap.bucket_count(n + 1) == 2 * ap.bucket_count(n)
    assert not after.shared
    for part in after.new:  # each new part holds actors of one old part (and the new one)
        assert any(set(ids(part)) - {pid(n)} <= set(ids(old)) for old in before.values())
    assert len(after.new) == 2 * len(before)


def test_an_empty_table_has_one_empty_part() -> None:
    layout = ap.layout(actors(0), {})
    assert not layout.shared and len(layout.new) == 1 and layout.new[0].num_rows == 0
    assert ap.layout(actors(0), as_base(layout)).shared == ["new-0"]
    assert ap.layout(actors(0), {"untagged": actors(0)}).new  # a part that is no bucket


def test_merged_takes_the_base_rows_of_unchanged_actors_only() -> None:
    base = actors(5)
    rows = actors(1, start=2, articles=9)
    table = ap.merged(base, rows, {pid(2), pid(4)})
    by_id = {r["actor_id"]: r["n_articles"] for r in table.to_pylist()}
    assert sorted(by_id) == sorted(set(ids(base)) - {pid(4)})
    assert by_id[pid(2)] == 9 and by_id[pid(0)] == 1
    assert ap.merged(base, rows, None).equals(rows)
