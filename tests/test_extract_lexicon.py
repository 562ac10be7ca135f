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
