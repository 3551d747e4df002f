from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from diplodata import version


def test_version_has_the_rules_number_and_digest() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+\+[0-9a-f]{8}", version.EXTRACTOR_VERSION)
    assert version.EXTRACTOR_VERSION.endswith(version.rules_digest())


def test_version_digest_changes_with_any_rule_or_data_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = Path(version.__file__).parent
    copy = tmp_path / "diplodata"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(version, "_PACKAGE", copy)
    before = version.rules_digest()
    assert before == version.rules_digest()
    (copy / "cli.py").write_text("# not a rule file\n", encoding="utf-8")
    assert version.rules_digest() == before
    with (copy / "data" / "offices.csv").open("a", encoding="utf-8") as handle:
        handle.write("Grand Vizier,grand vizier,false\n")
    assert version.rules_digest() != before
