"""Trigger detection beyond the stock verbs: claims by speech, verdicts, threats, denials, and the
attack words that name no attack (alleged, planned, negated, future), and victims who are no protest."""

from __future__ import annotations

import pytest
from extract_helpers import events, labels, of_type

from kg.model import Event


def only(found: list[Event], kind: str) -> Event:
    matching = of_type(found, kind)
    assert len(matching) == 1, [(e.type, e.trigger) for e in found]
    return matching[0]


@pytest.mark.parametrize(
    "text",
    [
        "The Zurvan Brigade said in an online post that its fighters had ambushed the patrol.",
        "A group calling itself the Zurvan Brigade said one of its members had carried out the bombing.",
    ],
)
def test_a_group_telling_of_its_fighters_deed_claims_it(nlp, text: str) -> None:
    found = events(nlp, text)
    claim = only(found, "ClaimResponsibility")
    assert labels(claim, "agent") == {"Zurvan Brigade"}
    assert claim.about == only(found, "Attack").key


def test_an_army_telling_of_its_jets_strike_claims_nothing(nlp) -> None:
    found = events(nlp, "The army said its jets had struck the fuel depot.")
    assert not of_type(found, "ClaimResponsibility")
    assert labels(only(found, "Attack"), "target") == {"fuel depot"}


def test_a_spoken_claim_gives_way_to_the_explicit_claim(nlp) -> None:
    text = (
        "The Zurvan Brigade claimed responsibility for the bombing of the Tesk bridge. "
        "The group said two of its members had detonated the charges."
    )
    claims = of_type(events(nlp, text), "ClaimResponsibility")
    assert [c.trigger for c in claims] == ["claimed"]


@pytest.mark.parametrize(
    "text",
    [
        'The Ferland Council called the shooting "a heinous crime".',
        "Ferland called it a cowardly act of terror.",
    ],
)
def test_calling_an_attack_a_crime_condemns_it(nlp, text: str) -> None:
    condemnation = only(events(nlp, "A shooting hit the Tesk market. " + text), "Condemn")
    assert labels(condemnation, "agent") & {"Ferland Council", "Ferland"}


def test_calling_for_calm_is_no_condemnation(nlp) -> None:
    assert not of_type(events(nlp, "The mayor called for calm after the shooting."), "Condemn")


def test_projectiles_slamming_into_a_place_attack_and_do_not_condemn(nlp) -> None:
    found = events(nlp, "Rockets slammed into a depot in Marrowby on Monday.")
    assert not of_type(found, "Condemn")
    assert labels(only(found, "Attack"), "location") == {"Marrowby"}


def test_slamming_an_attack_condemns_it(nlp) -> None:
    found = events(nlp, "A bombing hit the Tesk market. The Ferland Council slammed the bombing.")
    assert labels(only(found, "Condemn"), "agent") == {"Ferland Council"}


def test_launched_rockets_are_an_attack(nlp) -> None:
    found = events(nlp, "Two rockets were launched toward the town of Marrowby on Sunday.")
    assert only(found, "Attack").time == "2031-03-09"


@pytest.mark.parametrize(
    "text",
    [
        "Those responsible will be hunted down, Mayor Tomas Hale said.",
        '"They will pay a heavy price," Mayor Tomas Hale said.',
        "Mayor Tomas Hale said Ferland reserves the right to respond.",
    ],
)
def test_threats_without_a_threat_verb(nlp, text: str) -> None:
    assert only(events(nlp, text), "Threaten")


@pytest.mark.parametrize(
    "text",
    [
        "The Zurvan Brigade dismissed the accusation as baseless.",
        "The Zurvan Brigade said it had nothing to do with the explosion.",
    ],
)
def test_denials_without_deny(nlp, text: str) -> None:
    assert labels(only(events(nlp, text), "Deny"), "agent") == {"Zurvan Brigade"}


def test_a_charge_someone_denies_is_both_accusation_and_denial(nlp) -> None:
    found = events(nlp, "Ghana has long accused the Zurvan Brigade of hiding weapons, a charge Togo denies.")
    assert labels(only(found, "Accuse"), "agent") == {"Ghana"}
    assert labels(only(found, "Deny"), "agent") == {"Togo"}


def test_this_is_the_work_of_accuses(nlp) -> None:
    accusation = only(
        events(nlp, '"This is the work of the Zurvan Brigade," Mayor Tomas Hale said.'), "Accuse"
    )
    assert labels(accusation, "agent") == {"Tomas Hale"}


@pytest.mark.parametrize(
    "text",
    [
        'The minister accused the Zurvan Brigade of "killing farmers in cold blood".',
        "The army accused the commander of planning attacks on border towns.",
        "Ferland said its forces did not conduct any strike in the valley.",
        "The minister warned that Ferland would strike the camps.",
    ],
)
def test_alleged_planned_negated_or_future_attacks_are_no_attack(nlp, text: str) -> None:
    assert not of_type(events(nlp, text), "Attack")


def test_victims_named_protesters_are_no_protest(nlp) -> None:
    found = events(nlp, "Three protesters were shot dead in Marrowby.")
    assert not of_type(found, "Protest")
    assert only(found, "Attack").killed == 3


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("Hundreds of residents held a candlelight vigil in Marrowby.", "residents"),
        ("Thousands of people formed a human chain around the church.", "people"),
    ],
)
def test_vigils_and_human_chains_are_protests(nlp, text: str, agent: str) -> None:
    assert labels(only(events(nlp, text), "Protest"), "agent") == {agent}


def test_an_organization_after_a_place_is_a_second_condemner(nlp) -> None:
    text = "A bombing hit Tesk. The United Nations office in Ghana and the Coastal League condemned it."
    condemners = {label for e in of_type(events(nlp, text), "Condemn") for label in labels(e, "agent")}
    assert "Coastal League" in condemners
    assert len(condemners) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of residents marched through Marrowby on Friday, denouncing the bombing.",
        "Hundreds of residents marched through Marrowby, waving flags and denouncing the bombing.",
    ],
)
def test_a_march_denouncing_is_a_protest_not_a_condemnation(nlp, text: str) -> None:
    found = events(nlp, text)
    assert not of_type(found, "Condemn")
    assert labels(only(found, "Protest"), "agent") == {"residents"}


def test_police_firing_and_a_mob_burning_are_two_attacks(nlp) -> None:
    text = (
        "Police fired live rounds at demonstrators in Marrowby on Tuesday. "
        "In Tesk, a mob of young men set fire to a police post."
    )
    agents = [labels(e, "agent") for e in of_type(events(nlp, text), "Attack")]
    assert len(agents) == 2
    assert {"Police"} in agents or {"police"} in agents


def test_a_warning_that_one_will_respond_is_one_threat(nlp) -> None:
    text = "A bombing hit Tesk. Mayor Tomas Hale warned that the Coastal Front would respond in its own time."
    threat = only(events(nlp, text), "Threaten")
    assert labels(threat, "agent") == {"Tomas Hale"}


def test_an_attack_by_anyone_is_no_attack(nlp) -> None:
    found = events(nlp, "The minister warned that anyone who attacks a police station will be punished.")
    assert not of_type(found, "Attack")


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


def test_the_attack_avenged_is_another_attack(nlp) -> None:
    text = "In May 2029, Ferland fired missiles at a base in Tesk in retaliation for the killing of Al Vane."
    attacks = {frozenset(labels(e, "target")) for e in of_type(events(nlp, text), "Attack")}
    assert frozenset({"Al Vane"}) in attacks
    assert len(attacks) == 2


def test_revenge_vowed_for_an_attack_is_about_it(nlp) -> None:
    found = events(nlp, "A bombing killed 9 people in Tesk. The mayor vowed revenge for the bombing.")
    assert only(found, "Threaten").about == only(found, "Attack").key


@pytest.mark.parametrize(
    "claim",
    ["The Zurvan Brigade took responsibility.", "The Zurvan Brigade later said its fighters did it."],
)
def test_a_later_claim_names_the_lead_attacks_perpetrator(nlp, claim: str) -> None:
    found = events(nlp, "A bomb exploded at a market in Tesk on Monday. " + claim)
    attack = only(found, "Attack")
    assert labels(attack, "agent") == {"Zurvan Brigade"}
    assert only(found, "ClaimResponsibility").about == attack.key


def test_blaming_the_deed_on_another_is_no_claim(nlp) -> None:
    text = "Gunmen killed three people in Tesk on Monday. Ghana blamed them on the Zurvan Brigade."
    found = events(nlp, text)
    assert not of_type(found, "ClaimResponsibility")
    assert labels(only(found, "Accuse"), "agent") == {"Ghana"}


def test_media_speak_for_their_side(nlp) -> None:
    found = events(nlp, "A drone strike hit Tesk. Rebel-run media blamed the Zurvan Brigade for the strike.")
    accusation = only(found, "Accuse")
    assert labels(accusation, "agent") == {"Rebel-run media"}
    assert labels(accusation, "target") == {"Zurvan Brigade"}


def test_an_unknown_base_does_not_split_the_attack_from_its_claim(nlp) -> None:
    text = (
        "Rockets slammed into the Qarvo air base in Ghana on Monday. "
        "The Zurvan Brigade said it had targeted the Qarvo base with a salvo of rockets."
    )
    attack = only(events(nlp, text), "Attack")
    assert labels(attack, "agent") == {"Zurvan Brigade"}


def test_the_killing_avenged_stays_apart_from_the_retaliation(nlp) -> None:
    text = (
        "A bombing killed 9 people in Marrowby on Friday. "
        "In May 2029, Ghana fired missiles at the Qarvo base in retaliation for the killing of Al Vane, "
        "causing injuries to 40 troops."
    )
    targets = [labels(e, "target") for e in of_type(events(nlp, text), "Attack")]
    assert {"Al Vane"} in targets
    assert not any("Al Vane" in t and len(t) > 1 for t in targets)
