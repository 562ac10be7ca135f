"""Write the store as RDF: one registry maps every format name, alias and MIME type to one exporter.

Turtle, N-Triples and RDF/XML have no graphs, so they get the union of the named graphs;
TriG, N-Quads and JSON-LD keep every article's graph and the provenance graph.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import RdfFormat

from kg.errors import UnknownFormatError
from kg.store.prefixes import prefixes


@dataclass(frozen=True)
class Exporter:
    """One RDF serialization: its canonical name, the names it also answers to, and pyoxigraph's format."""

    name: str
    rdf_format: RdfFormat
    aliases: tuple[str, ...]

    @property
    def keeps_graphs(self) -> bool:
        return bool(self.rdf_format.supports_datasets)

    @property
    def media_type(self) -> str:
        return self.rdf_format.media_type

    @property
    def suffix(self) -> str:
        return self.rdf_format.file_extension


EXPORTERS: tuple[Exporter, ...] = (
    Exporter("turtle", RdfFormat.TURTLE, ("ttl", "text/turtle")),
    Exporter("trig", RdfFormat.TRIG, ("application/trig",)),
    Exporter("nt", RdfFormat.N_TRIPLES, ("ntriples", "n-triples", "application/n-triples")),
    Exporter("nq", RdfFormat.N_QUADS, ("nquads", "n-quads", "application/n-quads")),
    Exporter("jsonld", RdfFormat.JSON_LD, ("json-ld", "application/ld+json")),
    Exporter("rdfxml", RdfFormat.RDF_XML, ("xml", "rdf", "application/rdf+xml")),
)

FORMATS: dict[str, Exporter] = {
    key: exporter for exporter in EXPORTERS for key in (exporter.name, *exporter.aliases)
}
"""Every accepted name (case-insensitive) → its exporter."""


def exporter(fmt: str) -> Exporter:
    """The exporter named ``fmt`` (a name, alias or MIME type)."""
    try:
        return FORMATS[fmt.strip().lower()]
    except KeyError:
        raise UnknownFormatError("export format", fmt, [e.name for e in EXPORTERS]) from None


def export(store: Any, fmt: str, out: Path | None = None) -> Exporter:
    """Write ``store`` in format ``fmt`` to ``out`` (atomically) or, when ``out`` is None, to stdout."""
    chosen = exporter(fmt)
    if out is not None:
        store.dump(out, chosen.rdf_format, prefixes=prefixes())
        return chosen
    with tempfile.TemporaryDirectory(prefix="kg-export-") as folder:
        temp = Path(folder) / f"graph.{chosen.suffix}"
        store.dump(temp, chosen.rdf_format, prefixes=prefixes())
        with temp.open("rb") as data:
            sys.stdout.flush()
            shutil.copyfileobj(data, sys.stdout.buffer)
            sys.stdout.buffer.flush()
    return chosen
