"""What a published (or staged) release holds, read back from its own files with DuckDB:
row counts, coverage (articles, dates, publishers), what the charts show, a sample of each
table's rows and its quality reports.

Everything here is bounded whatever the release's size: counts and aggregates are computed
by DuckDB over the Parquet parts, and at most :data:`SAMPLE` rows of a table are read (the
page and the README say so when a table has more)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diplodata.schemas import TABLES, arrow_schema
from diplodata.tables import bounded_duckdb
from diplodata.tables.parts import parquet_files, row_count

Row = dict[str, Any]
SAMPLE = 300  # rows of each table the page embeds
NODES = 30  # actors in the who-met-whom network
TRADE_PAIRS = 40  # reporter-partner pairs in the trade grid
TOP_ACTORS = 15
PUBLISHERS = 20


@dataclass(frozen=True, slots=True)
class Coverage:
    articles: int
    first_date: str | None  # ISO date of the earliest dateline
    last_date: str | None
    undated: int  # articles without a dateline date
    publishers: list[tuple[str, int]]  # the first ones: publisher (or web site), articles
    n_publishers: int = 0  # how many there are in all


@dataclass(slots=True)
class Overview:
    counts: dict[str, int]
    rows: dict[str, list[Row]]  # at most SAMPLE rows of each table
    coverage: Coverage = field(default_factory=lambda: Coverage(0, None, None, 0, []))
    quality: dict[str, Any] = field(default_factory=dict)  # quality/<name>.json by name
    links: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # sample's articles
    meeting_articles: dict[str, str] = field(default_factory=dict)  # sample's meetings
    undated_meetings: int = 0
    stateless_mentions: int = 0
    licences: list[tuple[str, int]] = field(default_factory=list)  # of the source articles
    meeting_dates: list[tuple[str, int]] = field(default_factory=list)  # date, meetings
    pairs: list[tuple[str, str, int]] = field(default_factory=list)  # among the top actors
    degree: dict[str, int] = field(default_factory=dict)  # meetings of the top actors
    connected: int = 0  # actors that met any other
    names: dict[str, str] = field(default_factory=dict)  # of the actors the charts show
    trade: list[Row] = field(default_factory=list)  # figures of the pairs with most of them
    trade_pairs: int = 0
    memberships: list[tuple[str, str, int]] = field(default_factory=list)  # state, org, n
    org_names: dict[str, str] = field(default_factory=dict)
    top_actors: list[Row] = field(default_factory=list)

    def sampled(self, table: str) -> bool:
        """True when the page and README show only some of the table's rows."""
        return len(self.rows.get(table, [])) < self.counts.get(table, 0)


def source_url(article: Row) -> str | None:
    for key in ("url", "source"):
        value = article.get(key)
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value
    return None


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # dates, decimals


# publisher, else the web site of the url or source, else "local files" (as `publisher`)
PUBLISHER_SQL = r"""
coalesce(
  nullif(publisher, ''),
  nullif(regexp_replace(lower(regexp_extract(
    coalesce(CASE WHEN url ~ '^https?://.*' THEN url END,
             CASE WHEN source ~ '^https?://.*' THEN source END),
    '^https?://(?:[^@/?#]*@)?([^/:?#]+)', 1)), '^www\.', ''), ''),
  'local files')
"""


class _Reader:
    def __init__(self, folder: Path) -> None:
        self.con = bounded_duckdb.connect()
        self.files = {t: [str(p) for p in parquet_files(folder, t)] for t in TABLES}
        for table, files in self.files.items():  # a view per table: paths as parameters
            if files:
                relation = self.con.read_parquet(files)
            else:
                relation = self.con.from_arrow(arrow_schema(table).empty_table())
            relation.create_view(table)

    def all(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, params or []).fetchall()

    def dicts(self, sql: str, params: list[Any] | None = None) -> list[Row]:
        result = self.con.execute(sql, params or [])
        columns = [d[0] for d in result.description or []]
        return [{c: _plain(v) for c, v in zip(columns, r, strict=True)} for r in result.fetchall()]

    def one(self, sql: str) -> Any:
        return self.all(sql)[0][0]


def _order(table: str) -> str:
    if table == "actors":
        return "n_articles DESC, actor_id"
    from diplodata.tables.increment import sort_keys

    return ", ".join(column for column, _ in sort_keys(table))


def _coverage(r: _Reader) -> Coverage:
    n, first, last, undated = r.all(
        "SELECT count(*), min(published_date), max(published_date), "
        "count(*) FILTER (WHERE published_date IS NULL) FROM articles"
    )[0]
    publishers = r.all(
        f"SELECT {PUBLISHER_SQL} AS p, count(*) AS n FROM articles GROUP BY p "
        f"ORDER BY n DESC, p LIMIT {PUBLISHERS}"
    )
    return Coverage(
        articles=n,
        first_date=_plain(first),
        last_date=_plain(last),
        undated=undated,
        publishers=[(str(p), int(k)) for p, k in publishers],
        n_publishers=r.one(f"SELECT count(DISTINCT {PUBLISHER_SQL}) FROM articles"),
    )


def _network(r: _Reader, o: Overview) -> None:
    pairs = (
        "SELECT a.actor_id AS a, b.actor_id AS b, count(*) AS n FROM meeting_participants a "
        "JOIN meeting_participants b ON a.meeting_id = b.meeting_id AND a.actor_id < b.actor_id "
        "GROUP BY ALL"
    )
    degree = (
        f"WITH pairs AS ({pairs}) SELECT actor, sum(n) AS d FROM "
        "(SELECT a AS actor, n FROM pairs UNION ALL SELECT b, n FROM pairs) GROUP BY actor"
    )
    o.connected = r.one(f"SELECT count(*) FROM ({degree})")
    top = r.all(f"{degree} ORDER BY d DESC, actor LIMIT {NODES}")
    o.degree = {str(a): int(d) for a, d in top}
    nodes = list(o.degree)
    o.pairs = [
        (str(a), str(b), int(n))
        for a, b, n in r.all(
            f"SELECT * FROM ({pairs}) WHERE list_contains($1, a) AND list_contains($1, b) "
            "ORDER BY a, b",
            [nodes],
        )
    ]


def _trade(r: _Reader, o: Overview) -> None:
    o.trade_pairs = r.one(
        "SELECT count(*) FROM (SELECT DISTINCT reporter, partner FROM trade_figures)"
    )
    o.trade = r.dicts(
        "WITH top AS (SELECT reporter, partner FROM trade_figures GROUP BY ALL "
        f"ORDER BY count(*) DESC, reporter, partner LIMIT {TRADE_PAIRS}) "
        "SELECT t.* FROM trade_figures t SEMI JOIN top USING (reporter, partner) "
        f"ORDER BY {_order('trade_figures')}"
    )


def read_overview(folder: Path) -> Overview:
    """The release in ``folder`` summed up from its Parquet parts, and its quality reports."""
    r = _Reader(folder)
    try:
        counts = {t: row_count(folder, t) if r.files[t] else 0 for t in TABLES}
        rows = {
            t: r.dicts(f"SELECT * FROM {t} ORDER BY {_order(t)} LIMIT {SAMPLE}") for t in TABLES
        }
        o = Overview(counts, rows, _coverage(r))
        ids = sorted(
            {str(row["article_id"]) for t in TABLES for row in rows[t] if "article_id" in row}
        )
        meetings = sorted({str(p["meeting_id"]) for p in rows["meeting_participants"]})
        o.meeting_articles = dict(
            r.all(
                "SELECT meeting_id, article_id FROM meetings WHERE list_contains($1, meeting_id)",
                [meetings + [str(m["meeting_id"]) for m in rows["meetings"]]],
            )
        )
        ids = sorted(set(ids) | set(o.meeting_articles.values()))
        o.links = {
            str(a["article_id"]): (str(a.get("title") or a["source"]), source_url(a))
            for a in r.dicts(
                "SELECT article_id, title, source, url FROM articles "
                "WHERE list_contains($1, article_id)",
                [ids],
            )
        }
        o.undated_meetings = r.one("SELECT count(*) FROM meetings WHERE date IS NULL")
        o.stateless_mentions = r.one("SELECT count(*) FROM actor_mentions WHERE country IS NULL")
        o.licences = [
            (str(k), int(n))
            for k, n in r.all(
                "SELECT coalesce(license, 'not stated') AS l, count(*) AS n FROM articles "
                "GROUP BY l ORDER BY n DESC, l"
            )
        ]
        o.meeting_dates = [
            (str(d), int(n))
            for d, n in r.all(
                "SELECT date, count(*) FROM meetings WHERE date IS NOT NULL GROUP BY date "
                "ORDER BY date"
            )
        ]
        _network(r, o)
        _trade(r, o)
        o.memberships = [
            (str(m), str(g), int(n))
            for m, g, n in r.all(
                "SELECT member, organization, count(*) FROM memberships GROUP BY ALL ORDER BY ALL"
            )
        ]
        o.org_names = {
            str(code): str(name or code)
            for code, name in r.all(
                "SELECT organization, arg_max(organization_name, {'a': article_id, "
                "'s': char_start, 'e': char_end, 'k': membership_id}) "
                "FROM memberships GROUP BY organization"
            )
        }
        o.top_actors = r.dicts(
            f"SELECT * FROM actors ORDER BY n_articles DESC, name LIMIT {TOP_ACTORS}"
        )
        named = sorted(set(o.degree))
        o.names = dict(
            r.all("SELECT actor_id, name FROM actors WHERE list_contains($1, actor_id)", [named])
        )
    finally:
        r.con.close()
    o.quality = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((folder / "quality").glob("*.json"))
    }
    return o
