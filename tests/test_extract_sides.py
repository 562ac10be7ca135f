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


def side(agents, deed: bool = False, guns: bool = False):
    """A mention as crowd_apart sees it: its agents, told as a deed only arms do, told with guns."""
    return agents, deed, guns


def test_a_crowd_and_an_armed_side_are_apart() -> None:
    lex = load_lexicon()
    assert crowd_apart(side(described_as("angry mob")), side(described_as("two gunmen")), lex)
    assert crowd_apart(side(described_as("nationalist protesters")), side(group("Tala Front")), lex)
    assert crowd_apart(side(described_as("rioters' mob")), side((), deed=True), lex)


def test_a_crowd_beside_doers_told_by_the_deed_or_one_protester_is_not_apart() -> None:
    lex = load_lexicon()
    assert not crowd_apart(side(described_as("angry mob")), side(described_as("the attackers")), lex)
    assert not crowd_apart(side(described_as("one protester")), side(described_as("two gunmen")), lex)
    assert not crowd_apart(side(described_as("angry mob")), side(()), lex)


def test_a_crowd_told_armed_or_with_guns_is_no_unarmed_crowd() -> None:
    lex = load_lexicon()
    gunmen = side(described_as("two gunmen"))
    assert not crowd_apart(side(described_as("armed mob")), gunmen, lex)
    assert not crowd_apart(side(described_as("angry mob"), guns=True), gunmen, lex)


def test_the_attack_told_again_by_a_named_side_is_the_crowds() -> None:
    lex = load_lexicon()
    mob, front = side(described_as("angry mob")), side(group("Tala Front"))
    assert not crowd_apart(mob, front, lex, back=True)
    assert crowd_apart(mob, side(group("Tala Front"), deed=True), lex, back=True)


def test_a_collective_noun_before_of_is_a_crowd() -> None:
    lex = load_lexicon()
    gunmen = side(described_as("two gunmen"))
    assert crowd_apart(side(described_as("crowd of villagers")), gunmen, lex)
    assert not crowd_apart(side(described_as("crowd of armed men")), gunmen, lex)
