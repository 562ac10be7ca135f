"""Media types of the SPARQL endpoint: Accept negotiation, and answers cut at a row limit.

Results are cut after ``limit`` rows or triples (:class:`Payload` says whether they were); the
formats and their writers (pyoxigraph's) come from :mod:`kg.formats`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

import pyoxigraph as ox

from kg.formats import (
    GRAPH_MEDIA_TYPES,
    SOLUTION_MEDIA_TYPES,
    graph_format,
    results_format,
    write_boolean,
    write_graph,
    write_solutions,
)


@dataclass(frozen=True)
class Payload:
    """A serialized answer: its body, media type, and whether rows or triples were cut off."""

    body: bytes
    media_type: str
    truncated: bool = False


@dataclass(frozen=True)
class Range:
    """One entry of an Accept header."""

    kind: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> bool:
        kind, _, subtype = media_type.partition("/")
        return self.kind in ("*", kind) and self.subtype in ("*", subtype)

    @property
    def specificity(self) -> int:
        return (self.kind != "*") + (self.subtype != "*")


def parse_accept(header: str | None) -> list[Range]:
    """The media ranges of an Accept header; a missing or empty header accepts everything."""
    ranges: list[Range] = []
    for item in (header or "*/*").split(","):
        media, *params = (part.strip() for part in item.split(";"))
        kind, slash, subtype = media.lower().partition("/")
        if not slash or not kind or not subtype:
            continue
        ranges.append(Range(kind, subtype, _quality(params)))
    return ranges or [Range("*", "*", 1.0)]


def _quality(params: list[str]) -> float:
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value.strip()), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0


def negotiate(header: str | None, offered: Iterable[str]) -> str | None:
    """The offered media type the client prefers (RFC 9110: most specific range gives the q), or ``None``."""
    ranges = parse_accept(header)
    best: tuple[float, int, str] | None = None
    for rank, media_type in enumerate(offered):
        matching = [r for r in ranges if r.matches(media_type)]
        if not matching:
            continue
        q = max(matching, key=lambda r: r.specificity).q
        if q > 0 and (best is None or (q, -rank) > (best[0], best[1])):
            best = (q, -rank, media_type)
    return best[2] if best else None


def _take(items: Iterable[Any], limit: int) -> tuple[list[Any], bool]:
    """The first ``limit`` items, and whether there were more."""
    head = list(islice(iter(items), limit + 1))
    return head[:limit], len(head) > limit


def serialize(result: Any, media_type: str, limit: int, prefixes: dict[str, str] | None = None) -> Payload:
    """Serialize a pyoxigraph query result in ``media_type``, keeping at most ``limit`` rows or triples."""
    if isinstance(result, ox.QueryBoolean):
        return Payload(write_boolean(result, results_format(media_type)), media_type)
    if isinstance(result, ox.QueryTriples) or _is_triples(result):
        triples, cut = _take(result, limit)
        return Payload(write_graph(triples, graph_format(media_type), prefixes), media_type, cut)
    variables = [variable.value for variable in result.variables]
    rows, cut = _take(_rows(result, len(variables)), limit)
    return Payload(write_solutions(variables, rows, results_format(media_type)), media_type, cut)


def _is_triples(result: Any) -> bool:
    return not hasattr(result, "variables")


def _rows(solutions: Iterable[Any], width: int) -> Iterator[list[Any]]:
    for solution in solutions:
        yield [solution[index] for index in range(width)]


def result_kind(result: Any) -> str:
    """``"boolean"``, ``"graph"`` or ``"solutions"``: which media types apply to ``result``."""
    if isinstance(result, ox.QueryBoolean):
        return "boolean"
    return "graph" if isinstance(result, ox.QueryTriples) or _is_triples(result) else "solutions"


OFFERS: dict[str, list[str]] = {
    "boolean": SOLUTION_MEDIA_TYPES,
    "solutions": SOLUTION_MEDIA_TYPES,
    "graph": GRAPH_MEDIA_TYPES,
}
"""Which media types each kind of result can be written in, the default first."""
