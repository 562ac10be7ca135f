"""An attack told hours from the one before, or earlier or later in its day, happened on that one's day."""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import events, of_type

WEDNESDAY = date(2024, 3, 27)


@pytest.mark.parametrize(
    "second",
    [
        "Hours earlier, rebels had ambushed a convoy near Gao.",
        "Later that day, rebels ambushed a convoy near Gao.",
        "Minutes later, a bomb exploded near Gao, killing two herders.",
    ],
)
def test_an_attack_within_the_day_of_the_one_before_takes_its_day(nlp, second: str) -> None:
    text = f"A mortar shell hit a clinic in Tala on Monday. {second}"
    attacks = of_type(events(nlp, text, WEDNESDAY), "Attack")
    assert [a.time for a in attacks] == ["2024-03-25", "2024-03-25"]


def test_an_attack_weeks_from_the_one_before_takes_no_day_from_it(nlp) -> None:
    text = "A mortar shell hit a clinic in Tala on Monday. Weeks earlier, rebels ambushed a convoy near Gao."
    attacks = of_type(events(nlp, text, WEDNESDAY), "Attack")
    assert len(attacks) == 2 and attacks[1].time != "2024-03-25"


def test_hours_from_an_undated_attack_take_no_day_from_an_earlier_one(nlp) -> None:
    text = (
        "A mortar shell hit a clinic in Tala on Monday. Days later, a drone struck a depot in Gao. "
        "Hours later, rebels shelled a school in Jos."
    )
    attacks = of_type(events(nlp, text, WEDNESDAY), "Attack")
    assert len(attacks) == 3 and attacks[2].time != "2024-03-25"
