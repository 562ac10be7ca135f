"""What the view draws: a focus, a cut to size that keeps every event type, and what it left out.

A graph bigger than ``max_nodes`` is cut to its most important nodes (PageRank, grown outwards so
links show), with a quota of the most important events of every type present so no type vanishes.
What was left out is said in a note (events by type, entities) and kept in the page, grouped by
country (:func:`overview_groups`): each group is drawn as one cluster node that opens on click.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from kg.analyze import find_node, importance, is_event, label
from kg.model import EVENT_TYPES
from kg.text import counted
from kg.view.labels import country_of, event_country

MIN_PER_TYPE = 3
"""Events of each type kept by a cut, at least (or all of that type when there are fewer)."""
NO_COUNTRY = "no known country"


@dataclass(frozen=True)
class Selection:
    """The graph to draw, its PageRank, the notes for the reader and what was left out."""

    drawn: nx.MultiDiGraph
    rank: dict[str, float]
    notes: list[str]
    left_out: list[str] = field(default_factory=list)

    @property
    def omitted(self) -> int:
        return len(self.left_out)


def per_type_quota(max_nodes: int) -> int:
    return max(MIN_PER_TYPE, max_nodes // 50)


def most_important(
    G: nx.MultiDiGraph, rank: dict[str, float], limit: int, start: str | None = None
) -> list[str]:
    """``limit`` nodes chosen by PageRank, each next one the most important neighbour of those chosen
    (or, when none is left, the most important node not yet reached), so the cut stays connected.

    >>> G = nx.MultiDiGraph([("hub", "a"), ("hub", "b"), ("a", "c"), ("x", "y")])
    >>> most_important(G, {"hub": 5, "a": 3, "b": 1, "c": 2, "x": 4, "y": 0.5}, 4)
    ['hub', 'a', 'c', 'b']
    """
    by_rank = sorted(rank, key=lambda node: (-rank[node], str(node)))
    seeds = iter(([start] if start is not None else []) + by_rank)
    chosen: list[str] = []
    taken: set[str] = set()
    frontier: list[tuple[float, str, str]] = []
    while len(chosen) < limit:
        if frontier:
            node = heapq.heappop(frontier)[2]
        else:
            node = next((n for n in seeds if n not in taken), None)
            if node is None:
                break
        if node in taken:
            continue
        chosen.append(node)
        taken.add(node)
        for other in nx.all_neighbors(G, node):
            if other not in taken:
                heapq.heappush(frontier, (-rank[other], str(other), other))
    return chosen


def keep_every_type(
    G: nx.MultiDiGraph, rank: dict[str, float], limit: int, start: str | None = None
) -> list[str]:
    """:func:`most_important`, then the top events of every type the cut lacks (each with its most
    important neighbour, so it is not drawn alone), within ``limit`` nodes in all.

    >>> from kg.analyze import add_entity, add_event
    >>> G = nx.MultiDiGraph()
    >>> add_entity(G, "hub", label="Hub", kind="Group")
    >>> for n in range(20):
    ...     add_event(G, f"a{n}", label="a", kind="Attack", agent=["hub"])
    >>> add_event(G, "d", label="d", kind="Deny")
    >>> "d" in keep_every_type(G, importance(G), 5), "d" in most_important(G, importance(G), 5)
    (True, False)
    """
    quota = per_type_quota(limit)
    by_type: dict[str, list[str]] = {}
    for node in sorted(G, key=lambda n: (-rank[n], str(n))):
        if is_event(G, node):
            by_type.setdefault(G.nodes[node]["kind"], []).append(node)

    def missing(keep: list[str]) -> list[str]:
        taken = set(keep)
        extra: list[str] = []
        for events in by_type.values():
            lacking = min(quota, len(events)) - sum(node in taken for node in events)
            for node in [n for n in events if n not in taken][: max(0, lacking)]:
                best = sorted(nx.all_neighbors(G, node), key=lambda n: (-rank[n], str(n)))[:1]
                for candidate in [node, *best]:
                    if candidate not in taken:
                        taken.add(candidate)
                        extra.append(candidate)
        return extra

    keep = most_important(G, rank, limit, start=start)
    extra = missing(keep)
    if extra:
        keep = most_important(G, rank, max(1, limit - len(extra)), start=start)
        extra = missing(keep)[:limit]
        keep = keep[: max(0, limit - len(extra))]
    return keep + extra


def left_out_note(G: nx.MultiDiGraph, left_out: list[str], drawn: int) -> str:
    kinds = Counter(G.nodes[node].get("kind") for node in left_out)
    events = {kind: kinds[kind] for kind in EVENT_TYPES if kinds[kind]}
    entities = sum(n for kind, n in kinds.items() if kind not in EVENT_TYPES)
    said = ", ".join(f"{n:,} {kind}" for kind, n in events.items())
    kept = sorted({G.nodes[n]["kind"] for n in G if is_event(G, n)})
    return (
        f"{len(left_out):,} of {len(left_out) + drawn:,} nodes are left out: "
        + (f"{sum(events.values()):,} events ({said})" if events else "no events")
        + f" and {entities:,} entities. Drawn: the {drawn:,} most important (by PageRank, grown outwards "
        f"so their links show), with events of every type ({', '.join(kept)}). The rest is grouped by "
        "country in the cluster nodes: click one to open it, or search for any name. To narrow the view, "
        "use `kg view --focus NAME`, `--type TYPE`, `--article ID` or `--since/--until`, "
        "or raise `--max-nodes`."
    )


def select(
    G: nx.MultiDiGraph, *, max_nodes: int = 500, focus: str | None = None, depth: int = 1
) -> Selection:
    """The part of ``G`` to draw: the ego graph of ``focus`` if given, cut to ``max_nodes`` nodes."""
    notes: list[str] = []
    chosen = G
    centre = None
    if focus is not None:
        centre = find_node(G, focus)
        chosen = nx.ego_graph(G, centre, radius=depth, undirected=True)
        notes.append(
            f"Showing {label(G, centre)!s} and what lies within {counted(depth, 'step')} "
            f"of it: {chosen.number_of_nodes()} of {G.number_of_nodes()} nodes."
        )
    rank = importance(chosen)
    left_out: list[str] = []
    if chosen.number_of_nodes() > max_nodes:
        keep = keep_every_type(chosen, rank, max_nodes, start=centre)
        kept = set(keep)
        left_out = [node for node in chosen if node not in kept]
        notes.append(left_out_note(chosen, left_out, len(keep)))
        whole = chosen
        chosen = whole.subgraph(keep)
        rank = {node: rank[node] for node in whole}
    return Selection(chosen, rank, notes, left_out)


def overview_groups(G: nx.MultiDiGraph, left_out: list[str]) -> dict[str, list[str]]:
    """The left-out nodes grouped by country: an event by its place's, an entity by that of the
    first event naming it (a place or country by its own), in the order given.

    >>> from kg.analyze import add_entity, add_event
    >>> G = nx.MultiDiGraph()
    >>> add_entity(G, "k", label="Kerman", kind="Place", country="Iran")
    >>> add_event(G, "e1", label="x", kind="Attack", locatedIn=["k"])
    >>> add_event(G, "e2", label="y", kind="Condemn", about=["e1"])
    >>> add_event(G, "e3", label="z", kind="Protest")
    >>> overview_groups(G, ["e1", "e2", "e3", "k"])
    {'Iran': ['e1', 'e2', 'k'], 'no known country': ['e3']}
    """
    groups: dict[str, list[str]] = {}
    for node in left_out:
        if is_event(G, node):
            country = event_country(G, node)
        elif G.nodes[node].get("kind") in ("Place", "Country"):
            country = country_of(G, node)
        else:
            events = sorted((n for n in nx.all_neighbors(G, node) if is_event(G, n)), key=str)
            country = event_country(G, events[0]) if events else None
        groups.setdefault(country or NO_COUNTRY, []).append(node)
    return dict(sorted(groups.items(), key=lambda item: (item[0] == NO_COUNTRY, -len(item[1]), item[0])))
