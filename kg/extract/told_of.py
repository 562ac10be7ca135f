"""Clauses that tell what another named party did: the attack in them is charged to that party, not owned by
who tells it (split from kg/extract/needs.py)."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.lexicon import Lexicon
from kg.extract.rules import check
from kg.extract.trace import record_tokens

PARTY_LABELS = frozenset({"ORG", "GPE", "NORP"})


@check("told_of_another")
def told_of_another(clause: Token, clauses: frozenset[str], lex: Lexicon) -> bool:
    """A clause (of ``clauses``, or a noun's "that" clause) telling what another named party did ("claims
    by X that the Tala Front shot ten", "claimed that Velmar and its allies plan an attack"). The party is
    named as an organization, a country or a people, or is a plural noun such a name qualifies ("LF
    supporters", "Iranian agents"); not the speaker's own ("its fighters") nor a person, who may be its
    own man."""
    if clause.dep_ not in clauses | {"acl"} or clause.pos_ not in {"VERB", "AUX"}:
        return False
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    found = bool(subjects) and all(_named_party(s, lex) for s in subjects)
    if found:
        word = clause.head  # the word whose object the clause would be
        record_tokens("rejected_trigger", "trigger.told_of_another", clause.doc, word.i, word.i + 1)
    return found


def _named_party(noun: Token, lex: Lexicon) -> bool:
    own = lex.cue("own_pronouns")
    if noun.lower_ in own or any(c.dep_ == "poss" and c.lower_ in own for c in noun.children):
        return False
    if noun.ent_type_ in PARTY_LABELS:
        return True
    return noun.tag_ == "NNS" and any(
        c.dep_ in {"compound", "amod"} and (c.ent_type_ in PARTY_LABELS or c.pos_ == "PROPN")
        for c in noun.children
    )
