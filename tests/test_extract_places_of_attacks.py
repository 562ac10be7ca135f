"""Where an attack was: a people's adjective names its country, a country before an attack noun is the
place, and an attack told elsewhere is not merged into the article's main one."""

from __future__ import annotations

import pytest
from extract_helpers import PUBLISHED, events, labels, of_type

from kg.extract import extract_doc
from kg.extract.entities import demonym_country
from kg.extract.lexicon import load_lexicon
from kg.model import Article


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Tunisian", "Tunisia"),
        ("Iraqi", "Iraq"),
        ("Malian", "Mali"),
        ("Sudanese", "Sudan"),
        ("Mexican", "Mexico"),
        ("French", "France"),
    ],
)
def test_a_peoples_adjective_names_its_country(word: str, country: str) -> None:
    assert demonym_country(word, load_lexicon()) == country


@pytest.mark.parametrize("word", ["Christian", "Islamist", "Kurdish", "African", "tunisian", "Sunni"])
def test_a_faith_region_or_movement_adjective_names_no_country(word: str) -> None:
    assert demonym_country(word, load_lexicon()) is None


def test_a_peoples_adjective_on_a_struck_place_locates_the_attack(nlp) -> None:
    text = "A sniper opened fire at a Kenyan ski resort, killing 12 people."
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "location") == {"Kenya"}


@pytest.mark.parametrize(
    "text",
    [
        "Nobody has claimed the Tunisia attack, which killed nine hikers.",
        "Nine hikers lost their lives in the Tunisia attack on Friday.",
    ],
)
def test_a_country_before_an_attack_noun_is_where_it_happened(nlp, text: str) -> None:
    attacks = of_type(events(nlp, text), "Attack")
    assert attacks and labels(attacks[0], "location") == {"Tunisia"}
    assert not labels(attacks[0], "agent")


def test_an_attack_told_elsewhere_in_the_article_is_its_own_event(nlp) -> None:
    text = (
        "Gunmen raided a Moroccan mountain village on Friday, killing 14 farmers.\n\n"
        "The massacre happened on the very day that a bomber killed 27 worshippers at a mosque in Oman."
    )
    attacks = of_type(events(nlp, text), "Attack")
    places = [labels(a, "location") for a in attacks]
    assert {"Morocco"} in places and {"Oman"} in places
    assert not any({"Morocco", "Oman"} <= p for p in places)


@pytest.mark.parametrize(
    "text",
    [
        "The blast came a week after twin car bombs killed 17 cadets outside a barracks in Kano.",
        "The blast came two days before twin car bombs killed 17 cadets outside a barracks in Kano.",
    ],
)
def test_an_attack_a_span_of_time_apart_in_the_same_sentence_is_another_attack(nlp, text: str) -> None:
    attacks = of_type(events(nlp, text), "Attack")
    assert len(attacks) == 2
    (earlier,) = [a for a in attacks if a.killed == 17]
    assert labels(earlier, "location") == {"Kano"}
    assert all(a.killed is None for a in attacks if a is not earlier)


def test_a_known_town_stands_for_a_place_it_holds_that_another_mention_names(nlp) -> None:
    """location.known_town: the square is in the town; the event keeps the town, with its point."""
    text = "A bomb exploded in Lyon on Friday, killing six. The blast at Bellecour Square also wounded nine."
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "location") == {"Lyon"}
    assert [e.geo.country_code for e in attack.role("location")] == ["FR"]


def test_places_in_a_list_or_towns_of_their_own_stay_beside_a_known_town(nlp) -> None:
    (attack,) = of_type(events(nlp, "Gunmen killed nine villagers in Dorvo and Kano on Friday."), "Attack")
    assert labels(attack, "location") == {"Dorvo", "Kano"}
    text = "A bomb exploded in Lyon on Friday, killing six. The blast in nearby Kestrelville wounded nine."
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "location") == {"Lyon", "Kestrelville"}  # a town of its own, not a part of Lyon


def test_a_protest_keeps_its_most_specific_places_as_an_attack_does(nlp) -> None:
    found = events(nlp, "Hundreds of protesters marched through Kaduna, Nigeria, on Sunday.")
    (protest,) = of_type(found, "Protest")
    assert labels(protest, "location") == {"Kaduna"}
    text = "Crowds protested in Lyon on Saturday. Their march through Bellecour Square was peaceful."
    (protest,) = of_type(events(nlp, text), "Protest")
    assert labels(protest, "location") == {"Lyon"}


def test_a_country_beside_a_town_the_gazetteer_places_elsewhere_is_dropped(nlp) -> None:
    text = "A bomb exploded at a market in Hyderabad, Pakistan, on Monday, killing four shoppers."
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "location") == {"Hyderabad"}  # the larger Hyderabad is India's


def test_an_unplaced_attack_is_in_the_town_the_article_names_most(nlp) -> None:
    text = (
        "Two bombs went off at a crowded night bazaar on Friday, killing a vendor. The Peruvian police "
        "closed the roads into Cusco, and Cusco's mayor asked Peruvian traders to stay home."
    )
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "location") == {"Cusco"}


def test_a_village_the_gazetteer_lacks_counts_when_the_article_calls_it_one(nlp) -> None:
    text = (
        "Two bombs went off at a crowded night bazaar on Friday, killing a vendor. Traders in the hill "
        "village of Dorrumbe stayed home, and Dorrumbe stayed shut on Saturday."
    )
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "location") == {"Dorrumbe"}


def test_two_towns_named_alike_leave_the_country(nlp) -> None:
    text = (
        "Two bombs went off at a crowded night bazaar on Friday, killing a vendor. The Peruvian police "
        "closed the roads into Cusco and Lima, and mayors in Cusco and Lima asked Peruvian traders "
        "to stay home."
    )
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "location") == {"Peru"}


def test_a_headline_country_gives_way_to_the_town_in_it_the_article_names_most(nlp) -> None:
    text = (
        "Two bombs went off at a crowded night bazaar on Friday, killing a vendor. Shops in Cusco stayed "
        "shut on Saturday, and Cusco's mayor asked for calm."
    )
    for title, place in (("Bombs kill vendor in Peru", "Cusco"), ("Bombs kill vendor in Chile", "Chile")):
        found = extract_doc(nlp(text), Article("t", title, text, PUBLISHED)).events
        (attack,) = of_type(list(found), "Attack")
        assert labels(attack, "location") == {place}
