"""The README and the data dictionary stay true to the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from diplodata.access.query import run_query
from diplodata.cli import app
from diplodata.config import SAMPLE_ARTICLES, RunConfig
from diplodata.extract import EXTRACTOR_VERSION
from diplodata.ingest.articles import article_from_text, read_folder
from diplodata.models import ArticleFacts, MeetingFact, PersonFact
from diplodata.publish.dictionary import data_dictionary
from diplodata.publish.release import publish
from diplodata.run.pipeline import extract_batch, package_meta
from diplodata.schemas import ALL_TABLES, field_names
from diplodata.tables.build import build_tables
from tests.test_release import _meta

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_docs_every_cli_command_is_in_the_readme() -> None:
    commands = [
        c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands
    ]
    assert set(commands) == {"run", "query", "eval", "serve", "download", "verify", "browse"}
    for group in app.registered_groups:
        assert group.typer_instance is not None
        commands += [f"{group.name} {c.name}" for c in group.typer_instance.registered_commands]
    assert {"server start", "server stop", "server status"} <= set(commands)
    for command in commands:
        assert f"`diplodata {command}" in README, command


QUERIES = re.findall(r'uv run diplodata query "(.*?)"', README, flags=re.S)

# The answers of the README's queries, in their order, on the bundled sample articles.
SAMPLE_ANSWERS: list[list[tuple[object, ...]]] = [
    [  # who met whom in 2022
        ("2022", "negotiations", "Russia & Ukraine", "BLR"),
        ("2022-09-02", "meeting", "Boris Gryzlov & Vladimir Makei", "BLR"),
    ],
    [  # trade in money, with its direction
        ("BLR", "exports", "RUS", 2021, None, 16.4, "USD", "exact"),
        ("BLR", "imports", "RUS", 2021, None, 23.7, "USD", "exact"),
        ("BLR", "turnover", "TUR", None, "past four years", 1.0, "USD", "more_than"),
        ("RUS", "turnover", "BLR", 2021, None, 40.1, "USD", "exact"),
        ("TUR", "turnover", "BLR", None, "past four years", 2.0, "USD", "approx"),
    ],
    [("BLR", "RUS", None, 49.0, "exact")],  # shares
    [  # memberships by organization
        ("CIS", "BLR, RUS", 2),
        ("CSTO", "BLR, RUS", 2),
        ("EAEU", "BLR, RUS", 2),
        ("UN", "BLR, RUS", 2),
        ("UNION_STATE", "BLR, RUS", 2),
    ],
    [("meeting", 1), ("negotiations", 1)],  # a downloaded release
]


@pytest.fixture(scope="module")
def sample_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    batch = read_folder(SAMPLE_ARTICLES)
    tables = build_tables(extract_batch(batch.articles).facts, EXTRACTOR_VERSION)
    publish(tables, out, package_meta(RunConfig(out=out), batch.articles))
    return out


def test_docs_readme_queries_give_their_answers_on_the_sample(sample_release: Path) -> None:
    assert len(QUERIES) == len(SAMPLE_ANSWERS)
    for sql, answer in zip(QUERIES, SAMPLE_ANSWERS, strict=True):
        assert run_query(sql, sample_release).rows == answer, sql


def test_docs_who_met_whom_keeps_separate_calls_of_one_day_apart(tmp_path: Path) -> None:
    text = (
        "Moscow, 5 May 2022: Vladimir Putin had a phone call with Alexander Lukashenko on "
        "Thursday. Vladimir Putin had a phone call with Kassym-Jomart Tokayev on Thursday."
    )
    article = article_from_text(text, "calls.txt")
    half = text.index(" Vladimir Putin had", 30)
    names = ("Vladimir Putin", "Alexander Lukashenko", "Kassym-Jomart Tokayev")
    persons = [PersonFact(n, text.index(n), text.index(n) + len(n)) for n in names]
    calls = [
        MeetingFact((names[0], other), "phone_call", start, end, "2022-05-05", "day")
        for other, (start, end) in zip(names[1:], [(0, half), (half + 1, len(text))], strict=True)
    ]
    facts = ArticleFacts(article, persons=persons, meetings=calls)
    publish(build_tables([facts], "test"), tmp_path, _meta())
    assert run_query(QUERIES[0], tmp_path).rows == [
        ("2022-05-05", "phone_call", "Alexander Lukashenko & Vladimir Putin", None),
        ("2022-05-05", "phone_call", "Kassym-Jomart Tokayev & Vladimir Putin", None),
    ]


@pytest.mark.parametrize("table", ALL_TABLES)
def test_docs_data_dictionary_lists_every_column(table: str) -> None:
    dictionary = data_dictionary("x")
    section = dictionary.split(f"## `{table}`")[1].split("\n## ")[0]
    assert [m for m in re.findall(r"^\| `(\w+)` \|", section, flags=re.M)] == field_names(table)
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 5 for line in rows)  # four cells each


def test_docs_two_commands_are_the_makefile_targets() -> None:
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    assert "make run" in README and "make test" in README
    assert re.search(r"^run: ", makefile, flags=re.M) and re.search(
        r"^test: ", makefile, flags=re.M
    )
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert "make test" in ci
