"""The incident level of the view: the reports of one incident drawn as one node.

Each event of :func:`kg.analyze.to_networkx` is a report read from one article; reports linked to
the same ``kg:Incident`` (their ``incident`` attribute, its id) become one node, the incident
(node id ``incident:<id>``), carrying the
union of their roles, facts and sentences and the list of its reports (each with its own source and
figures, so the details panel can show what every source said). Reactions about a report are about
its incident. Events with no incident stay as they are.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from kg.analyze import is_event


def has_incidents(G: nx.MultiDiGraph) -> bool:
    return any(data.get("incident") for _, data in G.nodes(data=True))


def report_summary(G: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    """What the details panel lists about one report of an incident."""
    data = G.nodes[node]
    return {
        "id": str(node),
        "kind": data.get("kind"),
        "time": data.get("time"),
        "killed": data.get("killed"),
        "injured": data.get("injured"),
        "article": dict(data.get("article") or {}),
    }


def _latest(reports: list[dict[str, Any]], field: str) -> int | None:
    """The figure of the most recently published report that gives one (the highest that day)."""
    given = [r for r in reports if r[field] is not None]
    if not given:
        return None
    return max(given, key=lambda r: ((r["article"].get("published") or ""), r[field]))[field]


def incident_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``G`` with the reports of each incident merged into one node (id ``incident:<its id>``).

    >>> from kg.analyze import add_entity, add_event
    >>> G = nx.MultiDiGraph()
    >>> add_entity(G, "k", label="Kerman", kind="Place")
    >>> add_event(G, "a1", label="x", kind="Attack", killed=84, locatedIn=["k"], incident="i1",
    ...           article={"source": "AP", "published": "2024-01-03"})
    >>> add_event(G, "a2", label="y", kind="Attack", killed=95, locatedIn=["k"], incident="i1",
    ...           article={"source": "AFP", "published": "2024-01-04"})
    >>> add_event(G, "c1", label="z", kind="Condemn", about=["a2"])
    >>> H = incident_graph(G)
    >>> inc = H.nodes["incident:i1"]
    >>> sorted(H.nodes), inc["killed"], [r["killed"] for r in inc["reports"]]
    (['c1', 'incident:i1', 'k'], 95, [84, 95])
    >>> sorted((u, v, r) for u, v, r in H.edges(data="relation"))
    [('c1', 'incident:i1', 'about'), ('incident:i1', 'k', 'locatedIn')]
    """
    members: dict[str, list[str]] = {}
    for node, data in G.nodes(data=True):
        if is_event(G, node) and data.get("incident"):
            members.setdefault(f"incident:{data['incident']}", []).append(node)
    if not members:
        return G
    home = {report: incident for incident, reports in members.items() for report in reports}
    H = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        if node not in home:
            H.add_node(node, **data)
    for incident, reports in members.items():
        reports.sort(key=lambda r: ((G.nodes[r].get("article") or {}).get("published") or "", str(r)))
        summaries = [report_summary(G, r) for r in reports]
        times = Counter(G.nodes[r]["time"] for r in reports if G.nodes[r].get("time"))
        sentences: list[tuple[str, str]] = []
        facts: list[tuple[str, str, str | None]] = []
        for report in reports:
            sentences += [s for s in G.nodes[report].get("sentences", []) if s not in sentences]
            facts += [f for f in G.nodes[report].get("facts", []) if f not in facts]
        first = G.nodes[reports[0]]
        H.add_node(
            incident,
            label=first.get("label"),
            kind=first.get("kind"),
            aliases=[],
            sentences=sentences,
            facts=facts,
            article=dict(first.get("article") or {}),
            time=max(times, key=lambda t: (times[t], len(t), t)) if times else None,
            killed=_latest(summaries, "killed"),
            injured=_latest(summaries, "injured"),
            incident=first["incident"],
            reports=summaries,
        )
    for u, v, key, data in G.edges(keys=True, data=True):
        H.add_edge(home.get(u, u), home.get(v, v), key=key, **data)
    return H
