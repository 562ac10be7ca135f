"""Media types of the SPARQL endpoint: Accept negotiation and result serialization with a row limit.

Results are cut after ``limit`` rows or triples (:class:`Payload` says whether they were), so
the serializers take plain lists: JSON, XML, CSV and TSV for solutions are written here (pyoxigraph
cannot serialize a list of solutions), graphs and booleans by pyoxigraph.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any
from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

SOLUTION_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
}
"""Media types offered for SELECT and ASK: the default first, common aliases last."""

GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/turtle": ox.RdfFormat.TURTLE,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
"""Media types offered for CONSTRUCT and DESCRIBE: the default first, common aliases last."""

BARE_TSV_LITERALS: dict[str, re.Pattern[str]] = {
    "http://www.w3.org/2001/XMLSchema#integer": re.compile(r"[+-]?[0-9]+"),
    "http://www.w3.org/2001/XMLSchema#decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    "http://www.w3.org/2001/XMLSchema#double": re.compile(
        r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+"
    ),
    "http://www.w3.org/2001/XMLSchema#boolean": re.compile(r"true|false"),
}
"""Literals written in TSV as bare Turtle numbers or booleans, when their lexical form allows it."""


def escape(text: str) -> str:
    """XML character data, with double quotes escaped too."""
    return _escape(text, {'"': "&quot;"})


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


# solutions ----------------------------------------------------------------------------------------


def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {part: _json_term(getattr(term, part)) for part in parts}}
    cell: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        cell["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        cell["datatype"] = term.datatype.value
    return cell


def solutions_json(variables: list[str], rows: list[list[Any]]) -> bytes:
    bindings = [
        {name: _json_term(term) for name, term in zip(variables, row, strict=True) if term is not None}
        for row in rows
    ]
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        parts = ("subject", "predicate", "object")
        inner = "".join(f"<{part}>{_xml_term(getattr(term, part))}</{part}>" for part in parts)
        return f"<triple>{inner}</triple>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def solutions_xml(variables: list[str], rows: list[list[Any]]) -> bytes:
    out = ['<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    out += [f"<variable name={quoteattr(name)}/>" for name in variables]
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        out += [
            f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
            for name, term in zip(variables, row, strict=True)
            if term is not None
        ]
        out.append("</result>")
    out.append("</results></sparql>")
    return "".join(out).encode()


def _csv_cell(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def solutions_csv(variables: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    writer.writerows([_csv_cell(term) for term in row] for row in rows)
    return buffer.getvalue().encode()


def _tsv_cell(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        bare = BARE_TSV_LITERALS.get(term.datatype.value)
        if bare is not None and bare.fullmatch(term.value):
            return term.value
    return str(term)


def solutions_tsv(variables: list[str], rows: list[list[Any]]) -> bytes:
    lines = ["\t".join(f"?{name}" for name in variables)]
    lines += ["\t".join(_tsv_cell(term) for term in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


SOLUTION_WRITERS: dict[ox.QueryResultsFormat, Callable[[list[str], list[list[Any]]], bytes]] = {
    ox.QueryResultsFormat.JSON: solutions_json,
    ox.QueryResultsFormat.XML: solutions_xml,
    ox.QueryResultsFormat.CSV: solutions_csv,
    ox.QueryResultsFormat.TSV: solutions_tsv,
}


def _take(items: Iterable[Any], limit: int) -> tuple[list[Any], bool]:
    """The first ``limit`` items, and whether there were more."""
    head = list(islice(iter(items), limit + 1))
    return head[:limit], len(head) > limit


def serialize(result: Any, media_type: str, limit: int, prefixes: dict[str, str] | None = None) -> Payload:
    """Serialize a pyoxigraph query result in ``media_type``, keeping at most ``limit`` rows or triples."""
    if isinstance(result, ox.QueryBoolean):
        return Payload(result.serialize(format=SOLUTION_TYPES[media_type]), media_type)
    if isinstance(result, ox.QueryTriples) or _is_triples(result):
        triples, cut = _take(result, limit)
        body = ox.serialize(triples, format=GRAPH_TYPES[media_type], prefixes=prefixes or {})
        return Payload(body or b"", media_type, cut)
    variables = [variable.value for variable in result.variables]
    rows, cut = _take(_rows(result, len(variables)), limit)
    return Payload(SOLUTION_WRITERS[SOLUTION_TYPES[media_type]](variables, rows), media_type, cut)


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
    "boolean": list(SOLUTION_TYPES),
    "solutions": list(SOLUTION_TYPES),
    "graph": list(GRAPH_TYPES),
}
"""Which media types each kind of result can be written in, the default first."""
