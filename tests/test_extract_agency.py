"""Who did it: the agent of an attack is the side that struck, not a place, nor a party only blamed."""

from __future__ import annotations

import pytest
from extract_helpers import events, labels, of_type


@pytest.mark.parametrize(
    "text",
    [
        "The Kandahar bombing killed twelve people on Monday.",  # a town
        "Nobody claimed the Kuwait bombing, which killed 25 worshippers.",  # a country, no forces
    ],
)
def test_a_place_named_before_an_attack_noun_is_not_its_agent(nlp, text: str) -> None:
    (attack,) = of_type(events(nlp, text), "Attack")
    assert not labels(attack, "agent")


@pytest.mark.parametrize(
    "text",
    [
        "A US drone strike killed two commanders near the border on Monday.",
        "Two commanders were killed on Monday by a US drone strike near the border.",
    ],
)
def test_a_country_named_before_a_military_strike_is_the_side_that_struck(nlp, text: str) -> None:
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "agent") == {"United States"}


@pytest.mark.parametrize(
    "text",
    [
        "Officials warned of an imminent attack on the capital.",
        "Police said they had foiled an attack on the stadium.",
        "Police did not say whether there had been a potential attack on the stadium.",
    ],
)
def test_an_attack_only_intended_or_averted_is_no_event(nlp, text: str) -> None:
    assert not of_type(events(nlp, text), "Attack")


@pytest.mark.parametrize(
    "text",
    [
        "Police blamed the rebels for the ambush that killed five soldiers.",
        "The rebels were blamed by police for the ambush that killed five soldiers.",
        "The ambush, which police blamed on the rebels, killed five soldiers.",
        "Police did not blame the rebels for the ambush that killed five soldiers.",
    ],
)
def test_neither_the_accuser_nor_the_blamed_party_is_the_attacker(nlp, text: str) -> None:
    (attack,) = of_type(events(nlp, text), "Attack")
    assert not labels(attack, "agent") & {"police", "rebels", "Police"}


@pytest.mark.parametrize(
    "text",
    [
        "Officials blamed Sunday's bombing on the Taliban.",
        "Sunday's bombing was blamed on the Taliban by officials.",
    ],
)
def test_the_blamed_party_is_not_what_the_attack_hit(nlp, text: str) -> None:
    (attack,) = of_type(events(nlp, text), "Attack")
    assert "Taliban" not in labels(attack, "target")


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("Gunmen killed 67 people in the Kenyan mall attack in Nairobi on Saturday.", {"Gunmen"}),
        ("The Kenyan mall attack in Nairobi killed 67 people on Saturday.", set()),
        ("A Nigerian air strike killed 20 militants in Maiduguri on Saturday.", {"Nigeria"}),
        ("An Israeli drone attack killed 20 people in Beirut on Saturday.", {"Israel"}),
    ],
)
def test_the_country_an_attack_happened_in_is_not_its_agent(nlp, text: str, agent: set[str]) -> None:
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "agent") == agent


def test_a_past_participle_names_whom_it_was_done_to_not_who_did_it(nlp) -> None:
    found = events(nlp, "Rights groups decried a crackdown on villagers accused of helping rebels.")
    assert not any("villagers" in labels(e, "agent") for e in found)
    found = events(nlp, "Television showed crowds in Tala chanting slogans against the governor.")
    assert any(labels(e, "agent") == {"crowds"} for e in found)


@pytest.mark.parametrize(
    "text",
    [
        "An anti-Christian bombing killed nine worshippers in Jos on Sunday.",
        "The anti-Shiite massacre killed 40 villagers in Diyala.",
        "A pro-Iranian rally drew thousands in Baghdad on Friday.",
    ],
)
def test_a_name_behind_a_prefix_of_stance_is_no_agent(nlp, text: str) -> None:
    for event in events(nlp, text):
        assert not any(label.startswith(("anti", "pro")) for label in labels(event, "agent")), labels(
            event, "agent"
        )


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("A Taliban ambush killed six soldiers in Helmand on Friday.", "Taliban"),
        ("A U.S. drone killed four militants in Shabwa.", "United States"),
    ],
)
def test_a_name_before_the_deed_without_a_prefix_still_did_it(nlp, text: str, agent: str) -> None:
    (attack,) = of_type(events(nlp, text), "Attack")
    assert agent in labels(attack, "agent")


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("Tribesmen stormed the police post in Tala on Monday, killing two guards.", "Tribesmen"),
        ("Masked raiders torched the depot in Gao overnight.", "Masked raiders"),
    ],
)
def test_the_doers_of_violence_are_actors_of_their_attack(nlp, text: str, agent: str) -> None:
    """Nouns of the lexicon's actor category (cues.yaml actor_nouns): who did it is an actor, its
    plural in -men read as -man."""
    attacks = of_type(events(nlp, text), "Attack")
    assert attacks and agent in {a for e in attacks for a in labels(e, "agent")}


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The governor blamed the ambush in Tala on secessionists.", "secessionists"),
        ("The minister blamed political rivals for the massacre in Gao.", "political rivals"),
        ("The president vowed to hunt down the killers behind the bombing in Kidal.", "killers"),
    ],
)
def test_who_is_accused_or_threatened_may_be_any_actor_noun(nlp, text: str, target: str) -> None:
    reactions = [e for e in events(nlp, text) if e.type in {"Accuse", "Threaten"}]
    assert reactions and target in {t for e in reactions for t in labels(e, "target")}


def test_a_thing_blamed_is_no_actor_accused(nlp) -> None:
    text = "The governor blamed the ambush in Tala on faulty intelligence."
    (accuse,) = of_type(events(nlp, text), "Accuse")
    assert not labels(accuse, "target")


def test_a_passive_verb_conjoined_to_a_clause_does_not_share_its_subject_as_agent(nlp) -> None:
    """"Nine were wounded" after "six commandos were among the dead": the commandos were hit."""
    text = "Six commandos were among the dead near Gao, and nine more were wounded."
    for attack in of_type(events(nlp, text), "Attack"):
        assert "Six commandos" not in labels(attack, "agent")
