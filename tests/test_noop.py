"""A run with nothing new is answered from the input files' stat, before any flow runs;
anything that could change the release (a file touched, added or removed, another option,
a damaged or newer release) runs the flow."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplodata.cli import app
from diplodata.config import RunConfig
from diplodata.run import noop
from diplodata.run import pipeline as p
from diplodata.run.summary import RunSummary
from tests import stages
from tests.conftest import FIXTURES, SAMPLES, age, part_file


def _published(tmp_path: Path) -> RunConfig:
    """A release of the fixture articles, made as the flow makes it, and its mark."""
    articles = tmp_path / "articles"
    shutil.copytree(FIXTURES / "articles", articles)
    age(articles)
    config = RunConfig(articles=articles, out=tmp_path / "out")
    stages.publish(config)
    inputs = p.ingest(config)  # nothing read: what the run's walk saw
    summary = RunSummary(
        status="published", version=None, n_articles=len(stages.articles(config.out))
    )
    summary.rejects = ["input: example reject"]
    noop.mark(config, summary, inputs.stamps, inputs.others)
    return config


def test_nothing_new_is_known_from_stat(tmp_path: Path) -> None:
    config = _published(tmp_path)
    summary = noop.nothing_new(config)
    assert summary is not None and summary.status == "unchanged"
    assert summary.n_articles == len(list(config.articles.iterdir()))
    assert summary.rejects == ["input: example reject"]  # the same report as the flow's
    assert summary.message == noop.MESSAGE


@pytest.mark.parametrize(
    "change",
    ["touched", "added", "removed", "hidden", "include_text", "prune", "max_chars", "force"],
)
def test_any_change_of_input_or_options_runs_the_flow(tmp_path: Path, change: str) -> None:
    config = _published(tmp_path)
    first = sorted(config.articles.iterdir())[0]
    if change == "touched":
        os.utime(first)
    elif change == "added":
        shutil.copy(first, config.articles / "copy.txt")
    elif change == "removed":
        first.unlink()
    elif change == "hidden":
        (config.articles / ".draft.txt").write_text("x", encoding="utf-8")
    elif change == "max_chars":
        config = dataclasses.replace(config, max_chars=100)
    else:
        config = dataclasses.replace(config, **{change: True})
    assert noop.nothing_new(config) is None


def test_a_damaged_or_other_latest_release_runs_the_flow(tmp_path: Path) -> None:
    config = _published(tmp_path)
    latest = config.out / "latest"
    target = latest.resolve() / part_file(latest.resolve(), "actors-csv")
    target.chmod(0o644)
    with target.open("a", encoding="utf-8") as f:
        f.write("\n")
    assert noop.nothing_new(config) is None


def test_without_a_mark_or_with_another_folder_s_the_flow_runs(tmp_path: Path) -> None:
    config = _published(tmp_path)
    mark = config.out / ".state" / noop.MARK
    data = json.loads(mark.read_text(encoding="utf-8"))
    mark.write_text(json.dumps({**data, "stamps": "0" * 64}), encoding="utf-8")
    assert noop.nothing_new(config) is None
    mark.unlink()
    assert noop.nothing_new(config) is None


@pytest.mark.parametrize("code", ["reading_version", "TABLES_VERSION"])
def test_an_upgraded_extractor_runs_the_flow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str
) -> None:
    """A mark left by other code (an older extractor, reading or table code) is not
    "nothing new": the upgraded rules must see every article again."""
    config = _published(tmp_path)
    assert noop.nothing_new(config) is not None
    if code == "reading_version":
        monkeypatch.setattr(noop, code, lambda: "0" * 16)
    else:
        monkeypatch.setattr(noop, code, "0" * 8)
    assert noop.nothing_new(config) is None


def test_a_file_modified_just_now_leaves_no_mark(tmp_path: Path) -> None:
    config = _published(tmp_path)
    os.utime(sorted(config.articles.iterdir())[0])  # a write in this clock tick could follow
    inputs = p.ingest(config)
    summary = RunSummary(
        status="unchanged", version=None, n_articles=len(stages.articles(config.out))
    )
    noop.mark(config, summary, inputs.stamps, inputs.others)
    assert not (config.out / ".state" / noop.MARK).exists()
    assert noop.nothing_new(config) is None


@pytest.mark.slow
def test_the_second_run_of_the_cli_starts_no_flow(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles, out = tmp_path / "a", tmp_path / "out"
    shutil.copytree(SAMPLES, articles)
    age(articles)
    argv = ["run", "--articles", str(articles), "--out", str(out)]
    first = CliRunner().invoke(app, argv)
    assert first.exit_code == 0 and "Published release" in first.output, first.output
    second = CliRunner().invoke(app, argv)
    assert second.exit_code == 0, second.output
    assert noop.MESSAGE in second.output and "check " in second.output
    shutil.copy(FIXTURES / "articles" / "extra_visit.txt", articles / "new.txt")
    from diplodata.ingest import articles as reading

    walks: list[Path] = []
    walk = reading.walk
    monkeypatch.setattr(
        reading, "walk", lambda folder, *a: walks.append(folder) or walk(folder, *a)
    )
    third = CliRunner().invoke(app, argv)
    assert third.exit_code == 0 and "Published release" in third.output, third.output
    assert walks == [articles]  # the flow's ingest took the command's walk
