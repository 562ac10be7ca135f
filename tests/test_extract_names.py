"""Names as one entity: national branches, adjacent names, names with particles."""

from __future__ import annotations

import pytest
from extract_helpers import (
    events,
    label_list,
    labels,
    of_type,
    run,
)
from spacy.tokens import Span

from kg.extract.refs import entity_span


@pytest.mark.parametrize("name", ["Greta von der Heyde", "Pieter van den Broek"])
def test_a_name_with_particles_is_one_person_condemning(nlp, name: str) -> None:
    text = f'A gunman killed two people in Dovrin. Commissioner {name} also condemned the "vile" attack.'
    (condemn,) = of_type(events(nlp, text), "Condemn")
    assert labels(condemn, "agent") == {name}


def test_national_branch_of_an_organization_is_one_name(nlp) -> None:
    ex = run(
        nlp, "Troops fired on marchers in Lusaka, according to Human Rights Watch Zambia, which condemned it."
    )
    condemn = next(e for e in ex.events if e.type == "Condemn")
    assert label_list(condemn, "agent") == ["Human Rights Watch Zambia"]


def test_adjacent_names_join(nlp) -> None:
    doc = nlp("Officials blamed the Nigerian Taliban and Save the Children Chad.")
    doc.ents = [
        Span(doc, 3, 4, "NORP"),
        Span(doc, 4, 5, "ORG"),
        Span(doc, 6, 9, "ORG"),
        Span(doc, 9, 10, "GPE"),
    ]
    assert entity_span(doc[4]).text == "Nigerian Taliban"
    assert entity_span(doc[9]).text == "Save the Children Chad"
    assert entity_span(doc[9]).label == "ORG"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The Sinai branch of the Muslim Brotherhood claimed the bombing in Arish.",
            "Sinai branch of the Muslim Brotherhood",
        ),
        (
            "Al-Qaeda's Yemeni affiliate claimed the raid on the base in Mukalla.",
            "Al-Qaeda's Yemeni affiliate",
        ),
        ("The armed wing of Hamas fired rockets at Ashkelon on Monday.", "armed wing of Hamas"),
    ],
)
def test_a_part_of_a_group_is_named_by_the_whole_phrase(nlp, text: str, name: str) -> None:
    found = {label for event in events(nlp, text) for label in labels(event, "agent")}
    assert name in found, found
    assert not found & {"Sinai", "Yemen", "Yemeni", "Hamas", "Muslim Brotherhood"}


@pytest.mark.parametrize(
    "text",
    [
        "The armed wing fired rockets at Ashkelon on Monday.",  # no group named: a description
        "Gunmen attacked a cell of suspects in Kano.",  # "of" common nouns: no group's part
    ],
)
def test_a_part_noun_without_its_group_is_no_named_branch(nlp, text: str) -> None:
    for event in events(nlp, text):
        for role in ("agent", "target"):
            assert not any(" of " in label or "'s" in label for label in labels(event, role))
