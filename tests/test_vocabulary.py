"""The English vocabulary that tells names from ordinary words."""

from __future__ import annotations

import pytest

from diplodata.extract.vocabulary import is_common


@pytest.mark.parametrize(
    ("word", "common"),
    [("Planning", True), ("stopped", True), ("Pillars", True), ("Raimondo", False)],
)
def test_inflected_words_with_a_doubled_consonant_are_common(word: str, common: bool) -> None:
    assert is_common(word) is common
