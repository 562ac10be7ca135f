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
