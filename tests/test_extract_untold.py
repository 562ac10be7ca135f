"""An attack word a reaction names, kept as no attack, may still stand for the article's attack
(kg/extract/untold.py)."""

from __future__ import annotations

import pytest
from extract_helpers import events, only

ATTACK = "Gunmen attacked a bank in Tala on Monday. "


@pytest.mark.parametrize(
    ("reaction", "kind"),
    [
        (
            "The minister said there was no proof the raid came from Ruda, and he blamed the Oru Front.",
            "Accuse",
        ),
        ('"This cowardly attack will not break our town," the mayor said.', "Condemn"),
        ("The Oru Front rejected allegations of the raid.", "Deny"),
    ],
)
def test_an_attack_word_negated_or_charged_stands_for_the_attack(nlp, reaction: str, kind: str) -> None:
    found = events(nlp, ATTACK + reaction)
    assert only(found, kind).about == only(found, "Attack").key


def test_an_attack_told_only_as_reported_is_no_attack(nlp) -> None:
    found = events(nlp, ATTACK + "The Oru Front denied reports of a second raid.")
    assert only(found, "Deny").about is None


@pytest.mark.parametrize(
    "denial",
    [
        "The Oru Front rejected allegations of a Ruda shooting last year.",  # its own date
        "The Oru Front rejected allegations of an unrelated ambush.",  # told as another
        "The Oru Front rejected allegations of raids on farms in the south.",  # a bare plural: a series
    ],
)
def test_a_charged_attack_dated_or_told_apart_stays_about_none(nlp, denial: str) -> None:
    assert only(events(nlp, ATTACK + denial), "Deny").about is None
