"""Find the input files of an articles folder: every path ends as a file to read or a
reject with its reason (nothing vanishes), and symbolic links do not lead out of it.

Each file comes with its *stamp*: size, modification and change times and inode, and
those of its ``NAME.json`` sidecar, from the one ``stat`` the walk makes of it (a run
compares stamps with the ones it recorded to know what changed,
``diplodata.ingest.input_index``)."""

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


@dataclass(frozen=True, slots=True)
class InputFile:
    """An article file: where it is, its ``source`` (the path relative to the folder), its
    stamp, and the later of its and its sidecar's modification times (ns)."""

    path: str
    source: str
    stamp: str
    size: int
    modified_ns: int


@dataclass(slots=True)
class Found:
    files: list[InputFile] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


_KINDS = [
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
]


def _stamp(st: os.stat_result) -> str:
    """The change time too: a write that restores the old mtime (``touch -r``, some copy
    tools) still sets it."""
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{st.st_ctime_ns}"


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def walk(folder: Path, follow_links: bool = False) -> Found:
    """Files under ``folder`` (recursively, sorted), each with its ``source``: the path
    relative to ``folder``. Hidden entries, other file types, special files, unreadable
    folders, dangling links and links leaving ``folder`` (unless ``follow_links``) are
    rejects."""
    root = folder.resolve()
    found = Found()
    seen_dirs: set[Path] = {root}

    def visit(directory: str, relative: str) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            where = relative or "."
            found.skipped.append(
                Skipped(where, f"{where}: cannot read the folder ({exc.strerror or exc})")
            )
            return
        names = {e.name for e in entries}
        for entry in entries:
            name = entry.name
            source = f"{relative}/{name}" if relative else name
            if not name.isascii():
                printable = _printable(source)
                if printable != source:  # undecodable bytes: no source names it in the tables
                    found.skipped.append(
                        Skipped(printable, f"{printable}: the name is not valid UTF-8; rename it")
                    )
                    continue
            suffix = _suffix(name)
            if suffix == ".json" and _is_sidecar(name, names):
                continue  # NAME.json beside NAME.txt: read with its article (sources.py)
            reason = _classify(entry, suffix, root, follow_links, seen_dirs)
            if isinstance(reason, str):
                found.skipped.append(Skipped(source, f"{source}: {reason}"))
                continue
            path, st = reason
            if stat.S_ISDIR(st.st_mode):
                visit(path, source)
                continue
            side = (
                _sidecar(directory, name[: len(name) - len(suffix)] + ".json", names)
                if path == entry.path
                else _stat(os.path.splitext(path)[0] + ".json")  # beside the link's target
            )
            stamp, modified = _stamp(st), st.st_mtime_ns
            if side is not None:
                stamp += "|" + _stamp(side)
                modified = max(modified, side.st_mtime_ns)
            found.files.append(InputFile(path, source, stamp, st.st_size, modified))

    visit(str(root), "")
    return found


def _is_sidecar(name: str, names: set[str]) -> bool:
    """``NAME.json`` beside an article ``NAME.txt`` (``.md``, ``.html``)."""
    stem = name[: -len(".json")]
    return any(stem + suffix in names for suffix in SUFFIXES)


def _sidecar(directory: str, side: str, names: set[str]) -> os.stat_result | None:
    """The stat of the sidecar ``side`` (``NAME.json`` beside ``NAME.txt``), if it is there."""
    return _stat(os.path.join(directory, side)) if side in names else None


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _printable(name: str) -> str:
    """``name`` with any undecodable byte (a surrogate escape) shown as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _classify(
    entry: os.DirEntry[str], suffix: str, root: Path, follow_links: bool, seen_dirs: set[Path]
) -> str | tuple[str, os.stat_result]:
    """A reason to skip the entry (``suffix``: of its name, lower-cased), or (path to read,
    its stat)."""
    if entry.name.startswith("."):
        return "hidden, not read"
    path = entry.path
    try:
        if entry.is_symlink():
            target = Path(path).resolve()
            if not target.exists():
                return f"a dangling symbolic link (to {os.readlink(path)})"
            if not target.is_relative_to(root) and not follow_links:
                return (
                    f"a symbolic link to {target}, outside the articles folder: not followed "
                    "(--follow-links follows it)"
                )
            path = str(target)
            suffix = _suffix(path)
            st = os.stat(path)
        else:
            st = entry.stat()
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc})"
    except RuntimeError:  # a symbolic link loop
        return "a symbolic link loop"
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        real = Path(path).resolve()
        if real in seen_dirs:
            return f"the folder {real} again (through a link): its files are read once"
        seen_dirs.add(real)
        return (path, st)
    for test, kind in _KINDS:
        if test(mode):
            return f"{kind}, not a file"
    if suffix not in SUFFIXES:
        return f"not an article file (read: {', '.join(SUFFIXES)})"
    return (path, st)
