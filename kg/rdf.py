"""The RDF mapping: domain values (:mod:`kg.model`) to quads. No other module knows how facts become triples.

Facts about an article, its entities and its events go into the article's named graph
(``…/graph/<slug(id)>``); the extraction run that produced them goes into the provenance graph
(``…/graph/provenance``). IRIs are minted from slugs, so the same input always gives the same IRI.
Entities are written as extraction resolved them: their kind and gazetteer match are taken as given
(:func:`kg.extract.entities.placed`); the gazetteer only supplies the country a city lies in.
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import pyoxigraph as ox

from kg import settings
from kg.errors import MappingError, MappingWarning
from kg.gazetteer import COUNTRY, country
from kg.model import (
    ENTITY_KINDS,
    EVENT_TYPES,
    FACT_ROLES,
    Article,
    Entity,
    Event,
    Extraction,
    Fact,
    Geo,
    Support,
)
from kg.terms import DCTERMS, GEO, KG, NAMESPACES, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

_UNRESERVED = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-._~")
GEONAMES = "https://sws.geonames.org/"

ROLE_PROPERTIES: Mapping[str, ox.NamedNode] = MappingProxyType(
    {"agent": KG.agent, "target": KG.target, "location": KG.locatedIn, "instrument": KG.instrument}
)
"""Event role (``Event.roles`` key) → event-centric property."""

FACT_PROPERTIES: Mapping[str, ox.NamedNode] = MappingProxyType(
    {
        "agent": KG.agent,
        "target": KG.target,
        "location": KG.locatedIn,
        "instrument": KG.instrument,
        "time": KG.time,
        "killed": KG.killed,
        "injured": KG.injured,
        "about": KG.about,
    }
)
"""Fact role (:data:`kg.model.FACT_ROLES`) → the event property a :class:`kg.model.Fact` states."""

EVIDENCE_RULE = "event.evidence"
"""Rule id of a fact made from the event's own evidence when extraction gave the role value no fact."""

AGENT_SHORTCUTS: Mapping[str, tuple[ox.NamedNode, bool]] = MappingProxyType(
    {
        "Attack": (KG.perpetrated, False),
        "ClaimResponsibility": (KG.claimed, True),
        "Condemn": (KG.condemned, True),
        "Accuse": (KG.accused, True),
        "Deny": (KG.denied, True),
        "Threaten": (KG.threatened, True),
        "Protest": (KG.protested, False),
    }
)
"""Event type → (shortcut from its agent, whether it points to the ``about`` event when there is one)."""

_ENTITY_ROLES = frozenset(("agent", "target", "location", "instrument"))

_TIME_TYPES: tuple[tuple[re.Pattern[str], ox.NamedNode], ...] = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date),
    (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth),
    (re.compile(r"\d{4}"), XSD.gYear),
)


@lru_cache(maxsize=1 << 16)  # the same ids, keys and roles come back for every quad of an article
def slug(text: str) -> str:
    """A path segment for ``text``: NFKC, lowercase, whitespace runs → ``-``, the rest percent-encoded.

    Anything outside ``[a-z0-9._~-]`` is percent-encoded as UTF-8; an empty text gives ``_`` and a
    segment of dots only is encoded (``.`` and ``..`` would mean "this/parent folder").
    """
    normalized = re.sub(r"\s+", "-", unicodedata.normalize("NFKC", text).lower())
    if not normalized:
        return "_"
    if set(normalized) == {"."}:
        return "%2E" * len(normalized)
    return "".join(
        ch if ch in _UNRESERVED else "".join(f"%{b:02X}" for b in ch.encode()) for ch in normalized
    )


LAYOUT: Mapping[str, str] = MappingProxyType(
    {
        "entity": "entity/",
        "event": "event/",
        "article": "article/",
        "graph": "graph/",
        "extraction": "extraction/",
        "incident": "incident/",
        "fact": "fact/",
    }
)
"""Where each kind of minted IRI lives, relative to the base IRI (``$KG_BASE``); the only copy of it."""

PREFIXED: tuple[str, ...] = ("entity", "event", "article", "graph", "incident", "fact")
"""Minted namespaces that get a prefix in written RDF and in query tables."""


def _minted(kind: str, *segments: str) -> ox.NamedNode:
    return ox.NamedNode(settings.base_iri() + LAYOUT[kind] + "/".join(segments))


class _Minter:
    """The IRIs of one article's mapping, minted under one base IRI read once (``settings.base_iri`` reads
    the environment at each call), each entity's and event's made once however many quads name it."""

    def __init__(self, article_id: str) -> None:
        self.base = settings.base_iri()
        self.article_slug = slug(article_id)
        self.graph = ox.NamedNode(f"{self.base}{LAYOUT['graph']}{self.article_slug}")
        self.article = ox.NamedNode(f"{self.base}{LAYOUT['article']}{self.article_slug}")
        self._entities: dict[str, ox.NamedNode] = {}
        self._events: dict[str, ox.NamedNode] = {}

    def entity(self, key: str) -> ox.NamedNode:
        node = self._entities.get(key)
        if node is None:
            node = self._entities[key] = ox.NamedNode(f"{self.base}{LAYOUT['entity']}{slug(key)}")
        return node

    def event(self, key: str) -> ox.NamedNode:
        node = self._events.get(key)
        if node is None:
            node = self._events[key] = ox.NamedNode(
                f"{self.base}{LAYOUT['event']}{self.article_slug}/{slug(key)}"
            )
        return node

    def fact(self, key: str, role: str, number: int) -> ox.NamedNode:
        segments = f"{self.article_slug}/{slug(key)}/{slug(role)}-{number}"
        return ox.NamedNode(f"{self.base}{LAYOUT['fact']}{segments}")

    def minted(self, kind: str, *segments: str) -> ox.NamedNode:
        return ox.NamedNode(self.base + LAYOUT[kind] + "/".join(segments))


def entity_iri(key: str) -> ox.NamedNode:
    return _minted("entity", slug(key))


def event_iri(article_id: str, key: str) -> ox.NamedNode:
    return _minted("event", slug(article_id), slug(key))


def fact_iri(article_id: str, key: str, role: str, number: int) -> ox.NamedNode:
    """The ``number``-th (1-based) fact of ``role`` of one event: ``…/fact/<article>/<key>/<role>-<n>``."""
    return _minted("fact", slug(article_id), slug(key), f"{slug(role)}-{number}")


def incident_iri(identifier: str) -> ox.NamedNode:
    """An incident: ``…/incident/<id>`` (ids are minted by :func:`kg.link.incident_id`)."""
    return _minted("incident", slug(identifier))


def article_iri(article_id: str) -> ox.NamedNode:
    return _minted("article", slug(article_id))


def article_graph(article_id: str) -> ox.NamedNode:
    return _minted("graph", slug(article_id))


def provenance_graph() -> ox.NamedNode:
    """The graph that records extraction runs (follows ``KG_BASE`` at call time)."""
    return _minted("graph", "provenance")


PROVENANCE_GRAPH: ox.NamedNode = provenance_graph()


def incidents_graph() -> ox.NamedNode:
    """The graph of incidents and of the reports' links to them (follows ``KG_BASE`` at call time)."""
    return _minted("graph", "incidents")


RESERVED_GRAPHS: tuple[str, ...] = ("provenance", "incidents")
"""Graph names kg keeps for itself: an article with such an id would overwrite them."""


def activity_iri(article_id: str, sha256: str) -> ox.NamedNode:
    return _minted("extraction", slug(article_id), sha256[:12])


def prefixes() -> dict[str, str]:
    """Every prefix kg writes: the vocabularies of :mod:`kg.terms`, the minted namespaces (current base)."""
    base = settings.base_iri()
    return {**NAMESPACES, **{name: base + LAYOUT[name] for name in PREFIXED}}


def _text(value: str) -> ox.Literal:
    return ox.Literal(value)


@lru_cache(maxsize=4096)
def _name(value: str) -> ox.Literal:
    """A plain literal of a value from a small set (a role, a rule id): made once each."""
    return ox.Literal(value)


def _english(value: str) -> ox.Literal:
    return ox.Literal(value, language="en")


@lru_cache(maxsize=4096)  # offsets and counts: the same few thousand numbers over and over
def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=XSD.integer)


def _decimal(value: float) -> ox.Literal:
    return _decimal_of(repr(float(value)))


@lru_cache(maxsize=4096)  # confidences and coordinates: few distinct values (keyed by text: -0.0 is not 0.0)
def _decimal_of(text: str) -> ox.Literal:
    number = Decimal(text)
    if not number.is_finite():
        raise ValueError(f"not a finite number: {text}")
    return ox.Literal(format(number, "f"), datatype=XSD.decimal)


def _date(value: date) -> ox.Literal:
    """An xsd:date of the day (a datetime's time of day is dropped)."""
    return ox.Literal(f"{value.year:04d}-{value.month:02d}-{value.day:02d}", datatype=XSD.date)


def _boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=XSD.boolean)


def time_literal(iso: str) -> ox.Literal:
    """``2024-01-03`` → xsd:date, ``2024-01`` → xsd:gYearMonth, ``2024`` → xsd:gYear; else ValueError."""
    for pattern, datatype in _TIME_TYPES:
        if pattern.fullmatch(iso):
            try:
                date.fromisoformat((iso + "-01-01")[:10])  # rejects month 13, day 32, Feb 30
            except ValueError as exc:
                raise ValueError(f"time {iso!r} is not a calendar date: {exc}") from None
            return ox.Literal(iso, datatype=datatype)
    raise ValueError(f"time {iso!r} is not an ISO date, year-month or year")


class _Quads:
    """Collects quads into one graph, in order, without duplicates."""

    def __init__(self) -> None:
        self.quads: dict[ox.Quad, None] = {}

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal, g: ox.NamedNode) -> None:
        self.quads[ox.Quad(s, p, o, g)] = None


def _all_entities(ex: Extraction, mint: _Minter) -> dict[str, list[Entity]]:
    """Every entity of the extraction and of its events' roles, grouped by the node they name (keys that
    differ only in case or punctuation, "ISTANBUL" of a dateline and "Istanbul", are one node), keyed by
    the first key, in order of appearance."""
    grouped: dict[str, list[Entity]] = {}
    first_key: dict[str, str] = {}
    role_entities = (e for event in ex.events for entities in event.roles.values() for e in entities)
    for entity in (*ex.entities, *role_entities):
        key = first_key.setdefault(mint.entity(entity.key).value, entity.key)
        grouped.setdefault(key, []).append(entity)
    return grouped


def _entity_kind(entity: Entity) -> str:
    if entity.kind not in ENTITY_KINDS:
        raise MappingError(f"entity {entity.label!r} has unknown kind {entity.kind!r}")
    return entity.kind


def _entity_quads(out: _Quads, mint: _Minter, key: str, versions: list[Entity]) -> tuple[str, Geo | None]:
    """Type, labels and gazetteer facts of one entity; returns the kind it was given and its match."""
    first = versions[0]
    found = next((v.geo for v in versions if v.geo is not None), None)
    kind = _entity_kind(first)
    node, graph = mint.entity(key), mint.graph
    # the label as the text writes it, not a dateline's or headline's capitals, when it has both
    label = next((v.label for v in versions if not v.label.isupper()), first.label)
    out.add(node, RDF.type, KG[kind], graph)
    out.add(node, RDFS.label, _text(label), graph)
    out.add(node, SKOS.prefLabel, _english(label), graph)
    surface = {v.label for v in versions} | {a for v in versions for a in v.aliases}
    for alias in sorted(surface - {label}):
        out.add(node, SKOS.altLabel, _english(alias), graph)
    if found is not None:
        _geo_quads(out, graph, node, found)
    return kind, found


def _geo_quads(out: _Quads, graph: ox.NamedNode, node: ox.NamedNode, found: Geo) -> None:
    out.add(node, OWL.sameAs, ox.NamedNode(f"{GEONAMES}{found.geonames_id}/"), graph)
    out.add(node, GEO.lat, _decimal(found.latitude), graph)
    out.add(node, GEO.long, _decimal(found.longitude), graph)
    out.add(node, KG.countryCode, _text(found.country_code), graph)
    out.add(node, KG.featureType, _text(found.feature), graph)


def _country_quads(
    out: _Quads, mint: _Minter, places: Mapping[str, tuple[str, Geo]], known: set[ox.NamedNode]
) -> None:
    """Link each place to its country's entity, minting that entity when the article has none."""
    graph = mint.graph
    countries = {g.country_code: mint.entity(k) for k, (kind, g) in places.items() if kind == "Country"}
    for key, (kind, found) in places.items():
        if kind == "Country" or found.feature == COUNTRY:
            continue
        target = countries.get(found.country_code)
        if target is None:
            home = country(found.country_code)
            if home is None:
                continue
            target = mint.entity(home.name)
            countries[found.country_code] = target
            if target not in known:
                out.add(target, RDF.type, KG.Country, graph)
                out.add(target, RDFS.label, _text(home.name), graph)
                out.add(target, SKOS.prefLabel, _english(home.name), graph)
                _geo_quads(out, graph, target, home)
                known.add(target)
        out.add(mint.entity(key), KG.inCountry, target, graph)


def _event_label(event: Event) -> str:
    agents = " and ".join(e.label for e in event.role("agent"))
    return f"{event.type}: {event.trigger}" + (f" by {agents}" if agents else "")


def _event_quads(out: _Quads, mint: _Minter, ex: Extraction, event: Event, keys: set[str]) -> None:
    article_id, graph = ex.article.id, mint.graph
    where = f"{article_id}: event {event.key}"
    if event.type not in EVENT_TYPES:
        raise MappingError(f"{where} has unknown type {event.type!r}")
    if event.about is not None and event.about not in keys:
        raise MappingError(f"{where} is about {event.about!r}, which is not an event of the article")
    node = mint.event(event.key)
    evidence = event.evidence
    out.add(node, RDF.type, KG.Event, graph)
    out.add(node, RDF.type, KG[event.type], graph)
    out.add(node, RDFS.label, _text(_event_label(event)), graph)
    out.add(node, KG.eventKey, _text(event.key), graph)
    out.add(node, KG.trigger, _text(event.trigger), graph)
    out.add(node, KG.sentence, _text(evidence.sentence), graph)
    out.add(node, KG.startChar, _integer(evidence.start), graph)
    out.add(node, KG.endChar, _integer(evidence.end), graph)
    try:
        if math.isfinite(evidence.confidence):  # else dropped by mappable_event, with a warning
            out.add(node, KG.confidence, _decimal(evidence.confidence), graph)
        if event.time is not None:
            out.add(node, KG.time, time_literal(event.time), graph)
    except ValueError as exc:
        raise MappingError(f"{where}: {exc}") from None
    for prop, count in ((KG.killed, event.killed), (KG.injured, event.injured)):
        if count is not None:
            if count < 0:
                raise MappingError(f"{where}: negative count {count}")
            out.add(node, prop, _integer(count), graph)
    out.add(node, KG.approximate, _boolean(event.approximate), graph)
    out.add(node, PROV.wasDerivedFrom, mint.article, graph)
    about = mint.event(event.about) if event.about is not None else None
    if about is not None:
        out.add(node, KG.about, about, graph)
    for role, entities in event.roles.items():
        prop = ROLE_PROPERTIES.get(role)
        if prop is None:
            raise MappingError(f"{where} has unknown role {role!r}; known: {', '.join(ROLE_PROPERTIES)}")
        for entity in entities:
            out.add(node, prop, mint.entity(entity.key), graph)
    shortcut, via_about = AGENT_SHORTCUTS[event.type]
    for agent in event.role("agent"):
        out.add(mint.entity(agent.key), shortcut, about if via_about and about is not None else node, graph)
    for target in event.role("target"):
        out.add(mint.entity(target.key), KG.wasTargetedIn, node, graph)
    _fact_quads(out, mint, article_id, event, keys)


def event_facts(event: Event) -> tuple[Fact, ...]:
    """The event's facts; a role value extraction gave no fact of its own gets one from the event's evidence.

    So every role value has a :class:`Fact`: its own sentence and span when extraction recorded them,
    else the event's sentence and span under rule :data:`EVIDENCE_RULE` (the event's confidence).
    """
    evidence = event.evidence
    fallback = Support(EVIDENCE_RULE, evidence.sentence, evidence.start, evidence.end, evidence.confidence)
    values: list[tuple[str, str]] = [
        (role, entity.key) for role, entities in event.roles.items() for entity in entities
    ]
    if event.time is not None:
        values.append(("time", event.time))
    for role, count in (("killed", event.killed), ("injured", event.injured)):
        if count is not None:
            values.append((role, str(count)))
    if event.about is not None:
        values.append(("about", event.about))
    known = {(fact.role, fact.value) for fact in event.facts}
    missing = tuple(Fact(role, value, fallback) for role, value in values if (role, value) not in known)
    return (*event.facts, *missing)


def _fact_object(
    event: Event, fact: Fact, article_id: str, mint: _Minter | None = None
) -> ox.NamedNode | ox.Literal:
    if fact.role in _ENTITY_ROLES:
        return mint.entity(fact.value) if mint is not None else entity_iri(fact.value)
    if fact.role == "time":
        return time_literal(fact.value)
    if fact.role in ("killed", "injured"):
        if not fact.value.isdigit():
            raise ValueError(f"{fact.role} fact {fact.value!r} is not a non-negative integer")
        return _integer(int(fact.value))
    return mint.event(fact.value) if mint is not None else event_iri(article_id, fact.value)


def _fact_quads(out: _Quads, mint: _Minter, article_id: str, event: Event, keys: set[str]) -> None:
    """One ``kg:Fact`` (an ``rdf:Statement``) per role value, with its sentence, span and rule."""
    where = f"{article_id}: event {event.key}"
    node, graph, article = mint.event(event.key), mint.graph, mint.article
    numbers: dict[str, int] = {}
    for fact in event_facts(event):
        if fact.role not in FACT_ROLES:
            known = ", ".join(FACT_ROLES)
            raise MappingError(f"{where} has a fact of unknown role {fact.role!r}; known: {known}")
        if fact.role == "about" and fact.value not in keys:
            raise MappingError(f"{where} has an about fact naming {fact.value!r}, no event of the article")
        try:
            value = _fact_object(event, fact, article_id, mint)
            confidence = _decimal(fact.support.confidence)
        except ValueError as exc:
            raise MappingError(f"{where}: {exc}") from None
        numbers[fact.role] = numbers.get(fact.role, 0) + 1
        iri = mint.fact(event.key, fact.role, numbers[fact.role])
        prop = FACT_PROPERTIES[fact.role]
        if fact.role == "instrument":
            out.add(node, prop, value, graph)
        out.add(node, KG.fact, iri, graph)
        out.add(iri, RDF.type, KG.Fact, graph)
        out.add(iri, RDF.subject, node, graph)
        out.add(iri, RDF.predicate, prop, graph)
        out.add(iri, RDF.object, value, graph)
        out.add(iri, KG.role, _name(fact.role), graph)
        out.add(iri, KG.rule, _name(fact.support.rule), graph)
        out.add(iri, KG.sentence, _text(fact.support.sentence), graph)
        out.add(iri, KG.startChar, _integer(fact.support.start), graph)
        out.add(iri, KG.endChar, _integer(fact.support.end), graph)
        if fact.support.in_title:
            out.add(iri, KG.inTitle, _boolean(True), graph)
        out.add(iri, KG.confidence, confidence, graph)
        if fact.qualifier:
            out.add(iri, KG.qualifier, _text(fact.qualifier), graph)
        out.add(iri, PROV.wasDerivedFrom, article, graph)


def _article_quads(out: _Quads, mint: _Minter, ex: Extraction) -> None:
    article = ex.article
    node, graph = mint.article, mint.graph
    out.add(node, RDF.type, KG.Article, graph)
    out.add(node, DCTERMS.identifier, _text(article.id), graph)
    out.add(node, RDFS.label, _text(article.title or article.id), graph)
    if article.title:
        out.add(node, DCTERMS.title, _text(article.title), graph)
    if article.published is not None:
        out.add(node, SCHEMA.datePublished, _date(article.published), graph)
    if article.source:
        out.add(node, DCTERMS.source, _text(article.source), graph)
    if article.url:
        out.add(node, SCHEMA.url, ox.Literal(article.url, datatype=XSD.anyURI), graph)
    out.add(node, KG.sha256, _text(article.sha256), graph)
    out.add(node, KG.textHash, _text(article.text_hash), graph)


def _provenance_quads(out: _Quads, mint: _Minter, ex: Extraction, generated_at: datetime, model: str) -> None:
    graph = mint.minted("graph", "provenance")
    article = ex.article
    activity = mint.minted("extraction", mint.article_slug, article.sha256[:12])
    out.add(activity, RDF.type, KG.Extraction, graph)
    out.add(activity, PROV.used, mint.article, graph)
    out.add(activity, PROV.startedAtTime, ox.Literal(generated_at.isoformat(), datatype=XSD.dateTime), graph)
    versions = {ex.extractor_version} | {event.evidence.extractor_version for event in ex.events}
    for version in sorted(v for v in versions if v):
        out.add(activity, KG.extractorVersion, _text(version), graph)
    if model:
        out.add(activity, KG.model, _text(model), graph)
    for event in ex.events:
        out.add(mint.event(event.key), PROV.wasGeneratedBy, activity, graph)


def duplicate_quads(article: Article, original_id: str) -> list[ox.Quad]:
    """The record of an article whose text repeats a stored one: who it is and whose duplicate (no events)."""
    out = _Quads()
    mint = _Minter(article.id)
    _article_quads(out, mint, Extraction(article, (), ()))
    out.add(mint.article, KG.duplicateOf, article_iri(original_id), mint.graph)
    return list(out.quads)


Warn = Callable[[str], None]


def _warning(message: str) -> None:
    warnings.warn(message, MappingWarning, stacklevel=4)


def _fact_problem(
    event: Event, fact: Fact, article_id: str, keys: set[str], mint: _Minter | None = None
) -> str | None:
    """Why ``fact`` cannot be mapped, or None."""
    if fact.role not in FACT_ROLES:
        return f"unknown role; known: {', '.join(FACT_ROLES)}"
    if fact.role == "about" and fact.value not in keys:
        return "no event of the article has that key"
    try:
        _fact_object(event, fact, article_id, mint)
        _decimal(fact.support.confidence)
    except ValueError as exc:
        return str(exc)
    return None


def mappable_event(
    event: Event, article_id: str, keys: set[str], warn: Warn, mint: _Minter | None = None
) -> Event:
    """``event`` without the values RDF cannot hold, each dropped with a warning naming article, event, value.

    Dropped: a time that is no ISO date, year-month or year (``'815'``), a negative count, an
    ``about`` naming no event of the article, a role with no property, a non-finite confidence,
    and any fact holding one of these. The event and the rest of its values are kept.
    """
    where = f"{article_id}: event {event.key}"
    changes: dict[str, object] = {}
    dropped: set[tuple[str, str]] = {(role, "") for role in event.roles if role not in ROLE_PROPERTIES}
    if event.time is not None:
        try:
            time_literal(event.time)
        except ValueError as exc:
            warn(f"{where}: dropped time {event.time!r}: {exc}")
            changes["time"] = None
            dropped.add(("time", event.time))
    for role in ("killed", "injured"):
        count = getattr(event, role)
        if count is not None and count < 0:
            warn(f"{where}: dropped {role} {count!r}: a negative count")
            changes[role] = None
            dropped.add((role, str(count)))
    if event.about is not None and event.about not in keys:
        warn(f"{where}: dropped about {event.about!r}: no event of the article has that key")
        changes["about"] = None
        dropped.add(("about", event.about))
    unknown = [role for role in event.roles if role not in ROLE_PROPERTIES]
    for role in unknown:
        labels = ", ".join(repr(entity.label) for entity in event.roles[role])
        warn(f"{where}: dropped {role} {labels}: unknown role; known: {', '.join(ROLE_PROPERTIES)}")
    if unknown:
        changes["roles"] = MappingProxyType({r: v for r, v in event.roles.items() if r not in unknown})
    if not math.isfinite(event.evidence.confidence):
        warn(f"{where}: dropped confidence {event.evidence.confidence!r}: not a finite number")
    facts = []
    for fact in event.facts:
        problem = _fact_problem(event, fact, article_id, keys, mint)
        if problem is None:
            facts.append(fact)
        elif (fact.role, fact.value) not in dropped and (fact.role, "") not in dropped:  # said once
            warn(f"{where}: dropped {fact.role} fact {fact.value!r}: {problem}")
    if len(facts) != len(event.facts):
        changes["facts"] = tuple(facts)
    return replace(event, **changes) if changes else event


def mappable_events(ex: Extraction, warn: Warn, mint: _Minter | None = None) -> Extraction:
    """``ex`` without events of unknown type, every other event made mappable (:func:`mappable_event`)."""
    kept = []
    for event in ex.events:
        if event.type in EVENT_TYPES:
            kept.append(event)
        else:
            warn(f"{ex.article.id}: event {event.key}: dropped the event: unknown type {event.type!r}")
    keys = {event.key for event in kept}
    events = tuple(mappable_event(event, ex.article.id, keys, warn, mint) for event in kept)
    return replace(ex, events=events)


def extraction_quads(
    ex: Extraction, *, generated_at: datetime, model: str = "", on_warning: Warn | None = None
) -> list[ox.Quad]:
    """All quads of one article: facts, entities, events in its graph; the run in the provenance graph.

    A value that cannot be mapped (a time such as ``'815'``, see :func:`mappable_event`) is dropped,
    and so is an event of an unknown type: ``on_warning`` (default: a :class:`MappingWarning`) hears
    a message naming the article, the event and the value; the article is kept. What cannot be
    dropped alone raises :class:`MappingError` naming the article: an entity of unknown kind, event
    keys used twice, an id naming a graph kg keeps for itself.
    """
    out = _Quads()
    mint = _Minter(ex.article.id)
    if mint.graph in {mint.minted("graph", name) for name in RESERVED_GRAPHS}:
        raise MappingError(
            f"{ex.article.id}: this id would name a graph kg keeps for itself; rename the article"
        )
    _article_quads(out, mint, ex)
    grouped = _all_entities(ex, mint)
    places: dict[str, tuple[str, Geo]] = {}
    for key, versions in grouped.items():
        try:
            kind, found = _entity_quads(out, mint, key, versions)
        except MappingError as exc:
            raise MappingError(f"{ex.article.id}: {exc}") from None
        if found is not None:
            places[key] = (kind, found)
    _country_quads(out, mint, places, {mint.entity(key) for key in grouped})
    keys = {event.key for event in ex.events}
    if len(keys) != len(ex.events):
        duplicates = sorted({e.key for e in ex.events if sum(o.key == e.key for o in ex.events) > 1})
        raise MappingError(f"{ex.article.id}: event keys used more than once: {', '.join(duplicates)}")
    ex = mappable_events(ex, on_warning or _warning, mint)
    keys = {event.key for event in ex.events}
    for event in ex.events:
        _event_quads(out, mint, ex, event, keys)
    _provenance_quads(out, mint, ex, generated_at, model)
    return list(out.quads)


def _relabelled(quad: ox.Quad, stored: dict[ox.NamedNode, str]) -> bool:
    """Whether :func:`with_stored_labels` changes or drops this naming quad of the article's graph."""
    label = stored.get(quad.subject)
    if label is None:
        return False
    same = quad.object.value == label
    return same if quad.predicate == SKOS.altLabel else not same


def with_stored_labels(
    store: Any, article_id: str, quads: list[ox.Quad], known: dict[ox.NamedNode, str] | None = None
) -> list[ox.Quad]:
    """The article's quads with each entity's preferred label the one the store's other articles give it.

    An entity named "ISIS-K" in one article and "Isis-K" in another then keeps ONE ``skos:prefLabel``
    (and ``rdfs:label``) in the union of the graphs, as SKOS requires; this article's own label becomes
    an ``skos:altLabel``. Where other articles disagree already, the least label wins.

    ``known`` (one dict for a whole build, in which no other process writes the store) remembers the
    label each entity was given, so the store is asked about an entity once per build, not once per
    article: asking every time scans every article naming it, which grows with the store. ``store``
    None: a build into a store that was empty, whose every label is in ``known``.
    """
    graph = article_graph(article_id)
    names = (SKOS.prefLabel, RDFS.label, SKOS.altLabel)
    naming = [q for q in quads if q.predicate in names and q.graph_name == graph]  # the few quads to look at
    labelled = {q.subject for q in naming if q.predicate == SKOS.prefLabel}
    if not labelled:
        return quads
    remembered = {node: known[node] for node in labelled if node in known} if known is not None else {}
    stored = dict(remembered)
    unknown = labelled - remembered.keys()
    if unknown and store is not None:  # None: nothing stored but what ``known`` remembers
        values = " ".join(str(node) for node in sorted(unknown, key=lambda n: n.value))
        query = (
            f"SELECT ?e (MIN(STR(?l)) AS ?label) WHERE {{ VALUES ?e {{ {values} }} "
            f"GRAPH ?g {{ ?e <{SKOS.prefLabel.value}> ?l }} FILTER(?g != {graph}) }} GROUP BY ?e"
        )
        stored |= {row["e"]: row["label"].value for row in store.query(query) if row["label"] is not None}
    if known is not None:
        for quad in naming:
            if quad.predicate == SKOS.prefLabel and quad.subject not in stored:
                own = known.get(quad.subject)
                known[quad.subject] = quad.object.value if own is None else min(own, quad.object.value)
        known.update(stored)
    if not any(_relabelled(quad, stored) for quad in naming):
        return quads  # every label already the stored one: nothing to rewrite (most articles)
    out = _Quads()
    for quad in quads:
        label = stored.get(quad.subject) if quad.graph_name == graph else None
        if label is None or quad.predicate not in (SKOS.prefLabel, RDFS.label) or quad.object.value == label:
            out.quads[quad] = None
            continue
        kept = _english(label) if quad.predicate == SKOS.prefLabel else _text(label)
        out.add(quad.subject, quad.predicate, kept, graph)
        out.add(quad.subject, SKOS.altLabel, _english(quad.object.value), graph)
    return [
        q for q in out.quads if not (q.predicate == SKOS.altLabel and q.object.value == stored.get(q.subject))
    ]
