"""The real Prefect flow, end to end, on the bundled sample articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplodata.config import RunConfig
from diplodata.query import run_query
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def published(prefect_server: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from flows.pipeline import diplodata_run

    out = tmp_path_factory.mktemp("out")
    summary = diplodata_run(RunConfig(articles=SAMPLES, out=out))
    assert summary.status == "published", summary.message
    return out


def test_flow_publishes_every_table(published: Path) -> None:
    package = json.loads((published / "latest" / "datapackage.json").read_text())
    assert {r["name"] for r in package["resources"]} >= {"articles", "actors-csv", "memberships"}
    result = run_query("SELECT source FROM articles ORDER BY source", published)
    assert result.rows == [("000_95c9dbeda741f184.txt",), ("004_33cfb764012bfcb3.txt",)]


def test_flow_second_run_with_nothing_new_publishes_nothing(published: Path) -> None:
    from flows.pipeline import diplodata_run

    summary = diplodata_run(RunConfig(articles=SAMPLES, out=published))
    assert summary.status == "unchanged" and summary.n_extracted == 0
    assert len(list((published / "releases").iterdir())) == 1
