from __future__ import annotations

import datetime as dt

import pytest

from diplodata.extract.dates import find_dateline, find_dates, resolve_relative

FRIDAY = dt.date(2022, 9, 2)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Minsk, 2 September 2022 (TDI): text", dt.date(2022, 9, 2)),
        ("Title line\nJanuary 19, 2022\n\nBody", dt.date(2022, 1, 19)),
        ("Published 2021-11-30. Body", dt.date(2021, 11, 30)),
        ("MOSCOW, March 3rd, 1987 - Body", dt.date(1987, 3, 3)),
        ("No date in this head at all.", None),
        ("Title line\n25.09.2023\n\nBody", dt.date(2023, 9, 25)),
        ("Title line\n22.02.2023 13:05\n\nBody", dt.date(2023, 2, 22)),
        ("Title line\n8 JUN 2022, 14:20\n\nBody", dt.date(2022, 6, 8)),
        ("Title line\n31.02.2023\n\nBody", None),
        ("Version 1.2.2023 of the rules", None),
    ],
)
def test_dates_dateline_forms(head: str, expected: dt.date | None) -> None:
    assert find_dateline(head) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("today", FRIDAY),
        ("yesterday", dt.date(2022, 9, 1)),
        ("on Friday", FRIDAY),
        ("on Monday", dt.date(2022, 8, 29)),
        ("last Friday", dt.date(2022, 8, 26)),
        ("next Monday", dt.date(2022, 9, 5)),
    ],
)
def test_dates_relative_days_resolve_against_the_anchor(expression: str, expected: dt.date) -> None:
    assert resolve_relative(expression, FRIDAY) == expected


def test_dates_find_dates_keeps_the_given_precision() -> None:
    text = "They met on Friday, then in March 2021 and again in 2019; on 5 May they spoke."
    found = [(text[d.start : d.end], d.value, d.precision) for d in find_dates(text, anchor=FRIDAY)]
    assert found == [
        ("on Friday", "2022-09-02", "day"),
        ("March 2021", "2021-03", "month"),
        ("in 2019", "2019", "year"),
        ("5 May", "2022-05-05", "day"),
    ]


def test_dates_invalid_calendar_dates_are_ignored() -> None:
    assert find_dates("on 31 February 2022 nothing happened") == []
