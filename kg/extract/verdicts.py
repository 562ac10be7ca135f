"""Condemnations told without a verb of condemning: a speaker's verdict on the attack, given as an
epithet inside a quotation ("'this cowardly attack'", "'the bombing was barbaric'")."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.background import generic
from kg.extract.lexicon import Lexicon, first_in
from kg.extract.quotes import quotation
from kg.extract.rules import check


def _judged(word: Token) -> Token | None:
    """The noun a verdict adjective judges: the one it modifies ("a cowardly attack", "a brutal and
    coordinated attack"), or the subject it is said of ("the attack was barbaric"). The small tagger
    reads some "-ly" adjectives as adverbs ("cowardly", "dastardly") and some "-ing" ones as participles
    ("sickening", "appalling"), so an adverb or a participle in an adjective's place counts too."""
    node = word
    while node.dep_ == "conj" and node.head.pos_ == "ADJ" and node.head is not node:
        node = node.head  # "brutal, senseless and cowardly"
    if node.dep_ == "advmod" and node.head.pos_ == "ADJ" and node.head.dep_ == "amod":
        node = node.head  # "the cowardly terrorist attack", "cowardly" read as an adverb of "terrorist"
    if node.dep_ == "amod":
        return node.head
    if node.dep_ == "acomp":
        return next((c for c in node.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return None


@check("verdict_epithet")
def verdict_epithet(word: Token, lex: Lexicon, attack_tokens: set[int], reacting: set[int]) -> bool:
    """A verdict adjective on an attack word or a deed noun standing for it, inside a quotation, where no
    reaction word above already takes that attack ("'this cowardly act'", "'the bombing was barbaric'"):
    the speaker condemns it. Outside a quotation the adjective is the writer's description; under a
    reaction word it is part of that reaction ("condemned the 'cowardly' attack", "promised that whoever
    planned this cowardly raid would be caught")."""
    participle = word.tag_ in {"VBG", "VBN"} and word.dep_ in {"amod", "acomp"}  # "sickening", "appalling"
    if not (word.pos_ in {"ADJ", "ADV"} or participle) or not first_in(word, lex.cue("verdict_adjectives")):
        return False
    noun = _judged(word)
    if noun is None or not (noun.i in attack_tokens or first_in(noun, lex.cue("deed_nouns"))):
        return False
    whole_class = any(c.dep_ == "det" and c.lower_ in lex.cue("generic_determiners") for c in noun.children)
    if generic(noun) or whole_class:
        return False  # "acts of terrorism are criminal", "any attack is cowardly": a principle, not a verdict
    if any(a.i in reacting for a in noun.ancestors):
        return False
    return quotation(word) is not None
