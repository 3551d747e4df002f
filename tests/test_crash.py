"""Crashes: a real `diplodata run` subprocess killed with a real signal at six points, a
damaged latest release, and the temporary Prefect server that must die with its run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diplodata.access.query import run_query
from diplodata.config import RunConfig
from diplodata.publish.verify import verify_release
from diplodata.schemas import TABLES
from tests.conftest import FIXTURES, ROOT, SAMPLES, part_file

pytestmark = pytest.mark.slow


def _articles(folder: Path, with_fixtures: bool) -> Path:
    shutil.copytree(SAMPLES, folder, dirs_exist_ok=True)
    if with_fixtures:
        shutil.copytree(FIXTURES / "articles", folder, dirs_exist_ok=True)
    return folder


def _tables(out: Path) -> dict[str, list[tuple[object, ...]]]:
    return {t: run_query(f"SELECT * FROM {t} ORDER BY ALL", out).rows for t in TABLES}


def _start(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "diplodata", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait_for(marker: Path, process: subprocess.Popen[str], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not marker.exists():
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise AssertionError(f"the run ended before the pause point:\n{output[-3000:]}")
        assert time.monotonic() < deadline, "the run never reached the pause point"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def uninterrupted(prefect_server: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from flows.pipeline import diplodata_run

    tmp = tmp_path_factory.mktemp("whole")
    out = tmp / "out"
    summary = diplodata_run(RunConfig(articles=_articles(tmp / "a", True), out=out))
    assert summary.status == "published"
    return out


@pytest.mark.parametrize(
    ("point", "sig"),
    [
        ("ingest", signal.SIGKILL),  # early
        ("extract", signal.SIGTERM),  # mid-extraction
        ("parquet", signal.SIGKILL),  # while writing Parquet
        ("catalog", signal.SIGKILL),  # between the switch of `latest` and the catalog
        ("cache", signal.SIGTERM),  # during the cache write
        ("rows", signal.SIGKILL),  # after a batch of rows was made and spooled
    ],
)
def test_run_killed_at_any_point_leaves_the_release_intact_and_the_rerun_identical(
    prefect_server: None, uninterrupted: Path, tmp_path: Path, point: str, sig: int
) -> None:
    from prefect.settings import PREFECT_API_URL

    from flows.pipeline import diplodata_run

    articles, out = tmp_path / "a", tmp_path / "out"
    first = diplodata_run(RunConfig(articles=_articles(articles, False), out=out))
    assert first.status == "published"
    _articles(articles, True)  # three new articles arrive
    marker = tmp_path / "paused"
    env = {
        **os.environ,
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "DIPLODATA_PAUSE_AT": point,
        "DIPLODATA_PAUSE_FILE": str(marker),
    }
    run = _start(["run", "--articles", str(articles), "--out", str(out), "--batch-size", "1"], env)
    _wait_for(marker, run)
    children = _children(run.pid)  # the extraction worker, when it is running
    run.send_signal(sig)
    run.wait(30)
    assert run.returncode == -sig
    deadline = time.monotonic() + 15
    while any(map(_alive, children)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(map(_alive, children)), "a child process outlived the run"
    # the published release is whole: the previous one, or the new one once `latest` moved
    latest = (out / "latest").resolve()
    assert verify_release(latest).ok
    assert latest.name == (first.version if point != "catalog" else latest.name)
    again = diplodata_run(RunConfig(articles=articles, out=out))
    assert again.status == ("unchanged" if point == "catalog" else "published"), again.message
    if point in ("rows", "parquet"):  # every article was extracted and cached before the kill
        assert again.n_extracted == 0
    assert _tables(out) == _tables(uninterrupted)
    catalog = json.loads((out / "catalog.json").read_text())
    assert catalog["latest"] == (out / "latest").resolve().name
    assert {r["version"] for r in catalog["releases"]} == {
        p.name for p in (out / "releases").iterdir()
    }
    leftovers = [*out.rglob("*.tmp"), *out.glob(".staging-*"), *out.glob(".latest.*")]
    assert leftovers == []


def test_a_run_killed_after_resolving_a_published_namesake_again_changes_no_later_release(
    prefect_server: None, tmp_path: Path
) -> None:
    """The killed run moved a published article's person to a namesake's id and stored its
    notes so; the next run (nothing new to extract) must still rebuild that article."""
    from prefect.settings import PREFECT_API_URL

    from flows.pipeline import diplodata_run
    from tests.test_increment import ORLOV

    articles, out = tmp_path / "a", tmp_path / "out"
    articles.mkdir()

    def write(name: str, **fields: str) -> None:
        (articles / name).write_text(ORLOV.format(**fields), encoding="utf-8")

    write("a.txt", place="Moscow", date="12 March 2019", state="Russian", extra="")
    first = diplodata_run(RunConfig(articles=articles, out=out))
    assert first.status == "published"
    # the Ukrainian Orlov, in two articles, takes the plain id from a.txt's Russian one
    write("b.txt", place="Kyiv", date="4 June 2020", state="Ukrainian", extra="")
    write("c.txt", place="Kyiv", date="9 June 2020", state="Ukrainian", extra="Talks went on.")
    marker = tmp_path / "paused"
    env = {
        **os.environ,
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "DIPLODATA_PAUSE_AT": "parquet",  # its tables built, a.txt made into rows again
        "DIPLODATA_PAUSE_FILE": str(marker),
    }
    run = _start(["run", "--articles", str(articles), "--out", str(out)], env)
    _wait_for(marker, run)
    run.send_signal(signal.SIGKILL)
    run.wait(30)
    assert (out / "latest").resolve().name == first.version
    again = diplodata_run(RunConfig(articles=articles, out=out))
    assert again.status == "published", again.message
    assert again.n_extracted == 0
    scratch = diplodata_run(RunConfig(articles=articles, out=tmp_path / "scratch"))
    assert scratch.status == "published"
    assert _tables(out) == _tables(tmp_path / "scratch")
    changelog = (out / "latest" / "CHANGELOG.md").read_text()
    assert "made into rows again" in changelog and "a.txt" in changelog


@pytest.mark.parametrize(("table", "new_input"), [("articles", False), ("actors", True)])
def test_a_damaged_latest_release_is_rebuilt_by_the_next_run(
    prefect_server: None, uninterrupted: Path, tmp_path: Path, table: str, new_input: bool
) -> None:
    from flows.pipeline import diplodata_run

    articles, out = tmp_path / "a", tmp_path / "out"
    diplodata_run(RunConfig(articles=_articles(articles, new_input is False), out=out))
    latest = (out / "latest").resolve()
    damaged = latest / part_file(latest, table)
    damaged.chmod(0o644)
    damaged.write_bytes(damaged.read_bytes()[:100])
    if new_input:
        _articles(articles, True)
    summary = diplodata_run(RunConfig(articles=articles, out=out))
    assert summary.status == "published", summary.message
    assert verify_release((out / "latest").resolve()).ok
    assert _tables(out) == _tables(uninterrupted)
    changelog = (out / "latest" / "CHANGELOG.md").read_text()
    assert "was damaged" in changelog


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_the_temporary_prefect_server_dies_with_its_run(tmp_path: Path, sig: int) -> None:
    marker = tmp_path / "paused"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env |= {"DIPLODATA_PAUSE_AT": "ingest", "DIPLODATA_PAUSE_FILE": str(marker)}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    out = tmp_path / "out"
    run = _start(["run", "--articles", str(SAMPLES), "--out", str(out)], env)
    _wait_for(marker, run)
    servers = [p for p in _children(run.pid) if "uvicorn" in Path(f"/proc/{p}/cmdline").read_text()]
    assert len(servers) == 1
    run.send_signal(sig)
    run.wait(30)
    deadline = time.monotonic() + 15
    while _alive(servers[0]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(servers[0])
