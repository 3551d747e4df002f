"""Meeting status, typed meeting dates and signed trade balances, on the project's fixtures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from diplodata.extract.status import meeting_status
from diplodata.ingest.articles import read_folder
from diplodata.run.pipeline import extract_batch
from diplodata.tables.build import build_tables, date_range
from diplodata.tables.rows import Tables

FIXTURES = Path(__file__).parent / "fixtures" / "status"


@pytest.fixture(scope="module")
def tables() -> Tables:
    return build_tables(extract_batch(read_folder(FIXTURES).articles).facts, "test")


def test_status_held_scheduled_and_planned_meetings(tables: Tables) -> None:
    rows = sorted((m.status, m.kind, m.date_start, m.date_end) for m in tables.meetings)
    assert rows == [
        ("held", "meeting", dt.date(2023, 5, 2), dt.date(2023, 5, 2)),
        ("planned", "talks", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        ("scheduled", "meeting", dt.date(2023, 5, 1), dt.date(2023, 5, 31)),
    ]


@pytest.mark.parametrize(
    ("evidence", "date", "status"),
    [
        ("They met in Minsk on Friday.", "2022-09-02", "held"),
        ("They will meet in Minsk.", "2022-09-02", "scheduled"),
        ("They met in Minsk.", "2022-09-09", "scheduled"),  # dated after the dateline
        ("He is scheduled to meet her.", None, "scheduled"),
        ("They agreed to hold a meeting this year.", "2022", "planned"),
        ("They plan to meet in Minsk.", "2022-10", "planned"),
        ("The leaders will meet, he said last month.", "2022-08-30", "held"),  # in the past
    ],
)
def test_status_rules(evidence: str, date: str | None, status: str) -> None:
    assert meeting_status(evidence, date, dt.date(2022, 9, 2)) == status


def test_status_date_range_at_each_precision() -> None:
    assert date_range("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_range("2022") == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert date_range("2022-09-02") == (dt.date(2022, 9, 2), dt.date(2022, 9, 2))
    assert date_range(None) == (None, None)


def test_status_balances_are_signed_for_the_reporter(tables: Tables) -> None:
    balances = {
        (t.reporter, t.partner): t.value for t in tables.trade_figures if t.flow == "balance"
    }
    # a deficit of the reporter is negative, a surplus positive; swapping the pair flips it
    assert balances == {("GEO", "TUR"): -1.4e9, ("KAZ", "CHN"): 2.6e9}
    others = [t.value for t in tables.trade_figures if t.flow != "balance"]
    assert all(v >= 0 for v in others)


def test_status_balance_sign_follows_the_owner_of_the_deficit() -> None:
    from diplodata.extract import lexicon
    from diplodata.extract.balance import signed_balance

    text = "Georgia ran a trade deficit with Türkiye of $1.4 billion, and a surplus of $2 billion."
    countries = lexicon.load().find_countries(text)
    first = (text.index("$1.4") + 1, text.index(" billion,"))
    second = (text.index("$2 ") + 1, text.index(" billion."))
    whole = (0, len(text))
    assert signed_balance(text, first, (0, second[0] - 20), "GEO", countries, 1.4e9) == -1.4e9
    assert signed_balance(text, first, (0, second[0] - 20), "TUR", countries, 1.4e9) == 1.4e9
    assert signed_balance(text, second, whole, "GEO", countries, 2e9) == 2e9
    assert signed_balance("A trade gap of $3 billion.", (16, 17), (0, 26), "GEO", [], 3e9) == 3e9
