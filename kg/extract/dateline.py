"""Wire datelines ("TEHRAN, Iran (AP) —"): the place an article was filed from."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span

from kg.extract.cache import doc_text
from kg.gazetteer import lookup, lookup_place, without_accents
from kg.model import Entity, Geo

CAPITALS = "A-ZÀ-ÖØ-Þ"
DATELINE = re.compile(
    rf"^\s*([{CAPITALS}][{CAPITALS}.'\- ]{{2,40}}?)\s*"
    r"(?:,[^\n:—–(]{0,40}?)?\s*(?:\([^)\n]{0,30}\))?\s*(?:--|[:—–-])(?=\s)"
)
LEAD = re.compile(rf"[{CAPITALS}]{{3}}")
NAMES = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON"})
"""Entity labels a place name may carry (the tagger reads some towns as persons or organizations)."""
TITLE_PLACE = re.compile(r"\b(?:in|near|at)\s+((?:[A-Z][\w'’.-]*\s*){1,4})")


def dateline_end(line: str) -> int | None:
    """Where the text after a dateline starts in ``line`` ("KANO, Nigeria — A bomber" → at "A"), if any.

    The dateline is a heading, not part of the first sentence: its place is no actor and no event place.
    """
    match = DATELINE.match(line[:160])
    if not match or not LEAD.search(match.group(1)) or not line[match.end() : match.end() + 1].isspace():
        return None
    rest = line[match.end() :]
    return match.end() + len(rest) - len(rest.lstrip())


def title_place(title: str) -> Entity | None:
    """The gazetteer place a headline puts its story in ("... attacks in Sri Lanka"), if any: the longest
    capitalised words after "in", "near" or "at" that name a place."""
    for match in TITLE_PLACE.finditer(title):
        words = match.group(1).split()
        for size in range(len(words), 0, -1):
            geo = lookup_place(" ".join(words[:size]).strip(".,'’"))
            if geo is not None:
                return place_entity(geo, " ".join(words[:size]))
    return None


def exact_place(name: str) -> Geo | None:
    """The gazetteer place called exactly ``name``, accents aside: capitals and headlines drop them
    ("BOGOTA", "Bogota" are Bogotá), but no other alternate name counts ("Peking" is not read as Beijing)."""
    geo = lookup_place(name)
    if geo is None and (other := lookup(name)) is not None and _unaccented(other.name) == _unaccented(name):
        geo = other
    return geo


def _unaccented(name: str) -> str:
    return without_accents(name).casefold()


def place_entity(geo: Geo, alias: str) -> Entity:
    """The entity of a gazetteer place named ``alias``, labelled as the text spells it when that is the
    place's name accents aside ("Bogota"), else by its name ("Saudi" → Saudi Arabia)."""
    kind = "Country" if geo.feature == "country" else "Place"
    label = alias if _unaccented(alias) == _unaccented(geo.name) else geo.name
    return Entity(key=geo.name, label=label, kind=kind, aliases=frozenset({alias, geo.name}), geo=geo)


def dateline_place(text: str) -> Entity | None:
    """The gazetteer place named by an all-capitals dateline at the start of ``text``, if any."""
    match = DATELINE.match(text[:160])
    if not match:
        return None
    written = match.group(1).strip()
    geo = exact_place(written.title())
    if geo is None:
        return None
    found = place_entity(geo, written.title())
    return replace(found, aliases=found.aliases | {written})  # "BOGOTA" as the dateline writes it


def filed_elsewhere(
    place: Entity, doc: Doc, nouns: Iterable[str] = (), preps: Iterable[str] = ("in", "near", "at")
) -> bool:
    """The story never names its dateline's place again after the dateline, by name or by one of ``nouns``
    the reader resolves to it ("the capital", "its capital"), but does tell of something being in other
    places: names after one of ``preps`` (the name, or the noun it is a name of: "in Pamplona town", "in
    Myanmar's Rakhine State") that the gazetteer knows as places, or that the tagger reads as places, and
    that are neither that place nor its country. A correspondent filed from a capital about a massacre
    elsewhere ("KAMPALA, Uganda — rebels massacred villagers in Congo"), and the dateline says where the
    story was written, not where the attack was. A country named as a party ("Iran denied", "U.S.
    officials") says nothing of where the story happened."""
    text = doc_text(doc)
    match = DATELINE.match(text[:160])
    start = match.end() if match else 0
    rest = text[start:]
    names = {place.label, place.key, *place.aliases}
    if any(re.search(rf"\b{re.escape(name)}\b", rest) for name in names):
        return False
    words = "|".join(re.escape(n) for n in nouns)
    if words and re.search(rf"\b(?:the|its|this|that)\s+(?:{words})\b", rest, re.I):
        return False
    home = place.geo.country_code if place.geo is not None else None
    told = frozenset(preps)
    for ent in (e for e in doc.ents if e.label_ in NAMES and e.start_char >= start and _whereabouts(e, told)):
        geo = lookup_place(ent.text)
        if geo is not None and (geo.country_code != home or geo.feature != "country"):
            return True
        if geo is None and ent.label_ in {"GPE", "LOC"} and ent.start != ent.sent.start:
            return True  # "in neighbouring Congo", "Rakhine State": a place the gazetteer lacks
    return False


def _whereabouts(ent: Span, preps: frozenset[str]) -> bool:
    """A name told as where something is: the object of a place preposition, itself or as the name of the
    noun that is ("in neighbouring Congo", "in Pamplona town", "in Myanmar's troubled Rakhine State")."""
    node = ent.root
    if node.dep_ in {"compound", "poss"} and node.head.pos_ in {"NOUN", "PROPN"}:
        node = node.head
    return node.dep_ == "pobj" and node.head.lower_ in preps
