"""An article's record without its text (:class:`ArticleInfo`): what a run carries of an
article whose text it does not need (an unchanged input file, an article published before).
The text is in the run's article store (``diplodata.run.state``), read back only to extract
the article or make its rows.

Not in ``diplodata.models``: the extractor version is a digest of that module (and the
rules), and a change to how the pipeline carries articles is no change of the rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from diplodata.models import Article
from diplodata.tables.rows import ArticleRow


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """An article's record: every field of :class:`~diplodata.models.Article` but its text,
    and the text's length."""

    article_id: str
    source: str
    sha256: str
    n_chars: int
    title: str | None = None
    published_date: dt.date | None = None
    url: str | None = None
    publisher: str | None = None
    language: str | None = None
    license: str | None = None

    def with_text(self, text: str) -> Article:
        """The article, given its text (whose sha256 is ``self.sha256``)."""
        values = {name: getattr(self, name) for name in INFO_FIELDS if name != "n_chars"}
        return Article(text=text, **values)


INFO_FIELDS = tuple(f.name for f in fields(ArticleInfo))


def info_of(article: Article | ArticleRow) -> ArticleInfo:
    """The record of an article, or of a published article from its row."""
    return ArticleInfo(*(getattr(article, name) for name in INFO_FIELDS))
