"""Fillers read from a head word: a state's office said with its state (refs.state_office)."""

from __future__ import annotations

from extract_helpers import events, labels, only


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
