"""Pronouns and "the group" resolved to a name told before (kg/extract/antecedents.py), and an attack's
agents named short and in full (agent.initials_twice): what the resolved value is, not only whether the
rule is in the trace. Invented sentences."""

from __future__ import annotations

from extract_helpers import events, labels, of_type


def _agents(nlp, text: str, kind: str) -> list[set[str]]:
    return [labels(e, "agent") for e in of_type(events(nlp, text), kind)]


def test_he_said_is_the_subject_named_not_a_later_object(nlp) -> None:
    """entity.subject_antecedent: the governor who visited, not the man she visited."""
    text = (
        "Governor Adaeze Okafor visited Samuel Adeyemi in Ossi after the raid on the village. "
        "He condemned the killings."
    )
    assert _agents(nlp, text, "Condemn") == [{"Adaeze Okafor"}]


def test_he_said_is_not_the_dead_man_told_as_passive_subject(nlp) -> None:
    """A passive subject is whom the deed was done to: the dead man does not accuse anyone."""
    text = (
        "Samuel Adeyemi was shot dead outside his home in Ossi on Monday. Reporters met Governor "
        "Adaeze Okafor at the scene. He said the Ubeta Front was behind the killing."
    )
    assert _agents(nlp, text, "Accuse") == [{"Adaeze Okafor"}]


def test_a_stop_word_heading_a_name_is_an_antecedent(nlp) -> None:
    """entity.no_name_word: 'Front' is a spaCy stop word, but 'the Ossi Front' is a name."""
    text = (
        "Fighters of the Ossi Front stormed a school in Tala on Monday. "
        "The group later claimed responsibility for the raid."
    )
    assert _agents(nlp, text, "ClaimResponsibility") == [{"Ossi Front"}]


def test_a_faction_with_its_parents_initials_is_kept(nlp) -> None:
    """agent.initials_twice: 'Real IRA' has a word of its own; it is not the IRA's short form."""
    text = (
        "The Real IRA bombed a police station in Carrow on Friday, injuring two officers. "
        "Police said the Irish Republican Army had bombed the station."
    )
    assert any("Real IRA" in agents for agents in _agents(nlp, text, "Attack"))


def test_initials_with_only_a_description_give_way(nlp) -> None:
    text = (
        "The Velmar Liberation Front ambushed a supply column near Ardo on Tuesday. "
        "VLF gunmen opened fire on the column from a ridge, killing four drivers."
    )
    assert _agents(nlp, text, "Attack") == [{"Velmar Liberation Front"}]


def test_an_object_pronoun_is_not_the_subject_of_its_own_verb(nlp) -> None:
    text = "The Orvo Front denied the charge on Monday, saying the Velm militia was blaming it for the raid."
    accusations = of_type(events(nlp, text), "Accuse")
    assert accusations
    assert all(not any("Velm" in t for t in labels(a, "target")) for a in accusations)
    assert any(labels(a, "target") == {"Orvo Front"} for a in accusations)


def test_an_object_person_pronoun_looks_above_its_clause(nlp) -> None:
    text = "Marta Velkova did not attend the summit, and Tesk accused her of sheltering the gunmen."
    (accusation,) = of_type(events(nlp, text), "Accuse")
    assert labels(accusation, "target") == {"Marta Velkova"}


def test_an_object_pronoun_is_not_the_subject_its_verb_shares(nlp) -> None:
    text = "The Orvo Front accused the Velm militia of the ambush and vowed to punish it."
    (threat,) = of_type(events(nlp, text), "Threaten")
    assert "Orvo Front" not in labels(threat, "target")
