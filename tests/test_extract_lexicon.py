"""The lexicon's word forms: what a word is looked up by in the data files (lemma or word, then stems)."""

from __future__ import annotations

from kg.extract.lexicon import word_forms


def test_a_word_without_a_parse_is_looked_up_lower_cased_then_by_its_stems() -> None:
    assert word_forms("Militias")[0] == "militias"
    assert "militia" in word_forms("Militias")
    assert {"raid", "raided"} <= set(word_forms("RAIDED"))
    assert "stab" in word_forms("stabbed")  # the doubled consonant of "stabbed" undone


def test_a_short_word_is_not_cut_to_a_stem() -> None:
    assert word_forms("Bus") == ("bus",)


def test_a_plural_in_men_is_also_looked_up_as_its_singular_in_man() -> None:
    """The small model leaves "Gunmen" or "Tribesmen" unlemmatised at a sentence's start."""
    assert "gunman" in word_forms("Gunmen")
    assert "tribesman" in word_forms("TRIBESMEN")
    assert "woman" in word_forms("women")
    assert word_forms("omen") == ("omen",)  # too short to be a plural of "-man"


def test_forms_of_a_parsed_word_are_remembered_by_its_hashes_and_stay_bounded(nlp, monkeypatch) -> None:
    from kg.extract import lexicon

    doc = nlp("Masked raiders torched seven granaries while the ferrymen waited near the quays.")
    expected = [lexicon._forms(t.lemma_, t.lower_) for t in doc]
    assert [lexicon.forms(t) for t in doc] == expected
    assert [lexicon.forms(t) for t in doc] == expected  # read back from the table
    monkeypatch.setattr(lexicon, "_FORMS_KEPT", 3)
    monkeypatch.setattr(lexicon, "_FORMS_OF", {})
    assert [lexicon.forms(t) for t in doc] == expected
    assert 0 < len(lexicon._FORMS_OF) <= 3


def test_first_in_gives_the_first_form_the_table_holds(nlp) -> None:
    from kg.extract.lexicon import first_in

    doc = nlp("The ferrymen waited.")
    assert first_in(doc[1], {"ferrymen": 2, "ferryman": 1}) == "ferryman"  # the lemma first, then the word
    assert first_in(doc[1], {"ferrymen"}) == "ferrymen"
    assert first_in(doc[2], frozenset({"waite", "waited"})) == "waited"  # the word before its stems
    assert first_in(doc[2], frozenset({"boat"})) is None
