"""A reaction about several attacks told apart is one reaction per attack (about.plural_attacks)."""

from __future__ import annotations

from datetime import date

from extract_helpers import events, of_type

TWO_TOWNS = (
    "Gunmen shot dead six farmers in Kano on Monday. "
    "On Wednesday a car bomb killed nine traders at a market in Maiduguri. "
)


def _abouts(nlp, text: str, kind: str) -> list[str | None]:
    found = events(nlp, text, date(2031, 3, 7))
    return [e.about for e in of_type(found, kind)]


def test_both_attacks_is_one_claim_per_attack(nlp) -> None:
    abouts = _abouts(nlp, TWO_TOWNS + "The Lira Front claimed both attacks.", "ClaimResponsibility")
    assert len(abouts) == 2 and len(set(abouts)) == 2


def test_the_attacks_blamed_is_one_charge_per_attack(nlp) -> None:
    abouts = _abouts(nlp, TWO_TOWNS + "The governor blamed the attacks on the Lira Front.", "Accuse")
    assert len(abouts) == 2 and len(set(abouts)) == 2


def test_one_attack_named_stays_one_claim(nlp) -> None:
    abouts = _abouts(nlp, TWO_TOWNS + "The Lira Front claimed the shooting.", "ClaimResponsibility")
    assert len(abouts) == 1


def test_an_attack_of_another_year_is_not_among_the_attacks(nlp) -> None:
    text = (
        "In 2019 a bomb killed twelve pilgrims at a shrine in Kano. "
        "Gunmen shot dead six farmers in Maiduguri on Monday, killing six. "
        "The Lira Front claimed the attacks."
    )
    assert len(_abouts(nlp, text, "ClaimResponsibility")) == 1
