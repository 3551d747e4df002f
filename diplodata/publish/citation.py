"""How to cite a release: one citation text (README, datapackage.json) and CITATION.cff."""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

from diplodata.publish.package import PackageMeta
from diplodata.version import EXTRACTOR_VERSION


def tool_version() -> str:
    try:
        return package_version("diplodata")
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return "unknown"


def citation_text(meta: PackageMeta) -> str:
    """``Authors (year). Title, release V [Data set]. ...``: one line, APA-like."""
    authors = ", ".join(meta.contributors) or meta.name
    year = meta.created[:4]
    text = (
        f"{authors} ({year}). {meta.title}, release {meta.version} [Data set]. "
        f"Made with diplodata {tool_version()}, extractor {EXTRACTOR_VERSION}. "
        f"Licence {meta.license}."
    )
    return text + (f" {meta.homepage}" if meta.homepage else "")


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def citation_cff(meta: PackageMeta) -> str:
    """The release's ``CITATION.cff`` (Citation File Format 1.2.0)."""
    lines = [
        "cff-version: 1.2.0",
        'message: "If you use this data set, please cite it as below."',
        "type: dataset",
        f"title: {_q(meta.title)}",
        f"abstract: {_q(meta.description)}",
        f"version: {_q(meta.version)}",
        f"date-released: {_q(meta.created[:10])}",
        f"license: {_q(meta.license)}",
        "authors:",
        *(f"  - name: {_q(name)}" for name in meta.contributors or (meta.name,)),
    ]
    if meta.homepage:
        lines.append(f"url: {_q(meta.homepage)}")
    lines += [
        "keywords:",
        *(f"  - {k}" for k in ("diplomacy", "international relations", "news", "trade")),
    ]
    return "\n".join(lines) + "\n"
