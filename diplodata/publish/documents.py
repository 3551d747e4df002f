"""Write a release's documents for readers from its own files: README.md, CITATION.cff
and index.html."""

from __future__ import annotations

from pathlib import Path

from diplodata.publish.citation import citation_cff
from diplodata.publish.overview import read_overview
from diplodata.publish.package import PackageMeta
from diplodata.publish.readme import release_readme
from diplodata.publish.site import index_html

DOCUMENTS = ("README.md", "CITATION.cff", "index.html")


def write_documents(folder: Path, meta: PackageMeta) -> list[str]:
    """(Re)write the documents of the release in ``folder``; returns their paths."""
    overview = read_overview(folder)
    texts = {
        "README.md": release_readme(meta, overview),
        "CITATION.cff": citation_cff(meta),
        "index.html": index_html(meta, overview),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return list(DOCUMENTS)
