"""The tables' Frictionless Table Schemas (``schemas/*.schema.json``): the one source of
truth for validation, Parquet/Arrow types and the data dictionary."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pyarrow is imported when needed: `diplodata query` starts faster without it
    import pyarrow as pa

SCHEMAS_DIR = Path(__file__).resolve().parent.parent / "schemas"

# Version of the published tables' contract, recorded in every release's datapackage.json
# (``schema_version``): the major number moves when a column changes meaning, the minor one
# when tables or columns are added. A release's CHANGELOG lists the changes since the
# previous release's version (releases before 2.0.0 have none: 1.0.0).
SCHEMA_VERSION = "2.0.0"
SCHEMA_CHANGES: dict[str, str] = {
    "2.0.0": "trade_figures.value of a balance is signed (negative: the reporter's deficit); "
    "new columns meetings.status, date_start, date_end, actors.wikidata, articles.url, "
    "publisher, language, license; actor_mentions also lists international organizations; "
    "persons are resolved across name forms (actor ids of some persons changed); optional "
    "table article_texts.",
}

# Publication order: referenced tables before the tables that reference them.
TABLES: tuple[str, ...] = (
    "articles",
    "actors",
    "actor_mentions",
    "meetings",
    "meeting_participants",
    "trade_figures",
    "memberships",
)
# Tables a release has only when asked for (``article_texts``: --include-text).
OPTIONAL_TABLES: tuple[str, ...] = ("article_texts",)
ALL_TABLES: tuple[str, ...] = TABLES + OPTIONAL_TABLES


@cache
def table_schema(table: str) -> dict[str, Any]:
    """The Table Schema descriptor of ``table``."""
    path = SCHEMAS_DIR / f"{table}.schema.json"
    if not path.exists():
        raise FileNotFoundError(f"no schema for table {table!r}: expected {path}")
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def field_names(table: str) -> list[str]:
    return [f["name"] for f in table_schema(table)["fields"]]


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow (and so Parquet) schema of ``table``, derived from its Table Schema."""
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "date": pa.date32(),
        "boolean": pa.bool_(),
    }
    fields = []
    for f in table_schema(table)["fields"]:
        required = f.get("constraints", {}).get("required", False)
        fields.append(pa.field(f["name"], types[f["type"]], nullable=not required))
    return pa.schema(fields)
