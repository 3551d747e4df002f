"""The sign of a trade balance: positive when the reporter has the surplus, negative when
it has the deficit.

The balance word next to the amount decides (the word right after it, "a 23 billion dlr
deficit", else the nearest before it, "the EC's trade deficit with Japan reached 2.13
billion"); its owner is the nearest state named before that word that is not the
counterpart ("with Japan"), a pronoun ("its surplus") pointing back to it. A balance
whose direction the text does not say ("a trade gap of $X") keeps its positive value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from diplodata.models import CountryMention

_WORD = re.compile(r"\b(surplus|deficit|shortfall)\b", re.IGNORECASE)
_NEAR_AFTER = 40  # characters after the amount for "a 23 billion dlr deficit"


def signed_balance(
    text: str,
    amount: tuple[int, int],
    window: tuple[int, int],
    reporter: str,
    countries: Sequence[CountryMention],
    value: float,
) -> float:
    """``value`` signed for ``reporter``: the amount at ``amount`` of the sentence ``window``."""
    (start, end), (lo, hi) = amount, window
    after = _WORD.search(text, end, min(hi, end + _NEAR_AFTER))
    before = list(_WORD.finditer(text, lo, start))
    word = after or (before[-1] if before else None)
    if word is None:
        return value
    owners = [
        c
        for c in countries
        if lo <= c.start and c.end <= word.start()
        and not re.search(r"\bwith\s+(?:the\s+)?$", text[max(lo, c.start - 10) : c.start])
    ]  # fmt: skip
    if not owners:
        return value
    deficit = word.group(1).lower() != "surplus"
    owner_is_reporter = owners[-1].code == reporter
    return -abs(value) if deficit == owner_is_reporter else abs(value)
