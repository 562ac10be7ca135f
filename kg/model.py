"""The domain as plain frozen values, passed from one stage to the next.

Extraction returns these; only :mod:`kg.rdf` turns them into triples.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

EVENT_TYPES: tuple[str, ...] = (
    "Attack",
    "ClaimResponsibility",
    "Condemn",
    "Accuse",
    "Deny",
    "Threaten",
    "Protest",
)
"""The closed set of event types; each is a class of the same name in ``ontology/kg.ttl``."""

INCIDENT_TYPES: tuple[str, ...] = ("Attack", "Protest")
"""Event types that happen in the world, so that reports of one in many articles are one incident
(:mod:`kg.link`); claims, condemnations, accusations, denials and threats stay statements of one source."""

ENTITY_KINDS: tuple[str, ...] = ("Person", "Organization", "Group", "Country", "Place", "Instrument")
"""Kinds of entity; each is a class of the same name in ``ontology/kg.ttl`` (an instrument is a weapon or
means: "car bomb", "drone")."""

ENTITY_ROLES: tuple[str, ...] = ("agent", "target", "location", "instrument")
"""Roles whose values are entities; ``time``, ``killed``, ``injured`` and ``about`` are fields."""

FACT_ROLES: tuple[str, ...] = (*ENTITY_ROLES, "time", "killed", "injured", "about")
"""Every role a :class:`Fact` can carry."""


@dataclass(frozen=True)
class Article:
    """One news article as ingested: ``id`` is the file stem or the jsonl ``id``."""

    id: str
    title: str
    text: str
    published: date | None = None
    source: str | None = None
    url: str | None = None

    @functools.cached_property  # asked for by the store, RDF and linking: computed once per article
    def sha256(self) -> str:
        """Digest of title and text: tells a changed article from the one already stored."""
        return hashlib.sha256(f"{self.title}\n\n{self.text}".encode()).hexdigest()

    @functools.cached_property
    def text_hash(self) -> str:
        """Digest of the normalized body (NFKC, case-folded, words only, without a leading headline).

        The same story under another id, headline, case or spacing gives the same digest.
        """

        def words(text: str) -> list[str]:
            return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())

        body, headline = words(self.text), words(self.title)
        if headline and body[: len(headline)] == headline and len(body) > len(headline):
            body = body[len(headline) :]
        return hashlib.sha256(" ".join(body).encode()).hexdigest()


@dataclass(frozen=True)
class Geo:
    """A gazetteer match for a place."""

    geonames_id: int
    name: str
    latitude: float
    longitude: float
    country_code: str
    feature: str  # "country", "city", ...


@dataclass(frozen=True)
class Entity:
    """An actor, group or place. ``key`` is its normalized identity and mints its IRI."""

    key: str
    label: str
    kind: str
    aliases: frozenset[str] = frozenset()
    geo: Geo | None = None


@dataclass(frozen=True)
class Evidence:
    """Where an event was read: the sentence, its character offsets in the article text, and how sure."""

    article_id: str
    sentence: str
    start: int
    end: int
    confidence: float
    extractor_version: str


@dataclass(frozen=True)
class Support:
    """Where one role value was read: the rule that took it, its sentence and its own character span.

    ``rule`` is a dotted rule id (``agent.passive_by``); ``start``/``end`` are character offsets of
    the value's words in the article text (for a count, the number; for a date, the date words), and
    ``sentence`` is the text of the sentence that holds them. A value only the headline gives
    (``in_title``) has the headline as its sentence and its offsets in the headline.
    """

    rule: str
    sentence: str
    start: int
    end: int
    confidence: float = 1.0
    in_title: bool = False


@dataclass(frozen=True)
class Fact:
    """One role value of one event with its own provenance.

    ``value`` is the entity key for entity roles, the ISO date for ``time``, the decimal integer for
    ``killed``/``injured`` and the referred event's key for ``about``. ``qualifier`` keeps the
    wording of an approximate figure ("at least", "nearly", "more than"), else ``None``.
    """

    role: str
    value: str
    support: Support
    qualifier: str | None = None


@dataclass(frozen=True)
class Event:
    """One event of a closed type with its roles.

    ``key`` is unique within the article (``e1``, ``e2``, ...); ``about`` is the key of the event
    this one refers to (the attack that a claim, condemnation, accusation, denial or threat is about).
    ``time`` is an ISO date, month or year (``2024-01-03``, ``2020-01``, ``2020``).
    """

    key: str
    type: str
    trigger: str
    evidence: Evidence
    roles: Mapping[str, tuple[Entity, ...]] = field(default_factory=lambda: MappingProxyType({}))
    time: str | None = None
    killed: int | None = None
    injured: int | None = None
    approximate: bool = False
    about: str | None = None
    facts: tuple[Fact, ...] = ()

    def role(self, name: str) -> tuple[Entity, ...]:
        return tuple(self.roles.get(name, ()))

    def facts_for(self, role: str) -> tuple[Fact, ...]:
        """The facts of one role, in the order extraction found them."""
        return tuple(f for f in self.facts if f.role == role)


@dataclass(frozen=True)
class Extraction:
    """What extraction made of one article."""

    article: Article
    entities: tuple[Entity, ...]
    events: tuple[Event, ...]
    extractor_version: str = ""
    """The version of the extractor that made it (:func:`kg.extract.version.extractor_version`)."""
