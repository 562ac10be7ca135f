"""A place named again, tagged as a person or an organization, is the place (kg/extract/place_names.py)."""

from __future__ import annotations

from kg.extract.lexicon import load_lexicon
from kg.extract.place_names import mend_place_names


def _labels(doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def test_a_town_tagged_a_person_where_the_article_tags_it_a_place_is_the_place(nlp) -> None:
    text = (
        "Missiles struck the city of Ganja on Sunday. Shelling of Ganja killed ten civilians, officials said."
    )
    doc = nlp(text)
    assert ("Ganja", "PERSON") in _labels(doc)  # the tagger's mistake this mends
    mend_place_names(doc, load_lexicon())
    assert [label for text, label in _labels(doc) if text == "Ganja"] == ["GPE", "GPE"]


def test_a_name_the_article_never_tags_a_place_is_left(nlp) -> None:
    doc = nlp("Rebels shelled Goma overnight. Ganja residents fled as Ganja burned.")
    before = _labels(doc)
    mend_place_names(doc, load_lexicon())
    assert _labels(doc) == before


def test_the_family_name_of_a_person_named_in_full_stays_the_person(nlp) -> None:
    text = "Minister Ishaq Dar flew to Dar on Monday. Dar condemned the attack."
    doc = nlp(text)
    spans = []
    for words, label, after in (("Ishaq Dar", "PERSON", 0), ("Dar", "GPE", 20), ("Dar", "PERSON", 30)):
        start = text.index(words, after)
        spans.append(doc.char_span(start, start + len(words), label=label))
    doc.ents = spans  # what the tagger might give: the town and the minister's family name alike
    mend_place_names(doc, load_lexicon())
    assert _labels(doc) == [("Ishaq Dar", "PERSON"), ("Dar", "GPE"), ("Dar", "PERSON")]


def test_a_town_tagged_an_organization_is_the_place_again(nlp) -> None:
    text = "Gunmen attacked Kano at dawn. Kano officials said nine died."
    doc = nlp(text)
    spans = [doc.char_span(16, 20, label="GPE"), doc.char_span(30, 34, label="ORG")]
    doc.ents = spans
    mend_place_names(doc, load_lexicon())
    assert _labels(doc) == [("Kano", "GPE"), ("Kano", "GPE")]


def _tagged(nlp, text: str, names: list[tuple[str, str, int]]):
    """``text`` parsed, its entities set to ``names`` (words, label, where to look from)."""
    doc = nlp(text)
    spans = []
    for words, label, after in names:
        start = text.index(words, after)
        spans.append(doc.char_span(start, start + len(words), label=label))
    doc.ents = spans
    return doc


def test_a_name_after_a_place_noun_and_of_is_a_place(nlp) -> None:
    text = "Raiders torched huts in the hill village of Dorrumbe overnight. Dorrumbe's mayor fled."
    doc = _tagged(nlp, text, [("Dorrumbe", "PERSON", 0), ("Dorrumbe's", "PERSON", 50)])
    mend_place_names(doc, load_lexicon())
    assert _labels(doc) == [("Dorrumbe", "GPE"), ("Dorrumbe's", "GPE")]  # the gazetteer lacks it


def test_names_joined_after_a_plural_place_noun_are_each_a_place(nlp) -> None:
    text = "Shells fell overnight on the towns of Vashkel and Orumbe, a local official said."
    doc = _tagged(nlp, text, [("Vashkel", "PERSON", 0), ("Orumbe", "ORG", 0)])
    mend_place_names(doc, load_lexicon())
    assert _labels(doc) == [("Vashkel", "GPE"), ("Orumbe", "GPE")]


def test_a_name_the_place_noun_is_part_of_stays(nlp) -> None:
    text = "Fighters of the Islamic State of Iraq shelled a checkpoint on Friday."
    doc = _tagged(nlp, text, [("the Islamic State of Iraq", "ORG", 0)])
    mend_place_names(doc, load_lexicon())
    assert _labels(doc) == [("the Islamic State of Iraq", "ORG")]


def test_a_person_named_without_a_place_noun_stays_a_person(nlp) -> None:
    text = "Raiders torched huts near the river overnight. Dorrumbe's mayor fled."
    doc = _tagged(nlp, text, [("Dorrumbe's", "PERSON", 0)])
    mend_place_names(doc, load_lexicon())
    assert _labels(doc) == [("Dorrumbe's", "PERSON")]


def test_the_owner_of_a_capital_is_no_place(nlp) -> None:
    text = "Jets pounded Velmarsk, the self-styled capital of Dorvan Front, on Monday. Dorvan Front fled."
    front = [("Dorvan Front", "ORG", 0), ("Dorvan Front", "ORG", 70)]
    doc = _tagged(nlp, text, [("Velmarsk", "GPE", 0), *front])
    mend_place_names(doc, load_lexicon())
    assert _labels(doc) == [("Velmarsk", "GPE"), ("Dorvan Front", "ORG"), ("Dorvan Front", "ORG")]


def test_a_name_after_a_place_noun_the_article_gives_a_persons_part_stays_a_person(nlp) -> None:
    text = "Raiders torched huts in the village of Kelly overnight. Kelly, the party chief, said troops fled."
    doc = _tagged(nlp, text, [("Kelly", "PERSON", 0), ("Kelly", "PERSON", 50)])
    mend_place_names(doc, load_lexicon())
    assert _labels(doc) == [("Kelly", "GPE"), ("Kelly", "PERSON")]
