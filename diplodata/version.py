"""The extractor version recorded in every row and used to key the extraction cache.

``RULES_VERSION`` is bumped by hand when the rules change meaning; the digest of the rule
code and curated data files is appended, so any edit to them re-extracts every article on
the next run, even if nobody remembered to bump the number.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

RULES_VERSION = "0.15.0"

_PACKAGE = Path(__file__).resolve().parent
_RULE_FILES = (
    "models.py",
    "extract/*.py",
    "data/*.csv",
)


def rules_digest() -> str:
    """sha256 over the rule code and curated data, in a stable order (first 8 hex digits)."""
    digest = hashlib.sha256()
    for pattern in _RULE_FILES:
        for path in sorted(_PACKAGE.glob(pattern)):
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


EXTRACTOR_VERSION = f"{RULES_VERSION}+{rules_digest()}"

# The code that turns facts into rows. A release made by other table code is not the base of
# an incremental run: its rows are made again from the extraction cache.
_TABLE_FILES = (
    "tables/build.py",
    "tables/resolve.py",
    "extract/bodies.py",
    "tables/rows.py",
    "../schemas/*.schema.json",
)


def tables_digest() -> str:
    digest = hashlib.sha256()
    for pattern in _TABLE_FILES:
        for path in sorted(_PACKAGE.glob(pattern)):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


TABLES_VERSION = tables_digest()
