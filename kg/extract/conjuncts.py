"""The tokens conjoined to a head token ("Israel and the United States"), through appositions, with the
object a conjunct was cut from when the parser hung it on a noun far before."""

from __future__ import annotations

from spacy.tokens import Token

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def _set_off(appos: Token) -> bool:
    """An apposition ends at a punctuation mark or the sentence's end ("the group, Hamas, said"); one running
    into a noun ("a soldier, U.S. and Iraqi officials said") is a misparse."""
    after = appos.right_edge.i + 1
    return after >= len(appos.doc) or appos.doc[after].is_punct or appos.doc[after].is_sent_start is True


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens conjoined to it ("Israel and the United States"), through appositions."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" and _nearer_object(child) is None:
            found += conjuncts(child)
        if (
            child.dep_ == "appos"
            and child.ent_type_ in ACTOR_LABELS
            and token.ent_type_ not in ACTOR_LABELS
            and _set_off(child)
        ):
            found = [t for t in found if t is not token] + conjuncts(child)
    end = token.right_edge.i
    if end + 2 < len(token.doc) and token.doc[end + 1].dep_ == "cc":
        found += [
            c
            for c in token.doc[end + 2 : end + 12]
            if c.dep_ == "conj" and c.left_edge.i == end + 2 and _nearer_object(c) == token
        ]
    return found


def _nearer_object(conj: Token) -> Token | None:
    """The object a conjunct was cut from when the parser hung it on a noun far before: in "vowed to hunt
    the terrorists responsible for the bombings that killed 13 soldiers and 95 civilians", the civilians
    are the second object of "killed" (the phrase just before the "and"), not a second "terrorists"."""
    doc = conj.doc
    cc = doc[conj.left_edge.i - 1] if conj.left_edge.i > 0 else None
    if cc is None or cc.dep_ != "cc" or cc.i == 0:
        return None
    obj = doc[cc.i - 1]
    while obj.dep_ not in {"dobj", "nsubjpass"} and obj.head is not obj and obj.head.right_edge.i == cc.i - 1:
        obj = obj.head
    head = conj.head
    if (
        obj.dep_ == "dobj"
        and obj.head.pos_ == "VERB"
        and obj.i > head.i
        and head.left_edge.i <= obj.head.i
        and obj.head in head.subtree
        and obj.right_edge.i == cc.i - 1
    ):
        return obj
    return None
