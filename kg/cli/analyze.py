"""``kg analyze``: who matters, which groups, which places, how things connect — as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
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
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if cell is None else printable(str(cell)) for cell in row))
    return table


def _summary(section: dict[str, Any]) -> Table:
    rows = [["nodes", section["nodes"]], ["edges", section["edges"]]]
    rows += [[f"events: {kind}", n] for kind, n in section["events"].items()]
    rows += [[f"incidents: {kind}", n] for kind, n in section.get("incidents", {}).items()]
    rows += [[f"entities: {kind}", n] for kind, n in section["entities"].items()]
    return _table("Graph", ["what", "how many"], rows)


def _actors(section: dict[str, Any]) -> Table:
    columns = ["actor", "kind", "events", "pagerank", "betweenness"]
    rows = [[a["label"], a["kind"], a["events"], a["pagerank"], a["betweenness"]] for a in section["actors"]]
    return _table("Key actors (PageRank, betweenness)", columns, rows)


def _communities(section: dict[str, Any]) -> Table:
    return _table("Communities (Louvain)", ["size", "events", "members"],
                  [[c["size"], c["events"], ", ".join(c["members"][:8])] for c in section["communities"]])


def _places(section: dict[str, Any]) -> Table:
    return _table("Most targeted places", ["place", "attacks", "killed", "injured"],
                  [[p["place"], p["attacks"], p["killed"], p["injured"]] for p in section["places"]])


def _pairs(section: dict[str, Any]) -> Table:
    return _table("Actors in the same events", ["actor", "actor", "shared events"],
                  [[p["a"], p["b"], p["weight"]] for p in section["pairs"]])


def _timeline(section: dict[str, Any]) -> Table:
    table = _table("Timeline", ["when", "type", "event", "agents", "places", "killed", "injured"],
                   [[e["time"], e["type"], e["label"], ", ".join(e["agents"]), ", ".join(e["places"]),
                     e["killed"], e["injured"]] for e in section["events"]])
    table.caption = f"{section['undated']} undated events not shown" if section["undated"] else None
    return table


def _components(section: dict[str, Any]) -> Table:
    return _table(f"Connected parts ({section['count']})", ["size", "events", "most important members"],
                  [[c["size"], c["events"], ", ".join(c["members"])] for c in section["components"]])


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
    "actor_cooccurrence": _pairs,
    "timeline": _timeline,
    "components": _components,
    "shortest_path": _path,
}
"""Report section → how it is drawn as text."""


@app.command()
def analyze(
    store: StoreOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text (tables) or json.")] = "text",
    path: Annotated[
        tuple[str, str] | None, typer.Option("--path", help="Also find the shortest path between two names.")
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many rows per ranking.")] = 10,
) -> None:
    """Key actors, communities, most targeted places, co-occurring actors, timeline and connected parts."""
    from kg.analyze import report, shortest_path, to_networkx
    from kg.errors import UnknownFormatError

    def work() -> None:
        if fmt not in ("text", "json"):
            raise UnknownFormatError("analysis format", fmt, ["text", "json"])
        with open_store_for(store) as graph_store:
            G = to_networkx(graph_store)
        result = report(G, top)
        if path is not None:
            result["shortest_path"] = shortest_path(G, *path)
        if fmt == "json":
            typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
            return
        console = Console(highlight=False, soft_wrap=False)
        for name, section in result.items():
            console.print(SECTIONS[name](section))
            console.print()

    guarded(work)


def open_store_for(store: str | None):
    from kg.store import open_store

    return open_store(settings.store_location(store), read_only=True)
