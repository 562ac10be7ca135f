"""A place the text puts around another place of one event is its address, not a second place."""

from __future__ import annotations

import pytest
from extract_helpers import events, labels, of_type

from kg.extract import load_pipeline
from kg.extract.said_inside import told_inside


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Bandits torched a granary in Dorvo in the northern Kaduna region at dawn.", "Dorvo"),
        (
            "Gunmen killed nine traders at a market in Dorvo in the eastern Zamfara region. "
            "The raid in Zamfara was the third this month.",
            "Dorvo",
        ),
    ],
)
def test_a_region_named_as_a_towns_address_is_no_second_place(nlp, text: str, place: str) -> None:
    attacks = of_type(events(nlp, text), "Attack")
    assert attacks and labels(attacks[0], "location") == {place}


def test_the_text_puts_a_place_inside_another_by_its_words() -> None:
    nlp = load_pipeline()
    assert told_inside(nlp("Bandits torched a granary in Dorvo in the northern Kaduna region.")) == {
        ("dorvo", "kaduna")
    }
    for text in (
        "Rebels shelled Dorvo, a farming village in Kaduna, on Monday.",
        "Rebels shelled Dorvo, a town on the far outskirts of Kaduna, on Monday.",
    ):
        assert told_inside(nlp(text)) == {("dorvo", "kaduna")}


@pytest.mark.parametrize(
    "text",
    [
        "Bandits torched granaries in Dorvo and in the Kaduna region at dawn.",
        "Bandits torched a granary near Dorvo, close to the Kaduna region.",
    ],
)
def test_places_told_apart_are_not_inside_one_another(text: str) -> None:
    assert told_inside(load_pipeline()(text)) == frozenset()


def test_an_unknown_district_after_a_known_city_is_not_around_it() -> None:
    text = "Gunmen killed nine villagers in Kano in the Fagge district."
    assert told_inside(load_pipeline()(text)) == frozenset()
