"""The conditions the trigger lexicon puts on a word (kg.extract.needs): a party fought, a weapon thrown
or a vehicle driven into people, fighting waged over a span of time, something set burning, firing aimed
at someone."""

from __future__ import annotations

import pytest
from extract_helpers import events, labels, only

from kg.extract.trace import recording


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The guerrillas, who battled government troops in Bako last year, laid down their arms.",
         "government troops"),
        ("Militiamen fought the police in the streets of Lira for two hours.", "police"),
    ],
)
def test_fighting_a_party_is_an_attack_on_it(nlp, text: str, target: str) -> None:
    attack = only(events(nlp, text), "Attack")
    assert attack.trigger in {"battled", "fought"}
    assert labels(attack, "target") == {target}


@pytest.mark.parametrize(
    "text",
    [
        "Rebels clashed with soldiers near Garo on Sunday.",
        "Fighting between the army and the Tala Front broke out in Dara.",
        "Two soldiers died in a gun battle near Tala.",
        "Heavy fighting raged in the north of Dara on Monday.",
    ],
)
def test_fighting_with_a_party_or_armed_or_fierce_is_an_attack(nlp, text: str) -> None:
    assert only(events(nlp, text), "Attack").trigger.lower() in {"clashed", "fighting", "battle"}


@pytest.mark.parametrize(
    "text",
    [
        "The minister vowed to keep up the fight against terrorism in Tala.",
        "Lawyers battled the new tax law in the courts of Garo.",
        "The rebels have fought for independence from Dara, their leader said.",
        "Both countries have fought two wars over the valley.",
        "Jets of the alliance fighting the Tala Front are based in Garo.",
    ],
)
def test_fighting_no_party_is_no_attack(nlp, text: str) -> None:
    assert not [e for e in events(nlp, text) if e.type == "Attack"]


@pytest.mark.parametrize(
    ("text", "trigger", "target", "means"),
    [
        ("Attackers hurled two grenades into a crowded cafe in Bako on Friday.", "hurled", "cafe",
         "grenades"),
        ("A homemade bomb was tossed at the embassy in Lira on Sunday.", "tossed", "embassy", "bomb"),
        ("On Saturday a stolen van ploughed into shoppers at the market in Tala.", "ploughed",
         "shoppers", "van"),
        ("The gunman rammed his van into worshippers leaving the mosque in Garo.", "rammed", "worshippers",
         "van"),
    ],
)
def test_throwing_a_weapon_or_driving_into_people_is_an_attack(
    nlp, text: str, trigger: str, target: str, means: str
) -> None:
    with recording() as trace:
        attack = only(events(nlp, text), "Attack")
    assert attack.trigger == trigger
    assert "trigger.impact" in trace.rules()
    assert target in " ".join(labels(attack, "target"))
    assert means in " ".join(labels(attack, "instrument"))
    assert means not in " ".join(labels(attack, "agent") | labels(attack, "target"))


@pytest.mark.parametrize(
    "text",
    [
        "The goalkeeper threw the ball into the crowd at the stadium in Garo.",
        "A delivery truck crashed into a lamp post in Tala on Monday.",
        "Ash from the volcano rained down on the villages of Bako.",
        "The minister threw his support behind the plan on Tuesday.",
        "Farmers drove their tractors into the capital to protest the tax.",
    ],
)
def test_throwing_no_weapon_or_driving_into_no_one_is_no_attack(nlp, text: str) -> None:
    assert not [e for e in events(nlp, text) if e.type == "Attack"]


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("The Velmar Front, which has been fighting for self-rule since 1998, denied any role.",
         "Velmar Front"),
        ("Northern rebels have fought against the central government for over a decade.", "Northern rebels"),
    ],
)
def test_fighting_waged_over_years_is_a_campaign_of_attacks(nlp, text: str, agent: str) -> None:
    with recording() as trace:
        found = events(nlp, text)
    attacks = [e for e in found if e.type == "Attack"]
    assert attacks and agent in labels(attacks[0], "agent")
    assert trace.rules() & {"trigger.fighting_campaign", "trigger.fought_party"}


@pytest.mark.parametrize(
    "text",
    [
        "The Velmar Front has been fighting for self-rule, its leader said on Monday.",
        "Teachers have battled the new curriculum for three years.",
    ],
)
def test_fighting_without_a_span_or_an_armed_side_is_no_campaign(nlp, text: str) -> None:
    assert not [e for e in events(nlp, text) if e.type == "Attack"]


def test_a_campaign_of_fighting_is_kept_apart_from_the_attack_told(nlp) -> None:
    text = (
        "A suicide bomber killed nine shoppers at a market in Dara on Friday. The Velmar Front, which has "
        "been fighting for self-rule since 1998, denied any role."
    )
    attacks = [e for e in events(nlp, text) if e.type == "Attack"]
    assert len(attacks) == 2


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("The Velmar Front has adopted the bombing of a bus station in Kisa.", "Velmar Front"),
        ("The Crimson Hand admitted the bombing of the bridge near Tala.", "Crimson Hand"),
    ],
)
def test_adopting_or_admitting_an_attack_claims_it(nlp, text: str, agent: str) -> None:
    assert labels(only(events(nlp, text), "ClaimResponsibility"), "agent") == {agent}


@pytest.mark.parametrize(
    "text",
    [
        "The council adopted a resolution after the attack on the camp in Kisa.",
        "The army adopted new tactics after the raid on Kisa.",
        "The mayor admitted the raid on Kisa had been badly handled.",
    ],
)
def test_adopting_or_admitting_no_attack_claims_nothing(nlp, text: str) -> None:
    assert not [e for e in events(nlp, text) if e.type == "ClaimResponsibility"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Masked riders set three granaries on fire outside Garo on Friday.", "three granaries"),
        ("Rioters set the customs office in Dovrin ablaze on Friday night.", "customs office"),
        ("Two buses were set alight near the depot in Tala overnight.", "Two buses"),
    ],
)
def test_setting_something_burning_is_an_attack_on_it(nlp, text: str, target: str) -> None:
    attack = only(events(nlp, text), "Attack")
    assert attack.trigger.startswith("set")
    assert labels(attack, "target") == {target}


@pytest.mark.parametrize(
    "text",
    [
        "The council set the date for the vote in Garo.",
        "The militants set off a roadside bomb near Tala on Monday.",
    ],
)
def test_setting_nothing_burning_is_no_attack(nlp, text: str) -> None:
    assert all(e.trigger.lower() != "set" for e in events(nlp, text))


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Two riders fired at the magistrate as he left the court in Tala.", "magistrate"),
        ("Soldiers fired on the marchers outside the ministry in Garo.", "marchers"),
    ],
)
def test_firing_at_someone_is_a_shooting(nlp, text: str, target: str) -> None:
    attack = only(events(nlp, text), "Attack")
    assert attack.trigger == "fired"
    assert labels(attack, "target") == {target}


@pytest.mark.parametrize(
    "text",
    [
        "The guards fired into the air to scatter the crowd in Garo.",
        "The Garo militia is firing on the convoy, a driver said by phone.",
        "The transport minister was fired on Friday after the audit of the Garo depot.",
        "The mill in Tala fired 40 weavers on the night shift.",
    ],
)
def test_firing_into_the_air_or_told_as_going_on_is_no_shooting_read_off_fire(nlp, text: str) -> None:
    assert all(e.trigger.lower() not in {"fired", "firing"} for e in events(nlp, text))
