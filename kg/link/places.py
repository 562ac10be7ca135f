"""Places in linking: what a report names, how two places relate (same, near, within, apart), the country an
article tells of, and the lone foreign cities shown but not compared."""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from kg.datafiles import read_data
from kg.gazetteer import (
    REGION_DESIGNATIONS,
    capital_country,
    country_code,
    is_country,
    regions_named,
)
from kg.link.words import _words

if TYPE_CHECKING:
    from kg.link.match import Report


NEARBY_KM = 40.0


"""Cities closer than this are one place for linking (a suburb, a town named for its district)."""


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Place:
    """A place a report names: its entity IRI and what the gazetteer knows of it."""

    iri: str
    label: str
    geonames: int | None = None
    feature: str | None = None  # "country", "city", or None when the gazetteer does not know it
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


def article_country(places: Iterable[tuple[str, str, str | None]], texts: Iterable[str] = ()) -> str | None:
    """The country an article tells of: the one with the most votes (:func:`country_votes`; a tie: none)."""
    return top_country(country_votes(places, texts))


@dataclass(frozen=True)
class CountryVotes:
    """What an article says of countries (:func:`country_votes`): ``votes`` for each, and ``named``, the
    countries whose capital or people its texts name ("Moscow", "Kyiv", "Afghan": no vote, a capital
    speaks for its government as often as of a place)."""

    votes: Counter[str] = field(default_factory=Counter)
    named: frozenset[str] = frozenset()


def country_votes(places: Iterable[tuple[str, str, str | None]], texts: Iterable[str] = ()) -> CountryVotes:
    """The votes of an article for each country: its gazetteer places, ``(entity IRI, country code,
    feature)`` each, give one vote each to their country (a city named twice is one place; a country
    entity gives none by itself), and every country name written in ``texts`` (its headline and its
    events' sentences) one vote: "a depot was shelled near the border with Chad" tells of Chad though
    no place of Chad is an event's place. The capitals the texts name make ``named``."""
    votes: Counter[str] = Counter()
    named: set[str] = set()
    seen: set[str] = set()
    for node, country, feature in places:
        if feature != "country" and node not in seen:
            seen.add(node)
            votes[country] += 1
    for text in texts:
        votes.update(_country_names(text))
        named.update(_capital_countries(text))
    return CountryVotes(votes, frozenset(named))


@lru_cache(maxsize=4096)
def _capital_countries(text: str) -> frozenset[str]:
    """The country of each capital named in ``text`` ("Moscow" → RU), and of each people's adjective
    (:func:`_demonym_code`: "the Afghan city of Jalalabad" points to Afghanistan)."""
    found = set()
    for match in _CAPITALIZED.finditer(text):
        words = match.group(0).split()
        found.update(code for w in words if (code := _demonym_code(w.strip(".,'’-"))))
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                name = capital_country(" ".join(words[i:j]).strip(".,'’-"))
                code = country_code(name) if name else None
                if code:
                    found.add(code)
    return frozenset(found)


@cache
def aliases_table() -> dict:
    """``kg/data/aliases.yaml``, parsed once (read for each new word, it cost 2 ms a word)."""
    return read_data("aliases.yaml")


@cache
def _demonym_code(word: str) -> str | None:
    """The country code of a people's adjective (``kg/data/aliases.yaml``: its ``demonyms``, or one cut
    back to a country the gazetteer knows by its ``demonym_endings``: "Afghan", "Kenyan")."""
    table = aliases_table()
    name = table.get("demonyms", {}).get(word)
    if name is None and word.isalpha() and word.lower().endswith(tuple(table.get("demonym_endings", ()))):
        stems = (word[:-cut] + add for cut, add in table.get("demonym_stems", ()))
        name = next((stem for stem in stems if len(stem) >= 4 and is_country(stem)), None)
    return country_code(name) if name else None


def top_country(found: CountryVotes) -> str | None:
    """The country with the most votes, None for none or a tie."""
    if not found.votes:
        return None
    (top, most), *rest = sorted(found.votes.items(), key=lambda item: (-item[1], item[0]))
    return sys.intern(top) if not rest or rest[0][1] < most else None


def _lone(place: Place, found: CountryVotes) -> bool:
    """A city, not a capital, of a country with no vote but its own and whose capital its article does not
    name (:func:`foreign_cities`)."""
    country = place.country or ""
    lone = place.feature == "city" and found.votes[country] <= 1 and country not in found.named
    return lone and capital_country(place.label) is None


def foreign_cities(
    places: tuple[Place, ...], guessed: tuple[Place, ...], votes: CountryVotes
) -> tuple[tuple[Place, ...], tuple[Place, ...]]:
    """``(places, guessed places)`` of a report with every lone foreign city moved to the guessed ones: a
    gazetteer city, not a capital, of a country that nothing else in its article points to (its own vote
    is the only one of :func:`country_votes`: no other place of that country, neither its name nor its
    capital written)
    while the article tells of another country (:func:`top_country`). A capital is left: it is the city
    named abroad without its country ("a blast in Kabul"). Such a city is most often a name the gazetteer
    knows only abroad ("Pagani" in Italy for a village of Kenya's coast, "Palma" in Spain for the town of
    Mozambique): it is shown as the incident's place, never compared, as a fallback's
    place is, and the report links as one that names no place, in its article's country
    (:attr:`Report.hint`)."""
    country = top_country(votes)
    if country is None:
        return places, guessed
    lone = tuple(p for p in places if p.country not in (None, country) and _lone(p, votes))
    if not lone:
        return places, guessed
    return tuple(p for p in places if p not in lone), (*guessed, *lone)


_CAPITALIZED = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*){0,2}")


@lru_cache(maxsize=4096)
def _country_names(text: str) -> tuple[str, ...]:
    """The country of each country name written in ``text`` ("Pakistan", "the United States", "Sri
    Lanka"; :func:`kg.gazetteer.country_code`), longest run of capitalized words first; codes and
    abbreviations of three letters or fewer ("US", "IS") are not read (an acronym of a group is often one)."""
    found: list[str] = []
    for match in _CAPITALIZED.finditer(text):
        words = match.group(0).split()
        i = 0
        while i < len(words):
            for size in range(len(words) - i, 0, -1):
                name = " ".join(words[i : i + size]).strip(".,'’-")
                code = country_code(name) if len(name.replace(".", "")) > 3 else None
                if code is not None:
                    found.append(code)
                    i += size
                    break
            else:
                i += 1
    return tuple(found)


def _distance_km(a: Place, b: Place) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


PAIR_CACHE = 32_768


"""Answers remembered for pairs of places or names (:func:`place_relation`, :func:`_same_names`): pairs grow
with the square of the names a build meets, so the least recently asked are forgotten past this many."""


@lru_cache(maxsize=PAIR_CACHE)
def place_relation(a: Place, b: Place) -> str:
    """``same``, ``near``, ``within`` (one lies in the other), ``apart`` or ``unknown``. One country named
    by both is ``within``, not ``same``: a country holds every attack of its month, so naming it says no
    more than a city of it does; so is one area named by both (:func:`_area`: a region, a district)."""
    same = a.iri == b.iri or (a.geonames is not None and a.geonames == b.geonames)
    if same or _words(a.label) == _words(b.label):
        return "within" if "country" in (a.feature, b.feature) or _area(a) or _area(b) else "same"
    if a.country is None or b.country is None:  # one the gazetteer does not know: by name, or as a region
        named = _named_relation(_place_words(a.label), _place_words(b.label))
        if named == "same" and (_area(a) or _area(b)):
            return "within"
        return named if named != "unknown" else _region_relation(a, b)
    if a.country != b.country:
        return "apart"
    if "country" in (a.feature, b.feature) or not {a.feature, b.feature} <= POINT_FEATURES:
        return "within"  # a country, or a region, province or district: it holds a city of its country
    distance = _distance_km(a, b)
    if distance is not None:
        return "near" if distance <= NEARBY_KM else "apart"
    return "within" if None in (a.feature, b.feature) else "apart"


def _area(place: Place) -> bool:
    """A place that is an area, not a point: a region, province or district the gazetteer gives (a feature
    other than a city), or a name it lacks that says it is one ("Musanze district", "Balochistan
    province": :data:`kg.gazetteer.REGION_DESIGNATIONS`). Two reports naming the same area agree as a city
    and its country do (``within``): an area holds many attacks a week."""
    if place.feature not in POINT_FEATURES:
        return True
    return place.country is None and any(w in REGION_DESIGNATIONS for w in _words(place.label))


def _place_words(label: str) -> tuple[str, ...]:
    """The words of a place name without "the" and the designations of a region (the gazetteer's
    :data:`kg.gazetteer.REGION_DESIGNATIONS`: "Balochistan province" is Balochistan)."""
    words = tuple(w for w in _words(label) if w not in REGION_DESIGNATIONS and w != "the")
    return words or _words(label)


def _named_relation(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    """Two place names of which at least one the gazetteer does not know: ``same`` when their words are
    (region designations left out: "Balochistan province" is Balochistan), ``within`` when one name's
    words run inside the other's (a place named for the place it is in or at: "Peshawar Pakistan",
    "Hilton Abuja", "northeast Nigeria"), else ``unknown``."""
    if not a or not b:
        return "unknown"
    if a == b:
        return "same"
    short, long = (a, b) if len(a) < len(b) else (b, a)
    inside = any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))
    return "within" if inside else "unknown"


def _region_relation(a: Place, b: Place) -> str:
    """``within`` when one place is no gazetteer place but a first-level region's name
    (:func:`kg.gazetteer.regions_named`: "Balochistan", "Lamu County") of the other's country: the region
    holds the other's city, as a country does. Else ``unknown``: a region of another country is no veto
    (a name may be a region abroad and a town here), and two regions of one country are not one place;
    but a name that says it is a region ("Balochistan province", "Borno State": :func:`_area`) is no town,
    so when every region so called lies in other countries than the other place's, the two are ``apart``."""
    known, other = (a, b) if a.country else (b, a)
    if known.country is None:
        return "unknown"
    countries = {region[0] for region in regions_named(other.label)}
    if known.country in countries:
        return "within"
    return "apart" if countries and _area(other) else "unknown"


POINT_FEATURES = frozenset(["city", None])


"""Kinds of place compared by distance (a city, or a place of a country the gazetteer knows no more of);
a place of any other kind the gazetteer gives (a region, a province, a district: an area, its point only
a centroid) is ``within`` every city of its country, as the country itself is: Balochistan and Quetta are
not "apart" because Balochistan's centroid is 200 km from Quetta."""


PLACE_POINTS = {"same": 3, "near": 2, "within": 1, "unknown": 0}


def _place_points(a: Report, b: Report) -> int | None:
    """Points for the best pair of places; None (a veto) when every known pair is apart."""
    if not a.places or not b.places:
        return 0
    relations = [place_relation(p, q) for p in a.places for q in b.places]
    compatible = [PLACE_POINTS[r] for r in relations if r != "apart"]
    return max(compatible) if compatible else None


def spread(report: Report) -> bool:
    """The report names two cities of one country more than :data:`NEARBY_KM` apart ("bombings in Hua Hin,
    Phuket and Surat Thani", "attacks in Ankara and Istanbul"): a series of attacks, or two told as one."""
    cities = _cities(report)
    return any(
        p.country == q.country and place_relation(p, q) == "apart"
        for i, p in enumerate(cities)
        for q in cities[i + 1 :]
    )


def series_apart(a: Report, b: Report) -> bool:
    """One report tells of attacks in cities far apart (:func:`spread`), the other of one place: a series and
    one of its attacks, or another attack in one of its cities; either way not one incident. Two reports
    of the same series both spread and name the same cities (each near one of the other's)."""
    if spread(a) != spread(b):
        return True
    if not spread(a):
        return False
    ca, cb = _cities(a), _cities(b)
    return any(all(place_relation(p, q) == "apart" for q in cb) for p in ca) or any(
        all(place_relation(q, p) == "apart" for p in ca) for q in cb
    )


def _cities(report: Report) -> list[Place]:
    return [p for p in report.places if p.feature == "city" and p.country]
