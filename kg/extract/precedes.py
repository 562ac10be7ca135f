"""A reaction that does not follow the attack answers no one deed: one dated before it (a threat made the
month before a massacre, rule ``about.before_attack``), or a stance told as held ("repeatedly blames
Ruda", "has consistently denied", rule ``about.standing_stance``)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from kg.extract.draft import Draft, record_draft
from kg.extract.evolve import replace
from kg.extract.lexicon import Lexicon, first_in
from kg.extract.rules import check

STANCES = frozenset({"Accuse", "Deny", "Threaten"})
"""Reactions a party repeats as a stance (a condemnation "as we always have" condemns this attack too)."""
ISO = re.compile(r"\d{4}(?:-\d\d){0,2}")


@check("before_attack")
def before_attack(draft: Draft, attack: Draft) -> bool:
    """Whether the reaction, dated by a month or a year ("in March 2021", "in 2013"), falls before the
    attack, both read at the coarser precision ("2013" before "2016-06", "2020-09" before "2020-10-24";
    "2020-10" is not before "2020-10-24"). A reaction dated to the day is left alone: a weekday is read as
    the last one before the report, which may come before an attack told on another weekday."""
    said, done = draft.time, attack.time
    if not said or not done or len(said) > 7 or not ISO.fullmatch(said) or not ISO.fullmatch(done):
        return False
    n = min(len(said), len(done))
    return said[:n] < done[:n]


def unlinked_if_earlier(reactions: list[Draft], attacks: list[Draft], doc: Doc) -> list[Draft]:
    """The reactions, each dated before the attack it is linked to unlinked from it."""
    out = []
    for draft in reactions:
        attack = attacks[draft.about] if draft.about is not None and draft.about < len(attacks) else None
        if attack is not None and before_attack(draft, attack) and not _dates_a_noun(draft, doc):
            note = f"dated {draft.time}, the attack {attack.time}"
            record_draft("rejected_argument", "about.before_attack", draft, doc, role="about", note=note)
            draft = replace(draft, about=None, support=tuple(f for f in draft.support if f.role != "about"))
        out.append(draft)
    return out


def _dates_a_noun(draft: Draft, doc: Doc) -> bool:
    """Whether the reaction's date is told in a clause on its subject ("the Front, founded in 2015,
    denied"): it dates who reacts, not the reaction ("in a statement issued in May" dates the reaction)."""
    told = draft.found("time")
    span = doc.char_span(told.start, told.end, alignment_mode="expand") if told is not None else None
    if span is None:
        return False
    token = span.root
    while token.i != draft.token and token.head.i != token.i:
        if token.dep_ in {"acl", "relcl", "appos"} and _reacting(token.head):
            return True
        token = token.head
    return False


def _reacting(noun: Token) -> bool:
    """Whether a noun names who reacts: the subject, or the agent of a passive ("blamed by the governor")."""
    return noun.dep_ in {"nsubj", "nsubjpass"} or noun.dep_ == "pobj" and noun.head.dep_ == "agent"


@check("standing_stance")
def standing_stance(verb: Token, lex: Lexicon) -> bool:
    """A reaction told with an adverb of frequency ("repeatedly blames", "has consistently denied", "had
    previously threatened") tells a stance held over time, not the answer to one attack; one told in the
    simple past ("repeatedly blamed the Front on Tuesday") is one telling, about the attack, and one told
    "since" a day or a deed ("has repeatedly denied it since Monday") answers the attack again and again."""
    frequent = lex.cue("frequency_adverbs")
    if verb.tag_ == "VBD" or any(_since_lately(c) for c in verb.children):
        return False
    return any(c.dep_ == "advmod" and first_in(c, frequent) for c in verb.children)


def _since_lately(word: Token) -> bool:
    """A "since" that starts the repetition at a day or a deed ("since Monday", "since then", "since the
    killings"), not at a year long past ("since 2015")."""
    return word.lower_ == "since" and not any(t.like_num and len(t) == 4 for t in word.subtree)
