"""Round 5: threats voiced as "will not ..." idioms inside a reported statement."""

from __future__ import annotations

import pytest
from extract_helpers import events, labels, of_type


def test_a_crime_that_will_not_go_unpunished_is_a_threat_by_the_speaker(nlp) -> None:
    text = 'Governor Lena Varo condemned the shooting and said the crime "will not go unpunished."'
    found = events(nlp, text)
    (threat,) = of_type(found, "Threaten")
    assert "Lena Varo" in labels(threat, "agent")


def test_attackers_who_will_not_be_spared_are_threatened(nlp) -> None:
    found = events(nlp, 'Interior Minister Tomas Reil said those responsible "will not be spared".')
    (threat,) = of_type(found, "Threaten")
    assert "Tomas Reil" in labels(threat, "agent")


def test_a_state_that_will_not_hesitate_to_act_threatens(nlp) -> None:
    text = 'Defence Minister Ana Kost said Velmaria "will not hesitate to act" against the rebels.'
    found = events(nlp, text)
    (threat,) = of_type(found, "Threaten")
    assert "Ana Kost" in labels(threat, "agent")



@pytest.mark.parametrize("name", ["Greta von der Heyde", "Pieter van den Broek"])
def test_a_name_with_particles_is_one_person_condemning(nlp, name: str) -> None:
    text = f'A gunman killed two people in Dovrin. Commissioner {name} also condemned the "vile" attack.'
    (condemn,) = of_type(events(nlp, text), "Condemn")
    assert labels(condemn, "agent") == {name}


def test_a_crowd_gathering_for_a_march_protests(nlp) -> None:
    text = (
        "A bomb killed five people in Dovrin. "
        "Several thousand people gathered in the square on Sunday for a silent march."
    )
    (protest,) = of_type(events(nlp, text), "Protest")
    assert labels(protest, "agent") == {"Several thousand people"}


def test_a_threat_level_is_no_threat(nlp) -> None:
    found = events(nlp, "Minister Tomas Reil said the national threat level would be raised to four.")
    assert of_type(found, "Threaten") == []


def test_a_protest_march_is_still_a_protest(nlp) -> None:
    (protest,) = of_type(events(nlp, "Students held a protest march in Dovrin on Monday."), "Protest")
    assert labels(protest, "agent") == {"Students"}


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers killed two militants in a gunfight in the forests of Kano on Monday.",
        "Rebels attacked a military outpost in the nearby township of Kano, killing five soldiers.",
    ],
)
def test_a_place_named_through_a_township_or_forest_is_the_attack_place(nlp, text: str) -> None:
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "location") == {"Kano"}
