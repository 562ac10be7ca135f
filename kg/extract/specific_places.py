"""An event's most specific places: a continent or world region beside a place in it, a country beside a
town in it, a region beside a town of it, a town beside a place in it that names it, each says no second
place of the event (rules location.world_region, location.most_specific, location.region_of_town); a town
the gazetteer knows stands for a street or venue in it the event is also told at (location.known_town)."""

from __future__ import annotations

from kg.extract.compass import part_around
from kg.extract.draft import Draft
from kg.extract.lexicon import load_lexicon
from kg.extract.placing import gazetteer_match
from kg.extract.rules import check
from kg.gazetteer import is_continent, lookup, region_of, regions_named
from kg.model import Entity


@check("world_region")
def world_region(place: Entity) -> bool:
    """A continent or a region of the world larger than a country ("Europe", "the Middle East", "the
    Sahel"): beside a place in it ("the deadliest attack in Europe" with Berlin) it says no event's place."""
    name = " ".join(place.label.lower().removeprefix("the ").split())
    return is_continent(name) or name in load_lexicon().cue("world_regions")


@check("most_specific")
def most_specific(places: tuple[Entity, ...]) -> tuple[Entity, ...]:
    if not all(map(world_region, places)):
        places = tuple(e for e in places if not world_region(e))
    inner = {e.geo.country_code for e in places if e.geo and e.geo.feature != "country"}
    # a town the gazetteer places in another country may be a homonym of one in the country beside it
    # ("Hyderabad, Pakistan": the larger Hyderabad is India's): the country is dropped all the same
    inner |= {code for e in places if (code := _homonym_country(e, places))}
    # a compass part beside a place inside it: "Kano, in northern Nigeria"
    places = tuple(e for e in places if not part_around(e, places, inner, load_lexicon()))
    unlisted = any(e.geo is None and e.kind == "Place" for e in places)  # "X's al-Bayda province"
    return tuple(
        e
        for e in places
        if not (e.geo and e.geo.feature == "country" and (e.geo.country_code in inner or unlisted))
        and not any(_names_inside(e, other) for other in places)
        and not region_beside_town(e, places)
    )


def _homonym_country(town: Entity, places: tuple[Entity, ...]) -> str | None:
    """The country beside a town whose name the gazetteer also gives a town of that country ("Hyderabad"
    beside Pakistan, though the larger Hyderabad is India's), or None."""
    if town.kind != "Place" or town.geo is None or town.geo.feature == "country":
        return None
    for country in places:
        code = country.geo.country_code if country.geo and country.geo.feature == "country" else None
        found = lookup(town.label, code) if code and code != town.geo.country_code else None
        if found is not None and found.country_code == code:
            return code
    return None


@check("region_of_town")
def region_beside_town(region: Entity, places: tuple[Entity, ...]) -> bool:
    """A first-level region the gazetteer names ("the West Bank", "Borno", "Lamu county"), beside a town of
    the same event that lies in it, or, written with its region noun ("Lamu county"), beside a place the
    gazetteer lacks (a village, a district), says where that place is: it is not a second place of the
    event."""
    if region.geo is not None or region.kind != "Place" or not (named := regions_named(region.label)):
        return False
    inside = {(country, code) for country, code, _ in named if code}
    designated = region.label.split()[-1].lower() in load_lexicon().cue("region_nouns")  # "Lamu county"
    for other in places:
        if other is region or other.kind != "Place":
            continue
        if other.geo is not None and region_of(other.geo) in inside:
            return True
        if other.geo is None and designated and not regions_named(other.label):
            return True
    return False


def _names_inside(town: Entity, place: Entity) -> bool:
    """ "Kabul" beside "Kabul airport": the town is said again by the place in it that names it."""
    words, longer = town.label.lower().split(), place.label.lower().replace("’", "'").split()
    longer = [w.removesuffix("'s") for w in longer]
    return len(longer) > len(words) and any(
        longer[i : i + len(words)] == words for i in range(len(longer) - len(words) + 1)
    )


@check("known_town")
def known_town(places: tuple[Entity, ...], attack: Draft[Entity], doc) -> tuple[Entity, ...]:
    """An attack told at a town the gazetteer knows and at a place it does not (a street, a square, a
    venue, a quarter: "Velmar Avenue", "the Old Mosque", "the Dorvo quarter") names one place twice, the
    one in or beside the other: the town stands for both, with its point. Places told in a list ("in Garo
    and Tala", "at Dorvo and Kesh") each stay, as do a region the gazetteer names ("Borno") and a place
    the tagger reads as a town of its own (a GPE: "nearby Kestrelville")."""
    found = {e.key: gazetteer_match(e) for e in places}
    if not any(e.kind == "Place" and (g := found[e.key]) and g.feature != "country" for e in places):
        return places
    return tuple(e for e in places if found[e.key] or not _unlisted(e, attack, doc))


def _unlisted(place: Entity, attack: Draft[Entity], doc) -> bool:
    if place.kind != "Place" or regions_named(place.label):
        return False
    for found in attack.support:
        if found.role != "location" or found.value != place.key or found.in_title:
            continue
        span = found.words(doc)
        node = span.root if span is not None and len(span) else None
        while node is not None and node.dep_ == "compound" and node.head is not node:
            node = node.head  # "Krabi and Trang provinces"
        if node is not None and (node.dep_ == "conj" or any(c.dep_ == "conj" for c in node.children)):
            return False  # one of a list of places
        if span is not None and len(span) and span.root.ent_type_ == "GPE":
            return False  # a town or village of its own the gazetteer lacks, not a part of one
    return True
