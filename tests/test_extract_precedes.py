"""A reaction dated before the attack is about no attack (kg/extract/precedes.py)."""

from __future__ import annotations

import pytest
from extract_helpers import events, only

from kg.extract.draft import Draft
from kg.extract.precedes import before_attack
from kg.extract.triggers import Trigger


def _draft(kind: str, time: str | None) -> Draft:
    return Draft(Trigger(kind, 0, "w", "VERB", 1.0, (0,), False, "t"), 0, time=time)


@pytest.mark.parametrize(
    ("said", "done", "before"),
    [
        ("2013", "2016-06", True),
        ("2020-09", "2020-10-24", True),
        ("2020-10", "2020-10-24", False),
        ("2021-06", "2021-05-14", False),
        ("2021-05-08", "2021-05-14", False),  # a day: maybe a weekday read before the attack's
        (None, "2021-05-14", False),
        ("2019", None, False),
    ],
)
def test_before_reads_both_dates_at_the_coarser_precision(said, done, before) -> None:
    assert before_attack(_draft("Threaten", said), _draft("Attack", done)) is before


def test_a_threat_dated_before_the_attack_is_not_about_it(nlp) -> None:
    text = (
        "Gunmen killed twelve villagers in Oru on 14 May 2021. "
        "In March 2021, the Tala Front had warned that it would punish the villagers."
    )
    assert only(events(nlp, text), "Threaten").about is None


def test_a_charge_dated_after_the_attack_stays_about_it(nlp) -> None:
    text = (
        "Gunmen killed twelve villagers in Oru on 14 May 2021. "
        "In June 2021 the mayor blamed the Oru Front."
    )
    found = events(nlp, text)
    assert only(found, "Accuse").about == only(found, "Attack").key


@pytest.mark.parametrize(
    "stance",
    [
        "The mayor of Ruda repeatedly blames the Tala Front.",
        "The Tala Front has consistently denied receiving money from abroad.",
    ],
)
def test_a_stance_told_with_an_adverb_of_frequency_is_about_no_attack(nlp, stance: str) -> None:
    found = events(nlp, f"Gunmen killed twelve villagers in Oru on Monday. {stance}")
    assert [e.about for e in found if e.type != "Attack"] == [None]


def test_a_reaction_without_an_adverb_of_frequency_keeps_the_attack(nlp) -> None:
    text = "Gunmen killed twelve villagers in Oru on Monday. The Tala Front promptly denied any role."
    found = events(nlp, text)
    assert only(found, "Deny").about == only(found, "Attack").key


def test_a_date_told_on_a_noun_does_not_date_the_reaction_before_the_attack(nlp) -> None:
    text = (
        "Bombers struck a market in Oru on 3 August 2022. "
        "The mayor, sworn in during 2017, condemned the bombing."
    )
    found = events(nlp, text)
    assert only(found, "Condemn").about == only(found, "Attack").key


def test_a_frequency_adverb_in_the_simple_past_tells_one_reaction_about_the_attack(nlp) -> None:
    text = (
        "Bombers struck a market in Oru on Monday. "
        "Officials repeatedly blamed the Ruda Front at a briefing on Tuesday."
    )
    found = events(nlp, text)
    assert only(found, "Accuse").about == only(found, "Attack").key


def test_a_date_told_on_the_statement_still_dates_the_reaction(nlp) -> None:
    text = (
        "Bombers struck a market in Oru on Monday. "
        "In a communique released in January, the Ruda Front warned that it would strike the town."
    )
    assert only(events(nlp, text), "Threaten").about is None


def test_a_date_told_on_the_agent_of_a_passive_does_not_date_the_reaction(nlp) -> None:
    text = (
        "Bombers struck a market in Oru on 3 August 2022. "
        "The Ruda Front was blamed by the mayor, elected in 2017."
    )
    found = events(nlp, text)
    assert only(found, "Accuse").about == only(found, "Attack").key


def test_a_repetition_since_the_attack_is_about_it(nlp) -> None:
    text = (
        "Bombers struck a market in Oru on Monday. "
        "Since then, ministers have constantly blamed the Ruda Front."
    )
    found = events(nlp, text)
    assert only(found, "Accuse").about == only(found, "Attack").key
