"""SHACL validation of the knowledge graph against ``ontology/shapes.ttl`` with pyshacl.

The data is the union of all graphs: a store's default graph (the union of its named graphs),
an rdflib graph or dataset (flattened), or a sequence of pyoxigraph quads or triples.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, singledispatch
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pyshacl
import rdflib
from rdflib.namespace import RDFS, SH, SKOS

from kg.errors import OntologyError
from kg.terms import DCTERMS, PREFIXES, ontology_path
from kg.text import counted

SHAPES_FILE = "shapes.ttl"
ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
LABEL_PROPERTIES = (SKOS.prefLabel, RDFS.label, rdflib.URIRef(DCTERMS.identifier.value))
"""Where a focus node's readable name is looked for, in order."""


@dataclass(frozen=True)
class Violation:
    """One SHACL result, readable: the focus node's label and IRI, the path, the message, the value."""

    focus: str
    focus_iri: str
    path: str
    message: str
    severity: str
    value: str | None = None

    def line(self) -> str:
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity}: {self.focus} <{self.focus_iri}>: {self.path}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """``conforms`` when no shape is violated; ``text`` is a readable report, one line per result."""

    conforms: bool
    text: str
    violations: int
    results: tuple[Violation, ...] = ()
    triples: int = 0


def _triples_graph(triples: Iterable[ox.Triple]) -> rdflib.Graph:
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return rdflib.Graph().parse(data=data, format="nt")


@singledispatch
def data_graph(source: Any) -> rdflib.Graph:
    """The union of all triples of ``source`` as one rdflib graph. A store is read with one CONSTRUCT."""
    if not hasattr(source, "query"):
        raise TypeError(f"cannot validate a {type(source).__name__}: give a store, an rdflib graph or quads")
    return _triples_graph(source.query(ALL_TRIPLES))


@data_graph.register
def _(source: rdflib.Graph) -> rdflib.Graph:
    if not source.context_aware:
        return source
    union = rdflib.Graph()
    for s, p, o, _g in source.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


@data_graph.register(list)
@data_graph.register(tuple)
def _(source: Sequence[ox.Quad | ox.Triple]) -> rdflib.Graph:
    return _triples_graph(ox.Triple(t.subject, t.predicate, t.object) for t in source)


def _shapes_graph(path: Path) -> rdflib.Graph:
    """The shapes file parsed, cached until the file changes."""
    return _parsed_shapes(path, path.stat().st_mtime_ns)


@cache
def _parsed_shapes(path: Path, _mtime_ns: int) -> rdflib.Graph:
    try:
        return rdflib.Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds of parse errors
        reason = " ".join(str(exc).split())
        raise OntologyError(f"{path}: cannot parse the SHACL shapes: {reason}") from exc


def _short(term: rdflib.term.Node) -> str:
    text = str(term)
    for prefix, iri in PREFIXES.items():
        if isinstance(term, rdflib.URIRef) and text.startswith(iri):
            return f"{prefix}:{text[len(iri) :]}"
    return text if not isinstance(term, rdflib.BNode) else "(path)"


def _label(data: rdflib.Graph, node: rdflib.term.Node) -> str:
    for prop in LABEL_PROPERTIES:
        value = data.value(node, prop)
        if value is not None:
            return f'"{value}"'
    return _short(node)


def _violations(results: rdflib.Graph, data: rdflib.Graph) -> tuple[Violation, ...]:
    found = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        found.append(
            Violation(
                focus=_label(data, focus),
                focus_iri=str(focus),
                path=_short(path) if path is not None else "(node)",
                message=str(results.value(result, SH.resultMessage) or "constraint violated"),
                severity=_short(results.value(result, SH.resultSeverity)).removeprefix("sh:"),
                value=str(value) if value is not None else None,
            )
        )
    return tuple(sorted(found, key=lambda v: (v.focus_iri, v.path, v.message, v.value or "")))


def validate(store_or_graph: Any, shapes: str | Path | None = None) -> ValidationReport:
    """Check the whole graph against the SHACL shapes: ``ontology/shapes.ttl``, or the file ``shapes``."""
    data = data_graph(store_or_graph)
    shapes_graph = _shapes_graph(Path(shapes) if shapes is not None else ontology_path(SHAPES_FILE))
    conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes_graph, inference="none", advanced=False, allow_warnings=True
    )
    found = _violations(results, data)
    violations = sum(v.severity == "Violation" for v in found)
    head = (
        f"conforms: {len(data)} triples checked"
        if conforms
        else f"does not conform: {counted(violations, 'violation')} in {len(data)} triples"
    )
    text = "\n".join([head, *(v.line() for v in found)])
    return ValidationReport(
        conforms=bool(conforms), text=text, violations=violations, results=found, triples=len(data)
    )
