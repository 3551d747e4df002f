"""A release explains itself: README (coverage, counts, examples, quality, limitations,
licence, citation), CITATION.cff and the citation, homepage and contributors in
datapackage.json."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import yaml

from diplodata.evaluate.curve import read_curve
from diplodata.publish.release import Release, add_quality, promote, publish, stage
from diplodata.schemas import TABLES
from diplodata.tables.parts import row_count
from tests.facts import TEXT, sample_facts
from tests.test_release import _meta, _tables

URL = "https://news.example.org/2023/05/visit.html"


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Release:
    from diplodata.tables.build import build_tables

    facts = [sample_facts(), sample_facts(TEXT.replace("2022", "2023"), URL)]
    meta = dataclasses.replace(
        _meta(),
        contributors=("Jane Doe", "Data Lab"),
        homepage="https://data.example.org/dd",
        sources=({"title": "sample.txt"}, {"title": URL, "path": URL}),
    )
    return publish(build_tables(facts, "test"), tmp_path_factory.mktemp("out"), meta)


def _readme(release: Release) -> str:
    return (release.path / "README.md").read_text(encoding="utf-8")


def test_release_readme_opens_with_coverage_and_row_counts(release: Release) -> None:
    readme = _readme(release)
    assert readme.index("## Coverage") < readme.index("# Data dictionary")
    assert "2 English news articles, with datelines from 2022-09-02 to 2023-09-02" in readme
    assert "| news.example.org | 1 |" in readme and "| local files | 1 |" in readme
    for table in TABLES:
        rows = row_count(release.path, table)
        assert f"| `{table}` | {rows} |" in readme
        assert f"### `{table}`" in readme  # example rows


def test_release_readme_has_quality_limitations_licence_and_citation(release: Release) -> None:
    readme = _readme(release)
    for heading in ("## Quality", "## Known limitations", "## Licence", "## How to cite"):
        assert heading in readme
    curve = read_curve()
    if curve:
        assert f"| {curve[0].batch} | {curve[0].articles} |" in readme
    assert "Creative Commons Attribution 4.0" in readme and "publishers' terms" in readme
    assert "> Jane Doe, Data Lab (2026). Diplomacy facts" in readme
    assert "https://data.example.org/dd" in readme


def test_release_citation_cff_and_descriptor(release: Release) -> None:
    cff = yaml.safe_load((release.path / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert cff["version"] == release.version and cff["license"] == "CC-BY-4.0"
    assert [a["name"] for a in cff["authors"]] == ["Jane Doe", "Data Lab"]
    assert cff["url"] == "https://data.example.org/dd"
    package = json.loads((release.path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["homepage"] == "https://data.example.org/dd"
    assert [c["title"] for c in package["contributors"]] == ["Jane Doe", "Data Lab"]
    assert package["citation"].startswith("Jane Doe, Data Lab (2026).")
    assert {"path": URL, "title": URL} in package["sources"]
    csv = [r for r in package["resources"] if r["format"] == "csv"]
    assert len(csv) == len(TABLES) and all("CSV copy" in r["title"] for r in csv)
    assert "CSV copy" in package["description"]
    files = {f["path"] for f in package["files"]}
    assert {"README.md", "CITATION.cff", "index.html"} <= files


def test_release_readme_shows_the_release_own_eval(tmp_path: Path) -> None:
    staged = stage(_tables(), tmp_path, _meta())
    scores = {
        "tables": {
            "meetings": {"precision": 1.0, "recall": 0.5, "f1": 0.667, "tp": 1, "fp": 0, "fn": 1}
        },
        "macro_f1": 0.667,
    }
    add_quality(staged, "eval", scores)
    readme = _readme(promote(staged))
    assert "This release's own evaluation" in readme
    assert "| meetings | 1.0 | 0.5 | 0.667 | 1 | 0 | 1 |" in readme and "Macro-F1 0.667" in readme


def test_release_readme_lists_the_licences_the_sources_state(tmp_path: Path) -> None:
    from diplodata.tables.build import build_tables

    facts = []
    for i, licence in enumerate(["CC-BY-4.0", "CC-BY-4.0", None]):
        f = sample_facts(TEXT + f" Note {i}.", f"{i}.txt")
        facts.append(
            dataclasses.replace(f, article=dataclasses.replace(f.article, license=licence))
        )
    release = publish(build_tables(facts, "test"), tmp_path, _meta())
    lines = (release.path / "README.md").read_text(encoding="utf-8").splitlines()
    assert "| CC-BY-4.0 | 2 |" in lines and "| not stated | 1 |" in lines
    assert any("as their sources state" in line for line in lines)


def test_release_documents_stay_bounded_on_a_large_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diplodata.publish import overview
    from diplodata.run.pipeline import sources
    from diplodata.tables.build import build_tables

    monkeypatch.setattr(overview, "SAMPLE", 2)
    facts = [sample_facts(TEXT + f" Note {i}.", f"{i}.txt") for i in range(4)]
    release = publish(build_tables(facts, "test"), tmp_path, _meta())
    html = (release.path / "index.html").read_text(encoding="utf-8")
    assert "This page holds the first 2 of the 4 rows" in html  # articles
    assert "This page holds the first 2 of the 8 rows" in html  # memberships
    readme = (release.path / "README.md").read_text(encoding="utf-8")
    assert "| `articles` | 4 |" in readme and "| `memberships` | 8 |" in readme
    listed = sources([f.article for f in facts], limit=3)
    assert len(listed) == 4 and "1 more articles" in str(listed[-1]["title"])
