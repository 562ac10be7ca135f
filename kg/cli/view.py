"""``kg view``: draw the graph (or a focused part of it) as one self-contained interactive HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg import settings
from kg.cli import StoreOption, app, guarded


@app.command()
def view(
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("kg-view.html"),
    store: StoreOption = None,
    focus: Annotated[
        str | None, typer.Option("--focus", help="Centre on this entity or event (label or alias).")
    ] = None,
    depth: Annotated[int, typer.Option("--depth", min=1, help="Steps around --focus to show.")] = 1,
    article: Annotated[str | None, typer.Option("--article", help="Only this article's events (id).")] = None,
    types: Annotated[
        list[str] | None, typer.Option("--type", help="Only events of this type (Attack, ...); repeatable.")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only events on/after this ISO date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Only events on/before this ISO date.")] = None,
    max_nodes: Annotated[
        int, typer.Option("--max-nodes", min=1, help="Draw at most this many nodes (the most important).")
    ] = 500,
    level: Annotated[
        str | None,
        typer.Option("--level", help="incidents (one node per real-world event, the default once incidents "
                     "are linked) or reports (one node per article's event)."),
    ] = None,
) -> None:
    """Write an interactive HTML view of the graph that works offline."""
    from kg.analyze import to_networkx
    from kg.errors import BadOptionError
    from kg.store import open_store
    from kg.view import render_html
    from kg.view.page import LEVELS

    def work() -> None:
        with open_store(settings.store_location(store), read_only=True) as graph_store:
            G = to_networkx(graph_store, article=article, types=types, since=since, until=until)
        if level not in (None, *LEVELS):
            raise BadOptionError(f"--level must be one of {', '.join(LEVELS)}, not {level!r}")
        info = render_html(G, out, max_nodes=max_nodes, focus=focus, depth=depth, level=level)
        left_out = f", {info.omitted} left out (see the note in the page)" if info.omitted else ""
        counts = f"{info.nodes} nodes, {info.edges} edges{left_out}, {info.level}; {info.bytes} bytes"
        typer.echo(f"wrote {info.path} ({counts})")

    guarded(work)
