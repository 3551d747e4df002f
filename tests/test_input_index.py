"""Change detection by stat: a run reads, hashes and screens only the input files whose
size, modification time, change time or inode changed since the previous run
(``input_index``); an unchanged file's article is carried by its record, its text read
neither from the file nor from the article store."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from diplodata.access.query import run_query
from diplodata.config import RunConfig
from diplodata.ingest import articles as ingest
from diplodata.ingest.input_index import InputIndex
from diplodata.run import pipeline as p
from diplodata.run import state
from diplodata.run.run_articles import CACHED, TODO, RunArticles
from diplodata.run.state_db import db_path
from tests import stages
from tests.conftest import FIXTURES

HOUR = 3600 * 10**9


def _corpus(tmp_path: Path) -> Path:
    """The fixture articles, each with a one-letter last line, all modified an hour ago."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for src in sorted((FIXTURES / "articles").glob("*.txt")):
        text = src.read_text(encoding="utf-8").rstrip("\n")
        (folder / src.name).write_text(f"{text}\n\nNote A.\n", encoding="utf-8")
    for path in folder.iterdir():
        _age(path)
    return folder


def _age(path: Path, ns: int = HOUR) -> None:
    past = time.time_ns() - ns
    os.utime(path, ns=(past, past))


def _run(config: RunConfig) -> p.Plan:
    """The flow's steps up to extraction, without Prefect: what a run reads and extracts."""
    return stages.plan(config)


def _forbid_reading(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every file the run reads through ``ingest.read_file``."""
    read: list[Path] = []
    real = ingest.read_file

    def spy(path: Path, source: str | None = None):  # type: ignore[no-untyped-def]
        read.append(path)
        return real(path, source)

    monkeypatch.setattr(ingest, "read_file", spy)
    return read


def _texts_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every article text the run reads back from the article store."""
    read: list[str] = []
    real = state.decode_article

    def spy(sha256: str, text: str):  # type: ignore[no-untyped-def]
        read.append(sha256)
        return real(sha256, text)

    monkeypatch.setattr(state, "decode_article", spy)
    return read


def _text(config: RunConfig, sha256: str) -> str:
    [article], _ = p.load_articles([_info(config, sha256)], config.out)
    return article.text


def _info(config: RunConfig, sha256: str):  # type: ignore[no-untyped-def]
    with InputIndex(config.out) as index:
        [info] = [e.info for e in index.entries().values() if e.info and e.info.sha256 == sha256]
    return info


def test_an_unchanged_folder_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = RunConfig(articles=_corpus(tmp_path), out=tmp_path / "out")
    first = _run(config)
    assert first.infos(TODO) and not first.infos(CACHED)
    read, texts = _forbid_reading(monkeypatch), _texts_read(monkeypatch)
    second = _run(config)
    assert read == []  # no file opened, hashed or screened
    assert texts == []  # nor its text read back from the article store
    assert [a.sha256 for a in second.infos()] == [a.sha256 for a in first.infos()]
    assert [a.source for a in second.infos()] == [a.source for a in first.infos()]
    assert second.infos(TODO) == [] and second.count(CACHED) == first.count()


def test_a_touched_file_is_read_again_but_not_re_extracted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    _run(config)
    touched = sorted(folder.iterdir())[0]
    _age(touched, HOUR // 2)  # same content, a new modification time
    read = _forbid_reading(monkeypatch)
    plan = _run(config)
    assert read == [touched]
    assert plan.infos(TODO) == []  # its text is the same: the cached facts are used


def test_an_edit_of_the_same_size_is_seen_by_its_new_mtime(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    before = {a.source: a.sha256 for a in _run(config).infos()}
    edited = sorted(folder.iterdir())[-1]
    size = edited.stat().st_size
    edited.write_text(edited.read_text(encoding="utf-8").replace("Note A.", "Note B."), "utf-8")
    assert edited.stat().st_size == size
    _age(edited, HOUR // 2)
    read = _forbid_reading(monkeypatch)
    plan = _run(config)
    assert read == [edited]
    [new] = plan.infos(TODO)
    assert new.source == edited.name and new.sha256 != before[edited.name]
    assert "Note B." in _text(config, new.sha256)
    assert {a.source: a.sha256 for a in plan.infos() if a.source != edited.name} == {
        s: h for s, h in before.items() if s != edited.name
    }


def test_a_file_replaced_with_the_same_size_and_mtime_is_seen_by_its_inode(
    tmp_path: Path,
) -> None:
    folder = _corpus(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    _run(config)
    target = sorted(folder.iterdir())[0]
    st = target.stat()
    replacement = tmp_path / "replacement.txt"
    text = target.read_text(encoding="utf-8").replace("Note A.", "Note C.")
    replacement.write_text(text, encoding="utf-8")
    os.utime(replacement, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(replacement, target)  # a new inode, as editors and rsync write files
    plan = _run(config)
    [new] = plan.infos(TODO)
    assert new.source == target.name and "Note C." in _text(config, new.sha256)


def test_a_rewrite_that_restores_size_and_mtime_is_seen_by_its_ctime(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    _run(config)
    target = sorted(folder.iterdir())[-1]
    st = target.stat()
    time.sleep(0.01)  # the change time moves on
    target.write_text(target.read_text(encoding="utf-8").replace("Note A.", "Note D."), "utf-8")
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))  # as `touch -r` or a copy tool
    assert (target.stat().st_size, target.stat().st_ino) == (st.st_size, st.st_ino)
    [new] = _run(config).infos(TODO)
    assert new.source == target.name and "Note D." in _text(config, new.sha256)


def _indexed(config: RunConfig) -> set[str]:
    with InputIndex(config.out) as index:
        return set(index.entries())


def test_a_file_changed_just_now_is_not_trusted_next_time(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    fresh = sorted(folder.iterdir())[0]
    os.utime(fresh)  # modified now: a write in the same clock tick could follow unseen
    first = p.ingest(config)
    assert _indexed(config) == {p.name for p in folder.iterdir()} - {fresh.name}
    assert first.stamps is None  # and the next run cannot be answered as "nothing new"
    _age(fresh)
    assert p.ingest(config).read == 1 and _indexed(config) == {p.name for p in folder.iterdir()}


def test_an_index_from_other_reading_code_or_damaged_is_ignored(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    out = tmp_path / "out"
    config = RunConfig(articles=folder, out=out)
    _run(config)
    n = len(list(folder.iterdir()))
    with sqlite3.connect(db_path(out)) as con:
        con.execute(
            "UPDATE inputs SET info = '[1, 2' WHERE source = ?", [sorted(_indexed(config))[0]]
        )
    assert p.ingest(config).read == 0  # the run's kept rows: the index is not looked at
    with RunArticles(out) as run:
        run.start()  # the rows made again from scratch: from the index
    assert p.ingest(config).read == 1  # a damaged entry: that file is read again
    with sqlite3.connect(db_path(out)) as con:
        con.execute("UPDATE inputs SET version = 'other'")
        con.execute("UPDATE run_kept SET made = 'other'")  # the rows too: made again
    assert _indexed(config) == set()
    inputs = p.ingest(config)  # read again, and the other code's entries are replaced
    assert (inputs.read, len(stages.articles(out)), len(_indexed(config))) == (n, n, n)


def test_a_removed_file_is_forgotten_and_its_article_leaves_the_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    before = p.ingest(config)
    sources_before = [a.source for a in stages.articles(config.out)]
    removed = sorted(folder.iterdir())[0]
    removed.unlink()
    read = _forbid_reading(monkeypatch)
    after = p.ingest(config)
    assert read == [] and after.read == 0
    assert removed.name not in _indexed(config)
    assert [a.source for a in stages.articles(config.out)] == [
        source for source in sources_before if source != removed.name
    ]
    assert after.stamps != before.stamps  # the check for nothing new sees it too


def test_an_unchanged_article_s_text_is_never_read_back_to_publish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    first = stages.publish(config)
    # every stored text is damaged, and any read of a text from the store is counted:
    # a run with one more article publishes without reading any of them
    with sqlite3.connect(db_path(config.out)) as con:
        con.execute("UPDATE articles SET record = 'damaged'")
    shutil.copy(sorted(folder.iterdir())[0], folder / "new.txt")
    with (folder / "new.txt").open("a", encoding="utf-8") as handle:
        handle.write("One more line.\n")
    _age(folder / "new.txt")
    read, texts = _forbid_reading(monkeypatch), _texts_read(monkeypatch)
    second = stages.publish(config)
    assert read == [folder / "new.txt"]
    stored = {sha for sha in texts if sha}  # only the new article's text, stored this run
    with InputIndex(config.out) as index:
        new = index.entries()["new.txt"].info
    assert new is not None and stored <= {new.sha256}
    ids = "SELECT source FROM articles ORDER BY source"
    assert run_query(ids, second.path).rows == sorted(
        [*run_query(ids, first.path).rows, ("new.txt",)]
    )


def test_a_sidecar_change_is_a_change_of_its_article(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    _run(config)
    target = sorted(folder.iterdir())[0]
    sidecar = target.with_suffix(".json")
    sidecar.write_text(json.dumps({"url": "https://example.org/a"}), encoding="utf-8")
    _age(sidecar)
    [article] = [a for a in _run(config).infos() if a.source == target.name]
    assert article.url == "https://example.org/a"


def test_a_moved_article_is_read_under_its_new_name(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    _run(config)
    target = sorted(folder.iterdir())[0]
    (folder / "moved").mkdir()
    shutil.move(target, folder / "moved" / target.name)
    sources = {a.source for a in _run(config).infos()}
    assert f"moved/{target.name}" in sources


def test_the_walk_compared_in_sqlite_finds_what_the_index_s_entries_give(tmp_path: Path) -> None:
    """The walk is compared with the index in SQLite (no entry per recorded file in Python):
    each file is known, with the record the entries by source give, exactly when they have
    one with the same stamp (its record intact), and to read otherwise; removed files are
    forgotten."""
    from diplodata.ingest.walk import walk
    from diplodata.run.run_articles import info_of_row

    folder = _corpus(tmp_path)
    for path in sorted(folder.iterdir()):  # nine files
        for mark in "BC":
            copy = path.with_name(f"{mark.lower()}-{path.name}")
            copy.write_text(path.read_text(encoding="utf-8") + f"Note {mark}.\n", "utf-8")
            _age(copy)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    _run(config)
    names = sorted(folder.iterdir())
    names[0].write_text(names[0].read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    _age(names[0])
    names[1].unlink()
    (folder / "new.txt").write_text(names[2].read_text(encoding="utf-8") + "New.\n", "utf-8")
    with sqlite3.connect(db_path(config.out)) as con:  # damaged records: read again
        con.execute("UPDATE inputs SET info = '[1, 2' WHERE source = ?", [names[3].name])
        for name, info in ((names[5].name, "[1, 2, 3]"), (names[6].name, '"a string"')):
            con.execute("UPDATE inputs SET info = ? WHERE source = ?", [info, name])
        bad_date = json.loads(
            con.execute("SELECT info FROM inputs WHERE source = ?", [names[7].name]).fetchone()[0]
        )
        bad_date[3] = "2023-02-30"
        con.execute(
            "UPDATE inputs SET info = ? WHERE source = ?", [json.dumps(bad_date), names[7].name]
        )
    found = walk(folder)
    with InputIndex(config.out) as index:
        entries = index.entries()
        index.compare(found.files)
        n_unread = index.sort_in(10**9)
        columns = "source, state, article_id, source, sha256, n_chars, title, published_date, "
        columns += "url, publisher, language, license, reject"
        rows = index.con.execute(f"SELECT {columns} FROM temp.outcomes ORDER BY pos").fetchall()
        index.forget_unwalked()
        left = set(index.entries())
    assert [r[0] for r in rows] == [f.source for f in found.files]
    for file, (source, kind, *record, reject) in zip(found.files, rows, strict=True):
        recorded = entries.get(file.source)
        same = recorded if recorded is not None and recorded.stamp == file.stamp else None
        assert (kind == "known") == (same is not None), source
        if same is not None:
            assert (info_of_row(record) if record[0] else None, reject) == (same.info, same.reject)
    kinds = {r[0]: r[1] for r in rows}
    assert kinds[names[0].name] == "unread" and kinds["new.txt"] == "unread"
    assert {kinds[names[n].name] for n in (3, 5, 6, 7)} == {"unread"}
    assert kinds[names[4].name] == "known" and n_unread == 6
    assert names[1].name not in left and names[4].name in left
