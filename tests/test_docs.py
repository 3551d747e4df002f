"""The README and the data dictionary stay true to the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from diplodata.cli import app
from diplodata.dictionary import data_dictionary
from diplodata.query import run_query
from diplodata.release import publish
from diplodata.schemas import TABLES, field_names
from tests.test_release import _meta, _tables

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_docs_every_cli_command_is_in_the_readme() -> None:
    commands = [
        c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands
    ]
    assert set(commands) == {"run", "query", "eval", "serve", "download", "browse"}
    for command in commands:
        assert f"`diplodata {command}" in README, command


def test_docs_readme_queries_run_on_a_release(tmp_path: Path) -> None:
    publish(_tables(), tmp_path, _meta())
    queries = re.findall(r'uv run diplodata query "(.*?)"', README, flags=re.S)
    assert len(queries) >= 3
    for sql in queries:
        result = run_query(sql, tmp_path)
        assert result.columns, sql


@pytest.mark.parametrize("table", TABLES)
def test_docs_data_dictionary_lists_every_column(table: str) -> None:
    dictionary = data_dictionary("x")
    section = dictionary.split(f"## `{table}`")[1].split("\n## ")[0]
    assert [m for m in re.findall(r"^\| `(\w+)` \|", section, flags=re.M)] == field_names(table)


def test_docs_two_commands_are_the_makefile_targets() -> None:
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    assert "make run" in README and "make test" in README
    assert re.search(r"^run: ", makefile, flags=re.M) and re.search(
        r"^test: ", makefile, flags=re.M
    )
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert "make test" in ci
