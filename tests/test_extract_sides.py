"""Whether the doers of two attack mentions are one side: a group named by its initials and in full."""

from __future__ import annotations

from kg.extract.lexicon import load_lexicon
from kg.extract.sides import crowd_apart, initials_of
from kg.model import Entity


def group(label: str, kind: str = "Organization") -> tuple[Entity, ...]:
    return (Entity(label.lower(), label, kind),)


def test_initials_name_the_group_in_full() -> None:
    lex = load_lexicon()
    assert initials_of(group("Ruda Patriotic Army"), group("RPA fighters", "Group"), lex)
    assert initials_of(group("RPA-linked gunmen", "Group"), group("Ruda Patriotic Army"), lex)


def test_linking_words_give_no_initial() -> None:
    lex = load_lexicon()
    assert initials_of(group("Union for the Defence of Garo"), group("UDG"), lex)
    assert not initials_of(group("Union for the Defence of Garo"), group("UFTDOG"), lex)


def test_other_letters_are_another_group() -> None:
    lex = load_lexicon()
    assert not initials_of(group("Ruda Patriotic Army"), group("RDF"), lex)
    assert not initials_of(group("Ruda Patriotic Army"), group("fighters", "Group"), lex)


def test_a_possessive_inside_the_name_is_no_break() -> None:
    lex = load_lexicon()
    assert initials_of(group("Ruda's Patriotic Army"), group("RPA"), lex)


def described_as(label: str) -> tuple[Entity, ...]:
    return (Entity(f"{label} (story)", label, "Group"),)


def test_a_crowd_and_an_armed_side_are_apart() -> None:
    lex = load_lexicon()
    assert crowd_apart((described_as("angry mob"), False), (described_as("two gunmen"), False), lex)
    assert crowd_apart((described_as("nationalist protesters"), False), (group("Tala Front"), False), lex)
    assert crowd_apart((described_as("rioters' mob"), False), ((), True), lex)


def test_a_crowd_beside_doers_told_by_the_deed_or_one_protester_is_not_apart() -> None:
    lex = load_lexicon()
    assert not crowd_apart((described_as("angry mob"), False), (described_as("the attackers"), False), lex)
    assert not crowd_apart((described_as("one protester"), False), (described_as("two gunmen"), False), lex)
    assert not crowd_apart((described_as("angry mob"), False), ((), False), lex)
