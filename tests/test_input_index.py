"""Change detection by stat: a run reads, hashes and screens only the input files whose
size, modification time or inode changed since the previous run (``input_index``)."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from diplodata import ingest
from diplodata import pipeline as p
from diplodata.config import RunConfig
from diplodata.input_index import INDEX, InputIndex
from diplodata.state import STATE_DIR
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
    plan = p.plan(p.carry(p.ingest(config), config.out), config.out)
    p.extract_batch(plan.todo, config.out)
    return plan


def _forbid_reading(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every file the run reads through ``ingest.read_file``."""
    read: list[Path] = []
    real = ingest.read_file

    def spy(path: Path, source: str | None = None):  # type: ignore[no-untyped-def]
        read.append(path)
        return real(path, source)

    monkeypatch.setattr(ingest, "read_file", spy)
    return read


def test_an_unchanged_folder_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = RunConfig(articles=_corpus(tmp_path), out=tmp_path / "out")
    first = _run(config)
    assert first.todo and not first.cached
    read = _forbid_reading(monkeypatch)
    second = _run(config)
    assert read == []  # no file opened, hashed or screened
    assert [a.sha256 for a in second.articles] == [a.sha256 for a in first.articles]
    assert [a.source for a in second.articles] == [a.source for a in first.articles]
    assert second.todo == [] and len(second.cached) == len(first.articles)


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
    assert plan.todo == []  # its text is the same: the cached facts are used


def test_an_edit_of_the_same_size_is_seen_by_its_new_mtime(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    before = {a.source: a.sha256 for a in _run(config).articles}
    edited = sorted(folder.iterdir())[-1]
    size = edited.stat().st_size
    edited.write_text(edited.read_text(encoding="utf-8").replace("Note A.", "Note B."), "utf-8")
    assert edited.stat().st_size == size
    _age(edited, HOUR // 2)
    read = _forbid_reading(monkeypatch)
    plan = _run(config)
    assert read == [edited]
    [new] = plan.todo
    assert new.source == edited.name and new.sha256 != before[edited.name]
    assert {a.source: a.sha256 for a in plan.articles if a.source != edited.name} == {
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
    [new] = plan.todo
    assert new.source == target.name and "Note C." in new.text


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
    [new] = _run(config).todo
    assert new.source == target.name and "Note D." in new.text


def test_a_file_changed_just_now_is_not_trusted_next_time(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    fresh = sorted(folder.iterdir())[0]
    os.utime(fresh)  # modified now: a write in the same clock tick could follow unseen
    _run(config)
    files = json.loads((config.out / STATE_DIR / INDEX).read_text(encoding="utf-8"))["files"]
    assert fresh.name not in files
    assert set(files) == {p.name for p in folder.iterdir()} - {fresh.name}


def test_an_index_from_other_reading_code_or_damaged_is_ignored(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    out = tmp_path / "out"
    config = RunConfig(articles=folder, out=out)
    _run(config)
    path = out / STATE_DIR / INDEX
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "version": "other"}), encoding="utf-8")
    assert InputIndex(out).entries == {}
    path.write_text(path.read_text(encoding="utf-8")[:20], encoding="utf-8")
    assert InputIndex(out).entries == {}
    assert len(_run(config).articles) == len(list(folder.iterdir()))


def test_a_sidecar_change_is_a_change_of_its_article(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    _run(config)
    target = sorted(folder.iterdir())[0]
    sidecar = target.with_suffix(".json")
    sidecar.write_text(json.dumps({"url": "https://example.org/a"}), encoding="utf-8")
    _age(sidecar)
    [article] = [a for a in _run(config).articles if a.source == target.name]
    assert article.url == "https://example.org/a"


def test_a_moved_article_is_read_under_its_new_name(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    _run(config)
    target = sorted(folder.iterdir())[0]
    (folder / "moved").mkdir()
    shutil.move(target, folder / "moved" / target.name)
    sources = {a.source for a in _run(config).articles}
    assert f"moved/{target.name}" in sources
