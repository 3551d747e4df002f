"""Keys checked since a release: reading in full only the parts a release does not share
with its (checked) base finds exactly the problems that checking every part finds."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from diplodata.publish.keys import Since, check_keys
from diplodata.tables.parts import parquet_path, part_name

# Each table with only its key columns: the checks read no other.
COLUMNS = {
    "articles": ("article_id",),
    "actors": ("actor_id",),
    "actor_mentions": ("mention_id", "article_id", "actor_id"),
    "meetings": ("meeting_id", "article_id"),
    "meeting_participants": ("meeting_id", "actor_id"),
}
Row = tuple[str | None, ...]
Parts = dict[str, list[list[Row]]]  # table -> its parts, each a list of rows


def write_part(folder: Path, table: str, seq: int, rows: Sequence[Row]) -> str:
    rel = parquet_path(table, part_name(seq))
    columns = {c: pa.array([r[i] for r in rows], pa.string()) for i, c in enumerate(COLUMNS[table])}
    (folder / rel).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(columns), folder / rel)
    return rel


def write_release(folder: Path, parts: Parts, first: int = 1) -> None:
    seq = first
    for table, table_parts in parts.items():
        for rows in table_parts:
            write_part(folder, table, seq, rows)
            seq += 1


def on_top(base: Path, folder: Path, share: dict[str, list[int]], new: Parts) -> Since:
    """A release in ``folder`` sharing parts ``share`` (indexes, by table) of ``base`` by
    hard link, with the ``new`` parts."""
    shared = []
    for table, indexes in share.items():
        names = sorted((base / "data" / table).glob("part-*.parquet"))
        for i in indexes:
            rel = names[i].relative_to(base).as_posix()
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            os.link(base / rel, folder / rel)
            shared.append(rel)
    write_release(folder, new, first=1000)
    return Since(base, frozenset(shared))


def problems(folder: Path, since: Since | None) -> list[str]:
    return [str(p) for p in check_keys(folder, since).problems]


BASE: Parts = {
    "articles": [[("a1",), ("a2",)], [("a3",)]],
    "actors": [[("x1",), ("x2",)], [("x3",)]],
    "actor_mentions": [[("m1", "a1", "x1"), ("m2", "a2", "x2")], [("m3", "a3", "x3")]],
    "meetings": [[("g1", "a1")], [("g3", "a3")]],
    "meeting_participants": [[("g1", "x1"), ("g1", "x2")], [("g3", "x3")]],
}
ALL = {t: [0, 1] for t in BASE}
FIRST_PARTS = {t: [0] for t in BASE}  # the parts of a1, a2 and actors x1, x2


def checked_both_ways(tmp_path: Path, share: dict[str, list[int]], new: Parts) -> list[str]:
    base, release = tmp_path / "base", tmp_path / "release"
    write_release(base, BASE)
    assert problems(base, None) == []
    since = on_top(base, release, share, new)
    found = problems(release, since)
    assert found == problems(release, None)
    return found


def test_keys_a_valid_release_on_top_of_its_base_has_no_problem(tmp_path: Path) -> None:
    new: Parts = {
        "articles": [[("a4",)]],
        "actor_mentions": [[("m4", "a4", "x3")]],
        "meetings": [[("g4", "a4")]],
        "meeting_participants": [[("g4", "x1")]],
    }
    assert checked_both_ways(tmp_path, ALL, new) == []


def test_keys_a_new_part_repeating_a_shared_primary_key_is_caught(tmp_path: Path) -> None:
    new: Parts = {"articles": [[("a4",)]], "actor_mentions": [[("m1", "a4", "x1")]]}
    found = checked_both_ways(tmp_path, ALL, new)
    assert found == ["actor_mentions: primary key (mention_id) = ['m1'] is in 2 rows"]


def test_keys_a_duplicate_or_missing_key_within_the_new_parts_is_caught(tmp_path: Path) -> None:
    new: Parts = {
        "articles": [[("a4",), (None,)], [("a4",)]],
        "meeting_participants": [[("g1", "x3"), ("g1", "x3")]],
    }
    assert checked_both_ways(tmp_path, ALL, new) == [
        "articles: primary key (article_id) = ['a4'] is in 2 rows",
        "articles: 1 rows without a primary key value",
        "meeting_participants: primary key (meeting_id, actor_id) = ['g1', 'x3'] is in 2 rows",
    ]


def test_keys_an_unresolved_foreign_key_in_a_new_part_is_caught(tmp_path: Path) -> None:
    new: Parts = {"articles": [[("a4",)]], "actor_mentions": [[("m4", "a4", "x9")]]}
    assert checked_both_ways(tmp_path, ALL, new) == [
        "actor_mentions: foreign key (actor_id) = ['x9'] is not in actors (actor_id); "
        "1 rows unresolved"
    ]


def test_keys_a_shared_row_whose_referenced_row_is_gone_is_caught(tmp_path: Path) -> None:
    # the second actors part rewritten without x3, whom a shared mention and a shared
    # participant still name; the second articles part without a3 (a shared meeting's)
    new: Parts = {"actors": [[("x4",)]], "articles": [[("a4",)]]}
    share = {**ALL, "actors": [0], "articles": [0]}
    assert checked_both_ways(tmp_path, share, new) == [
        "actor_mentions: foreign key (article_id) = ['a3'] is not in articles (article_id); "
        "1 rows unresolved",
        "actor_mentions: foreign key (actor_id) = ['x3'] is not in actors (actor_id); "
        "1 rows unresolved",
        "meetings: foreign key (article_id) = ['a3'] is not in articles (article_id); "
        "1 rows unresolved",
        "meeting_participants: foreign key (actor_id) = ['x3'] is not in actors (actor_id); "
        "1 rows unresolved",
    ]


def test_keys_a_referenced_row_moved_to_a_new_part_still_resolves(tmp_path: Path) -> None:
    new: Parts = {"actors": [[("x3",), ("x4",)]], "articles": [[("a3",)]]}
    assert checked_both_ways(tmp_path, {**ALL, "actors": [0], "articles": [0]}, new) == []


KEYS = st.sampled_from(["k1", "k2", "k3", "k4", None])


def _rows(table: str) -> st.SearchStrategy[list[Row]]:
    width = len(COLUMNS[table])
    return st.lists(st.tuples(*[KEYS] * width), max_size=4)


def _valid(parts: Parts) -> Parts:
    """``parts`` less the rows that would make them invalid: keys unique and present,
    every foreign key resolved (a checked base)."""
    seen: dict[str, set[Row]] = {}
    refs = {
        "actor_mentions": (("articles", 1), ("actors", 2)),
        "meetings": (("articles", 1),),
        "meeting_participants": (("meetings", 0), ("actors", 1)),
    }
    keys = {"meeting_participants": 2}
    result: Parts = {}
    for table in COLUMNS:  # referenced tables first
        result[table] = []
        seen[table] = set()
        for rows in parts.get(table, []):
            kept = []
            for row in rows:
                key = row[: keys.get(table, 1)]
                if None in key or key in seen[table]:
                    continue
                if any((row[i],) not in seen[ref] for ref, i in refs.get(table, ())):
                    continue
                seen[table].add(key)
                kept.append(row)
            result[table].append(kept)
        result[table] = result[table] or [[]]  # a release has a part of every table
    return result


RELEASE = st.fixed_dictionaries({t: st.lists(_rows(t), max_size=3) for t in COLUMNS})


@settings(max_examples=60, deadline=None)
@given(base=RELEASE, new=RELEASE, share=st.data())
def test_keys_checked_since_the_base_find_what_checking_every_part_finds(
    base: Parts, new: Parts, share: st.DataObject
) -> None:
    base = _valid(base)
    shared = {t: share.draw(st.sets(st.sampled_from(range(len(p))))) for t, p in base.items() if p}
    new = {t: p if p or shared.get(t) else [[]] for t, p in new.items()}  # every table
    with tempfile.TemporaryDirectory() as tmp:
        old, release = Path(tmp) / "base", Path(tmp) / "release"
        write_release(old, base)
        since = on_top(old, release, {t: sorted(i) for t, i in shared.items()}, new)
        assert problems(old, None) == []
        assert problems(release, since) == problems(release, None)
