"""The offline gazetteer: countries by name or alias, cities by name, most populous first."""

from __future__ import annotations

import pytest

from kg.gazetteer import ALIASES_FILE, CITY, COUNTRY, _aliases, country, country_code, lookup
from kg.terms import ontology_path


def test_kerman_is_a_city_in_iran_with_coordinates() -> None:
    geo = lookup("Kerman")
    assert geo is not None
    assert (geo.name, geo.country_code, geo.feature, geo.geonames_id) == ("Kerman", "IR", CITY, 128234)
    assert geo.latitude == pytest.approx(30.28, abs=0.05)
    assert geo.longitude == pytest.approx(57.08, abs=0.05)


def test_baghdad_is_in_iraq() -> None:
    geo = lookup("Baghdad")
    assert geo is not None and geo.country_code == "IQ" and geo.feature == CITY


@pytest.mark.parametrize("name", ["United States", "U.S.", "the US", "USA", "America", "united states"])
def test_names_of_the_united_states(name: str) -> None:
    geo = lookup(name)
    assert geo is not None
    assert (geo.country_code, geo.feature, geo.name, geo.geonames_id) == (
        "US",
        COUNTRY,
        "United States",
        6252001,
    )


def test_countries_are_placed_at_their_capital() -> None:
    iran = lookup("Iran")
    assert iran is not None and iran.feature == COUNTRY and iran.country_code == "IR"
    assert (iran.latitude, iran.longitude) == pytest.approx((35.69, 51.42), abs=0.05)  # Tehran
    britain = lookup("Britain")
    assert britain is not None and britain.country_code == "GB" and britain.name == "United Kingdom"


def test_the_most_populous_city_of_a_name_wins_unless_a_country_is_hinted() -> None:
    paris = lookup("Paris")
    assert paris is not None and paris.country_code == "FR"
    texas = lookup("Paris", country_hint="US")
    assert texas is not None and texas.country_code == "US" and texas.feature == CITY
    assert lookup("Paris", country_hint="United States") == texas


def test_alternate_names_find_renamed_cities() -> None:
    kyiv = lookup("Kiev")
    assert kyiv is not None and kyiv.name == "Kyiv" and kyiv.country_code == "UA"


@pytest.mark.parametrize("name", ["Qwzxvbnmtown", "", "   "])
def test_unknown_names_give_none(name: str) -> None:
    assert lookup(name) is None


def test_country_codes() -> None:
    assert country_code("Iran") == "IR"
    assert country_code("IR") == "IR"
    assert country_code("Britain") == "GB"
    assert country_code("Narnia") is None
    assert country("ZZ") is None


def test_every_alias_names_a_real_country() -> None:
    aliases = _aliases()
    assert len(aliases) >= 30
    unknown = {alias: code for alias, code in aliases.items() if country(code) is None}
    assert not unknown, f"{ontology_path(ALIASES_FILE)} maps to unknown codes: {unknown}"


@pytest.mark.parametrize("name", ["Africa", "Asia", "Europe", "europe"])
def test_a_continent_is_no_city(name: str) -> None:
    from kg.gazetteer import is_continent, lookup_place

    assert is_continent(name)
    assert lookup(name) is None and lookup_place(name) is None
    assert not is_continent("Kano") and lookup("Kano") is not None
