"""The namespace prefixes kg writes (Turtle, TriG, RDF/XML) and shortens IRIs with (query tables)."""

from __future__ import annotations

from kg import settings
from kg.terms import PREFIXES

WRITTEN: tuple[str, ...] = (
    "kg", "sem", "prov", "skos", "schema", "dcterms", "geo", "owl", "xsd", "rdfs", "rdf"
)
"""The vocabularies (of :data:`kg.terms.PREFIXES`) whose prefixes kg writes."""

NAMESPACES: dict[str, str] = {name: PREFIXES[name] for name in WRITTEN}

MINTED: dict[str, str] = {
    "entity": "entity/",
    "event": "event/",
    "article": "article/",
    "graph": "graph/",
}
"""Prefixes of the IRIs kg mints, relative to the base IRI (``$KG_BASE``)."""


def prefixes() -> dict[str, str]:
    """All prefixes: the fixed vocabularies and the minted namespaces under the current base IRI."""
    base = settings.base_iri()
    return {**NAMESPACES, **{name: base + path for name, path in MINTED.items()}}


def shorten(iri: str, table: dict[str, str] | None = None) -> str:
    """``prefix:local`` for an IRI in a known namespace (the longest namespace wins), else ``<iri>``."""
    known = table if table is not None else prefixes()
    matches = [(len(namespace), name) for name, namespace in known.items() if iri.startswith(namespace)]
    if not matches:
        return f"<{iri}>"
    _, name = max(matches)
    return f"{name}:{iri[len(known[name]):]}"
