"""Argument resolution: a mention's argument spans → the entities of the kinds each role takes, each with
where it was read (its rule, sentence and characters)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.extract.draft import Draft, Found, record_draft
from kg.extract.entities import ACRONYM
from kg.extract.evolve import replace
from kg.extract.lexicon import Lexicon, first_in, load_lexicon, word_forms
from kg.extract.refs import Ref
from kg.extract.rules import check
from kg.extract.sides import short_for
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
        if role == "target" and entity.kind == "Country":
            return None  # "accused the neighbouring country" (entity.state_noun)
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


def _gathering(token: Token, lex: Lexicon) -> bool:
    """A word only of protest ("rally", "march", "vigil"): what an attack struck is the gathering."""
    options = lex.trigger_options("NOUN").get(token.lemma_.lower(), ())
    return bool(options) and all(event_type == "Protest" for event_type, _ in options)


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
            or frame.type == "Attack" and _gathering(doc[r.head], lex)  # gunmen fired on a rally
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
NAME_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})


@check("same_head")
def told_once(attack: Draft[Entity], doc: Doc) -> Draft[Entity]:
    """One thing hit told twice among an attack's targets: two descriptions ending in one common noun
    ("the hotel" and "hotels", "160 civilians" and "13 civilians", "residential buildings" and "an apartment
    building") are one target, the first told; two told apart by names of their own ("four US soldiers",
    "five Nigerien soldiers") or by the common nouns compounded on them ("a police station", "a fire station")
    stay two. Read on the whole attack once its mentions are joined."""
    heads: dict[str, tuple[Entity, tuple[frozenset[str], frozenset[str]]]] = {}
    dropped = []
    for e in attack.targets:
        span = _target_span(attack, e, doc)
        if span is None or span.root.pos_ != "NOUN":
            continue
        names = _told_apart_by(span)
        head = span.root.lemma_.lower()
        if head in heads:
            first = heads[head][1]
            if not any(mine and theirs and mine != theirs for mine, theirs in zip(names, first, strict=True)):
                dropped.append(e)
                continue
        heads.setdefault(head, (e, names))
    if not dropped:
        return attack
    for e in dropped:
        record_draft("rejected_argument", "target.same_head", attack, doc, role="target", value=e.key)
    return replace(attack, targets=tuple(e for e in attack.targets if e not in dropped))


def _told_apart_by(span: Span) -> tuple[frozenset[str], frozenset[str]]:
    """The names in a target's words ("four US soldiers") and the common nouns compounded on its head ("a
    police station", "a fire station")."""
    root = span.root
    names = frozenset(t.lower_ for t in span if t.ent_type_ in NAME_LABELS and t.i != root.i)
    kinds = frozenset(c.lemma_.lower() for c in root.children if c.dep_ == "compound" and c.pos_ == "NOUN")
    return names, kinds


def _target_span(attack: Draft[Entity], entity: Entity, doc: Doc) -> Span | None:
    """The words a target was read from (its first support)."""
    for f in attack.support:
        if f.role == "target" and f.value == entity.key:
            return doc.char_span(f.start, f.end, alignment_mode="expand")
    return None


@check("named_twice")
def named_once(attack: Draft[Entity], doc: Doc) -> Draft[Entity]:
    """One actor named twice among an attack's agents, once inside the other ("Kasai Front" and "Kasai Front
    fighters", "Dovrin Movement" and "northern wing of the Dovrin Movement"): a description holding a name is
    that name's actor, and a name inside a longer name of an organization or person is a piece of it. The
    description, or the piece, goes; read on the whole attack once its mentions are joined (the rejected value
    is in the trace)."""
    dropped: dict[str, str] = {}
    for inner in attack.agents:
        for outer in attack.agents:
            if outer is inner or len(outer.label) <= len(inner.label) or not _holds(outer.label, inner.label):
                continue
            dropped[(inner if outer.kind in NAME_KINDS else outer).key] = "agent.named_twice"
    for short in attack.agents:
        fuller = [full for full in attack.agents if full is not short]
        if short.key not in dropped and any(_initials_of(short, full) for full in fuller):
            dropped[short.key] = "agent.initials_twice"
    named_groups = [e for e in attack.agents if e.kind == "Organization" and e.key not in dropped]
    for e in attack.agents:
        if e.key not in dropped and named_groups and _described(e):
            dropped[e.key] = "agent.described_beside_name"
    if not dropped:
        return attack
    for e in attack.agents:
        if e.key in dropped:
            record_draft("rejected_argument", dropped[e.key], attack, doc, role="agent", value=e.key)
    return replace(attack, agents=tuple(e for e in attack.agents if e.key not in dropped))


@check("described_beside_name")
def _described(agent: Entity) -> bool:
    """An attack's doers told by an actor noun ("Kurdish militants", "extremist terrorists", "two armed
    groups") beside a named organization among its agents ("the Velmar Liberation Front claimed it") are that
    organization's people, told again: the description goes, the name stays; not beside a person's name
    only (a spokesman who claimed it is no doer)."""
    words = set(word_forms(agent.label.split()[-1].lower()))
    return agent.kind == "Group" and bool(words & load_lexicon().cue("actor_nouns"))


@check("initials_twice")
def _initials_of(short: Entity, full: Entity) -> bool:
    """One actor named in full and by its initials among an attack's agents ("Baloch Liberation Army" and
    "BLA militants", "Islamic State's West Africa Province" and "ISWAP"): the short form goes, unless the
    full name is itself in capitals, or the short form has a capitalised word of its own besides the
    initials ("Real IRA" beside "Irish Republican Army", "ISIS-K" beside "Islamic State of Iraq and
    Syria"): that names a faction of its own, kept like the longer name of agent.named_twice."""
    lex = load_lexicon()
    own = [w for w in re.split(r"[\s-]+", short.label) if w[:1].isupper() and not ACRONYM.fullmatch(w)]
    return not own and short_for((short,), (full,), lex) and not short_for((full,), (short,), lex)


def _holds(outer: str, inner: str) -> bool:
    return re.search(rf"(^|\W){re.escape(inner)}(\W|$)", outer) is not None
