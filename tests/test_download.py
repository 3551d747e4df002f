"""Download a real published output folder over a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplodata.access.download import (
    CorruptFileError,
    DownloadError,
    UnknownVersionError,
    download,
    file_specs,
)
from diplodata.access.query import run_query
from diplodata.cli import app
from diplodata.ingest.http import Retry
from diplodata.publish.package import sha256_file
from diplodata.publish.release import publish
from tests.conftest import part_file
from tests.httpserver import TestServer, serve
from tests.test_release import _meta, _tables

FAST = Retry(attempts=4, backoff=0.01)
V1, V2 = "2026-01-01.1", "2026-01-01.2"
DUCKDB = f"/releases/{V2}/diplodata.duckdb"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder with two releases, published once for the module."""
    out = tmp_path_factory.mktemp("published")
    publish(_tables(), out, _meta(V1))
    publish(_tables(" More."), out, _meta(V2))
    return out


@pytest.fixture
def site(published: Path, tmp_path: Path) -> Iterator[TestServer]:
    """A private copy of the output folder (tests may tamper with it), served over HTTP."""
    root = tmp_path / "site"
    shutil.copytree(published, root, symlinks=True)
    with serve(root) as server:
        yield server


def _descriptor(release: Path) -> dict[str, object]:
    return dict(json.loads((release / "datapackage.json").read_text()))


def _files(release: Path) -> int:
    """Every file of a published release but its descriptor."""
    return sum(1 for p in release.rglob("*") if p.is_file() and p.name != "datapackage.json")


def test_download_fetches_and_verifies_every_file(site: TestServer, tmp_path: Path) -> None:
    to = tmp_path / "dl"
    result = download(site.url, to, retry=FAST)
    assert result.version == V2 and result.path == to / V2
    specs = file_specs(_descriptor(site.root / "releases" / V2))
    assert len(specs) == _files(site.root / "releases" / V2) and result.files == specs
    assert sorted(result.fetched) == sorted(s.path for s in specs)
    for spec in specs:
        assert sha256_file(to / V2 / spec.path) == spec.sha256
    assert (to / "latest").resolve() == (to / V2).resolve()
    assert (to / V2 / "datapackage.json").read_bytes() == (
        site.root / "releases" / V2 / "datapackage.json"
    ).read_bytes()
    assert not list(to.rglob("*.part")) and result.retries == 0
    assert run_query("SELECT count(*) FROM articles", to).rows == [(2,)]


def test_download_picks_a_version_and_reuses_verified_files(
    site: TestServer, tmp_path: Path
) -> None:
    to = tmp_path / "dl"
    first = download(site.url, to, V1, retry=FAST)
    assert first.version == V1 and run_query("SELECT count(*) FROM articles", to).rows == [(1,)]
    before = len(site.requests)
    again = download(site.url, to, V1, retry=FAST)
    assert again.fetched == [] and len(again.reused) == len(first.files)
    assert len(site.requests) - before == 2  # catalog.json and datapackage.json only


def test_download_unknown_version_lists_the_available_ones(
    site: TestServer, tmp_path: Path
) -> None:
    with pytest.raises(UnknownVersionError) as caught:
        download(site.url, tmp_path / "dl", "2020-01-01.1", retry=FAST)
    message = str(caught.value)
    assert "2020-01-01.1" in message and V1 in message and V2 in message
    assert "--version" in message and not (tmp_path / "dl").exists()


def test_download_refuses_a_corrupt_file(site: TestServer, tmp_path: Path) -> None:
    actors = part_file(site.root / "releases" / V2, "actors-csv")
    target = site.root / "releases" / V2 / actors
    expected = sha256_file(target)
    data = bytearray(target.read_bytes())
    data[-2] = ord("X") if data[-2] != ord("X") else ord("Y")  # same size, different bytes
    target.write_bytes(bytes(data))
    to = tmp_path / "dl"
    with pytest.raises(CorruptFileError) as caught:
        download(site.url, to, retry=FAST)
    message = str(caught.value)
    assert actors in message and expected in message
    assert sha256_file(target) in message and "Run the download again" in message
    assert not (to / V2 / actors).exists()
    assert not list(to.rglob("*.part")) and not list(to.rglob(Path(actors).name + "*"))
    assert not (to / V2 / "datapackage.json").exists() and not (to / "latest").exists()


def test_download_retries_transient_503s(site: TestServer, tmp_path: Path) -> None:
    site.fail("/catalog.json", times=2)
    meetings = f"/releases/{V2}/" + part_file(site.root / "releases" / V2, "meetings")
    site.fail(meetings, times=3)
    result = download(site.url, tmp_path / "dl", retry=FAST)
    assert result.retries == 5 and len(result.fetched) == len(result.files)
    paths = [path for path, _ in site.requests]
    assert paths.count("/catalog.json") == 3
    assert paths.count(meetings) == 4


def test_download_gives_up_after_bounded_attempts(site: TestServer, tmp_path: Path) -> None:
    site.fail(f"/releases/{V2}/README.md", times=10, status=500)
    with pytest.raises(DownloadError) as caught:
        download(site.url, tmp_path / "dl", retry=Retry(attempts=3, backoff=0.01))
    assert "README.md" in str(caught.value) and "after 3 attempts" in str(caught.value)
    assert [p for p, _ in site.requests].count(f"/releases/{V2}/README.md") == 3


def test_download_does_not_retry_a_404(site: TestServer, tmp_path: Path) -> None:
    (site.root / "releases" / V2 / "CHANGELOG.md").unlink()
    with pytest.raises(DownloadError) as caught:
        download(site.url, tmp_path / "dl", retry=FAST)
    assert "CHANGELOG.md" in str(caught.value) and "404" in str(caught.value)
    assert [p for p, _ in site.requests].count(f"/releases/{V2}/CHANGELOG.md") == 1


def test_download_resumes_an_interrupted_file(site: TestServer, tmp_path: Path) -> None:
    size = (site.root / DUCKDB.lstrip("/")).stat().st_size
    site.cut(DUCKDB, after=size // 2)
    result = download(site.url, tmp_path / "dl", retry=FAST)
    assert result.resumed == ["diplodata.duckdb"] and result.retries == 1
    ranges = [r for p, r in site.requests if p == DUCKDB]
    assert ranges == ["", f"bytes={size // 2}-"]
    assert sha256_file(tmp_path / "dl" / V2 / "diplodata.duckdb") == sha256_file(
        site.root / DUCKDB.lstrip("/")
    )


def test_download_resumes_a_partial_file_left_by_an_earlier_run(
    site: TestServer, tmp_path: Path
) -> None:
    source = site.root / DUCKDB.lstrip("/")
    part = tmp_path / "dl" / V2 / ".diplodata.duckdb.part"
    part.parent.mkdir(parents=True)
    part.write_bytes(source.read_bytes()[:1000])
    result = download(site.url, tmp_path / "dl", retry=FAST)
    assert result.resumed == ["diplodata.duckdb"]
    assert [r for p, r in site.requests if p == DUCKDB] == ["bytes=1000-"]
    assert sha256_file(tmp_path / "dl" / V2 / "diplodata.duckdb") == sha256_file(source)


def test_download_restarts_a_stale_partial_file(site: TestServer, tmp_path: Path) -> None:
    source = site.root / DUCKDB.lstrip("/")
    part = tmp_path / "dl" / V2 / ".diplodata.duckdb.part"
    part.parent.mkdir(parents=True)
    part.write_bytes(b"\0" * 1000)  # not the start of the file: resuming gives a bad hash
    result = download(site.url, tmp_path / "dl", retry=FAST)
    assert [r for p, r in site.requests if p == DUCKDB] == ["bytes=1000-", ""]
    assert sha256_file(tmp_path / "dl" / V2 / "diplodata.duckdb") == sha256_file(source)
    assert "diplodata.duckdb" in result.fetched


def test_download_from_a_server_without_range_support(site: TestServer, tmp_path: Path) -> None:
    site.ignore_ranges()
    source = site.root / DUCKDB.lstrip("/")
    part = tmp_path / "dl" / V2 / ".diplodata.duckdb.part"
    part.parent.mkdir(parents=True)
    part.write_bytes(source.read_bytes()[:1000])
    site.cut(DUCKDB, after=5000)
    result = download(site.url, tmp_path / "dl", retry=FAST)
    assert result.resumed == [] and result.retries == 1
    assert sha256_file(tmp_path / "dl" / V2 / "diplodata.duckdb") == sha256_file(source)


def test_download_from_a_local_folder(published: Path, tmp_path: Path) -> None:
    result = download(str(published), tmp_path / "dl")
    assert result.version == V2 and len(result.fetched) == _files(published / "releases" / V2)
    assert run_query("SELECT count(*) FROM articles", tmp_path / "dl").rows == [(2,)]


def test_download_missing_catalog_says_what_to_do(tmp_path: Path) -> None:
    with serve(tmp_path) as server, pytest.raises(DownloadError) as caught:
        download(server.url, tmp_path / "dl", retry=FAST)
    assert "catalog.json" in str(caught.value) and "404" in str(caught.value)


def test_download_cli_reports_success_and_corruption(site: TestServer, tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["download", site.url, "--to", str(tmp_path / "ok")])
    assert ok.exit_code == 0, ok.output
    assert V2 in ok.output and (tmp_path / "ok" / "latest" / "datapackage.json").exists()
    (site.root / "releases" / V1 / "README.md").write_text("tampered\n")
    bad = runner.invoke(app, ["download", site.url, "--to", str(tmp_path / "bad"), "-v", V1])
    assert bad.exit_code == 1 and "README.md is corrupt" in bad.output
    unknown = runner.invoke(app, ["download", site.url, "--to", str(tmp_path), "-v", "x"])
    assert unknown.exit_code == 2 and V1 in unknown.output


def test_download_older_version_keeps_latest_unless_set_latest(
    site: TestServer, tmp_path: Path
) -> None:
    to = tmp_path / "dl"
    assert download(site.url, to, retry=FAST).latest  # the source's latest: V2
    older = download(site.url, to, V1, retry=FAST)
    assert older.path == to / V1 and (to / V1 / "datapackage.json").exists()
    assert not older.latest and (to / "latest").resolve().name == V2
    runner = CliRunner()
    kept = runner.invoke(app, ["download", site.url, "--to", str(to), "-v", V1])
    assert kept.exit_code == 0 and "--set-latest" in kept.output
    assert (to / "latest").resolve().name == V2
    moved = runner.invoke(app, ["download", site.url, "--to", str(to), "-v", V1, "--set-latest"])
    assert moved.exit_code == 0 and (to / "latest").resolve().name == V1
