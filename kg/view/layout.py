"""Where the view puts its nodes: a force layout computed once, in Python, with no label overlaps.

The page opens with physics off on these positions, so it is interactive at its first paint (no
layout runs in the browser). Positions are in pixels of the opening view: the layout is fitted to
``width`` × ``height`` (the graph area of a 1440×900 window), then the boxes of the labels shown at
opening (a node's shape with its label under it) are pushed apart until none overlaps. When that
spreads the graph so far that the opening zoom would shrink those labels under their readable size,
fewer labels are shown at opening (the least important go to the next level of detail) and the
layout is redone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np

CHAR_WIDTH = 0.6
"""Width of an average character of the label font, as a share of its size (generous for Arial)."""
LINE_HEIGHT = 1.25
LABEL_GAP = 5
PAD = 6
MAX_PASSES = 80
FILL = 0.45
"""Share of the opening view that the labels shown at opening may cover, before spreading."""
ROOM = 0.8
"""Share of the opening view the force layout is fitted to, leaving room for labels to be pushed apart."""


@dataclass(frozen=True)
class Box:
    """A node as the layout sees it: its shape's radius and the label shown under it at opening."""

    radius: float
    label: str = ""
    font: float = 0.0

    @property
    def label_size(self) -> tuple[float, float]:
        if not self.label or not self.font:
            return 0.0, 0.0
        lines = self.label.split("\n")
        return (
            max(len(line) for line in lines) * self.font * CHAR_WIDTH + 6,
            len(lines) * self.font * LINE_HEIGHT + 4,
        )

    @property
    def size(self) -> tuple[float, float, float]:
        """Width, height and the offset of the box centre below the node centre."""
        width, height = self.label_size
        if not height:
            return 2 * self.radius, 2 * self.radius, 0.0
        total = 2 * self.radius + LABEL_GAP + height
        return max(2 * self.radius, width), total, (LABEL_GAP + height) / 2


def label_area(box: Box) -> float:
    width, height = box.label_size
    return width * height


def spring(G: nx.MultiDiGraph, seed: int = 7) -> dict[str, np.ndarray]:
    """Fruchterman–Reingold positions of the undirected graph, fewer iterations for big graphs.

    Nodes and edges go in sorted, so the same graph gets the same layout in every process (a
    subgraph view iterates a set, whose order changes with Python's hash seed).
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(G, key=str))
    simple.add_edges_from(sorted((min(str(u), str(v)), max(str(u), str(v))) for u, v in G.edges() if u != v))
    n = simple.number_of_nodes()
    if n == 0:
        return {}
    if n == 1:
        return {next(iter(simple)): np.zeros(2)}
    iterations = 100 if n <= 300 else 60 if n <= 1000 else 30
    return nx.spring_layout(simple, seed=seed, iterations=iterations, method="force")


def part_layouts(G: nx.MultiDiGraph) -> list[tuple[list[str], np.ndarray]]:
    """The connected parts of ``G`` (largest first), each with its own force layout."""
    parts = sorted(nx.weakly_connected_components(G), key=lambda c: (-len(c), min(map(str, c))))
    laid = []
    for number, part in enumerate(parts):
        start = spring(G.subgraph(part), seed=7 + number)
        nodes = sorted(part, key=str)
        laid.append((nodes, np.array([start[node] for node in nodes], dtype=float)))
    return laid


def packed(
    parts: list[tuple[list[str], np.ndarray]], weight: Mapping[str, float], aspect: float
) -> dict[str, np.ndarray]:
    """The laid-out parts (:func:`part_layouts`), each sized by its nodes' ``weight`` (area), packed
    in rows (largest first) into a box of the given width/height ``aspect``.

    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "d")])
    >>> pos = packed(part_layouts(G), {n: 100.0 for n in "abcd"}, 1.5)
    >>> sorted(pos) == list("abcd") and bool(pos["a"][0] != pos["c"][0])
    True
    """
    blocks = []
    for part, points in parts:
        side = float(np.sqrt(sum(weight[node] for node in part)))
        wide = (side * np.sqrt(aspect), side / np.sqrt(aspect))
        blocks.append((part, _fit(points, *wide, stretch=2.0) if len(part) > 1 else points * 0, wide))
    total = sum(w * h for _, _, (w, h) in blocks)
    limit = max(np.sqrt(total * aspect), max(w for _, _, (w, _h) in blocks))
    x = y = row = 0.0
    out: dict[str, np.ndarray] = {}
    for part, points, (w, h) in blocks:
        if x > 0 and x + w > limit:
            x, y, row = 0.0, y + row, 0.0
        for node, point in zip(part, points, strict=True):
            out[node] = point + np.array([x + w / 2, y + h / 2])
        x += w
        row = max(row, h)
    return out


def _fit(points: np.ndarray, width: float, height: float, stretch: float = 1.0) -> np.ndarray:
    """``points`` centred and scaled into ``width`` × ``height``; one axis may be stretched up to
    ``stretch`` times more than the other, so a round layout fills a wide view."""
    if len(points) == 1:
        return np.zeros_like(points)
    span = points.max(axis=0) - points.min(axis=0)
    span[span == 0] = 1
    centred = points - (points.max(axis=0) + points.min(axis=0)) / 2
    sx, sy = width / span[0], height / span[1]
    low = min(sx, sy)
    return centred * np.array([min(sx, low * stretch), min(sy, low * stretch)])


def separate(points: np.ndarray, sizes: np.ndarray, aspect: float = 1.0) -> np.ndarray:
    """Push overlapping boxes apart (each pair along the axis where they overlap least).

    ``points`` are node centres, ``sizes`` rows of (width, height, offset of the box centre below);
    an ``aspect`` (width/height of the view) over 1 prefers sideways moves, so the result fills a wide view.

    >>> pts = separate(np.array([[0.0, 0.0], [5.0, 0.0]]), np.array([[40.0, 20.0, 0.0]] * 2))
    >>> bool(abs(pts[1, 0] - pts[0, 0]) >= 40 + PAD or abs(pts[1, 1] - pts[0, 1]) >= 20 + PAD)
    True
    """
    points = points.astype(float).copy()
    if len(points) < 2:
        return points
    half = sizes[:, :2] / 2
    passes = MAX_PASSES if len(points) <= 200 else max(8, MAX_PASSES * 200 // len(points))
    for _ in range(passes):
        centre = points + np.column_stack([np.zeros(len(points)), sizes[:, 2]])
        dx = centre[:, None, 0] - centre[None, :, 0]
        dy = centre[:, None, 1] - centre[None, :, 1]
        over_x = half[:, None, 0] + half[None, :, 0] + PAD - np.abs(dx)
        over_y = half[:, None, 1] + half[None, :, 1] + PAD - np.abs(dy)
        np.fill_diagonal(over_x, 0)
        clash = (over_x > 0) & (over_y > 0)
        if not clash.any():
            break
        along_x = clash & (over_x <= over_y * aspect)
        along_y = clash & ~along_x
        tie = np.where(np.arange(len(points))[:, None] < np.arange(len(points))[None, :], -1.0, 1.0)
        sign_x = np.where(dx == 0, tie, np.sign(dx))
        sign_y = np.where(dy == 0, tie, np.sign(dy))
        move_x = (np.where(along_x, over_x, 0) * sign_x).sum(axis=1) / 2
        move_y = (np.where(along_y, over_y, 0) * sign_y).sum(axis=1) / 2
        points += np.column_stack([move_x, move_y]) * 0.55
    return points


def _without_clashes(
    labelled: list[str], index: Mapping[str, int], points: np.ndarray, sizes: np.ndarray
) -> list[str]:
    """``labelled`` (most important first) less any whose box still overlaps a more important
    one's after separation: those labels wait for the next level of detail."""
    kept: list[str] = []
    for node in labelled:
        i = index[node]
        x, y = points[i, 0], points[i, 1] + sizes[i, 2]
        clear = True
        for other in kept:
            j = index[other]
            apart_x = abs(x - points[j, 0]) >= (sizes[i, 0] + sizes[j, 0]) / 2
            apart_y = abs(y - points[j, 1] - sizes[j, 2]) >= (sizes[i, 1] + sizes[j, 1]) / 2
            if not (apart_x or apart_y):
                clear = False
                break
        if clear:
            kept.append(node)
    return kept


def layout(
    G: nx.MultiDiGraph,
    boxes: Mapping[str, Box],
    order: list[str],
    *,
    width: float,
    height: float,
    min_scale: float,
) -> tuple[dict[str, tuple[float, float]], set[str]]:
    """Positions of the nodes of ``G`` and the set whose labels are shown at opening.

    ``order`` ranks the nodes (most important first); ``boxes`` gives each node with its label at
    the opening font. The labelled set is the most important nodes whose labels fit in ``FILL`` of
    the view; it shrinks until the separated layout fits the view at ``min_scale`` or more.
    """
    nodes = list(G)
    if not nodes:
        return {}, set()
    budget = FILL * width * height
    labelled: list[str] = []
    used = 0.0
    for node in order:
        used += label_area(boxes[node])
        if used > budget and labelled:
            break
        labelled.append(node)
    parts = part_layouts(G)
    while True:
        shown = set(labelled)
        weight = {
            node: float(np.prod(boxes[node].size[:2])) * 2.5
            if node in shown
            else (2 * boxes[node].radius + 2 * PAD) ** 2 * 2.5
            for node in nodes
        }
        start = packed(parts, weight, width / height)
        base = _fit(np.array([start[node] for node in nodes]), width * ROOM, height * ROOM, stretch=1.5)
        sizes = np.array(
            [boxes[node].size if node in shown else Box(boxes[node].radius).size for node in nodes]
        )
        points = separate(base, sizes, width / height)
        low = (points - sizes[:, :2] / 2).min(axis=0)
        high = (points + np.column_stack([sizes[:, 0] / 2, sizes[:, 1] / 2 + sizes[:, 2]])).max(axis=0)
        span = np.maximum(high - low, 1)
        scale = min(width / span[0], height / span[1])
        if scale >= min_scale or len(labelled) <= 1:
            break
        labelled = labelled[: max(1, int(len(labelled) * 0.75))]
    labelled = _without_clashes(labelled, {node: i for i, node in enumerate(nodes)}, points, sizes)
    centre = (low + high) / 2
    placed = {
        node: (round(float(x - centre[0]), 1), round(float(y - centre[1]), 1))
        for node, (x, y) in zip(nodes, points, strict=True)
    }
    return placed, set(labelled)
