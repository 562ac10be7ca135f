"""Write the store as RDF in any graph format of the registry (:mod:`kg.formats`): name, alias or MIME type.

Turtle, N-Triples and RDF/XML have no graphs, so they get the union of the named graphs;
TriG, N-Quads and JSON-LD keep every article's graph and the provenance graph.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from kg.formats import GraphFormat, graph_format
from kg.rdf import prefixes


def export(store: Any, fmt: str, out: Path | None = None) -> GraphFormat:
    """Write ``store`` in format ``fmt`` to ``out`` (atomically) or, when ``out`` is None, to stdout."""
    chosen = graph_format(fmt)
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
