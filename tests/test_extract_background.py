"""Standing of an attack mention: one counted as more than those told is another attack (event.additional)."""

from __future__ import annotations

from datetime import date

from kg.extract import extract_doc
from kg.model import Article, Event


def attacks(nlp, text: str) -> list[Event]:
    ex = extract_doc(nlp(text), Article("story", "story", text, date(2031, 3, 3)))
    return [e for e in ex.events if e.type == "Attack"]


def test_more_weapons_going_off_are_another_attack_with_their_own_place(nlp) -> None:
    found = attacks(
        nlp,
        "A bomb tore through a fish market in Kano on Monday, killing four traders. "
        "Three more charges went off beside the old clock tower in Kano that evening, wounding six.",
    )
    assert len(found) == 2
    assert (found[0].killed, found[1].injured) == (4, 6)
    assert {e.label for e in found[1].role("location")} == {"Kano"}


def test_a_further_blast_noun_is_another_attack(nlp) -> None:
    found = attacks(
        nlp,
        "A bomb tore through a fish market in Kano on Monday, killing four traders. "
        "A further blast at the bus station in Kano wounded nine.",
    )
    assert [(e.killed, e.injured) for e in found] == [(4, None), (None, 9)]


def test_more_weapons_found_are_no_attack(nlp) -> None:
    found = attacks(
        nlp,
        "A bomb tore through a fish market in Kano on Monday, killing four traders. "
        "Police later found two more devices near the market.",
    )
    assert len(found) == 1
