"""``kg export``: write the store as RDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg import settings
from kg.cli import StoreOption, app, err_console, guarded


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="turtle, trig, nt, nq, jsonld, rdfxml, or an alias/MIME type (ttl, application/ld+json).",
        ),
    ] = "turtle",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (written atomically); default stdout.")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Export the graph: Turtle/N-Triples/RDF-XML merge the article graphs, TriG/N-Quads/JSON-LD keep them."""
    from kg.export import export as run_export
    from kg.formats import graph_format
    from kg.store import open_store

    def work() -> None:
        chosen = graph_format(fmt)
        with open_store(settings.store_location(store), read_only=True) as graph_store:
            run_export(graph_store, chosen.name, out)
            if out is not None:
                err_console.print(
                    f"wrote {out} ({chosen.name}, {len(graph_store)} quads in store)", markup=False
                )

    guarded(work)
