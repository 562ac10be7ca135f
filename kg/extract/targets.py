"""Targets: what an attack hit, as read off one trigger's candidates. A vacuous target stands for its
owner or its members ("Hezbollah positions", "85 people including 13 soldiers"), a blame's deed is no
one accused ("blamed the massacre on X"), and the rules that reject a candidate (a time, a place, the
trigger itself, a wielded weapon). Split from kg/extract/roles.py, which links agents and targets."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from kg.extract.dates import months, weekdays
from kg.extract.lexicon import Lexicon, first_in
from kg.extract.refs import Ref, entity_span, references, stance_named, taken_by
from kg.extract.rules import check
from kg.extract.trace import record_refs
from kg.extract.triggers import Trigger
from kg.gazetteer import is_country

AFFILIATED = re.compile(r"\s*-\s*(\w+)")


def named_owner(token: Token, lex: Lexicon) -> list[Ref]:
    """The named owner of a thing: "a U.S. drone" → U.S., "Hezbollah positions" → Hezbollah.

    A name only linked to the thing ("an al-Qaeda-linked alliance") owns nothing.
    """
    return [
        span
        for c in token.children
        if c.dep_ in {"compound", "poss", "nmod", "amod"}
        if (span := entity_span(c)) and span.label in {"GPE", "ORG", "NORP", "PERSON"}
        if not _affiliated(span, token.doc, lex) and not stance_named(span, token.doc, lex)
    ][:1]


def _affiliated(span: Ref, doc, lex: Lexicon) -> bool:
    after = doc[span.end - 1].whitespace_ + doc[span.end : span.end + 3].text  # the text right after the name
    match = AFFILIATED.match(after)
    return bool(match and match.group(1).lower() in lex.roles["affiliation_words"])


@check("blamed_deed")
def blamed(
    targets: list[Ref], aimed: set[tuple[int, int]], trigger: Trigger, doc, lex: Lexicon
) -> list[Ref]:
    """ "Blamed the massacre on X", "attributed it to X": with someone blamed behind a preposition, the
    verb's object is the deed, not who is accused; and a deed named there stands for its doer ("attributed
    it to a botched launch by X": X)."""
    behind = [t for t in targets if (t.start, t.end) in aimed]
    if not behind:
        return targets
    objects = {c.i for i in trigger.anchors for c in doc[i].children if c.dep_ == "dobj"}
    deeds = [t for t in targets if t.head in objects and (t.start, t.end) not in aimed]
    record_refs("rejected_argument", deeds, doc, trigger, "target", "target.blamed_deed")
    kept = [t for t in targets if t not in deeds]
    return [r for t in kept for r in ((_doers(doc[t.head], lex) or [t]) if t in behind else [t])]


@check("deed_doer")
def _doers(noun: Token, lex: Lexicon) -> list[Ref]:
    """Who did a deed a blame names, given by "by" on it or on the participle describing it ("a failed
    launch by X", "a bomb planted by X"); none for an actor or a name."""
    if noun.pos_ != "NOUN" or first_in(noun, lex.cue("actor_nouns")) or noun.ent_type_:
        return []
    carriers = [noun, *(c for c in noun.children if c.dep_ == "acl")]
    found = [
        r
        for carrier in carriers
        for by in carrier.children
        if by.dep_ in {"prep", "agent"} and by.lower_ == "by"
        for obj in by.children
        if obj.dep_ == "pobj"
        for r in references(obj, lex)
    ]
    return taken_by(found, "target.deed_doer")


def stand_ins(targets: list[Ref], doc, lex: Lexicon) -> list[Ref]:
    """The targets, each vacuous one ("positions", "people") replaced by its owner or its members, each bare
    count ("30 others, among them nine porters") by its members, or kept when it has none."""
    return [
        stand_in
        for t in targets
        for stand_in in (
            (_vacuous_owner(doc[t.head], lex) or _vacuous_members(doc[t.head], lex))
            if first_in(doc[t.head], lex.cue("vacuous_targets"))
            else (_counted_members(doc[t.head], lex) or [t])
        )
    ]


@check("counted_members")
def _counted_members(token: Token, lex: Lexicon) -> list[Ref]:
    """Who, of a bare count that names no one ("hurting 30 others, nine porters among them", "killed dozens,
    among them children": cues.yaml bare_counts), was hit: its members, as of a vacuous target."""
    if not first_in(token, lex.cue("bare_counts")):
        return []
    return taken_by(_vacuous_members(token, lex), "target.counted_members")


@check("vacuous_owner")
def _vacuous_owner(token: Token, lex: Lexicon) -> list[Ref]:
    """A vacuous target ("the positions of X", "Hezbollah positions") stands for its owner."""
    return taken_by(named_owner(token, lex), "target.vacuous_owner")


@check("vacuous_members")
def _vacuous_members(token: Token, lex: Lexicon) -> list[Ref]:
    """Who, of a vacuous target, was hit: "85 people including 13 soldiers", "39 people, mostly tourists",
    "12 people, among them four children" (the parser hangs the last two on the verb or on the noun).

    A member told apart from the noun by more than a comma and its own words ("people were killed in
    Nnanya, a suburb") or naming a place is none."""
    preps = lex.cue("member_preps")
    places = lex.cue("place_nouns") | lex.cue("region_nouns")
    doc = token.doc

    def adjacent(member: Token) -> bool:
        gap = doc[token.i + 1 : member.left_edge.i]
        return (
            token.i + 1 < len(doc)
            and doc[token.i + 1].is_punct
            and all(t.is_punct or t.dep_ in {"advmod", "nummod", "compound", "amod", "det"} for t in gap)
        )

    members = [
        c
        for c in [*token.children, *token.head.children]
        if c.dep_ in {"appos", "npadvmod"} and c.i > token.i and c.pos_ in {"NOUN", "PROPN"} and adjacent(c)
    ]
    members += [
        obj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in preps
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]
    refs = [
        r
        for m in members
        if not first_in(m, lex.cue("vacuous_targets"))
        and m.lemma_.lower() not in places
        and m.ent_type_ not in {"GPE", "LOC", "FAC"}
        for r in references(m, lex)
    ]
    return taken_by(refs, "target.vacuous_members")


@check("target_tests")
def target_tests(
    trigger: Trigger, doc, lex: Lexicon, aimed: set[tuple[int, int]]
) -> list[tuple[str, Callable[[Ref], bool]]]:
    """The rules rejecting a target candidate, in order: (rule id, rejects)."""
    anchors = set(trigger.anchors)
    ignored = lex.cue("vacuous_targets") | frozenset(lex.roles["non_targets"])
    instruments = lex.cue("instruments")
    wielding = frozenset(lex.roles["wielding_verbs"])
    struck = trigger.pos == "VERB" and not any(doc[i].lemma_.lower() in wielding for i in anchors)
    return [
        ("target.not_trigger", lambda t: t.head in anchors),
        ("target.non_target", lambda t: bool({doc[t.head].lemma_.lower(), doc[t.head].lower_} & ignored)),
        (
            "target.wielded_instrument",
            lambda t: (
                doc[t.head].lemma_.lower() in instruments and (t.start, t.end) not in aimed and not struck
            ),
        ),
        ("target.abstract", lambda t: trigger.type == "Attack" and _abstract(doc[t.head], lex)),
        ("target.own_doer", lambda t: trigger.type == "Attack" and _own_doer(doc[t.head], lex)),
        ("target.temporal", lambda t: _temporal(doc[t.start : t.end])),
        ("target.place_part", lambda t: _place_part(doc[t.head], lex)),
        ("target.place_hit", lambda t: _place_hit(t, doc, trigger, lex)),
    ]


def _abstract(head: Token, lex: Lexicon) -> bool:
    """An attack told as one on an idea, an order or a process ("an attack on democracy", "a blow to the
    peace process", "struck at the country's tourism industry") hit no one: the words are a verdict on it."""
    return head.pos_ == "NOUN" and not head.ent_type_ and head.lemma_.lower() in lex.roles["abstract_targets"]


def _own_doer(head: Token, lex: Lexicon) -> bool:
    """A doer told after the victims of the same deed ("killed 20 cadets and the attacker", "three soldiers
    and 14 militants were killed") died in his own attack: he is no target of it."""
    doers = lex.cue("doer_nouns") | lex.cue("perpetrator_nouns")
    return head.dep_ == "conj" and bool(first_in(head, doers)) and not first_in(head.head, doers)


def _place_hit(ref: Ref, doc, trigger: Trigger, lex: Lexicon) -> bool:
    """A town or region an attack hit says where it was, not what it hit ("rockets fell on the border town",
    "drones struck Velmari territory"): the head is a place name or an area noun (roles.yaml area_nouns; a
    village raided stands for its people). A country's own name stays until the attack's mentions are
    joined, where it tells the sides apart ("jets struck Hamas; Hamas fired rockets at Israel") and is then
    dropped (``target.country_hit``)."""
    head = doc[ref.head]
    if trigger.type != "Attack":
        return False
    if head.lemma_.lower() in lex.roles["area_nouns"]:
        return True
    return head.ent_type_ in {"GPE", "LOC"} and not is_country(ref.text)


def _place_part(head: Token, lex: Lexicon) -> bool:
    """A part of a place ("the heart of the city", "the edge of town") says where, not what was hit."""
    return head.lemma_.lower() in lex.cue("place_parts") and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in head.children
    )


def _temporal(span: Span) -> bool:
    """A time is no target ("struck on Easter Sunday", "on the night of the vote"): the phrase's head is a
    date or a time. A date only describing the thing hit leaves it a thing ("a Christmas market", "his
    16-year-old brother", "Mar Elias Church")."""
    head = span[-1]
    return head.ent_type_ in {"DATE", "TIME"} or head.lower_ in weekdays() or head.lower_ in months()
