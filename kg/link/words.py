"""The case-folded words of a text, as linking compares labels and triggers."""

from __future__ import annotations

import re
import unicodedata
from functools import cache


@cache
def _words(text: str) -> tuple[str, ...]:
    """The case-folded words of ``text`` (remembered: labels and triggers repeat across many pairs)."""
    return tuple(re.findall(r"[\w']+", unicodedata.normalize("NFKC", text).casefold()))
