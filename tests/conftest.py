"""Shared fixtures: article builders, a Prefect test server, and ../shared when present."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from diplodata.ingest.articles import article_from_text
from diplodata.models import Article

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared"


def part_file(release: Path, table: str) -> str:
    """The first data file of ``table`` in ``release`` (``<table>-csv``: its CSV copy),
    relative to the release folder."""
    from diplodata.tables.parts import csv_files, parquet_files

    files = (csv_files if table.endswith("-csv") else parquet_files)(
        release, table.removesuffix("-csv")
    )
    return files[0].relative_to(release).as_posix()


def age(folder: Path, ns: int = 3600 * 10**9) -> None:
    """Every file under ``folder`` modified ``ns`` ago (an hour): settled, for the stat index."""
    past = time.time_ns() - ns
    for path in folder.rglob("*"):
        os.utime(path, ns=(past, past))


def make_article(text: str, source: str = "fixture.txt") -> Article:
    return article_from_text(text, source)


@pytest.fixture
def article_factory():  # type: ignore[no-untyped-def]
    return make_article


@pytest.fixture(scope="session", autouse=True)
def own_server_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A server folder of the tests' own (``DIPLODATA_PREFECT_HOME``, inherited by the
    commands they start): a Prefect server the user started is neither used nor stopped."""
    from diplodata.run.prefect_server import HOME_ENV

    saved = os.environ.get(HOME_ENV)
    folder = tmp_path_factory.mktemp("prefect-server")
    os.environ[HOME_ENV] = str(folder)
    yield folder
    if saved is None:
        os.environ.pop(HOME_ENV, None)
    else:
        os.environ[HOME_ENV] = saved


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """One temporary Prefect server (own SQLite database) for every flow test."""
    from diplodata.cli import prefect_environment

    prefect_environment()
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` (gold, corpus); tests that need it skip in a user's clone."""
    if not (SHARED / "gold" / "referee.py").exists():
        pytest.skip("../shared is not beside the project (only developers and CI have it)")
    return SHARED


@pytest.fixture(scope="session")
def fixture_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release of the fixture articles (``tests/fixtures/articles``), for scoring tests."""
    from diplodata.extract import extract_article
    from diplodata.ingest.articles import read_folder
    from diplodata.publish.package import PackageMeta
    from diplodata.publish.release import publish
    from diplodata.tables.build import build_tables

    batch = read_folder(FIXTURES / "articles")
    tables = build_tables([extract_article(a) for a in batch.articles], "test")
    out = tmp_path_factory.mktemp("eval")
    meta = PackageMeta(version="2026-01-01.1", created="2026-01-01T00:00:00Z")
    return publish(tables, out, meta).path / "datapackage.json"
