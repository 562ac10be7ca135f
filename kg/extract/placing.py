"""Each entity's final gazetteer match, kind and, for a place the gazetteer knows, its one key.

The last step of extraction (:func:`placed`): :mod:`kg.rdf` writes kinds, matches and keys as they are.
"""

from __future__ import annotations

from kg.extract.evolve import replace
from kg.gazetteer import COUNTRY, country_code, lookup, same_name
from kg.gazetteer import country as canonical_country
from kg.model import Entity, Event, Extraction, Geo

GEO_KINDS = frozenset({"Place", "Country"})
"""Entity kinds looked up in the gazetteer (by :func:`kg.gazetteer.lookup`) when they carry no match."""


def gazetteer_match(entity: Entity) -> Geo | None:
    """The entity's gazetteer match: its own (a country's made canonical), else a lookup of a place's names.

    A country always gets :func:`kg.gazetteer.country`'s point, so articles that name it agree on one place.
    """
    if entity.geo is not None:
        canonical = canonical_country(entity.geo.country_code) if entity.geo.feature == COUNTRY else None
        return canonical or entity.geo
    if entity.kind not in GEO_KINDS:
        return None
    return next((found for name in (entity.label, *sorted(entity.aliases)) if (found := lookup(name))), None)


def gazetteer_key(entity: Entity) -> str:
    """The key of a place the gazetteer knows by the name the entity is called: the gazetteer's name, so
    that "Bogota" and "Bogotá", or "Burma" and "Myanmar", are one entity (one IRI) in every article. A
    place only matched through another place ("northern Nigeria", a part of Nigeria) or a description
    scoped to its article keeps its own key."""
    geo = entity.geo
    if geo is None or entity.kind not in GEO_KINDS or entity.key.endswith(")"):
        return entity.key
    if geo.feature == COUNTRY:
        return geo.name if country_code(entity.label) == geo.country_code else entity.key
    return geo.name if same_name(entity.label, geo.name) else entity.key


def _unique(entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    seen: dict[str, Entity] = {}
    for entity in entities:
        seen.setdefault(entity.key, entity)
    return tuple(seen.values())


def _rekeyed(event: Event, keys: dict[str, str]) -> Event:
    """The event with its entity facts pointing at the new keys, a value given twice kept once."""
    facts, seen = [], set()
    for fact in event.facts:
        if fact.role in event.roles:
            value = keys.get(fact.value, fact.value)
            if (fact.role, value) in seen:
                continue
            seen.add((fact.role, value))
            fact = fact if value == fact.value else replace(fact, value=value)
        facts.append(fact)
    return replace(event, facts=tuple(facts))


def placed(extraction: Extraction) -> Extraction:
    """Every entity of the extraction (and of its events' roles) with its final gazetteer match and kind.

    The mentions of one key share the first match any of them has; a place the gazetteer knows as a
    country is a ``Country``; a place one of whose mentions is called by its gazetteer name takes that
    name as key (:func:`gazetteer_key`), and a role naming it twice then names it once.
    """
    every = (*extraction.entities, *(e for ev in extraction.events for es in ev.roles.values() for e in es))
    found: dict[str, Geo | None] = {}
    for entity in every:
        if found.get(entity.key) is None:
            found[entity.key] = gazetteer_match(entity)
    keys: dict[str, str] = {}
    for entity in every:
        if keys.get(entity.key, entity.key) == entity.key:
            keys[entity.key] = gazetteer_key(replace(entity, geo=found[entity.key]))

    def settle(entity: Entity) -> Entity:
        geo, key = found[entity.key], keys[entity.key]
        a_country = geo is not None and geo.feature == COUNTRY and entity.kind in GEO_KINDS
        kind = "Country" if a_country else entity.kind
        if (kind, geo, key) == (entity.kind, entity.geo, entity.key):
            return entity
        return replace(entity, key=key, kind=kind, geo=geo)

    events = tuple(
        replace(ev, roles={role: tuple(map(settle, es)) for role, es in ev.roles.items()})
        for ev in extraction.events
    )
    if any(old != new for old, new in keys.items()):
        events = tuple(
            _rekeyed(replace(ev, roles={role: _unique(es) for role, es in ev.roles.items()}), keys)
            for ev in events
        )
    return replace(extraction, entities=tuple(map(settle, extraction.entities)), events=events)
