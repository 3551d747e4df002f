"""Datelines: the place an article says it was written in, and that place's state.

A dateline opens the lead ("PEKING, March 31 -", "Minsk, 2 September 2022 (TDI):", "AMMAN
— ", "NEW DELHI: ") or follows the date under the title ("May 16, 2022, The Kremlin,
Moscow"). Persons, meetings and trade figures all read it through :func:`dateline_place`
and :func:`dateline_country`, so that every table agrees on where an article was filed.
"""

from __future__ import annotations

import re

from diplodata.extract import lexicon
from diplodata.extract.dates import MONTHS
from diplodata.models import CountryMention

MONTH_WORD = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
# the forms of a state's name that name a place (not its people: "Turkish")
LOCATION_FORMS = frozenset({"name", "official", "short", "capital", "seat", "city", "region"})

# "April 12, 2022, Amur Region" / "May 16, 2022, The Kremlin, Moscow"
_HEADER_PLACE = re.compile(
    rf"^(?:{MONTH_WORD})\.? [0-3]?\d, (?:19|20)\d\d, ([^\n]{{2,60}})$", re.MULTILINE
)
# "PEKING, March 31 -", "TIRANA, Albania, May 16.", "Minsk, 2 September 2022 (TDI):",
# "Marrakech, 15/01/2001 (MAP) -"
_LEAD_PLACE = re.compile(
    rf"^([A-Z][A-Za-z .'-]{{1,40}}?),(?: [A-Z][a-z]+,)? "
    rf"(?:(?:[0-3]?\d )?(?:{MONTH_WORD})\b|[0-3]?\d[/.][01]?\d[/.](?:19|20)\d\d\b)",
    re.MULTILINE,
)
# an undated dateline: "AMMAN — ", "Rabat - ", "NEW DELHI: " before the lead
# "ERBIL, Kurdistan Region - ", "DAMASCUS, (SANA) - ", "Accra, Thursday - ": a region, an
# agency or a weekday after the place
_DASH_PLACE = re.compile(
    r"^([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    r"(?:,? \([A-Za-z]+\)|, [A-Z][a-z]+(?: [A-Z][a-z]+)?)? ?(?:[—–]|-{1,2}(?= )|(?<=[A-Z]):)",
    re.MULTILINE,
)
# "June 11, 2010" on one line and "Tashkent" or "The Kremlin, Moscow" alone on the next
_PLACE_BELOW_DATE = re.compile(
    rf"^(?:{MONTH_WORD})\.? [0-3]?\d, (?:19|20)\d\d[ \t]*\n([A-Z][\w .,'’-]{{1,40}}?)[ \t]*$",
    re.MULTILINE,
)
_SMALL_WORDS = frozenset(
    {"of", "the", "de", "du", "da", "das", "do", "dos", "del", "la", "le", "es", "al", "el", "and"}
)


def title_case(place: str) -> str:
    """A place written in capitals as gazetteers write it: "PORT OF SPAIN" -> "Port of
    Spain" (not "Port Of Spain", which would read as Spain)."""
    words = place.title().split(" ")
    return " ".join(
        w.lower() if n and w.lower() in _SMALL_WORDS else w for n, w in enumerate(words)
    )


_HEAD = 600  # a dateline opens the article: its first lines
# the place of a dated dateline, as persons and trade figures read it: "TOKYO, March 5 -",
# "MOSCOW (Reuters) 5", "December 29, 2021, St Petersburg"
_WIRE_DATELINE = re.compile(r"(?m)^([A-Z][A-Z .'’-]{2,}),? (?:\(\w+\) )?(?:[A-Z][a-z]+\.? \d|\d)")
_DATE_PLACE = re.compile(r"(?m)^[A-Z][a-z]+ \d{1,2}, (?:19|20)\d\d, ([A-Z][\w .'’-]{2,40})$")


def dated_place(text: str) -> tuple[int, int] | None:
    """The span of the place of a wire dateline ("TOKYO, March 5 -") or of a place after
    the date under the title ("December 29, 2021, St Petersburg"), or on the line below it."""
    head = text[:400]
    match = _WIRE_DATELINE.search(head) or _DATE_PLACE.search(head)
    return match.span(1) if match else _place_below_date(head)


def _place_below_date(head: str) -> tuple[int, int] | None:
    """The span of a line under the date line that names a place and nothing else."""
    match = _PLACE_BELOW_DATE.search(head)
    if match is None:
        return None
    found = lexicon.load().find_countries(match.group(1))
    places = [c for c in found if c.form in LOCATION_FORMS]
    return match.span(1) if places and len(match.group(1).split()) <= 5 else None


def dateline_place(text: str) -> str | None:
    """The place a dateline names ("Amur Region", "The Kremlin, Moscow", "PEKING", "AMMAN
    — "); an undated one ("AMMAN — ") is not read on the title's line ("Ukraine – EU
    summit")."""
    head = text[: min(len(text), _HEAD)]
    header = _HEADER_PLACE.search(head)
    if header:
        return header.group(1).strip()
    if below := _place_below_date(head):
        return head[below[0] : below[1]]
    lead = _LEAD_PLACE.search(head)
    if lead and lead.group(1).strip().lower() not in MONTHS:
        return lead.group(1).strip()
    dash = _DASH_PLACE.search(head, head.find("\n") + 1)
    return dash.group(1) if dash else None


def dateline_country(text: str) -> CountryMention | None:
    """The state of the dateline's place: its last place name ("The Kremlin, Moscow",
    "TIRANA, Albania"), read in title case when written in capitals; offsets are the
    place's, not the article's."""
    place = dateline_place(text)
    if not place:
        return None
    readable = title_case(place) if place.isupper() else place
    hits = [c for c in lexicon.load().find_countries(readable) if c.form in LOCATION_FORMS]
    return hits[-1] if hits else None
