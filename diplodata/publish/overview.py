"""What a published (or staged) release holds, read back from its own files: every row,
row counts, coverage (articles, dates, publishers) and its quality reports."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyarrow.parquet as pq

from diplodata.parts import parquet_files
from diplodata.schemas import TABLES

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Coverage:
    articles: int
    first_date: str | None  # ISO date of the earliest dateline
    last_date: str | None
    undated: int  # articles without a dateline date
    publishers: list[tuple[str, int]]  # publisher (or web site, or "local files"), articles


@dataclass(slots=True)
class Overview:
    rows: dict[str, list[Row]]
    quality: dict[str, Any] = field(default_factory=dict)  # quality/<name>.json by name

    @property
    def counts(self) -> dict[str, int]:
        return {table: len(rows) for table, rows in self.rows.items()}

    def coverage(self) -> Coverage:
        articles = self.rows.get("articles", [])
        dates = sorted(str(a["published_date"]) for a in articles if a.get("published_date"))
        publishers = Counter(publisher(a) for a in articles)
        return Coverage(
            articles=len(articles),
            first_date=dates[0] if dates else None,
            last_date=dates[-1] if dates else None,
            undated=len(articles) - len(dates),
            publishers=sorted(publishers.items(), key=lambda kv: (-kv[1], kv[0])),
        )

    def article_links(self) -> dict[str, tuple[str, str | None]]:
        """article_id -> (title or source, URL when the article has one)."""
        return {
            str(a["article_id"]): (str(a.get("title") or a["source"]), source_url(a))
            for a in self.rows.get("articles", [])
        }


def source_url(article: Row) -> str | None:
    for key in ("url", "source"):
        value = article.get(key)
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value
    return None


def publisher(article: Row) -> str:
    """The article's publisher when the release records it, else its web site."""
    if article.get("publisher"):
        return str(article["publisher"])
    url = source_url(article)
    if url is None:
        return "local files"
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # dates, decimals


def read_overview(folder: Path) -> Overview:
    """Every row of the release in ``folder`` (from its Parquet files) and its quality reports."""
    rows: dict[str, list[Row]] = {}
    for table in TABLES:
        files = parquet_files(folder, table)
        data = pq.read_table(files).to_pylist() if files else []
        rows[table] = [{k: _plain(v) for k, v in row.items()} for row in data]
    quality = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((folder / "quality").glob("*.json"))
    }
    return Overview(rows, quality)
