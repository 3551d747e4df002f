"""Read input articles: a folder of .txt, .md and .html files, into ``Article`` records."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from diplodata.dates import find_dateline
from diplodata.models import Article
from diplodata.sources import SourceError, source_meta, with_meta

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


class InputError(ValueError):
    """The input folder or one of its files cannot be read."""


@dataclass(frozen=True, slots=True)
class Skipped:
    source: str
    reason: str


@dataclass(slots=True)
class Batch:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def article_from_text(text: str, source: str) -> Article:
    """An ``Article`` with a content-hash id, its title line and its dateline date."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(
        article_id=digest[:16],
        source=source,
        text=text,
        sha256=digest,
        title=_title(text),
        published_date=find_dateline(text),
    )


def _title(text: str) -> str | None:
    """The first line, when it reads as a headline (short, no sentence punctuation at the end)."""
    first = text.strip().split("\n", 1)[0].strip().lstrip("#").strip()
    if not first or len(first) > 200 or re.search(r"[.:;,]$", first):
        return None
    return first


def read_file(path: Path) -> Article:
    """Read one article file; HTML is reduced to its main text."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror})") from exc
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text (bad byte at offset {exc.start}); "
            "re-save the file as UTF-8 or remove it from the input folder"
        ) from exc
    try:
        meta, content = source_meta(path, content)
    except SourceError as exc:
        raise InputError(str(exc)) from exc
    if path.suffix.lower() in HTML_SUFFIXES:
        from diplodata.html import html_to_text

        content = html_to_text(content, source=str(path))
    return with_meta(article_from_text(content, path.name), meta)


def list_files(folder: Path) -> list[Path]:
    """Article files under ``folder`` (recursively), in a stable order."""
    if not folder.exists():
        raise InputError(
            f"{folder}: no such folder; pass --articles DIR with your .txt/.md/.html files"
        )
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; pass --articles DIR")
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
    )


def read_folder(folder: Path, paths: Iterable[Path] | None = None) -> Batch:
    """Every readable article of ``folder``; unreadable or empty files are listed, not lost."""
    batch = Batch()
    seen: set[str] = set()
    for path in list_files(folder) if paths is None else paths:
        try:
            article = read_file(path)
        except InputError as exc:
            batch.skipped.append(Skipped(str(path), str(exc)))
            continue
        if not article.text.strip():
            batch.skipped.append(Skipped(str(path), f"{path}: empty file"))
        elif article.article_id in seen:
            batch.skipped.append(Skipped(str(path), f"{path}: same text as another input file"))
        else:
            seen.add(article.article_id)
            batch.articles.append(article)
    return batch
