"""When and where an encounter took place: article anchor date, dateline place, and
the date of one reported event, relative expressions resolved against the anchor.

Builds on :mod:`diplodata.extract.dates`; adds what meetings need on top of it: the place of a
dateline, weekdays read forwards in future-tense sentences, and relative spans
("a day ago", "last year", "later this week", "in February").
"""

from __future__ import annotations

import datetime as dt
import re

from diplodata.extract.datelines import LOCATION_FORMS, MONTH_WORD
from diplodata.extract.dates import MONTHS, WEEKDAYS, find_dates
from diplodata.extract.text import Doc
from diplodata.models import Article, CountryMention, DatePrecision

_FUTURE = re.compile(
    r"\b(?:will|shall|to be held|(?:is|are)(?: also| now)? (?:to|due|scheduled)|"
    r"slated|upcoming|forthcoming|later this|agreed to hold|leaves|departs|heads)\b",
    re.IGNORECASE,
)
_RELATIVE_SPAN = re.compile(
    r"\b(?:(?P<ago>(?i:a|one|two|three|\d) days? ago)|(?P<dby>the day before yesterday)|"
    r"(?P<tonight>tonight|this (?:morning|afternoon|evening))|"
    r"(?:(?P<which>last|this|next|later this|earlier this) (?P<unit>week|month|year))|"
    r"(?:(?:in|on|during|since) )?(?P<wday>(?:this |next |last )?(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday))|"
    rf"(?:in (?:early |late |mid-)?|(?:at|by|towards?|until) the (?:end|beginning|start|middle) "
    rf"of )(?P<month>{MONTH_WORD})(?! ?[0-3]?\d)(?P<thisyear>(?: of)? this year)?)\b"
)
_RELATIVE_WORD = re.compile(r"(?i)today|yesterday|tomorrow|(?:on|last|this|next)\s+\w+day")
_NUMBER = {"a": 1, "one": 1, "two": 2, "three": 3}
_FRONTED_EVENT = re.compile(r"\b(?:[Ff]ollowing|[Aa]fter|[Ff]ollow[- ]up to)\b")
_DAY_WORDS = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "the day before": -1,  # of the report: "talks held the day before"
    "the previous day": -1,
    "a day earlier": -1,
    "the next day": 1,
    "the following day": 1,
}
_DAY_WORD = re.compile(rf"(?i)\b({'|'.join(_DAY_WORDS)})\b(?! yesterday)")
DateValue = tuple[str, DatePrecision]
_FOR_TRIGGER = re.compile(r"\s+(?:\w+\s+){0,3}?for\s+(?:(?:a|an|the|further|more|new)\s+)?")
_REGION = r"(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central)"
_TOPIC_BEFORE = re.compile(
    r"(?:situation|developments?|crisis|war|conflict|events?|violence|attacks?|investments?|"
    r"interests|presence|people|citizens|elections?|operations?|companies|trade|peace|role|"
    r"protests?|unrest|fighting|troops|forces|crimes|victims|refugees|security|stability|"
    r"reforms?|investors|prices|economy|markets?|democracy|freedom|rights|process)\s*$"
)
# an event the encounter's sentence goes on to name, held somewhere else
_OTHER_EVENT_HELD = re.compile(
    r"\b(?:[Ss]ummit|[Cc]onference|[Ff]orum|[Cc]ongress|[Gg]ames|[Ee]xpo|[Ff]estival|[Ee]lection|"
    r"[Ss]ession|[Ss]how|[Cc]up|[Ff]air)s?\s+(?:(?:that|which)\s+)?"
    r"(?:(?:was|were|is|are|will be|to be|being)\s+)?(?:held|hosted|staged|taking place)\s+"
)
# the frame of the encounter itself: "on the sidelines of a summit held in X"
_FRAME = re.compile(
    r"\b(?:margins?|sidelines?|at|during|attend\w*|occasion)\b(?:\s+[\w'’-]+){0,5}\s+$"
)


def _another_event_held(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, after an encounter's word, names another event held
    somewhere or at some time ("discussed the summit held in Nairobi last week"), not the
    encounter's own frame ("met X on the margins of a summit being held in Tampere")."""
    held = _OTHER_EVENT_HELD.search(text, start, end)
    if held is None:
        return False
    return not _FRAME.search(text, max(start, held.start() - 60), held.start())


# a place the lexicon does not know, followed by its state in brackets
# "in Glasgow (Great Britain)", "in Bali, Indonesia": a place, then its state
_PLACE_IN_BRACKETS = re.compile(
    r"\b(?:in|at)\s+(?:[A-Z][\w'’.-]*\s+){1,3}\(\s*(?:the\s+)?$|"
    r"\b[Ii]n\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2},\s+$"
)
_RANGE_AFTER = re.compile(r"\s?[–-]\s?[0-3]?\d\b")
_RANGE_BEFORE = re.compile(r"\b[0-3]?\d\s?[–-]\s?$")
# words between an event and a date that mark the date as another event's; "which" opens
# a clause about something else ("our talks on trade, which last year grew 60%")
_OTHER_EVENT = re.compile(
    r"(?i)\b(?:after|following|since|before|than|until)\b|"
    r"\bwhich\b(?!\s+(?:was|were|took place|will|is|are|had been)\b)"
)
_APPROXIMATE = re.compile(r"(?i)\b(?:less|more|fewer|no more|no less|rather) than\b")
_YEAR_WHEN = re.compile(r"\b((?:19|20)\d\d),?\s+when\s+(?:[\w'’-]+\s+){0,3}$")


def article_anchor(article: Article) -> dt.date | None:
    """The article's date, from its dateline (wire timestamps included, see ``dates``)."""
    return article.published_date


def is_future(clause: str) -> bool:
    """Whether a clause speaks of a scheduled (future) event."""
    return bool(_FUTURE.search(clause))


def _weekday(name: str, anchor: dt.date, future: bool) -> dt.date:
    words = name.lower().split()
    target = WEEKDAYS.index(words[-1])
    if words[0] == "next" or (future and words[0] != "last"):
        return anchor + dt.timedelta(days=(target - anchor.weekday()) % 7)
    back = (anchor.weekday() - target) % 7
    return anchor - dt.timedelta(days=back or (7 if words[0] == "last" else 0))


def _shift_month(anchor: dt.date, months: int) -> str:
    index = anchor.year * 12 + anchor.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _relative(m: re.Match[str], anchor: dt.date, future: bool) -> DateValue | None:
    """One relative expression of :data:`_RELATIVE_SPAN` resolved against ``anchor``."""
    if m.group("ago"):
        count = m.group("ago").split()[0].lower()
        days = _NUMBER.get(count, 0) or int(count)
        return (anchor - dt.timedelta(days=days)).isoformat(), "day"
    if m.group("dby"):
        return (anchor - dt.timedelta(days=2)).isoformat(), "day"
    if m.group("tonight"):
        return anchor.isoformat(), "day"
    if m.group("wday"):
        return _weekday(m.group("wday"), anchor, future).isoformat(), "day"
    if m.group("month"):
        month = MONTHS[m.group("month").lower()]
        year = anchor.year
        if not m.group("thisyear") and not future and month > anchor.month:
            year -= 1
        elif not m.group("thisyear") and future and month < anchor.month:
            year += 1
        return f"{year:04d}-{month:02d}", "month"
    which, unit = m.group("which"), m.group("unit")
    step = {"last": -1, "next": 1}.get(which, 0)
    if unit == "year":
        return f"{anchor.year + step:04d}", "year"
    if unit == "month":
        return _shift_month(anchor, step), "month"
    if step == 0:  # this week, later/earlier this week: the week's month at best
        return _shift_month(anchor, 0), "month"
    week = anchor + dt.timedelta(days=7 * step)
    return _shift_month(week, 0), "month"


def _of_range(text: str, start: int, end: int, value: DateValue) -> DateValue:
    """A day of a range of days ("January 6-7", "6-7 January") stands for its month."""
    if value[1] == "day" and (
        _RANGE_AFTER.match(text, end) or _RANGE_BEFORE.search(text, max(0, start - 8), start)
    ):
        return value[0][:7], "month"
    return value


_WIRE_DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,3},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s+[-–—]\s+"
)


def event_date(
    text: str, start: int, end: int, near: int, anchor: dt.date | None, future: bool
) -> DateValue | None:
    """The date stated in ``text[start:end]`` closest to position ``near`` (the event word),
    explicit dates and relative expressions alike. Dates separated from the event word by
    "after", "following", "since" or "before" belong to another event and are skipped."""
    wire = _WIRE_DATELINE.match(text, start, end)  # "WASHINGTON, March 4 - ": the report's
    start = wire.end() if wire else start  # date, not the event's
    found: list[tuple[int, int, DateValue]] = [
        (d.start, d.end, _of_range(text, d.start, d.end, (d.value, d.precision)))
        for d in find_dates(text, start, end, anchor)
        if not _RELATIVE_WORD.fullmatch(text[d.start : d.end])
    ]
    if anchor is not None:
        for m in _DAY_WORD.finditer(text[start:end]):
            delta = _DAY_WORDS[m.group(1).lower()]
            day = (anchor + dt.timedelta(days=delta)).isoformat()
            found.append((start + m.start(), start + m.end(), (day, "day")))
        for m in _RELATIVE_SPAN.finditer(text, start, end):
            if any(a < m.end() and m.start() < b for a, b, _ in found):
                continue
            value = _relative(m, anchor, future)
            if value:
                found.append((m.start(), m.end(), value))
    year = re.compile(r"\b((?:19|20)\d\d)\s+$").search(text, max(start, near - 6), near)
    if year and not any(a < near and year.start() < b for a, b, _ in found):  # "2019 summit"
        found.append((year.start(), year.end(1), (year.group(1), "year")))
    recalled = _YEAR_WHEN.search(text, max(start, near - 40), near)  # "in 1994, when talks"
    if recalled and not any(a < near and recalled.start() < b for a, b, _ in found):
        found.append((recalled.start(), recalled.end(1), (recalled.group(1), "year")))
    best: tuple[int, DateValue] | None = None
    for a, b, value in found:
        between = text[min(b, near) : max(a, near)] + text[a : a + 6]
        if _OTHER_EVENT.search(_APPROXIMATE.sub("", between)):  # not "less than a month ago"
            continue
        if a >= near and _another_event_held(text, near, a):
            continue  # "received X and discussed the summit held in Nairobi last week"
        if b <= near and "," in text[b:near] and _FRONTED_EVENT.search(text, start, a):
            continue  # "In follow up to talks held the day before, A called B": the talks'

        distance = a - near if a >= near else near - b
        if best is None or distance < best[0]:
            best = (distance, value)
    return best[1] if best else None


_RELATIVE_CLAUSE = re.compile(r",\s+(?:whose|which)\b")


_WHERE = ", where "


# a purpose after the encounter, whose dates and places are the topic's
_PURPOSE = re.compile(
    r"\s(?:in order )?to (?:discuss|review|prepare|talk about|exchange views on|go over|"
    r"coordinate)\b"
)


def where_clause(text: str, s_start: int, s_end: int, t_start: int) -> tuple[int, int]:
    """The stretch of a sentence between the ", where" clauses around a trigger ("a tour
    that took him to A, where he met X on Monday, and to B, where he met Y on Tuesday"),
    ending where a purpose begins ("to discuss preparations for Y's visit to Japan on
    December 15")."""
    before = text.rfind(_WHERE, s_start, t_start)
    after = text.find(_WHERE, t_start, s_end)
    purpose = _PURPOSE.search(text, t_start, s_end)  # "met X to discuss Y's visit on May 5"
    end = min(x for x in (after, purpose.start() if purpose else -1, s_end) if x >= 0)
    return (before if before >= 0 else s_start), end


def stated_location(
    doc: Doc, s_start: int, s_end: int, t_start: int, kind: str
) -> CountryMention | None:
    """Where it took place: "in Minsk", "at the Kremlin", "on Belarusian soil", "visit to X"."""
    if kind == "phone_call":
        return None
    text = doc.text
    where, clause_end = where_clause(text, s_start, s_end, t_start)
    if where > s_start and not re.search(r"[,;]", text[where + len(_WHERE) : t_start]):
        # "a tour that took him to Saudi Arabia, where he held talks ...": that place
        antecedent = [c for c in doc.countries_in(s_start, where) if c.end == where]
        if antecedent and antecedent[0].form in LOCATION_FORMS:
            return antecedent[0]
    best: tuple[int, CountryMention] | None = None
    for c in doc.countries_in(s_start, max(clause_end, t_start)):
        if c.start > t_start and _RELATIVE_CLAUSE.search(text, t_start, c.start):
            continue  # "talks with X, whose country ... in Brussels": not where they met
        if (
            c.code == "EUU"
            or text[c.end : c.end + 1] in "-–"
            or text[c.start - 1 : c.start] in ("-", "–")
        ):
            continue
        before_at = max(s_start, c.start - 40)
        before = text[before_at : c.start]
        prep = re.search(rf"\b(?:[Ii]n|[Aa]t)\s+(?:the\s+)?(?:{_REGION}\s+)?$", before) or (
            _PLACE_IN_BRACKETS.search(before)  # "in Glasgow (Great Britain)"
        )
        soil = c.form == "demonym" and re.match(
            r"\s+(?:soil|territory)\b", text[c.end : c.end + 12]
        )
        welcomed = text.startswith("welcom", t_start) and c.start > t_start
        trip_to = re.search(r"\b(?:visit|trip|journey|tour)\s+to\s+(?:the\s+)?$", before)
        visit = (
            kind == "visit" or welcomed or _FOR_TRIGGER.fullmatch(text, c.end, t_start)
        ) and re.search(r"\bto\s+(?:the\s+)?$", before)
        # "a visit to X", "sending Y to Moscow for talks", "welcomed Y to the White House"
        if soil and re.search(r"\bon\s+$", before):
            prep = soil
        visit = visit or trip_to  # "During a working visit to Brussels, X met Y"
        if not (prep or visit) or (c.form not in LOCATION_FORMS and not soil):
            continue
        if prep and _TOPIC_BEFORE.search(before[: prep.start()]):
            continue
        if (
            prep
            and c.start > t_start
            and _another_event_held(text, t_start, before_at + prep.start())
        ):
            continue  # "received X and discussed the summit held in Nairobi last week"
        distance = abs(c.start - t_start)
        if trip_to and not prep and kind != "visit" and c.start < t_start:
            distance += s_end - s_start  # "X's visit to Y and his meeting with Z in Kyiv":
            # another noun's destination, unless no place is stated "in" or "at"
        if best is None or distance < best[0]:
            best = (distance, c)
    return best[1] if best else None
