"""HTML pages reduced to their article text with trafilatura."""

from __future__ import annotations

import trafilatura


def html_to_text(html: str, source: str = "<html>") -> str:
    """The main text of a news page (title first line, then the body); empty when none is found."""
    text = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        with_metadata=False,
    )
    title = None
    metadata = trafilatura.extract_metadata(html)
    if metadata is not None and metadata.title:
        title = metadata.title.strip()
    body = (text or "").strip()
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    return body
