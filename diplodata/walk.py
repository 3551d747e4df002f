"""Find the input files of an articles folder: every path ends as a file to read or a
reject with its reason (nothing vanishes), and symbolic links do not lead out of it."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


@dataclass(frozen=True, slots=True)
class Skipped:
    source: str
    reason: str


@dataclass(slots=True)
class Found:
    files: list[tuple[Path, str]] = field(default_factory=list)  # (path, source)
    skipped: list[Skipped] = field(default_factory=list)


_KINDS = [
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
]


def _is_sidecar(path: Path) -> bool:
    """``NAME.json`` beside an article ``NAME.txt`` (``.md``, ``.html``)."""
    return any(path.with_suffix(suffix).exists() for suffix in SUFFIXES)


def walk(folder: Path, follow_links: bool = False) -> Found:
    """Files under ``folder`` (recursively, sorted), each with its ``source``: the path
    relative to ``folder``. Hidden entries, other file types, special files, unreadable
    folders, dangling links and links leaving ``folder`` (unless ``follow_links``) are
    rejects."""
    root = folder.resolve()
    found = Found()
    seen_dirs: set[Path] = {root}

    def visit(directory: Path, relative: str) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            where = relative or "."
            found.skipped.append(
                Skipped(where, f"{where}: cannot read the folder ({exc.strerror or exc})")
            )
            return
        for entry in entries:
            source = f"{relative}/{entry.name}" if relative else entry.name
            printable = _printable(source)
            if printable != source:  # undecodable bytes: no source can name it in the tables
                found.skipped.append(
                    Skipped(printable, f"{printable}: the name is not valid UTF-8; rename it")
                )
                continue
            if entry.name.lower().endswith(".json") and _is_sidecar(Path(entry.path)):
                continue  # NAME.json beside NAME.txt: read with its article (sources.py)
            reason = _classify(entry, source, root, follow_links, seen_dirs)
            if isinstance(reason, str):
                found.skipped.append(Skipped(source, f"{source}: {reason}"))
            else:
                path, is_dir = reason
                if is_dir:
                    visit(path, source)
                else:
                    found.files.append((path, source))

    visit(root, "")
    return found


def _printable(name: str) -> str:
    """``name`` with any undecodable byte (a surrogate escape) shown as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _classify(
    entry: os.DirEntry[str], source: str, root: Path, follow_links: bool, seen_dirs: set[Path]
) -> str | tuple[Path, bool]:
    """A reason to skip the entry, or (path to read, is a folder)."""
    path = Path(entry.path)
    if entry.name.startswith("."):
        return "hidden, not read"
    try:
        if entry.is_symlink():
            target = path.resolve()
            if not target.exists():
                return f"a dangling symbolic link (to {os.readlink(path)})"
            if not target.is_relative_to(root) and not follow_links:
                return (
                    f"a symbolic link to {target}, outside the articles folder: not followed "
                    "(--follow-links follows it)"
                )
            path = target
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc})"
    except RuntimeError:  # a symbolic link loop
        return "a symbolic link loop"
    if stat.S_ISDIR(mode):
        real = path.resolve()
        if real in seen_dirs:
            return f"the folder {real} again (through a link): its files are read once"
        seen_dirs.add(real)
        return (path, True)
    for test, kind in _KINDS:
        if test(mode):
            return f"{kind}, not a file"
    if path.suffix.lower() not in SUFFIXES:
        return f"not an article file (read: {', '.join(SUFFIXES)})"
    return (path, False)
