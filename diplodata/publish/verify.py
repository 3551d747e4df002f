"""Check a published release against its ``datapackage.json``: every file's size and sha256.

A release is verified before it is used: by a run (the previous release), by ``query``
and by ``diplodata verify``. A damaged file is never read as data.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


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


def verify_release(release: Path) -> Verification:
    """Size and sha256 of every file listed in ``release/datapackage.json``."""
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
    for entry in files:
        path = release / entry["path"]
        result.checked += 1
        try:
            size = path.stat().st_size
            if entry["bytes"] is not None and size != entry["bytes"]:
                result.problems.append(
                    f"{path}: {size} bytes, the descriptor says {entry['bytes']}"
                )
                continue
            digest = "sha256:" + file_digest(path)
        except OSError as exc:
            result.problems.append(f"{path}: cannot read ({exc.strerror or exc})")
            continue
        if digest != entry["hash"]:
            result.problems.append(
                f"{path}: sha256 {digest[7:19]}..., the descriptor says "
                f"{str(entry['hash'])[7:19]}..."
            )
    return result
