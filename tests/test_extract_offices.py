"""A state's office and the bare state told as one speaker of a reaction (offices.office_once)."""

from __future__ import annotations

from extract_helpers import events, labels, only

from kg.extract.lexicon import load_lexicon
from kg.extract.offices import said_with, state_of_office
from kg.model import Entity


def test_an_office_said_with_its_state() -> None:
    assert said_with("Norway's foreign ministry", "Norway")
    assert said_with("Norway\u2019s foreign ministry", "Norway")
    assert said_with("President of Chile", "Chile")
    assert not said_with("Norwegian Refugee Council", "Norway")


def test_the_state_beside_its_office_is_one_speaker(nlp) -> None:
    text = (
        "Norway's foreign ministry denied that its troops shelled the depot in Tala. "
        "Norway denied it again on Friday."
    )
    assert labels(only(events(nlp, text), "Deny"), "agent") == {"Norway's foreign ministry"}


def test_the_state_of_an_office_by_its_name() -> None:
    lex = load_lexicon()
    office = Entity("Norway's defence ministry", "Norway's defence ministry", "Organization")
    assert state_of_office(office, lex).label == "Norway"
    president = Entity("President of Chile", "President of Chile", "Organization")
    assert state_of_office(president, lex).label == "Chile"
    group = Entity("Liberation Front of Iraq", "Liberation Front of Iraq", "Organization")
    assert state_of_office(group, lex) is None
    church = Entity("Church of Norway", "Church of Norway", "Organization")
    assert state_of_office(church, lex) is None
