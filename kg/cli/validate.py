"""``kg validate``: check the store against the SHACL shapes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg import settings
from kg.cli import StoreOption, app, guarded
from kg.errors import ValidationFailed


@app.command()
def validate(
    store: StoreOption = None,
    shapes: Annotated[
        Path | None,
        typer.Option(
            "--shapes", exists=True, dir_okay=False, help="SHACL shapes file; default the shipped shapes."
        ),
    ] = None,
) -> None:
    """Check the store against the SHACL shapes: exit 0 when it conforms, else 1 with a readable report."""
    from kg.store import open_store
    from kg.validate import validate as run_validate

    def work() -> None:
        location = settings.store_location(store)
        with open_store(location, read_only=True) as graph_store:
            report = run_validate(graph_store, shapes)
        typer.echo(report.text)
        if not report.conforms:
            raise ValidationFailed(
                f"store {location} does not conform to the shapes: {report.violations} violations"
            )

    guarded(work)
