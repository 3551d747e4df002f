"""Is an input a news article in English? Rejects with a reason: binary-looking content,
pages that are not articles (server default and error pages, directory listings, file
formats; ``data/not_articles.csv``), texts too short to be an article, and articles in
another language (detected with lingua, unless the text is clearly English)."""

from __future__ import annotations

import csv
import functools
import itertools
import re
from typing import Any

from diplodata.extract.lexicon import DATA_DIR
from diplodata.models import Article

MIN_WORDS = 25  # the shortest real news items (wire flashes, readouts) have ~40
HEAD = 2_000  # signatures are looked for at the start of the text
SAMPLE = 1_500  # characters the language is detected on (about 250 words)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_WORD = re.compile(r"[^\W\d_]{2,}")
# English function words that are not common words of another language ("also" is German,
# "is" and "was" Dutch, "for" Danish, "on" French, "to" Polish, "are" Romanian): when at
# least CLEARLY_ENGLISH of a sample's words (and half that of each third of it) are these,
# it is English without asking lingua: 97% of the corpus articles (median 18%); German and
# French texts: 0%.
_ENGLISH_WORDS = (
    "the of and that which this with said been their would were from have they there these "
    "than into"
)
_ENGLISH = frozenset(_ENGLISH_WORDS.split())
CLEARLY_ENGLISH = 0.10


@functools.cache
def _signatures() -> list[tuple[re.Pattern[str], str]]:
    with (DATA_DIR / "not_articles.csv").open(encoding="utf-8", newline="") as handle:
        return [(re.compile(r["pattern"], re.I), r["reason"]) for r in csv.DictReader(handle)]


@functools.cache
def _detector() -> Any:
    from lingua import LanguageDetectorBuilder

    # trigram models only: accurate on article-length text, small and fast
    return LanguageDetectorBuilder.from_all_spoken_languages().with_low_accuracy_mode().build()


def language(text: str) -> tuple[str, str] | None:
    """(ISO 639-1 code, English name) of the text's language, or None when unclear."""
    found = _detector().detect_language_of(text[:SAMPLE])
    if found is None:
        return None
    return found.iso_code_639_1.name.lower(), found.name.title()


def clearly_english(text: str) -> bool:
    """True when so many of the sample's words, and of each third of it, are English
    function words that the text is English whatever lingua says; an article in another
    language quoting English is far below. Lingua (about 5 ms a text, most of a large run's
    reading time) is asked only about the rest."""
    sample = text[:SAMPLE].lower()
    step = len(sample) // 3 + 1
    thirds = [_WORD.findall(sample[i : i + step]) for i in range(0, len(sample), step)]
    counts = [(len(part), sum(map(_ENGLISH.__contains__, part))) for part in thirds]
    words, english = sum(c[0] for c in counts), sum(c[1] for c in counts)
    return (
        words >= MIN_WORDS
        and english >= CLEARLY_ENGLISH * words
        and all(e >= CLEARLY_ENGLISH / 2 * w for w, e in counts)
    )


def rejection(article: Article) -> str | None:
    """Why ``article`` is not taken as an English news article, or None when it is."""
    text = article.text
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 200):
        return f"binary-looking content ({controls} control or undecodable characters)"
    head = text[:HEAD]
    for pattern, reason in _signatures():
        if pattern.search(head):
            return f"not an article: {reason}"
    words = sum(1 for _ in itertools.islice(_WORD.finditer(text), MIN_WORDS))
    if words < MIN_WORDS:
        return f"too short for an article ({words} words; at least {MIN_WORDS})"
    lang = None if clearly_english(text) else language(text)
    if lang is not None and lang[0] != "en":
        return f"written in {lang[1]} ({lang[0]}), not English"
    return None
