"""Change detection by stat: an input file whose size, modification and change times and
inode (and those of its ``NAME.json`` sidecar) are what they were when it was last read is
not read, normalized, hashed or screened again; its article comes from the article store.

``<out>/.state/inputs.json`` maps each input path (relative to the articles folder) to its
stat and the sha256 of the article read from it. Only files read by this reading code are
trusted (the index is keyed by a digest of the modules that turn a file into an article),
and a file modified in the last two seconds is not recorded: a write in the same clock tick
as the read, with the same size, would otherwise go unseen (git's "racy" files).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from diplodata.models import Article
from diplodata.sources import sidecar_path
from diplodata.state import STATE_DIR, ArticleStore
from diplodata.version import EXTRACTOR_VERSION
from diplodata.walk import SUFFIXES

INDEX = "inputs.json"
RACY_NS = 2_000_000_000  # a file changed this recently is read again next time

_PACKAGE = Path(__file__).resolve().parent
_READING_CODE = (
    "input_index.py",
    "ingest.py",
    "normalize.py",
    "html.py",
    "sources.py",
    "walk.py",
    "screen.py",
)

Stamp = list[int | None]


def reading_version() -> str:
    """Which code turned files into articles: the extractor version and the reading modules."""
    digest = hashlib.sha256(EXTRACTOR_VERSION.encode())
    for name in _READING_CODE:
        digest.update((_PACKAGE / name).read_bytes())
    return digest.hexdigest()[:16]


def stamp(path: Path) -> Stamp:
    """Size, mtime and ctime (ns) and inode of ``path`` and of its sidecar (None when it
    has none)."""
    values: Stamp = _stat(path.stat())
    try:
        side = sidecar_path(path).stat() if path.suffix.lower() in SUFFIXES else None
    except OSError:
        side = None
    return values + (_stat(side) if side else [None] * len(values))


def _stat(st: os.stat_result) -> Stamp:
    """The change time too: a write that restores the old mtime (``touch -r``, some copy
    tools) still sets it."""
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]


class InputIndex:
    """The stat of every input file read in the previous run, with its article's sha256."""

    def __init__(self, out: Path) -> None:
        self.path = out / STATE_DIR / INDEX
        self.store = ArticleStore(out)
        self.version = reading_version()
        self.entries: dict[str, dict[str, object]] = {}
        self.seen: dict[str, dict[str, object]] = {}
        self.unchanged: set[str] = set()  # sha256 of the articles taken from the store
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data["version"] == self.version:
                self.entries = dict(data["files"])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # no index, damaged or from other code: every file is read

    def article(self, path: Path, source: str) -> Article | None:
        """The article of ``source`` when its file has not changed since it was read."""
        entry = self.entries.get(source)
        if entry is None:
            return None
        try:
            if entry.get("stat") != stamp(path):
                return None
        except OSError:
            return None
        article = self.store.get(str(entry.get("sha256")))
        if article is None or article.source != source:
            return None
        self.unchanged.add(article.sha256)
        return article

    def record(self, path: Path, source: str, article: Article) -> None:
        """Remember the file an article was read from (unless it changed just now)."""
        try:
            values = stamp(path)
        except OSError:
            return
        now = time.time_ns()
        if any(v is not None and now - v < RACY_NS for v in (values[1], values[5])):
            return
        self.seen[source] = {"stat": values, "sha256": article.sha256}

    def save(self) -> None:
        """Write the files recorded in this run (atomically); files gone are forgotten."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        data = {"version": self.version, "files": self.seen}
        tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, self.path)
