"""Role specs: how one entry of ``roles.yaml`` ("nsubj", "prep:on", "subtree:dobj", "nsubj>prep:against")
reads fillers off the dependency tree. Readers are looked up by the spec's kind in :data:`READERS`."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from kg.extract.entities import canonical
from kg.extract.lexicon import Lexicon, first_in
from kg.extract.refs import Ref, entity_span, references
from kg.gazetteer import lookup_place

Reader = Callable[[Token, str, Lexicon], list[Ref]]


def named(token: Token, lex: Lexicon) -> Ref | None:
    """A proper name inside a phrase ("Death to Israel"): a named actor, known alias or gazetteer place."""
    span = entity_span(token)
    if span and span.label in {"GPE", "ORG", "PERSON"}:
        return span if span.start == token.i else None
    if token.pos_ == "PROPN" and (canonical(token.text, lex) or lookup_place(token.text)):
        return Ref(token.i, token.i + 1, token.text, "GPE")
    return None


def _objects_of(prep_parent: Token, preposition: str, lex: Lexicon) -> list[Ref]:
    return [
        r
        for p in prep_parent.children
        if p.dep_ == "prep" and p.lower_ == preposition
        for o in p.children
        if o.dep_ in {"pobj", "pcomp"}
        for r in references(o, lex)
    ]


def _prep(token: Token, preposition: str, lex: Lexicon) -> list[Ref]:
    """Objects of a preposition under the word, or under its direct object ("pointed the finger at X")."""
    under_object = [
        r
        for o in token.children
        if o.dep_ == "dobj"
        for r in _objects_of(o, preposition, lex)
        if r.start > o.i
    ]
    return under_object + _objects_of(token, preposition, lex)


def _agent(token: Token, _: str, lex: Lexicon) -> list[Ref]:
    """The object of a passive "by"."""
    return [r for a in token.children if a.dep_ == "agent" for r in _objects_of_agent(a, lex)]


def _objects_of_agent(agent: Token, lex: Lexicon) -> list[Ref]:
    return [r for o in agent.children if o.dep_ == "pobj" for r in references(o, lex)]


def _subtree(token: Token, dep: str, lex: Lexicon) -> list[Ref]:
    """Every proper name under a child ("chanting slogans such as 'Death to Israel'")."""
    return [ref for c in token.children if c.dep_ == dep for t in c.subtree if (ref := named(t, lex))]


def _compound_actor(token: Token, _: str, lex: Lexicon) -> list[Ref]:
    """A named actor modifying a noun trigger ("a US air strike", "an Israeli drone strike", "an ELN car
    bomb"). A place so named is where, not who: a town never strikes ("the Bogota bombing"), and a country
    only through its forces, in a military operation ("a US strike", but "the Kuwait bombing")."""
    return [
        ref
        for c in token.children
        if c.dep_ in {"compound", "amod"}
        if (ref := entity_span(c)) and ref.label in {"ORG", "GPE", "NORP"}
        if ref.label != "GPE" or _state_operation(token, ref, lex)
    ]


def _state_operation(token: Token, ref: Ref, lex: Lexicon) -> bool:
    """A country's name before an attack noun of the kind armed forces carry out ("a US drone strike")."""
    geo = lookup_place(ref.text)
    town = geo is not None and geo.feature != "country" and canonical(ref.text, lex) is None
    return not town and bool(first_in(token, lex.cue("state_operation_nouns")))


def _subject(token: Token, dep: str, lex: Lexicon) -> list[Ref]:
    """The subject; a conjoined verb shares its head's; an acronym misread as auxiliary ("IS claimed")."""
    children = [c for c in token.children if c.dep_ == dep]
    if not children and token.dep_ == "conj" and token.head.pos_ in {"VERB", "AUX"}:
        children = [c for c in token.head.children if c.dep_ == dep]
    if not children:
        return [
            Ref(c.i, c.i + 1, c.text, "ORG")
            for c in token.children
            if c.dep_ in {"aux", "auxpass"} and c.is_upper and c.i < token.i and canonical(c.text, lex)
        ]
    return [r for c in children for r in references(c, lex)]


def _children(token: Token, dep: str, lex: Lexicon) -> list[Ref]:
    return [r for c in token.children if c.dep_ == dep for r in references(c, lex)]


READERS: dict[str, Reader] = {
    "prep": _prep,
    "agent": _agent,
    "subtree": _subtree,
    "compound_actor": _compound_actor,
    "nsubj": _subject,
}


def fillers(token: Token, spec: str, lex: Lexicon) -> list[Ref]:
    """The fillers one role spec reads from ``token``; ``a>b`` applies ``b`` to the children ``a``."""
    if ">" in spec:
        first, _, rest = spec.partition(">")
        return [r for c in token.children if c.dep_ == first for r in fillers(c, rest, lex)]
    kind, _, arg = spec.partition(":")
    return READERS.get(kind, _children)(token, arg or kind, lex)
