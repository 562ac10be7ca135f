"""Compass parts of places ("north-west Pakistan", "the south of Mali", "the country's east"): what whole
a part names, and the gazetteer match it takes from that whole."""

from __future__ import annotations

from kg.extract.lexicon import Lexicon
from kg.gazetteer import lookup_place
from kg.model import Geo

HYPHENS = frozenset({"-", "–"})


def compass_whole(name: str, lex: Lexicon) -> str | None:
    """The whole a compass part names ("north-west Pakistan", "the south of Mali", "Mali's north" →
    the place; "the east of the country", "the northeast" → ""), or None when ``name`` is no compass part."""
    words = " ".join(name.replace("’", "'").replace("-", " - ").split()).split()
    points = lex.cue("compass_points")
    compass = points | lex.cue("compass_adjectives") | HYPHENS
    if words[:1] == ["the"]:
        words = words[1:]
    lead = 0
    while lead < len(words) and words[lead] in compass:  # "North Sinai", "West Bank" are names
        lead += 1
    if not lead:
        owner = next((n for n, w in enumerate(words) if w.endswith("'s")), None)
        if owner is None or words[-1] not in points:
            return None
        whole = " ".join(words[: owner + 1]).removesuffix("'s")
    elif words[lead : lead + 1] == ["of"]:
        whole = " ".join(words[lead + 1 :])
    else:
        whole = " ".join(words[lead:])
    whole = whole.removeprefix("the ")
    return "" if whole.lower() in lex.cue("place_nouns") | lex.cue("country_nouns") else whole


def part_geo(name: str, lex: Lexicon) -> Geo | None:
    """A compass part of a place stands, for the gazetteer, where its whole does ("southern Mali" is in
    Mali, "central Kano" in Kano): the whole's match, else None (a part of "the country" has none)."""
    whole = compass_whole(name, lex)
    return lookup_place(whole) if whole else None
