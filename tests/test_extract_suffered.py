"""A date set on what people suffered in an attack dates the attack."""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import events, of_type

WEDNESDAY = date(2024, 3, 27)


@pytest.mark.parametrize(
    "text",
    [
        "A shepherd lost his life and three herders were hurt in a bombing near Gao yesterday.",
        "A shepherd lost his life and three herders were hurt during a raid near Gao on Tuesday.",
    ],
)
def test_a_date_on_what_was_suffered_in_an_attack_dates_it(nlp, text: str) -> None:
    (attack,) = of_type(events(nlp, text, WEDNESDAY), "Attack")
    assert attack.time == "2024-03-26"


def test_no_date_told_leaves_the_attack_undated_by_the_rule(nlp) -> None:
    text = "A shepherd lost his life and three herders were hurt in a bombing near Gao."
    (attack,) = of_type(events(nlp, text, WEDNESDAY), "Attack")
    assert attack.time != "2024-03-26"


@pytest.mark.parametrize(
    "text",
    [
        "Two men were convicted on Tuesday in the bombing of a hotel in Bamako.",
        "Police detained four suspects on Tuesday in the slaying of the chief of Dorvo.",
    ],
)
def test_a_date_on_another_deed_in_connection_with_an_attack_does_not_date_it(nlp, text: str) -> None:
    (attack,) = of_type(events(nlp, text, WEDNESDAY), "Attack")
    assert attack.time != "2024-03-26"
