"""The step the name menders share (kg/extract/mend.py): the tagger's pieces of a name replaced by one
entity, the other entities kept in text order, the step traced under the mender's rule."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from kg.extract.mend import joined, overlapping
from kg.extract.trace import recording


def _doc() -> Doc:
    words = ["Envoys", "of", "Velmar", "met", "the", "Tala", "Front", "for", "Renewal", "in", "Garo", "."]
    doc = Doc(spacy.blank("en").vocab, words=words)
    spans = [(2, 3, "GPE"), (5, 7, "ORG"), (8, 9, "ORG"), (10, 11, "GPE")]
    doc.ents = [Span(doc, s, e, label) for s, e, label in spans]
    return doc


def test_overlapping_takes_the_entities_that_share_a_token_with_the_range() -> None:
    doc = _doc()
    assert [e.text for e in overlapping(doc.ents, 6, 9)] == ["Tala Front", "Renewal"]
    assert overlapping(doc.ents, 3, 5) == []


def test_joined_replaces_the_pieces_by_one_entity_and_keeps_the_rest_in_order() -> None:
    doc = _doc()
    pieces = overlapping(doc.ents, 5, 9)
    ents = joined(doc, doc.ents, pieces, (5, 9), "ORG", "entity.hyphen_name")
    assert [(e.text, e.label_) for e in ents] == [
        ("Velmar", "GPE"),
        ("Tala Front for Renewal", "ORG"),
        ("Garo", "GPE"),
    ]
    assert [e.text for e in doc.ents] == ["Velmar", "Tala Front", "Renewal", "Garo"]  # doc left to the caller


def test_joined_traces_the_joined_tokens_under_the_rule() -> None:
    doc = _doc()
    with recording() as trace:
        joined(doc, doc.ents, overlapping(doc.ents, 5, 9), (5, 9), "ORG", "entity.spelt_acronym")
    steps = [(s.kind, s.rule, s.text) for s in trace.steps]
    assert steps == [("argument", "entity.spelt_acronym", "Tala Front for Renewal")]
