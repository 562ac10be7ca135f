"""``kg events``: the event table (one row per event)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg import settings
from kg.cli import StoreOption, app, err_console, guarded
from kg.text import counted


@app.command()
def events(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="csv, tsv, json or table (all columns but the sentence).")
    ] = "csv",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (written atomically); default stdout.")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Print or write the event table (doc,event,type,agent,target,location,time,killed,injured,...)."""
    from kg.events import event_rows, format_events, write_events
    from kg.store import open_store

    def work() -> None:
        format_events([], fmt)  # reject an unknown format before opening the store
        with open_store(settings.store_location(store), read_only=True) as graph_store:
            rows = event_rows(graph_store)
        write_events(rows, fmt, out)
        if out is not None:
            err_console.print(f"wrote {out} ({counted(len(rows), 'event')})", markup=False)

    guarded(work)
