"""Read input articles: a folder of .txt, .md and .html files, into ``Article`` records."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from diplodata.config import MAX_CHARS
from diplodata.dates import find_dateline
from diplodata.models import Article
from diplodata.normalize import normalize_text
from diplodata.sources import SourceError, source_meta, with_meta
from diplodata.walk import HTML_SUFFIXES, SUFFIXES, Skipped, walk

if TYPE_CHECKING:
    from diplodata.input_index import InputIndex

__all__ = ["SUFFIXES", "Batch", "InputError", "Skipped", "article_from_text", "read_folder"]


class InputError(ValueError):
    """The input folder or one of its files cannot be read."""


@dataclass(slots=True)
class Batch:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    kept: list[Article] = field(default_factory=list)  # of ``articles``: published before
    pruned: list[Article] = field(default_factory=list)  # published before, now removed
    lost: list[str] = field(default_factory=list)  # sha256 published before, text not kept


def article_from_text(text: str, source: str) -> Article:
    """An ``Article`` with a content-hash id, its title line and its dateline date; the
    text normalized first (``diplodata.normalize``: LF, NFKC, no invisible characters)."""
    text = normalize_text(text)
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


def read_file(path: Path, source: str | None = None) -> Article:
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
    return with_meta(article_from_text(content, source or path.name), meta)


def _check_folder(folder: Path) -> None:
    if not folder.exists():
        raise InputError(
            f"{folder}: no such folder; pass --articles DIR with your .txt/.md/.html files"
        )
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; pass --articles DIR")


def list_files(folder: Path, follow_links: bool = False) -> list[Path]:
    """Article files under ``folder`` (recursively), in a stable order."""
    _check_folder(folder)
    return [path for path, _ in walk(folder, follow_links).files]


def too_long(size: int, max_chars: int, unit: str = "characters") -> str:
    return (
        f"too long for an article ({size:,} {unit}; the limit is {max_chars:,} characters, "
        "--max-chars changes it)"
    )


def read_folder(
    folder: Path,
    max_chars: int = MAX_CHARS,
    follow_links: bool = False,
    index: InputIndex | None = None,
) -> Batch:
    """Every readable article of ``folder``; every other path is listed with its reason.

    An article's ``source`` is its path relative to ``folder``. With an ``index``, a file
    whose stat has not changed since it was read is not read again, and every article
    read is recorded in it."""
    _check_folder(folder)
    found = walk(folder, follow_links)
    batch = Batch(skipped=list(found.skipped))
    seen: set[str] = set()
    for path, source in found.files:
        try:
            size = path.stat().st_size
            if size > 4 * max_chars:  # not even read: UTF-8 has at most 4 bytes a character
                raise InputError(f"{source}: {too_long(size, max_chars, 'bytes, not read')}")
            article = index.article(path, source) if index is not None else None
            if article is None:
                article = read_file(path, source)
            if index is not None:
                index.record(path, source, article)
        except (InputError, OSError) as exc:
            batch.skipped.append(Skipped(source, str(exc)))
            continue
        if not article.text.strip():
            batch.skipped.append(Skipped(source, f"{source}: empty file"))
        elif article.n_chars > max_chars:
            batch.skipped.append(
                Skipped(source, f"{source}: {too_long(article.n_chars, max_chars)}")
            )
        elif article.article_id in seen:
            batch.skipped.append(Skipped(source, f"{source}: same text as another input file"))
        else:
            seen.add(article.article_id)
            batch.articles.append(article)
    return batch
