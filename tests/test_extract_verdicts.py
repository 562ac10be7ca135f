"""Condemnations told as a verdict on the attack inside a quotation (kg/extract/verdicts.py)."""

from __future__ import annotations

import pytest
from extract_helpers import events, label_list, labels, of_type, only


def test_a_quoted_epithet_on_the_attack_condemns_it_by_the_speaker(nlp) -> None:
    text = (
        "Gunmen stormed a clinic in Varo on Monday. "
        "“This barbaric assault on a clinic shames us all,” the governor of Varo told reporters."
    )
    found = events(nlp, text)
    condemn = only(found, "Condemn")
    assert labels(condemn, "agent") == {"governor"}
    assert condemn.about == only(found, "Attack").key


def test_a_verdict_said_of_the_attack_condemns_it(nlp) -> None:
    text = 'A bomb exploded at a bus depot in Varo. The mayor said: "The bombing was vile and senseless."'
    assert labels(only(events(nlp, text), "Condemn"), "agent") == {"mayor"}


def test_a_negated_clause_does_not_negate_the_verdict(nlp) -> None:
    text = (
        "A bomb exploded at a bus depot in Varo. "
        "“The cowardly bombing of our depot will not stop the buses,” the mayor said."
    )
    assert labels(only(events(nlp, text), "Condemn"), "agent") == {"mayor"}


def test_the_writers_own_adjective_is_no_condemnation(nlp) -> None:
    text = "A bomb exploded at a bus depot in Varo. Police said the brutal bombing killed four drivers."
    assert of_type(events(nlp, text), "Condemn") == []


def test_an_epithet_under_a_condemning_verb_is_that_condemnation(nlp) -> None:
    text = "A bomb exploded at a bus depot in Varo. The mayor denounced the “cowardly” bombing on Monday."
    assert [c.trigger for c in of_type(events(nlp, text), "Condemn")] == ["denounced"]


def test_an_epithet_inside_a_vow_is_part_of_the_vow(nlp) -> None:
    text = (
        "A bomb exploded at a bus depot in Varo. The mayor vowed revenge, saying "
        "“the authors of this cowardly bombing will be found”."
    )
    found = events(nlp, text)
    assert of_type(found, "Condemn") == []
    assert len(of_type(found, "Threaten")) == 1


def test_a_quoted_verdict_on_something_else_is_no_condemnation(nlp) -> None:
    text = "A bomb exploded at a bus depot in Varo. “The heat this summer was brutal,” the mayor said."
    assert of_type(events(nlp, text), "Condemn") == []


def test_a_verdict_on_a_whole_class_of_deeds_is_no_condemnation(nlp) -> None:
    text = (
        "A bomb exploded at a bus depot in Varo. "
        "“Any attack on drivers is cowardly, and acts of terror are criminal,” the mayor said."
    )
    assert of_type(events(nlp, text), "Condemn") == []


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen stormed a clinic in Varo. The governor of Varo branded the raid an outrage.",
        "Gunmen stormed a clinic in Varo. The governor of Varo labelled the raid “a crime against the town.”",
        "Gunmen stormed a clinic in Varo. The governor of Varo termed the raid an act of barbarism.",
        # the object put after its characterization, hung from the "as" phrase by the parser
        "Gunmen stormed a clinic in Varo. "
        "The governor of Varo has described as sickening Monday’s raid on the clinic.",
        # the verdict read as a modifier of "as", the attack its object
        "Rebels shelled a clinic in Varo. The governor described as barbaric the shelling of the clinic.",
    ],
)
def test_characterizing_the_attack_with_a_verdict_condemns_it(nlp, text: str) -> None:
    found = events(nlp, text)
    condemn = only(found, "Condemn")
    assert labels(condemn, "agent") == {"governor"}
    assert condemn.about == only(found, "Attack").key


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen stormed a clinic in Varo. The governor of Varo described the raid as well planned.",
        "Gunmen stormed a clinic in Varo. The governor of Varo described the new clinic as a crime.",
    ],
)
def test_a_characterization_without_a_verdict_or_of_something_else_condemns_nothing(nlp, text: str) -> None:
    assert not of_type(events(nlp, text), "Condemn")


def test_a_verdict_of_revulsion_read_as_a_participle_condemns(nlp) -> None:
    """verdict_adjectives holds the verdicts of revulsion; the tagger reads "sickening" as a verb form."""
    text = "Militiamen shelled a granary near Oskarsholm. “The shelling was sickening,” the mayor said."
    assert labels(only(events(nlp, text), "Condemn"), "agent") == {"mayor"}


def test_a_word_of_how_bad_harm_is_is_no_verdict(nlp) -> None:
    text = "Militiamen shelled a granary near Oskarsholm. “The shelling was horrific,” the mayor said."
    assert of_type(events(nlp, text), "Condemn") == []


@pytest.mark.parametrize(
    "text",
    [
        "Militiamen shelled a granary near Oskarsholm. The mayor voiced revulsion at the shelling.",
        "Militiamen shelled a granary near Oskarsholm. The bishop expressed his disgust over the shelling.",
    ],
)
def test_moral_indignation_at_the_attack_condemns_it(nlp, text) -> None:
    """trigger.indignation: the indignation is felt at the attack; who voices it condemns it."""
    condemn = only(events(nlp, text), "Condemn")
    assert condemn.trigger in {"revulsion", "disgust"}
    assert label_list(condemn, "agent") in (["mayor"], ["bishop"])


def test_indignation_at_something_else_or_grief_condemns_no_attack(nlp) -> None:
    text = "Militiamen shelled a granary near Oskarsholm. The mayor voiced outrage over the new fuel tax."
    assert of_type(events(nlp, text), "Condemn") == []
    text = "Militiamen shelled a granary near Oskarsholm. The mayor expressed grief over the shelling."
    assert of_type(events(nlp, text), "Condemn") == []
