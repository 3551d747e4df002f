"""A run reads the latest release's files only when they changed since a run last read them
(``publish.verify.Digests``: sha256 by path, size and modification time in the state
store), shared files of a new release included; a changed or damaged file is still found,
and ``diplodata verify`` still reads every file."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from diplodata.config import RunConfig
from diplodata.publish import verify
from diplodata.publish.verify import verify_release
from diplodata.run import pipeline as p
from tests import stages
from tests.conftest import FIXTURES, part_file

HOUR = 3600 * 10**9


def _age(folder: Path) -> None:
    """Every file under ``folder`` last modified an hour ago (settled: remembered)."""
    past = time.time_ns() - HOUR
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(past, past))


def _config(tmp_path: Path) -> RunConfig:
    folder = tmp_path / "articles"
    shutil.copytree(FIXTURES / "articles", folder)
    _age(folder)
    return RunConfig(articles=folder, out=tmp_path / "out")


def _published(tmp_path: Path) -> tuple[RunConfig, Path]:
    """A first release of the fixture articles, its files settled."""
    config = _config(tmp_path)
    release = stages.publish(config).path
    _age(release)
    return config, release


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files read from now on (their sha256 computed), as a new process would: nothing
    it read before is known to it."""
    read: list[Path] = []
    real = verify.sha256_file

    def counted(path: Path) -> str:
        read.append(path)
        return real(path)

    monkeypatch.setattr(verify, "sha256_file", counted)
    verify._DIGESTS.clear()
    return read


def test_a_run_reads_the_latest_release_once_and_finds_a_file_changed_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, release = _published(tmp_path)
    first = _reads(monkeypatch)
    assert p.damaged_latest(config.out) == []  # every file read, and remembered
    assert len(first) == verify_release(release).checked
    again = _reads(monkeypatch)
    assert p.damaged_latest(config.out) == [] and p.find_base(config.out) is not None
    assert again == []  # the next run reads none of them
    name = part_file(release, "articles")
    damaged = release / name
    damaged.chmod(0o644)
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0x01  # the same size, a new modification time
    damaged.write_bytes(bytes(data))
    third = _reads(monkeypatch)
    problems = p.damaged_latest(config.out)
    assert len(problems) == 1 and name in problems[0] and third == [damaged]
    assert p.find_base(config.out) is None  # no intact release to build on
    # a modification time in the past again (not the recorded one): read and found again
    past = time.time_ns() - HOUR
    os.utime(damaged, ns=(past, past))
    assert p.damaged_latest(config.out) != []  # read again (another time), then remembered
    assert not verify_release(release).ok


def test_the_files_a_release_shares_with_its_base_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, first = _published(tmp_path)
    text = (FIXTURES / "articles" / "extra_visit.txt").read_text(encoding="utf-8")
    (config.articles / "later.txt").write_text(text + "\nThe talks lasted two hours.\n")
    _age(config.articles)
    second = stages.publish(config).path
    shared = {
        path
        for path in second.rglob("*")
        if path.is_file()
        and (first / path.relative_to(second)).exists()
        and path.stat().st_ino == (first / path.relative_to(second)).stat().st_ino
    }
    past = time.time_ns() - HOUR
    for path in second.rglob("*"):  # what the second run wrote, settled too
        if path.is_file() and path not in shared:
            os.utime(path, ns=(past, past))
    assert shared  # the parts with only unchanged articles
    read = _reads(monkeypatch)
    assert p.damaged_latest(config.out) == []
    assert read and shared.isdisjoint(read)  # only its own files are read
    assert _reads(monkeypatch) == [] and p.damaged_latest(config.out) == []
