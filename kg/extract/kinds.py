"""Kinds of attack (bombing, shooting, raid, arson, kidnapping ...) that attack words tell."""

from __future__ import annotations

from kg.extract.draft import Draft
from kg.extract.lexicon import Lexicon
from kg.extract.rules import check


def kinds_of(word: str, lex: Lexicon) -> set[str]:
    """The kinds of attack a trigger word tells ("stormed" → raid), or the word itself."""
    lowered = word.lower()
    kinds = lex.table("kinds_by_word", _kinds_by_word).get(lowered.split()[-1])
    return set(kinds) if kinds else {lowered}


def _kinds_by_word(lex: Lexicon) -> dict[str, frozenset[str]]:
    """word → the kinds of attack (cue attack_kinds) that list it: the cue's inverse, one lookup a word."""
    inverse: dict[str, set[str]] = {}
    for kind, words in lex.cues["attack_kinds"].items():
        for form in words:
            inverse.setdefault(form, set()).add(kind)
    return {form: frozenset(kinds) for form, kinds in inverse.items()}


def kinds_told(words: set[str], lex: Lexicon) -> frozenset[str]:
    """The kinds of attack (cue attack_kinds) the words an attack was told with name, but those said of an
    attack of any kind (cue any_attack_kinds: "struck")."""
    known = lex.cues["attack_kinds"].keys() - lex.cue("any_attack_kinds")
    return frozenset(k for word in words for k in kinds_of(word, lex) if k in known)


@check("kinds_disagree")
def other_kind(draft: Draft, kinds: frozenset[str], lex: Lexicon) -> bool:
    """Whether a mention that points at no attack told (no article, no possessor: "a blast", "an arson
    attack") names only kinds of attack (cue attack_kinds: bombing, shooting, arson, kidnapping ...) that
    the attack, told as ``kinds`` of its own, was not: "a roadside blast hit a lorry" beside an abduction
    told as "seized" and "raided" is another attack. A word of no kind ("attack", "killed") tells nothing
    either way."""
    mine = kinds_told({draft.word.lower()}, lex)
    return not draft.anaphoric and bool(mine and kinds and not mine & kinds)
