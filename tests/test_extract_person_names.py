"""A person named again by the family name alone is a person (kg/extract/person_names.py)."""

from __future__ import annotations

import pytest

from kg.extract.lexicon import load_lexicon
from kg.extract.person_names import full_name, mend_person_names


def _labels(doc) -> dict[str, str]:
    return {e.text: e.label_ for e in doc.ents}


def test_a_family_name_tagged_an_organization_is_the_person_again(nlp) -> None:
    doc = nlp("Prime Minister Ruslan Kovaric blamed the rebels for the shelling. Kovaric promised revenge.")
    assert _labels(doc)["Kovaric"] == "ORG"  # the tagger's mistake this mends
    mend_person_names(doc, load_lexicon())
    assert _labels(doc) == {"Ruslan Kovaric": "PERSON", "Kovaric": "PERSON"}


def test_a_family_name_that_is_a_known_place_stays_a_place(nlp) -> None:
    doc = nlp("Minister Jonas Berlin condemned the attack. Berlin asked for calm.")
    mend_person_names(doc, load_lexicon())
    assert _labels(doc)["Berlin"] == "GPE"


def test_a_name_no_person_of_the_article_ends_with_is_left(nlp) -> None:
    doc = nlp("General Marek Dobrin accused the militia of the ambush near Tesk. Police said two died.")
    before = _labels(doc)
    mend_person_names(doc, load_lexicon())
    assert _labels(doc) == before


def _tagged(nlp, text: str, ents: list[tuple[str, str]]):
    """The text parsed, with the entities set by hand (text, label): what the tagger might give."""
    doc = nlp(text)
    spans, after = [], 0
    for words, label in ents:  # in text order, each after the one before
        start = doc.text.index(words, after)
        spans.append(doc.char_span(start, start + len(words), label=label))
        after = start + len(words)
    doc.ents = spans
    return doc


@pytest.mark.parametrize(
    ("text", "misread", "kept"),
    [
        # an acronym closing a headline misread as a person: no family name
        ("Minister Blames TFL For Raid. The TFL fighters attacked the depot.", "Blames TFL", ("TFL", "ORG")),
        # a venue misread as a person: it names no one
        (
            "Gunmen attacked the Al-Varda Mosque in Tesk. Worshippers fled the Mosque after dawn.",
            "Al-Varda Mosque",
            ("Mosque", "FAC"),
        ),
    ],
)
def test_a_misread_person_lends_no_family_name(nlp, text: str, misread: str, kept: tuple[str, str]) -> None:
    doc = _tagged(nlp, text, [(misread, "PERSON"), kept])
    mend_person_names(doc, load_lexicon())
    assert _labels(doc)[kept[0]] == kept[1]


@pytest.mark.parametrize(
    ("words", "label", "full"),
    [
        ("Lyra McKee", "PERSON", True),  # a capital inside the family name
        ("Ruslan Kovaric", "PERSON", True),
        ("Tesk attack", "PERSON", False),  # a deed misread as a person
        ("Al-Varda Mosque", "PERSON", False),  # a venue misread as a person
        ("Blames TFL", "PERSON", False),  # a headline's acronym
        ("Ruslan Kovaric", "ORG", False),
    ],
)
def test_full_name(nlp, words: str, label: str, full: bool) -> None:
    doc = _tagged(nlp, f"Reports named {words} on Monday.", [(words, label)])
    assert full_name(doc.ents[0], load_lexicon()) is full


def test_a_place_is_not_read_as_the_deed_misread_as_a_person(nlp) -> None:
    """ "the Tesk attack" tagged a person lends "Tesk" no full name: the town stays a place."""
    from kg.extract.document import extract_doc
    from kg.model import Article

    text = "Pakistan rejected the allegations over Tesk attack. An army base in Tesk was attacked by gunmen."
    doc = _tagged(nlp, text, [("Pakistan", "GPE"), ("Tesk attack", "PERSON"), ("Tesk", "GPE")])
    events = extract_doc(doc, Article("t", "t", text)).events
    places = [[p.label for p in e.roles.get("location", ())] for e in events if e.type == "Attack"]
    assert places == [["Tesk"]]
