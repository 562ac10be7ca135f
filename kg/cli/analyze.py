"""``kg analyze``: who matters, which groups, which places, how things connect — as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from kg import settings
from kg.cli import StoreOption, app, guarded
from kg.text import printable


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", min_width=len(title))
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if cell is None else printable(str(cell)) for cell in row))
    return table


def _summary(section: dict[str, Any]) -> Table:
    rows = [["nodes", section["nodes"]], ["edges", section["edges"]]]
    rows += [[f"events: {kind}", n] for kind, n in section["events"].items()]
    rows += [[f"incidents: {kind}", n] for kind, n in section.get("incidents", {}).items()]
    rows += [[f"entities: {kind}", n] for kind, n in section["entities"].items()]
    return _table("Graph", ["what", "how many"], rows)


def _names(named: list[dict[str, Any]]) -> str:
    return ", ".join(f"{item['label']} ({item['events']})" for item in named)


def _actors(section: dict[str, Any]) -> Table:
    columns = ["actor", "kind", "events", "pagerank", "betweenness"]
    rows = [[a["label"], a["kind"], a["events"], a["pagerank"], a["betweenness"]] for a in section["actors"]]
    table = _table("Key actors", columns, rows)
    table.caption, table.caption_justify = section["ranking"], "left"
    return table


def _communities(section: dict[str, Any]) -> Table:
    table = _table("Communities (Louvain)", ["size", "events", "top actors", "top places"], [
        [c["size"], c["events"], _names(c["actors"]), _names(c["places"])] for c in section["communities"]
    ])
    table.caption, table.caption_justify = "size: nodes; (n): events naming the actor or place", "left"
    return table


def _attacks(title: str, name: str, rows: list[dict[str, Any]]) -> Table:
    columns = [name, "kind", "attacks", "incidents", "killed", "injured"]
    table = _table(title, columns, [[row[column] for column in columns] for row in rows])
    table.caption = "attacks: reports; incidents: real-world attacks (linked reports count once)"
    table.caption_justify = "left"
    return table


def _places(section: dict[str, Any]) -> Table:
    return _attacks("Places attacked most (located in)", "place", section["places"])


def _targets(section: dict[str, Any]) -> Table:
    return _attacks("Targets attacked most", "target", section["targets"])


def _pairs(section: dict[str, Any]) -> Table:
    return _table("Actors in the same events", ["actor", "actor", "shared events"],
                  [[p["a"], p["b"], p["weight"]] for p in section["pairs"]])


def _timeline(section: dict[str, Any]) -> Table:
    table = _table(f"Timeline ({len(section['events'])} dated events)",
                  ["when", "event", "targets", "places", "killed", "injured"],
                  [[e["time"], e["label"], ", ".join(e["targets"]), ", ".join(e["places"]), e["killed"],
                    e["injured"]] for e in section["events"]])
    table.columns[0].no_wrap = True
    return table


def _undated(section: dict[str, Any]) -> Table:
    columns = ["event", "targets", "places", "killed", "injured"]
    return _table(f"Undated events ({section['undated']})", columns,
                  [[e["label"], ", ".join(e["targets"]), ", ".join(e["places"]), e["killed"], e["injured"]]
                   for e in section["undated_events"]])


def _components(section: dict[str, Any]) -> Table:
    return _table(f"Connected parts ({section['count']})", ["size", "events", "top actors", "top places"],
                  [[c["size"], c["events"], _names(c["actors"]), _names(c["places"])]
                   for c in section["components"]])


def _path(section: dict[str, Any]) -> Table:
    title = f"Shortest path from {section['from']} to {section['to']}"
    if not section["path"]:
        return _table(title, ["result"], [["no path: they are in different connected parts"]])
    return _table(title + f" ({section['length']} steps)", ["subject", "relation", "object"],
                  [[s["subject"], s["relation"], s["object"]] for s in section["steps"]])


SECTIONS: dict[str, Callable[[dict[str, Any]], Table]] = {
    "summary": _summary,
    "key_actors": _actors,
    "communities": _communities,
    "most_targeted_places": _places,
    "most_targeted": _targets,
    "actor_cooccurrence": _pairs,
    "timeline": _timeline,
    "components": _components,
    "shortest_path": _path,
}
"""Report section → how it is drawn as text."""


@app.command()
def analyze(
    store: StoreOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="text (tables) or json.")
    ] = "text",
    path: Annotated[
        tuple[str, str] | None,
        typer.Option("--path", metavar="NAME NAME", help="Also find the shortest path between two names."),
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, metavar="N", help="How many rows per ranking.")] = 10,
    min_events: Annotated[int, typer.Option(
        "--min-events", min=1, metavar="N",
        help="Key actors take part in at least N events (else: the actors of the largest connected part).",
    )] = 2,
    plot: Annotated[Path | None, typer.Option(
        "--plot", metavar="FILE.png",
        help="Also draw events over time by type and the key actors into a PNG (matplotlib, the plot extra).",
    )] = None,
) -> None:
    """Key actors, communities, places and targets attacked most, co-occurring actors, timeline, parts."""
    from kg.analyze import report, shortest_path, to_networkx
    from kg.errors import UnknownFormatError

    def work() -> None:
        if fmt not in ("text", "json"):
            raise UnknownFormatError("analysis format", fmt, ["text", "json"])
        with open_store_for(store) as graph_store:
            G = to_networkx(graph_store)
        result = report(G, top, min_events)
        if path is not None:
            result["shortest_path"] = shortest_path(G, *path)
        if plot is not None:
            from kg.plot import plot_report

            plot_report(result, plot)
        if fmt == "json":
            typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        else:
            tables = []
            for name, section in result.items():
                tables.append(SECTIONS[name](section))
                if name == "timeline" and section["undated"]:
                    tables.append(_undated(section))
            typer.echo("\n\n".join(render(table) for table in tables))
        if plot is not None:
            typer.echo(f"plot written to {plot}", err=True)

    guarded(work)


def render(table: Table) -> str:
    """A table as text as wide as the terminal (80 columns in a pipe), without trailing spaces."""
    console = Console(highlight=False, soft_wrap=False, width=Console().width)
    with console.capture() as captured:
        console.print(table)
    return "\n".join(line.rstrip() for line in captured.get().splitlines())


def open_store_for(store: str | None):
    from kg.store import open_store

    return open_store(settings.store_location(store), read_only=True)
