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


def test_kinds_of_reads_the_cue_inverse_as_a_scan_of_the_cue_would() -> None:
    lex = load_lexicon()
    cue = lex.cues["attack_kinds"]
    words = {w for forms in cue.values() for w in forms} | {"ambush", "torched the", "Stormed", "car bombing"}
    for word in sorted(words):
        last = word.lower().split()[-1]
        scanned = {kind for kind, forms in cue.items() if last in forms} or {word.lower()}
        assert kinds_of(word, lex) == scanned, word
    assert kinds_of("stormed", lex) == {"raid"}
    told = kinds_of("blasts", lex)
    told.add("changed")  # a set of the caller's own: the table is not touched
    assert kinds_of("blasts", lex) == {"bombing"}
