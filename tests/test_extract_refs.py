"""Argument fillers read off a head token (refs.py): a described pronoun names whom its modifier describes;
a state's office said with its state speaks as the office (refs.state_office)."""

from __future__ import annotations

import pytest
from extract_helpers import events, labels, of_type, only

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


def test_a_ministry_said_with_its_country_speaks_as_the_ministry(nlp) -> None:
    found = events(nlp, "Norway's defence ministry condemned the shelling of Tala on Monday.")
    assert labels(only(found, "Condemn"), "agent") == {"Norway's defence ministry"}


def test_the_president_of_a_country_speaks_as_the_president(nlp) -> None:
    found = events(nlp, "The President of Chile denounced the ambush near Tala.")
    assert labels(only(found, "Condemn"), "agent") == {"President of Chile"}


def test_a_group_spokesman_still_speaks_for_the_group(nlp) -> None:
    found = events(nlp, "The Velmar Front's spokesman claimed responsibility for the ambush in Kunduz.")
    assert labels(only(found, "ClaimResponsibility"), "agent") == {"Velmar Front"}


def test_an_attack_by_a_state_office_is_the_state_deed(nlp) -> None:
    found = events(nlp, "Turkey's defence ministry struck PKK targets in northern Iraq on Sunday.")
    assert labels(only(found, "Attack"), "agent") == {"Turkey"}


def test_an_attack_ordered_by_a_president_is_the_state_deed(nlp) -> None:
    found = events(nlp, "The President of Russia ordered the shelling of Kharkiv.")
    assert labels(only(found, "Attack"), "agent") == {"Russia"}


def test_a_raid_a_state_office_owns_is_the_state_deed(nlp) -> None:
    text = "Israel's defence ministry took responsibility for bombing the convoy near Rafah."
    found = events(nlp, text)
    assert labels(only(found, "ClaimResponsibility"), "agent") == {"Israel's defence ministry"}
    assert labels(only(found, "Attack"), "agent") == {"Israel"}


def test_a_later_claim_by_a_state_office_gives_the_state(nlp) -> None:
    text = "A drone strike hit the convoy in Rafah. Israel's defence ministry claimed responsibility."
    assert labels(only(events(nlp, text), "Attack"), "agent") == {"Israel"}


def test_a_group_named_before_a_state_office_noun_speaks_as_the_group(nlp) -> None:
    found = events(nlp, "Nigeria's Boko Haram spokesman claimed the kidnapping of the students in Kankara.")
    assert labels(only(found, "ClaimResponsibility"), "agent") == {"Boko Haram"}
    assert labels(only(found, "Attack"), "agent") == {"Boko Haram"}
