"""Releases in parts: a release shares the unchanged parts of the one before it (one file
on disk), writes only what is new, and each release folder stays a whole, valid package."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pytest

from diplodata.access.query import run_query
from diplodata.extract import EXTRACTOR_VERSION, extract_article
from diplodata.ingest.articles import read_folder
from diplodata.models import ArticleFacts
from diplodata.publish.package import PackageMeta
from diplodata.publish.release import Release, publish
from diplodata.publish.validate import check_keys, validate_package
from diplodata.publish.verify import verify_release
from diplodata.tables import actor_parts as ap
from diplodata.tables import increment as inc
from diplodata.tables.build import build_tables
from diplodata.tables.parts import parquet_files, part_names, published_tables
from diplodata.tables.rows import Tables
from tests.conftest import FIXTURES, SAMPLES

ALL_FACTS: list[ArticleFacts] = []


def facts() -> list[ArticleFacts]:
    """Facts of the sample and fixture articles (five articles), extracted once."""
    if not ALL_FACTS:
        batch = read_folder(SAMPLES)
        batch.articles += read_folder(FIXTURES / "articles").articles
        ALL_FACTS.extend(extract_article(a) for a in batch.articles)
    return sorted(ALL_FACTS, key=lambda f: f.article.article_id)


def _meta(n: int) -> PackageMeta:
    return PackageMeta(version=f"2026-01-01.{n}", created="2026-01-01T00:00:00Z")


def publish_on_top(
    out: Path, n: int, results: Sequence[ArticleFacts], base: Release | None
) -> Release:
    """Release ``n`` of the articles of ``results``, sharing with ``base`` what it can."""
    tables = build_tables(results, EXTRACTOR_VERSION)
    if base is None:
        return publish(tables, out, _meta(n))
    published = {str(r[0]) for r in run_query("SELECT article_id FROM articles", base.path).rows}
    kept = frozenset(published & {f.article.article_id for f in results})
    new = inc.without_articles(tables, kept)
    return publish(new, out, _meta(n), increment=inc.Increment(base.path, kept))


def frictionless_cli(descriptor: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", str(descriptor)],
        capture_output=True,
        text=True,
        check=False,
    )
    report: dict[str, object] = json.loads(result.stdout)
    return report


def rows(release: Path) -> dict[str, list[tuple[object, ...]]]:
    return {
        t: run_query(f"SELECT * FROM {t} ORDER BY ALL", release).rows
        for t in published_tables(release)
    }


def data_files(release: Path) -> list[Path]:
    return sorted(p for p in (release / "data").rglob("*") if p.is_file())


def actor_parts_follow_changes(previous: Path, current: Path) -> tuple[int, int]:
    """Check that ``current`` shares an actors part with ``previous`` exactly when none of
    its actors' rows changed (when the table grows past a power of two, its parts split and
    only a part that kept all its rows can be shared). Returns how many of its actors parts
    are shared and new."""
    import pyarrow.parquet as pq

    def actor_rows(release: Path) -> set[tuple[object, ...]]:
        return set(run_query("SELECT * FROM actors", release).rows)

    before, after = actor_rows(previous), actor_rows(current)
    count = ap.bucket_count(len(after))
    changed = {str(r[0]) for r in before ^ after}  # added, removed or with another row
    touched = {ap.bucket(a, count) for a in changed}
    same_count = ap.bucket_count(len(before)) == count
    old = parquet_files(previous, "actors")
    counts = [0, 0]
    for part in parquet_files(current, "actors"):
        ids = pq.read_table(part, columns=["actor_id"])["actor_id"].to_pylist()
        (bucket,) = {ap.bucket(i, count) for i in ids}
        shared = any(os.path.samefile(part, o) for o in old)
        assert not (shared and bucket in touched), (part, changed)
        assert shared or bucket in touched or not same_count, part
        counts[0 if shared else 1] += 1
    return counts[0], counts[1]


def test_a_release_shares_unchanged_parts_and_each_release_validates(tmp_path: Path) -> None:
    every = facts()
    first = publish_on_top(tmp_path, 1, every[:-1], None)
    second = publish_on_top(tmp_path, 2, every, first)
    shared = [
        p
        for p in data_files(second.path)
        if (first.path / p.relative_to(second.path)).exists()
        and os.path.samefile(p, first.path / p.relative_to(second.path))
    ]
    # every article table's first part is shared; the new article is one new part
    assert {p.parent.name for p in shared if p.suffix == ".parquet"} >= {
        "articles",
        "actor_mentions",
        "meetings",
    }
    for table in ("articles", "actor_mentions"):
        names = part_names(second.path, table)
        assert len(names) == 2 and names[0] in part_names(first.path, table)
    assert len(data_files(second.path)) > len(shared)
    for release in (first.path, second.path):
        assert frictionless_cli(release / "datapackage.json")["valid"] is True
        assert validate_package(release / "datapackage.json").valid
        assert check_keys(release).valid
        assert verify_release(release).ok
    assert second.counts["articles"] == len(every) and second.changes["articles"] == (1, 0)
    scratch = publish_on_top(tmp_path / "scratch", 1, every, None)
    assert rows(second.path) == rows(scratch.path)


def test_the_duckdb_file_of_views_is_shared_while_the_tables_are_the_same(
    tmp_path: Path,
) -> None:
    from diplodata.publish.package import DUCKDB_FILE, write_duckdb

    every = facts()
    first = publish_on_top(tmp_path, 1, every[:-1], None)
    second = publish_on_top(tmp_path, 2, every, first)
    assert os.path.samefile(first.path / DUCKDB_FILE, second.path / DUCKDB_FILE)
    assert run_query("SELECT count(*) FROM articles", second.path).rows == [(len(every),)]
    fewer = tmp_path / "fewer"  # a release without one table: other views, another file
    shutil.copytree(second.path, fewer)
    shutil.rmtree(fewer / "data" / "memberships")
    (fewer / DUCKDB_FILE).chmod(0o644)
    write_duckdb(fewer, published_tables(fewer), second.path)
    assert not os.path.samefile(fewer / DUCKDB_FILE, second.path / DUCKDB_FILE)
    con = duckdb.connect(str(fewer / DUCKDB_FILE), read_only=True)
    found = con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    views = {v for (v,) in found}
    con.close()
    assert views == set(published_tables(fewer)) and "memberships" not in views


def test_a_release_copied_alone_elsewhere_is_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ap, "ROWS_PER_PART", 2)  # actors in parts, some shared
    every = facts()
    first = publish_on_top(tmp_path / "out", 1, every[:2], None)
    second = publish_on_top(tmp_path / "out", 2, every, first)
    shutil.rmtree(first.path)  # the parts stay: they are the second release's files too
    with tarfile.open(tmp_path / "release.tar", "w") as tar:
        tar.add(second.path, arcname="release")
    with tarfile.open(tmp_path / "release.tar") as tar:
        tar.extractall(tmp_path / "untarred", filter="data")
    copied = tmp_path / "copied"
    shutil.copytree(second.path, copied)
    for release in (copied, tmp_path / "untarred" / "release"):
        assert verify_release(release).ok
        assert frictionless_cli(release / "datapackage.json")["valid"] is True
        assert rows(release) == rows(second.path)
        assert run_query("SELECT count(*) FROM articles", release).rows == [(len(every),)]


def test_a_removed_or_changed_article_leaves_its_part(tmp_path: Path) -> None:
    every = facts()
    first = publish_on_top(tmp_path, 1, every, None)
    second = publish_on_top(tmp_path, 2, every[1:], first)  # the first article is gone
    assert second.counts["articles"] == len(every) - 1
    assert second.changes["articles"] == (0, 1)
    # the one part of the first release held the article: it is rewritten without it
    assert not [
        (a, b)
        for a in data_files(second.path)
        for b in data_files(first.path)
        if os.path.samefile(a, b)
    ]
    assert part_names(second.path, "articles") != part_names(first.path, "articles")
    gone = every[0].article.article_id
    for table in ("articles", "actor_mentions", "meetings"):
        assert not run_query(f"SELECT * FROM {table} WHERE article_id = '{gone}'", second.path).rows
    assert rows(second.path) == rows(publish_on_top(tmp_path / "s", 1, every[1:], None).path)
    assert check_keys(second.path).valid and verify_release(second.path).ok


def test_parts_are_merged_so_a_table_keeps_few_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inc, "FANOUT", 2)
    monkeypatch.setattr(inc, "TIERS", (2, 4))
    every = facts()
    release = publish_on_top(tmp_path, 1, every[:1], None)
    counts = []
    for n in range(2, len(every) + 1):
        release = publish_on_top(tmp_path, n, every[:n], release)
        counts.append(len(part_names(release.path, "articles")))
        assert check_keys(release.path).valid and verify_release(release.path).ok
    # 1+1 -> one part of 2; +1 -> 2 parts; +1 -> 2+1+1 -> 2+2 -> one of 4 (frozen); +1
    assert counts == [1, 2, 1, 2]
    assert rows(release.path) == rows(publish_on_top(tmp_path / "s", 1, every, None).path)


def test_without_hard_links_parts_are_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cross_device(source: object, target: object) -> None:
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    every = facts()
    first = publish_on_top(tmp_path, 1, every[:3], None)
    monkeypatch.setattr(os, "link", cross_device)
    second = publish_on_top(tmp_path, 2, every, first)
    kept = parquet_files(first.path, "articles")[0].relative_to(first.path)
    assert (second.path / kept).exists()
    assert not os.path.samefile(second.path / kept, first.path / kept)
    assert verify_release(second.path).ok and check_keys(second.path).valid


def test_actor_notes_sum_up_as_the_facts_do(tmp_path: Path) -> None:
    from diplodata.tables.actor_notes import ActorNotesStore
    from diplodata.tables.build import actor_rows, article_rows, summarize

    every = facts()
    _, notes = article_rows(every, EXTRACTOR_VERSION)
    store = ActorNotesStore(tmp_path)
    store.put(notes[:2], EXTRACTOR_VERSION)
    store.put(notes[1:], EXTRACTOR_VERSION)  # stored again: replaced, not counted twice
    ids = [n.article_id for n in notes]
    assert store.covers({i: EXTRACTOR_VERSION for i in ids})
    assert not store.covers({ids[0]: "another version"})
    assert actor_rows(store.summaries(ids)) == actor_rows(summarize(notes))
    assert actor_rows(store.summaries(ids[1:])) == actor_rows(summarize(notes[1:]))
    assert len(actor_rows(summarize(notes))) > len(actor_rows(summarize(notes[:1])))
    # the sums of some actors only, among the notes of the articles that name them
    every_row = actor_rows(summarize(notes[1:]))
    assert store.actors_of(ids[:1]) == notes[0].actors
    named = store.actors_of(ids)
    assert named == set().union(*(n.actors for n in notes))
    some = set(sorted(named)[::2]) | {"country:XXX"}  # an actor no article names: no row
    assert {a.split(":")[0] for a in some} >= {"person", "org"}
    wanted = actor_rows(store.summaries(ids[1:], some))
    assert wanted == [r for r in every_row if r.actor_id in some] and wanted != every_row


def test_actor_notes_summed_up_a_group_at_a_time_give_the_same_rows(tmp_path: Path) -> None:
    from diplodata.tables.actor_notes import ActorNotesStore
    from diplodata.tables.build import actor_rows, article_rows, grouped_actor_rows

    _, notes = article_rows(facts(), EXTRACTOR_VERSION)
    store = ActorNotesStore(tmp_path)
    store.put(notes, EXTRACTOR_VERSION)
    ids = [n.article_id for n in notes]
    for live in (ids, ids[1:]):
        whole = actor_rows(store.summaries(live))
        assert {r.kind for r in whole} == {"person", "country", "organization"}
        for size in (1, 2, 3, len(whole), len(whole) + 1):
            groups = list(store.summaries_by_group(live, size=size))
            assert len(groups) == -(-len(whole) // size)
            assert all(len(g.articles) <= size for g in groups)
            assert grouped_actor_rows(groups) == whole
    some = {r.actor_id for r in whole[::2]} | {"country:XXX"}  # one no article names
    wanted = actor_rows(store.summaries(ids, some))
    assert grouped_actor_rows(store.summaries_by_group(ids, some, size=2)) == wanted


def test_the_actor_sums_benchmark_sums_up_alike_both_ways(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from diplodata.bench import actor_sums
    from diplodata.tables.actor_notes import ActorNotesStore
    from diplodata.tables.build import article_rows

    _, notes = article_rows(facts(), EXTRACTOR_VERSION)
    ActorNotesStore(tmp_path).put(notes, EXTRACTOR_VERSION)
    assert actor_sums.main([str(tmp_path), "--whole"]) == 0
    assert actor_sums.main([str(tmp_path), "--size", "2"]) == 0
    whole, grouped = capsys.readouterr().out.splitlines()
    assert "whole" in whole and "groups of 2" in grouped
    assert whole.split("rows ")[1] == grouped.split("rows ")[1]


def run(articles: Path, out: Path, prune: bool = False) -> Release:
    """One run of the pipeline's stages as the flow wires them (without Prefect)."""
    from diplodata.config import RunConfig
    from tests import stages

    return stages.publish(RunConfig(articles=articles, out=out, prune=prune))


def test_incremental_runs_publish_the_tables_of_a_run_from_scratch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ap, "ROWS_PER_PART", 2)  # actors in several parts
    articles, out = tmp_path / "articles", tmp_path / "out"
    shutil.copytree(SAMPLES, articles)
    releases = [run(articles, out)]
    actor_parts: list[tuple[int, int]] = []

    def same_as_from_scratch(release: Release, n: int) -> None:
        scratch = run(articles, tmp_path / f"scratch-{n}")
        assert rows(release.path) == rows(scratch.path)
        assert check_keys(release.path).valid and verify_release(release.path).ok
        assert frictionless_cli(release.path / "datapackage.json")["valid"] is True
        actor_parts.append(actor_parts_follow_changes(releases[-2].path, release.path))

    shutil.copytree(FIXTURES / "articles", articles, dirs_exist_ok=True)  # three new
    releases.append(run(articles, out))
    same_as_from_scratch(releases[-1], 2)
    first_parts = part_names(releases[0].path, "articles")
    assert part_names(releases[1].path, "articles")[: len(first_parts)] == first_parts

    changed = sorted(articles.glob("*.txt"))[0]  # a sample article's text changes
    changed.chmod(0o644)
    changed.write_text(changed.read_text() + "\nA closing sentence.\n")
    releases.append(run(articles, out))
    same_as_from_scratch(releases[-1], 3)
    inputs = json.loads((releases[-1].path / "quality" / "inputs.json").read_text())
    assert (inputs["extracted"], inputs["unchanged_since_base"]) == (1, 4)
    shared = [
        p
        for p in data_files(releases[-1].path)
        if any(os.path.samefile(p, q) for q in data_files(releases[-2].path))
    ]
    assert [p for p in shared if "/articles/" in p.as_posix()]  # the fixtures' part

    (articles / "extra_visit.txt").unlink()  # an article removed, and pruned
    releases.append(run(articles, out, prune=True))
    same_as_from_scratch(releases[-1], 4)
    assert "extra_visit.txt" in (releases[-1].path / "CHANGELOG.md").read_text()
    for release in releases:  # every release is still whole and unchanged
        assert verify_release(release.path).ok
    assert len(part_names(releases[-1].path, "actors")) > 1
    # new actors parts: for the new articles; none for a sentence that names no one; for
    # the actors only the pruned article named
    added, changed_text, pruned = (new for _, new in actor_parts)
    assert added and not changed_text and pruned and actor_parts[2][0]


ORLOV = (
    "{place}, {date}\n\n{state} Deputy Foreign Minister Pavel Orlov held consultations with "
    "Deputy Foreign Minister Timur Sadykov of Kazakhstan in {place} on Tuesday. The two "
    "discussed the transit of goods across the common border. {extra}\n"
)


def test_a_namesake_taking_the_plain_id_rebuilds_the_published_articles_it_moves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ap, "ROWS_PER_PART", 1)  # about one actor a part
    articles, out = tmp_path / "articles", tmp_path / "out"
    articles.mkdir()

    def write(name: str, **fields: str) -> None:
        (articles / name).write_text(ORLOV.format(**fields), encoding="utf-8")

    write("a.txt", place="Moscow", date="12 March 2019", state="Russian", extra="")
    first = run(articles, out)
    write("b.txt", place="Kyiv", date="4 June 2020", state="Ukrainian", extra="")
    write("c.txt", place="Kyiv", date="9 June 2020", state="Ukrainian", extra="Talks went on.")
    second = run(articles, out)  # the Ukrainian Orlov, in two articles, takes the plain id
    scratch = run(articles, tmp_path / "scratch")
    assert rows(second.path) == rows(scratch.path)
    actor_parts_follow_changes(first.path, second.path)
    orlovs = run_query("SELECT actor_id FROM actors WHERE name = 'Pavel Orlov'", second.path)
    assert len(orlovs.rows) == 2
    changelog = (second.path / "CHANGELOG.md").read_text()
    assert "made into rows again" in changelog and "a.txt" in changelog
    moved = run_query("SELECT actor_id FROM actor_mentions WHERE name = 'Pavel Orlov'", first.path)
    assert (
        moved.rows[0]
        not in run_query(
            "SELECT actor_id FROM actor_mentions WHERE name = 'Pavel Orlov' AND article_id IN "
            "(SELECT article_id FROM articles WHERE source = 'a.txt')",
            second.path,
        ).rows
    )
    for name in ("b.txt", "c.txt"):
        (articles / name).unlink()
    third = run(articles, out, prune=True)  # gone again: the Russian Orlov's id comes back
    assert rows(third.path) == rows(run(articles, tmp_path / "scratch-3").path)
    assert rows(third.path)["actor_mentions"] == rows(first.path)["actor_mentions"]
    actor_parts_follow_changes(second.path, third.path)


SADYKOV = (
    "Astana, 5 May 2019\n\nKazakh Deputy Foreign Minister Timur Sadykov held talks with Latvian "
    "Foreign Minister Janis Berzins in Astana on Monday. The two discussed rail freight "
    "between the Baltic ports and Central Asia.\n"
)


def test_a_new_article_rewrites_the_actors_parts_of_the_actors_it_names_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ap, "bucket_count", lambda actors: 16)
    articles, out = tmp_path / "articles", tmp_path / "out"
    articles.mkdir()
    text = ORLOV.format(place="Moscow", date="12 March 2019", state="Russian", extra="")
    (articles / "a.txt").write_text(text, encoding="utf-8")
    first = run(articles, out)
    (articles / "d.txt").write_text(SADYKOV, encoding="utf-8")  # Sadykov again, Berzins new
    read: list[str] = []
    reader = inc._read_actors
    monkeypatch.setattr(inc, "_read_actors", lambda b, n: read.append(n) or reader(b, n))
    second = run(articles, out)
    monkeypatch.setattr(inc, "_read_actors", reader)
    assert rows(second.path) == rows(run(articles, tmp_path / "scratch").path)
    assert check_keys(second.path).valid and verify_release(second.path).ok
    assert frictionless_cli(second.path / "datapackage.json")["valid"] is True

    def parts(release: Path) -> dict[str, tuple[Path, int]]:
        """Each actor's name -> the Parquet part that holds it, and its article count."""
        import pyarrow.parquet as pq

        found = {}
        for part in parquet_files(release, "actors"):
            for row in pq.read_table(part, columns=["name", "n_articles"]).to_pylist():
                found[str(row["name"])] = (part, int(row["n_articles"]))
        return found

    before, after = parts(first.path), parts(second.path)
    assert set(after) - set(before) == {"Janis Berzins"}  # a new actor
    assert before["Timur Sadykov"][1] == 1 and after["Timur Sadykov"][1] == 2  # a changed one
    assert before["Pavel Orlov"][1] == after["Pavel Orlov"][1] == 1  # one unchanged
    assert len({after[n][0] for n in after}) == 3  # in three parts of the sixteen
    assert os.path.samefile(after["Pavel Orlov"][0], before["Pavel Orlov"][0])
    for name in ("Timur Sadykov", "Janis Berzins"):  # new files, not in the first release
        assert not any(os.path.samefile(after[name][0], p) for p in data_files(first.path))
    shared, new = actor_parts_follow_changes(first.path, second.path)
    assert (shared, new) == (1, 2)
    # the release read the published part of Sadykov's bucket only (Berzins' had none)
    assert read == [before["Timur Sadykov"][0].stem]


def test_actors_published_in_one_part_without_buckets_are_laid_out_again(
    tmp_path: Path,
) -> None:
    import pyarrow.parquet as pq

    from diplodata.tables.build import article_rows

    every = facts()
    first = publish_on_top(tmp_path, 1, every[:-1], None)
    (part,) = parquet_files(first.path, "actors")  # as releases before buckets wrote it
    untagged = pq.read_table(part).replace_schema_metadata(None)
    part.chmod(0o644)
    pq.write_table(untagged, part, compression="zstd")
    assert ap.part_bucket(pq.read_metadata(part).metadata) is None
    tables = build_tables(every, EXTRACTOR_VERSION)
    kept = frozenset(f.article.article_id for f in every[:-1])
    new = inc.without_articles(tables, kept)
    _, (notes,) = article_rows(every[-1:], EXTRACTOR_VERSION)
    changed = frozenset(notes.actors)  # the new article's actors: their rows only, as a run
    new.actors = [a for a in new.actors if a.actor_id in changed]
    assert 0 < len(new.actors) < len(tables.actors)
    second = publish(new, tmp_path, _meta(2), increment=inc.Increment(first.path, kept, changed))
    assert rows(second.path) == rows(publish_on_top(tmp_path / "s", 1, every, None).path)
    (laid_out,) = parquet_files(second.path, "actors")
    assert not os.path.samefile(laid_out, part)
    assert ap.part_bucket(pq.read_metadata(laid_out).metadata) == (0, 1)


@pytest.mark.parametrize("check_rows", [20_000, 3])
def test_validation_reads_new_rows_and_checks_keys_across_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, check_rows: int
) -> None:
    import dataclasses

    from diplodata.publish import validate
    from diplodata.publish.release import PublishError

    monkeypatch.setattr(ap, "ROWS_PER_PART", 2)  # several new actors parts: one resource
    monkeypatch.setattr(validate, "CHECK_ROWS", check_rows)  # or one resource every 3 rows
    every = facts()
    first = publish_on_top(tmp_path, 1, every[:-1], None)
    tables = build_tables(every, EXTRACTOR_VERSION)
    published = {f.article.article_id for f in every[:-1]}

    def refused(new: Tables, n: int) -> list[str]:
        increment = inc.Increment(first.path, frozenset(published))
        with pytest.raises(PublishError) as caught:
            publish(new, tmp_path, _meta(n), increment=increment)
        return [str(p) for p in caught.value.problems]

    # changed actor rows with a bad state code: Frictionless reads the actors parts that
    # changed (one resource of several files), and each problem names its file and row
    bad = inc.without_articles(tables, published)
    wrong = {a.actor_id for a in bad.actors[::2]}
    bad.actors = [
        dataclasses.replace(a, country="Belarus") if a.actor_id in wrong else a for a in bad.actors
    ]
    problems = [p for p in refused(bad, 2) if "field country" in p]
    failed = tmp_path / "failed" / _meta(2).version
    located = set()
    for problem in problems:
        path, row = re.match(r"(data/actors-csv/part-\d+\.csv), row (\d+),", problem).groups()
        line = (failed / path).read_text(encoding="utf-8").splitlines()[int(row) - 1]
        located.add(line.split(",")[0])
    assert located == wrong and len(problems) == len(wrong)
    assert len({p.split(",")[0] for p in problems}) > 1  # in several files
    # a kept article's mention published again: a primary key twice, across two parts
    twice = inc.without_articles(tables, published)
    twice.actor_mentions = [*twice.actor_mentions, tables.actor_mentions[0]]
    assert any("primary key" in p and "actor_mentions" in p for p in refused(twice, 3))
    # a mention of an actor the actors table lacks: a foreign key unresolved
    orphan = inc.without_articles(tables, published)
    orphan.actors = [a for a in orphan.actors if a.actor_id != orphan.actor_mentions[0].actor_id]
    assert any("foreign key" in p and "actors" in p for p in refused(orphan, 4))
    assert publish_on_top(tmp_path, 5, every, first).counts["articles"] == len(every)


def test_a_csv_copy_without_a_row_of_its_parquet_part_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diplodata.publish.validate import validate_files
    from diplodata.tables.parts import csv_path, parquet_path

    monkeypatch.setattr(ap, "ROWS_PER_PART", 2)
    release = publish_on_top(tmp_path / "out", 1, facts(), None).path
    copy = tmp_path / "copy"
    shutil.copytree(release, copy)
    names = part_names(copy, "actors")[:3]
    paths = [rel for n in names for rel in (parquet_path("actors", n), csv_path("actors", n))]
    assert validate_files(copy, paths).valid
    damaged = copy / csv_path("actors", names[1])
    damaged.chmod(0o644)
    lines = damaged.read_text(encoding="utf-8").splitlines(keepends=True)
    damaged.write_text("".join(lines[:-1]), encoding="utf-8")
    problems = [str(p) for p in validate_files(copy, paths).problems]
    assert problems == [
        f"{parquet_path('actors', names[1])}: {len(lines) - 1} rows but {len(lines) - 2} "
        f"in its CSV copy {csv_path('actors', names[1])}"
    ]


def test_a_release_with_shared_parts_downloads_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diplodata.access.download import download

    monkeypatch.setattr(ap, "ROWS_PER_PART", 2)  # actors in parts, some shared
    every = facts()
    first = publish_on_top(tmp_path / "out", 1, every[:-1], None)
    second = publish_on_top(tmp_path / "out", 2, every, first)
    shared, new = actor_parts_follow_changes(first.path, second.path)
    assert shared and new
    for version in (None, first.version):  # the latest, then the older one beside it
        result = download(str(tmp_path / "out"), tmp_path / "dl", version)
        assert verify_release(result.path).ok
        assert frictionless_cli(result.path / "datapackage.json")["valid"] is True
    assert rows(tmp_path / "dl" / second.version) == rows(second.path)
    assert rows(tmp_path / "dl" / first.version) == rows(first.path)
    # the older release's download shares the parts the two releases share
    assert result.linked and all(
        os.path.samefile(tmp_path / "dl" / first.version / p, tmp_path / "dl" / second.version / p)
        for p in result.linked
    )
    assert len(result.linked) + len(result.fetched) == len(result.files)
    assert any(p.startswith("data/actors/") for p in result.linked)
    assert run_query("SELECT count(*) FROM articles", tmp_path / "dl").rows == [(len(every),)]
    (n,) = run_query("SELECT count(DISTINCT actor_id) FROM actors", tmp_path / "dl").rows[0]
    assert run_query("SELECT count(*) FROM actors", tmp_path / "dl").rows == [(n,)]


def test_typed_rows_made_into_arrow_a_chunk_at_a_time_are_the_same_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pyarrow as pa

    from diplodata.publish import package
    from diplodata.schemas import arrow_schema

    tables = build_tables(facts(), EXTRACTOR_VERSION)
    for name in ("actors", "actor_mentions"):
        rows = getattr(tables, name)
        whole = pa.Table.from_pylist(package.row_dicts(rows), schema=arrow_schema(name))
        monkeypatch.setattr(package, "ARROW_ROWS", 3)
        assert len(rows) > 3
        chunked = package.arrow_table(name, rows)
        assert chunked.equals(whole) and chunked.column(0).num_chunks == 1
        monkeypatch.undo()
