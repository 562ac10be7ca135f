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


@pytest.mark.parametrize(
    ("name", "country", "region"),
    [
        ("Borno", "NG", "Borno State"),  # the designation GeoNames writes may be left out
        ("Borno State", "NG", "Borno State"),
        ("Southwest", "CM", "South-West"),  # hyphens and spacing do not matter
        ("the West Bank", "PS", "West Bank"),
        ("Sadah", "YE", "Şa‘dah"),  # nor accents and apostrophes
    ],
)
def test_regions_are_found_by_name_with_their_country(name: str, country: str, region: str) -> None:
    from kg.gazetteer import regions_named

    assert (country, region) in {(r[0], r[2]) for r in regions_named(name)}


def test_a_region_name_several_countries_have_gives_each() -> None:
    from kg.gazetteer import regions_named

    assert {r[0] for r in regions_named("Punjab")} == {"IN", "PK"}
    assert regions_named("Tala Nowhere") == ()
    assert regions_named("") == ()


def test_a_city_lies_in_the_region_of_its_admin1_code() -> None:
    from kg.gazetteer import region_of, regions_named

    borno = {(r[0], r[1]) for r in regions_named("Borno")}
    assert region_of(lookup("Maiduguri")) in borno
    assert region_of(lookup("Kano")) not in borno
    assert region_of(country("NG")) is None  # a country lies in no region


def test_every_region_line_has_a_country_and_a_name() -> None:
    from kg.gazetteer import REGIONS_FILE, countries

    lines = [
        line.split("\t")
        for line in ontology_path(REGIONS_FILE).read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(lines) > 3000
    assert all(len(f) == 3 and f[0] in countries() and f[2] for f in lines)


def test_the_region_designations_are_the_lexicon_region_nouns() -> None:
    from kg.extract.lexicon import load_lexicon
    from kg.gazetteer import REGION_DESIGNATIONS

    assert load_lexicon().cue("region_nouns") == REGION_DESIGNATIONS


@pytest.mark.parametrize(
    ("written", "name", "code"),
    [("Bogota", "Bogotá", "CO"), ("Sao Paulo", "São Paulo", "BR"), ("Zurich", "Zürich", "CH"),
     ("Saint-Etienne-du-Rouvray", "Saint-Étienne-du-Rouvray", "FR"), ("medellin", "Medellín", "CO"),
     ("Diyarbakir", "Diyarbakır", "TR"), ("Lodz", "Łódź", "PL")],
)
def test_a_city_written_without_its_accents_is_found(written: str, name: str, code: str) -> None:
    from kg.gazetteer import lookup_place

    geo = lookup_place(written)
    assert geo is not None and (geo.name, geo.country_code) == (name, code)


def test_an_exact_name_comes_before_an_unaccented_one() -> None:
    from kg.gazetteer import lookup_place

    geo = lookup_place("Valparaiso")  # the smaller Valparaiso of the United States, not Chile's Valparaíso
    assert geo is not None and geo.country_code == "US"
    assert lookup_place("Valparaíso").country_code == "CL"
    assert lookup_place("Tesk Vale") is None
