"""Wire datelines ("TEHRAN, Iran (AP) —"): the place an article was filed from."""

from __future__ import annotations

import re

from kg.extract.places import lookup_place
from kg.model import Entity

DATELINE = re.compile(
    r"^\s*([A-Z][A-Z.'\- ]{2,40}?)\s*(?:,[^\n:—–(]{0,40})?\s*(?:\([^)\n]{0,30}\))?\s*[:—–-]"
)


def dateline_place(text: str) -> Entity | None:
    """The gazetteer place named by an all-capitals dateline at the start of ``text``, if any."""
    match = DATELINE.match(text[:160])
    if not match:
        return None
    name = match.group(1).strip().title()
    geo = lookup_place(name)
    if geo is None:
        return None
    kind = "Country" if geo.feature == "country" else "Place"
    return Entity(
        key=geo.name,
        label=geo.name,
        kind=kind,
        aliases=frozenset({match.group(1).strip(), geo.name}),
        geo=geo,
    )
