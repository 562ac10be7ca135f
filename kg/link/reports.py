"""Reading report events (and the reactions about them) from the store with SPARQL, by IRI or article."""

from __future__ import annotations

import sys
import weakref
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from kg.link.actors import Actor
from kg.link.match import Report, split_guessed
from kg.link.places import CountryVotes, Place, country_votes, foreign_cities, top_country
from kg.model import INCIDENT_TYPES, Entity, Extraction
from kg.terms import PREFIXES

CHUNK = 400
"""IRIs per VALUES clause."""

_PREFIXES = "".join(
    f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("kg", "skos", "prov", "dcterms", "schema", "owl", "geo", "rdf")
)
_CLASSES = " ".join(f"kg:{t}" for t in INCIDENT_TYPES)

_FEATURES = (
    _PREFIXES
    + """SELECT ?r ?article ?what ?v ?x ?y ?z ?w ?u WHERE {
  VALUES ?r { %(values)s }
  GRAPH ?g {
    ?r prov:wasDerivedFrom ?article .
    { VALUES ?v { %(classes)s } ?r a ?v . BIND("type" AS ?what) }
    UNION { ?r kg:eventKey ?v . BIND("key" AS ?what) }
    UNION { ?r kg:time ?v . BIND("time" AS ?what) }
    UNION { ?r kg:trigger ?v . BIND("trigger" AS ?what) }
    UNION { ?r kg:killed ?v . BIND("killed" AS ?what) }
    UNION { ?r kg:injured ?v . BIND("injured" AS ?what) }
    UNION { ?r kg:approximate ?v . BIND("approximate" AS ?what) }
    UNION { ?article dcterms:identifier ?v . BIND("doc" AS ?what) }
    UNION { ?article schema:datePublished ?v . BIND("published" AS ?what) }
    UNION { ?article dcterms:source ?v . BIND("source" AS ?what) }
    UNION { ?r kg:fact ?f . ?f kg:role ?v ; kg:qualifier ?x . BIND("qualifier" AS ?what) }
    UNION {
      VALUES ?v { "location" "time" } ?r kg:fact ?f . ?f kg:role ?v ; kg:rule ?x ; rdf:object ?y .
      BIND("rule" AS ?what)
    }
    UNION { VALUES ?what { "agent" } ?r kg:agent ?v . OPTIONAL { ?v skos:prefLabel ?x } OPTIONAL { ?v a ?y } }
    UNION {
      VALUES ?what { "target" } ?r kg:target ?v . OPTIONAL { ?v skos:prefLabel ?x } OPTIONAL { ?v a ?y }
    }
    UNION {
      VALUES ?what { "place" } ?r kg:locatedIn ?v .
      OPTIONAL { ?v skos:prefLabel ?x }
      OPTIONAL { ?v owl:sameAs ?y }
      OPTIONAL { ?v kg:countryCode ?z }
      OPTIONAL { ?v kg:featureType ?w }
      OPTIONAL { ?v geo:lat ?lat ; geo:long ?long . BIND(CONCAT(STR(?lat), " ", STR(?long)) AS ?u) }
    }
  }
}"""
)

_ARTICLE_PLACES = (
    _PREFIXES
    + """SELECT DISTINCT ?article ?e ?cc ?f WHERE {
  VALUES ?article { %(values)s }
  GRAPH ?g { ?article dcterms:identifier ?id . ?e kg:countryCode ?cc . OPTIONAL { ?e kg:featureType ?f } }
}"""
)
"""The gazetteer places of each article (its graph's entities with a country code): its country."""

_ARTICLE_TEXTS = (
    _PREFIXES
    + """SELECT DISTINCT ?article ?s WHERE {
  VALUES ?article { %(values)s }
  GRAPH ?g {
    ?article dcterms:identifier ?id .
    { ?article dcterms:title ?s } UNION { ?e a kg:Event ; kg:sentence ?s }
  }
}"""
)
"""The headline and the events' sentences of each article: the country names they write."""

_OF_ARTICLES = (
    _PREFIXES
    + """SELECT DISTINCT ?r WHERE {
  VALUES ?article { %(values)s }
  GRAPH ?g { VALUES ?class { %(classes)s } ?r a ?class ; prov:wasDerivedFrom ?article . }
}"""
)

_REACTIONS = (
    _PREFIXES
    + """SELECT ?r ?reaction ?class ?agent ?target WHERE {
  GRAPH ?g {
    VALUES ?r { %(values)s }
    ?reaction kg:about ?r .
    ?reaction a ?class .
    FILTER(?class IN (kg:ClaimResponsibility, kg:Accuse))
    OPTIONAL { ?reaction kg:agent ?agent }
    OPTIONAL { ?reaction kg:target ?target }
  }
}"""
)


_SHARED: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
"""One object for equal :class:`Place` and :class:`Actor` values, while any report holds it: the same city
or group told by thousands of reports is held once."""


def shared(value: Place | Actor) -> Place | Actor:
    """The one object held for ``value`` (equal values are interchangeable: they are frozen)."""
    found = _SHARED.get(value)
    if found is None:
        _SHARED[value] = found = value
    return found


def _text(value: str | None) -> str | None:
    """An interned string (a trigger, a date, a source: many reports give the same)."""
    return None if value is None else sys.intern(value)


def iri(term: str) -> str:
    return f"<{term}>"


def chunks(items: list[str], size: int = CHUNK) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _value(term: Any) -> str | None:
    return None if term is None else term.value


def report_iris_of(store: Any, article_iris: Iterable[str]) -> list[str]:
    """The incident-type events of the given articles (their IRIs)."""
    found: list[str] = []
    for part in chunks(sorted(set(article_iris))):
        query = _OF_ARTICLES % {"values": " ".join(map(iri, part)), "classes": _CLASSES}
        found.extend(row["r"].value for row in store.query(query))
    return sorted(set(found))


@dataclass
class _Draft:
    type: str = ""
    doc: str = ""
    article: str = ""
    key: str = ""
    published: str | None = None
    source: str | None = None
    time: str | None = None
    trigger: str = ""
    killed: int | None = None
    injured: int | None = None
    approximate: bool = False


def _place(node: str, rows: list[tuple]) -> Place:
    label = next((x for x, *_ in rows if x), node.rsplit("/", 1)[-1])
    geonames = next((y for _, y, *_ in rows if y), None)
    country = next((z for _, _, z, *_ in rows if z), None)
    feature = next((w for *_, w, _ in rows if w), None)
    point = next((u for *_, u in rows if u), None)
    lat, lon = (float(v) for v in point.split()) if point else (None, None)
    number = (
        int(geonames.rstrip("/").rsplit("/", 1)[-1])
        if geonames and geonames.rstrip("/")[-1:].isdigit()
        else None
    )
    return shared(Place(node, label, number, feature, country, lat, lon))


def read_reports(store: Any, report_iris: Iterable[str]) -> dict[str, Report]:
    """The :class:`Report` of each IRI that names a stored incident-type event (others are left out)."""
    drafts: dict[str, _Draft] = defaultdict(_Draft)
    entities: dict[tuple[str, str], dict[str, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    qualifiers: dict[str, set[tuple[str, str]]] = defaultdict(set)
    place_rules: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    time_rules: dict[str, set[str]] = defaultdict(set)
    for part in chunks(sorted(set(report_iris))):
        query = _FEATURES % {"values": " ".join(map(iri, part)), "classes": _CLASSES}
        for row in store.query(query):
            node, what, value = row["r"].value, row["what"].value, row["v"].value
            draft = drafts[node]
            draft.article = row["article"].value
            extra = tuple(_value(row[name]) for name in ("x", "y", "z", "w", "u"))
            if what == "type":
                draft.type = value.rsplit("#", 1)[-1]
            elif what in ("killed", "injured"):
                setattr(draft, what, int(value))
            elif what == "approximate":
                draft.approximate = value == "true"
            elif what == "qualifier":
                qualifiers[node].add((value, extra[0] or ""))
            elif what == "rule":  # the rules that gave a place or the date (split_guessed)
                if value == "location":
                    place_rules[node][extra[1] or ""].add(extra[0] or "")
                else:
                    time_rules[node].add(extra[0] or "")
            elif what in ("agent", "target", "place"):
                entities[(node, what)][value].append(extra)
            else:
                setattr(draft, what, value)
    reactions = read_reactions(store, drafts)
    countries = read_article_countries(store, {d.article for d in drafts.values() if d.article})
    reports: dict[str, Report] = {}
    for node, draft in drafts.items():
        if not draft.type or not draft.doc:
            continue
        actors = {
            role: tuple(
                shared(Actor(entity, next((x for x, *_ in rows if x), entity), _kind(rows)))
                for entity, rows in sorted(entities[(node, role)].items())
            )
            for role in ("agent", "target")
        }
        places, guessed, time, guessed_time = split_guessed(
            (_place(entity, rows) for entity, rows in sorted(entities[(node, "place")].items())),
            draft.time,
            place_rules[node],
            time_rules[node],
        )
        votes = countries.get(draft.article, CountryVotes())
        places, guessed = foreign_cities(places, guessed, votes)
        reports[node] = Report(
            iri=node,
            doc=draft.doc,
            key=sys.intern(draft.key),
            type=sys.intern(draft.type),
            published=date.fromisoformat(draft.published[:10]) if draft.published else None,
            source=_text(draft.source),
            time=_text(time),
            trigger=sys.intern(draft.trigger),
            places=places,
            agents=actors["agent"],
            targets=actors["target"],
            killed=draft.killed,
            injured=draft.injured,
            qualifiers=tuple(sorted(q for q in qualifiers[node] if q[0] in ("killed", "injured"))),
            approximate=draft.approximate,
            claims=tuple(reactions.claims.get(node, ())),
            accusations=tuple(reactions.accusations.get(node, ())),
            article_country=top_country(votes),
            guessed_places=guessed,
            guessed_time=_text(guessed_time),
        )
    return reports


def read_article_countries(store: Any, article_iris: Iterable[str]) -> dict[str, CountryVotes]:
    """Article IRI → its votes for each country (:func:`kg.link.places.country_votes` of its stored
    gazetteer places and texts), for the articles that have some."""
    places: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    texts: dict[str, list[str]] = defaultdict(list)
    for part in chunks(sorted(set(article_iris))):
        values = {"values": " ".join(map(iri, part))}
        for row in store.query(_ARTICLE_PLACES % values):
            places[row["article"].value].append((row["e"].value, row["cc"].value, _value(row["f"])))
        for row in store.query(_ARTICLE_TEXTS % values):
            texts[row["article"].value].append(row["s"].value)
    found = {article: country_votes(places[article], texts[article]) for article in {*places, *texts}}
    return {article: votes for article, votes in found.items() if votes.votes or votes.named}


def _kind(rows: list[tuple]) -> str:
    kinds = sorted(y.rsplit("#", 1)[-1] for _, y, *_ in rows if y and "newskg/ontology#" in y)
    return kinds[0] if kinds else ""


@dataclass(frozen=True)
class Reactions:
    """Claims and accusations about the reports: ``(reaction IRI, agent IRIs, target IRIs)`` per report."""

    claims: dict[str, list[tuple[str, tuple[str, ...]]]]
    accusations: dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]]


def read_reactions(store: Any, report_iris: Iterable[str]) -> Reactions:
    """The claims and accusations stored about these reports (:class:`Reactions`)."""
    agents: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    targets: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for part in chunks(sorted(set(report_iris))):
        for row in store.query(_REACTIONS % {"values": " ".join(map(iri, part))}):
            key = (row["r"].value, row["reaction"].value, row["class"].value.rsplit("#", 1)[-1])
            agents[key]
            if row["agent"] is not None:
                agents[key].add(row["agent"].value)
            if row["target"] is not None:
                targets[key].add(row["target"].value)
    claims: dict[str, list] = defaultdict(list)
    accusations: dict[str, list] = defaultdict(list)
    for (report, reaction, kind), who in sorted(agents.items()):
        if kind == "ClaimResponsibility":
            claims[report].append((reaction, tuple(sorted(who))))
        else:
            accusations[report].append(
                (reaction, tuple(sorted(who)), tuple(sorted(targets[(report, reaction, kind)])))
            )
    return Reactions(dict(claims), dict(accusations))


def reports_of(ex: Extraction, labels: Mapping[str, str] | None = None) -> list[Report]:
    """The reports of one extraction as :func:`read_reports` would read them back from the store.

    ``labels`` (entity IRI → preferred label) are the labels the article was stored with (see
    :func:`kg.rdf.with_stored_labels`). The build links the articles it has just written from these,
    without reading them back; what RDF would not write (a time that is no date) is left out here too.
    The claims and accusations about each report come from the article's reactions (``kg:about`` names an
    event of its own article), so no store query is needed for them either.
    """
    from kg.rdf import _all_entities, _Minter, event_facts, time_literal

    labels = labels or {}
    article = ex.article
    minter = _Minter(article.id)  # each IRI made once, under one read of the base IRI, as kg.rdf makes it

    def entity_iri(key: str) -> Any:
        return minter.entity(key)

    def event_iri(_article: str, key: str) -> Any:
        return minter.event(key)

    def label(entity: Entity) -> str:
        return labels.get(entity_iri(entity.key).value, entity.label)

    def place(entity: Entity) -> Place:
        found = entity.geo
        node = entity_iri(entity.key).value
        if found is None:
            return shared(Place(node, label(entity)))
        return shared(
            Place(
                node,
                label(entity),
                found.geonames_id,
                found.feature,
                found.country_code,
                found.latitude,
                found.longitude,
            )
        )

    def actors(entities: Iterable[Entity]) -> tuple[Actor, ...]:
        unique = {entity_iri(e.key).value: e for e in entities}
        return tuple(shared(Actor(node, label(e), e.kind)) for node, e in sorted(unique.items()))

    def iris(entities: Iterable[Entity]) -> tuple[str, ...]:
        return tuple(sorted({entity_iri(e.key).value for e in entities}))

    geos = (
        (key, next((v.geo for v in versions if v.geo is not None), None))
        for key, versions in _all_entities(ex, minter).items()
    )
    votes = country_votes(
        [
            (entity_iri(key).value, found.country_code, found.feature)
            for key, found in geos
            if found is not None
        ],
        {article.title, *(event.evidence.sentence for event in ex.events)} - {""},
    )
    country = top_country(votes)
    claims: dict[str, list] = defaultdict(list)
    accusations: dict[str, list] = defaultdict(list)
    for event in sorted(ex.events, key=lambda e: event_iri(article.id, e.key).value):
        if event.about is None or event.type not in ("ClaimResponsibility", "Accuse"):
            continue
        reaction = event_iri(article.id, event.key).value
        if event.type == "ClaimResponsibility":
            claims[event.about].append((reaction, iris(event.role("agent"))))
        else:
            accusations[event.about].append((reaction, iris(event.role("agent")), iris(event.role("target"))))
    found: list[Report] = []
    for event in ex.events:
        if event.type not in INCIDENT_TYPES:
            continue
        try:
            time = event.time if event.time is None or time_literal(event.time) else None
        except ValueError:
            time = None
        places = {entity_iri(e.key).value: e for e in event.role("location")}
        place_rules: dict[str, set[str]] = defaultdict(set)
        time_rules: set[str] = set()
        for fact in event_facts(event):
            if fact.role == "location":
                place_rules[entity_iri(fact.value).value].add(fact.support.rule)
            elif fact.role == "time":
                time_rules.add(fact.support.rule)
        stated, guessed, time, guessed_time = split_guessed(
            (place(e) for _, e in sorted(places.items())), time, place_rules, time_rules
        )
        stated, guessed = foreign_cities(stated, guessed, votes)
        found.append(
            Report(
                iri=event_iri(article.id, event.key).value,
                doc=article.id,
                key=sys.intern(event.key),
                type=sys.intern(event.type),
                published=article.published,
                source=_text(article.source),
                time=_text(time),
                trigger=sys.intern(event.trigger),
                places=stated,
                agents=actors(event.role("agent")),
                targets=actors(event.role("target")),
                killed=event.killed,
                injured=event.injured,
                qualifiers=tuple(
                    sorted(
                        {
                            (f.role, f.qualifier)
                            for f in event.facts
                            if f.qualifier and f.role in ("killed", "injured")
                        }
                    )
                ),
                approximate=event.approximate,
                claims=tuple(claims.get(event.key, ())),
                accusations=tuple(accusations.get(event.key, ())),
                article_country=country,
                guessed_places=guessed,
                guessed_time=_text(guessed_time),
            )
        )
    return found
