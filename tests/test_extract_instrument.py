"""The instrument of an attack: the weapon or means it was done with, read where the sentence names it."""

from __future__ import annotations

import pytest
from extract_helpers import events, labels, of_type


@pytest.mark.parametrize(
    ("text", "means"),
    [
        ("A car bomb exploded outside the ministry on Monday, killing 12 people.", {"car bomb"}),
        ("Militants detonated an explosive belt at the gate of the base.", {"explosive belt"}),
        ("Gunmen armed with rifles and grenades stormed the hotel.", {"rifles", "grenades"}),
        ("A US drone strike killed two commanders near the border.", {"drone"}),
        ("The governor was killed by a roadside bomb on Sunday.", {"roadside bomb"}),
        ("Two rockets slammed into the camp overnight.", {"rockets"}),
        ("A man attacked shoppers with a knife in the market.", {"knife"}),
        ("A powerful bomb went off beside a church on Tuesday.", {"bomb"}),
    ],
)
def test_the_weapon_an_attack_was_done_with_is_its_instrument(nlp, text: str, means: set[str]) -> None:
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "instrument") == means


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a car carrying three officials.",  # the car was hit, not used
        "Police found a rifle in the house after the raid.",  # found, not used in the attack
        "A bomb did not go off near the mosque on Thursday.",  # no attack
    ],
)
def test_a_weapon_named_beside_an_attack_is_not_its_instrument(nlp, text: str) -> None:
    for attack in of_type(events(nlp, text), "Attack"):
        assert not labels(attack, "instrument")


def test_a_weapon_is_no_target_nor_agent(nlp) -> None:
    (attack,) = of_type(events(nlp, "Militants fired rockets at an army base on Friday."), "Attack")
    assert labels(attack, "instrument") == {"rockets"}
    assert labels(attack, "target") == {"army base"}
    assert labels(attack, "agent") == {"Militants"}


def test_an_instrument_is_one_entity_per_kind_of_weapon(nlp) -> None:
    texts = ["A car bomb exploded in Dovrin on Monday.", "Police said a car bomb killed four soldiers."]
    attacks = [a for text in texts for a in of_type(events(nlp, text), "Attack")]
    found = [e for attack in attacks for e in attack.role("instrument")]
    assert len(found) == 2 and {e.key for e in found} == {"car bomb"}
    assert all(e.kind == "Instrument" for e in found)
