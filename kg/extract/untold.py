"""An attack word a reaction names though no attack is kept for it: told negated in the reaction's own
sentence ("no proof the raid came from Ruda", "this cowardly attack will not break our town") or as the
content of a charge ("rejected allegations of the raid"), it still stands for the article's attack (rule
``about.negated_mention``). One told only as reported ("denied reports of a second raid"), planned, or
to come is no attack at all, and a threat's attack word is the act threatened (``about.threatened_act``)."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.background import generic
from kg.extract.lexicon import first_in, load_lexicon
from kg.extract.rules import check
from kg.extract.suppression import negated


@check("negated_mention")
def negated_mention(kind: str, attack: Token) -> bool:
    """Whether a reaction of ``kind`` naming the suppressed attack word ``attack`` names the article's
    attack all the same: the word negated in its clause, or the object of "of" on a charge noun."""
    lex = load_lexicon()
    if kind in {"Threaten", "Protest"}:
        return False
    if generic(attack) or any(t.ent_type_ == "DATE" for t in attack.subtree) or any(
        first_in(c, lex.cue("separate_modifiers")) and not first_in(c, lex.cue("novelty_modifiers"))
        for c in attack.children
    ):
        return False  # "allegations of a Ruda bombing last year", "of attacks on churches": other deeds
    head = attack.head
    if attack.dep_ == "pobj" and head.lower_ == "of" and first_in(head.head, lex.cue("charge_nouns")):
        return True
    return negated(attack, "Attack", lex, set())
