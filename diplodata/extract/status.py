"""Whether a reported meeting was held, is scheduled, or is only planned.

Read from the meeting's evidence (its sentence), its resolved date and the article's
dateline date:

* ``planned``: agreed, planned, proposed or invited, with no firm date ("the leaders
  agreed to hold a meeting this year", "plans to visit");
* ``scheduled``: announced for a later date: dated after the dateline (at the date's
  precision), or a future form with no date in the past ("will meet", "is due to",
  "is scheduled to", "next week");
* ``held``: everything else: reported as having happened.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

MeetingStatus = Literal["held", "scheduled", "planned"]

_PLANNED = re.compile(
    r"\b(?:agreed to (?:hold|meet|organi[sz]e|convene)|agreed on (?:a|an|the) \w*\s*(?:meeting|"
    r"visit|summit)|plans? to|planned|planning to|intends? to|intention to|propos\w+|"
    r"invit\w+ \w+(?: \w+)? to (?:visit|come|meet))\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are) (?:due|scheduled|set|slated|expected) to|(?:is|are) to "
    r"(?:meet|hold|visit|travel|take part|attend)|to be held|upcoming|forthcoming|"
    r"later this (?:week|month|year)|next (?:week|month|year)|tomorrow)\b",
    re.IGNORECASE,
)


def _after(date: str, published: dt.date) -> bool | None:
    """Whether an ISO date at its precision lies after the dateline (None: same period)."""
    stamp = published.isoformat()[: len(date)]
    return None if date == stamp else date > stamp


def meeting_status(evidence: str, date: str | None, published: dt.date | None) -> MeetingStatus:
    """The status of a meeting stated in ``evidence``, dated ``date`` (ISO, any precision)."""
    later = _after(date, published) if date and published else None
    if later is False:
        return "held"
    if _PLANNED.search(evidence):
        return "planned"
    if later or _FUTURE.search(evidence):
        return "scheduled"
    return "held"
