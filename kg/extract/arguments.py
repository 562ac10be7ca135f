"""Argument resolution: a mention's argument spans → the entities of the kinds each role takes, each with
where it was read (its rule, sentence and characters)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract.draft import Draft, Found, record_draft
from kg.extract.evolve import replace
from kg.extract.lexicon import Lexicon, first_in
from kg.extract.refs import Ref
from kg.extract.rules import check
from kg.extract.trace import record_refs, record_tokens, span_offsets
from kg.gazetteer import capital_country, lookup_place
from kg.model import Entity

ACTOR_KINDS = frozenset({"Person", "Organization", "Group", "Country"})
PLACE_KINDS = frozenset({"Country", "Place"})


def _entities(
    refs: tuple[Ref, ...],
    table: dict[tuple[int, int], Entity],
    kinds: frozenset[str] | None,
    frame: Draft[Ref],
    role: str,
    doc: Doc,
    lex: Lexicon,
) -> tuple[tuple[Entity, ...], list[Found]]:
    found: list[Entity] = []
    support: list[Found] = []
    for ref in refs:
        entity = table.get((ref.start, ref.end))
        if entity is not None and kinds == ACTOR_KINDS and entity.kind == "Place":
            entity = _as_government(entity)
        if entity is not None and kinds == PLACE_KINDS and entity.kind == "Country":
            entity = _as_city(entity, ref, doc)
        rejected = _kind_rule(ref, entity, kinds, role, doc, lex)
        if rejected:
            record_refs(
                "rejected_argument", [ref], doc, frame.trigger, role, rejected, sentence=frame.sentence
            )
            continue
        assert entity is not None
        if entity.key not in {e.key for e in found}:
            found.append(entity)
            start, end = span_offsets(doc, ref.start, ref.end)
            support.append(Found(role, entity.key, ref.rule, frame.sentence, start, end))
    return tuple(found), support


@check("role_kinds")
def _kind_rule(
    ref: Ref, entity: Entity | None, kinds: frozenset[str] | None, role: str, doc: Doc, lex: Lexicon
) -> str | None:
    """The rule refusing a span for a role: it resolved to no entity, or to one of a kind the role does not
    take (an actor for agents and reactions' targets, a place for locations), or it is a common noun that
    names no actor ("the building" did not attack)."""
    if entity is None:
        return f"{role}.unresolved"
    if kinds is not None and entity.kind not in kinds:
        return "location.needs_place" if kinds == PLACE_KINDS else f"{role}.needs_actor"
    if kinds == ACTOR_KINDS and ref.label == "NOUN" and not first_in(doc[ref.head], lex.cue("actor_nouns")):
        return None if _practised(ref, role, doc, lex) else f"{role}.needs_actor"
    return None


@check("violence_practice")
def _practised(ref: Ref, role: str, doc: Doc, lex: Lexicon) -> bool:
    """A practice of political violence or hatred, as what a threat, protest or accusation is against,
    stands for those who practise it: "vowed to root out banditry" threatens the bandits."""
    if role != "target" or not first_in(doc[ref.head], lex.cue("violence_practices")):
        return False
    record_tokens("argument", "target.violence_practice", doc, ref.start, ref.end, role=role)
    return True


def _as_government(place: Entity) -> Entity:
    """A capital as actor ("Tehran vowed revenge") stands for its country."""
    country = capital_country(place.label)
    if country is None:
        return place
    return Entity(country, country, "Country", place.aliases | {country}, lookup_place(country))


@check("capital_as_place")
def _as_city(country: Entity, ref: Ref, doc: Doc) -> Entity:
    """A capital that stands for its country as an actor ("London said", aliases.yaml) is, as a place, the
    city itself: "a bomb exploded in London" happened in London, not somewhere in the United Kingdom."""
    text = doc[ref.start : ref.end].text.strip()
    geo = lookup_place(text)
    if geo is None or geo.feature == "country" or capital_country(text) != country.label:
        return country
    record_tokens("argument", "location.capital_as_place", doc, ref.start, ref.end, role="location")
    return Entity(text, text, "Place", frozenset({text}), geo)


def resolved(
    frame: Draft[Ref], table: dict[tuple[int, int], Entity], doc: Doc, lex: Lexicon
) -> Draft[Entity]:
    """The mention with its argument spans resolved to entities of the kinds each role takes."""
    trigger_tokens = set(frame.trigger.anchors)
    targets = []
    for r in frame.targets:
        if r.head not in trigger_tokens and (
            doc[r.head].lemma_.lower() not in lex.trigger_lemmas("NOUN")
            or doc[r.head].ent_type_  # a name ("the Crimson Hand") is no event word
            or first_in(doc[r.head], lex.cue("self_agent_nouns"))  # police fired on protesters
        ):
            targets.append(r)
        else:
            record_refs(
                "rejected_argument",
                [r],
                doc,
                frame.trigger,
                "target",
                "target.event_noun",
                sentence=frame.sentence,
            )
    target_kinds = None if frame.type == "Attack" else ACTOR_KINDS
    agents, agent_support = _entities(frame.agents, table, ACTOR_KINDS, frame, "agent", doc, lex)
    hit, target_support = _entities(tuple(targets), table, target_kinds, frame, "target", doc, lex)
    places, place_support = _entities(frame.locations, table, PLACE_KINDS, frame, "location", doc, lex)
    means, means_support = _instruments(frame, doc)
    return replace(
        frame,
        agents=agents,
        targets=hit,
        locations=places,
        instruments=means,
        support=(*agent_support, *target_support, *place_support, *means_support, *frame.support),
    )


def _instruments(frame: Draft[Ref], doc: Doc) -> tuple[tuple[Entity, ...], list[Found]]:
    """A weapon or means as an entity, one node per kind of weapon ("car bomb") shared by the attacks that
    used one, with where it was read."""
    found: dict[str, Entity] = {}
    support: list[Found] = []
    for ref in frame.instruments:
        label = ref.text.strip()
        entity = Entity(key=label.lower(), label=label, kind="Instrument", aliases=frozenset({label}))
        if entity.key not in found:
            found[entity.key] = entity
            start, end = span_offsets(doc, ref.start, ref.end)
            support.append(Found("instrument", entity.key, ref.rule, frame.sentence, start, end))
    return tuple(found.values()), support


@check("country_hit")
def hit_targets(attack: Draft[Entity], doc: Doc) -> Draft[Entity]:
    """What an attack hit: people, groups, buildings, vehicles, never a whole country, which is where it
    happened or whose nationals were hit ("a Japanese aid worker", "an attack on Kenya's biggest mall").
    Read on the whole attack, once its mentions are joined (the rejected value is in the trace); a town or
    region is dropped already when roles are linked (``target.place_hit``)."""
    hit = tuple(e for e in attack.targets if e.kind != "Country")
    for e in attack.targets:
        if e not in hit:
            record_draft("rejected_argument", "target.country_hit", attack, doc, role="target", value=e.key)
    return replace(attack, targets=hit) if len(hit) < len(attack.targets) else attack


NAME_KINDS = frozenset({"Organization", "Person"})


@check("named_twice")
def named_once(attack: Draft[Entity], doc: Doc) -> Draft[Entity]:
    """One actor named twice among an attack's agents, once inside the other ("Kasai Front" and "Kasai Front
    fighters", "Dovrin Movement" and "northern wing of the Dovrin Movement"): a description holding a name is
    that name's actor, and a name inside a longer name of an organization or person is a piece of it. The
    description, or the piece, goes; read on the whole attack once its mentions are joined (the rejected value
    is in the trace)."""
    dropped = set()
    for inner in attack.agents:
        for outer in attack.agents:
            if outer is inner or len(outer.label) <= len(inner.label) or not _holds(outer.label, inner.label):
                continue
            dropped.add((inner if outer.kind in NAME_KINDS else outer).key)
    if not dropped:
        return attack
    for e in attack.agents:
        if e.key in dropped:
            record_draft("rejected_argument", "agent.named_twice", attack, doc, role="agent", value=e.key)
    return replace(attack, agents=tuple(e for e in attack.agents if e.key not in dropped))


def _holds(outer: str, inner: str) -> bool:
    return re.search(rf"(^|\W){re.escape(inner)}(\W|$)", outer) is not None
