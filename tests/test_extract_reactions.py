"""Reactions and their attack: spoken and explicit claims, charges and denials, revenge, later claims
naming the perpetrator (kg/extract/reactions.py)."""

from __future__ import annotations

import pytest
from extract_helpers import (
    events,
    labels,
    of_type,
    only,
)


def test_a_spoken_claim_gives_way_to_the_explicit_claim(nlp) -> None:
    text = (
        "The Zurvan Brigade claimed responsibility for the bombing of the Tesk bridge. "
        "Two of its men set off the charges, the group said."
    )
    claims = of_type(events(nlp, text), "ClaimResponsibility")
    assert [c.trigger for c in claims] == ["claimed"]


def test_a_charge_of_something_else_is_not_about_the_attack(nlp) -> None:
    text = "Gunmen attacked a bus in Tesk on Monday. The minister accused the opposition of hiring thugs."
    assert only(events(nlp, text), "Accuse").about is None


def test_a_charge_of_killing_is_about_the_attack(nlp) -> None:
    text = 'Gunmen attacked a bus in Tesk on Monday. The mayor accused Ghana of "killing farmers".'
    found = events(nlp, text)
    assert only(found, "Accuse").about == only(found, "Attack").key


def test_denying_a_charge_follows_the_charge(nlp) -> None:
    text = (
        "Gunmen attacked a bus in Tesk on Monday. The minister accused the opposition of hiring thugs. "
        "Opposition leader Mara Quell rejected the allegation."
    )
    assert only(events(nlp, text), "Deny").about is None


def test_revenge_vowed_for_an_attack_is_about_it(nlp) -> None:
    found = events(nlp, "A bombing killed 9 people in Tesk. The mayor vowed revenge for the bombing.")
    assert only(found, "Threaten").about == only(found, "Attack").key


@pytest.mark.parametrize(
    "threat",
    [
        "The Tesk Front threatened to bomb the bridge in Ruda.",  # its complement
        "The Tesk Front has threatened to stage more raids in Ruda.",  # the complement's object
        "The Tesk Front threatened new attacks on the ferry.",  # its object
        "In a video, the Tesk Front warned of bombings in the capital.",  # a preposition of content
    ],
)
def test_the_attack_a_threat_threatens_is_not_what_it_answers(nlp, threat: str) -> None:
    found = events(nlp, f"A bombing killed 9 people in Tesk on Monday. {threat}")
    assert only(found, "Threaten").about is None


@pytest.mark.parametrize(
    "threat",
    [
        "The mayor vowed that those behind the bombing would be punished.",  # a participant's description
        "The mayor said the bombing would be avenged.",
    ],
)
def test_a_threat_over_the_attack_told_is_about_it(nlp, threat: str) -> None:
    found = events(nlp, f"A bombing killed 9 people in Tesk on Monday. {threat}")
    threats = of_type(found, "Threaten")
    assert threats and all(t.about == only(found, "Attack").key for t in threats)


@pytest.mark.parametrize(
    "claim",
    ["The Zurvan Brigade took responsibility.", "The Zurvan Brigade later said its fighters did it."],
)
def test_a_later_claim_names_the_lead_attacks_perpetrator(nlp, claim: str) -> None:
    found = events(nlp, "A bomb exploded at a market in Tesk on Monday. " + claim)
    attack = only(found, "Attack")
    assert labels(attack, "agent") == {"Zurvan Brigade"}
    assert only(found, "ClaimResponsibility").about == attack.key


def test_accusing_the_attackers_themselves_names_no_party(nlp) -> None:
    text = "Gunmen stormed a bank in Tesk on Monday. The governor accused the gunmen of wanting to sow fear."
    assert of_type(events(nlp, text), "Accuse") == []


def test_accusing_a_named_group_of_the_attack_is_an_accusation(nlp) -> None:
    text = "Gunmen stormed a bank in Tesk on Monday. The governor accused the Tesk Front of the raid."
    assert labels(only(events(nlp, text), "Accuse"), "target") == {"Tesk Front"}



@pytest.mark.parametrize(
    ("tie", "accused"),
    [
        ("The Vesk Legion, which has links to the Zurvan Brigade, said its men did it.", set()),
        ("A militia with links to the Zurvan Brigade said its men carried out the bombing.", set()),
        ("The Vesk Legion, a faction linked to the Zurvan Brigade, said it was behind the bombing.", set()),
        ("Officials linked the bombing to the Zurvan Brigade.", {"Zurvan Brigade"}),
        ("The minister said the bombing had links to the Zurvan Brigade.", {"Zurvan Brigade"}),
        ("Police said the bombing was a plot linked to the Zurvan Brigade.", {"Zurvan Brigade"}),
    ],
)
def test_a_tie_told_of_a_group_is_no_accusation_a_tie_of_the_attack_is(nlp, tie: str, accused: set) -> None:
    found = events(nlp, "A bomb exploded at a market in Tesk on Monday. " + tie)
    assert {n for a in of_type(found, "Accuse") for n in labels(a, "target")} == accused
    if not accused:  # the group's own claim stays
        assert of_type(found, "ClaimResponsibility") != []


@pytest.mark.parametrize(
    ("charge", "accused"),
    [
        ("The ambush was blamed on the Vesk Legion.", {"Vesk Legion"}),
        ("The Vesk Legion was accused of the ambush.", {"Vesk Legion"}),
        ("The ambush was blamed on the Vesk Legion by the governor.", None),  # a "by": the governor accuses
        ("The Vesk Legion is blamed for ambushes across the north.", set()),  # a record of deeds
        ("It was the second ambush blamed on the Vesk Legion.", set()),  # a participle, no charge
    ],
)
def test_a_passive_charge_naming_no_accuser_has_no_agent(nlp, charge: str, accused: set | None) -> None:
    found = events(nlp, "Gunmen ambushed a convoy near Tesk on Monday. " + charge)
    charges = of_type(found, "Accuse")
    if accused is None:
        assert labels(only(found, "Accuse"), "agent") == {"governor"}
        return
    assert {n for a in charges for n in labels(a, "target")} == accused
    for a in charges:
        assert labels(a, "agent") == set()
        assert a.about == only(found, "Attack").key


def test_a_protest_against_someone_naming_no_holder_is_kept_without_agent(nlp) -> None:
    shot = "Police shot two farmers near Tesk. "
    protest = only(events(nlp, shot + "Marches against the Vesk governor spread that week."), "Protest")
    assert labels(protest, "agent") == set()
    assert labels(protest, "target") == {"Vesk governor"}
    assert of_type(events(nlp, shot + "Marches spread that week."), "Protest") == []


def test_a_states_protest_is_a_condemnation(nlp) -> None:
    found = events(
        nlp,
        "Gunmen raided a bank in Kisa on Monday. "
        "Nigeria lodged a strong protest with the Chadian envoy in Lagos. "
        "Hundreds of students marched in Kano to protest the raid.",
    )
    condemn = only(found, "Condemn")
    assert labels(condemn, "agent") == {"Nigeria"}
    assert not condemn.role("location")
    assert labels(only(found, "Protest"), "agent") == {"Hundreds of students"}


@pytest.mark.parametrize(
    "text",
    [
        "A mortar hit the Garo market. "
        "Spokesmen of the Kisa militia insist they are not responsible for the shelling.",
        "Snipers killed a priest in Oru. "
        "A senator close to the Red Dawn movement wrote that it was not Red Dawn who carried out the murder.",
    ],
)
def test_a_party_said_to_have_no_part_in_the_attack_is_a_denial_by_who_says_it(nlp, text) -> None:
    """trigger.disowned_part: the speaker denies; no accusation of the party is read off the same words."""
    found = events(nlp, text)
    (denial,) = of_type(found, "Deny")
    attack = only(found, "Attack")
    assert denial.about == attack.key
    assert not of_type(found, "Accuse")


def test_a_party_said_not_to_answer_for_a_duty_denies_nothing(nlp) -> None:
    text = "A mortar hit the Garo market. Kisa militia leaders insist they are not responsible for the road."
    assert not of_type(events(nlp, text), "Deny")


@pytest.mark.parametrize(
    "text",
    [
        "Snipers killed a priest in Oru. "
        "The governor told reporters it was not yet clear who carried out the murder.",
        "Snipers killed a priest in Oru. "
        "The bishop said it was not the first attack that had hit the parish.",
        "A mortar hit the Garo market. "
        "Witnesses said it was not soldiers who survived the attack but porters.",
    ],
)
def test_a_cleft_disowning_no_deed_denies_nothing(nlp, text) -> None:
    """trigger.disowned_part: "it was not clear who did it", "not the first attack that hit", "not X who
    survived the attack" disown no one."""
    assert not of_type(events(nlp, text), "Deny")


def test_a_party_said_to_be_not_only_responsible_is_not_disowned(nlp) -> None:
    text = (
        "A mortar hit the Garo market. "
        "The governor said the Kisa militia was not only responsible for the shelling but for a kidnapping."
    )
    assert not of_type(events(nlp, text), "Deny")
