"""The run's articles kept in the state store (``diplodata.run.run_articles``), not in memory:
the plan read from there gives what the records in memory gave (the same parts, pages,
counts and article rows) on new, changed, removed and unchanged inputs; the files sorted out
in SQLite are those reading the folder whole gives; a run killed mid-plan leaves nothing
that the next run reads."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from diplodata.access.query import run_query
from diplodata.config import RunConfig
from diplodata.extract import EXTRACTOR_VERSION
from diplodata.ingest.articles import read_folder
from diplodata.ingest.records import info_of
from diplodata.run import pipeline as p
from diplodata.run.run_articles import CACHED, INPUT, PUBLISHED, TODO, RunArticles
from diplodata.schemas import TABLES
from diplodata.tables.build import article_row
from diplodata.tables.published import ROW_FIELDS, article_table
from tests import stages
from tests.conftest import FIXTURES, SAMPLES, age


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(SAMPLES, folder)
    shutil.copytree(FIXTURES / "articles", folder, dirs_exist_ok=True)
    age(folder)
    return folder


def _tables(release: Path) -> dict[str, list[tuple[object, ...]]]:
    return {t: run_query(f"SELECT * FROM {t} ORDER BY ALL", release).rows for t in TABLES}


def _chunks(items: list[object], size: int) -> list[list[object]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def test_the_plan_in_the_store_gives_what_the_records_in_memory_gave(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    first = stages.publish(config)
    names = sorted(folder.glob("*.txt"))
    new, edited, removed = folder / "new.txt", folder / "call_and_trade.txt", names[0]
    new.write_text(names[1].read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    edited.write_text(edited.read_text(encoding="utf-8") + "\nAn edit.\n", "utf-8")
    removed.unlink()
    age(folder)

    inputs = p.carry(p.ingest(config), config.out)
    records = stages.articles(config.out)  # in the run's order: the input, then the kept
    base = p.find_base(config.out)
    assert base is not None
    planned = p.plan(inputs, config.out, base=base)

    # what main's plan did with the records in memory: the base keeps an article whose row
    # it publishes exactly so; the others are looked up (none is cached: new texts)
    columns = ", ".join(ROW_FIELDS)
    published = set(run_query(f"SELECT {columns} FROM articles", first.path).rows)
    row = {a.article_id: dataclasses.astuple(article_row(a, EXTRACTOR_VERSION)) for a in records}
    fresh = [a for a in records if row[a.article_id] not in published]
    assert sorted(a.source for a in fresh) == sorted([new.name, edited.name])
    kept = [a for a in records if a not in fresh]
    runs = {r[1]: r for r in published}
    assert planned.infos(TODO) == fresh and planned.infos(CACHED) == []
    assert planned.infos(PUBLISHED) == kept and planned.infos() == records
    assert [a.source for a in planned.kept] == [removed.name] == [records[-1].source]
    assert planned.dropped == [runs[edited.name][0]]
    assert (planned.count(), planned.count(TODO), planned.count(PUBLISHED)) == (
        len(records),
        2,
        len(records) - 2,
    )
    assert list(planned.pages(PUBLISHED, 2)) == _chunks(list(kept), 2)
    assert planned.article_table().equals(article_table(records, EXTRACTOR_VERSION))
    assert not p.nothing_new_in(planned)

    p.set_aside(planned, [p.Skipped(edited.name, "set aside")])
    assert [a.source for a in planned.infos(TODO)] == [new.name]
    assert planned.count() == len(records) - 1 and planned.skipped[-1].source == edited.name


def test_a_run_s_articles_without_a_base_are_cached_or_to_extract(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    planned = stages.plan(config)  # extracts them
    records = planned.infos()
    assert planned.infos(TODO) == records and planned.count(CACHED) == 0
    again = stages.plan(config, base=False)
    assert again.infos(CACHED) == records and again.count(TODO) == 0
    with RunArticles(config.out) as run:
        ids = run.column("article_id").to_pylist()
        assert sorted(ids) == sorted(a.article_id for a in records) and len(set(ids)) == len(ids)
        pages = list(run.pages(size=2, by_id=True))
    assert pages == _chunks(sorted(records, key=lambda a: a.article_id), 2)


def test_the_files_sorted_out_in_sqlite_are_those_the_folder_read_whole_gives(
    tmp_path: Path,
) -> None:
    """Duplicates, texts too long, files too large to read, empty and unreadable files and
    rejects: the same articles and reasons, whether the files are read or known."""
    folder = tmp_path / "articles"
    shutil.copytree(FIXTURES / "articles", folder)
    call = (folder / "call_and_trade.txt").read_text(encoding="utf-8")
    (folder / "a-copy.txt").write_text(call, encoding="utf-8")  # before it in the walk
    (folder / "long.txt").write_text(call + "\n" + "More words here. " * 40, "utf-8")
    (folder / "big.txt").write_text("x" * 4000, encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "latin.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    age(folder)
    config = RunConfig(articles=folder, out=tmp_path / "out", max_chars=900)

    batch = p.screen(read_folder(folder, config.max_chars), config.max_chars)
    expected = [info_of(a) for a in batch.articles]
    reasons = sorted((s.source, s.reason) for s in batch.skipped)
    assert [a.source for a in expected] == ["a-copy.txt", "extra_visit.txt", "offtopic_match.txt"]
    assert [source for source, _ in reasons] == [
        "big.txt",
        "call_and_trade.txt",
        "empty.txt",
        "latin.txt",
        "long.txt",
    ]

    read = p.ingest(config)
    assert read.read == len(list(folder.iterdir())) - 1  # but the one too large
    assert stages.articles(config.out) == expected
    assert sorted((s.source, s.reason) for s in read.skipped) == reasons
    known = p.ingest(config)
    assert known.read == 0
    assert stages.articles(config.out) == expected
    assert known.skipped == read.skipped


def test_a_run_killed_mid_plan_leaves_nothing_the_next_run_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    stages.publish(config)
    names = sorted(folder.glob("*.txt"))
    (folder / "new.txt").write_text(names[0].read_text("utf-8") + "\nOne more.\n", "utf-8")
    age(folder)

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(RunArticles, "_set_parts", killed)
        with pytest.raises(KeyboardInterrupt):
            stages.publish(config)
    with RunArticles(config.out) as run:  # the plan rolled back: the parts the ingest left
        assert run.count((INPUT,)) == run.count() > len(names) // 2  # every file touched
        assert run.based_on() == p.release_mark(config.out / "latest")  # the first release's
    after = stages.publish(config)
    scratch = stages.publish(RunConfig(articles=folder, out=tmp_path / "scratch"))
    assert _tables(after.path) == _tables(scratch.path)
