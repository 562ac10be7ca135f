"""Trigger words that tell of no event: dates and months, habitual and generic attacks, alleged, planned,
negated or future attacks, victims named protesters, classifier nouns."""

from __future__ import annotations

import pytest
from extract_helpers import (
    events,
    labels,
    of_type,
    only,
    trigger_types,
)


def test_a_month_name_is_no_protest(nlp) -> None:
    found = events(nlp, "The Velmar Front bombed a depot in Oskarsholm in March 2029, officials said.")
    assert not of_type(found, "Protest")
    assert len(of_type(found, "Attack")) == 1


def test_a_month_in_a_date_is_no_trigger(nlp) -> None:
    found = trigger_types(nlp, "Thousands of students gathered in the capital in March 2029 to seek reforms.")
    assert ("Protest", "March") not in found


def test_a_month_name_before_a_day_is_no_protest(nlp) -> None:
    found = events(nlp, "Hundreds of farmers blocked the highway on March 3 near the port of Dovrin.")
    assert not of_type(found, "Protest")


def test_a_habitual_attack_is_no_event(nlp) -> None:
    found = events(nlp, "Velmar militants shell border villages.")
    assert not of_type(found, "Attack")


def test_an_adverb_of_frequency_alone_leaves_the_attacks_real(nlp) -> None:
    found = events(nlp, "The Velmar Front has increasingly targeted army recruits.")
    assert labels(only(found, "Attack"), "target") == {"army recruits"}


def test_an_attack_that_often_happens_is_no_event(nlp) -> None:
    found = events(nlp, "Militants often attack convoys on the coastal road.")
    assert not of_type(found, "Attack")


def test_a_dated_attack_is_still_an_event(nlp) -> None:
    found = events(nlp, "Militants attacked a convoy on the coastal road on Tuesday.")
    assert len(of_type(found, "Attack")) == 1


def test_a_threat_level_is_no_threat(nlp) -> None:
    found = events(nlp, "Minister Tomas Reil said the national threat level would be raised to four.")
    assert of_type(found, "Threaten") == []


def test_a_participle_ending_a_hyphened_adjective_is_no_event(nlp) -> None:
    """trigger.classifier: "life-threatening burns" says how bad the burns are; nobody threatens."""
    found = events(nlp, "The Oskarsholm coroner confirmed that two porters suffered life-threatening burns.")
    assert of_type(found, "Threaten") == []
    found = events(nlp, "The Velmar Front said it was threatening the port of Oskarsholm.")
    assert of_type(found, "Threaten"), "the verb itself still threatens"


def test_an_army_telling_of_its_jets_strike_claims_nothing(nlp) -> None:
    found = events(nlp, "The army said its jets had struck the fuel depot.")
    assert not of_type(found, "ClaimResponsibility")
    assert labels(only(found, "Attack"), "target") == {"fuel depot"}


def test_calling_for_calm_is_no_condemnation(nlp) -> None:
    assert not of_type(events(nlp, "The mayor called for calm after the shooting."), "Condemn")


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


def test_an_attack_by_anyone_is_no_attack(nlp) -> None:
    found = events(nlp, "The minister warned that anyone who attacks a police station will be punished.")
    assert not of_type(found, "Attack")


def test_blaming_the_deed_on_another_is_no_claim(nlp) -> None:
    text = "Gunmen killed three people in Tesk on Monday. Ghana blamed them on the Zurvan Brigade."
    found = events(nlp, text)
    assert not of_type(found, "ClaimResponsibility")
    assert labels(only(found, "Accuse"), "agent") == {"Ghana"}


@pytest.mark.parametrize(
    "text",
    [
        "A hijacker fired shots inside a plane at Velmar. Marines gunned down the hijacker on the runway.",
        "Bombers attacked the barracks in Velmar. The suicide bomber was shot by a soldier at the gate.",
        "Kidnappers raided a clinic in Velmar. Troops killed the kidnappers at dawn.",
    ],
)
def test_forces_ending_the_attack_make_no_attack_of_their_own(nlp, text: str) -> None:
    found = of_type(events(nlp, text), "Attack")
    assert len(found) == 1
    assert not labels(found[0], "agent") & {"Marines", "soldier", "Troops"}


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers killed three militants in a raid on a camp near Velmar.",  # a side fought, not the doers
        "A gunman shot two police officers outside a bank in Velmar.",  # the forces are the victims
    ],
)
def test_forces_fighting_a_side_or_struck_still_attack(nlp, text: str) -> None:
    assert len(of_type(events(nlp, text), "Attack")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Customs investigators raided two garages in Oskarsholm on Tuesday.",
        "Four couriers were arrested during a string of raids on flats in Oskarsholm.",
        "A police raid on a barn outside Oskarsholm ended with the seizure of ten rifles.",
    ],
)
def test_a_raid_by_the_police_or_with_arrests_is_no_attack(nlp, text: str) -> None:
    assert not of_type(events(nlp, text), "Attack")


@pytest.mark.parametrize(
    "text",
    [
        "Masked men raided two garages in Oskarsholm on Tuesday.",
        "A police raid on a barn outside Oskarsholm left three farmhands dead.",
    ],
)
def test_a_raid_by_others_or_with_victims_stays_an_attack(nlp, text: str) -> None:
    assert of_type(events(nlp, text), "Attack")


@pytest.mark.parametrize(
    "text",
    [
        "Did the Velmar Front shell the ferry port of Oskarsholm?",
        "Would anyone really bomb a ferry full of pilgrims in Oskarsholm?",
        "The consul could not say if there was an ambush on the Oskarsholm road.",
    ],
)
def test_an_attack_asked_about_or_under_a_condition_is_no_event(nlp, text: str) -> None:
    assert not of_type(events(nlp, text), "Attack")


@pytest.mark.parametrize(
    "text",
    [
        "Who shelled the ferry port of Oskarsholm on Sunday?",
        "There was an ambush on the Oskarsholm road on Sunday.",
    ],
)
def test_a_question_of_who_or_an_existential_attack_is_told(nlp, text: str) -> None:
    assert of_type(events(nlp, text), "Attack")
