"""An accusation read off the verb telling who did an attack takes the date set on that verb."""

from __future__ import annotations

from datetime import date

from extract_helpers import events, of_type

MONDAY = date(2024, 3, 25)


def test_a_charge_takes_the_day_its_telling_verb_is_set_on(nlp) -> None:
    text = "The army announced on Friday that the Tala Front shelled the clinic."
    (charge,) = of_type(events(nlp, text, MONDAY), "Accuse")
    assert charge.time == "2024-03-22"


def test_a_charge_takes_no_day_set_on_the_deed(nlp) -> None:
    text = "The army announced that the Tala Front shelled the clinic on Friday."
    (charge,) = of_type(events(nlp, text, MONDAY), "Accuse")
    assert charge.time is None
