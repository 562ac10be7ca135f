"""Network analysis of the event graph: one projection to networkx, then plain functions of it.

:func:`to_networkx` reads the store with SPARQL and returns a :class:`networkx.MultiDiGraph` whose
nodes are events and entities and whose edges are their roles and relations. Every other function
takes that graph and returns a plain ``dict`` naming entities by label, never by IRI, so the CLI,
the notebook and the server print the very same answers.

Node attributes: ``label``, ``kind`` (class local name: ``Attack``, ``Group``, ...), ``aliases``
(sorted list), ``sentences`` (list of ``(sentence, article title)``), ``time``, ``killed``,
``injured``. Events also carry ``article`` (``doc``, ``title``, ``source``, ``published``, ``url``
of the article they were read from), ``facts`` (``(role, value, sentence)`` per role value, the
value a node of the graph or a literal's text, when the store holds per-fact provenance) and
``incident`` (the id of the incident the event reports, when incidents are linked).
Places carry ``country`` (the label of the country they lie in). Edge attribute: ``relation``
(``agent``, ``target``, ``locatedIn``, ``about``, ``inCountry``), also used as the edge key.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

import networkx as nx
from pyoxigraph import Literal

from kg.errors import BadOptionError, NotFoundError, UnknownFormatError
from kg.model import ENTITY_KINDS, EVENT_TYPES, INCIDENT_TYPES

ACTOR_KINDS: tuple[str, ...] = ("Person", "Organization", "Group", "Country")
PLACE_KINDS: tuple[str, ...] = ("Place", "Country")
BETWEENNESS_BUDGET = 1_000_000
MIN_BETWEENNESS_SOURCES = 20

_KG = "https://w3id.org/newskg/ontology#"
_PREFIXES = f"""PREFIX kg: <{_KG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""

_EVENTS = _PREFIXES + """SELECT ?ev ?cls ?label ?time ?killed ?injured ?sentence ?incident
       ?title ?doc ?source ?published ?url WHERE {
  %(filter)s
  OPTIONAL { ?ev kg:incident ?incidentNode . ?incidentNode kg:incidentId ?incident }
  OPTIONAL { ?ev rdfs:label ?label }
  OPTIONAL { ?ev kg:time ?time }
  OPTIONAL { ?ev kg:killed ?killed }
  OPTIONAL { ?ev kg:injured ?injured }
  OPTIONAL { ?ev kg:sentence ?sentence }
  OPTIONAL { ?ev prov:wasDerivedFrom ?art .
             OPTIONAL { ?art dcterms:title ?title }
             OPTIONAL { ?art dcterms:identifier ?doc }
             OPTIONAL { ?art dcterms:source ?source }
             OPTIONAL { ?art schema:datePublished ?published }
             OPTIONAL { ?art schema:url ?url } }
}"""

_FACTS = _PREFIXES + """SELECT ?ev ?role ?object ?sentence WHERE {
  %(filter)s
  ?ev kg:fact ?fact .
  ?fact kg:role ?role ; rdf:object ?object .
  OPTIONAL { ?fact kg:sentence ?sentence }
}"""

_ROLES = _PREFIXES + """SELECT ?ev ?p ?o WHERE {
  %(filter)s
  VALUES ?p { kg:agent kg:target kg:locatedIn kg:about }
  ?ev ?p ?o .
}"""

_ENTITY_FACT = _PREFIXES + """SELECT DISTINCT ?ent ?value WHERE {
  { SELECT DISTINCT ?ent WHERE {
      %(filter)s
      VALUES ?p { kg:agent kg:target kg:locatedIn }
      ?ev ?p ?ent .
  } }
  %(pattern)s
}"""

_KIND_CLASSES = " ".join(f"kg:{kind}" for kind in ENTITY_KINDS)
ENTITY_FACTS: dict[str, str] = {
    "kind": f"VALUES ?value {{ {_KIND_CLASSES} }} ?ent a ?value .",
    "pref": "?ent skos:prefLabel ?value .",
    "label": "?ent rdfs:label ?value .",
    "alias": "?ent skos:altLabel ?value .",
    "country": "?ent kg:inCountry ?value .",
    "country_label": "?ent kg:inCountry/skos:prefLabel ?value .",
}
"""What is read about each entity, one query per fact (one join each, no cross products)."""


# --- building a graph -------------------------------------------------------------------------


def add_entity(
    G: nx.MultiDiGraph,
    node: str,
    *,
    label: str,
    kind: str,
    aliases: Iterable[str] = (),
    sentences: Iterable[tuple[str, str]] = (),
    country: str | None = None,
) -> None:
    """Add (or update) an entity node with the attributes every function here reads (``country``:
    the label of the country a place lies in)."""
    G.add_node(
        node, label=label, kind=kind, aliases=sorted(set(aliases) - {label}), sentences=list(sentences),
        time=None, killed=None, injured=None, country=country,
    )


def add_event(
    G: nx.MultiDiGraph,
    node: str,
    *,
    label: str,
    kind: str,
    time: str | None = None,
    killed: int | None = None,
    injured: int | None = None,
    sentences: Iterable[tuple[str, str]] = (),
    article: dict[str, str | None] | None = None,
    facts: Iterable[tuple[str, str, str | None]] = (),
    incident: str | None = None,
    **roles: Iterable[str],
) -> None:
    """Add an event node and an edge per role value (``agent=["is"], locatedIn=["kerman"]``).

    Role values name nodes already in ``G``; the relation is the keyword. ``article`` describes the
    source (``doc``, ``title``, ``source``, ``published``, ``url``), ``facts`` are ``(role, value,
    sentence)``, ``incident`` is the id of the incident the event reports (shared by the reports of
    one real-world event).
    """
    G.add_node(
        node, label=label, kind=kind, aliases=[], sentences=list(sentences),
        time=time, killed=killed, injured=injured, article=dict(article or {}), facts=list(facts),
        incident=incident,
    )
    for relation, targets in roles.items():
        for target in targets:
            G.add_edge(node, target, key=relation, relation=relation)


def to_networkx(
    store: Any,
    *,
    article: str | None = None,
    types: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> nx.MultiDiGraph:
    """Project the store onto a graph of events and entities, fetched with SPARQL.

    ``article`` keeps one article's events (its id), ``types`` some event types, ``since``/``until``
    (ISO dates, inclusive) the events whose time overlaps that span (undated events are then left out).
    Nodes and edges are added in IRI order, so the same store always gives the same graph.
    """
    event_filter = _event_filter(article, types)
    window = _window(since, until)
    G = nx.MultiDiGraph()
    rows = sorted(store.query(_EVENTS % {"filter": event_filter}), key=lambda row: row["ev"].value)
    for row in rows:
        time = _text(row["time"])
        if window is not None and not _overlaps(time, window):
            continue
        kind = _local(row["cls"])
        doc, sentence, title = _text(row["doc"]), _text(row["sentence"]), _text(row["title"])
        sentences = [(sentence, title or doc or "")] if sentence else []
        source = {"doc": doc, "title": title, "source": _text(row["source"]),
                  "published": _text(row["published"]), "url": _text(row["url"])}
        add_event(
            G, row["ev"].value, label=_text(row["label"]) or f"{kind} {doc or ''}".strip(), kind=kind,
            time=time, killed=_int(row["killed"]), injured=_int(row["injured"]), sentences=sentences,
            article=source, incident=_text(row["incident"]),
        )
    _add_facts(G, store, event_filter)
    roles = sorted((row["ev"].value, _local(row["p"]), row["o"].value) for row in store.query(
        _ROLES % {"filter": event_filter}))
    entity_ids = {o for ev, p, o in roles if ev in G and p != "about"}
    _add_entities(G, store, event_filter, entity_ids)
    for ev, relation, target in roles:
        if ev in G and target in G:
            G.add_edge(ev, target, key=relation, relation=relation)
            if relation != "about":
                G.nodes[target]["sentences"].extend(
                    s for s in G.nodes[ev]["sentences"] if s not in G.nodes[target]["sentences"])
    return G


def _add_facts(G: nx.MultiDiGraph, store: Any, event_filter: str) -> None:
    """Per-fact provenance of the events in ``G`` (none when the store has none)."""
    facts = sorted(
        (row["ev"].value, row["role"].value, row["object"].value, _text(row["sentence"]))
        for row in store.query(_FACTS % {"filter": event_filter})
    )
    for ev, role, value, sentence in facts:
        if ev in G:
            G.nodes[ev]["facts"].append((role, value, sentence))


def _add_entities(G: nx.MultiDiGraph, store: Any, event_filter: str, wanted: set[str]) -> None:
    facts: dict[str, dict[str, list[str]]] = {name: {} for name in ENTITY_FACTS}
    for name, pattern in ENTITY_FACTS.items():
        for row in store.query(_ENTITY_FACT % {"filter": event_filter, "pattern": pattern}):
            facts[name].setdefault(row["ent"].value, []).append(row["value"].value)
    for iri in sorted(wanted):
        kinds = {_local_iri(value) for value in facts["kind"].get(iri, [])}
        kind = next((k for k in ENTITY_KINDS if k in kinds), "Entity")
        labels = sorted(facts["pref"].get(iri, [])) + sorted(facts["label"].get(iri, []))
        label = labels[0] if labels else iri.rsplit("/", 1)[-1]
        add_entity(G, iri, label=label, kind=kind, aliases=set(facts["alias"].get(iri, [])) | set(labels))
        countries = sorted(facts["country_label"].get(iri, []))
        if countries:
            G.nodes[iri]["country"] = countries[0]
    for iri in sorted(wanted):
        for country in facts["country"].get(iri, []):
            if country in G and country != iri:
                G.add_edge(iri, country, key="inCountry", relation="inCountry")


def _event_filter(article: str | None, types: Iterable[str] | None) -> str:
    chosen = list(types) if types else list(EVENT_TYPES)
    for name in chosen:
        if name not in EVENT_TYPES:
            raise UnknownFormatError("event type", name, list(EVENT_TYPES))
    classes = " ".join(f"kg:{name}" for name in chosen)
    pattern = f"VALUES ?cls {{ {classes} }} ?ev a ?cls ."
    if article is not None:
        pattern += f" ?ev prov:wasDerivedFrom/dcterms:identifier {Literal(article)} ."
    return pattern


def _window(since: str | None, until: str | None) -> tuple[str, str] | None:
    if since is None and until is None:
        return None
    for value in (since, until):
        if value is not None:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise BadOptionError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None
    return (since or "0000-01-01", until or "9999-12-31")


def _overlaps(time: str | None, window: tuple[str, str]) -> bool:
    """Whether an ISO date, month or year overlaps the inclusive window of ISO dates."""
    if not time:
        return False
    start = (time + "-01-01")[:10] if len(time) == 4 else (time + "-01")[:10]
    end = (time + "-12-31")[:10] if len(time) == 4 else (time + "-31")[:10]
    return start <= window[1] and end >= window[0]


def _local(term: Any) -> str:
    return _local_iri(term.value)


def _local_iri(value: str) -> str:
    return value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _text(term: Any) -> str | None:
    return None if term is None else term.value


def _int(term: Any) -> int | None:
    return None if term is None else int(term.value)


# --- looking things up ------------------------------------------------------------------------


def label(G: nx.MultiDiGraph, node: str) -> str:
    """The label of a node (its id when it has none)."""
    return G.nodes[node].get("label") or str(node)


def find_node(G: nx.MultiDiGraph, name: str) -> str:
    """The node whose label or alias is ``name`` (case-insensitive); entities win over events.

    >>> G = nx.MultiDiGraph()
    >>> add_entity(G, "is", label="Islamic State", kind="Group", aliases=["ISIS"])
    >>> find_node(G, "isis")
    'is'
    """
    wanted = name.casefold().strip()
    matches = [
        node for node, data in G.nodes(data=True)
        if wanted == str(data.get("label", node)).casefold()
        or wanted in (alias.casefold() for alias in data.get("aliases", ()))
    ]
    if not matches:
        names = sorted({str(data.get("label", node)) for node, data in G.nodes(data=True)})
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise NotFoundError(f"no entity or event named {name!r} in the graph{hint}")
    return max(matches, key=lambda node: (G.nodes[node].get("kind") not in EVENT_TYPES, G.degree(node)))


def is_event(G: nx.MultiDiGraph, node: str) -> bool:
    return G.nodes[node].get("kind") in EVENT_TYPES


def _simple(G: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of ``G``, its nodes and adjacency in ``G``'s order (an undirected
    view orders neighbours by string hash, so answers would differ from one process to the next)."""
    simple = nx.Graph()
    simple.add_nodes_from(G.nodes(data=True))
    simple.add_edges_from(G.edges(data=True))
    return simple


# --- analyses ---------------------------------------------------------------------------------


def importance(G: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank of every node over the undirected graph (what the view sizes nodes by).

    >>> G = nx.MultiDiGraph()
    >>> add_entity(G, "k", label="Kerman", kind="Place")
    >>> add_event(G, "e1", label="blast", kind="Attack", locatedIn=["k"])
    >>> add_event(G, "e2", label="second blast", kind="Attack", locatedIn=["k"])
    >>> max(importance(G).items(), key=lambda item: item[1])[0]
    'k'
    """
    if G.number_of_nodes() == 0:
        return {}
    return nx.pagerank(_simple(G))


def betweenness_sources(G: nx.Graph) -> int | None:
    """How many source nodes betweenness samples: every node (exact) while that stays cheap, else a
    seeded sample sized so the work stays about ``BETWEENNESS_BUDGET`` edge visits.

    >>> betweenness_sources(nx.path_graph(50)) is None
    True
    >>> betweenness_sources(nx.path_graph(200_000))
    20
    """
    n, m = G.number_of_nodes(), max(G.number_of_edges(), 1)
    if n * m <= BETWEENNESS_BUDGET:
        return None
    return min(n, max(MIN_BETWEENNESS_SOURCES, BETWEENNESS_BUDGET // m))


def _events_of(G: nx.MultiDiGraph, node: str) -> set[str]:
    """The events that name ``node`` in any role."""
    return {other for other in nx.all_neighbors(G, node) if is_event(G, other)}


def _largest_part(simple: nx.Graph) -> set[str]:
    """The largest connected part (ties: the one whose smallest node id sorts first)."""
    return min(nx.connected_components(simple), key=lambda part: (-len(part), min(map(str, part))))


def key_actors(G: nx.MultiDiGraph, top: int = 10, min_events: int = 2) -> dict[str, Any]:
    """The actors (people, organizations, groups, countries) in at least ``min_events`` events,
    ranked by PageRank over the whole graph, with betweenness; ``ranking`` says so in one line.

    When no actor reaches ``min_events``, the actors of the largest connected part are ranked
    instead, so one-event actors of tiny clusters never crowd out those that hold the story together.

    >>> G = nx.MultiDiGraph()
    >>> add_entity(G, "is", label="Islamic State", kind="Group")
    >>> add_entity(G, "ir", label="Iran", kind="Country")
    >>> add_entity(G, "k", label="Kerman", kind="Place")
    >>> add_event(G, "e1", label="bombing", kind="Attack", agent=["is"], locatedIn=["k"])
    >>> add_event(G, "e2", label="claim", kind="ClaimResponsibility", agent=["is"], about=["e1"])
    >>> add_event(G, "e3", label="condemnation", kind="Condemn", agent=["ir"], about=["e1"])
    >>> [actor["label"] for actor in key_actors(G)["actors"]]
    ['Islamic State']
    >>> [actor["label"] for actor in key_actors(G, min_events=1)["actors"]]
    ['Islamic State', 'Iran']
    """
    actors = [node for node, kind in G.nodes(data="kind") if kind in ACTOR_KINDS]
    if not actors:
        return {"ranking": "no actors in the graph", "actors": []}
    simple = _simple(G)
    events = {node: _events_of(G, node) for node in actors}
    chosen = [node for node in actors if len(events[node]) >= min_events]
    how = "ranked by PageRank over the whole graph; betweenness: the share of shortest paths through each"
    if chosen:
        ranking = f"{len(chosen)} of {len(actors)} actors in at least {min_events} events, {how}"
    else:
        largest = _largest_part(simple)
        chosen = [node for node in actors if node in largest]
        ranking = (f"no actor is in {min_events} events: the {len(chosen)} of {len(actors)} actors "
                   f"of the largest connected part, {how}")
    rank = nx.pagerank(simple)
    between = nx.betweenness_centrality(simple, k=betweenness_sources(simple), seed=7)
    chosen.sort(key=lambda node: (-rank[node], label(G, node)))
    return {
        "ranking": ranking,
        "actors": [
            {
                "label": label(G, node),
                "kind": G.nodes[node]["kind"],
                "events": len(events[node]),
                "pagerank": round(rank[node], 6),
                "betweenness": round(between[node], 6),
            }
            for node in chosen[:top]
        ],
    }


def _named(G: nx.MultiDiGraph, events: Iterable[str], relations: tuple[str, ...], kinds: tuple[str, ...],
           top: int) -> list[dict[str, Any]]:
    """The nodes of ``kinds`` that ``events`` name through ``relations``, most named first."""
    counts = Counter(
        node for event in events for _, node, relation in G.out_edges(event, data="relation")
        if relation in relations and G.nodes[node].get("kind") in kinds
    )
    ranked = sorted(counts.items(), key=lambda item: (-item[1], label(G, item[0])))
    return [{"label": label(G, node), "events": n} for node, n in ranked[:top]]


def communities(G: nx.MultiDiGraph, seed: int = 42, top: int | None = None, names: int = 3) -> dict[str, Any]:
    """Louvain communities of the undirected graph (seeded, so the same graph gives the same answer),
    each summarised by its size, its events by type and the actors and places its events name most.

    >>> G = nx.MultiDiGraph()
    >>> for n in "abcd":
    ...     add_entity(G, n, label=n.upper(), kind="Group")
    >>> add_entity(G, "p", label="Pville", kind="Place")
    >>> add_event(G, "e1", label="x", kind="Attack", agent=["a"], target=["b"], locatedIn=["p"])
    >>> add_event(G, "e2", label="y", kind="Attack", agent=["c"], target=["d"])
    >>> found = communities(G)["communities"]
    >>> [(c["size"], c["types"], [a["label"] for a in c["actors"]], c["places"]) for c in found]
    [(4, {'Attack': 1}, ['A', 'B'], [{'label': 'Pville', 'events': 1}]), (3, {'Attack': 1}, ['C', 'D'], [])]
    """
    # Louvain iterates over sets of nodes: on integer nodes that order (and the answer) is the same in
    # every process, on string nodes it follows the per-process string hash.
    simple = nx.convert_node_labels_to_integers(_simple(G), label_attribute="node")
    found = [
        {simple.nodes[index]["node"] for index in part}
        for part in (nx.community.louvain_communities(simple, seed=seed) if simple.number_of_nodes() else [])
    ]
    summaries = []
    for group in found:
        events = sorted(node for node in group if is_event(G, node))
        types = Counter(G.nodes[node]["kind"] for node in events)
        summaries.append({
            "size": len(group),
            "events": len(events),
            "types": {kind: types[kind] for kind in EVENT_TYPES if types[kind]},
            "actors": _named(G, events, ("agent", "target"), ACTOR_KINDS, names),
            "places": _named(G, events, ("locatedIn",), PLACE_KINDS, names),
        })
    summaries.sort(key=lambda c: (-c["events"], -c["size"], [a["label"] for a in c["actors"]]))
    return {"communities": summaries[:top]}


def _attacks_by(G: nx.MultiDiGraph, relation: str, kinds: Iterable[str] | None, top: int,
                name: str) -> list[dict[str, Any]]:
    """Attack reports naming a node through ``relation``, counted as reports and as incidents
    (reports sharing an incident id are one), with the killed and injured of each incident once
    (the highest toll its reports give)."""
    attacks: dict[str, set[str]] = {}
    for event, node, rel in G.edges(data="relation"):
        if rel == relation and G.nodes[event].get("kind") == "Attack" and (
                kinds is None or G.nodes[node].get("kind") in kinds):
            attacks.setdefault(node, set()).add(event)

    def toll(events: set[str], field: str) -> int:
        worst: dict[str, int] = {}
        for event in events:
            unit = G.nodes[event].get("incident") or event
            worst[unit] = max(worst.get(unit, 0), G.nodes[event].get(field) or 0)
        return sum(worst.values())

    rows = [
        {
            name: label(G, node), "kind": G.nodes[node].get("kind"), "attacks": len(events),
            "incidents": len({G.nodes[e].get("incident") or e for e in events}),
            "killed": toll(events, "killed"), "injured": toll(events, "injured"),
        }
        for node, events in attacks.items()
    ]
    rows.sort(key=lambda row: (-row["incidents"], -row["attacks"], -row["killed"], row[name]))
    return rows[:top]


def most_targeted_places(G: nx.MultiDiGraph, top: int = 10) -> dict[str, Any]:
    """Places where most attacks happened (``locatedIn``), with the people killed and injured.

    >>> G = nx.MultiDiGraph()
    >>> add_entity(G, "k", label="Kerman", kind="Place")
    >>> add_entity(G, "t", label="Tehran", kind="Place")
    >>> add_event(G, "e1", label="blast", kind="Attack", killed=90, locatedIn=["k"], incident="k1")
    >>> add_event(G, "e2", label="bombing", kind="Attack", killed=95, locatedIn=["k"], incident="k1")
    >>> add_event(G, "e3", label="protest", kind="Protest", locatedIn=["t"])
    >>> most_targeted_places(G)["places"]
    [{'place': 'Kerman', 'kind': 'Place', 'attacks': 2, 'incidents': 1, 'killed': 95, 'injured': 0}]
    """
    return {"places": _attacks_by(G, "locatedIn", PLACE_KINDS, top, "place")}


def most_targeted(G: nx.MultiDiGraph, top: int = 10) -> dict[str, Any]:
    """What attacks were aimed at (``target``: people, groups, buildings, whatever kind), most first.

    >>> G = nx.MultiDiGraph()
    >>> add_entity(G, "c", label="churches", kind="Entity")
    >>> add_entity(G, "k", label="Kerman", kind="Place")
    >>> add_event(G, "e1", label="bombing", kind="Attack", killed=40, target=["c"], locatedIn=["k"])
    >>> most_targeted(G)["targets"]
    [{'target': 'churches', 'kind': 'Entity', 'attacks': 1, 'incidents': 1, 'killed': 40, 'injured': 0}]
    """
    return {"targets": _attacks_by(G, "target", None, top, "target")}


def actor_cooccurrence(G: nx.MultiDiGraph, top: int | None = None) -> dict[str, Any]:
    """Actor pairs that share events: the actor–event graph projected onto actors, weighted by events.

    >>> G = nx.MultiDiGraph()
    >>> for n, name in [("is", "Islamic State"), ("ir", "Iran"), ("us", "United States")]:
    ...     add_entity(G, n, label=name, kind="Group")
    >>> add_event(G, "e1", label="accusation", kind="Accuse", agent=["ir"], target=["us"])
    >>> add_event(G, "e2", label="denial", kind="Deny", agent=["us"], target=["ir"])
    >>> add_event(G, "e3", label="bombing", kind="Attack", agent=["is"], target=["ir"])
    >>> actor_cooccurrence(G)["pairs"][0]
    {'a': 'Iran', 'b': 'United States', 'weight': 2}
    """
    bipartite = nx.Graph()
    actors = {node for node, kind in G.nodes(data="kind") if kind in ACTOR_KINDS}
    for event, node in G.edges():
        if node in actors and is_event(G, event):
            bipartite.add_edge(node, ("event", event))
    linked = actors & set(bipartite)
    projected = nx.bipartite.weighted_projected_graph(bipartite, linked) if linked else nx.Graph()
    pairs = [
        dict(zip(("a", "b"), sorted((label(G, u), label(G, v))), strict=True)) | {"weight": weight}
        for u, v, weight in projected.edges(data="weight")
    ]
    pairs.sort(key=lambda pair: (-pair["weight"], pair["a"], pair["b"]))
    return {"pairs": pairs[:top]}


def shortest_path(G: nx.MultiDiGraph, a: str, b: str) -> dict[str, Any]:
    """The shortest chain of relations between two names (labels or aliases, case-insensitive).

    Raises :class:`NotFoundError` for a name not in the graph; ``path`` is empty when no chain exists.

    >>> G = nx.MultiDiGraph()
    >>> add_entity(G, "is", label="Islamic State", kind="Group")
    >>> add_entity(G, "k", label="Kerman", kind="Place")
    >>> add_event(G, "e1", label="bombing", kind="Attack", agent=["is"], locatedIn=["k"])
    >>> shortest_path(G, "islamic state", "KERMAN")["path"]
    ['Islamic State', 'bombing', 'Kerman']
    >>> shortest_path(G, "Islamic State", "Atlantis")
    Traceback (most recent call last):
    ...
    kg.errors.NotFoundError: no entity or event named 'Atlantis' in the graph
    """
    source, target = find_node(G, a), find_node(G, b)
    try:
        nodes = nx.shortest_path(G.to_undirected(as_view=True), source, target)
    except nx.NetworkXNoPath:
        return {"from": label(G, source), "to": label(G, target), "path": [], "steps": [], "length": None}
    steps = []
    for u, v in zip(nodes, nodes[1:], strict=False):
        forward = G.get_edge_data(u, v)
        subject, obj, data = (u, v, forward) if forward else (v, u, G.get_edge_data(v, u))
        relation = next(iter(data.values()))["relation"]
        steps.append({"subject": label(G, subject), "relation": relation, "object": label(G, obj)})
    return {
        "from": label(G, source), "to": label(G, target), "path": [label(G, n) for n in nodes],
        "steps": steps, "length": len(nodes) - 1,
    }


def timeline(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Dated events in time order with their agents, targets and places; undated events listed apart
    (by type and label) with their count.

    >>> G = nx.MultiDiGraph()
    >>> add_entity(G, "is", label="Islamic State", kind="Group")
    >>> add_event(G, "e2", label="claim", kind="ClaimResponsibility", time="2024-01-04", agent=["is"])
    >>> add_event(G, "e1", label="bombing", kind="Attack", time="2024-01-03", killed=95)
    >>> add_event(G, "e3", label="vow", kind="Threaten", agent=["is"])
    >>> result = timeline(G)
    >>> [(row["time"], row["label"]) for row in result["events"]], result["undated"]
    ([('2024-01-03', 'bombing'), ('2024-01-04', 'claim')], 1)
    >>> [(row["type"], row["label"], row["agents"]) for row in result["undated_events"]]
    [('Threaten', 'vow', ['Islamic State'])]
    """
    dated, undated = [], []
    for node, data in G.nodes(data=True):
        if data.get("kind") not in EVENT_TYPES:
            continue
        related: dict[str, list[str]] = {relation: [] for relation in ("agent", "target", "locatedIn")}
        for _, other, relation in G.out_edges(node, data="relation"):
            if relation in related:
                related[relation].append(label(G, other))
        row = {
            "time": data.get("time"), "type": data["kind"], "label": label(G, node),
            "agents": sorted(related["agent"]), "targets": sorted(related["target"]),
            "places": sorted(related["locatedIn"]),
            "killed": data.get("killed"), "injured": data.get("injured"),
        }
        (dated if row["time"] else undated).append(row)
    dated.sort(key=lambda row: (row["time"], row["type"], row["label"]))
    undated.sort(key=lambda row: (row["type"], row["label"]))
    return {"events": dated, "undated": len(undated), "undated_events": undated}


def components(G: nx.MultiDiGraph, top: int | None = None) -> dict[str, Any]:
    """Weakly connected parts of the graph, largest first, each named by its most important members
    (by PageRank) and by the actors and places its events name most.

    >>> G = nx.MultiDiGraph()
    >>> add_entity(G, "is", label="Islamic State", kind="Group")
    >>> add_event(G, "e1", label="bombing", kind="Attack", agent=["is"])
    >>> add_event(G, "e2", label="rally", kind="Protest")
    >>> result = components(G)
    >>> result["count"], [c["size"] for c in result["components"]]
    (2, [2, 1])
    """
    rank = importance(G)
    parts = sorted(nx.weakly_connected_components(G), key=lambda c: (-len(c), min(map(str, c))))
    return {
        "count": len(parts),
        "components": [
            {
                "size": len(part),
                "events": sum(1 for node in part if is_event(G, node)),
                "members": [label(G, n) for n in sorted(part, key=lambda n: (-rank[n], label(G, n)))[:5]],
                "actors": _named(G, [n for n in part if is_event(G, n)], ("agent", "target"), ACTOR_KINDS, 3),
                "places": _named(G, [n for n in part if is_event(G, n)], ("locatedIn",), PLACE_KINDS, 3),
            }
            for part in parts[:top]
        ],
    }


def summary(G: nx.MultiDiGraph) -> dict[str, Any]:
    """How many nodes and edges, events by type, incidents by type and entities by kind.

    An incident is the reports of one real-world attack or protest across articles (the events sharing
    an ``incident`` id); such an event without one counts as its own.

    >>> G = nx.MultiDiGraph()
    >>> add_entity(G, "k", label="Kerman", kind="Place")
    >>> add_event(G, "e1", label="blast", kind="Attack", locatedIn=["k"], incident="kerman-1")
    >>> add_event(G, "e2", label="bombing", kind="Attack", locatedIn=["k"], incident="kerman-1")
    >>> summary(G)
    {'nodes': 3, 'edges': 2, 'events': {'Attack': 2}, 'incidents': {'Attack': 1}, 'entities': {'Place': 1}}
    """
    kinds = Counter(kind for _, kind in G.nodes(data="kind"))
    units = {
        (data["kind"], data.get("incident") or node)
        for node, data in G.nodes(data=True)
        if data.get("kind") in INCIDENT_TYPES
    }
    incidents = Counter(kind for kind, _ in units)
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "events": {kind: kinds[kind] for kind in EVENT_TYPES if kinds[kind]},
        "incidents": {kind: incidents[kind] for kind in INCIDENT_TYPES if incidents[kind]},
        "entities": {kind: n for kind, n in sorted(kinds.items()) if kind not in EVENT_TYPES},
    }


def report(G: nx.MultiDiGraph, top: int = 10, min_events: int = 2) -> dict[str, Any]:
    """Every analysis in one dict (what ``kg analyze`` prints).

    >>> G = nx.MultiDiGraph()
    >>> add_entity(G, "k", label="Kerman", kind="Place")
    >>> add_event(G, "e1", label="blast", kind="Attack", time="2024-01-03", locatedIn=["k"])
    >>> report(G)["most_targeted_places"]["places"][0]["place"], len(report(G)["timeline"]["events"])
    ('Kerman', 1)
    """
    return {
        "summary": summary(G),
        "key_actors": key_actors(G, top, min_events),
        "communities": communities(G, top=top),
        "most_targeted_places": most_targeted_places(G, top),
        "most_targeted": most_targeted(G, top),
        "actor_cooccurrence": actor_cooccurrence(G, top),
        "timeline": timeline(G),
        "components": components(G, top),
    }
