"""Charges an attack's telling makes: reported agency and identified doers (kg/extract/charges.py)."""

from __future__ import annotations

from extract_helpers import events, of_type


def test_a_reported_doer_is_accused_by_who_tells_it(nlp) -> None:
    found = events(nlp, "Police said the Tala Front attacked the bank in Tesk on Monday.")
    assert [e.trigger for e in of_type(found, "Accuse")] == ["said"]


def test_a_reported_doer_told_after_the_clause_is_no_charge(nlp) -> None:
    found = events(nlp, "The Tala Front attacked the bank in Tesk on Monday, police said.")
    assert of_type(found, "Accuse") == []
