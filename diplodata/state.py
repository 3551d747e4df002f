"""Extraction cache: facts per article, keyed by content hash and extractor version.

A run re-extracts only articles whose text (sha256) is new or whose facts were made by
another extractor version. Each batch's facts are written as soon as they exist, so a
run that crashes resumes where it stopped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from diplodata.faults import checkpoint
from diplodata.models import (
    Article,
    ArticleFacts,
    MeetingFact,
    MembershipFact,
    PersonFact,
    TradeFact,
)

STATE_DIR = ".state"


def _tuples(record: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: tuple(v) if k in names else v for k, v in record.items()}


def _digest(data: Any) -> str:
    """Checksum of a cache entry's content: a damaged entry is never used."""
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class FactsCache:
    """``<out>/.state/facts/<extractor version>/<sha256>.json``."""

    def __init__(self, out: Path, version: str) -> None:
        self.folder = out / STATE_DIR / "facts" / version

    def _path(self, article: Article) -> Path:
        return self.folder / f"{article.sha256}.json"

    def get(self, article: Article) -> ArticleFacts | None:
        path = self._path(article)
        if not path.exists():
            return None
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            data = entry["facts"]
            if entry["sha256"] != _digest(data):
                return None  # damaged (a flipped bit): re-extracted
            return ArticleFacts(
                article=article,
                persons=[PersonFact(**_tuples(p, "aliases")) for p in data["persons"]],
                meetings=[MeetingFact(**_tuples(m, "participants")) for m in data["meetings"]],
                trade_figures=[TradeFact(**t) for t in data["trade_figures"]],
                memberships=[MembershipFact(**m) for m in data["memberships"]],
            )
        except (ValueError, KeyError, TypeError):
            return None  # a damaged entry is re-extracted

    def put(self, facts: ArticleFacts) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        data = {
            name: [dataclasses.asdict(f) for f in getattr(facts, name)]
            for name in ("persons", "meetings", "trade_figures", "memberships")
        }
        path = self._path(facts.article)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        entry = {"sha256": _digest(data), "facts": data}
        tmp.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        checkpoint("cache")
        os.replace(tmp, path)


class FailedExtractions:
    """``<out>/.state/failed/<extractor version>/<sha256>.txt``: why an article's extraction
    ran out of time or failed, so that later runs do not spend the budget on it again
    (a new extractor version tries again)."""

    def __init__(self, out: Path, version: str) -> None:
        self.folder = out / STATE_DIR / "failed" / version

    def put(self, article: Article, reason: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{article.sha256}.txt"
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(reason, encoding="utf-8")
        os.replace(tmp, path)

    def get(self, article: Article) -> str | None:
        try:
            return (self.folder / f"{article.sha256}.txt").read_text(encoding="utf-8")
        except (OSError, ValueError):
            return None


class ArticleStore:
    """``<out>/.state/articles/<sha256>.json``: every article's text and record, so that a
    published article stays in later releases after its input is gone."""

    def __init__(self, out: Path) -> None:
        self.folder = out / STATE_DIR / "articles"

    def put(self, article: Article) -> None:
        path = self.folder / f"{article.sha256}.json"
        if path.exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        record = dataclasses.asdict(article)
        record["published_date"] = (
            article.published_date.isoformat() if article.published_date else None
        )
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)

    def get(self, sha256: str) -> Article | None:
        try:
            record = json.loads((self.folder / f"{sha256}.json").read_text(encoding="utf-8"))
            date = record.pop("published_date")
            article = Article(
                **record, published_date=dt.date.fromisoformat(date) if date else None
            )
        except (OSError, ValueError, TypeError, KeyError):
            return None
        intact = hashlib.sha256(article.text.encode("utf-8")).hexdigest() == sha256
        return article if intact and article.sha256 == sha256 else None


CORPUS = "corpus.json"


def read_corpus(out: Path) -> set[str]:
    """sha256 of every article in the latest published release (``.state/corpus.json``)."""
    try:
        data = json.loads((out / STATE_DIR / CORPUS).read_text(encoding="utf-8"))
        return {str(s) for s in data["articles"]}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def write_corpus(out: Path, sha256s: set[str]) -> None:
    path = out / STATE_DIR / CORPUS
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"articles": sorted(sha256s)}, indent=1), encoding="utf-8")
    os.replace(tmp, path)
