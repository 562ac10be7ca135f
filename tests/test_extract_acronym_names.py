"""Names spelt out before their acronym, cut by the tagger, made one entity
(kg/extract/acronym_names.py, rule entity.spelt_acronym)."""

from __future__ import annotations

import spacy
from extract_helpers import events, labels, of_type
from spacy.tokens import Doc, Span

from kg.extract.acronym_names import initials, mend_spelt_acronyms
from kg.extract.lexicon import load_lexicon


def _hand_doc(words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.ents = [Span(doc, s, e, lab) for s, e, lab in ents]
    return doc


def _mended(doc: Doc) -> list[tuple[str, str]]:
    mend_spelt_acronyms(doc, load_lexicon())
    return [(e.text, e.label_) for e in doc.ents]


def test_a_name_cut_at_its_and_is_one_name_when_its_acronym_follows() -> None:
    words = ["The", "Front", "for", "Unity", "and", "Renewal", "of", "Velmar", "(", "FURV", ")"]
    words += ["claimed", "the", "raid", "."]
    doc = _hand_doc(words, [(1, 5, "ORG"), (7, 8, "GPE"), (9, 10, "ORG")])
    assert _mended(doc) == [("Front for Unity and Renewal of Velmar", "ORG"), ("FURV", "ORG")]


def test_an_untagged_spelt_name_becomes_a_group_name() -> None:
    words = ["Gunmen", "of", "the", "Tala", "Liberation", "Army", "(", "TLA", ")", "struck", "."]
    doc = _hand_doc(words, [])
    assert _mended(doc) == [("Tala Liberation Army", "ORG")]


def test_initials_that_do_not_read_the_acronym_change_nothing() -> None:
    words = ["The", "Workers", "Party", "of", "Velmar", "(", "PTV", ")", "denied", "it", "."]
    doc = _hand_doc(words, [(1, 3, "ORG"), (4, 5, "GPE")])
    assert _mended(doc) == [("Workers Party", "ORG"), ("Velmar", "GPE")]


def test_a_date_inside_the_span_is_no_name() -> None:
    words = ["On", "Monday", "Tala", "Front", "(", "MTF", ")", "struck", "."]
    doc = _hand_doc(words, [(1, 2, "DATE"), (2, 4, "ORG")])
    assert _mended(doc) == [("Monday", "DATE"), ("Tala Front", "ORG")]


def test_the_whole_spelt_name_claims_the_attack(nlp) -> None:
    text = "The Movement for Democracy and Justice in Tala (MDJT) claimed the raid on the garrison in Faya."
    (claim,) = of_type(events(nlp, text), "ClaimResponsibility")
    assert labels(claim, "agent") == {"Movement for Democracy and Justice in Tala"}


def test_initials_skip_the_linking_words_of_a_name_and_refuse_other_lower_case_words() -> None:
    links = load_lexicon().cue("name_links")
    assert initials(["Front", "for", "the", "Liberation", "of", "Velmar"], links) == "FLV"
    assert initials(["Front", "that", "freed", "Velmar"], links) is None
