"""Hand-made facts for table and release tests (no extractor involved)."""

from __future__ import annotations

from diplodata.ingest.articles import article_from_text
from diplodata.models import ArticleFacts, MeetingFact, MembershipFact, PersonFact, TradeFact

TEXT = (
    "Minsk, 2 September 2022: Foreign Minister of Belarus Vladimir Makei met Boris Gryzlov, "
    "the Ambassador of Russia to Belarus, on Friday. In 2021 trade between the two reached "
    "$40.1 billion. Both are members of the CSTO."
)


def sample_facts(text: str = TEXT, source: str = "sample.txt") -> ArticleFacts:
    article = article_from_text(text, source)
    s = text.index("Foreign Minister")
    e = text.index("on Friday.") + len("on Friday.")
    t = text.index("In 2021")
    m = text.index("Both are")
    return ArticleFacts(
        article=article,
        persons=[
            PersonFact("Vladimir Makei", s, e, "foreign minister", "BLR", None, ("Makei",)),
            PersonFact("Boris Gryzlov", s, e, "ambassador", "RUS", "BLR", ("Gryzlov",)),
        ],
        meetings=[
            MeetingFact(
                ("Vladimir Makei", "Gryzlov"), "meeting", s, e, "2022-09-02", "day", "Minsk", "BLR"
            )
        ],
        trade_figures=[TradeFact("turnover", "BLR", "RUS", 40.1e9, "USD", "exact", t, m - 1, 2021)],
        memberships=[
            MembershipFact("BLR", "CSTO", "Collective Security Treaty Organization", m, len(text)),
            MembershipFact("RUS", "CSTO", "Collective Security Treaty Organization", m, len(text)),
        ],
    )
