"""Whether two mentions' dates and places can be one event's: a date within the other, places in one
country, cities near each other."""

from __future__ import annotations

from math import asin, cos, radians, sin, sqrt

from kg.gazetteer import COUNTRY
from kg.model import Entity, Geo


def keys(entities: tuple[Entity, ...]) -> set[str]:
    """The entities' keys: two mentions name one entity when they share one."""
    return {e.key for e in entities}


def times_agree(a: str | None, b: str | None) -> bool:
    """Two dates agree when either is unknown or one is a prefix of the other ("2024-01" and "2024-01-03")."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def places_agree(a: tuple[Entity, ...], b: tuple[Entity, ...]) -> bool:
    """Places agree unless both are known to the gazetteer in different countries: an unknown place
    ("the Tesk air base") cannot tell two mentions apart."""
    codes_a = {e.geo.country_code for e in a if e.geo}
    codes_b = {e.geo.country_code for e in b if e.geo}
    return not codes_a or not codes_b or bool(codes_a & codes_b) or bool(keys(a) & keys(b))


NEARBY_KM = 50.0  # a district or suburb of the city told ("Besiktas" of "Istanbul") is the same place


def _km(a: Geo, b: Geo) -> float:
    lat_a, lat_b, dlon = radians(a.latitude), radians(b.latitude), radians(b.longitude - a.longitude)
    h = sin((lat_b - lat_a) / 2) ** 2 + cos(lat_a) * cos(lat_b) * sin(dlon / 2) ** 2
    return 12742.0 * asin(sqrt(h))


def elsewhere(places: tuple[Entity, ...], other: tuple[Entity, ...]) -> bool:
    """A mention placed in a city away from every city of the attack's places (Kano and Kaduna), not in
    it, near it or in the country containing it: an unknown place or a country tells nothing."""
    cities = [e.geo for e in places if e.geo and e.geo.feature != COUNTRY]
    others = [e.geo for e in other if e.geo and e.geo.feature != COUNTRY]
    if not cities or not others or keys(places) & keys(other):
        return False
    return all(_km(a, b) > NEARBY_KM for a in cities for b in others)
