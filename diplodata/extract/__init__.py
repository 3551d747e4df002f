"""Rule-based extractors, one module per table, and the per-article entry point."""

from __future__ import annotations

from diplodata.extract.meetings import extract_meetings, has_two_sides
from diplodata.extract.memberships import extract_memberships
from diplodata.extract.persons import extract_persons, imply_states
from diplodata.extract.text import analyze
from diplodata.extract.trade import extract_trade
from diplodata.models import Article, ArticleFacts
from diplodata.version import EXTRACTOR_VERSION

__all__ = ["EXTRACTOR_VERSION", "extract_article"]


def extract_article(article: Article) -> ArticleFacts:
    """Run every extractor over one article."""
    doc = analyze(article)
    persons = extract_persons(doc)
    meetings = extract_meetings(doc, persons)
    persons = imply_states(doc, persons, meetings)
    return ArticleFacts(
        article=article,
        persons=persons,
        meetings=[m for m in meetings if has_two_sides(m, persons)],
        trade_figures=extract_trade(doc),
        memberships=extract_memberships(doc),
    )
