"""Text normalization at ingestion: what every offset, quote and hash refers to.

An article's text is its file decoded as UTF-8 (HTML reduced to its main text), then:

* line ends: CRLF and CR become LF;
* Unicode NFKC: compatibility forms become their plain letters and spaces (a no-break
  space becomes a space, a ligature its letters, full-width letters ASCII);
* invisible characters are removed: the byte-order mark, soft hyphens, zero-width spaces
  and joiners, word joiners and bidirectional marks and embeddings.

So a name written with a soft hyphen, a no-break space or a right-to-left mark inside it
is matched as the same name. ``char_start``/``char_end`` and ``quote`` refer to this
normalized text, and ``sha256`` is its hash (not the file's).
"""

from __future__ import annotations

import re
import unicodedata

INVISIBLE = re.compile(
    "["
    "\u00ad"  # soft hyphen
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers
    "\u17b4\u17b5"  # Khmer inherent vowels
    "\u180b-\u180f"  # Mongolian variation selectors and vowel separator
    "\u200b-\u200f"  # zero-width space, non-joiner, joiner; LTR and RTL marks
    "\u202a-\u202e"  # bidirectional embeddings and overrides
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u2069"  # bidirectional isolates
    "\u206a-\u206f"  # deprecated format characters
    "\ufe00-\ufe0f"  # variation selectors
    "\ufeff"  # byte-order mark / zero-width no-break space
    "]"
)


def normalize_text(text: str) -> str:
    """LF line ends, NFKC, and no invisible characters (see the module docstring)."""
    text = INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    # removed first, so that NFKC composes what an invisible character kept apart
    return INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
