"""Licences: the release's ``--license`` must be an SPDX identifier (or expression); the
licence a sidecar gives for a source is recorded as SPDX when it is one, else as text."""

from __future__ import annotations

import difflib
from functools import cache
from typing import Any

from license_expression import Licensing, get_spdx_licensing

SPDX_URL = "https://spdx.org/licenses/{}.html"


class LicenseError(ValueError):
    """A licence that is not an SPDX identifier or expression."""


@cache
def _licensing() -> Licensing:
    return get_spdx_licensing()


def spdx(value: str) -> str | None:
    """The normalized SPDX expression of ``value`` ("cc-by-4.0" -> "CC-BY-4.0"), or None."""
    info = _licensing().validate(value.strip())
    return None if info.errors or not info.normalized_expression else info.normalized_expression


def check_license(value: str) -> str:
    """``value`` as a normalized SPDX expression; a clear error (with the closest ids) if not."""
    normalized = spdx(value)
    if normalized is not None:
        return normalized
    keys = [str(k) for k in _licensing().known_symbols]
    close = difflib.get_close_matches(value.strip(), keys, n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise LicenseError(
        f"--license {value!r} is not an SPDX licence identifier{hint}; "
        "use one from https://spdx.org/licenses/, e.g. CC-BY-4.0 or CC0-1.0"
    )


def license_entry(value: str) -> dict[str, Any]:
    """A Data Package ``licenses`` entry: name and path for SPDX ids, else the text as title."""
    normalized = spdx(value)
    if normalized is None:
        return {"title": value}
    entry: dict[str, Any] = {"name": normalized}
    if " " not in normalized:  # a single id, not an expression
        entry["path"] = SPDX_URL.format(normalized)
    return entry
