"""Argument fillers read off a head token (refs.py): a described pronoun names whom its modifier describes."""

from __future__ import annotations

import pytest
from extract_helpers import events, labels, of_type

from kg.extract.lexicon import load_lexicon
from kg.extract.refs import DESCRIBED_REF, reference


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "The mayor vowed to catch those responsible for the raid on the depot.",
            "those responsible for the raid",
        ),
        ("The army vowed to punish all those behind the ambush in Orvo.", "all those behind the ambush"),
        ("The mayor vowed to punish those involved in the raid on the depot.", "those involved in the raid"),
    ],
)
def test_a_threat_against_those_a_modifier_describes_targets_the_description(
    nlp, text: str, target: str
) -> None:
    (threat,) = of_type(events(nlp, text), "Threaten")
    assert labels(threat, "target") == {target}


def test_a_described_pronoun_is_a_description_and_a_bare_one_is_not(nlp) -> None:
    lex = load_lexicon()
    described = nlp("The colonel warned anyone who helps the raiders.")
    anyone = next(t for t in described if t.lower_ == "anyone")
    ref = reference(anyone, lex)
    assert ref is not None and ref.label == DESCRIBED_REF
    assert ref.text == "anyone who helps the raiders"
    bare = nlp("The colonel warned them.")
    them = next(t for t in bare if t.lower_ == "them")
    assert reference(them, lex).label == "PRON"


def test_a_threat_against_a_bare_pronoun_with_no_name_before_has_no_target(nlp) -> None:
    (threat,) = of_type(events(nlp, "The mayor pledged to track them down."), "Threaten")
    assert labels(threat, "target") == set()


def test_a_relative_clause_without_object_runs_to_its_end(nlp) -> None:
    lex = load_lexicon()
    doc = nlp("Militiamen shot at those who tried to flee.")
    those = next(t for t in doc if t.lower_ == "those")
    assert reference(those, lex).text == "those who tried to flee"


def test_people_counted_by_nationality_keep_their_count(nlp) -> None:
    text = "Gunmen kidnapped four Canadians near the clinic in Garo on Sunday."
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "target") == {"four Canadians"}


def test_people_counted_by_nationality_are_this_article_s_people(nlp) -> None:
    text = "Rebels abducted four Canadians outside Velm on Monday."
    (attack,) = of_type(events(nlp, text), "Attack")
    assert [e.key for e in attack.role("target")] == ["four Canadians (t)"]
