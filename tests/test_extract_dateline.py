"""Wire datelines give the place an article was filed from."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract import extract_doc
from kg.extract.dateline import dateline_end, dateline_place, exact_place
from kg.model import Article


@pytest.mark.parametrize(
    ("opening", "place", "country"),
    [
        ("KABUL, Afghanistan (AP) — Gunmen attacked", "Kabul", "AF"),
        ("NAIROBI (Reuters) - A bomb", "Nairobi", "KE"),
        ("MOSUL, Iraq: Militants", "Mosul", "IQ"),
    ],
)
def test_datelines(opening: str, place: str, country: str) -> None:
    found = dateline_place(opening)
    assert found is not None and found.label == place and found.geo is not None
    assert found.geo.country_code == country


@pytest.mark.parametrize(
    "opening", ["The group said on Monday", "IS-claimed attacks kill 12", "QWERTYVILLE — nothing"]
)
def test_no_dateline(opening: str) -> None:
    assert dateline_place(opening) is None


def test_dateline_locates_an_attack_without_place(nlp) -> None:
    text = "MOSUL, Iraq (AP) — Gunmen stormed a police post overnight, officials said."
    ex = extract_doc(nlp(text), Article("d", "t", text, date(2030, 6, 6)))
    attack = next(e for e in ex.events if e.type == "Attack")
    assert [e.label for e in attack.role("location")] == ["Mosul"]


def test_dateline_end_marks_the_lead() -> None:
    line = "ZÜRICH, Switzerland — Masked men set a depot ablaze."
    assert line[dateline_end(line) :].startswith("Masked men")
    assert dateline_end("A UN-backed panel met on Monday.") is None
    line = "GAO, Mali -- The al-Qaeda-linked group said it had struck."  # a double hyphen, a hyphen after it
    assert line[dateline_end(line) :].startswith("The al-Qaeda")


def test_a_dateline_is_no_subject_of_the_lead(nlp) -> None:
    text = (
        "TAMALE, Ghana -- The Tala Front, an al-Qaeda-linked group, claimed responsibility on Monday"
        " for the raid on a bank."
    )
    ex = extract_doc(nlp(text), Article("d", "t", text, date(2030, 6, 6)))
    claim = next(e for e in ex.events if e.type == "ClaimResponsibility")
    assert [e.label for e in claim.role("agent")] == ["Tala Front"]


def test_a_dateline_without_its_accents_is_the_accented_city() -> None:
    found = dateline_place("MEDELLIN, Colombia – Gunmen shot two guards.")
    assert found is not None and found.geo is not None
    assert found.geo.name == "Medellín" and found.label == "Medellin" and found.key == "Medellín"


@pytest.mark.parametrize(
    ("name", "city"), [("Medellin", "Medellín"), ("Bogota", "Bogotá"), ("Kabul", "Kabul")]
)
def test_an_exact_place_may_drop_accents(name: str, city: str) -> None:
    geo = exact_place(name)
    assert geo is not None and geo.name == city


@pytest.mark.parametrize("word", ["Bombay", "Peking", "Double"])
def test_an_exact_place_takes_no_other_alternate_name(word: str) -> None:
    assert exact_place(word) is None


def test_a_dateline_the_story_never_names_again_while_it_names_others_places_no_attack(nlp) -> None:
    """location.dateline_only: the correspondent filed from the capital about a massacre elsewhere."""
    text = "NAIROBI, Kenya (AP) — Gunmen killed twelve villagers overnight, officials in Garissa said."
    ex = extract_doc(nlp(text), Article("d", "t", text, date(2030, 6, 6)))
    attack = next(e for e in ex.events if e.type == "Attack")
    assert "Nairobi" not in {e.label for e in attack.role("location")}


def test_a_dateline_named_again_called_the_capital_or_alone_places_the_attack(nlp) -> None:
    for text in (
        "NAIROBI, Kenya (AP) — Gunmen killed twelve people overnight, Nairobi police said.",
        "NAIROBI, Kenya (AP) — Gunmen killed twelve people overnight, officials in the capital said.",
        "NAIROBI, Kenya (AP) — Gunmen killed twelve people overnight, officials said.",
    ):
        ex = extract_doc(nlp(text), Article("d", "t", text, date(2030, 6, 6)))
        attack = next(e for e in ex.events if e.type == "Attack")
        assert [e.label for e in attack.role("location")] == ["Nairobi"], text


def test_a_country_named_as_a_party_leaves_the_dateline_placing_the_attack(nlp) -> None:
    """location.dateline_only counts only places told as where something is (after a place preposition):
    a foreign government that condemns, or a nationality, says nothing of where the attack was."""
    for text in (
        "HARARE, Zimbabwe — Gunmen torched a farmhouse on Friday, wounding two guards, "
        "and Zambia condemned the arson.",
        "LIMA, Peru — Rebels attacked a remote army post on Sunday, killing four, "
        "as Chile denounced the raid.",
    ):
        ex = extract_doc(nlp(text), Article("d", "t", text, date(2030, 6, 6)))
        attack = next(e for e in ex.events if e.type == "Attack")
        assert [e.label for e in attack.role("location")] == [text.split(",")[0].title()], text


def test_a_place_named_as_the_noun_it_names_is_told_as_elsewhere(nlp) -> None:
    """ "in Tala town": the name of the noun after the preposition is where something is."""
    text = "DAKAR, Senegal (AP) — Militants ambushed a patrol on Monday, a spokesman in Ziguinchor town said."
    ex = extract_doc(nlp(text), Article("d", "t", text, date(2030, 6, 6)))
    attack = next(e for e in ex.events if e.type == "Attack")
    assert "Dakar" not in {e.label for e in attack.role("location")}
