"""What extraction reads once per article: the Doc's entities and text, kept only while it is extracted."""

from __future__ import annotations

from kg.extract.cache import ENTS, TEXT, doc_ents, doc_text, forget_ents, remember_ents


def test_the_text_and_entities_are_kept_for_one_extraction_only(nlp) -> None:
    doc = nlp("Rebels from the Ostravian Hills shelled Velmar on Tuesday.\n\nResidents fled.")
    assert doc_text(doc) == doc.text  # outside an extraction: read afresh
    remember_ents(doc)
    assert doc.user_data[TEXT] == doc.text and doc_text(doc) is doc.user_data[TEXT]
    assert doc_ents(doc) == tuple(doc.ents) and doc.user_data[ENTS]
    forget_ents(doc)
    assert TEXT not in doc.user_data and ENTS not in doc.user_data
    assert doc_text(doc) == doc.text
