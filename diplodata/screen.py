"""Is an input a news article in English? Rejects with a reason: binary-looking content,
pages that are not articles (server default and error pages, directory listings, file
formats; ``data/not_articles.csv``), texts too short to be an article, and articles in
another language (detected with lingua)."""

from __future__ import annotations

import csv
import functools
import re
from typing import Any

from diplodata.lexicon import DATA_DIR
from diplodata.models import Article

MIN_WORDS = 25  # the shortest real news items (wire flashes, readouts) have ~40
HEAD = 2_000  # signatures are looked for at the start of the text
SAMPLE = 1_500  # characters the language is detected on (about 250 words)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_WORD = re.compile(r"[^\W\d_]{2,}")


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
    words = len(_WORD.findall(text))
    if words < MIN_WORDS:
        return f"too short for an article ({words} words; at least {MIN_WORDS})"
    lang = language(text)
    if lang is not None and lang[0] != "en":
        return f"written in {lang[1]} ({lang[0]}), not English"
    return None
