"""Compound names written with hyphens and linking words, cut by the tagger, made one entity
(kg/extract/hyphen_names.py, rule entity.hyphen_name)."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc, Span

from kg.extract import extract_doc
from kg.extract.hyphen_names import mend_hyphen_names
from kg.extract.lexicon import load_lexicon
from kg.model import Article


def run(nlp, text: str):
    return extract_doc(nlp(text), Article("a1", "t", text, date(2030, 6, 6)))


def _hand_doc(words: list[str], spaces: list[bool], ents: list[tuple[int, int, str]], **parse):
    """A Doc of ``words`` with the entities (and any parse) set by hand."""
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, **parse)
    doc.ents = [Span(doc, s, e, lab) for s, e, lab in ents]
    return doc


def _mended(doc) -> list[tuple[str, str]]:
    mend_hyphen_names(doc, load_lexicon())
    return [(e.text, e.label_) for e in doc.ents]


def test_a_hyphened_compound_name_cut_by_the_tagger_is_one_groups_name() -> None:
    """"Harkat" read as a people and the rest untagged: the name with its linking word is one group."""
    words = ["Harkat", "-", "ul", "-", "Ansar", "fighters", "raided", "Bannu", "."]
    spaces = [False, False, False, False, True, True, True, False, False]
    doc = _hand_doc(words, spaces, [(0, 1, "NORP"), (7, 8, "GPE")])
    assert _mended(doc) == [("Harkat-ul-Ansar", "ORG"), ("Bannu", "GPE")]


def test_a_hyphened_name_runs_on_through_the_proper_noun_it_is_a_compound_of() -> None:
    words = ["Sipah", "-", "e", "Noor", "claimed", "it", "."]
    spaces = [False, False, True, True, True, False, False]
    parse = {
        "pos": ["PROPN", "PUNCT", "PROPN", "PROPN", "VERB", "PRON", "PUNCT"],
        "deps": ["compound", "punct", "compound", "nsubj", "ROOT", "dobj", "punct"],
        "heads": [3, 3, 3, 4, 4, 4, 4],
    }
    doc = _hand_doc(words, spaces, [(0, 1, "NORP"), (3, 4, "PERSON")], **parse)
    assert _mended(doc) == [("Sipah-e Noor", "ORG")]  # a people's piece and a person's: a group's name


def test_a_hyphened_name_of_places_only_stays_a_place() -> None:
    words = ["Kafr", "-", "el", "-", "Dawar", "was", "shelled", "."]
    spaces = [False, False, False, False, True, True, False, False]
    doc = _hand_doc(words, spaces, [(4, 5, "GPE")])
    assert _mended(doc) == [("Kafr-el-Dawar", "GPE")]


@pytest.mark.parametrize(
    ("words", "spaces", "ents"),
    [
        # no linking word: two peoples' names joined by a hyphen stay two
        (
            ["Somali", "-", "Kenyan", "talks", "."],
            [False, False, True, False, False],
            [(0, 1, "NORP"), (2, 3, "NORP")],
        ),
        # already one entity
        (["Lashkar", "-", "e", "-", "Taiba", "hit", "."], [False] * 4 + [True, False, False],
         [(0, 5, "ORG")]),
        # untagged: nothing to mend
        (["Hizb", "-", "ut", "-", "Tahrir", "marched", "."], [False] * 4 + [True] + [False] * 2, []),
        # spaced dashes are no compound name
        (["Jaish", "-", "e", "-", "Adl", "struck", "."], [True] * 5 + [False, False], [(0, 1, "NORP")]),
    ],
)
def test_what_is_no_cut_hyphened_name_is_left_as_tagged(words, spaces, ents) -> None:
    doc = _hand_doc(words, spaces, ents)
    before = [(e.text, e.label_) for e in doc.ents]
    assert _mended(doc) == before


def test_a_mended_group_name_is_the_claims_agent(nlp) -> None:
    text = "The faction Harkat-e Noor said it carried out the bombing of an army convoy in Garo."
    ex = run(nlp, text)
    claims = [e for e in ex.events if e.type == "ClaimResponsibility"]
    assert [a.label for e in claims for a in e.roles["agent"]] == ["Harkat-e Noor"]
