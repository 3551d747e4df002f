"""Ordinary English words: evidence that a capitalized run is a heading, not a name.

The vocabulary is the lowercase entries of Webster's Second International (public
domain), as packaged by ``english-words``: "Pillar", "Emergency" and "Purchase" are in it
as common nouns, "Putin" and "Zelenskyy" are not, and names that are also words ("Brown",
"May") are rescued by a given name next to them.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def _web2() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2"], lower=False))


@cache
def common_words() -> frozenset[str]:
    return frozenset(w for w in _web2() if w.islower())


def is_proper_name(word: str) -> bool:
    """``word`` is a proper noun of the dictionary ("Mark", "Hazel", "Franklin"), which
    lists given names capitalized beside the common nouns they share a spelling with."""
    return word[:1].isupper() and word in _web2()


def is_common(word: str) -> bool:
    """``word`` (any case), or its singular, is an ordinary English word."""
    w = word.lower()
    vocab = common_words()
    if w in vocab or any(
        w.endswith(suffix) and len(w) > len(suffix) + 2 and w[: -len(suffix)] + tail in vocab
        for suffix, tail in _INFLECTIONS
    ):
        return True
    doubled = re.match(r"(.{2,}?)([bdgklmnprtz])\2(?:ing|ed)$", w)  # "planning", "stopped"
    return doubled is not None and doubled.group(1) + doubled.group(2) in vocab


# Inflected forms web2 does not list: plurals, participles, adverbs ("Pillars",
# "Interconnected", "Emerging", "Securely").
_INFLECTIONS = (
    ("s", ""),
    ("es", ""),
    ("ies", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ly", ""),
)
