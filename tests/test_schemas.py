from __future__ import annotations

import dataclasses

import pytest

from diplodata.publish.package import row_dicts
from diplodata.schemas import ALL_TABLES, arrow_schema, field_names
from diplodata.tables import rows

ROW_TYPES = {
    "articles": rows.ArticleRow,
    "actors": rows.ActorRow,
    "actor_mentions": rows.ActorMentionRow,
    "meetings": rows.MeetingRow,
    "meeting_participants": rows.MeetingParticipantRow,
    "trade_figures": rows.TradeFigureRow,
    "memberships": rows.MembershipRow,
    "article_texts": rows.ArticleTextRow,
}


@pytest.mark.parametrize("table", ALL_TABLES)
def test_schemas_typed_rows_have_the_schema_columns(table: str) -> None:
    names = []
    for f in dataclasses.fields(ROW_TYPES[table]):
        names += (
            [e.name for e in dataclasses.fields(rows.Evidence)]
            if f.name == "evidence"
            else [f.name]
        )
    assert names == field_names(table)
    assert arrow_schema(table).names == field_names(table)


def test_schemas_rows_flatten_evidence() -> None:
    row = rows.MembershipRow(
        "m1",
        "a1",
        "BLR",
        "CIS",
        "Commonwealth of Independent States",
        rows.Evidence(3, 7, "text", "1"),
    )
    assert row_dicts([row]) == [
        {
            "membership_id": "m1",
            "article_id": "a1",
            "member": "BLR",
            "organization": "CIS",
            "organization_name": "Commonwealth of Independent States",
            "char_start": 3,
            "char_end": 7,
            "quote": "text",
            "extractor_version": "1",
        }
    ]
