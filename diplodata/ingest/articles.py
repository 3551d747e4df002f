"""Read input articles: a folder of .txt, .md and .html files, into ``Article`` records.

A run (:func:`ingest_folder`) reads only the files whose stat changed since they were last
read (``diplodata.ingest.input_index``), in batches: each batch's texts go to the article store
and its files into the index in one transaction, and the run goes on with the articles'
records (:class:`~diplodata.ingest.records.ArticleInfo`), kept in the state store
(``diplodata.run.run_articles``), not their texts."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from diplodata.config import MAX_CHARS, READ_BATCH
from diplodata.extract.dates import find_dateline
from diplodata.ingest.normalize import normalize_text
from diplodata.ingest.sources import SourceError, source_meta, with_meta
from diplodata.ingest.walk import HTML_SUFFIXES, SUFFIXES, Found, InputFile, Skipped, walk
from diplodata.models import Article
from diplodata.run.workers import in_processes

if TYPE_CHECKING:
    from diplodata.ingest.input_index import InputIndex, NotTaken, Outcome

__all__ = [
    "SUFFIXES",
    "Batch",
    "InputError",
    "Inputs",
    "Skipped",
    "article_from_text",
    "ingest_folder",
    "read_folder",
]


class InputError(ValueError):
    """The input folder or one of its files cannot be read."""


class UnreadableError(InputError):
    """A file could not be opened or read (permissions, I/O): reading it again may work."""


@dataclass(slots=True)
class Batch:
    """Articles with their texts (a folder read whole, a feed), and the rejects."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(slots=True)
class Inputs:
    """A run's input: its articles are in the state store of ``out``
    (``diplodata.run.run_articles``: their records; their texts are in the article store);
    here the rejects, and the stat of the folder for the next run's check for nothing new."""

    out: Path
    skipped: list[Skipped] = field(default_factory=list)
    read: int = 0  # files read in this run (new or changed): the others were not opened
    stamps: str | None = None  # input_index.stamps_digest of the folder's files
    others: list[str] = field(default_factory=list)  # why the folder's other paths are not read
    lost: list[str] = field(default_factory=list)  # sha256 published before, text not kept


def article_from_text(text: str, source: str) -> Article:
    """An ``Article`` with a content-hash id, its title line and its dateline date; the
    text normalized first (``diplodata.ingest.normalize``: LF, NFKC, no invisible characters)."""
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
        raise UnreadableError(f"{path}: cannot read the file ({exc.strerror})") from exc
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
        from diplodata.ingest.html import html_to_text

        content = html_to_text(content, source=str(path))
    return with_meta(article_from_text(content, source or path.name), meta)


def _check_folder(folder: Path) -> None:
    if not folder.exists():
        raise InputError(
            f"{folder}: no such folder; pass --articles DIR with your .txt/.md/.html files"
        )
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; pass --articles DIR")


def find_inputs(folder: Path, follow_links: bool = False) -> Found:
    """The article files under ``folder`` (recursively, in a stable order, with their stat)
    and why its other paths are not read."""
    _check_folder(folder)
    return walk(folder, follow_links)


def list_files(folder: Path, follow_links: bool = False) -> list[InputFile]:
    """Article files under ``folder`` (recursively), in a stable order, with their stat."""
    return find_inputs(folder, follow_links).files


def too_long(size: int, max_chars: int, unit: str = "characters") -> str:
    return (
        f"too long for an article ({size:,} {unit}; the limit is {max_chars:,} characters, "
        "--max-chars changes it)"
    )


class _Record(Protocol):
    @property
    def article_id(self) -> str: ...
    @property
    def n_chars(self) -> int: ...


R = TypeVar("R", bound=_Record)


def _sort_out(
    results: Sequence[tuple[str, R | None, str | None]], max_chars: int
) -> tuple[list[R], list[Skipped]]:
    """In the folder's order: the articles taken, and the rejects with their reasons (a file
    not read, empty or unreadable, too long, the same text as a file before it, not an
    English news article)."""
    taken: list[R] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for source, article, reject in results:
        if article is None:
            skipped.append(Skipped(source, reject or f"{source}: not read"))
        elif article.n_chars > max_chars:
            skipped.append(Skipped(source, f"{source}: {too_long(article.n_chars, max_chars)}"))
        elif article.article_id in seen:
            skipped.append(Skipped(source, f"{source}: same text as another input file"))
        else:
            seen.add(article.article_id)
            if reject is not None:
                skipped.append(Skipped(source, reject))
            else:
                taken.append(article)
    return taken, skipped


def _not_read(file: InputFile, max_chars: int) -> str | None:
    """Why ``file`` is not even read: larger than any article can be in UTF-8 (at most 4
    bytes a character)."""
    if file.size > 4 * max_chars:
        return f"{file.source}: {too_long(file.size, max_chars, 'bytes, not read')}"
    return None


def read_input(file: InputFile, screen: Callable[[Article], str | None] | None) -> Outcome:
    """Read one input file into its article, or why it cannot be one (unreadable, empty,
    and with ``screen``, not an English news article)."""
    from diplodata.ingest.input_index import Outcome

    try:
        article = read_file(Path(file.path), file.source)
    except (UnreadableError, OSError) as exc:
        return Outcome(file, None, str(exc), final=False)
    except InputError as exc:
        return Outcome(file, None, str(exc))
    if not article.text.strip():
        return Outcome(file, None, f"{file.source}: empty file")
    reason = screen(article) if screen is not None else None
    return Outcome(file, article, f"{file.source}: {reason}" if reason else None)


def read_screened(files: Sequence[InputFile]) -> list[Outcome]:
    """Read and screen these files (a job of a worker process: ``diplodata.run.workers``)."""
    from diplodata.ingest.screen import rejection

    return [read_input(file, rejection) for file in files]


def read_folder(folder: Path, max_chars: int = MAX_CHARS, follow_links: bool = False) -> Batch:
    """Every readable article of ``folder`` with its text (not screened); every other path
    is listed with its reason. An article's ``source`` is its path relative to ``folder``."""
    _check_folder(folder)
    found = walk(folder, follow_links)
    results: list[tuple[str, Article | None, str | None]] = []
    for file in found.files:
        reason = _not_read(file, max_chars)
        if reason is None:
            outcome = read_input(file, None)
            results.append((file.source, outcome.article, outcome.reject))
        else:
            results.append((file.source, None, reason))
    articles, skipped = _sort_out(results, max_chars)
    return Batch(articles, found.skipped + skipped)


def ingest_folder(
    folder: Path,
    index: InputIndex,
    max_chars: int = MAX_CHARS,
    follow_links: bool = False,
    read_batch: int | None = None,
    found: Found | None = None,
) -> Inputs:
    """The articles of ``folder``, into the run's articles in the state store
    (``diplodata.run.run_articles``: the rows of the files the run before kept, changed
    only for the files added, removed or changed since), and every reject: files whose
    stat is the one kept there, or recorded in ``index``, are not opened; the others are
    read, screened and recorded (their texts stored) ``read_batch`` at a time, read on
    every core.
    ``found``: the folder's walk, when the caller has made it (and lets it go: the walk is
    compared with the index in SQLite, and let go before the files are read)."""
    from diplodata.ingest.input_index import kept_mark, stamps_digest

    _check_folder(folder)
    found = found or walk(folder, follow_links)
    stamps = stamps_digest(found.files)
    walk_skipped, others = found.skipped, sorted(s.reason for s in found.skipped)
    index.compare(found.files)
    del found  # no list of every file while they are sorted out
    made = kept_mark(folder, max_chars, follow_links)
    n_read = index.sort_in(4 * max_chars, made)
    step = max(1, read_batch or READ_BATCH)
    for outcomes in in_processes(read_screened, index.unread(step)):
        index.put_outcomes(outcomes)
        index.record(outcomes)
    rows = index.sort_out(max_chars, made)
    skipped = [Skipped(row.source, _why(row, max_chars)) for row in rows]
    return Inputs(index.out, walk_skipped + skipped, read=n_read, stamps=stamps, others=others)


def _why(row: NotTaken, max_chars: int) -> str:
    """Why a file's article is not taken (as :func:`_sort_out` says it)."""
    if row.big:
        return f"{row.source}: {too_long(row.size, max_chars, 'bytes, not read')}"
    if row.n_chars is None:
        return row.reject or f"{row.source}: not read"
    if row.n_chars > max_chars:
        return f"{row.source}: {too_long(row.n_chars, max_chars)}"
    if row.nth is not None and row.nth > 1:
        return f"{row.source}: same text as another input file"
    return row.reject or f"{row.source}: not read"
