"""Instruments: the weapon or means of an attack ("a car bomb", "an explosive belt", "rifles", "a drone").

An instrument is read where the sentence names what the attack was done with: a noun naming the means
before the attack word ("a drone strike", "a knife attack"), the object of a verb that wields it
("detonated a car bomb", "fired rockets"), a "with" or "by" phrase ("attacked with machetes", "killed by a
roadside bomb") or the subject of the attack verb ("a car bomb exploded", "rockets slammed into X").
The words come from ``instruments`` in ``cues.yaml``; the phrase keeps the words that say which kind
("car bomb", "explosive belt") and drops articles and numbers ("two rockets" → "rockets").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.extract.lexicon import Lexicon, first_in
from kg.extract.refs import PARTY_LABELS, Ref
from kg.extract.rules import check
from kg.extract.triggers import Trigger

INSTRUMENT_REF = "INSTRUMENT"
"""Label of a reference to an attack's weapon or means."""
MEANS_PREPS = frozenset({"with", "by"})


def _weapon(token: Token, lex: Lexicon) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and bool(first_in(token, lex.cue("instruments")))


def _phrase(token: Token, lex: Lexicon) -> Ref:
    """The weapon noun with the words before it that say its kind ("car bomb", "explosive belt",
    "explosive-laden vehicle"), not its size or number ("a powerful bomb", "two rockets")."""
    doc = token.doc
    start = token.i
    for child in reversed(list(token.lefts)):
        kind = child.dep_ in {"compound", "nmod"} or child.dep_ == "amod" and (
            _weapon_word(child, lex) or "-" in doc[child.left_edge.i : child.i + 1].text
        )
        if not kind or child.right_edge.i != start - 1 or child.ent_type_ in PARTY_LABELS:
            break  # "a US drone": the United States owns it, the weapon is the drone
        start = child.left_edge.i
    return Ref(start, token.i + 1, doc[start : token.i + 1].text, INSTRUMENT_REF)


def _weapon_word(token: Token, lex: Lexicon) -> bool:
    return bool(first_in(token, lex.cue("instruments")))


def _means(token: Token, lex: Lexicon, wielding: frozenset[str]) -> list[Ref]:
    """The weapons one trigger word names, each under the rule that read it."""
    return [
        ref
        for reader in (_attack_modifier, _means_phrase, _wielded_object, _weapon_subject, _carried_weapon)
        for ref in reader(token, lex, wielding)
    ]


def _taken(words: list[Token], rule: str, lex: Lexicon) -> list[Ref]:
    return [replace(_phrase(w, lex), rule=rule) for w in _conjoined(words, lex)]


@check("attack_modifier")
def _attack_modifier(token: Token, lex: Lexicon, _: frozenset[str]) -> list[Ref]:
    """A weapon noun before an attack noun: "a drone strike", "the car bomb attack", "a knife attack"."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return []
    words = [c for c in token.children if c.dep_ in {"compound", "nmod"} and _weapon(c, lex)]
    return _taken(words, "instrument.attack_modifier", lex)


@check("means_phrase")
def _means_phrase(token: Token, lex: Lexicon, _: frozenset[str]) -> list[Ref]:
    """ "attacked shoppers with a knife", "killed by a roadside bomb": a weapon after "with" or "by"."""
    words = [
        o
        for c in token.children
        if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in MEANS_PREPS
        for o in c.children
        if o.dep_ == "pobj" and _weapon(o, lex)
    ]
    return _taken(words, "instrument.means_phrase", lex)


@check("wielded_object")
def _wielded_object(token: Token, lex: Lexicon, wielding: frozenset[str]) -> list[Ref]:
    """The object of a verb that wields a weapon: "detonated a car bomb", "fired rockets"."""
    if token.lemma_.lower() not in wielding:
        return []
    words = [c for c in token.children if c.dep_ == "dobj" and _weapon(c, lex)]
    return _taken(words, "instrument.wielded_object", lex)


@check("weapon_subject")
def _weapon_subject(token: Token, lex: Lexicon, _: frozenset[str]) -> list[Ref]:
    """A weapon as the subject of the attack verb: "a car bomb exploded", "rockets slammed into the camp"."""
    if token.pos_ != "VERB":
        return []
    words = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"} and _weapon(c, lex)]
    return _taken(words, "instrument.weapon_subject", lex)


@check("carried_weapon")
def _carried_weapon(token: Token, lex: Lexicon, _: frozenset[str]) -> list[Ref]:
    """What the attacker carries: "gunmen armed with rifles stormed", "a man carrying a knife attacked"."""
    verbs = lex.cue("arming_verbs")
    words: list[Token] = []
    for actor in (c for c in token.children if c.dep_ == "nsubj"):
        for clause in (c for c in actor.children if c.dep_ == "acl" and first_in(c, verbs)):
            words += [o for o in clause.children if o.dep_ == "dobj" and _weapon(o, lex)]
            words += [
                o
                for p in clause.children
                if p.dep_ == "prep" and p.lower_ == "with"
                for o in p.children
                if o.dep_ == "pobj" and _weapon(o, lex)
            ]
    return _taken(words, "instrument.carried_weapon", lex)


def _conjoined(tokens: list[Token], lex: Lexicon) -> list[Token]:
    """ "with guns and grenades": every weapon of a coordination."""
    out = list(tokens)
    for token in tokens:
        out += [c for c in token.conjuncts if _weapon(c, lex) and c not in out]
    return out


def instrument_refs(trigger: Trigger, carriers: list[int], doc: Doc, lex: Lexicon) -> list[Ref]:
    """The instruments of one attack trigger, read from its own words and the verbs that carry it
    (``carriers``: "carried out a drone strike", "an explosion that tore through")."""
    if trigger.type != "Attack":
        return []
    wielding = frozenset(lex.roles["wielding_verbs"])
    refs: dict[tuple[int, int], Ref] = {}
    for i in dict.fromkeys([*trigger.anchors, *carriers]):
        for ref in _means(doc[i], lex, wielding):
            refs.setdefault((ref.start, ref.end), ref)
    return sorted(refs.values(), key=lambda r: r.start)
