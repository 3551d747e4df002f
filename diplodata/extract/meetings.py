"""Placeholder: the meetings extractor is being written."""

from __future__ import annotations

from diplodata.models import MeetingFact, MembershipFact, PersonFact, TradeFact
from diplodata.text import Doc

__all__ = ["MeetingFact", "MembershipFact", "PersonFact", "TradeFact"]


def extract_meetings(doc: Doc, persons: list[PersonFact]) -> list[MeetingFact]:
    return []
