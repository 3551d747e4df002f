"""The data dictionary, generated from ``schemas/``: the README of every release."""

from __future__ import annotations

from diplodata.schemas import ALL_TABLES, SCHEMA_VERSION, table_schema


def _constraints(field: dict[str, object]) -> str:
    cons = field.get("constraints") or {}
    assert isinstance(cons, dict)
    parts = []
    if cons.get("required"):
        parts.append("required")
    if "enum" in cons:
        parts.append("one of " + ", ".join(f"`{v}`" for v in cons["enum"]))
    if "pattern" in cons:
        parts.append(f"pattern `{cons['pattern']}`")
    if "minimum" in cons:
        parts.append(f">= {cons['minimum']}")
    return "; ".join(parts)


def table_markdown(table: str) -> str:
    schema = table_schema(table)
    lines = [
        f"## `{table}`: {schema.get('title', table)}",
        "",
        str(schema.get("description", "")),
        "",
    ]
    lines.append("Primary key: " + ", ".join(f"`{k}`" for k in schema.get("primaryKey", [])))
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        lines.append(f"; `{fk['fields']}` references `{ref['resource']}.{ref['fields']}`")
    lines += ["", "| column | type | constraints | meaning |", "|---|---|---|---|"]
    for f in schema["fields"]:
        description = str(f.get("description", "")).replace("|", "\\|")
        constraints = _constraints(f).replace("|", "\\|")
        lines.append(f"| `{f['name']}` | {f['type']} | {constraints} | {description} |")
    return "\n".join(lines) + "\n"


def data_dictionary(version: str | None = None) -> str:
    """Markdown describing every table and column of a release."""
    head = "# diplodata release" + (f" {version}" if version else "") + "\n\n"
    head += f"Schema version {SCHEMA_VERSION} (`schema_version` in `datapackage.json`).\n\n"
    head += (
        "Every table comes as Parquet parts `data/<table>/part-*.parquet` (resource "
        "`<table>`) and their CSV copies `data/<table>-csv/part-*.csv` (resource "
        "`<table>-csv`); `diplodata.duckdb` has one view per table. Every fact row carries "
        "its evidence: `quote` is exactly the article text between `char_start` and "
        "`char_end`.\n\n"
    )
    return head + "\n".join(table_markdown(t) for t in ALL_TABLES)
