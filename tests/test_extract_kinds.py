"""Kinds of attack told by attack words: which tell another attack apart and which tell nothing."""

from __future__ import annotations

from kg.extract.kinds import kinds_of, kinds_told
from kg.extract.lexicon import load_lexicon


def test_words_of_one_kind_share_it() -> None:
    lex = load_lexicon()
    assert kinds_of("abducted", lex) == kinds_of("kidnapping", lex) == {"kidnapping"}
    assert kinds_of("torched", lex) == {"arson"}
    assert kinds_of("blast", lex) == {"bombing"}


def test_a_word_of_no_kind_is_itself_and_tells_no_kind() -> None:
    lex = load_lexicon()
    assert kinds_of("attack", lex) == {"attack"}
    assert kinds_told({"attack", "killed"}, lex) == frozenset()


def test_words_said_of_any_attack_tell_no_kind() -> None:
    lex = load_lexicon()
    assert kinds_told({"struck", "stormed"}, lex) == frozenset({"raid"})


def test_every_inflection_of_a_kind_tells_it() -> None:
    lex = load_lexicon()
    for word in ("torch", "torches", "burns", "firebombs"):
        assert kinds_of(word, lex) == {"arson"}, word
    for word in ("kidnaps", "abducts", "abducting", "seizes", "hostages"):
        assert kinds_of(word, lex) == {"kidnapping"}, word
    for word in ("bombings", "shootings", "ambushes", "storming", "assaults"):
        assert kinds_of(word, lex) != {word}, word
