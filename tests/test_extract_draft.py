"""Tests of kg.extract.draft: the values a draft carries."""

from __future__ import annotations

import spacy

from kg.extract.draft import Found


def test_a_found_value_gives_back_its_words_widened_to_whole_tokens() -> None:
    doc = spacy.blank("en")("Gunmen attacked a checkpoint in Kano on Sunday.")
    start = doc.text.index("Kano")
    found = Found("location", "kano", "location.test", 0, start + 1, start + 3)
    assert found.words(doc).text == "Kano"
    whole = Found("target", "checkpoint", "target.test", 0, doc.text.index("a checkpoint"), start - 4)
    assert whole.words(doc).text == "a checkpoint"
    outside = Found("time", "2024", "time.test", 0, len(doc.text) + 5, len(doc.text) + 9)
    assert outside.words(doc) is None
