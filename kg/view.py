"""Interactive HTML views of the event graph: pyvis nodes and edges in one self-contained page.

The page makes no network request at all: the vis-network script and stylesheet that pyvis ships
are inlined, there is no CDN link, and a Content-Security-Policy forbids any fetch. Search, type
filter, legend and physics toggle are small plain scripts in the template. Text from articles
reaches the page only as JSON made safe inside ``<script>`` and is shown with ``textContent``, so a
label or sentence holding markup is displayed, never run. Colours and shapes come from
``kg/data/style.yaml``.
"""

from __future__ import annotations

import heapq
import json
import math
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import yaml
from pyvis.edge import Edge
from pyvis.node import Node

from kg.analyze import find_node, importance, label

DEFAULT_TITLE = "kg — event graph"
MAX_LABEL = 40
MAX_SENTENCES = 5
STABILIZATION_ITERATIONS = 250
"""Layout iterations for up to ``STABILIZATION_NODES`` nodes; bigger views get fewer (each iteration
costs about the square of the node count), so the time to a still picture stays about the same."""
STABILIZATION_NODES = 500
MIN_STABILIZATION_ITERATIONS = 40

_JS_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass(frozen=True)
class ViewInfo:
    """What was written: counts drawn, nodes left out for size, the file and its size in bytes."""

    nodes: int
    edges: int
    omitted: int
    path: Path
    bytes: int


@lru_cache(maxsize=1)
def style() -> dict[str, Any]:
    """The view's style sheet (``kg/data/style.yaml``): ``nodes``, ``edges`` and ``size`` sections."""
    return yaml.safe_load(resources.files("kg").joinpath("data/style.yaml").read_text(encoding="utf-8"))


def node_style(kind: str) -> dict[str, Any]:
    nodes = style()["nodes"]
    return nodes.get(kind, nodes["default"])


def edge_style(relation: str) -> dict[str, Any]:
    edges = style()["edges"]
    return edges.get(relation, edges["default"])


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>``: no ``<``, ``>``, ``&`` or line separators.

    >>> script_json({"label": "</script><b>"})
    '{"label": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    return "".join(_JS_UNSAFE.get(char, char) for char in text)


def select(
    G: nx.MultiDiGraph, *, max_nodes: int = 500, focus: str | None = None, depth: int = 1
) -> tuple[nx.MultiDiGraph, dict[str, float], list[str], int]:
    """The part of ``G`` to draw: the ego graph of ``focus`` if given, cut to the ``max_nodes``
    most important nodes; returns it with its PageRank, the notes to show and how many were cut."""
    notes: list[str] = []
    omitted = 0
    chosen = G
    centre = None
    if focus is not None:
        centre = find_node(G, focus)
        chosen = nx.ego_graph(G, centre, radius=depth, undirected=True)
        notes.append(
            f"Showing {label(G, centre)!s} and what lies within {depth} step{'s' if depth != 1 else ''} "
            f"of it: {chosen.number_of_nodes()} of {G.number_of_nodes()} nodes."
        )
    rank = importance(chosen)
    if chosen.number_of_nodes() > max_nodes:
        keep = most_important(chosen, rank, max_nodes, start=centre)
        omitted = chosen.number_of_nodes() - len(keep)
        chosen = chosen.subgraph(keep)
        notes.append(
            f"{omitted} of {omitted + len(keep)} nodes are left out: only the {len(keep)} most important "
            "(by PageRank, grown outwards from the top ones so their links show) are drawn. "
            "To see the others, narrow the view with "
            "`kg view --focus NAME`, `--type TYPE`, `--article ID` or `--since/--until`, "
            "or raise `--max-nodes`."
        )
    return chosen, rank, notes, omitted


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


def _node(G: nx.MultiDiGraph, node: str, rank: float, top: float) -> dict[str, Any]:
    data = G.nodes[node]
    kind = data.get("kind", "default")
    look = node_style(kind)
    sizes = style()["size"]
    full = label(G, node)
    short = full if len(full) <= MAX_LABEL else full[: MAX_LABEL - 1] + "…"
    sentences = [list(pair) for pair in data.get("sentences", [])]
    return Node(
        str(node), look["shape"], short,
        color=look["colour"],
        size=round(sizes["min"] + (sizes["max"] - sizes["min"]) * math.sqrt(rank / top if top else 0), 1),
        kind=kind,
        fullLabel=full,
        aliases=list(data.get("aliases", [])),
        sentences=sentences[:MAX_SENTENCES],
        moreSentences=max(0, len(sentences) - MAX_SENTENCES),
        time=data.get("time"),
        killed=data.get("killed"),
        injured=data.get("injured"),
    ).options


def _edge(source: str, target: str, relation: str) -> dict[str, Any]:
    look = edge_style(relation)
    return Edge(
        str(source), str(target), directed=True,
        label=relation, relation=relation, dashes=look["dashes"],
        color={"color": look["colour"], "highlight": look["colour"]},
    ).options


def stabilization_iterations(n_nodes: int) -> int:
    """How many layout iterations before physics stops: bounded so big views settle in seconds.

    >>> stabilization_iterations(100), stabilization_iterations(700), stabilization_iterations(50_000)
    (250, 127, 40)
    """
    scaled = int(STABILIZATION_ITERATIONS * (STABILIZATION_NODES / max(n_nodes, STABILIZATION_NODES)) ** 2)
    return max(MIN_STABILIZATION_ITERATIONS, scaled)


def _options(n_nodes: int) -> dict[str, Any]:
    return {
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 140, "springConstant": 0.03,
                          "damping": 0.35, "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "iterations": stabilization_iterations(n_nodes),
                              "updateInterval": 25, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_nodes > 200},
        "nodes": {"font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}, "borderWidth": 1},
        "edges": {"smooth": False, "width": 1.2, "arrows": {"to": {"scaleFactor": 0.5}},
                  "font": {"size": 10, "align": "middle", "color": "#52606d", "strokeWidth": 3}},
    }


def _legend(kinds: Counter[str]) -> list[dict[str, Any]]:
    order = list(style()["nodes"])
    ranked = sorted(kinds, key=lambda kind: (order.index(kind) if kind in order else len(order), kind))
    return [{"kind": kind, "count": kinds[kind], **node_style(kind)} for kind in ranked]


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    source = resources.files("kg").joinpath("templates/view.html.j2").read_text(encoding="utf-8")
    return env.from_string(source)


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet as shipped inside the pyvis package (no CDN)."""
    lib = resources.files("pyvis").joinpath("templates/lib/vis-9.1.2")
    script = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    return script.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def page(G: nx.MultiDiGraph, *, max_nodes: int = 500, focus: str | None = None, depth: int = 1,
         title: str = DEFAULT_TITLE) -> tuple[str, int, int, int]:
    """The HTML page of a view, with the counts of nodes and edges drawn and of nodes left out."""
    chosen, rank, notes, omitted = select(G, max_nodes=max_nodes, focus=focus, depth=depth)
    top = max((rank[node] for node in chosen), default=0.0)
    nodes = [_node(chosen, node, rank[node], top) for node in chosen]
    edges = [_edge(u, v, relation) for u, v, relation in chosen.edges(data="relation", default="related")]
    relations = Counter(edge["relation"] for edge in edges)
    vis_js, vis_css = _vis_assets()
    html = _template().render(
        title=title,
        notes=notes,
        node_count=len(nodes),
        edge_count=len(edges),
        legend=_legend(Counter(node["kind"] for node in nodes)),
        relations=[{"relation": r, "count": n, **edge_style(r)} for r, n in sorted(relations.items())],
        nodes_json=script_json(nodes),
        edges_json=script_json(edges),
        options_json=script_json(_options(len(nodes))),
        icons_json=script_json({kind: look["icon"] for kind, look in style()["nodes"].items()}),
        vis_js=vis_js,
        vis_css=vis_css,
    )
    return html, len(nodes), len(edges), omitted


def write_atomic(out: Path, text: str) -> int:
    """Write ``text`` to ``out`` through a temporary file in the same folder; return its size in bytes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    fd, temp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return len(data)


def render_html(
    G: nx.MultiDiGraph,
    out: Path,
    *,
    max_nodes: int = 500,
    focus: str | None = None,
    depth: int = 1,
    title: str = DEFAULT_TITLE,
) -> ViewInfo:
    """Draw ``G`` into the self-contained HTML page ``out`` (at most ``max_nodes`` nodes, by PageRank).

    ``focus`` names a node (label or alias) to centre on, with what lies within ``depth`` steps.
    """
    html, n_nodes, n_edges, omitted = page(G, max_nodes=max_nodes, focus=focus, depth=depth, title=title)
    size = write_atomic(Path(out), html)
    return ViewInfo(nodes=n_nodes, edges=n_edges, omitted=omitted, path=Path(out), bytes=size)
