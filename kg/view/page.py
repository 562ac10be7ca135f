"""The page of a view: node and edge data for vis-network, laid out, in one self-contained HTML file.

The page makes no network request at all: the vis-network script and stylesheet that pyvis ships
are inlined, there is no CDN link, and a Content-Security-Policy forbids any fetch (under
``kg serve`` it allows fetching the neighbours of a node from the same server, nothing else).
Text from articles reaches the page only as JSON made safe inside ``<script>`` and is shown with
``textContent``, so a label or sentence holding markup is displayed, never run. Colours, shapes and
label sizes come from ``kg/data/style.yaml``; the page's script is ``kg/templates/view.js``.
"""

from __future__ import annotations

import calendar
import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx

from kg.analyze import importance, is_event, label
from kg.datafiles import read_data
from kg.errors import NotFoundError
from kg.files import atomic_file
from kg.text import web_url
from kg.view.incidents import has_incidents, incident_graph
from kg.view.labels import country_of, display_labels, event_place, related
from kg.view.layout import Box, layout
from kg.view.select import Selection, overview_groups, select

DEFAULT_TITLE = "kg — event graph"
VIEW_WIDTH = 1000
VIEW_HEIGHT = 700
"""The opening view in pixels: the graph area of a 1440×900 window (sidebar and header taken off),
with a margin; the layout is fitted to it so the opening zoom is about 1."""
CLUSTER_NEIGHBOURS = 3
BIG_VIEW = 150
"""Views of more nodes than this draw them smaller (down to 55 % of their size)."""
LEVELS = ("incidents", "reports")
ROLE_OF = {"agent": "agent", "target": "target", "locatedIn": "location", "about": "about"}

_JS_UNSAFE = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"),
              ("\u2029", "\\u2029"))


@dataclass(frozen=True)
class ViewInfo:
    """What was written: counts drawn, nodes left out for size, the file and its size in bytes."""

    nodes: int
    edges: int
    omitted: int
    path: Path
    bytes: int
    level: str = "reports"


@lru_cache(maxsize=1)
def style() -> dict[str, Any]:
    """The view's style sheet (``kg/data/style.yaml``): ``nodes``, ``edges``, ``size`` and ``font``."""
    return read_data("style.yaml")


def node_style(kind: str) -> dict[str, Any]:
    nodes = style()["nodes"]
    return nodes.get(kind, nodes["default"])


def edge_style(relation: str) -> dict[str, Any]:
    edges = style()["edges"]
    return edges.get(relation, edges["default"])


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>``: no ``<``, ``>``, ``&`` or line separators.

    >>> script_json({"label": "</script><b>"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for unsafe, escaped in _JS_UNSAFE:  # str.replace per character: fast on pages of many megabytes
        text = text.replace(unsafe, escaped)
    return text


def span(time: str | None) -> tuple[str | None, str | None]:
    """The first and last day an ISO date, month or year covers.

    >>> span("2024"), span("2024-02"), span("2024-02-03"), span(None)
    (('2024-01-01', '2024-12-31'), ('2024-02-01', '2024-02-31'), ('2024-02-03', '2024-02-03'), (None, None))
    """
    if not time:
        return None, None
    if len(time) == 4:
        return f"{time}-01-01", f"{time}-12-31"
    if len(time) == 7:
        return f"{time}-01", f"{time}-31"
    return time[:10], time[:10]


class Sources:
    """The articles the page cites, each once: nodes refer to them by index."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.items: list[dict[str, Any]] = []
        self._index: dict[tuple[str, str], int] = {}
        self._by_title: dict[str, int] = {}
        for node, data in G.nodes(data=True):
            if is_event(G, node):
                for article in [data.get("article") or {}] + [r["article"] for r in data.get("reports", [])]:
                    self.add(article)

    def add(self, article: dict[str, Any]) -> int | None:
        if not article or not (article.get("doc") or article.get("title")):
            return None
        key = (article.get("doc") or "", article.get("title") or "")
        if key not in self._index:
            self._index[key] = len(self.items)
            self.items.append(
                {name: article.get(name) for name in ("doc", "title", "source", "published")}
                | {"url": web_url(article.get("url"))}
            )
            if article.get("title"):
                self._by_title.setdefault(article["title"], self._index[key])
            if article.get("doc"):
                self._by_title.setdefault(article["doc"], self._index[key])
        return self._index[key]

    def by_title(self, title: str) -> int | None:
        return self._by_title.get(title)


def _sentences(G: nx.MultiDiGraph, node: str, sources: Sources) -> list[list[Any]]:
    """``[sentence, source index]`` per sentence (an entity without its own: those of the events
    naming it); a source known only by its title is cited by that."""
    pairs = list(G.nodes[node].get("sentences", []))
    if not pairs and not is_event(G, node):
        for other in sorted(set(nx.all_neighbors(G, node)), key=str):
            if is_event(G, other):
                pairs += [p for p in G.nodes[other].get("sentences", []) if p not in pairs]
    return [
        [
            text,
            sources.by_title(title) if sources.by_title(title) is not None else sources.add({"title": title}),
        ]
        for text, title in pairs
    ]


def _facts(G: nx.MultiDiGraph, node: str, sentences: list[list[Any]], sources: Sources) -> list[list[Any]]:
    """``[role, value label, value node id or null, [indices into sentences]]`` per role value.

    From the store's per-fact provenance when it has some; else from the event's roles and figures,
    each with the event's own sentence(s).
    """
    data = G.nodes[node]
    own = data.get("article") or {}
    texts = [s[0] for s in sentences]

    def sentence_index(text: str | None) -> list[int]:
        if not text:
            return list(range(len(sentences)))
        if text not in texts:
            texts.append(text)
            sentences.append([text, sources.add(own)])
        return [texts.index(text)]

    grouped: dict[tuple[str, str], list[Any]] = {}
    for role, value, sentence in data.get("facts", []):
        target = value if value in G else None
        shown = label(G, value) if target is not None else str(value)
        entry = grouped.setdefault((role, str(value)), [role, shown, target, []])
        for index in sentence_index(sentence):
            if index not in entry[3]:
                entry[3].append(index)
    if not grouped:
        everything = list(range(len(sentences)))
        for _, other, relation in sorted(G.out_edges(node, data="relation"), key=lambda e: (e[2], str(e[1]))):
            role = ROLE_OF.get(relation, relation)
            grouped.setdefault((role, str(other)), [role, label(G, other), other, everything])
        for role in ("time", "killed", "injured"):
            if data.get(role) is not None:
                grouped[(role, str(data[role]))] = [role, str(data[role]), None, everything]
    return list(grouped.values())


def radius(rank: float, top: float, n_drawn: int = 0) -> float:
    """A node's radius by its importance; nodes of big views are drawn smaller, so they fit.

    >>> radius(1, 1), radius(0, 1), radius(1, 1, n_drawn=600)
    (24.0, 7.0, 13.2)
    """
    sizes = style()["size"]
    shrink = min(1.0, max(0.55, math.sqrt(BIG_VIEW / n_drawn))) if n_drawn else 1.0
    share = math.sqrt(rank / top) if top else 0.0
    return round((sizes["min"] + (sizes["max"] - sizes["min"]) * share) * shrink, 1)


def node_data(
    G: nx.MultiDiGraph, node: str, shown: str, rank: float, top: float, sources: Sources, labelled: bool,
    n_drawn: int = 0,
) -> dict[str, Any]:
    """One node of the page: what vis-network draws and what the details panel and filters read."""
    data = G.nodes[node]
    kind = data.get("kind", "default")
    look = node_style(kind)
    fonts = style()["font"]
    sentences = _sentences(G, node, sources)
    item: dict[str, Any] = {
        "id": str(node),
        "label": shown,
        "kind": kind,
        "name": label(G, node),
        "fullLabel": shown.replace("\n", " · "),
        "shape": look["shape"],
        "color": look["colour"],
        "size": radius(rank, top, n_drawn),
        "font": {"size": fonts["labelled"] if labelled else fonts["minor"]},
        "aliases": list(data.get("aliases", [])),
        "sentences": sentences,
    }
    if is_event(G, node):
        t0, t1 = span(data.get("time"))
        place = event_place(G, node)
        places = [label(G, p) for p in related(G, node, "locatedIn")]
        country = None
        if place is not None:
            country = country_of(G, place)
            if label(G, place) not in places:
                places.append(label(G, place))
        articles = [data.get("article") or {}] + [r["article"] for r in data.get("reports", [])]
        item.update(
            {
                "time": data.get("time"),
                "t0": t0,
                "t1": t1,
                "killed": data.get("killed"),
                "injured": data.get("injured"),
                "places": places,
                "country": country,
                "src": sorted({i for i in (sources.add(a) for a in articles) if i is not None}),
                "facts": _facts(G, node, sentences, sources),
            }
        )
        if data.get("reports"):
            item["reports"] = [
                {
                    "time": r["time"],
                    "killed": r["killed"],
                    "injured": r["injured"],
                    "kind": r["kind"],
                    "src": sources.add(r["article"]),
                }
                for r in data["reports"]
            ]
    else:
        item["country"] = country_of(G, node)
    return item


def edge_data(u: str, v: str, relation: str, facts_of: dict[str, list[list[Any]]]) -> dict[str, Any]:
    look = edge_style(relation)
    role = ROLE_OF.get(relation, relation)
    fact = next((i for i, f in enumerate(facts_of.get(str(u), [])) if f[0] == role and f[2] == str(v)), -1)
    return {
        "id": f"{u}|{relation}|{v}",
        "from": str(u),
        "to": str(v),
        "label": relation,
        "relation": relation,
        "dashes": look["dashes"],
        "arrows": "to",
        "fact": fact,
        "color": {"color": look["colour"], "highlight": look["colour"]},
    }


def _options(n_nodes: int) -> dict[str, Any]:
    fonts = style()["font"]
    return {
        "physics": {
            "enabled": False,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -3000,
                "springLength": 120,
                "springConstant": 0.03,
                "damping": 0.4,
                "avoidOverlap": 0.3,
            },
            "stabilization": {"enabled": False},
        },
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": n_nodes > 200,
            "hideEdgesOnZoom": n_nodes > 1000,
        },
        "nodes": {
            "font": {
                "size": fonts["labelled"],
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "face": "Arial, sans-serif",
            },
            "borderWidth": 1,
            "scaling": {"label": {"drawThreshold": fonts["threshold"], "maxVisible": 40}},
        },
        "edges": {
            "smooth": False,
            "width": 1.2,
            "arrows": {"to": {"scaleFactor": 0.5}},
            "font": {"size": fonts["edge"], "align": "middle", "color": "#52606d", "strokeWidth": 3},
            "scaling": {"label": {"drawThreshold": fonts["threshold"]}},
        },
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
def _script() -> str:
    return resources.files("kg").joinpath("templates/view.js").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet as shipped inside the pyvis package (no CDN)."""
    lib = resources.files("pyvis").joinpath("templates/lib/vis-9.1.2")
    script = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    return script.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def at_level(G: nx.MultiDiGraph, level: str | None) -> tuple[nx.MultiDiGraph, str]:
    """``G`` at the incident level (the default once incidents are linked) or the report level."""
    if level not in (None, *LEVELS):
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    wanted = level or ("incidents" if has_incidents(G) else "reports")
    if wanted == "incidents" and has_incidents(G):
        return incident_graph(G), "incidents"
    return G, "reports"


@dataclass(frozen=True)
class PageData:
    """Everything the page script reads: drawn nodes and edges, left-out ones, cluster groups, sources."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    reserve_nodes: list[dict[str, Any]]
    reserve_edges: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    notes: list[str]
    level: str


def _clusters(G: nx.MultiDiGraph, selection: Selection) -> tuple[nx.MultiDiGraph, dict[str, list[str]]]:
    """The drawn graph with one cluster node per group of left-out events, linked to drawn nodes
    next to its members (so the layout puts it near them)."""
    groups = overview_groups(G, selection.left_out)
    drawn = nx.MultiDiGraph(selection.drawn)
    members: dict[str, list[str]] = {}
    for name, events in groups.items():
        cluster = f"cluster:{name}"
        kinds = Counter(G.nodes[e]["kind"] for e in events)
        drawn.add_node(
            cluster,
            label=f"{name}\n{len(events):,} more",
            kind="Cluster",
            aliases=[],
            sentences=[],
            by_type=dict(kinds),
        )
        near = Counter(other for e in events for other in nx.all_neighbors(G, e) if other in selection.drawn)
        for other, _ in near.most_common(CLUSTER_NEIGHBOURS):
            drawn.add_edge(cluster, other, key="cluster", relation="cluster")
        members[cluster] = events
    return drawn, members


def page_data(
    G: nx.MultiDiGraph,
    *,
    max_nodes: int = 500,
    focus: str | None = None,
    depth: int = 1,
    level: str | None = None,
) -> PageData:
    """The data of a view of ``G`` (see :func:`page`)."""
    G, level = at_level(G, level)
    selection = select(G, max_nodes=max_nodes, focus=focus, depth=depth)
    drawn, members = _clusters(G, selection) if selection.left_out else (selection.drawn, {})
    rank = dict(selection.rank)
    top = max((rank.get(node, 0.0) for node in selection.drawn), default=0.0)
    for cluster, events in members.items():
        rank[cluster] = min(top, sum(rank[e] for e in events))  # groups of events and entities
        events.sort(key=lambda e: (not is_event(G, e), -rank[e], str(e)))  # events open first
    sources = Sources(G)
    labels = display_labels(G, list(selection.drawn) + selection.left_out)
    labels.update({cluster: drawn.nodes[cluster]["label"] for cluster in members})
    fonts = style()["font"]
    order = sorted(drawn, key=lambda n: (-rank.get(n, 0.0), str(n)))
    boxes = {node: Box(radius(rank.get(node, 0), top, len(drawn)), labels[node], fonts["labelled"])
             for node in drawn}
    positions, labelled = layout(
        drawn,
        boxes,
        order,
        width=VIEW_WIDTH,
        height=VIEW_HEIGHT,
        min_scale=(fonts["threshold"] - 0.5) / fonts["labelled"],
    )
    nodes = []
    for node in order:
        if node in members:
            item = {
                "id": node,
                "label": labels[node],
                "kind": "Cluster",
                "name": labels[node].split("\n")[0],
                "fullLabel": labels[node].replace("\n", " · "),
                "members": [str(e) for e in members[node]],
                "byType": drawn.nodes[node]["by_type"],
                "shape": node_style("Cluster")["shape"],
                "color": node_style("Cluster")["colour"],
                "aliases": [],
                "sentences": [],
                "size": boxes[node].radius,
                "font": {"size": fonts["labelled"] if node in labelled else fonts["minor"]},
            }
        else:
            item = node_data(
                G, node, labels[node], rank.get(node, 0.0), top, sources, node in labelled, len(drawn)
            )
        item["x"], item["y"] = positions[node]
        nodes.append(item)
    facts_of = {item["id"]: item.get("facts", []) for item in nodes}
    edges = [edge_data(u, v, rel, facts_of) for u, v, rel in drawn.edges(data="relation", default="related")]
    reserve = [
        node_data(G, node, labels[node], rank.get(node, 0.0), top, sources, False, len(drawn))
        for node in selection.left_out
    ]
    facts_of.update({item["id"]: item.get("facts", []) for item in reserve})
    left = set(selection.left_out)
    reserve_edges = [
        edge_data(u, v, rel, facts_of)
        for u, v, rel in G.edges(data="relation", default="related")
        if u in left or v in left
    ]
    return PageData(nodes, edges, reserve, reserve_edges, sources.items, selection.notes, level)


RESERVE_DERIVED = ("shape", "color", "font", "fullLabel")
"""Fields of a left-out node the page derives from its kind and label when it draws it (smaller pages)."""


def compact_reserve(data: PageData) -> dict[str, Any]:
    """The left-out nodes without what the page derives, and their edges as ``[from, to, relation, fact]``."""
    return {
        "nodes": [{k: v for k, v in n.items() if k not in RESERVE_DERIVED} for n in data.reserve_nodes],
        "edges": [[e["from"], e["to"], e["relation"], e["fact"]] for e in data.reserve_edges],
    }


def filter_options(data: PageData) -> dict[str, Any]:
    """The date range, places and sources the filters offer, over drawn and left-out events."""
    events = [n for n in data.nodes + data.reserve_nodes if "facts" in n]
    days = sorted({day for n in events for day in (n["t0"], n["t1"]) if day})
    countries = Counter(n["country"] for n in events if n.get("country"))
    places = Counter(p for n in events for p in n["places"] if p not in countries)
    outlets = Counter(
        data.sources[i]["source"] for n in events for i in n["src"] if data.sources[i]["source"]
    )
    articles = Counter(i for n in events for i in n["src"])
    source_options = [[f"outlet:{name}", name, count] for name, count in sorted(outlets.items())]
    source_options += [
        [f"article:{data.sources[i]['doc']}", data.sources[i]["title"] or data.sources[i]["doc"], count]
        for i, count in sorted(
            articles.items(),
            key=lambda item: str(data.sources[item[0]]["title"] or data.sources[item[0]]["doc"]),
        )
    ]
    return {
        "dates": [days[0], _real_day(days[-1])] if days else None,
        "placeOptions": [[name, name, count] for name, count in sorted(countries.items())]
        + [[name, f"  {name}", count] for name, count in sorted(places.items())],
        "sourceOptions": source_options,
    }


def _real_day(day: str) -> str:
    """The last day of a span written as day 31 of its month, made a real date (2024-02-31 → 2024-02-29)."""
    year, month, number = (int(part) for part in day.split("-"))
    return f"{year:04d}-{month:02d}-{min(number, calendar.monthrange(year, month)[1]):02d}"


def page(
    G: nx.MultiDiGraph,
    *,
    max_nodes: int = 500,
    focus: str | None = None,
    depth: int = 1,
    title: str = DEFAULT_TITLE,
    level: str | None = None,
    expand_url: str | None = None,
) -> tuple[str, PageData]:
    """The HTML page of a view and its data.

    ``level`` is ``"incidents"`` (one node per incident, the default once incidents are linked) or
    ``"reports"`` (one node per article's event). ``expand_url``, set by ``kg serve``, is where the
    page fetches a node's neighbours from (``?node=ID``); a written file fetches nothing.
    """
    data = page_data(G, max_nodes=max_nodes, focus=focus, depth=depth, level=level)
    drawn_kinds = Counter(node["kind"] for node in data.nodes if node["kind"] != "Cluster")
    all_kinds = drawn_kinds + Counter(node["kind"] for node in data.reserve_nodes)
    relations = Counter(edge["relation"] for edge in data.edges if edge["relation"] != "cluster")
    vis_js, vis_css = _vis_assets()
    connect = "'self'" if expand_url else "'none'"
    html = _template().render(
        title=title,
        notes=data.notes,
        node_count=sum(drawn_kinds.values()),
        edge_count=sum(relations.values()),
        level=data.level,
        legend=[dict(item, count=drawn_kinds[item["kind"]], total=all_kinds[item["kind"]])
                for item in _legend(all_kinds)],
        relations=[{"relation": r, "count": n, **edge_style(r)} for r, n in sorted(relations.items())],
        data_json=script_json(
            {
                "nodes": data.nodes,
                "edges": data.edges,
                "sources": data.sources,
                "options": _options(len(data.nodes)),
                "icons": {kind: look["icon"] for kind, look in style()["nodes"].items()},
                "styles": {
                    kind: {"shape": look["shape"], "color": look["colour"]}
                    for kind, look in style()["nodes"].items()
                },
                "edgeStyles": style()["edges"],
                "fonts": style()["font"],
                "sizes": style()["size"],
                "expandUrl": expand_url,
                "level": data.level,
                **filter_options(data),
            }
        ),
        reserve_json=script_json(compact_reserve(data)),
        connect_src=connect,
        script=_script().replace("</script", "<\\/script"),
        vis_js=vis_js,
        vis_css=vis_css,
    )
    return html, data


def write_atomic(out: Path, text: str) -> int:
    """Write ``text`` to ``out`` atomically (:func:`kg.files.atomic_file`); return its size in bytes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    with atomic_file(out) as handle:
        handle.write(data)
    return len(data)


def render_html(
    G: nx.MultiDiGraph,
    out: Path,
    *,
    max_nodes: int = 500,
    focus: str | None = None,
    depth: int = 1,
    title: str = DEFAULT_TITLE,
    level: str | None = None,
    expand_url: str | None = None,
) -> ViewInfo:
    """Draw ``G`` into the self-contained HTML page ``out`` (at most ``max_nodes`` nodes, by PageRank).

    ``focus`` names a node (label or alias) to centre on, with what lies within ``depth`` steps;
    ``level`` picks incidents or reports (see :func:`page`).
    """
    html, data = page(
        G, max_nodes=max_nodes, focus=focus, depth=depth, title=title, level=level, expand_url=expand_url
    )
    size = write_atomic(Path(out), html)
    drawn = [n for n in data.nodes if n["kind"] != "Cluster"]
    edges = [e for e in data.edges if e["relation"] != "cluster"]
    return ViewInfo(
        nodes=len(drawn),
        edges=len(edges),
        omitted=len(data.reserve_nodes),
        path=Path(out),
        bytes=size,
        level=data.level,
    )


def neighbours(G: nx.MultiDiGraph, node: str, *, level: str | None = None) -> dict[str, Any]:
    """The neighbours of ``node`` and the edges to them, as page data (what ``/view`` expands with)."""
    G, _ = at_level(G, level)
    if node not in G:
        raise NotFoundError(f"no node {node!r} in the graph")
    near = [node, *sorted(set(nx.all_neighbors(G, node)), key=str)]
    sub = G.subgraph(near)
    sources = Sources(G)
    labels = display_labels(G, near)
    rank = importance(G)
    top = max(rank.values(), default=0.0)
    nodes = [node_data(sub, n, labels[n], rank.get(n, 0.0), top, sources, True) for n in near]
    facts_of = {item["id"]: item.get("facts", []) for item in nodes}
    edges = [edge_data(u, v, rel, facts_of) for u, v, rel in sub.edges(data="relation", default="related")]
    return {"nodes": nodes, "edges": edges, "sources": sources.items}
