"""An attack told only at "the city" or "the capital" is in the town named before, or the capital."""

from __future__ import annotations

from datetime import date

from extract_helpers import events, labels, of_type

WEDNESDAY = date(2024, 3, 27)
MAIN = "A bomb killed nine shoppers at a market in Kano on Monday."


def test_the_city_is_the_main_attacks_town(nlp) -> None:
    text = f"{MAIN} Days earlier, gunmen had raided a bank in the city."
    attacks = of_type(events(nlp, text, WEDNESDAY), "Attack")
    assert [labels(a, "location") for a in attacks] == [{"Kano"}, {"Kano"}]


def test_the_capital_is_the_capital_of_the_main_attacks_country(nlp) -> None:
    text = f"{MAIN} In 2019 the rebels also bombed the capital."
    attacks = of_type(events(nlp, text, WEDNESDAY), "Attack")
    assert [labels(a, "location") for a in attacks] == [{"Kano"}, {"Abuja"}]


def test_the_city_is_the_town_named_before_it_in_its_sentence(nlp) -> None:
    text = f"{MAIN} Days before, rebels in Maiduguri had shot 12 traders at a depot in the city."
    attacks = of_type(events(nlp, text, WEDNESDAY), "Attack")
    assert len(attacks) == 2 and labels(attacks[1], "location") == {"Maiduguri"}


def test_a_place_described_otherwise_takes_no_town(nlp) -> None:
    text = f"{MAIN} Days earlier, gunmen had raided a bank in the hills."
    attacks = of_type(events(nlp, text, WEDNESDAY), "Attack")
    assert len(attacks) == 2 and "Kano" not in labels(attacks[1], "location")
