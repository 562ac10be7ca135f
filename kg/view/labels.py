"""Labels that tell events apart: type · place · date on one line, the main actor on the next.

An event's label is built from the graph, not from its ``rdfs:label``: its type (short form), the
place it happened (or, for a reaction, the place of the event it is about), its date and its main
actor (the first agent, else "on" the first target). Events that would still read the same are told
apart by their outlet, then their article, then a number, so no two event nodes share a label.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx

from kg.analyze import is_event, label

SHORT_TYPES = {"ClaimResponsibility": "Claim", "Threaten": "Threat"}
MAX_PART = 28
SEPARATOR = " · "


def _clip(text: str, limit: int = MAX_PART) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def related(G: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    """The nodes ``node`` points to by ``relation``, in a stable order (by label)."""
    found = {other for _, other, rel in G.out_edges(node, data="relation") if rel == relation}
    return sorted(found, key=lambda other: (label(G, other), str(other)))


def _support(G: nx.MultiDiGraph, node: str, role: str) -> Counter[str]:
    """How many facts (for an incident: across its reports) give each value of ``role``."""
    return Counter(value for r, value, _ in G.nodes[node].get("facts", []) if r == role)


def _main(G: nx.MultiDiGraph, node: str, candidates: list[str], role: str) -> str:
    """The value most facts give (a place before a country); ties by label."""
    support = _support(G, node, role)
    return min(candidates, key=lambda c: (G.nodes[c].get("kind") == "Country", -support[c], label(G, c), c))


def event_place(G: nx.MultiDiGraph, node: str, seen: frozenset[str] = frozenset()) -> str | None:
    """The node of the place an event happened (the most specific, most reported), or of the place of
    the event it is about."""
    places = related(G, node, "locatedIn")
    if places:
        return _main(G, node, places, "location")
    for other in related(G, node, "about"):
        if other not in seen:
            found = event_place(G, other, seen | {node})
            if found is not None:
                return found
    return None


def country_of(G: nx.MultiDiGraph, place: str) -> str | None:
    """The label of the country a place lies in (itself when it is one)."""
    data = G.nodes[place]
    if data.get("kind") == "Country":
        return label(G, place)
    countries = related(G, place, "inCountry")
    return data.get("country") or (label(G, countries[0]) if countries else None)


def event_country(G: nx.MultiDiGraph, node: str) -> str | None:
    """The country an event happened in (its place's country, or the place itself when a country)."""
    place = event_place(G, node)
    return None if place is None else country_of(G, place)


def main_actor(G: nx.MultiDiGraph, node: str) -> str | None:
    """The agent most facts name (else "on" the main target)."""
    agents = related(G, node, "agent")
    if agents:
        return label(G, _main(G, node, agents, "agent"))
    targets = related(G, node, "target")
    return f"on {label(G, _main(G, node, targets, 'target'))}" if targets else None


def event_label(G: nx.MultiDiGraph, node: str) -> str:
    """``Attack · Kerman · 2024-01-03`` and, on a second line, the main actor.

    >>> from kg.analyze import add_entity, add_event
    >>> G = nx.MultiDiGraph()
    >>> add_entity(G, "is", label="Islamic State", kind="Group")
    >>> add_entity(G, "k", label="Kerman", kind="Place")
    >>> add_event(G, "e1", label="x", kind="Attack", time="2024-01-03", agent=["is"], locatedIn=["k"])
    >>> add_event(G, "e2", label="y", kind="ClaimResponsibility", agent=["is"], about=["e1"])
    >>> event_label(G, "e1"), event_label(G, "e2")
    ('Attack · Kerman · 2024-01-03\\nIslamic State', 'Claim · Kerman\\nIslamic State')
    """
    data = G.nodes[node]
    kind = data.get("kind", "")
    place = event_place(G, node)
    head = [SHORT_TYPES.get(kind, kind)]
    if place is not None:
        head.append(_clip(label(G, place)))
    if data.get("time"):
        head.append(str(data["time"]))
    actor = main_actor(G, node)
    return SEPARATOR.join(head) + (f"\n{_clip(actor)}" if actor else "")


def _outlet(G: nx.MultiDiGraph, node: str) -> str:
    article = G.nodes[node].get("article") or {}
    return article.get("source") or ""


def _article(G: nx.MultiDiGraph, node: str) -> str:
    article = G.nodes[node].get("article") or {}
    return article.get("title") or article.get("doc") or ""


def display_labels(G: nx.MultiDiGraph, nodes: Iterable[str] | None = None) -> dict[str, str]:
    """The label each node is drawn with: events by :func:`event_label`, made unique; others by name.

    >>> from kg.analyze import add_entity, add_event
    >>> G = nx.MultiDiGraph()
    >>> add_entity(G, "is", label="Islamic State", kind="Group")
    >>> for n in (1, 2):
    ...     add_event(G, f"e{n}", label="x", kind="Attack", agent=["is"], article={"source": "Wire"})
    >>> sorted(display_labels(G).values())
    ['Attack\\nIslamic State (1)', 'Attack\\nIslamic State (2)', 'Islamic State']
    """
    chosen = list(G.nodes if nodes is None else nodes)
    labels = {node: event_label(G, node) if is_event(G, node) else label(G, node) for node in chosen}
    for tell in (_outlet, _article, None):
        groups: dict[str, list[str]] = defaultdict(list)
        for node in chosen:
            if is_event(G, node):
                groups[labels[node]].append(node)
        clashes = [group for group in groups.values() if len(group) > 1]
        if not clashes:
            break
        for group in clashes:
            if tell is None:
                for number, node in enumerate(sorted(group, key=str), start=1):
                    labels[node] = (
                        f"{labels[node]} ({number})"
                        if not labels[node].endswith(")")
                        else (f"{labels[node][:-1]}, {number})")
                    )
                continue
            told = {node: _clip(tell(G, node), 24) for node in group}
            if len(set(told.values())) > 1:
                for node in group:
                    if told[node]:
                        labels[node] = f"{labels[node]} ({told[node]})"
    return labels
