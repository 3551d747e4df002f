from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from diplodata.evaluate.score import evaluate, org_canon, role_category
from tests.conftest import FIXTURES


def test_evaluate_agrees_with_the_referee(fixture_package: Path, shared: Path) -> None:
    gold = FIXTURES / "gold"
    referee = subprocess.run(
        [
            sys.executable,
            str(shared / "gold" / "referee.py"),
            str(fixture_package),
            str(gold),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    report, last_line = referee.stdout.rstrip().rsplit("\n", 1)  # JSON, then "macro-F1 ..."
    ours = evaluate(fixture_package, gold)
    assert ours.to_dict() == json.loads(report)
    assert ours.lines()[-1] == last_line
    assert ours.macro_f1 > 0


def test_evaluate_counts_hits_misses_and_extras(fixture_package: Path, tmp_path: Path) -> None:
    gold = json.loads((FIXTURES / "gold" / "extra_visit.json").read_text())
    gold["persons"].append({"name": "Nobody Invented", "aliases": [], "country": "ARM"})
    gold["memberships"] = [{"member": "ARM", "organization": "NATO", "optional": True}]
    (tmp_path / "extra_visit.json").write_text(json.dumps(gold))
    result = evaluate(fixture_package, tmp_path)
    persons = result.scores["persons"]
    assert (persons.tp, persons.fn) == (2, 1)
    memberships = result.scores["memberships"]
    assert (memberships.tp, memberships.fn, memberships.fp) == (0, 0, 2)
    kinds = {(m.kind, m.table) for m in result.errors}
    assert ("MISSED", "persons") in kinds and ("EXTRA", "memberships") in kinds


def test_evaluate_normalizes_organizations_and_roles() -> None:
    assert org_canon("the Eurasian Customs Union") == org_canon("EAEU") == "EAEU"
    assert org_canon("Union State") == org_canon("UNION_STATE") == "UNION_STATE"
    assert role_category("Minister of Foreign Affairs of Belarus") == "foreign minister"
    assert role_category("adviser to the president") == "adviser to the president"
    assert role_category("Extraordinary and Plenipotentiary Ambassador") == "ambassador"
