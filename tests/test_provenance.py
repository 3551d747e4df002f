"""Any text in: no crash, and every published quote is exactly text[char_start:char_end]."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplodata.extract import extract_article
from diplodata.ingest.articles import article_from_text
from diplodata.tables.build import build_tables

WORDS = st.sampled_from(
    [
        "Russia",
        "Belarus",
        "Minsk",
        "Turkish",
        "President",
        "Vladimir Putin",
        "met",
        "talks",
        "trade",
        "turnover",
        "$40.1 billion",
        "exports to",
        "members of the CSTO",
        "on Friday",
        "2 September 2022",
        "Mr",
        ".",
        ",",
        "\n",
        "—",
        "🇧🇾",
        "Ümit",
        "日本",
        "\u200b",
        " ",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=80).map(" ".join),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_provenance_quotes_always_match_the_text(text: str) -> None:
    facts = extract_article(article_from_text(text, "random.txt"))
    body = facts.article.text
    tables = build_tables([facts], "test")
    for name in ("actor_mentions", "meetings", "trade_figures", "memberships"):
        for row in getattr(tables, name):
            ev = row.evidence
            assert 0 <= ev.char_start <= ev.char_end <= len(body)
            assert ev.quote == body[ev.char_start : ev.char_end]
