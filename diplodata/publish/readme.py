"""The release's README.md: what the data set is, before the data dictionary.

Coverage, row counts, example rows, the extractor's measured quality, known limitations,
licences and how to cite, all computed from the release's own files."""

from __future__ import annotations

from collections.abc import Sequence

from diplodata.evaluate.curve import CurvePoint, read_curve
from diplodata.publish.citation import citation_text
from diplodata.publish.dictionary import table_markdown
from diplodata.publish.overview import Overview, Row
from diplodata.publish.package import CSV_SUFFIX, LICENSES, PackageMeta
from diplodata.schemas import TABLES, table_schema
from diplodata.version import EXTRACTOR_VERSION

EXAMPLES = 3  # example rows per table
CELL = 60  # characters of a value shown in an example row


def _cell(value: object, width: int) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    if len(text) > width:
        text = text[: width - 1] + "…"
    return text.replace("|", "\\|")


def _markdown_table(
    columns: Sequence[str], rows: Sequence[Sequence[object]], width: int = CELL
) -> list[str]:
    return [
        "| " + " | ".join(columns) + " |",
        "|" + "---|" * len(columns),
        *("| " + " | ".join(_cell(v, width) for v in row) + " |" for row in rows),
    ]


def coverage_section(overview: Overview) -> list[str]:
    c = overview.coverage
    if c.first_date:
        span = f"with datelines from {c.first_date} to {c.last_date}"
        span += f" ({c.undated} without a dateline date)" if c.undated else ""
    else:
        span = "none of them with a dateline date"
    noun = "article" if c.articles == 1 else "articles"
    lines = ["## Coverage", "", f"{c.articles} English news {noun}, {span}.", ""]
    lines += _markdown_table(["publisher or source", "articles"], c.publishers[:20])
    if c.n_publishers > len(c.publishers[:20]):
        lines.append(
            f"\nand {c.n_publishers - len(c.publishers[:20])} more (see the `articles` table)."
        )
    return [*lines, ""]


def tables_section(overview: Overview) -> list[str]:
    lines = ["## Tables", ""]
    lines += _markdown_table(
        ["table", "rows", "what it holds"],
        [(f"`{t}`", n, table_schema(t).get("description", "")) for t, n in overview.counts.items()],
        width=400,
    )
    lines += [
        "",
        "Each table comes in two formats: the Parquet parts `data/<table>/part-*.parquet` "
        f"(resource `<table>` of `datapackage.json`) and their CSV copies "
        f"`data/<table>{CSV_SUFFIX}/part-*.csv` (resource `<table>{CSV_SUFFIX}`, the same "
        "rows; each part has a header row). A part holds the rows of a set of articles; "
        "read all parts of a table as one (`read_parquet('data/meetings/*.parquet')` in "
        "DuckDB, a folder of Parquet files in pandas, Polars or Arrow). `diplodata.duckdb` "
        "has one view per table (open it from this folder: its views read "
        "`data/<table>/*.parquet`), and `index.html` shows the release in a browser, with no "
        "server and no network.",
        "",
    ]
    return lines


def examples_section(overview: Overview) -> list[str]:
    lines = ["## Example rows", ""]
    for table in TABLES:
        rows: list[Row] = overview.rows.get(table, [])[:EXAMPLES]  # the first by key
        lines.append(f"### `{table}`")
        lines.append("")
        if not rows:
            lines += ["(no rows in this release)", ""]
            continue
        columns = list(rows[0])
        lines += [*_markdown_table(columns, [[r[c] for c in columns] for r in rows]), ""]
    return lines


def _blind_lines(curve: list[CurvePoint]) -> list[str]:
    by_batch: dict[str, dict[str, CurvePoint]] = {}
    for point in curve:
        by_batch.setdefault(point.batch, {})[point.table] = point
    tables = sorted({p.table for p in curve})
    rows = []
    for batch, scores in by_batch.items():
        first = next(iter(scores.values()))
        rows.append(
            [batch, first.articles, first.extractor_version, first.measured]
            + [
                f"{scores[t].f1:.2f} ({scores[t].tp}/{scores[t].tp + scores[t].fn})"
                if t in scores
                else ""
                for t in tables
            ]
        )
    return _markdown_table(["batch", "articles", "extractor", "measured", *tables], rows)


def quality_section(overview: Overview) -> list[str]:
    lines = [
        "## Quality",
        "",
        f"Rows were extracted by rules (extractor `{EXTRACTOR_VERSION}`), not by hand. "
        "Each row's `quote` is the exact article text it was read from, so every row can be "
        "checked against its source.",
        "",
    ]
    curve = read_curve()
    if curve:
        lines += [
            "Blind scores: F1 per table (recall's found/gold in brackets) on batches of gold "
            "articles scored before anyone looked at the extractor's errors on them; the "
            "project's `docs/evaluation.md` has the full evaluation.",
            "",
            *_blind_lines(curve),
            "",
        ]
    scores = overview.quality.get("eval")
    if scores:
        lines += ["This release's own evaluation against the gold given to the run:", ""]
        lines += _markdown_table(
            ["table", "precision", "recall", "F1", "tp", "fp", "fn"],
            [
                [t, s["precision"], s["recall"], s["f1"], s["tp"], s["fp"], s["fn"]]
                for t, s in scores["tables"].items()
            ],
        )
        lines += ["", f"Macro-F1 {scores['macro_f1']}.", ""]
    inputs = overview.quality.get("inputs")
    if inputs and inputs.get("skipped"):
        lines += [
            f"{len(inputs['skipped'])} input files were skipped; `quality/inputs.json` "
            "says which and why.",
            "",
        ]
    return lines


def limitations_section(overview: Overview) -> list[str]:
    undated, stateless = overview.undated_meetings, overview.stateless_mentions
    return [
        "## Known limitations",
        "",
        "- A row says what an article reports, not what happened: a meeting reported by "
        "several articles is one row per article (rows of one encounter share `event_id`).",
        "- English articles only; the rules find what is stated in a sentence. Recall is lower "
        "than precision (see *Quality*): a missing row is not evidence that something did not "
        "happen.",
        f"- {undated} of {overview.counts.get('meetings', 0)} meetings have no date in their "
        f"article; {stateless} of {overview.counts.get('actor_mentions', 0)} person mentions "
        "name no state.",
        "- Trade figures keep the article's unit, currency and year; they are not converted "
        "or checked against official statistics.",
        "",
    ]


def licence_section(meta: PackageMeta, overview: Overview) -> list[str]:
    url, title = LICENSES.get(meta.license, ("", meta.license))
    named = f"[{title}]({url})" if url else title
    lines = [
        "## Licence",
        "",
        f"The data (tables, documents) is published under {named} (`{meta.license}`). "
        "The `quote` columns are short excerpts of the source articles, kept as evidence "
        "for each row; the articles themselves are not redistributed and stay under their "
        "publishers' terms (see the `articles` table for each source).",
        "",
    ]
    if overview.licences:  # the licence each article's source states
        lines += ["Licences of the source articles, as their sources state them:", ""]
        lines += _markdown_table(["licence", "articles"], overview.licences)
        lines.append("")
    return lines


def citation_section(meta: PackageMeta) -> list[str]:
    return [
        "## How to cite",
        "",
        "> " + citation_text(meta),
        "",
        "The same as `CITATION.cff` (Citation File Format) beside this file, and as "
        "`citation` in `datapackage.json`.",
        "",
    ]


def release_readme(meta: PackageMeta, overview: Overview) -> str:
    """The whole README.md of a release."""
    lines = [
        f"# {meta.title}, release {meta.version}",
        "",
        meta.description,
        f"Published {meta.created}.",
        "",
        *coverage_section(overview),
        *tables_section(overview),
        *quality_section(overview),
        *limitations_section(overview),
        *licence_section(meta, overview),
        *citation_section(meta),
        *examples_section(overview),
        "# Data dictionary",
        "",
        "Generated from the project's `schemas/`. Every fact row carries its evidence: "
        "`quote` is exactly the article text between `char_start` and `char_end`.",
        "",
    ]
    return "\n".join(lines) + "\n" + "\n".join(table_markdown(t) for t in TABLES)
