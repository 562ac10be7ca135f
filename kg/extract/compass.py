"""Compass parts of places ("north-west Chad", "the south of Mali", "the country's east"): what whole
a part names, and the gazetteer match it takes from that whole."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.cache import sentence_tokens, span_ents
from kg.extract.lexicon import Lexicon
from kg.extract.refs import PLACE_LABELS, Ref
from kg.extract.rules import check
from kg.gazetteer import is_country, lookup_place, regions_named
from kg.model import Entity, Geo

HYPHENS = frozenset({"-", "–"})


def compass_whole(name: str, lex: Lexicon) -> str | None:
    """The whole a compass part names ("north-west Chad", "the south of Mali", "Mali's north" →
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


COMPASS_RULE = "location.compass_part"


@check("compass_parts")
def compass_parts(spans: list[Ref], sentence: Span, lex: Lexicon) -> list[Ref]:
    """A compass part of a place is the place the text gives: compass words before a country, or before a
    first-level region that is no listed town ("north-west Chad", "southern Borno"), and a compass noun
    after a place preposition that names its whole by "of" or a possessive ("in the south of Mali", "in the
    east of the country", "in the country's restive north") or stands alone ("in the northeast"). The
    whole's own span joins the part."""
    doc = sentence.doc
    points = lex.cue("compass_points")
    words = points | lex.cue("compass_adjectives")
    out = []
    for ref in spans:
        whole = ref.label in PLACE_LABELS and (is_country(ref.text) or _region_only(ref.text))
        start = _compass_start(ref.start, ref.end, sentence, words) if whole else ref.start
        part = Ref(start, ref.end, doc[start : ref.end].text, "LOC", COMPASS_RULE)
        out.append(ref if start == ref.start else part)
    preps = set(lex.roles["location_preps"])
    for token in sentence_tokens(sentence):
        if (
            token.lower_ not in points
            or not token.is_lower
            or token.ent_type_
            or token.dep_ != "pobj"
            or token.head.lower_ not in preps
            or any(r.start <= token.i < r.end for r in out)
        ):
            continue
        start = _compass_start(token.i, token.i + 1, sentence, points)
        found = _compass_whole(token, start, out, lex)
        if found is not None:
            (start, end), whole = found
            out = [r for r in out if r is not whole]
            out.append(Ref(start, end, doc[start:end].text, "LOC", COMPASS_RULE))
    return out


def _region_only(name: str) -> bool:
    """A first-level region that is no listed town too ("Kaduna", "Sanaa" are cities first)."""
    return bool(regions_named(name)) and lookup_place(name) is None


def _compass_start(start: int, end: int, sentence: Span, words: frozenset[str]) -> int:
    """Where the compass words that modify the span ``start:end`` begin ("north - west", "southern")."""
    doc = sentence.doc
    while start > sentence.start:
        word = doc[start - 1]
        if word.text in HYPHENS and start - 2 >= sentence.start and doc[start - 2].text in words:
            start -= 2
        elif word.text in words and not word.ent_type_ and start <= word.head.i < end:
            start -= 1
        else:
            break
    return start


def _compass_whole(
    token: Token, start: int, spans: list[Ref], lex: Lexicon
) -> tuple[tuple[int, int], Ref | None] | None:
    """The span of a compass noun's phrase and the country or region span it absorbs: "the south of
    <country>", "the north of the country (the province)", "<country>'s north", "the nation's north"; or
    the noun alone after "the". A part of a town ("the west of the town", "Kabul's north") is no place of
    its own: the town is."""
    wholes = lex.cue("country_nouns") | lex.cue("region_nouns")

    def span_of(word: Token) -> Ref | None:
        found = next((r for r in spans if r.start <= word.i < r.end and r.label in PLACE_LABELS), None)
        if found is None:  # "the south of Malawi", Malawi read as a name
            ent = next((e for e in span_ents(word.sent) if e.start <= word.i < e.end), None)
            found = Ref(ent.start, ent.end, ent.text, "GPE") if ent is not None else None
        return found if found is not None and (is_country(found.text) or _region_only(found.text)) else None

    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            whole = next((o for o in child.children if o.dep_ == "pobj"), None)
            if whole is None:
                return None
            ref = span_of(whole)
            if ref is not None:
                return (start, max(ref.end, whole.i + 1)), ref
            if whole.ent_type_:
                return None  # "the north of Kabul": the town
            definite = any(c.dep_ == "det" and c.lower_ == "the" for c in whole.children)
            return ((start, whole.i + 1), None) if definite and whole.lemma_.lower() in wholes else None
        if child.dep_ == "poss":
            ref = span_of(child)
            if ref is not None:
                return (ref.start, token.i + 1), ref
            if child.ent_type_:
                return None
            return ((child.i, token.i + 1), None) if child.lemma_.lower() in wholes else None
    alone = all(c.dep_ == "det" and c.lower_ == "the" for c in token.children if c.i < start or c.i > token.i)
    return ((start, token.i + 1), None) if alone and any(c.dep_ == "det" for c in token.children) else None


def country_or_part(name: str, lex: Lexicon) -> bool:
    """A country, or a compass part of one ("northern Mali", "the east of the country")."""
    whole = compass_whole(name, lex)
    return is_country(name) or whole == "" or bool(whole) and is_country(whole)


def part_around(place: Entity, places: tuple[Entity, ...], inner: set[str], lex: Lexicon) -> bool:
    """A compass part of a country or region ("northern Nigeria", "the east of the country") beside a place
    inside it (a listed place of that country, of any country when the whole is "the country", or a place
    the gazetteer lacks, as a country is beside one) says where that place is."""
    whole = compass_whole(place.label, lex) if place.geo is None and place.kind == "Place" else None
    if whole is None:
        return False
    if any(
        e.geo is None and e.kind == "Place" and compass_whole(e.label, lex) is None
        for e in places  # world regions are gone already (location.world_region)
    ):
        return True  # "a village near Tala in northern Mali"
    if not whole:
        return bool(inner)
    found = lookup_place(whole) if is_country(whole) or regions_named(whole) else None
    return found is not None and found.country_code in inner
