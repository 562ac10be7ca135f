"""Places the text itself puts inside another: "Dorvo in the far-eastern Kesh region", "Dorvo, a suburb
at the edge of Lyon", "Dorvo, Kesh", "Kesh's Dorvo".
The outer place says where the inner one lies; beside it among one event's places it is no second place
of the event (rule location.said_inside)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extract.cache import doc_ents
from kg.extract.lexicon import load_lexicon
from kg.extract.rules import check
from kg.gazetteer import is_country, lookup_place, regions_named, without_accents
from kg.model import Entity

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
INSIDE_PREPS = frozenset({"in", "of"})
"""The prepositions that put a place inside another ("a hamlet of Malawi", "Dorvo in Kesh");
"near" and "outside" put it beside, and say nothing of what holds it."""
_OUTSKIRT_PREPS = frozenset({"on", "in", "at"})  # "on the far outskirts of", "in the heart of"


def _fold(text: str) -> str:
    text = without_accents(text.lower().replace("’", "'"))
    return " ".join(text.removeprefix("the ").removesuffix("'s").split())


def _names(entity: Entity) -> set[str]:
    return {_fold(n) for n in (entity.key, entity.label, *entity.aliases) if n}


def _larger_unit(span: Span) -> bool:
    """A country or a first-level region: what may stand beside a town as its mere address."""
    return is_country(span.text.removeprefix("the ")) or bool(regions_named(span.text))


def _known(span: Span) -> bool:
    """Whether the gazetteer knows the place: a town, a region or a country."""
    return _larger_unit(span) or lookup_place(span.text.removeprefix("the ")) is not None


def _place_at(token: Token, places: dict[int, Span]) -> Span | None:
    return places.get(token.i)


def _region_after(outer: Span, places: dict[int, Span], region_nouns: frozenset[str]) -> Span | None:
    """The place right before "in the ... X region" (however the parser hangs the phrase: "a raid on a
    depot at Dorvo in the hilly Kesh region"): a region noun names the region an address."""
    node = outer.root
    while node.dep_ == "compound" and node.head is not node:
        node = node.head
    if node.lower_ not in region_nouns or node.i != outer.end:
        return None
    prep = next((t for t in reversed(outer.doc[: outer.start]) if t.dep_ == "prep" or t.pos_ == "ADP"), None)
    if prep is None or prep.lower_ not in INSIDE_PREPS or prep.i == 0:
        return None
    between = outer.doc[prep.i + 1 : outer.start]
    if any(t.pos_ not in {"DET", "ADJ"} for t in between):
        return None
    inner = places.get(prep.i - 1)
    if inner is not None and _known(inner) and not _known(outer):
        return None  # "in Kabul in the Dorvo district": an unknown district lies in the known city
    return inner


def _holder(outer: Span, places: dict[int, Span], region_nouns: frozenset[str]) -> Span | None:
    """The place whose words the place ``outer`` hangs on as its address, if any."""
    if (found := _region_after(outer, places, region_nouns)) is not None:
        return found
    node = outer.root
    while node.dep_ == "compound" and node.head is not node:  # "the hilly Kesh region"
        node = node.head
    if node.dep_ == "poss":  # "Kesh's Dorvo"
        return _place_at(node.head, places)
    if node.dep_ == "appos" and _larger_unit(outer):  # "Dorvo, rebel-held Kesh"
        return _place_at(node.head, places)
    if node.dep_ != "pobj" or node.head.dep_ != "prep" or node.head.lower_ not in INSIDE_PREPS:
        return None
    head = node.head.head  # the word "in X" / "of X" hangs on
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.lower_ in _OUTSKIRT_PREPS:
        head = head.head.head  # "the town on the outskirts of Paris": the town
    found = _place_at(head, places)
    if found is None and head.dep_ == "appos":  # "Dorvo, a hill hamlet of Malawi"
        found = _place_at(head.head, places)
    return found


def told_inside(doc: Doc) -> frozenset[tuple[str, str]]:
    """(inner, outer) folded names of every place the text puts inside another."""
    ents = doc_ents(doc)
    spans = [e for e in ents if e.label_ in PLACE_LABELS]
    places = {t.i: e for e in spans for t in e}
    region_nouns = frozenset(load_lexicon().cue("region_nouns"))
    pairs = set()
    for outer in ents:
        region = outer.end < len(doc) and doc[outer.end].lower_ in region_nouns  # "Tahoua region"
        if outer.label_ not in PLACE_LABELS and not region:
            continue
        inner = _holder(outer, places, region_nouns)
        if inner is not None and inner is not outer and _fold(inner.text) != _fold(outer.text):
            pairs.add((_fold(inner.text), _fold(outer.text)))
    return frozenset(pairs)


@check("said_inside")
def said_inside(places: tuple[Entity, ...], doc: Doc) -> tuple[Entity, ...]:
    """The places of one event but those the text puts around another of them."""
    if len(places) < 2:
        return places
    pairs = told_inside(doc)
    if not pairs:
        return places
    names = {e.key: _names(e) for e in places}

    def around(outer: Entity) -> bool:
        return any(
            (i, o) in pairs
            for inner in places
            if inner is not outer
            for i in names[inner.key]
            for o in names[outer.key]
        )

    kept = tuple(e for e in places if not around(e))
    return kept or places
