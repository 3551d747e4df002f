"""Dates in news text: datelines, explicit dates, and relative days resolved against an anchor.

``find_dateline`` reads the publication date near the top of an article
("Minsk, 2 September 2022 (TDI):", "January 19, 2022", "2022-04-12").
``find_dates`` lists every explicit or relative date in a span, resolved against the
article's date, at the precision the text gives.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from diplodata.models import DatePrecision

_MONTH_FORMS = (  # each month's name, then its abbreviations
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
MONTH_NAMES = tuple(forms[0] for forms in _MONTH_FORMS)
MONTHS = {name: number for number, forms in enumerate(_MONTH_FORMS, start=1) for name in forms}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    r"|JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC)\.?"  # "8 JUN 2022, 14:20"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

_PATTERNS: list[tuple[re.Pattern[str], DatePrecision]] = [
    (re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<dnum>[0-3]\d)\b"), "day"),
    # wire-service timestamps: 11-MAR-1987 00:08:58.81
    (re.compile(rf"\b{_DAY}-(?i:{_MONTH})-{_YEAR}\b"), "day"),
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"), "day"),
    (re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"), "day"),
    (re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b"), "month"),
    (re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*(?:19|20)\d\d)"), "day"),
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s*(?:19|20)\d\d)"), "day"),
    (re.compile(rf"\b(?:in|since|of|during|until|by|for|from)\s+{_YEAR}\b"), "year"),
]
_RELATIVE = re.compile(
    r"\b(?P<rel>today|yesterday|tomorrow|(?:on|last|this|next)\s+"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: str  # ISO at the given precision
    precision: DatePrecision


def _iso(year: int, month: int | None, day: int | None) -> tuple[str, DatePrecision] | None:
    try:
        if month and day:
            return dt.date(year, month, day).isoformat(), "day"
    except ValueError:
        return None
    if month:
        return f"{year:04d}-{month:02d}", "month"
    return f"{year:04d}", "year"


def _from_match(
    m: re.Match[str], precision: DatePrecision, anchor: dt.date | None
) -> tuple[str, DatePrecision] | None:
    groups = m.groupdict()
    month = (
        int(groups["mnum"])
        if groups.get("mnum")
        else MONTHS.get((groups.get("month") or "").lower().rstrip("."))
    )
    day = int(groups.get("day") or groups.get("dnum") or 0) or None
    year = int(groups["year"]) if groups.get("year") else None
    if year is None:
        if anchor is None or month is None:
            return None
        year = anchor.year
        # "December 30" read in an article of 2 January is the previous year
        if month - anchor.month > 6:
            year -= 1
    return _iso(year, month if precision != "year" else None, day if precision == "day" else None)


def resolve_relative(expression: str, anchor: dt.date) -> dt.date | None:
    """ "today", "yesterday", "on Friday", "last Monday" against the article's date.
    A bare weekday means the most recent such day on or before the anchor; "next" the
    first after it."""
    word = expression.lower().split()
    if word[-1] == "today":
        return anchor
    if word[-1] == "yesterday":
        return anchor - dt.timedelta(days=1)
    if word[-1] == "tomorrow":
        return anchor + dt.timedelta(days=1)
    if word[-1] not in WEEKDAYS:
        return None
    target = WEEKDAYS.index(word[-1])
    if word[0] == "next":
        return anchor + dt.timedelta(days=(target - anchor.weekday() - 1) % 7 + 1)
    back = (anchor.weekday() - target) % 7
    if word[0] == "last" and back == 0:
        back = 7
    return anchor - dt.timedelta(days=back)


def find_dates(
    text: str, start: int = 0, end: int | None = None, anchor: dt.date | None = None
) -> list[DateMention]:
    """Dates stated in ``text[start:end]``, most precise reading of each place first."""
    end = len(text) if end is None else end
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, precision in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            resolved = _from_match(m, precision, anchor)
            if resolved or precision == "day":
                taken.append((m.start(), m.end()))  # an impossible date blocks weaker readings
            if resolved:
                found.append(DateMention(m.start(), m.end(), *resolved))
    if anchor is not None:
        for m in _RELATIVE.finditer(text, start, end):
            day = resolve_relative(m.group("rel"), anchor)
            if day and not any(a < m.end() and m.start() < b for a, b in taken):
                found.append(DateMention(m.start(), m.end(), day.isoformat(), "day"))
    return sorted(found, key=lambda d: d.start)


# a line that is only a date in day-first figures, as European and Turkish agencies print
# it: "25.09.2023", "22.02.2023 13:05"
_NUMERIC_DATELINE = re.compile(
    rf"^\s*(?P<dnum>[0-3]?\d)\.(?P<mnum>[01]?\d)\.{_YEAR}(?:\s+[0-2]?\d:[0-5]\d)?\s*$", re.M
)


def find_dateline(text: str, head: int = 400) -> dt.date | None:
    """The publication date: the first full date in the article's first lines."""
    for mention in find_dates(text, 0, min(head, len(text))):
        if mention.precision == "day":
            return dt.date.fromisoformat(mention.value)
    numeric = _NUMERIC_DATELINE.search(text, 0, min(head, len(text)))
    found = _from_match(numeric, "day", None) if numeric else None
    return dt.date.fromisoformat(found[0]) if found else None
