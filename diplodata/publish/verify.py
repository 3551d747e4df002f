"""Check a published release against its ``datapackage.json``: every file's size and sha256.

A release is verified before it is used: by a run (the previous release), by ``query``
and by ``diplodata verify``. A damaged file is never read as data.

``query`` and ``diplodata verify`` read every file. A run reads only the files it has not
read before: the output folder's state store keeps each release file's sha256 with the
size and modification time it had when it was read (:class:`Digests`), and a file whose
size and modification time are still those is not read again. Release files are
read-only and never rewritten in place: a write changes the modification time (a copy
with ``cp -a`` keeps both, and its digests hold). A change that keeps the size and sets
the old modification time back is found by ``diplodata verify``, not by a run.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diplodata.run.state_db import connect, db_path, transaction


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# sha256 of files this process read, by everything their stat says: a file written since
# (another size, modification or change time) is read again. Releases share parts (one
# inode), so verifying several releases, or one release several times, reads a part once.
# A file changed in the last seconds is not remembered: a second change within the file
# system's clock tick would leave its times as they were.
_DIGESTS: dict[tuple[int, int, int, int, int], str] = {}
_SETTLED_NS = 2_000_000_000


def file_digest(path: Path) -> str:
    st = path.stat()
    key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    if key in _DIGESTS:
        return _DIGESTS[key]
    digest = sha256_file(path)
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > _SETTLED_NS:
        _DIGESTS[key] = digest
    return digest


class Digests:
    """The sha256 of release files under ``out`` that a run read before, by path (relative
    to ``out``), size and modification time (table ``release_digests`` of the state store,
    ``diplodata.run.state_db``): :meth:`digest` reads a file only when those changed.
    Only settled files are remembered (not modified in the last :data:`_SETTLED_NS`: a
    second write in the same clock tick would leave the time as it is). A cache: a run
    killed before :meth:`save` reads those files again, and a store another process is
    writing to is not waited for (nothing is remembered then)."""

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self._known: dict[str, tuple[int, int, str]] = {}
        self._loaded: set[str] = set()
        self._new: dict[str, tuple[int, int, str]] = {}

    def key(self, path: Path) -> str:
        """``path`` (absolute, resolved) as the store names it: relative to ``out``."""
        name, prefix = str(path), f"{self.out}{os.sep}"
        return (name[len(prefix) :] if name.startswith(prefix) else name).replace(os.sep, "/")

    def load(self, release: Path) -> None:
        """What the store remembers of the files of ``release`` (one query)."""
        prefix = self.key(release.resolve()) + "/"
        if prefix in self._loaded:
            return
        self._loaded.add(prefix)
        if not db_path(self.out).exists():
            return  # no state store (an output no run made): nothing is remembered
        try:
            con = connect(self.out)
        except sqlite3.Error:
            return
        try:
            rows = con.execute(
                "SELECT path, size, modified, sha256 FROM release_digests "
                "WHERE path >= ? AND path < ?",
                [prefix, prefix[:-1] + "0"],  # "0" follows "/"
            ).fetchall()
        except sqlite3.Error:
            rows = []
        finally:
            con.close()
        for path, size, modified, sha in rows:
            self._known[str(path)] = (int(size), int(modified), str(sha))

    def digest(self, path: Path, st: os.stat_result) -> str:
        """The sha256 of ``path`` (its stat ``st``): remembered, or read now."""
        key = self.key(path)
        known = self._known.get(key)
        if known is not None and known[:2] == (st.st_size, st.st_mtime_ns):
            return known[2]
        digest = file_digest(path)
        if time.time_ns() - st.st_mtime_ns > _SETTLED_NS:
            self._known[key] = self._new[key] = (st.st_size, st.st_mtime_ns, digest)
        return digest

    def same_as(self, path: Path, other: Path) -> None:
        """``path`` is a hard link to ``other``: what is remembered of one holds for the
        other (a release's files shared with the release before it)."""
        try:
            st, st_other = path.stat(), other.stat()
        except OSError:
            return
        if (st.st_dev, st.st_ino) != (st_other.st_dev, st_other.st_ino):
            return
        known = self._known.get(self.key(other))
        if known is not None and known[:2] == (st.st_size, st.st_mtime_ns):
            self._known[self.key(path)] = self._new[self.key(path)] = known

    def save(self) -> None:
        """Remember the digests read since the last save (one transaction)."""
        if not self._new or not db_path(self.out).exists():
            return
        rows = [(key, *values) for key, values in sorted(self._new.items())]
        try:
            con = connect(self.out)
            try:
                con.execute("PRAGMA busy_timeout = 100")
                with transaction(con):
                    con.executemany(
                        "INSERT OR REPLACE INTO release_digests VALUES (?, ?, ?, ?)", rows
                    )
            finally:
                con.close()
        except sqlite3.Error:
            return  # a cache: the files are read again next time
        self._new.clear()


@dataclass(slots=True)
class Verification:
    release: Path
    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def listed_files(package: dict[str, Any]) -> list[dict[str, Any]]:
    """Every file the descriptor lists with a checksum: resources and ``files``."""
    entries = [r for r in package.get("resources", []) if isinstance(r, dict) and "hash" in r]
    entries += [f for f in package.get("files", []) if isinstance(f, dict)]
    return [
        {"path": e["path"], "hash": e.get("hash", ""), "bytes": e.get("bytes")} for e in entries
    ]


def verify_release(release: Path, digests: Digests | None = None) -> Verification:
    """Size and sha256 of every file listed in ``release/datapackage.json`` (with
    ``digests``, each file read only if it changed since a run last read it)."""
    result = Verification(release)
    descriptor = release / "datapackage.json"
    try:
        package = json.loads(descriptor.read_text(encoding="utf-8"))
        files = listed_files(package)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        result.problems.append(f"{descriptor}: unreadable descriptor ({exc})")
        return result
    if not files:
        result.problems.append(f"{descriptor}: lists no file checksums")
    if digests is not None:
        release = release.resolve()
        digests.load(release)
    for entry in files:
        path = release / entry["path"]
        result.checked += 1
        try:
            st = path.stat()
            size = st.st_size
            if entry["bytes"] is not None and size != entry["bytes"]:
                result.problems.append(
                    f"{path}: {size} bytes, the descriptor says {entry['bytes']}"
                )
                continue
            digest = "sha256:" + (
                digests.digest(path, st) if digests is not None else file_digest(path)
            )
        except OSError as exc:
            result.problems.append(f"{path}: cannot read ({exc.strerror or exc})")
            continue
        if digest != entry["hash"]:
            result.problems.append(
                f"{path}: sha256 {digest[7:19]}..., the descriptor says "
                f"{str(entry['hash'])[7:19]}..."
            )
    if digests is not None:
        digests.save()
    return result


def remember_shared(out: Path, release: Path, base: Path) -> None:
    """The files ``release`` shares with ``base`` (hard links at the same path) have the
    digests a run read for those of ``base``: the next run does not read them again."""
    try:
        package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
        files = listed_files(package)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        return
    digests = Digests(out)
    release, base = release.resolve(), base.resolve()
    digests.load(base)
    digests.load(release)
    for entry in files:
        digests.same_as(release / entry["path"], base / entry["path"])
    digests.save()
