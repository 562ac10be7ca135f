"""A state's office and the bare state told as one speaker of a reaction (offices.office_once)."""

from __future__ import annotations

from extract_helpers import events, labels, only

from kg.extract.offices import said_with


def test_an_office_said_with_its_state() -> None:
    assert said_with("Norway's foreign ministry", "Norway")
    assert said_with("Norway\u2019s foreign ministry", "Norway")
    assert said_with("President of Chile", "Chile")
    assert not said_with("Norwegian Refugee Council", "Norway")


def test_the_state_beside_its_office_is_one_speaker(nlp) -> None:
    text = (
        "Norway's foreign ministry denied any role in the bombing of the depot in Tala. "
        "Norway denied it again on Friday."
    )
    assert labels(only(events(nlp, text), "Deny"), "agent") == {"Norway's foreign ministry"}
